//! Counters a run reports at the end.

use std::sync::atomic::{AtomicU64, Ordering};

use xunwang_core::{LinkVerdict, Reason};

/// What a fetcher has done so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetchStats {
    /// HTTP requests sent (attempts, retries, redirect hops, robots.txt included).
    pub requests: u64,
    /// Attempts that were retries.
    pub retries: u64,
    /// Body bytes read (after decompression).
    pub bytes: u64,
    /// `get`/`check` calls that ended Ok.
    pub ok: u64,
    /// … that ended Broken.
    pub broken: u64,
    /// … that ended Indeterminate.
    pub indeterminate: u64,
    /// … of which timed out.
    pub timeouts: u64,
    /// … of which met a WAF challenge.
    pub waf: u64,
    /// … of which robots.txt forbade (no request made).
    pub robots_disallowed: u64,
    /// Answers whose body was cut at the size limit.
    pub truncated: u64,
    /// 304 answers to conditional GETs.
    pub not_modified: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) requests: AtomicU64,
    pub(crate) retries: AtomicU64,
    pub(crate) bytes: AtomicU64,
    ok: AtomicU64,
    broken: AtomicU64,
    indeterminate: AtomicU64,
    timeouts: AtomicU64,
    waf: AtomicU64,
    robots_disallowed: AtomicU64,
    pub(crate) truncated: AtomicU64,
    pub(crate) not_modified: AtomicU64,
}

pub(crate) fn bump(c: &AtomicU64, n: u64) {
    c.fetch_add(n, Ordering::Relaxed);
}

impl Counters {
    pub(crate) fn outcome(&self, v: &LinkVerdict) {
        match v {
            LinkVerdict::Ok => bump(&self.ok, 1),
            LinkVerdict::Broken { .. } => bump(&self.broken, 1),
            LinkVerdict::Indeterminate { reason } => {
                bump(&self.indeterminate, 1);
                match reason {
                    Reason::Timeout => bump(&self.timeouts, 1),
                    Reason::WafChallenge => bump(&self.waf, 1),
                    Reason::RobotsDisallowed => bump(&self.robots_disallowed, 1),
                    _ => {}
                }
            }
        }
    }

    pub(crate) fn snapshot(&self) -> FetchStats {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        FetchStats {
            requests: g(&self.requests),
            retries: g(&self.retries),
            bytes: g(&self.bytes),
            ok: g(&self.ok),
            broken: g(&self.broken),
            indeterminate: g(&self.indeterminate),
            timeouts: g(&self.timeouts),
            waf: g(&self.waf),
            robots_disallowed: g(&self.robots_disallowed),
            truncated: g(&self.truncated),
            not_modified: g(&self.not_modified),
        }
    }
}
