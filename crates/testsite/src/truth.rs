//! The ground truth: every planted fault and decoy, derived from the built world (not from
//! the scenario's wishes), so the manifest is complete even where faults interact (a stale
//! home page makes its news columns stale too).

use chrono::Duration;
use serde_json::json;
use xunwang_core::FindingKind;

use crate::scenario::Behaviour;
use crate::world::{
    Attachment, ColumnClass, ColumnStyle, Fault, LAPSED_HOST, MessageRole, Personal, Plant, Site,
    World,
};

/// A plant with the page it is on and its (column, item), `None` for the home page.
type PlantAt<'a> = (String, Option<(usize, u32)>, &'a Plant);

/// Date format used in pages (`发布时间：2023-07-11 09:30`).
pub(crate) const DATE_FMT: &str = "%Y-%m-%d %H:%M";

impl World {
    pub(crate) fn collect_ground_truth(&mut self) {
        let mut faults = Vec::new();
        let mut decoys = Vec::new();
        for site in &self.sites {
            self.column_truth(site, &mut faults);
            self.content_truth(site, &mut faults, &mut decoys);
            self.identity_truth(site, &mut faults);
            self.interaction_truth(site, &mut faults, &mut decoys);
        }
        for b in &self.behaviours {
            if let Behaviour::Flaky {
                host,
                path,
                every,
                mode,
                ..
            } = b
                && let (Some(site), "/") = (self.site_for_host(host), path.as_str())
            {
                let ratio = 1.0 / f64::from(*every);
                if ratio >= 0.05 {
                    faults.push(Fault {
                            kind: FindingKind::AvailabilityDown,
                            site: site.home(),
                            url: site.home(),
                            detail: json!({"every": every, "mode": mode, "failure_ratio": ratio,
                                "rule": "V2: ≥5 % of ≥20 daily probes over 7 days fail within 15 s"}),
                        });
                }
            }
        }
        if !self.single_host
            && let Some(portal) = self.sites.first()
        {
            decoys.push(Fault {
                    kind: FindingKind::LinkBroken,
                    site: portal.home(),
                    url: format!("http://{}/", crate::world::SERVICE_HOST),
                    detail: json!({"why": "the 政务服务网 answers 412 (WAF) to non-browser clients: indeterminate, never broken",
                        "source": portal.home()}),
                });
        }
        self.faults = faults;
        self.decoys = decoys;
    }

    fn column_truth(&self, site: &Site, faults: &mut Vec<Fault>) {
        let w = &self.windows;
        let mut home_newest = None;
        for (ci, c) in site.columns.iter().enumerate() {
            if c.style != ColumnStyle::List {
                continue;
            }
            let url = format!("{}{}", site.origin, c.path);
            if c.count == 0 {
                faults.push(Fault {
                    kind: FindingKind::ColumnEmpty,
                    site: site.home(),
                    url,
                    detail: json!({"column": c.name, "class": c.class, "level": c.level,
                        "placeholder": c.placeholder.then_some("暂无信息")}),
                });
                continue;
            }
            let newest = site.item(self, ci, 0).when;
            if c.on_home {
                home_newest = home_newest.max(Some(newest));
            }
            let age = self.now - newest;
            let (kind, window) = match c.class {
                ColumnClass::News => (FindingKind::ColumnStale, w.news_days),
                ColumnClass::Notice | ColumnClass::Policy if c.level == 1 => {
                    (FindingKind::ColumnStale, w.notice_days)
                }
                ColumnClass::Periodic => (FindingKind::ColumnLongUnupdated, w.periodic_days),
                _ => continue,
            };
            if age > Duration::days(window) {
                faults.push(Fault {
                    kind,
                    site: site.home(),
                    url,
                    detail: json!({"column": c.name, "class": c.class, "level": c.level,
                        "newest": newest.format(DATE_FMT).to_string(), "window_days": window,
                        "evidence": newest.format("%Y-%m-%d").to_string()}),
                });
            }
        }
        let stale = home_newest.is_none_or(|n| self.now - n > Duration::days(w.news_days));
        if stale {
            faults.push(Fault {
                kind: FindingKind::HomeStale,
                site: site.home(),
                url: site.home(),
                detail: json!({"newest_on_home": home_newest.map(|n| n.format(DATE_FMT).to_string()),
                    "window_days": w.news_days,
                    "decoys": ["今天是… (header date)", "页面生成时间 (footer)"]}),
            });
        }
    }

