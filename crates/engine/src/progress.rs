//! Live counters of a running inspection, read by front ends to draw progress.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counters updated by the engine as it works; share one per site (or one for all sites) and
/// read them from another task. Relaxed atomics: the figures are for display only.
#[derive(Debug, Default)]
pub struct Progress {
    /// Pages fetched (HTML on the site).
    pub pages: AtomicU64,
    /// Non-page targets checked (external links, images, attachments).
    pub checks: AtomicU64,
    /// URLs waiting in the frontier.
    pub queued: AtomicU64,
    /// Targets found definitely broken.
    pub broken: AtomicU64,
    /// Targets that could not be judged.
    pub indeterminate: AtomicU64,
    /// Sites finished.
    pub sites_done: AtomicU64,
}

impl Progress {
    /// Adds `n` to a counter.
    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// Reads a counter.
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}
