//! Planting faults: the footer's identifiers, the message board, and content placed into
//! articles, each as the scenario's `[[site.fault]]` entries ask.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use xunwang_core::{FindingKind, WorkCalendar};

use crate::Error;
use crate::rng::{Rng, hash_str};
use crate::scenario::{Behaviour, FaultSpec, SiteSpec};
use crate::text;
use crate::world::{
    ColumnClass, ColumnStyle, Footer, Message, MessageRole, NEWS_HOST, Personal, Plant, Site, World,
};

impl World {
    pub(crate) fn footer(&self, spec: &SiteSpec) -> Result<Footer, Error> {
        let mut rng = Rng::new(&[self.seed, hash_str(&spec.key), 3]);
        let psb = format!("{}{:08}", &self.region_code, rng.below(100_000_000));
        let mut footer = Footer {
            site_code: Some(spec.site_code.clone()),
            meta_site_code: Some(spec.site_code.clone()),
            icp: Some(format!(
                "{}ICP备{:08}号-{}",
                self.province_abbr,
                rng.below(100_000_000),
                rng.range(1, 3)
            )),
            psb: Some(psb),
            conac: true,
            error_report: true,
            organizer: true,
        };
        for f in &spec.faults {
            match f.kind {
                FindingKind::IdentitySiteCodeMissing => {
                    footer.site_code = None;
                    footer.meta_site_code = None;
                }
                FindingKind::IdentitySiteCodeInvalid => {
                    // Nine digits: one short, as seen on real footers with a typo.
                    let bad = spec.site_code[..spec.site_code.len().saturating_sub(1)].to_owned();
                    footer.site_code = Some(bad.clone());
                    footer.meta_site_code = Some(bad);
                }
                FindingKind::IdentitySiteCodeMismatch => {
                    let mut other: Vec<char> = spec.site_code.chars().collect();
                    if let Some(last) = other.last_mut() {
                        *last = if *last == '9' {
                            '1'
                        } else {
                            char::from(*last as u8 + 1)
                        };
                    }
                    footer.meta_site_code = Some(other.into_iter().collect());
                }
                FindingKind::IdentityIcpMissing => footer.icp = None,
                FindingKind::IdentityPsbMissing => footer.psb = None,
                FindingKind::IdentityConacMissing => footer.conac = false,
                FindingKind::IdentityErrorReportEntryMissing => footer.error_report = false,
                FindingKind::IdentityOrganizerMissing => footer.organizer = false,
                _ => {}
            }
        }
        Ok(footer)
    }