    fn content_truth(&self, site: &Site, faults: &mut Vec<Fault>, decoys: &mut Vec<Fault>) {
        let mut keys: Vec<_> = site.plants.keys().copied().collect();
        keys.sort_unstable();
        let mut all: Vec<PlantAt<'_>> = site
            .home_plants
            .iter()
            .map(|p| (site.home(), None, p))
            .collect();
        for (ci, k) in keys {
            let item = site.item(self, ci, k);
            for p in site.plants_of(ci, k) {
                all.push((format!("{}{}", site.origin, item.path), Some((ci, k)), p));
            }
        }
        for (page, at, plant) in all {
            let mut push = |kind: FindingKind, url: String, detail: serde_json::Value| {
                faults.push(Fault {
                    kind,
                    site: site.home(),
                    url,
                    detail,
                });
            };
            match plant {
                Plant::Gambling(term) => push(FindingKind::ContentGambling, page, json!({"where": "body", "evidence": term})),
                Plant::PornMeta(term) => push(FindingKind::ContentPorn, page, json!({"where": "meta keywords/description", "evidence": term})),
                Plant::TitleHijack(terms) => push(FindingKind::ContentTitleHijack, page, json!({"where": "title, meta keywords", "category": "gambling", "evidence": terms})),
                Plant::Hidden(technique) => push(FindingKind::ContentHiddenLink, page, json!({"technique": technique,
                    "targets": format!("http://{}/", crate::world::GAMBLING_HOST), "evidence": crate::render::HIDDEN_MARK})),
                Plant::JsRedirect => push(FindingKind::ContentJsRedirect, page, json!({"target": format!("http://{}/", crate::world::GAMBLING_HOST), "evidence": crate::world::GAMBLING_HOST})),
                Plant::Ad => push(FindingKind::ContentAd, page, json!({"script": crate::render::AD_SCRIPT, "evidence": crate::world::AD_HOST})),
                Plant::Typo(wrong, right) => push(FindingKind::ContentTypo, page, json!({"evidence": wrong, "correct": right})),
                Plant::Outdated(old, new) => push(FindingKind::ContentOutdatedTerm, page, json!({"evidence": old, "current": new})),
                Plant::Personal { what, value, attachment } => {
                    let kind = match what {
                        Personal::IdNumber => FindingKind::PrivacyIdNumber,
                        Personal::Phone => FindingKind::PrivacyPhone,
                        Personal::BankCard => FindingKind::PrivacyBankCard,
                    };
                    let url = match (attachment, at) {
                        (true, Some((ci, k))) => {
                            let a: Vec<Attachment> = site.attachments(self, ci, k);
                            a.iter().find(|a| a.personal).map(|a| format!("{}{}", site.origin, a.path)).unwrap_or(page.clone())
                        }
                        _ => page.clone(),
                    };
                    push(kind, url, json!({"evidence": value, "in_attachment": attachment, "page": page}));
                }
                Plant::Broken(href, text) => {
                    let soft = self.behaviours.iter().any(|b| matches!(b, Behaviour::Soft404 { host } if href.starts_with(&format!("http://{host}/"))));
                    push(FindingKind::LinkBroken, href.clone(), json!({"source": page, "text": text,
                        "reason": if soft { "soft-404" } else { "404" }}));
                }
                Plant::Masked => decoys.push(Fault {
                    kind: FindingKind::PrivacyIdNumber,
                    site: site.home(),
                    url: page,
                    detail: json!({"why": "masked personal data (110101********1234, 138****5678) is not a leak"}),
                }),
                Plant::Crackdown => decoys.push(Fault {
                    kind: FindingKind::ContentGambling,
                    site: site.home(),
                    url: page,
                    detail: json!({"why": "a police report on a gambling crackdown is not gambling content", "evidence": "跨境赌博"}),
                }),
            }
        }
        if site.cloaking {
            faults.push(Fault {
                kind: FindingKind::ContentCloaking,
                site: site.home(),
                url: site.home(),
                detail: json!({"spider_user_agent": "Baiduspider", "evidence": crate::render::HIDDEN_MARK}),
            });
        }
        if site.hijacked_friend {
            faults.push(Fault {
                kind: FindingKind::LinkExternalHijacked,
                site: site.home(),
                url: format!("http://{LAPSED_HOST}/"),
                detail: json!({"source": site.home(), "text": "江城文旅网", "now_serves": "gambling"}),
            });
        }
    }

