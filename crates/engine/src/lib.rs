//! Orchestration of xunwang: an inspection run (crawl, fetch, extract, checks, store) used by every front end
#![forbid(unsafe_code)]
#![deny(missing_docs)]
