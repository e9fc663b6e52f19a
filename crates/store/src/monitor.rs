//! The `MonitorStore` trait: what the monitor daemon needs from storage — the site registry,
//! availability probes, freshness polls and the items they saw (DESIGN.md "Data flow":
//! monitor → measurements → store).
//!
//! Times of measurements are Unix milliseconds (`i64`): the probe table grows by hundreds of
//! thousands of rows a day at national scale, and window queries compare integers.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::model::SiteId;

/// Shorthand for the futures the trait returns: `Send`, so the engine can spawn them.
macro_rules! fut {
    ($t:ty) => { impl Future<Output = Result<$t, StoreError>> + Send };
}

/// Portal (政府门户网站) or department site (部门网站).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    /// 政府门户网站.
    Portal,
    /// 部门网站.
    Department,
}

impl SiteKind {
    /// The stored text: `portal`, `department`.
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Portal => "portal",
            SiteKind::Department => "department",
        }
    }

    /// Parses the stored text (or the Chinese 门户 / 部门).
    pub fn parse(s: &str) -> Option<SiteKind> {
        match s.trim() {
            "portal" | "门户" | "门户网站" | "政府门户网站" => Some(SiteKind::Portal),
            "department" | "部门" | "部门网站" => Some(SiteKind::Department),
            _ => None,
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            SiteKind::Portal => "门户网站",
            SiteKind::Department => "部门网站",
        }
    }
}

/// Per-site overrides of the monitor's and fetcher's pace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolitenessOverride {
    /// Probe interval in seconds (default: the daemon's `--probe-every`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_every_secs: Option<u64>,
    /// Minimum interval between requests to the site's host, milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_interval_ms: Option<u64>,
    /// Requests in flight to the site's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_host: Option<u32>,
}

/// One site as the registry describes it (`xunwang sites import`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryEntry {
    /// The home URL (normalised by the caller, as inspections normalise it).
    pub home: String,
    /// The site's name.
    pub name: Option<String>,
    /// The registered 网站标识码.
    pub site_code: Option<String>,
    /// Portal or department.
    pub kind: Option<SiteKind>,
    /// 主办单位.
    pub organizer: Option<String>,
    /// Region (行政区划 name or code).
    pub region: Option<String>,
    /// The supervising body or parent site.
    pub parent: Option<String>,
    /// Other host names of the same site.
    pub aliases: Vec<String>,
    /// Pace overrides.
    pub politeness: PolitenessOverride,
}

/// A registered site with its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredSite {
    /// The id shared with inspections.
    pub id: SiteId,
    /// What the registry holds.
    pub entry: RegistryEntry,
}

/// What one probe found: the outcome class of the home page's load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeOutcome {
    /// The home page loaded within the limit.
    Ok,
    /// Not loaded within the limit (V2: "超过(含)15秒网站仍打不开").
    Timeout,
    /// The name did not resolve.
    Dns,
    /// The connection was refused, reset or unreachable.
    Connect,
    /// TLS handshake or certificate failure.
    Tls,
    /// An HTTP status that is not a page (5xx, 404, 410, redirect loops).
    Http,
    /// The server refused a robot (401, 403, 412, 429, WAF challenge, robots.txt): says
    /// nothing about what a person sees, so it is neither a success nor a failure.
    Blocked,
    /// Any other failure.
    Other,
}

