//! The crawl frontier of xunwang: scope, URL normalisation, dedup at enqueue, per-host queues, traps, depth and page caps, soft-404 detection
#![forbid(unsafe_code)]
#![deny(missing_docs)]
