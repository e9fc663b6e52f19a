//! Scoring a period (e.g. `2023Q2`) from what is stored, and the report model built from it.
//!
//! Every site with a finished inspection run inside the period (up to its 监测时间点) is scored
//! from that run's findings, the monitor's window findings and measurements, and the
//! inspectors' manual inputs for the period. Scorecards are stored per site, period and pack, so
//! a period can be re-scored at any time (after a dismissal, with another pack).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use xunwang_core::{Finding, FindingKind, Period, Severity, WorkCalendar};
use xunwang_report as report;
use xunwang_rules::{
    Availability, Manual, Measurements, Pack, Scorecard, SiteInput, SiteKind, SiteProfile, Verdict,
};
use xunwang_store::{MonitorStore, ScoreStore, SiteId, SiteRow, Store, StoreError};

use crate::error::EngineError;

/// A site scored for a period.
#[derive(Debug, Clone)]
pub struct ScoredSite {
    /// The site as stored.
    pub site: SiteRow,
    /// Its scorecard.
    pub card: Scorecard,
    /// The findings it was scored from (dismissed ones included; the card lists them).
    pub findings: Vec<Finding>,
    /// The 网站标识码, when the registry has it.
    pub site_code: Option<String>,
}

/// What a period's scoring produced.
#[derive(Debug, Clone)]
pub struct PeriodScores {
    /// The period.
    pub period: Period,
    /// Its 监测时间点.
    pub checkpoint: NaiveDate,
    /// Sites known to the store (registry or inspected).
    pub sites_total: u32,
    /// The scored sites, in site order.
    pub scored: Vec<ScoredSite>,
    /// Sites with no finished inspection run in the period (not scored).
    pub unchecked: Vec<SiteRow>,
}

fn store_err(site: &str) -> impl FnOnce(StoreError) -> EngineError + '_ {
    move |source| EngineError::Store {
        site: site.to_owned(),
        source,
    }
}

/// The end of the checkpoint day in China time.
pub fn checkpoint_end(checkpoint: NaiveDate) -> DateTime<FixedOffset> {
    let china = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    checkpoint
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"))
        .and_local_timezone(china)
        .single()
        .expect("fixed offsets are unambiguous")
}

