//! Politeness (DESIGN.md "Fetching rules"): per host at most N requests in flight and a
//! minimum interval between request starts; per IP address at most M in flight, because
//! 集约化 platforms serve hundreds of government sites from one address.
//!
//! The interval adapts: a 429 or 503 doubles it (from at least [`PENALTY_FLOOR`], up to
//! [`PENALTY_CAP`]); each success shrinks it back towards the base, which is the configured
//! minimum raised by robots.txt `Crawl-delay`. A 429 also teaches a floor: the host said that
//! the interval in use was too short, so successes never bring it below 1.5 times that again.
//! Without this, a crawler decays back to the rate that was refused and pays a Retry-After wait
//! every few dozen requests (seen on the rate-limited sample site: 38 s for 200 URLs).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The smallest interval after a 429/503.
const PENALTY_FLOOR: Duration = Duration::from_millis(250);
/// The largest interval adaptive backoff sets.
const PENALTY_CAP: Duration = Duration::from_secs(10);

#[derive(Debug)]
struct Timing {
    next_start: Instant,
    base: Duration,
    interval: Duration,
    /// Learnt from 429s: the interval successes decay to, at least `base`.
    learned: Duration,
    /// The interval in effect at the last success: what a 429 refused (requests in flight when
    /// the first 429 arrives see an interval that is already raised).
    last_ok: Duration,
    /// When the interval was last raised: answers to requests sent before that (the rest of
    /// the same burst) do not raise it again.
    last_penalty: Option<Instant>,
}

#[derive(Debug)]
struct HostState {
    slots: Arc<Semaphore>,
    timing: Mutex<Timing>,
}

impl HostState {
    fn timing(&self) -> std::sync::MutexGuard<'_, Timing> {
        self.timing.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The permits held while one request is in flight.
#[derive(Debug)]
pub(crate) struct Permit {
    _host: OwnedSemaphorePermit,
    _ip: Option<OwnedSemaphorePermit>,
}

#[derive(Debug)]
pub(crate) struct Politeness {
    per_host: usize,
    per_ip: usize,
    min_interval: Duration,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
    ips: Mutex<HashMap<IpAddr, Arc<Semaphore>>>,
}

impl Politeness {
    pub(crate) fn new(per_host: usize, per_ip: usize, min_interval: Duration) -> Politeness {
        Politeness {
            per_host,
            per_ip,
            min_interval,
            hosts: Mutex::new(HashMap::new()),
            ips: Mutex::new(HashMap::new()),
        }
    }

    fn host(&self, key: &str) -> Arc<HostState> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(key.to_owned())
            .or_insert_with(|| {
                Arc::new(HostState {
                    slots: Arc::new(Semaphore::new(self.per_host)),
                    timing: Mutex::new(Timing {
                        next_start: Instant::now(),
                        base: self.min_interval,
                        interval: self.min_interval,
                        learned: Duration::ZERO,
                        last_ok: self.min_interval,
                        last_penalty: None,
                    }),
                })
            })
            .clone()
    }

