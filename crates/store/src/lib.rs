//! Storage of xunwang (巡网): the [`Store`] trait and its SQLite implementation.
//!
//! What is stored (DESIGN.md "Storage"): sites, inspection runs, each run's crawl frontier,
//! fetched pages, one verdict per unique target URL per run, the occurrences (source page,
//! element, attribute, text) of targets that are not Ok, and findings with their history
//! across runs. Link edges are never stored, so a 100 000-page site stays small.
//!
//! A run survives `kill -9`: the engine commits everything learnt from one fetched URL in one
//! [`Store::commit`], and on restart [`Store::unfinished_run`] and [`Store::frontier`] give back
//! exactly what was committed.
//!
//! ```
//! use chrono::DateTime;
//! use xunwang_store::{EntryKind, FrontierRow, SqliteStore, Store};
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let store = SqliteStore::open("sqlite::memory:").await?;
//! let site = store.upsert_site("http://www.example.gov.cn/", Some("示例政府网")).await?;
//! let started = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
//! let run = store.create_run(site, started).await?;
//! let home = FrontierRow {
//!     url: "http://www.example.gov.cn/".into(),
//!     depth: 0,
//!     kind: EntryKind::Page,
//!     done: false,
//! };
//! store.enqueue(run, &[home.clone()]).await?;
//! assert_eq!(store.frontier(run).await?, vec![home]);
//! # Ok::<(), xunwang_store::StoreError>(())
//! # }).unwrap();
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod codec;
mod error;
mod model;
mod monitor;
mod scoring;
mod sql;
mod sqlite;
mod store;

pub use error::{Cause, StoreError};
pub use model::{
    Commit, EntryKind, FrontierRow, PageRecord, Run, RunId, RunStatus, SiteId, TargetRecord,
};
pub use monitor::{
    DateChange, MonitorPage, MonitorStore, PolitenessOverride, PollDelta, PollHistory, PollRecord,
    PolledItem, ProbeCounts, ProbeOutcome, ProbeRecord, RegisteredSite, RegistryEntry, SeenItem,
    SiteKind,
};
pub use scoring::{ManualRecord, ScoreStore, ScorecardRecord, SiteFlags, SiteRow};
pub use sqlite::SqliteStore;
pub use store::Store;
