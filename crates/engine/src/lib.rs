//! Orchestration of xunwang (巡网): an inspection run of one site — crawl, fetch, extract,
//! check links, store — used by every front end (CLI now, the daemon and web later).
//!
//! The engine owns no policy of its own: fetching rules live in `xunwang-fetch`, the frontier in
//! `xunwang-crawl`, parsing in `xunwang-extract`, persistence behind the `Store` trait. It wires
//! them so that a run survives `kill -9` (every fetched URL is committed with the URLs it
//! discovered, in one transaction) and resumes where it stopped.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod content;
mod error;
mod findings;
mod inspect;
pub mod monitor;
mod period;
mod progress;

pub use error::EngineError;
pub use findings::link_findings;
pub use inspect::{
    DEFAULT_CONCURRENCY, DEFAULT_MAX_OCCURRENCES, DEFAULT_RECHECK_DELAY, InspectConfig, SiteReport,
    inspect_site, shipped_lexicon,
};
pub use monitor::{
    AvailabilityRow, AvailabilityVerdict, availability_summary, monitor_findings, parse_registry,
};
pub use period::{
    BulletinOptions, PeriodScores, ScoredSite, bulletin, checkpoint_end, score_period,
    stored_scorecards,
};
pub use progress::Progress;