    pub(crate) fn messages(
        &mut self,
        site_seed: u64,
        spec: &SiteSpec,
    ) -> Result<Vec<Message>, Error> {
        let count_of = |kind: FindingKind| -> u32 {
            spec.faults
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| f.count.unwrap_or(1))
                .sum()
        };
        let slow = count_of(FindingKind::InteractionSlowReply);
        let unanswered = count_of(FindingKind::InteractionUnanswered);
        let mut roles = Vec::new();
        roles.extend(std::iter::repeat_n(MessageRole::Slow, slow as usize));
        roles.extend(std::iter::repeat_n(
            MessageRole::Unanswered,
            unanswered as usize,
        ));
        roles.push(MessageRole::Pending);
        roles.push(MessageRole::Ancient);
        let normal = spec.messages.saturating_sub(roles.len() as u32);
        roles.extend(std::iter::repeat_n(MessageRole::Normal, normal as usize));
        let limit = self.reply_working_days;
        let mut out = Vec::new();
        for (i, role) in roles.into_iter().enumerate() {
            let mut rng = Rng::new(&[site_seed, i as u64, 4]);
            let days_ago = match role {
                MessageRole::Normal => rng.range(15, 330),
                MessageRole::Slow => rng.range(40, 300),
                MessageRole::Unanswered => rng.range(
                    self.windows.unanswered_days + 10,
                    self.windows.unanswered_days + 120,
                ),
                MessageRole::Pending => 0,
                MessageRole::Ancient => self.windows.interaction_lookback_days + rng.range(20, 120),
            };
            let mut posted =
                self.now - Duration::days(days_ago) - Duration::minutes(rng.range(30, 600));
            if role == MessageRole::Pending {
                // Posted within the last hours: no reply is due yet whatever the calendar says.
                posted = self.now - Duration::minutes(rng.range(30, 240));
            }
            let replied = match role {
                MessageRole::Normal => Some(
                    self.after_working_days(posted, rng.range(1, i64::from(limit.max(1))) as u32),
                ),
                MessageRole::Slow => {
                    Some(self.after_working_days(posted, limit + rng.range(3, 15) as u32))
                }
                _ => None,
            };
            let topic = *rng.pick(text::TOPICS);
            let title = match rng.below(4) {
                0 => format!("关于{topic}相关政策的咨询"),
                1 => format!("建议加快推进{topic}"),
                2 => format!("{topic}办理流程咨询"),
                _ => format!("反映小区周边{topic}问题"),
            };
            out.push(Message {
                id: 900_000 + (self_site_hash(site_seed) % 90_000) * 10 + i as u64,
                title,
                author: text::masked_name(&mut rng),
                posted,
                replied,
                role,
            });
        }
        out.sort_by(|a, b| b.posted.cmp(&a.posted).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// `n` working days after `start`, at a working hour; weekdays only where the official
    /// calendar has no data (recorded in the manifest).
    pub(crate) fn after_working_days(
        &mut self,
        start: DateTime<FixedOffset>,
        n: u32,
    ) -> DateTime<FixedOffset> {
        let day = match WorkCalendar::official().add_working_days(start.date_naive(), n) {
            Ok(d) => d,
            Err(_) => {
                self.calendar_fallback = true;
                weekdays_after(start.date_naive(), n)
            }
        };
        let at = day.and_hms_opt(10, 30, 0).expect("valid time");
        let t = at
            .and_local_timezone(*start.offset())
            .single()
            .unwrap_or(start);
        t.min(self.now - Duration::minutes(5))
    }

    pub(crate) fn plant(
        &mut self,
        site: &mut Site,
        site_seed: u64,
        f: &FaultSpec,
    ) -> Result<(), String> {
        let mut rng = Rng::new(&[
            site_seed,
            hash_str(f.kind.id()),
            hash_str(f.place.as_deref().unwrap_or("")),
            5,
        ]);
        let place = f.place.as_deref();
        let target_col = |site: &Site, default: ColumnClass| -> Result<usize, String> {
            match &f.column {
                Some(key) => site
                    .columns
                    .iter()
                    .position(|c| &c.key == key && c.style == ColumnStyle::List && c.count > 0)
                    .ok_or_else(|| format!("{}: no non-empty list column `{key}`", f.kind)),
                None => site
                    .columns
                    .iter()
                    .position(|c| c.class == default && c.style == ColumnStyle::List && c.count > 0)
                    .ok_or_else(|| format!("{}: no non-empty {default:?} column", f.kind)),
            }
        };
        let put = |site: &mut Site, default: ColumnClass, plant: Plant| -> Result<(), String> {
            if place == Some("home") {
                site.home_plants.push(plant);
                return Ok(());
            }
            let ci = target_col(site, default)?;
            let k = site.free_item(ci, 1);
            site.plants.entry((ci, k)).or_default().push(plant);
            Ok(())
        };
        use FindingKind as K;
        match f.kind {
            K::ContentGambling => put(
                site,
                ColumnClass::News,
                Plant::Gambling(rng.pick(text::GAMBLING_TERMS).to_string()),
            )?,
            K::ContentPorn => put(
                site,
                ColumnClass::News,
                Plant::PornMeta(rng.pick(text::PORN_TERMS).to_string()),
            )?,
            K::ContentTitleHijack => {
                let terms = format!(
                    "{}_{}_{}",
                    text::GAMBLING_TERMS[0],
                    text::GAMBLING_TERMS[1],
                    text::GAMBLING_TERMS[3]
                );
                put(site, ColumnClass::News, Plant::TitleHijack(terms))?;
            }
            K::ContentHiddenLink => {
                let technique = match f.technique.as_deref().unwrap_or("display-none") {
                    "display-none" => "display-none",
                    "offscreen" => "offscreen",
                    "marquee" => "marquee",
                    other => return Err(format!("unknown hidden-link technique `{other}`")),
                };
                put(site, ColumnClass::News, Plant::Hidden(technique))?;
            }
            K::ContentJsRedirect => put(site, ColumnClass::News, Plant::JsRedirect)?,
            K::ContentAd => put(site, ColumnClass::News, Plant::Ad)?,
            K::ContentCloaking => site.cloaking = true,
            K::ContentTypo => {
                let (w, r) = *rng.pick(text::TYPOS);
                put(site, ColumnClass::News, Plant::Typo(w, r))?;
            }
            K::ContentOutdatedTerm => {
                let (o, n) = *rng.pick(text::OUTDATED_TERMS);
                put(site, ColumnClass::News, Plant::Outdated(o, n))?;
            }
            K::PrivacyIdNumber | K::PrivacyPhone | K::PrivacyBankCard => {
                let (what, value) = match f.kind {
                    K::PrivacyIdNumber => (
                        Personal::IdNumber,
                        text::id_number(&mut rng, &self.region_code),
                    ),
                    K::PrivacyPhone => (Personal::Phone, text::mobile(&mut rng)),
                    _ => (Personal::BankCard, text::bank_card(&mut rng)),
                };
                let attachment = place == Some("attachment");
                let plant = Plant::Personal {
                    what,
                    value,
                    attachment,
                };
                let ci = target_col(site, ColumnClass::Notice)?;
                let k = site.free_item(ci, 1);
                site.plants.entry((ci, k)).or_default().push(plant);
            }
            K::LinkBroken => {
                let (href, text) = match place.unwrap_or("internal") {
                    "internal" => {
                        let c = &site.columns[target_col(site, ColumnClass::Notice)?];
                        (
                            format!(
                                "{}{}201901/t20190115_{}.html",
                                site.origin,
                                c.path,
                                90_000 + rng.below(9_999)
                            ),
                            "相关链接".to_owned(),
                        )
                    }
                    "attachment" => {
                        let c = &site.columns[target_col(site, ColumnClass::Notice)?];
                        (
                            format!(
                                "{}{}202001/P020200110{:06}.pdf",
                                site.origin,
                                c.path,
                                rng.below(1_000_000)
                            ),
                            "附件：实施细则.pdf".to_owned(),
                        )
                    }
                    "external" => (
                        format!("http://{NEWS_HOST}/old/2019/{:04}.html", rng.below(10_000)),
                        "江城日报相关报道".to_owned(),
                    ),
                    other => return Err(format!("link.broken: unknown place `{other}`")),
                };
                put_article_only(site, &f.column, Plant::Broken(href, text))?;
            }
            K::LinkExternalHijacked => site.hijacked_friend = true,
            // Planted elsewhere (columns, footer, board, behaviours, host name).
            K::ColumnStale | K::ColumnEmpty | K::ColumnLongUnupdated | K::HomeStale => {}
            K::IdentitySiteCodeMissing
            | K::IdentitySiteCodeInvalid
            | K::IdentitySiteCodeMismatch
            | K::IdentityIcpMissing
            | K::IdentityPsbMissing
            | K::IdentityConacMissing
            | K::IdentityErrorReportEntryMissing
            | K::IdentityOrganizerMissing
            | K::InteractionNoChannel
            | K::InteractionUnanswered
            | K::InteractionSlowReply => {}
            K::AvailabilityDown => {
                let every = f.every.unwrap_or(10);
                if every > 20 {
                    return Err(format!(
                        "availability.down: every {every} fails under 5 %, not a veto"
                    ));
                }
                self.behaviours.push(Behaviour::Flaky {
                    host: site.host.clone(),
                    path: "/".into(),
                    every,
                    mode: crate::scenario::FailMode::Error,
                    stall_secs: 20,
                });
            }
            K::IdentityDomainNoncompliant => {
                if site.host.ends_with(".gov.cn") {
                    return Err("identity.domain_noncompliant needs a host outside .gov.cn".into());
                }
            }
            other => return Err(format!("the generator cannot plant `{other}` yet")),
        }
        Ok(())
    }
}

fn self_site_hash(seed: u64) -> u64 {
    crate::rng::mix(seed)
}

fn put_article_only(site: &mut Site, column: &Option<String>, plant: Plant) -> Result<(), String> {
    let ci = match column {
        Some(key) => site
            .columns
            .iter()
            .position(|c| &c.key == key && c.style == ColumnStyle::List && c.count > 0),
        None => site.columns.iter().position(|c| {
            c.class == ColumnClass::News && c.style == ColumnStyle::List && c.count > 0
        }),
    }
    .ok_or("link.broken: no non-empty column to place the link in")?;
    let k = site.free_item(ci, 1);
    site.plants.entry((ci, k)).or_default().push(plant);
    Ok(())
}

/// Mon–Fri arithmetic, for dates the official calendar does not cover.
fn weekdays_after(start: NaiveDate, n: u32) -> NaiveDate {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if d.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    d
}
