//! Time as an input (STYLE.md habit 10): the scheduler reads the time and sleeps through a
//! [`Clock`], so tests run a simulated week in milliseconds.

use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// Longest real sleep in one call: the daemon wakes at least this often to flush results and
/// notice a wall-clock jump.
const MAX_REAL_SLEEP: Duration = Duration::from_secs(1);

/// Where the monitor gets the time.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> DateTime<FixedOffset>;

    /// Waits until `t` (or returns early; callers re-check the time and sleep again).
    fn sleep_until(&self, t: DateTime<FixedOffset>) -> impl Future<Output = ()> + Send;

    /// True for a simulated clock: sleeping moves time forward at once, so the scheduler runs
    /// one task at a time to stay deterministic.
    fn is_virtual(&self) -> bool {
        false
    }

    /// The current time in Unix milliseconds.
    fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }
}

/// The wall clock, shown at a fixed offset (China Standard Time by default).
#[derive(Clone, Copy, Debug)]
pub struct SystemClock {
    offset: FixedOffset,
}

impl SystemClock {
    /// The wall clock at UTC+8.
    pub fn china() -> SystemClock {
        SystemClock {
            offset: crate::monitor::china_offset(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::china()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().with_timezone(&self.offset)
    }

    async fn sleep_until(&self, t: DateTime<FixedOffset>) {
        let left = (t.timestamp_millis() - Utc::now().timestamp_millis()).max(0);
        let left = Duration::from_millis(left as u64).min(MAX_REAL_SLEEP);
        if !left.is_zero() {
            tokio::time::sleep(left).await;
        }
    }
}

/// A simulated clock: it stands still until someone sleeps, and sleeping jumps to the wake-up
/// time at once.
#[derive(Debug)]
pub struct SimClock {
    now_ms: AtomicI64,
    offset: FixedOffset,
}

impl SimClock {
    /// A simulated clock starting at `start`.
    pub fn new(start: DateTime<FixedOffset>) -> SimClock {
        SimClock {
            now_ms: AtomicI64::new(start.timestamp_millis()),
            offset: *start.offset(),
        }
    }

    /// Moves the time to `t` (never backwards).
    pub fn set(&self, t: DateTime<FixedOffset>) {
        self.now_ms
            .fetch_max(t.timestamp_millis(), Ordering::SeqCst);
    }

    /// Moves the time forward by `d`.
    pub fn advance(&self, d: Duration) {
        self.now_ms
            .fetch_add(d.as_millis() as i64, Ordering::SeqCst);
    }
}

impl Clock for SimClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let ms = self.now_ms.load(Ordering::SeqCst);
        self.offset
            .timestamp_millis_opt(ms)
            .single()
            .unwrap_or_else(|| Utc::now().with_timezone(&self.offset))
    }

    async fn sleep_until(&self, t: DateTime<FixedOffset>) {
        self.set(t);
        tokio::task::yield_now().await;
    }

    fn is_virtual(&self) -> bool {
        true
    }
}

/// Unix milliseconds → time at `offset`.
pub(crate) fn at_ms(ms: i64, offset: FixedOffset) -> DateTime<FixedOffset> {
    offset
        .timestamp_millis_opt(ms)
        .single()
        .unwrap_or_else(|| DateTime::<Utc>::MIN_UTC.with_timezone(&offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_simulated_clock_jumps_when_slept_and_never_goes_back() {
        let t0 = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
        let c = SimClock::new(t0);
        assert_eq!(c.now(), t0);
        let later = t0 + chrono::Duration::days(7);
        c.sleep_until(later).await;
        assert_eq!(c.now(), later);
        c.sleep_until(t0).await;
        assert_eq!(c.now(), later);
        assert!(c.is_virtual());
        assert_eq!(c.now().offset(), t0.offset());
    }
}
