//! Deterministic slots: when each site's probes, polls and inspections fall due.
//!
//! Slot `k` of a site's cadence is due at `k × interval + offset + jitter(k)` Unix
//! milliseconds, where `offset` (in `[0, interval)`) is hashed from the site and the task and
//! `jitter(k)` (in `[0, interval × fraction)`) from the site, the task and `k`. So:
//!
//! - the same site always has the same slots: a restarted daemon finds the slot it was at, and
//!   the store's unique `(site, slot)` key turns a repeated slot into a no-op;
//! - sites are spread evenly over the interval (no burst at :00 and :30 as when every check
//!   fires at once), and a site's probes do not land at the same second of every hour (which
//!   could alias with a server's own periodic jobs);
//! - jitter is below one interval, so slots stay in order.

use std::time::Duration;

use xunwang_core::Fnv1a64;

/// The cadence of one task of one site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cadence {
    interval_ms: i64,
    offset_ms: i64,
    jitter_ms: i64,
    salt: u64,
}

impl Cadence {
    /// The cadence of `task` (`probe`, `poll`, `inspect`) for the site `key` (its home URL),
    /// every `interval` with up to `jitter` × `interval` of deterministic jitter (clamped to
    /// `[0, 0.5]`).
    pub fn new(key: &str, task: &str, interval: Duration, jitter: f64) -> Cadence {
        let interval_ms = (interval.as_millis() as i64).max(1);
        let mut h = Fnv1a64::new();
        h.write(key.as_bytes());
        h.write(b"|");
        h.write(task.as_bytes());
        let salt = h.finish();
        let jitter_ms = (interval_ms as f64 * jitter.clamp(0.0, 0.5)) as i64;
        Cadence {
            interval_ms,
            offset_ms: (salt % interval_ms as u64) as i64,
            jitter_ms,
            salt,
        }
    }

    /// The interval in milliseconds.
    pub fn interval_ms(&self) -> i64 {
        self.interval_ms
    }

    /// When slot `k` is due (Unix ms).
    pub fn due(&self, k: i64) -> i64 {
        let jitter = if self.jitter_ms > 0 {
            let mut h = Fnv1a64::new();
            h.write(&self.salt.to_le_bytes());
            h.write(&k.to_le_bytes());
            (h.finish() % self.jitter_ms as u64) as i64
        } else {
            0
        };
        k * self.interval_ms + self.offset_ms + jitter
    }

    /// The first slot due at or after `t_ms`.
    pub fn first_at_or_after(&self, t_ms: i64) -> i64 {
        let mut k = (t_ms - self.offset_ms).div_euclid(self.interval_ms) - 1;
        while self.due(k) < t_ms {
            k += 1;
        }
        k
    }

    /// The slot whose due time is exactly `due_ms`, if any.
    pub fn slot_of(&self, due_ms: i64) -> Option<i64> {
        let k = self.first_at_or_after(due_ms);
        (self.due(k) == due_ms).then_some(k)
    }

    /// How many slots fall due in `from_ms <= due < to_ms`.
    pub fn count_between(&self, from_ms: i64, to_ms: i64) -> i64 {
        if to_ms <= from_ms {
            return 0;
        }
        self.first_at_or_after(to_ms) - self.first_at_or_after(from_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn slots_are_ordered_spaced_and_found_again_from_their_time() {
        let c = Cadence::new("http://www.example.gov.cn/", "probe", HOUR / 2, 0.2);
        let start = 1_780_000_000_000;
        let k0 = c.first_at_or_after(start);
        assert!(c.due(k0) >= start && c.due(k0 - 1) < start);
        for k in k0..k0 + 500 {
            let gap = c.due(k + 1) - c.due(k);
            assert!(gap > 0 && gap < 2 * c.interval_ms(), "{gap}");
            assert_eq!(c.slot_of(c.due(k)), Some(k));
        }
        assert_eq!(c.count_between(c.due(k0), c.due(k0 + 48)), 48);
    }

    #[test]
    fn sites_get_different_offsets_spread_over_the_interval() {
        let mut offsets: Vec<i64> = (0..100)
            .map(|i| {
                let c = Cadence::new(&format!("http://s{i}.gov.cn/"), "probe", HOUR, 0.0);
                c.due(0)
            })
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        assert_eq!(offsets.len(), 100);
        // Spread: no quarter of the hour holds more than half of the sites.
        for q in 0..4 {
            let n = offsets.iter().filter(|o| **o / 900_000 == q).count();
            assert!(n < 50, "quarter {q}: {n}");
        }
    }

    #[test]
    fn without_jitter_a_72_minute_cadence_has_140_slots_a_week() {
        let c = Cadence::new(
            "http://a.gov.cn/",
            "probe",
            Duration::from_secs(72 * 60),
            0.0,
        );
        let from = 1_780_000_000_000;
        assert_eq!(c.count_between(from, from + 7 * 86_400_000), 140);
    }
}
