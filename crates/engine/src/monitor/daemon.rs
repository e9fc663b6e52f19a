//! The monitor daemon: every site's availability probes, freshness polls and scheduled
//! inspections, each at its own deterministic slots ([`Cadence`]), driven by a [`Clock`].
//!
//! Restart safety: slots are a pure function of the site and the cadence, and the store keeps
//! one row per `(site, slot)`. A restarted daemon continues after the last stored slot, so it
//! neither repeats nor drops a slot that it had run. Slots that fell due while it was down are
//! *not* made up: the rule counts accesses at intervals, and firing them late would be a burst
//! (every site at once) that also biases the sample. With the default 48 probes a day, a site
//! keeps the 20 a day the rule needs unless the daemon was down for more than 14 hours of that
//! day; `xunwang availability` says 数据不足 when it did not.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use tokio::task::JoinSet;
use url::Url;
use xunwang_fetch::Fetcher;
use xunwang_store::{MonitorStore, ProbeRecord, SiteId, Store, StoreError};

use crate::error::EngineError;
use crate::inspect::{InspectConfig, inspect_site};
use crate::monitor::clock::{Clock, at_ms};
use crate::monitor::poll::{PollConfig, poll_site};
use crate::monitor::sites::MonitorSite;
use crate::monitor::slots::Cadence;
use crate::monitor::stats::{MonitorCounts, MonitorStats, bump};
use crate::monitor::web::Web;
use crate::progress::Progress;

/// Default probe interval: 30 minutes, 48 a day (the rule needs ≥ 20).
pub const DEFAULT_PROBE_EVERY: Duration = Duration::from_secs(30 * 60);
/// Default jitter of every slot, as a fraction of its interval.
pub const DEFAULT_JITTER: f64 = 0.2;
/// Default wait before the confirmation re-probe of a failed probe.
pub const DEFAULT_CONFIRM_DELAY: Duration = Duration::from_secs(5);
/// Default poll interval of home and column pages: daily.
pub const DEFAULT_POLL_EVERY: Duration = Duration::from_secs(86_400);
/// Default interval of full inspections: weekly, each site at its own time of the week.
pub const DEFAULT_INSPECT_EVERY: Duration = Duration::from_secs(7 * 86_400);
/// Default cap on probes and polls in flight.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 256;
/// Default number of full inspections running at once.
pub const DEFAULT_MAX_INSPECTIONS: usize = 2;
/// Default retention of probes and polls: 45 days (a 7-day window scored up to a month after
/// the 监测时间点, plus margin).
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(45 * 86_400);
/// Default interval between writes of buffered probe results (one transaction each).
pub const DEFAULT_FLUSH_EVERY: Duration = Duration::from_secs(1);
/// Default wait for probes in flight on shutdown before they are abandoned.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(20);
/// Heartbeat of the daemon session and refresh of the database-size gauge.
const BEAT_EVERY_MS: i64 = 60_000;
/// Probe results buffered before a write regardless of the flush interval.
const FLUSH_BATCH: usize = 512;