    fn identity_truth(&self, site: &Site, faults: &mut Vec<Fault>) {
        let f = &site.footer;
        let mut push = |kind: FindingKind, detail: serde_json::Value| {
            faults.push(Fault {
                kind,
                site: site.home(),
                url: site.home(),
                detail,
            });
        };
        match &f.site_code {
            None => push(
                FindingKind::IdentitySiteCodeMissing,
                json!({"absent": "网站标识码"}),
            ),
            Some(code) if code != &site.site_code => push(
                FindingKind::IdentitySiteCodeInvalid,
                json!({"shown": code, "registered": site.site_code}),
            ),
            Some(code) => {
                if f.meta_site_code.as_deref() != Some(code.as_str()) {
                    push(
                        FindingKind::IdentitySiteCodeMismatch,
                        json!({"footer": code, "meta": f.meta_site_code}),
                    );
                }
            }
        }
        if f.icp.is_none() {
            push(FindingKind::IdentityIcpMissing, json!({"absent": "ICP备"}));
        }
        if f.psb.is_none() {
            push(
                FindingKind::IdentityPsbMissing,
                json!({"absent": "公网安备"}),
            );
        }
        if !f.conac {
            push(
                FindingKind::IdentityConacMissing,
                json!({"absent": "bszs.conac.cn"}),
            );
        }
        if !f.error_report {
            push(
                FindingKind::IdentityErrorReportEntryMissing,
                json!({"absent": "zfwzzc.www.gov.cn"}),
            );
        }
        if !f.organizer {
            push(
                FindingKind::IdentityOrganizerMissing,
                json!({"absent": "主办单位"}),
            );
        }
        if !self.single_host && !site.host.ends_with(".gov.cn") {
            push(
                FindingKind::IdentityDomainNoncompliant,
                json!({"host": site.host}),
            );
        }
    }

    fn interaction_truth(&self, site: &Site, faults: &mut Vec<Fault>, decoys: &mut Vec<Fault>) {
        let Some(board) = &site.board else {
            faults.push(Fault {
                kind: FindingKind::InteractionNoChannel,
                site: site.home(),
                url: site.home(),
                detail: json!({"absent": "留言/咨询/建言 channel"}),
            });
            return;
        };
        for m in board {
            let url = format!("{}{}", site.origin, crate::render::message_path(site, m));
            let posted = m.posted.format(DATE_FMT).to_string();
            let replied = m.replied.map(|r| r.format(DATE_FMT).to_string());
            let (kind, why) = match m.role {
                MessageRole::Normal => continue,
                MessageRole::Slow => (FindingKind::InteractionSlowReply, None),
                MessageRole::Unanswered => (FindingKind::InteractionUnanswered, None),
                MessageRole::Pending => (
                    FindingKind::InteractionUnanswered,
                    Some("posted hours ago: no reply is due yet"),
                ),
                MessageRole::Ancient => (
                    FindingKind::InteractionUnanswered,
                    Some("posted more than a year ago: outside the V5 window"),
                ),
            };
            let detail = json!({"title": m.title, "posted": posted, "replied": replied,
                "reply_working_days_limit": self.reply_working_days, "evidence": m.title, "why": why,
                "calendar": if self.calendar_fallback { "weekdays (official calendar missing a year)" } else { "official holiday/调休 calendar" }});
            let f = Fault {
                kind,
                site: site.home(),
                url,
                detail,
            };
            if why.is_some() {
                decoys.push(f)
            } else {
                faults.push(f)
            }
        }
    }
}
