//! The monitor (issue 7): every site watched every day.
//!
//! - **Probes** (`spec/indicators.md` V2): each site's home page is loaded at jittered,
//!   deterministic slots (default every 30 minutes, ≥ 20 a day), one GET within 15 s; the
//!   outcome class, latency and bytes are stored. A failure is confirmed by a quick re-probe
//!   before it is logged as an alert; both are stored, and the V2 ratio counts the scheduled
//!   probes only (the rule counts accesses at intervals).
//! - **Polls** (V3, V4): the home page and the first-level news, notice and policy columns it
//!   links to are fetched daily with conditional GET; every list item's first appearance and
//!   date are kept, so history says when the site was last updated and whether an old item's
//!   date was changed (`content.date_changed`).
//! - **Inspections**: a full inspection of every site on a weekly slot of its own.
//! - **Windows**: [`monitor_findings`] turns the stored history into `availability.down` /
//!   `availability.degraded`, `home.stale`, `column.stale` and `content.date_changed`.
//!
//! The scheduler takes a [`Clock`], so tests run a simulated week in milliseconds, and a
//! [`Web`], so they can fail probes on a schedule.

mod clock;
mod daemon;
mod metrics;
mod poll;
mod registry;
mod sites;
mod slots;
mod stats;
mod web;
mod windows;

use chrono::FixedOffset;

pub use clock::{Clock, SimClock, SystemClock};
pub use daemon::{
    DEFAULT_CONFIRM_DELAY, DEFAULT_FLUSH_EVERY, DEFAULT_INSPECT_EVERY, DEFAULT_JITTER,
    DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_INSPECTIONS, DEFAULT_POLL_EVERY, DEFAULT_PROBE_EVERY,
    DEFAULT_RETENTION, DEFAULT_SHUTDOWN_GRACE, Monitor, MonitorConfig,
};
pub use metrics::{render_metrics, serve_metrics};
pub use poll::{DEFAULT_MAX_COLUMNS, PollConfig, PollSummary};
pub use registry::{RegistryError, parse_duration, parse_registry};
pub use sites::{MonitorSite, monitor_sites, normalize_home};
pub use slots::Cadence;
pub use stats::{MonitorCounts, MonitorStats};
pub use web::{HttpWeb, PROBE_PER_IP, PROBE_TIMEOUT, PageFetch, ProbeResult, Web, probe_config};
pub(crate) use windows::window_counts;
pub use windows::{
    AVAILABILITY_WINDOW, AvailabilityRow, AvailabilityVerdict, DATE_CHANGE_LOOKBACK,
    DEGRADED_RATIO_BP, MIN_PROBES_PER_DAY, VETO_RATIO_BP, WindowRules, availability_summary,
    availability_summary_with, monitor_findings, monitor_findings_with, verdict,
};

/// China Standard Time (UTC+8): calendar days of the windows are China's.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}
