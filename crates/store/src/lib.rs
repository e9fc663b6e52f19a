//! Storage of xunwang: the Store trait and its SQLite implementation (sites, runs, frontier, pages, target verdicts, occurrences, findings)
#![forbid(unsafe_code)]
#![deny(missing_docs)]
