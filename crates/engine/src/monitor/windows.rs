//! Window findings from stored monitor data: `availability.down` / `availability.degraded`
//! over the 7-day probe window (V2), `home.stale` and `column.stale` from poll history (V3,
//! V4.1), and `content.date_changed` (V1.5 signal).
//!
//! No false alarms: a window without the data the rule needs (fewer than 20 probes a day for
//! 7 days; less than the freshness window of poll history) gives no finding at all, and
//! `xunwang availability` says 数据不足.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;
use serde_json::{Value, json};
use xunwang_checks::Window;
use xunwang_core::{Evidence, Finding, FindingKind, Severity};
use xunwang_store::{MonitorStore, ProbeCounts, SiteId, Store, StoreError};

use crate::error::EngineError;
use crate::monitor::clock::at_ms;

const DAY_MS: i64 = 86_400_000;

/// The V2 window: one week (`spec/indicators.md` V2, "监测1周" `[V-copy]`).
pub const AVAILABILITY_WINDOW: Duration = Duration::from_secs(7 * 86_400);
/// The V2 daily minimum: "每天间隔性访问20次以上" `[V-copy]`.
pub const MIN_PROBES_PER_DAY: u32 = 20;
/// The V2 veto: failures ≥ 5 % ("超过(含)5%" `[V-copy]`), in basis points.
pub const VETO_RATIO_BP: u32 = 500;
/// The pre-veto warning tier: 3 % (vendor practice `[S]`, spec §1.3), in basis points.
pub const DEGRADED_RATIO_BP: u32 = 300;
/// How far back a date change is reported: one quarter, the period a bulletin covers.
pub const DATE_CHANGE_LOOKBACK: Duration = Duration::from_secs(92 * 86_400);

/// The thresholds the windows are judged with. Defaults are the `pub const`s above and the
/// freshness windows of the shipped site-model rules.
#[derive(Clone, Debug)]
pub struct WindowRules {
    /// Availability window (default [`AVAILABILITY_WINDOW`]).
    pub availability_window: Duration,
    /// Probes needed per day of the window (default [`MIN_PROBES_PER_DAY`]).
    pub min_probes_per_day: u32,
    /// Veto ratio in basis points (default [`VETO_RATIO_BP`]).
    pub veto_bp: u32,
    /// Warning ratio in basis points (default [`DEGRADED_RATIO_BP`]); 0 disables the tier.
    pub degraded_bp: u32,
    /// The home and column windows (`[windows]` of the site-model rules).
    pub checks: Arc<xunwang_checks::Config>,
    /// Date changes seen this far back are reported (default [`DATE_CHANGE_LOOKBACK`]).
    pub date_change_lookback: Duration,
}

impl Default for WindowRules {
    fn default() -> Self {
        WindowRules {
            availability_window: AVAILABILITY_WINDOW,
            min_probes_per_day: MIN_PROBES_PER_DAY,
            veto_bp: VETO_RATIO_BP,
            degraded_bp: DEGRADED_RATIO_BP,
            checks: Arc::new(xunwang_checks::Config::default()),
            date_change_lookback: DATE_CHANGE_LOOKBACK,
        }
    }
}

impl WindowRules {
    /// Probes needed over a window of `window` (20 a day: 140 for a week).
    pub fn min_probes(&self, window: Duration) -> u32 {
        let days = window.as_secs().div_ceil(86_400).max(1) as u32;
        days * self.min_probes_per_day
    }
}

/// The availability verdict of one site over a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AvailabilityVerdict {
    /// Failure ratio ≥ the veto (5 %): 单项否决.
    #[serde(rename = "否决")]
    Veto,
    /// Failure ratio ≥ the warning tier (3 %) but below the veto.
    #[serde(rename = "预警")]
    Warning,
    /// Below the warning tier.
    #[serde(rename = "正常")]
    Normal,
    /// Fewer probes than the rule needs (20 a day over the window): no verdict.
    #[serde(rename = "数据不足")]
    InsufficientData,
}

impl AvailabilityVerdict {
    /// The Chinese label: 否决 / 预警 / 正常 / 数据不足.
    pub fn label_zh(self) -> &'static str {
        match self {
            AvailabilityVerdict::Veto => "否决",
            AvailabilityVerdict::Warning => "预警",
            AvailabilityVerdict::Normal => "正常",
            AvailabilityVerdict::InsufficientData => "数据不足",
        }
    }
}

