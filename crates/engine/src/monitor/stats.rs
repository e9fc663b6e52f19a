//! Live counters of the daemon, read by the `/metrics` endpoint and returned by
//! [`crate::monitor::Monitor::run`].

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

/// Live counters of the daemon (the `/metrics` endpoint reads them).
#[derive(Debug, Default)]
pub struct MonitorStats {
    /// Sites watched.
    pub sites: AtomicU64,
    /// Probe slots that fell due.
    pub probes_due: AtomicU64,
    /// Scheduled probes done.
    pub probes_done: AtomicU64,
    /// Scheduled probes that failed.
    pub probes_failed: AtomicU64,
    /// Failures confirmed by the re-probe.
    pub probes_confirmed: AtomicU64,
    /// Slots skipped because they came up too late (the process was stalled).
    pub probes_skipped: AtomicU64,
    /// Probe results the store already had (a repeated slot).
    pub probes_duplicate: AtomicU64,
    /// Site polls done.
    pub polls_done: AtomicU64,
    /// Pages polled.
    pub poll_pages: AtomicU64,
    /// Pages whose poll failed.
    pub poll_pages_failed: AtomicU64,
    /// Inspections started.
    pub inspections: AtomicU64,
    /// Tasks running.
    pub in_flight: AtomicU64,
    /// Tasks due and waiting for a free slot.
    pub queued: AtomicU64,
    /// Probe results not yet written.
    pub unflushed: AtomicU64,
    /// Size of the database file(s), bytes.
    pub database_bytes: AtomicU64,
}

/// A snapshot of [`MonitorStats`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MonitorCounts {
    /// Sites watched.
    pub sites: u64,
    /// Probe slots that fell due.
    pub probes_due: u64,
    /// Scheduled probes done.
    pub probes_done: u64,
    /// Scheduled probes that failed.
    pub probes_failed: u64,
    /// Failures confirmed by the re-probe.
    pub probes_confirmed: u64,
    /// Slots skipped as too late.
    pub probes_skipped: u64,
    /// Repeated slots.
    pub probes_duplicate: u64,
    /// Site polls done.
    pub polls_done: u64,
    /// Pages polled.
    pub poll_pages: u64,
    /// Inspections started.
    pub inspections: u64,
    /// Database size, bytes.
    pub database_bytes: u64,
}

impl MonitorStats {
    /// The counters now.
    pub fn snapshot(&self) -> MonitorCounts {
        let g = |a: &AtomicU64| a.load(Ordering::Relaxed);
        MonitorCounts {
            sites: g(&self.sites),
            probes_due: g(&self.probes_due),
            probes_done: g(&self.probes_done),
            probes_failed: g(&self.probes_failed),
            probes_confirmed: g(&self.probes_confirmed),
            probes_skipped: g(&self.probes_skipped),
            probes_duplicate: g(&self.probes_duplicate),
            polls_done: g(&self.polls_done),
            poll_pages: g(&self.poll_pages),
            inspections: g(&self.inspections),
            database_bytes: g(&self.database_bytes),
        }
    }
}

pub(crate) fn bump(a: &AtomicU64, n: u64) {
    a.fetch_add(n, Ordering::Relaxed);
}