/// Scores every site for `period` under `pack` and stores the scorecards (`now` is when).
pub async fn score_period<S: Store + MonitorStore + ScoreStore>(
    store: &S,
    pack: &Pack,
    period: Period,
    checkpoint: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Result<PeriodScores, EngineError> {
    let code = period.to_string();
    let sites = store.sites().await.map_err(store_err("*"))?;
    let registry = registry_by_site(store).await.map_err(store_err("*"))?;
    let end = checkpoint_end(checkpoint);
    let mut scored = Vec::new();
    let mut unchecked = Vec::new();
    for site in &sites {
        let err = || store_err(&site.home);
        let runs = store.finished_runs(site.id).await.map_err(err())?;
        let run = runs.iter().rev().find(|r| {
            r.started_at <= end && xunwang_core::china_date(r.started_at) >= period.start()
        });
        let Some(run) = run else {
            unchecked.push(site.clone());
            continue;
        };
        let mut findings = store.findings(run.id).await.map_err(err())?;
        let monitor = monitor_inputs(store, site.id, &site.home, end).await?;
        findings.extend(monitor.findings);
        let manual = manual_inputs(store, site.id, &code).await.map_err(err())?;
        let flags = store.site_flags(site.id).await.map_err(err())?;
        let reg = registry.get(&site.id);
        let name = reg
            .and_then(|r| r.name.clone())
            .or_else(|| site.name.clone())
            .unwrap_or_else(|| site.home.clone());
        let kind = match flags
            .kind
            .as_deref()
            .or(reg.and_then(|r| r.kind.as_deref()))
        {
            Some("department") => SiteKind::Department,
            Some("portal") => SiteKind::Portal,
            _ => guess_kind(&name),
        };
        let input = SiteInput {
            profile: SiteProfile {
                home: site.home.clone(),
                name,
                kind,
                no_external_service: flags.no_external_service,
            },
            findings,
            measurements: monitor.measurements,
            manual,
        };
        let card = xunwang_rules::score(pack, &input);
        let json = serde_json::to_string(&card).expect("a scorecard serialises");
        store
            .save_scorecard(
                site.id,
                &code,
                &pack.id,
                card.verdict.label_zh(),
                card.score,
                &json,
                now,
            )
            .await
            .map_err(err())?;
        scored.push(ScoredSite {
            site: site.clone(),
            card,
            findings: input.findings,
            site_code: reg.and_then(|r| r.site_code.clone()),
        });
    }
    Ok(PeriodScores {
        period,
        checkpoint,
        sites_total: u32::try_from(sites.len()).unwrap_or(u32::MAX),
        scored,
        unchecked,
    })
}

/// What the registry says about a site.
struct RegInfo {
    name: Option<String>,
    kind: Option<String>,
    site_code: Option<String>,
}

async fn registry_by_site<S: MonitorStore>(
    store: &S,
) -> Result<BTreeMap<SiteId, RegInfo>, StoreError> {
    let all = store.registered_sites().await?;
    Ok(all
        .into_iter()
        .map(|r| {
            let info = RegInfo {
                name: r.entry.name,
                kind: r.entry.kind.map(|k| k.as_str().to_owned()),
                site_code: r.entry.site_code,
            };
            (r.id, info)
        })
        .collect())
}

/// What the monitor adds to a site's scoring.
struct MonitorInputs {
    findings: Vec<Finding>,
    measurements: Measurements,
}

/// The monitor's window findings and probe counts for the week ending at `end`.
async fn monitor_inputs<S: Store + MonitorStore>(
    store: &S,
    site: SiteId,
    home: &str,
    end: DateTime<FixedOffset>,
) -> Result<MonitorInputs, EngineError> {
    // The same window the monitor's own availability finding is judged on.
    let counts =
        crate::monitor::window_counts(store, site, end, crate::monitor::AVAILABILITY_WINDOW)
            .await
            .map_err(store_err(home))?;
    let availability = counts
        .map(|c| Availability {
            probes: c.probes,
            failures: c.failures,
        })
        .filter(|a| a.probes > 0);
    // The monitor's window findings (availability, home and column freshness from poll
    // history, changed dates). A finding the inspection also made has the same fingerprint
    // and counts once.
    let findings = crate::monitor::monitor_findings(store, home, end).await?;
    Ok(MonitorInputs {
        findings,
        measurements: Measurements { availability },
    })
}

/// A site's kind when nobody said: 人民政府 / 门户 in the name is a portal.
fn guess_kind(name: &str) -> SiteKind {
    if name.contains("人民政府") || name.contains("门户") || name.ends_with("政府网") {
        SiteKind::Portal
    } else {
        SiteKind::Department
    }
}

/// The site's manual inputs for the period that are not revoked, decoded.
async fn manual_inputs<S: ScoreStore>(
    store: &S,
    site: SiteId,
    period: &str,
) -> Result<Vec<Manual>, StoreError> {
    let rows = store.manual_inputs(site, period).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.revoked.is_none())
        .filter_map(|r| match serde_json::from_str::<Manual>(&r.body) {
            Ok(m) => Some(m),
            Err(e) => {
                tracing::warn!(id = r.id, error = %e, "unreadable manual input skipped");
                None
            }
        })
        .collect())
}

/// Stored scorecards of a period under a pack, decoded: `(site id, home, card)`.
pub async fn stored_scorecards<S: ScoreStore>(
    store: &S,
    period: Period,
    pack: &str,
) -> Result<Vec<(SiteId, Scorecard)>, EngineError> {
    let rows = store
        .scorecards(&period.to_string(), pack)
        .await
        .map_err(store_err("*"))?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            serde_json::from_str::<Scorecard>(&r.card)
                .ok()
                .map(|c| (r.site, c))
        })
        .collect())
}

