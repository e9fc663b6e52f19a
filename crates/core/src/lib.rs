//! Shared vocabulary of xunwang (巡网): the finding kinds every crate, rule pack and report
//! speaks, and the official Chinese working-day calendar.
//!
//! This crate does no I/O and reads no clock: time is always passed in.
//!
//! ```
//! use xunwang_core::FindingKind;
//! let kind: FindingKind = "column.stale".parse().unwrap();
//! assert_eq!(kind, FindingKind::ColumnStale);
//! assert_eq!(kind.id(), "column.stale");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
mod finding;
mod kind;
mod link;
mod period;

pub use calendar::{CalendarError, WorkCalendar, china_date};
pub use finding::{Evidence, Finding, Fnv1a64, Severity, fingerprint};
pub use kind::{FindingKind, UnknownKind};
pub use link::{Hop, LinkVerdict, Occurrence, Reason};
pub use period::{BadPeriod, Period};