    fn ip(&self, ip: IpAddr) -> Arc<Semaphore> {
        let mut ips = self.ips.lock().unwrap_or_else(|e| e.into_inner());
        ips.entry(ip)
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_ip)))
            .clone()
    }

    /// Waits for a host slot, the host's next start time, then an IP slot.
    pub(crate) async fn acquire(&self, host_key: &str, ip: Option<IpAddr>) -> Permit {
        let host = self.host(host_key);
        // The semaphores are never closed, so acquiring cannot fail.
        let host_permit = host
            .slots
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphore is never closed");
        let start = {
            let mut t = host.timing();
            let now = Instant::now();
            let start = t.next_start.max(now);
            t.next_start = start + t.interval;
            start
        };
        tokio::time::sleep_until(start).await;
        let ip_permit = match ip {
            Some(ip) => Some(
                self.ip(ip)
                    .acquire_owned()
                    .await
                    .expect("ip semaphore is never closed"),
            ),
            None => None,
        };
        Permit {
            _host: host_permit,
            _ip: ip_permit,
        }
    }

    /// robots.txt `Crawl-delay`, already capped: raises the host's base interval.
    pub(crate) fn set_crawl_delay(&self, host_key: &str, delay: Duration) {
        let host = self.host(host_key);
        let mut t = host.timing();
        t.base = t.base.max(delay);
        t.interval = t.interval.max(t.base);
    }

    /// A 429 or 503: slow down. `rate_limited` (a 429, not a flaky 503) also raises the
    /// learnt floor to 1.5 times the interval that was refused.
    pub(crate) fn penalize(&self, host_key: &str, rate_limited: bool) {
        let host = self.host(host_key);
        let mut t = host.timing();
        let cap = PENALTY_CAP.max(t.base);
        if rate_limited {
            let refused = t.last_ok.max(Duration::from_millis(1));
            t.learned = t.learned.max(refused * 3 / 2).min(cap);
            t.interval = t.interval.max(t.learned);
        }
        let now = Instant::now();
        if t.last_penalty
            .is_some_and(|at| now.duration_since(at) < t.interval)
        {
            // The same burst: those requests left before we slowed down.
            return;
        }
        t.last_penalty = Some(now);
        t.interval = (t.interval * 2).max(PENALTY_FLOOR).min(cap);
        tracing::debug!(
            host = host_key,
            interval_ms = t.interval.as_millis() as u64,
            "slowing down"
        );
    }

    /// A success: decay towards the base interval.
    pub(crate) fn relax(&self, host_key: &str) {
        let host = self.host(host_key);
        let mut t = host.timing();
        let floor = t.base.max(t.learned);
        t.interval = if t.interval > floor {
            (t.interval * 3 / 4).max(floor)
        } else {
            floor
        };
        t.last_ok = t.interval;
    }

    #[cfg(test)]
    fn interval(&self, host_key: &str) -> Duration {
        self.host(host_key).timing().interval
    }

    /// Test helper: as if the last penalty were long ago.
    #[cfg(test)]
    fn forget_penalty(&self, host_key: &str) {
        self.host(host_key).timing().last_penalty = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_503_doubles_the_interval_and_successes_bring_it_back() {
        let p = Politeness::new(2, 6, Duration::from_millis(10));
        p.penalize("h:80", false);
        assert_eq!(p.interval("h:80"), PENALTY_FLOOR);
        p.penalize("h:80", false);
        assert_eq!(
            p.interval("h:80"),
            PENALTY_FLOOR,
            "the same burst doubles once"
        );
        p.forget_penalty("h:80");
        p.penalize("h:80", false);
        assert_eq!(p.interval("h:80"), PENALTY_FLOOR * 2);
        for _ in 0..100 {
            p.relax("h:80");
        }
        assert_eq!(p.interval("h:80"), Duration::from_millis(10));
        for _ in 0..100 {
            p.forget_penalty("h:80");
            p.penalize("h:80", false);
        }
        assert_eq!(p.interval("h:80"), PENALTY_CAP);
    }

    #[test]
    fn a_429_teaches_a_floor_above_the_refused_interval() {
        let p = Politeness::new(2, 6, Duration::from_millis(10));
        p.penalize("h:80", true); // refused at 10 ms
        p.penalize("h:80", true); // a second answer of the same burst teaches nothing more
        for _ in 0..100 {
            p.relax("h:80");
        }
        assert_eq!(p.interval("h:80"), Duration::from_millis(15));
        p.penalize("h:80", true); // refused again at 15 ms
        for _ in 0..100 {
            p.relax("h:80");
        }
        assert_eq!(p.interval("h:80"), Duration::from_micros(22_500));
        assert_eq!(p.interval("other:80"), Duration::from_millis(10));
    }

    #[test]
    fn crawl_delay_raises_the_floor() {
        let p = Politeness::new(2, 6, Duration::from_millis(10));
        p.set_crawl_delay("h:80", Duration::from_secs(2));
        for _ in 0..10 {
            p.relax("h:80");
        }
        assert_eq!(p.interval("h:80"), Duration::from_secs(2));
        assert_eq!(p.interval("other:80"), Duration::from_millis(10));
    }

    #[tokio::test(start_paused = true)]
    async fn starts_on_one_host_are_spaced_by_the_interval() {
        let p = Politeness::new(10, 10, Duration::from_millis(100));
        let t0 = Instant::now();
        let _a = p.acquire("h:80", None).await;
        let _b = p.acquire("h:80", None).await;
        let _c = p.acquire("h:80", None).await;
        assert!(Instant::now() - t0 >= Duration::from_millis(200));
    }
}