/// What the bulletin says that no score decides: who issues it, when, and the requirements.
#[derive(Debug, Clone)]
pub struct BulletinOptions {
    /// 发文机关.
    pub issuer: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// Working days to rectify (整改期限 = date + N working days).
    pub rectify_working_days: u32,
    /// 三、工作要求 paragraphs; `{deadline}` is replaced by the deadline.
    pub requirements: Vec<String>,
    /// The area the bulletin covers (全市, 全省…).
    pub area: String,
}

impl BulletinOptions {
    /// Defaults for a city office, issued on `date`.
    pub fn new(date: NaiveDate) -> BulletinOptions {
        BulletinOptions {
            issuer: text::ISSUER.to_owned(),
            date,
            rectify_working_days: 15,
            requirements: text::REQUIREMENTS.iter().map(|s| (*s).to_owned()).collect(),
            area: text::AREA.to_owned(),
        }
    }
}

/// The report model of a scored period: the bulletin and the rectification list.
pub fn bulletin(
    scores: &PeriodScores,
    pack: &Pack,
    previous: Option<&[(SiteId, Scorecard)]>,
    opts: &BulletinOptions,
) -> (report::Bulletin, Vec<report::RectificationRow>) {
    let deadline = WorkCalendar::official()
        .add_working_days(opts.date, opts.rectify_working_days)
        .unwrap_or_else(|_| {
            opts.date + chrono::Days::new(u64::from(opts.rectify_working_days) * 7 / 5)
        });
    let period = scores.period;
    let period_info = report::PeriodInfo {
        code: period.to_string(),
        label: period.label_zh(),
        start: period.start(),
        end: period.end(),
        checkpoint: scores.checkpoint,
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let passed = scores
        .scored
        .iter()
        .filter(|s| s.card.verdict == Verdict::Pass)
        .count();
    let overall = report::Overall {
        period_label: period.label_zh(),
        sites_total: scores.sites_total,
        sites_checked: count(scores.scored.len()),
        sites_passed: count(passed),
        accounts_total: 0,
        accounts_checked: 0,
        accounts_passed: 0,
    };
    let previous = previous.filter(|p| !p.is_empty()).map(|p| report::Overall {
        period_label: period.previous().label_zh(),
        sites_total: count(p.len()),
        sites_checked: count(p.len()),
        sites_passed: count(p.iter().filter(|(_, c)| c.verdict == Verdict::Pass).count()),
        accounts_total: 0,
        accounts_checked: 0,
        accounts_passed: 0,
    });

    let mut sites: Vec<report::SiteScore> =
        scores.scored.iter().map(|s| site_score(s, pack)).collect();
    // Listed as bulletins list them: best first, 不合格 last.
    sites.sort_by(|a, b| {
        let key = |s: &report::SiteScore| {
            (
                s.verdict == report::Verdict::Fail,
                -(s.score.unwrap_or(-1.0) * 100.0) as i64,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });

    let dismissed: BTreeSet<(&str, &str)> = scores
        .scored
        .iter()
        .flat_map(|s| {
            s.card
                .dismissed
                .iter()
                .map(move |d| (s.site.home.as_str(), d.fingerprint.as_str()))
        })
        .collect();
    let open: Vec<(&ScoredSite, &Finding)> = scores
        .scored
        .iter()
        .flat_map(|s| s.findings.iter().map(move |f| (s, f)))
        .filter(|(s, f)| !dismissed.contains(&(s.site.home.as_str(), f.fingerprint.as_str())))
        .filter(|(_, f)| is_rectifiable(f))
        .collect();
    // One row per finding, even when the run and the monitor both reported it.
    let mut seen = BTreeSet::new();
    let open: Vec<(&ScoredSite, &Finding)> = open
        .into_iter()
        .filter(|(s, f)| seen.insert((s.site.home.as_str(), f.fingerprint.as_str())))
        .collect();

    let problems = problems(&open);
    let rows = open
        .iter()
        .map(|(s, f)| report::RectificationRow {
            site: s.card.name.clone(),
            site_home: s.site.home.clone(),
            indicator: indicator_of(&s.card, pack, f),
            kind: f.kind.id().to_owned(),
            kind_label: f.kind.label_zh().to_owned(),
            severity: f.severity.label_zh().to_owned(),
            url: f.url.clone(),
            evidence: f.evidence.summary.clone(),
            first_seen: f.first_seen.format("%Y-%m-%d %H:%M").to_string(),
            last_seen: f.last_seen.format("%Y-%m-%d %H:%M").to_string(),
            deadline,
        })
        .collect();

    let deadline_text = deadline.format("%Y年%-m月%-d日").to_string();
    let mut notes = Vec::new();
    let unverified = pack.unverified();
    if !unverified.is_empty() {
        notes.push(text::unverified_note(unverified.len()));
    }
    if !scores.unchecked.is_empty() {
        notes.push(text::unchecked_note(
            &scores
                .unchecked
                .iter()
                .map(|s| s.name.clone().unwrap_or_else(|| s.home.clone()))
                .collect::<Vec<_>>(),
        ));
    }
    let accounts = overall.accounts_checked > 0;
    let b = report::Bulletin {
        title: text::title(&period.label_zh(), &opts.area, accounts),
        issuer: opts.issuer.clone(),
        date: opts.date,
        period: period_info,
        pack: report::PackInfo {
            id: pack.id.clone(),
            title: pack.title.clone(),
            source: pack.source.clone(),
            unverified,
        },
        overall,
        previous,
        sites,
        problems,
        requirements: opts
            .requirements
            .iter()
            .map(|r| r.replace("{deadline}", &deadline_text))
            .collect(),
        deadline,
        notes,
    };
    (b, rows)
}

/// Findings that ask the operator to fix something (an indeterminate link is re-checked, not
/// fixed; a note is not a problem).
fn is_rectifiable(f: &Finding) -> bool {
    f.severity != Severity::Info && f.kind != FindingKind::LinkIndeterminate
}

/// The indicator a finding was charged under, else the veto item reading its kind, else its
/// kind's label.
fn indicator_of(card: &Scorecard, pack: &Pack, f: &Finding) -> String {
    for line in &card.indicators {
        if line
            .rules
            .iter()
            .any(|r| r.fingerprints.contains(&f.fingerprint))
        {
            return format!("{}／{}", line.group, line.name);
        }
    }
    if let Some(v) = pack.veto.iter().find(|v| v.kinds.contains(&f.kind)) {
        return format!("单项否决／{}", v.indicator);
    }
    f.kind.label_zh().to_owned()
}

/// A scorecard as the report shows it, with every veto item and indicator as a row.
fn site_score(s: &ScoredSite, pack: &Pack) -> report::SiteScore {
    let card = &s.card;
    let mut items = Vec::new();
    for v in &pack.veto {
        let hit = card.vetoes.iter().find(|l| l.id == v.id);
        let warn = card.warnings.iter().find(|l| l.id == v.id);
        let (observed, evidence, manual) = match (hit, warn) {
            (Some(l), _) => (l.reason.clone(), l.evidence.clone(), l.manual.clone()),
            (None, Some(l)) => (text::warning(&l.reason), l.evidence.clone(), None),
            (None, None) if v.manual => (text::MANUAL_CLEAN.to_owned(), Vec::new(), None),
            (None, None) => (text::CLEAN.to_owned(), Vec::new(), None),
        };
        items.push(report::ScoreItem {
            part: text::PART_VETO.to_owned(),
            group: String::new(),
            indicator: format!("{} {}", v.id, v.indicator),
            rule: v.rule.clone(),
            observed,
            points: 0.0,
            evidence,
            verified: v.verified,
            manual: manual.is_some(),
            who: manual.map(|m| m.by),
        });
    }
    for line in &card.indicators {
        let mut parts: Vec<String> = line
            .rules
            .iter()
            .map(|r| text::rule_observed(&r.text, r.count, r.points))
            .collect();
        parts.extend(
            line.manual
                .iter()
                .map(|m| text::manual_observed(&m.reason, m.points, &m.stamp.by)),
        );
        if let Some(c) = &line.capped {
            parts.push(c.clone());
        }
        let observed = if line.excluded {
            text::EXCLUDED.to_owned()
        } else if parts.is_empty() {
            text::CLEAN.to_owned()
        } else {
            parts.join("；")
        };
        let mut evidence: Vec<String> =
            line.rules.iter().flat_map(|r| r.evidence.clone()).collect();
        evidence.extend(line.manual.iter().filter_map(|m| m.url.clone()));
        items.push(report::ScoreItem {
            part: text::PART_DEDUCT.to_owned(),
            group: line.group.clone(),
            indicator: line.name.clone(),
            rule: line.rule_texts.join("；"),
            observed,
            points: if line.excluded { 0.0 } else { line.lost },
            evidence,
            verified: line.verified && line.rules.iter().all(|r| r.verified),
            manual: !line.manual.is_empty(),
            who: line.manual.first().map(|m| m.stamp.by.clone()),
        });
    }
    for b in &card.bonuses {
        items.push(report::ScoreItem {
            part: text::PART_BONUS.to_owned(),
            group: String::new(),
            indicator: b.name.clone(),
            rule: pack
                .bonus
                .iter()
                .find(|i| i.id == b.id)
                .map(|i| i.text.clone())
                .unwrap_or_default(),
            observed: b.reason.clone(),
            points: b.points,
            evidence: Vec::new(),
            verified: b.verified,
            manual: true,
            who: Some(b.stamp.by.clone()),
        });
    }
    report::SiteScore {
        name: card.name.clone(),
        home: card.site.clone(),
        site_code: s.site_code.clone(),
        kind_label: card.kind.label_zh().to_owned(),
        verdict: match card.verdict {
            Verdict::Pass => report::Verdict::Pass,
            Verdict::Fail => report::Verdict::Fail,
        },
        score: card.score,
        deductions: card.lost,
        bonus: card.bonus,
        // "V4.1 栏目不更新：…": the id and indicator name the 检查情况表 row it marks.
        vetoes: card
            .vetoes
            .iter()
            .map(|v| format!("{} {}：{}", v.id, v.indicator, v.reason))
            .collect(),
        warnings: card
            .warnings
            .iter()
            .map(|v| v.reason.clone())
            .chain(card.notes.iter().cloned())
            .collect(),
        items,
        dismissed: card
            .dismissed
            .iter()
            .map(|d| report::Dismissal {
                kind: d.kind.clone(),
                url: d.url.clone(),
                reason: d.reason.clone(),
                by: d.stamp.by.clone(),
                at: d.stamp.at.format("%Y-%m-%d %H:%M").to_string(),
            })
            .collect(),
    }
}

/// The common problems of the period, most serious first, with up to three examples from
/// different sites.
fn problems(open: &[(&ScoredSite, &Finding)]) -> Vec<report::ProblemCategory> {
    let mut out = Vec::new();
    for cat in text::CATEGORIES {
        let hits: Vec<&(&ScoredSite, &Finding)> = open
            .iter()
            .filter(|(_, f)| cat.kinds.contains(&f.kind.id()))
            .collect();
        if hits.is_empty() {
            continue;
        }
        let sites: BTreeSet<&str> = hits.iter().map(|(s, _)| s.site.home.as_str()).collect();
        let mut per_site: BTreeMap<&str, usize> = BTreeMap::new();
        let mut examples = Vec::new();
        // Most serious first, one per site until three.
        let mut sorted = hits.clone();
        sorted.sort_by_key(|(s, f)| (std::cmp::Reverse(f.severity), s.site.id));
        for (s, f) in &sorted {
            let n = per_site.entry(s.site.home.as_str()).or_default();
            if *n > 0 || examples.len() >= 3 {
                continue;
            }
            *n += 1;
            examples.push(report::Example {
                site: s.card.name.clone(),
                url: f.url.clone(),
                detail: f.evidence.summary.clone(),
            });
        }
        out.push(report::ProblemCategory {
            title: cat.title.to_owned(),
            description: cat.description.to_owned(),
            sites: u32::try_from(sites.len()).unwrap_or(u32::MAX),
            count: u32::try_from(hits.len()).unwrap_or(u32::MAX),
            examples,
        });
    }
    out
}

/// What the bulletin writes that the rules do not (Chinese; a second language goes beside it).
mod text {
    pub(super) const ISSUER: &str = "××市人民政府办公室";
    pub(super) const AREA: &str = "全市";
    pub(super) const CLEAN: &str = "未发现问题";
    pub(super) const MANUAL_CLEAN: &str = "人工检查项，未录入问题";
    pub(super) const EXCLUDED: &str = "无对外服务职能，不检查本项";
    pub(super) const PART_VETO: &str = "单项否决";
    pub(super) const PART_DEDUCT: &str = "扣分指标";
    pub(super) const PART_BONUS: &str = "加分指标";

    pub(super) const REQUIREMENTS: &[&str] = &[
        "各地区、各部门要高度重视本次检查发现的问题，对照《整改清单》逐条核实、逐项整改，于{deadline}前完成整改，并将整改情况报送市政府办公室。",
        "各网站主管单位要落实监管责任，建立健全信息发布审核、值班读网、栏目更新和留言办理等日常管理制度，杜绝空白栏目、栏目长期不更新和链接不可用等问题反复出现。",
        "各网站主办单位要加强安全防护，定期排查暗链、挂马和外链被劫持等安全隐患，做好个人信息保护，发布涉及个人信息的内容前须作去标识化处理。",
    ];

    pub(super) fn title(period: &str, area: &str, accounts: bool) -> String {
        if accounts {
            format!("{period}{area}政府网站和政务新媒体检查情况的通报")
        } else {
            format!("{period}{area}政府网站检查情况的通报")
        }
    }

    pub(super) fn warning(reason: &str) -> String {
        format!("预警：{reason}")
    }

    /// "首页链接不可用：发现2处，扣2分" — the rule's situation without its points (the 评分细则
    /// column has them).
    pub(super) fn rule_observed(rule: &str, count: usize, points: f64) -> String {
        let situation = rule
            .split("，每")
            .next()
            .and_then(|s| s.split("，扣").next())
            .unwrap_or(rule);
        format!(
            "{situation}：发现{count}处，扣{}分",
            xunwang_rules::points_text(points)
        )
    }

    pub(super) fn manual_observed(reason: &str, points: f64, by: &str) -> String {
        format!(
            "{reason}（{by}录入，扣{}分）",
            xunwang_rules::points_text(points)
        )
    }

    pub(super) fn unverified_note(n: usize) -> String {
        format!(
            "本期评分所用指标包中有{n}项分值或阈值在国家文件中未能核实，采用可配置的默认值（检查情况表中以※标出），各地可按本地细则调整。"
        )
    }

    pub(super) fn unchecked_note(names: &[String]) -> String {
        format!(
            "以下网站本期没有完成的检查记录，未予评分：{}。",
            names.join("、")
        )
    }

    /// A problem category of 二、存在问题.
    pub(super) struct Category {
        pub(super) title: &'static str,
        pub(super) description: &'static str,
        pub(super) kinds: &'static [&'static str],
    }

    pub(super) const CATEGORIES: &[Category] = &[
        Category {
            title: "网站安全防护不到位",
            description: "个别网站页面被植入暗链或涉赌涉黄内容，标题被篡改，外部链接指向的网站已被劫持，存在严重安全隐患。",
            kinds: &[
                "content.porn",
                "content.gambling",
                "content.hidden_link",
                "content.cloaking",
                "content.js_redirect",
                "content.title_hijack",
                "link.external_hijacked",
            ],
        },
        Category {
            title: "站点无法访问",
            description: "监测期间部分网站首页多次无法在15秒内打开。",
            kinds: &["availability.down", "availability.degraded"],
        },
        Category {
            title: "首页和栏目长期不更新",
            description: "部分网站动态要闻类栏目超过2周未更新，通知公告、政策文件类栏目超过6个月未更新，人事、规划、统计等栏目应更新而长期未更新。",
            kinds: &["home.stale", "column.stale", "column.long_unupdated"],
        },
        Category {
            title: "存在空白栏目",
            description: "部分网站栏目开设后无实质内容，或仅显示“暂无信息”。",
            kinds: &["column.empty"],
        },
        Category {
            title: "链接不可用",
            description: "部分网站存在错链、断链，点击后无法打开或显示“页面不存在”。",
            kinds: &["link.broken"],
        },
        Category {
            title: "互动回应不及时",
            description: "部分网站未提供有效的咨询建言渠道，或网民留言超期未答复。",
            kinds: &[
                "interaction.no_channel",
                "interaction.unanswered",
                "interaction.slow_reply",
            ],
        },
        Category {
            title: "个人信息保护不到位",
            description: "部分网站公开的名单、公示和附件中，个人身份证号、手机号、银行卡号未作去标识化处理。",
            kinds: &["privacy.id_number", "privacy.phone", "privacy.bank_card"],
        },
        Category {
            title: "内容表述不准确",
            description: "部分网站存在错别字、使用已撤并机构的旧称，或刊登商业广告。",
            kinds: &["content.typo", "content.outdated_term", "content.ad"],
        },
        Category {
            title: "网站标识和功能不规范",
            description: "部分网站页面底部缺少网站标识码、ICP备案编号、党政机关网站标识等要素，或未提供“我为政府网站找错”入口、搜索等功能。",
            kinds: &[
                "identity.site_code_missing",
                "identity.site_code_invalid",
                "identity.site_code_mismatch",
                "identity.icp_missing",
                "identity.psb_missing",
                "identity.conac_missing",
                "identity.organizer_missing",
                "identity.error_report_entry_missing",
                "identity.domain_noncompliant",
                "function.search_missing",
                "function.search_broken",
                "function.https_missing",
                "function.tls_invalid",
                "function.ipv6_missing",
            ],
        },
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_kind_is_a_known_kind() {
        for c in text::CATEGORIES {
            for k in c.kinds {
                assert!(k.parse::<FindingKind>().is_ok(), "{k}");
            }
        }
    }

    #[test]
    fn observed_text_drops_the_points_of_the_rule() {
        assert_eq!(
            text::rule_observed("首页链接不可用，每个扣1分", 2, 2.0),
            "首页链接不可用：发现2处，扣2分"
        );
        assert_eq!(
            text::rule_observed("未提供搜索功能或搜索不可用，扣2分", 1, 2.0),
            "未提供搜索功能或搜索不可用：发现1处，扣2分"
        );
        assert_eq!(
            text::rule_observed("其他页面链接不可用，每个扣0.1分", 3, 0.3),
            "其他页面链接不可用：发现3处，扣0.3分"
        );
    }

    #[test]
    fn kinds_are_guessed_from_names() {
        assert_eq!(guess_kind("示例市人民政府"), SiteKind::Portal);
        assert_eq!(guess_kind("示例市水利局"), SiteKind::Department);
    }
}