impl ProbeOutcome {
    /// Every outcome, in the order reports list them.
    pub const ALL: [ProbeOutcome; 8] = [
        ProbeOutcome::Ok,
        ProbeOutcome::Timeout,
        ProbeOutcome::Dns,
        ProbeOutcome::Connect,
        ProbeOutcome::Tls,
        ProbeOutcome::Http,
        ProbeOutcome::Blocked,
        ProbeOutcome::Other,
    ];

    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeOutcome::Ok => "ok",
            ProbeOutcome::Timeout => "timeout",
            ProbeOutcome::Dns => "dns",
            ProbeOutcome::Connect => "connect",
            ProbeOutcome::Tls => "tls",
            ProbeOutcome::Http => "http",
            ProbeOutcome::Blocked => "blocked",
            ProbeOutcome::Other => "other",
        }
    }

    /// Parses the stored text.
    pub fn parse(s: &str) -> Option<ProbeOutcome> {
        ProbeOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Counts in the V2 ratio as a failure.
    pub fn is_failure(self) -> bool {
        !matches!(self, ProbeOutcome::Ok | ProbeOutcome::Blocked)
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            ProbeOutcome::Ok => "正常",
            ProbeOutcome::Timeout => "超时",
            ProbeOutcome::Dns => "域名解析失败",
            ProbeOutcome::Connect => "连接失败",
            ProbeOutcome::Tls => "TLS 错误",
            ProbeOutcome::Http => "HTTP 错误",
            ProbeOutcome::Blocked => "被拒绝访问（不计入）",
            ProbeOutcome::Other => "其他错误",
        }
    }
}

/// One stored probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeRecord {
    /// The scheduled slot (Unix ms).
    pub due_ms: i64,
    /// 0 for the scheduled probe, 1 for the confirmation re-probe.
    pub attempt: u8,
    /// When it ran (Unix ms).
    pub at_ms: i64,
    /// What it found.
    pub outcome: ProbeOutcome,
    /// The final HTTP status, when an answer came.
    pub status: Option<u16>,
    /// Time to load the page (ms).
    pub latency_ms: u32,
    /// Body bytes read.
    pub bytes: u64,
    /// The error, when it failed.
    pub error: Option<String>,
}

/// Probe counts of one site over a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProbeCounts {
    /// Scheduled probes that ran and were not blocked (the V2 denominator).
    pub probes: u32,
    /// Those that failed (the V2 numerator).
    pub failures: u32,
    /// Scheduled probes the server refused as a robot (not counted).
    pub blocked: u32,
    /// Confirmation re-probes that failed too.
    pub confirmed: u32,
    /// Failures per outcome class, as stored text.
    pub by_outcome: Vec<(String, u32)>,
    /// The fewest counted probes on one calendar day (China time) of the window, over the days
    /// that had any; 0 when none.
    pub min_per_day: u32,
    /// Days of the window with at least one counted probe.
    pub days: u32,
}

/// A list item seen on a polled page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolledItem {
    /// Its URL (the identity across polls).
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its date, when the page shows one.
    pub date: Option<NaiveDate>,
    /// Where the date was read (`text`, `month_day`, `url`).
    pub date_source: Option<String>,
}

/// One poll of one page, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollRecord {
    /// The page.
    pub url: String,
    /// The scheduled slot (Unix ms).
    pub due_ms: i64,
    /// When it ran (Unix ms).
    pub at_ms: i64,
    /// What the fetch found (`ok` also for a 304).
    pub outcome: ProbeOutcome,
    /// HTTP status.
    pub status: Option<u16>,
    /// A 304 answer: nothing changed, items not read.
    pub not_modified: bool,
}

/// What recording a poll learnt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollDelta {
    /// Items not seen before on this page (none on the page's first poll).
    pub new_items: u32,
    /// Items whose date changed.
    pub date_changes: u32,
    /// False when the slot was already recorded (a duplicate after a restart): nothing stored.
    pub recorded: bool,
}

/// A page the monitor polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonitorPage {
    /// The page URL.
    pub url: String,
    /// `home` or `column`.
    pub role: String,
    /// The column name, as linked from the home page.
    pub name: Option<String>,
    /// The column class (`news`, `notice`, `policy`…).
    pub class: Option<String>,
    /// `ETag` of the last answer.
    pub etag: Option<String>,
    /// `Last-Modified` of the last answer.
    pub last_modified: Option<String>,
}

/// What the poll history of one page says over a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollHistory {
    /// The first successful poll ever (Unix ms).
    pub first_ok_ms: Option<i64>,
    /// Successful polls in the window.
    pub polls: u32,
    /// Distinct days (China time) with a successful poll in the window.
    pub days: u32,
    /// The last successful poll in the window (Unix ms).
    pub last_ok_ms: Option<i64>,
}