/// One line of `xunwang availability`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AvailabilityRow {
    /// The site's home URL.
    pub site: String,
    /// Its name.
    pub name: Option<String>,
    /// Scheduled probes counted (blocked ones left out).
    pub probes: u32,
    /// Those that failed.
    pub failures: u32,
    /// failures / probes (0 without probes).
    pub ratio: f64,
    /// The verdict.
    pub verdict: AvailabilityVerdict,
    /// Probes the server refused as a robot (not counted).
    pub blocked: u32,
    /// Failures confirmed by the re-probe.
    pub confirmed: u32,
}

/// The verdict for `failures` of `probes` (exact integer comparison: 7/140 is 5 %).
pub fn verdict(
    rules: &WindowRules,
    window: Duration,
    probes: u32,
    failures: u32,
) -> AvailabilityVerdict {
    if probes < rules.min_probes(window) {
        return AvailabilityVerdict::InsufficientData;
    }
    let f = u64::from(failures) * 10_000;
    let p = u64::from(probes);
    if f >= p * u64::from(rules.veto_bp) {
        AvailabilityVerdict::Veto
    } else if rules.degraded_bp > 0 && f >= p * u64::from(rules.degraded_bp) {
        AvailabilityVerdict::Warning
    } else {
        AvailabilityVerdict::Normal
    }
}

fn ratio(probes: u32, failures: u32) -> f64 {
    if probes == 0 {
        0.0
    } else {
        f64::from(failures) / f64::from(probes)
    }
}

/// Per site: probes, failures, ratio and verdict over `window` ending at `now`, for every site
/// with probes in the window and every registered site (with zero probes: 数据不足).
pub async fn availability_summary<S: Store + MonitorStore>(
    store: &S,
    now: DateTime<FixedOffset>,
    window: Duration,
) -> Result<Vec<AvailabilityRow>, EngineError> {
    availability_summary_with(store, now, window, &WindowRules::default()).await
}

/// [`availability_summary`] with other thresholds.
pub async fn availability_summary_with<S: Store + MonitorStore>(
    store: &S,
    now: DateTime<FixedOffset>,
    window: Duration,
    rules: &WindowRules,
) -> Result<Vec<AvailabilityRow>, EngineError> {
    let err = |source| EngineError::Store {
        site: "*".into(),
        source,
    };
    let to = now.timestamp_millis();
    let from = to - window.as_millis() as i64;
    let counts: std::collections::HashMap<SiteId, ProbeCounts> = store
        .probe_counts(None, from, to, now.offset().local_minus_utc())
        .await
        .map_err(err)?
        .into_iter()
        .collect();
    let registered: std::collections::HashSet<SiteId> = store
        .registered_sites()
        .await
        .map_err(err)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut rows = Vec::new();
    for (id, home, name) in store.all_sites().await.map_err(err)? {
        let c = match counts.get(&id) {
            Some(c) => c.clone(),
            None if registered.contains(&id) => ProbeCounts::default(),
            None => continue,
        };
        rows.push(AvailabilityRow {
            site: home,
            name,
            probes: c.probes,
            failures: c.failures,
            ratio: ratio(c.probes, c.failures),
            verdict: verdict(rules, window, c.probes, c.failures),
            blocked: c.blocked,
            confirmed: c.confirmed,
        });
    }
    Ok(rows)
}