/// How the daemon runs. Every field's default is the `DEFAULT_*` constant of the same name.
#[derive(Clone, Debug)]
pub struct MonitorConfig {
    /// Probe interval (default [`DEFAULT_PROBE_EVERY`]); a site's registry override wins.
    pub probe_every: Duration,
    /// Jitter fraction of every slot (default [`DEFAULT_JITTER`]).
    pub jitter: f64,
    /// Wait before re-probing a failed probe; `None` disables confirmation (default
    /// [`DEFAULT_CONFIRM_DELAY`]).
    pub confirm_delay: Option<Duration>,
    /// Poll interval; `None` disables polls (default [`DEFAULT_POLL_EVERY`]).
    pub poll_every: Option<Duration>,
    /// How polls read pages.
    pub poll: PollConfig,
    /// Interval of full inspections, when [`Monitor::with_inspections`] enabled them (default
    /// [`DEFAULT_INSPECT_EVERY`]).
    pub inspect_every: Duration,
    /// Probes and polls in flight at most (default [`DEFAULT_MAX_IN_FLIGHT`]).
    pub max_in_flight: usize,
    /// Inspections running at once (default [`DEFAULT_MAX_INSPECTIONS`]).
    pub max_inspections: usize,
    /// Probes and polls older than this are deleted (default [`DEFAULT_RETENTION`]); `None`
    /// keeps everything.
    pub retention: Option<Duration>,
    /// Interval between writes of probe results (default [`DEFAULT_FLUSH_EVERY`]).
    pub flush_every: Duration,
    /// Wait for work in flight on shutdown (default [`DEFAULT_SHUTDOWN_GRACE`]).
    pub shutdown_grace: Duration,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        MonitorConfig {
            probe_every: DEFAULT_PROBE_EVERY,
            jitter: DEFAULT_JITTER,
            confirm_delay: Some(DEFAULT_CONFIRM_DELAY),
            poll_every: Some(DEFAULT_POLL_EVERY),
            poll: PollConfig::default(),
            inspect_every: DEFAULT_INSPECT_EVERY,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            max_inspections: DEFAULT_MAX_INSPECTIONS,
            retention: Some(DEFAULT_RETENTION),
            flush_every: DEFAULT_FLUSH_EVERY,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Task {
    Probe,
    Poll,
    Inspect,
}

/// One slot in the queue: ordered by due time, then site, then task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    due: i64,
    site: usize,
    task: Task,
    k: i64,
}

/// Full inspections on schedule.
#[derive(Clone)]
struct Inspections {
    fetcher: Fetcher,
    config: InspectConfig,
    permits: Arc<tokio::sync::Semaphore>,
}

type Buffer = Arc<Mutex<Vec<(SiteId, ProbeRecord)>>>;

/// The monitor daemon over a store `S`, a network `W` and a clock `C`.
pub struct Monitor<S, W, C> {
    store: S,
    web: Arc<W>,
    clock: Arc<C>,
    sites: Arc<Vec<MonitorSite>>,
    cfg: MonitorConfig,
    stats: Arc<MonitorStats>,
    inspections: Option<Inspections>,
}

impl<S, W, C> Monitor<S, W, C>
where
    S: Store + MonitorStore + Clone,
    W: Web,
    C: Clock,
{
    /// A daemon watching `sites`.
    pub fn new(
        store: S,
        web: Arc<W>,
        clock: Arc<C>,
        sites: Vec<MonitorSite>,
        cfg: MonitorConfig,
    ) -> Monitor<S, W, C> {
        let stats = Arc::new(MonitorStats::default());
        stats.sites.store(sites.len() as u64, Ordering::Relaxed);
        Monitor {
            store,
            web,
            clock,
            sites: Arc::new(sites),
            cfg,
            stats,
            inspections: None,
        }
    }

    /// Also runs a full inspection of every site every [`MonitorConfig::inspect_every`], with
    /// `fetcher` and `config` (its `at` is set to the start of each inspection).
    pub fn with_inspections(mut self, fetcher: Fetcher, config: InspectConfig) -> Self {
        self.inspections = Some(Inspections {
            fetcher,
            config,
            permits: Arc::new(tokio::sync::Semaphore::new(self.cfg.max_inspections.max(1))),
        });
        self
    }

    /// The live counters.
    pub fn stats(&self) -> Arc<MonitorStats> {
        self.stats.clone()
    }

    fn cadences(&self, site: &MonitorSite) -> [Option<Cadence>; 3] {
        let key = site.home.as_str();
        let probe = site.probe_every.unwrap_or(self.cfg.probe_every);
        [
            Some(Cadence::new(key, "probe", probe, self.cfg.jitter)),
            self.cfg
                .poll_every
                .map(|every| Cadence::new(key, "poll", every, self.cfg.jitter)),
            self.inspections
                .as_ref()
                .map(|_| Cadence::new(key, "inspect", self.cfg.inspect_every, self.cfg.jitter)),
        ]
    }

    /// Runs the schedule until `until` (when given) or until `shutdown` completes, then waits
    /// for work in flight (at most [`MonitorConfig::shutdown_grace`] after a shutdown), writes
    /// what is buffered and closes the session. Returns the counters.
    pub async fn run<F>(
        &self,
        until: Option<DateTime<FixedOffset>>,
        shutdown: F,
    ) -> Result<MonitorCounts, EngineError>
    where
        F: Future<Output = ()> + Send,
    {
        let err = |source: StoreError| EngineError::Store {
            site: "*".into(),
            source,
        };
        let store = &self.store;
        let start_ms = self.clock.now_ms();
        let offset = *self.clock.now().offset();
        let session = store.start_session(start_ms).await.map_err(err)?;
        if let Some(r) = self.cfg.retention {
            let pruned = store
                .prune_monitor(start_ms - r.as_millis() as i64)
                .await
                .map_err(err)?;
            tracing::info!(pruned, "删除过期的监测记录");
        }
        let last_probe: HashMap<SiteId, i64> = store
            .last_probe_slots()
            .await
            .map_err(err)?
            .into_iter()
            .collect();
        let last_poll: HashMap<SiteId, i64> = store
            .last_poll_slots()
            .await
            .map_err(err)?
            .into_iter()
            .collect();

        let cadences: Vec<[Option<Cadence>; 3]> =
            self.sites.iter().map(|s| self.cadences(s)).collect();
        let mut heap = BinaryHeap::new();
        for (i, site) in self.sites.iter().enumerate() {
            for (task, last) in [
                (Task::Probe, last_probe.get(&site.id)),
                (Task::Poll, last_poll.get(&site.id)),
                (Task::Inspect, None),
            ] {
                let Some(c) = cadences[i][task as usize] else {
                    continue;
                };
                let mut k = c.first_at_or_after(start_ms);
                if let Some(last) = last {
                    k = k.max(c.first_at_or_after(last + 1));
                }
                heap.push(Reverse(Slot {
                    due: c.due(k),
                    site: i,
                    task,
                    k,
                }));
            }
        }
        tracing::info!(sites = self.sites.len(), "开始监测");

        let buffer: Buffer = Arc::default();
        let mut inflight: JoinSet<()> = JoinSet::new();
        let virtual_time = self.clock.is_virtual();
        let until_ms = until.map(|u| u.timestamp_millis());
        let flush_ms = self.cfg.flush_every.as_millis().max(1) as i64;
        let mut next_flush = start_ms + flush_ms;
        let mut next_beat = start_ms;
        let mut stopping = false;
        let shutdown = std::pin::pin!(shutdown);
        let mut shutdown = shutdown;

        loop {
            let now = self.clock.now_ms();
            if now >= next_flush || buffer_len(&buffer) >= FLUSH_BATCH {
                self.flush(&buffer).await;
                next_flush = now + flush_ms;
            }
            if now >= next_beat {
                if let Err(e) = store.beat_session(session, now, false).await {
                    tracing::error!(error = %e, "无法写入监测会话心跳");
                }
                if let Ok(b) = store.database_bytes().await {
                    self.stats.database_bytes.store(b, Ordering::Relaxed);
                }
                next_beat = now + BEAT_EVERY_MS;
            }
            let next = heap.peek().map(|Reverse(s)| *s);
            let wake = match (next, until_ms) {
                (Some(s), Some(u)) if s.due >= u => {
                    if now >= u {
                        break;
                    }
                    u
                }
                (Some(s), _) => s.due,
                (None, Some(u)) if now >= u => break,
                (None, Some(u)) => u,
                // No sites and no end: wait for the shutdown, waking hourly.
                (None, None) => now + 3_600_000,
            };
            if now < wake {
                if virtual_time {
                    while let Some(r) = inflight.join_next().await {
                        log_join(r);
                    }
                }
                // Real time wakes up for housekeeping; simulated time only for work (a
                // simulated fortnight would otherwise be 20,000 heartbeats).
                let wake = if virtual_time {
                    wake
                } else {
                    wake.min(next_flush).min(next_beat)
                };
                tokio::select! {
                    biased;
                    _ = &mut shutdown => {
                        stopping = true;
                        break;
                    }
                    Some(r) = inflight.join_next(), if !inflight.is_empty() => log_join(r),
                    _ = self.clock.sleep_until(at_ms(wake, offset)) => {}
                }
                continue;
            }
            let Some(Reverse(slot)) = heap.pop() else {
                continue;
            };
            let Some(cadence) = cadences[slot.site][slot.task as usize] else {
                continue;
            };
            heap.push(Reverse(Slot {
                due: cadence.due(slot.k + 1),
                k: slot.k + 1,
                ..slot
            }));
            if slot.task == Task::Probe {
                bump(&self.stats.probes_due, 1);
            }
            // A slot that comes up more than half an interval late (the process was stopped
            // or starved) is skipped, not run late next to the following one.
            if now - slot.due > cadence.interval_ms() / 2 {
                if slot.task == Task::Probe {
                    bump(&self.stats.probes_skipped, 1);
                }
                tracing::debug!(site = %self.sites[slot.site].home, ?slot, "过时的时段，跳过");
                continue;
            }
            while inflight.len() >= self.cfg.max_in_flight.max(1) {
                self.stats.queued.store(1, Ordering::Relaxed);
                if let Some(r) = inflight.join_next().await {
                    log_join(r);
                }
            }
            self.stats.queued.store(0, Ordering::Relaxed);
            let work = self.task(slot, buffer.clone());
            if virtual_time {
                work.await;
            } else {
                inflight.spawn(work);
            }
        }

        let grace = if stopping {
            self.cfg.shutdown_grace
        } else {
            Duration::MAX
        };
        let drain = async {
            while let Some(r) = inflight.join_next().await {
                log_join(r);
            }
        };
        if tokio::time::timeout(grace, drain).await.is_err() {
            tracing::warn!(left = inflight.len(), "停止时仍有任务未完成，已放弃");
            inflight.abort_all();
        }
        self.flush(&buffer).await;
        let end = self.clock.now_ms();
        store.beat_session(session, end, true).await.map_err(err)?;
        if let Ok(b) = store.database_bytes().await {
            self.stats.database_bytes.store(b, Ordering::Relaxed);
        }
        tracing::info!(stopping, "监测结束");
        Ok(self.stats.snapshot())
    }

    /// Writes buffered probe results in one transaction; on failure they are kept for the next
    /// attempt.
    async fn flush(&self, buffer: &Buffer) {
        let batch = std::mem::take(&mut *buffer.lock().unwrap_or_else(|e| e.into_inner()));
        if batch.is_empty() {
            return;
        }
        match self.store.record_probes(&batch).await {
            Ok(new) => {
                bump(
                    &self.stats.probes_duplicate,
                    (batch.len() as u64).saturating_sub(u64::from(new)),
                );
                self.stats.unflushed.store(0, Ordering::Relaxed);
            }
            Err(e) => {
                tracing::error!(error = %e, n = batch.len(), "无法写入探测结果，稍后重试");
                let mut b = buffer.lock().unwrap_or_else(|e| e.into_inner());
                b.extend(batch);
                self.stats
                    .unflushed
                    .store(b.len() as u64, Ordering::Relaxed);
            }
        }
    }

    /// The work of one slot, as a future that owns what it needs.
    fn task(&self, slot: Slot, buffer: Buffer) -> impl Future<Output = ()> + Send + 'static {
        let site = self.sites[slot.site].clone();
        let store = self.store.clone();
        let web = self.web.clone();
        let clock = self.clock.clone();
        let stats = self.stats.clone();
        let confirm = self.cfg.confirm_delay;
        let poll_cfg = self.cfg.poll.clone();
        let inspections = self.inspections.clone();
        async move {
            bump(&stats.in_flight, 1);
            let Ok(url) = Url::parse(&site.home) else {
                stats.in_flight.fetch_sub(1, Ordering::Relaxed);
                return;
            };
            match slot.task {
                Task::Probe => {
                    probe(
                        &*web, &*clock, &stats, &buffer, &site, &url, slot.due, confirm,
                    )
                    .await;
                }
                Task::Poll => {
                    match poll_site(&store, &*web, &*clock, site.id, &url, slot.due, &poll_cfg)
                        .await
                    {
                        Ok(s) => {
                            bump(&stats.polls_done, 1);
                            bump(&stats.poll_pages, u64::from(s.pages));
                            bump(&stats.poll_pages_failed, u64::from(s.failed));
                            tracing::info!(site = %site.home, pages = s.pages, failed = s.failed,
                                not_modified = s.not_modified, new_items = s.new_items,
                                date_changes = s.date_changes, "轮询完成");
                        }
                        Err(e) => {
                            tracing::error!(site = %site.home, error = %e, "轮询结果无法保存")
                        }
                    }
                }
                Task::Inspect => {
                    if let Some(ins) = inspections {
                        let Ok(_permit) = ins.permits.acquire().await else {
                            return;
                        };
                        bump(&stats.inspections, 1);
                        let mut cfg = ins.config.clone();
                        cfg.at = clock.now();
                        cfg.site_code = site.site_code.clone();
                        cfg.aliases = site.aliases.clone();
                        let progress = Progress::default();
                        match inspect_site(&store, &ins.fetcher, &site.home, &cfg, &progress).await
                        {
                            Ok(r) => tracing::info!(site = %site.home, pages = r.pages,
                                findings = r.findings.len(), "定期检查完成"),
                            Err(e) => {
                                tracing::error!(site = %site.home, error = %e, "定期检查失败")
                            }
                        }
                    }
                }
            }
            stats.in_flight.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

fn buffer_len(b: &Buffer) -> usize {
    b.lock().unwrap_or_else(|e| e.into_inner()).len()
}

fn log_join(r: Result<(), tokio::task::JoinError>) {
    if let Err(e) = r
        && e.is_panic()
    {
        tracing::error!(error = %e, "监测任务崩溃");
    }
}

/// One scheduled probe, and its confirmation re-probe when it failed.
#[allow(clippy::too_many_arguments)]
async fn probe<W: Web, C: Clock>(
    web: &W,
    clock: &C,
    stats: &MonitorStats,
    buffer: &Buffer,
    site: &MonitorSite,
    url: &Url,
    due: i64,
    confirm: Option<Duration>,
) {
    let push = |attempt: u8, at: i64, r: &crate::monitor::ProbeResult| {
        let rec = ProbeRecord {
            due_ms: due,
            attempt,
            at_ms: at,
            outcome: r.outcome,
            status: r.status,
            latency_ms: r.latency_ms,
            bytes: r.bytes,
            error: r.error.clone(),
        };
        buffer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((site.id, rec));
    };
    let at = clock.now_ms();
    let r = web.probe(url).await;
    push(0, at, &r);
    bump(&stats.probes_done, 1);
    tracing::debug!(site = %site.home, outcome = r.outcome.as_str(), latency_ms = r.latency_ms, "探测");
    if !r.outcome.is_failure() {
        return;
    }
    bump(&stats.probes_failed, 1);
    let Some(delay) = confirm else {
        tracing::warn!(site = %site.home, outcome = r.outcome.as_str(), error = ?r.error, "首页无法打开");
        return;
    };
    let wake = clock.now_ms() + delay.as_millis() as i64;
    clock.sleep_until(at_ms(wake, *clock.now().offset())).await;
    // The sleep may return early (the real clock caps one sleep); finish waiting.
    while clock.now_ms() < wake {
        clock.sleep_until(at_ms(wake, *clock.now().offset())).await;
    }
    let at2 = clock.now_ms();
    let r2 = web.probe(url).await;
    push(1, at2, &r2);
    if r2.outcome.is_failure() {
        bump(&stats.probes_confirmed, 1);
        tracing::warn!(site = %site.home, outcome = r.outcome.as_str(), error = ?r.error,
            "首页无法打开（复测确认）");
    } else {
        tracing::info!(site = %site.home, outcome = r.outcome.as_str(), "首页一次未能打开，复测正常");
    }
}