/// An item as stored, with when it appeared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenItem {
    /// The page it is listed on.
    pub page_url: String,
    /// Its URL.
    pub url: String,
    /// Its title.
    pub title: String,
    /// First seen (Unix ms).
    pub first_seen_ms: i64,
    /// Its date when it first appeared (a later change does not make it new).
    pub date: Option<NaiveDate>,
    /// Already there at the page's first poll.
    pub baseline: bool,
}

/// A date change seen on a polled page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateChange {
    /// The item.
    pub item_url: String,
    /// Its title.
    pub title: String,
    /// The page it is listed on.
    pub page_url: String,
    /// The date before.
    pub old_date: NaiveDate,
    /// The date after.
    pub new_date: NaiveDate,
    /// When the change was seen (Unix ms).
    pub seen_ms: i64,
}

/// Storage of the registry and the monitor's measurements.
///
/// Every method is one atomic unit. Probe and poll slots are unique per site, so a restarted
/// daemon that records a slot twice stores it once.
pub trait MonitorStore: Send + Sync + 'static {
    /// Inserts or updates registry entries (and their `sites` rows) in one transaction;
    /// returns their ids in order.
    fn register_sites(
        &self,
        entries: &[RegistryEntry],
        at: DateTime<FixedOffset>,
    ) -> fut!(Vec<SiteId>);

    /// Every registered site, by home URL.
    fn registered_sites(&self) -> fut!(Vec<RegisteredSite>);

    /// Every site (registered or only inspected) as `(id, home, name)`, by home URL.
    fn all_sites(&self) -> fut!(Vec<(SiteId, String, Option<String>)>);

    /// Stores probes of `site`; slots already stored are ignored. Returns how many were new.
    fn record_probes(&self, probes: &[(SiteId, ProbeRecord)]) -> fut!(u32);

    /// The latest stored scheduled slot (`due_ms`) of every site that has one.
    fn last_probe_slots(&self) -> fut!(Vec<(SiteId, i64)>);

    /// The probes of `site` with `from_ms <= due_ms < to_ms`, in slot order.
    fn probes(&self, site: SiteId, from_ms: i64, to_ms: i64) -> fut!(Vec<ProbeRecord>);

    /// Probe counts of `site` (or of every site, when `None`) with probes in
    /// `from_ms <= due_ms < to_ms`; days are calendar days at `utc_offset_secs` (China: 28800).
    fn probe_counts(
        &self,
        site: Option<SiteId>,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> fut!(Vec<(SiteId, ProbeCounts)>);

    /// Deletes probes and polls with slots before `before_ms`; returns rows deleted.
    fn prune_monitor(&self, before_ms: i64) -> fut!(u64);

    /// The pages polled for `site` (home first), active ones only.
    fn monitor_pages(&self, site: SiteId) -> fut!(Vec<MonitorPage>);

    /// Sets the home page and the column pages polled for `site`; columns not listed become
    /// inactive (their history stays); validators of pages kept are kept.
    fn set_monitor_pages(&self, site: SiteId, home: &str, columns: &[MonitorPage]) -> fut!(());

    /// Records one poll and the items read (none for a 304 or a failure) in one transaction:
    /// new items are inserted, dates that changed are recorded, validators are updated.
    fn record_poll(
        &self,
        site: SiteId,
        poll: &PollRecord,
        items: &[PolledItem],
        validators: (Option<&str>, Option<&str>),
    ) -> fut!(PollDelta);

    /// The latest stored poll slot of every site (over its pages).
    fn last_poll_slots(&self) -> fut!(Vec<(SiteId, i64)>);

    /// The poll history of one page over `from_ms <= at_ms < to_ms`.
    fn poll_history(
        &self,
        site: SiteId,
        url: &str,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> fut!(PollHistory);

    /// Items of `page_url` first seen in `from_ms <= first_seen_ms < to_ms`.
    fn items_first_seen(
        &self,
        site: SiteId,
        page_url: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> fut!(Vec<SeenItem>);

    /// Date changes of `site` seen in `from_ms <= seen_ms < to_ms`.
    fn date_changes(&self, site: SiteId, from_ms: i64, to_ms: i64) -> fut!(Vec<DateChange>);

    /// Starts a daemon session; returns its id.
    fn start_session(&self, at_ms: i64) -> fut!(i64);

    /// Heartbeat (`stopped` false) or clean stop (`stopped` true) of a session.
    fn beat_session(&self, session: i64, at_ms: i64, stopped: bool) -> fut!(());

    /// The size of the database in bytes (pages × page size).
    fn database_bytes(&self) -> fut!(u64);
}

impl<S: MonitorStore> MonitorStore for Arc<S> {
    fn register_sites(
        &self,
        entries: &[RegistryEntry],
        at: DateTime<FixedOffset>,
    ) -> fut!(Vec<SiteId>) {
        (**self).register_sites(entries, at)
    }
    fn registered_sites(&self) -> fut!(Vec<RegisteredSite>) {
        (**self).registered_sites()
    }
    fn all_sites(&self) -> fut!(Vec<(SiteId, String, Option<String>)>) {
        (**self).all_sites()
    }
    fn record_probes(&self, probes: &[(SiteId, ProbeRecord)]) -> fut!(u32) {
        (**self).record_probes(probes)
    }
    fn last_probe_slots(&self) -> fut!(Vec<(SiteId, i64)>) {
        (**self).last_probe_slots()
    }
    fn probes(&self, site: SiteId, from_ms: i64, to_ms: i64) -> fut!(Vec<ProbeRecord>) {
        (**self).probes(site, from_ms, to_ms)
    }
    fn probe_counts(
        &self,
        site: Option<SiteId>,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> fut!(Vec<(SiteId, ProbeCounts)>) {
        (**self).probe_counts(site, from_ms, to_ms, utc_offset_secs)
    }
    fn prune_monitor(&self, before_ms: i64) -> fut!(u64) {
        (**self).prune_monitor(before_ms)
    }
    fn monitor_pages(&self, site: SiteId) -> fut!(Vec<MonitorPage>) {
        (**self).monitor_pages(site)
    }
    fn set_monitor_pages(&self, site: SiteId, home: &str, columns: &[MonitorPage]) -> fut!(()) {
        (**self).set_monitor_pages(site, home, columns)
    }
    fn record_poll(
        &self,
        site: SiteId,
        poll: &PollRecord,
        items: &[PolledItem],
        validators: (Option<&str>, Option<&str>),
    ) -> fut!(PollDelta) {
        (**self).record_poll(site, poll, items, validators)
    }
    fn last_poll_slots(&self) -> fut!(Vec<(SiteId, i64)>) {
        (**self).last_poll_slots()
    }
    fn poll_history(
        &self,
        site: SiteId,
        url: &str,
        from_ms: i64,
        to_ms: i64,
        utc_offset_secs: i32,
    ) -> fut!(PollHistory) {
        (**self).poll_history(site, url, from_ms, to_ms, utc_offset_secs)
    }
    fn items_first_seen(
        &self,
        site: SiteId,
        page_url: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> fut!(Vec<SeenItem>) {
        (**self).items_first_seen(site, page_url, from_ms, to_ms)
    }
    fn date_changes(&self, site: SiteId, from_ms: i64, to_ms: i64) -> fut!(Vec<DateChange>) {
        (**self).date_changes(site, from_ms, to_ms)
    }
    fn start_session(&self, at_ms: i64) -> fut!(i64) {
        (**self).start_session(at_ms)
    }
    fn beat_session(&self, session: i64, at_ms: i64, stopped: bool) -> fut!(()) {
        (**self).beat_session(session, at_ms, stopped)
    }
    fn database_bytes(&self) -> fut!(u64) {
        (**self).database_bytes()
    }
}