/// The window findings of the site with home URL `home` at `now`, from stored monitor data:
/// `availability.down` (veto) or `availability.degraded` (warning), `home.stale`,
/// `column.stale` and `content.date_changed`. Empty for a site without monitor data.
pub async fn monitor_findings<S: Store + MonitorStore>(
    store: &S,
    home: &str,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Finding>, EngineError> {
    monitor_findings_with(store, home, now, &WindowRules::default()).await
}

/// [`monitor_findings`] with other thresholds.
pub async fn monitor_findings_with<S: Store + MonitorStore>(
    store: &S,
    home: &str,
    now: DateTime<FixedOffset>,
    rules: &WindowRules,
) -> Result<Vec<Finding>, EngineError> {
    let err = |source: StoreError| EngineError::Store {
        site: home.to_owned(),
        source,
    };
    let Some(site) = store.site_id(home).await.map_err(err)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    if let Some(f) = availability_finding(store, site, home, now, rules)
        .await
        .map_err(err)?
    {
        out.push(f);
    }
    out.extend(
        freshness_findings(store, site, home, now, rules)
            .await
            .map_err(err)?,
    );
    out.extend(
        date_change_findings(store, site, home, now, rules)
            .await
            .map_err(err)?,
    );
    Ok(out)
}

/// The probe counts of `site` over `window` ending at `now` (the V2 window), `None` when it
/// has no probes there. Scoring reads the same counts.
pub(crate) async fn window_counts<S: MonitorStore>(
    store: &S,
    site: SiteId,
    now: DateTime<FixedOffset>,
    window: Duration,
) -> Result<Option<ProbeCounts>, StoreError> {
    let to = now.timestamp_millis();
    let from = to - window.as_millis() as i64;
    Ok(store
        .probe_counts(Some(site), from, to, now.offset().local_minus_utc())
        .await?
        .into_iter()
        .find(|(id, _)| *id == site)
        .map(|(_, c)| c))
}

async fn availability_finding<S: MonitorStore>(
    store: &S,
    site: SiteId,
    home: &str,
    now: DateTime<FixedOffset>,
    rules: &WindowRules,
) -> Result<Option<Finding>, StoreError> {
    let window = rules.availability_window;
    let Some(c) = window_counts(store, site, now, window).await? else {
        return Ok(None);
    };
    // The same bounds, for the failed probes listed as evidence.
    let to = now.timestamp_millis();
    let from = to - window.as_millis() as i64;
    let (kind, severity, tier) = match verdict(rules, window, c.probes, c.failures) {
        AvailabilityVerdict::Veto => (FindingKind::AvailabilityDown, Severity::Veto, rules.veto_bp),
        AvailabilityVerdict::Warning => (
            FindingKind::AvailabilityDegraded,
            Severity::Warning,
            rules.degraded_bp,
        ),
        _ => return Ok(None),
    };
    let r = ratio(c.probes, c.failures);
    let days = window.as_secs() / 86_400;
    let summary = format!(
        "监测 {days} 天共访问首页 {} 次，{} 秒内未能打开 {} 次，占 {:.1}%，{}（{:.0}%）",
        c.probes,
        crate::monitor::PROBE_TIMEOUT.as_secs(),
        c.failures,
        r * 100.0,
        if kind == FindingKind::AvailabilityDown {
            "达到单项否决标准"
        } else {
            "接近单项否决标准，预警"
        },
        f64::from(tier) / 100.0,
    );
    // A few failed probes, so a person can check the times against the server's logs.
    let failed: Vec<Value> = store
        .probes(site, from, to)
        .await?
        .into_iter()
        .filter(|p| p.attempt == 0 && p.outcome.is_failure())
        .take(20)
        .map(|p| {
            json!({
                "at": at_ms(p.at_ms, *now.offset()).to_rfc3339(),
                "outcome": p.outcome.as_str(),
                "status": p.status,
                "error": p.error,
                "latency_ms": p.latency_ms,
            })
        })
        .collect();
    let mut facts = std::collections::BTreeMap::new();
    facts.insert("probes".into(), json!(c.probes));
    facts.insert("failures".into(), json!(c.failures));
    facts.insert("ratio".into(), json!(r));
    facts.insert("threshold".into(), json!(f64::from(tier) / 10_000.0));
    facts.insert("blocked".into(), json!(c.blocked));
    facts.insert("confirmed".into(), json!(c.confirmed));
    facts.insert("days_probed".into(), json!(c.days));
    facts.insert("min_probes_per_day".into(), json!(c.min_per_day));
    facts.insert(
        "by_outcome".into(),
        Value::Object(
            c.by_outcome
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect(),
        ),
    );
    facts.insert("window".into(), json!(format!("{days}d")));
    facts.insert(
        "window_start".into(),
        json!(at_ms(from, *now.offset()).to_rfc3339()),
    );
    facts.insert("window_end".into(), json!(now.to_rfc3339()));
    facts.insert("failed_probes".into(), Value::Array(failed));
    let evidence = Evidence {
        summary,
        facts,
        ..Evidence::default()
    };
    Ok(Some(Finding::new(
        kind, severity, home, home, home, evidence, now,
    )))
}

/// Midnight (at `now`'s offset) of `date`, in Unix ms.
fn day_start_ms(date: NaiveDate, now: &DateTime<FixedOffset>) -> i64 {
    date.and_time(NaiveTime::MIN)
        .and_local_timezone(*now.offset())
        .single()
        .map_or(i64::MIN / 2, |t| t.timestamp_millis())
}

/// What the poll history of one page says about one freshness window.
struct PageFreshness {
    enough: bool,
    updated: bool,
    polls: u32,
    poll_days: u32,
    first_ok_ms: Option<i64>,
    window_start: NaiveDate,
}

/// Whether `page` of `site` got a new dated item within `window` ending at `now`, and whether
/// its history covers the window: the first successful poll at most two days after the window
/// starts (polls are daily at a jittered time of day; an item published before the first poll
/// still counts through its date), and successful polls on all but two days of the window.
/// An item counts when it appeared in the window with a date in the window, as first seen: an
/// old item whose date was later moved into the window is a `content.date_changed`, not an
/// update.
async fn page_freshness<S: MonitorStore>(
    store: &S,
    site: SiteId,
    page: &str,
    window: Window,
    now: DateTime<FixedOffset>,
) -> Result<PageFreshness, StoreError> {
    let today = now.date_naive();
    let window_start = window.start(today);
    let start_ms = day_start_ms(window_start, &now);
    let now_ms = now.timestamp_millis();
    let h = store
        .poll_history(
            site,
            page,
            start_ms,
            now_ms + 1,
            now.offset().local_minus_utc(),
        )
        .await?;
    let window_days = ((now_ms - start_ms) / DAY_MS) as u32;
    let enough =
        h.first_ok_ms.is_some_and(|f| f <= start_ms + 2 * DAY_MS) && h.days + 2 >= window_days;
    let items = store
        .items_first_seen(site, page, start_ms, now_ms + 1)
        .await?;
    // Undated items never count (2015 rule: "未注明信息发布时间的视为不更新"), nor do items that
    // appeared with an old date (a page rearranged, not updated).
    let updated = items
        .iter()
        .filter_map(|i| i.date)
        .any(|d| d >= window_start && d <= today);
    Ok(PageFreshness {
        enough,
        updated,
        polls: h.polls,
        poll_days: h.days,
        first_ok_ms: h.first_ok_ms,
        window_start,
    })
}

async fn freshness_findings<S: MonitorStore>(
    store: &S,
    site: SiteId,
    home: &str,
    now: DateTime<FixedOffset>,
    rules: &WindowRules,
) -> Result<Vec<Finding>, StoreError> {
    let pages = store.monitor_pages(site).await?;
    let mut out = Vec::new();
    let windows = &rules.checks.windows;
    let fact_map = |pf: &PageFreshness, window: Window| {
        let mut facts = std::collections::BTreeMap::new();
        facts.insert("basis".into(), json!("poll_history"));
        facts.insert("window".into(), json!(window.to_string()));
        facts.insert("window_start".into(), json!(pf.window_start.to_string()));
        facts.insert("now".into(), json!(now.date_naive().to_string()));
        facts.insert("polls".into(), json!(pf.polls));
        facts.insert("poll_days".into(), json!(pf.poll_days));
        if let Some(f) = pf.first_ok_ms {
            facts.insert(
                "first_poll".into(),
                json!(at_ms(f, *now.offset()).to_rfc3339()),
            );
        }
        facts.insert("new_dated_items".into(), json!(0));
        facts
    };
    // A home page that never showed a dated item is a navigation page: V3 then asks whether
    // any second-level page was updated, so it is judged through its columns (and not at all
    // without them, rather than vetoed on an absence of evidence).
    let home_dated = store
        .items_first_seen(site, home, 0, now.timestamp_millis() + 1)
        .await?
        .iter()
        .any(|i| i.date.is_some());
    let columns: Vec<&String> = pages
        .iter()
        .filter(|p| p.role == "column")
        .map(|p| &p.url)
        .collect();
    let home_basis = if home_dated {
        vec![home]
    } else {
        columns.iter().map(|u| u.as_str()).collect()
    };
    let mut judged: Vec<PageFreshness> = Vec::new();
    if pages.iter().any(|p| p.role == "home") {
        for page in &home_basis {
            judged.push(page_freshness(store, site, page, windows.home, now).await?);
        }
    }
    let updated = judged.iter().any(|pf| pf.updated);
    if let Some(pf) = judged.iter().find(|pf| pf.enough)
        && !updated
    {
        let summary = if home_dated {
            format!(
                "首页在 {} 至 {} 的 {} 内每日轮询 {} 次，未出现新的带发布日期的信息",
                pf.window_start,
                now.date_naive(),
                windows.home.label_zh(),
                pf.polls
            )
        } else {
            format!(
                "首页为栏目导航页，其 {} 个栏目在 {} 至 {} 的 {} 内均未出现新的带发布日期的信息",
                home_basis.len(),
                pf.window_start,
                now.date_naive(),
                windows.home.label_zh()
            )
        };
        let mut facts = fact_map(pf, windows.home);
        if !home_dated {
            facts.insert("basis".into(), json!("first_level_columns"));
            facts.insert("columns_judged".into(), json!(home_basis));
        }
        let evidence = Evidence {
            summary,
            facts,
            ..Evidence::default()
        };
        out.push(Finding::new(
            FindingKind::HomeStale,
            Severity::Veto,
            home,
            home,
            home,
            evidence,
            now,
        ));
    }
    for col in pages.iter().filter(|p| p.role == "column") {
        let window = match col.class.as_deref() {
            Some("news") => windows.news,
            Some("notice" | "policy") => windows.notice,
            _ => continue,
        };
        let pf = page_freshness(store, site, &col.url, window, now).await?;
        if !pf.enough || pf.updated {
            continue;
        }
        let name = col.name.clone().unwrap_or_default();
        let summary = format!(
            "栏目「{name}」在 {} 至 {} 的 {} 内每日轮询 {} 次，未出现新的带发布日期的信息",
            pf.window_start,
            now.date_naive(),
            window.label_zh(),
            pf.polls
        );
        let mut facts = fact_map(&pf, window);
        facts.insert("column".into(), json!(name));
        facts.insert("column_url".into(), json!(col.url));
        facts.insert("class".into(), json!(col.class));
        facts.insert("level".into(), json!(1));
        let evidence = Evidence {
            summary,
            facts,
            ..Evidence::default()
        };
        out.push(Finding::new(
            FindingKind::ColumnStale,
            Severity::Serious,
            home,
            &col.url,
            &col.url,
            evidence,
            now,
        ));
    }
    Ok(out)
}

async fn date_change_findings<S: MonitorStore>(
    store: &S,
    site: SiteId,
    home: &str,
    now: DateTime<FixedOffset>,
    rules: &WindowRules,
) -> Result<Vec<Finding>, StoreError> {
    let to = now.timestamp_millis() + 1;
    let from = to - rules.date_change_lookback.as_millis() as i64;
    let changes = store.date_changes(site, from, to).await?;
    let mut by_item: std::collections::BTreeMap<String, Vec<_>> = Default::default();
    for c in changes {
        by_item.entry(c.item_url.clone()).or_default().push(c);
    }
    let mut out = Vec::new();
    for (item, changes) in by_item {
        let Some(last) = changes.last() else { continue };
        let summary = format!(
            "「{}」的发布日期由 {} 改为 {}（{} 轮询 {} 时发现）",
            last.title,
            changes[0].old_date,
            last.new_date,
            at_ms(last.seen_ms, *now.offset()).date_naive(),
            last.page_url
        );
        let mut facts = std::collections::BTreeMap::new();
        facts.insert("title".into(), json!(last.title));
        facts.insert("page".into(), json!(last.page_url));
        facts.insert("old_date".into(), json!(changes[0].old_date.to_string()));
        facts.insert("new_date".into(), json!(last.new_date.to_string()));
        facts.insert(
            "changes".into(),
            Value::Array(
                changes
                    .iter()
                    .map(|c| {
                        json!({
                            "from": c.old_date.to_string(),
                            "to": c.new_date.to_string(),
                            "seen_at": at_ms(c.seen_ms, *now.offset()).to_rfc3339(),
                            "page": c.page_url,
                        })
                    })
                    .collect(),
            ),
        );
        let evidence = Evidence {
            summary,
            facts,
            ..Evidence::default()
        };
        out.push(Finding::new(
            FindingKind::ContentDateChanged,
            Severity::Warning,
            home,
            &item,
            &item,
            evidence,
            now,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_veto_is_at_exactly_five_percent_of_enough_probes() {
        let r = WindowRules::default();
        let w = AVAILABILITY_WINDOW;
        assert_eq!(r.min_probes(w), 140);
        assert_eq!(verdict(&r, w, 140, 7), AvailabilityVerdict::Veto);
        assert_eq!(verdict(&r, w, 140, 6), AvailabilityVerdict::Warning);
        assert_eq!(verdict(&r, w, 140, 4), AvailabilityVerdict::Normal);
        assert_eq!(
            verdict(&r, w, 139, 139),
            AvailabilityVerdict::InsufficientData
        );
        assert_eq!(verdict(&r, w, 336, 17), AvailabilityVerdict::Veto);
        assert_eq!(verdict(&r, w, 336, 16), AvailabilityVerdict::Warning);
    }
}
