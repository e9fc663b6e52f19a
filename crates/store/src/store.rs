//! The `Store` trait: what the engine needs from storage, whatever the backend.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use xunwang_core::{Finding, Occurrence};

use crate::error::StoreError;
use crate::model::{Commit, FrontierRow, PageRecord, Run, RunId, RunStatus, SiteId, TargetRecord};

/// Shorthand for the futures the trait returns: `Send`, so the engine can spawn them.
macro_rules! fut {
    ($t:ty) => { impl Future<Output = Result<$t, StoreError>> + Send };
}

/// Storage of sites, runs, the crawl frontier, results and findings.
///
/// Every method is one atomic unit: it either happens completely or not at all, so a run killed
/// at any moment can be resumed from what [`Store::frontier`] returns.
pub trait Store: Send + Sync + 'static {
    /// Inserts the site with this home URL, or updates its name (when `Some`); returns its id.
    fn upsert_site(&self, home: &str, name: Option<&str>) -> fut!(SiteId);

    /// The id of the site with this home URL, if stored.
    fn site_id(&self, home: &str) -> fut!(Option<SiteId>);

    /// The latest run of `site` that is still [`RunStatus::Running`] (to resume it).
    fn unfinished_run(&self, site: SiteId) -> fut!(Option<Run>);

    /// Starts a new run of `site`.
    fn create_run(&self, site: SiteId, started_at: DateTime<FixedOffset>) -> fut!(RunId);

    /// Ends `run` with `status` at `at`, storing the engine's statistics (JSON).
    fn finish_run(
        &self,
        run: RunId,
        at: DateTime<FixedOffset>,
        status: RunStatus,
        stats_json: &str,
    ) -> fut!(());

    /// The run with this id, if any.
    fn run(&self, run: RunId) -> fut!(Option<Run>);

    /// The latest run of `site` that [`RunStatus::Finished`] (failed runs are skipped).
    fn last_finished_run(&self, site: SiteId) -> fut!(Option<Run>);

    /// Adds rows to the run's frontier, ignoring URLs it already has.
    fn enqueue(&self, run: RunId, rows: &[FrontierRow]) -> fut!(());

    /// The whole frontier of the run, in insertion order, with done flags.
    fn frontier(&self, run: RunId) -> fut!(Vec<FrontierRow>);

    /// Stores everything learnt from one fetched URL in one transaction: upserts the target
    /// verdict, upserts the page (if any), marks the URL's frontier row done (a URL that was
    /// never enqueued gets no row), adds the discovered
    /// rows (ignoring duplicates) and the occurrences of targets not known to be Ok; an Ok
    /// verdict deletes the target's stored occurrences.
    fn commit(&self, run: RunId, c: &Commit) -> fut!(());

    /// Like [`Store::commit`] for several URLs, applied in order in ONE transaction: all or
    /// nothing. The engine batches the results that finish together, which is what keeps the
    /// store from limiting the crawl rate.
    fn commit_batch(&self, run: RunId, cs: &[Commit]) -> fut!(());

    /// Replaces a target's verdict (re-check pass); an Ok verdict deletes its occurrences.
    fn update_target(&self, run: RunId, t: &TargetRecord) -> fut!(());

    /// All target verdicts of the run, in first-stored order.
    fn targets(&self, run: RunId) -> fut!(Vec<TargetRecord>);

    /// The run's Broken and Indeterminate targets only (what findings are made of), in
    /// first-stored order; on a 100k-page site this is a few rows instead of 100k.
    fn problem_targets(&self, run: RunId) -> fut!(Vec<TargetRecord>);

    /// All stored occurrences of the run as `(target url, occurrence)`, sorted by target.
    fn occurrences(&self, run: RunId) -> fut!(Vec<(String, Occurrence)>);

    /// All pages of the run, in first-stored order.
    fn pages(&self, run: RunId) -> fut!(Vec<PageRecord>);

    /// Up to `limit` stored page models of the run after the page row `after` (0 to start),
    /// as `(row id, model)` in first-stored order; pages without a model are left out. Read
    /// in chunks so a 100,000-page run never holds every model at once.
    fn page_models(&self, run: RunId, after: i64, limit: u32) -> fut!(Vec<(i64, String)>);

    /// The content-check hits of the run as `(url, JSON)`, by URL.
    fn hits(&self, run: RunId) -> fut!(Vec<(String, String)>);

    /// Upserts findings by `(site, fingerprint)`: the stored `first_seen` is kept, `last_seen`
    /// and the evidence are replaced, and `run` is recorded as having seen each. Returns the
    /// findings as stored (with `first_seen` from history).
    fn save_findings(&self, site: SiteId, run: RunId, findings: &[Finding]) -> fut!(Vec<Finding>);

    /// The findings seen in `run`, as they were in that run (severity, evidence and
    /// `last_seen` of that run; `first_seen` from history).
    fn findings(&self, run: RunId) -> fut!(Vec<Finding>);
}

impl<S: Store> Store for Arc<S> {
    fn upsert_site(&self, home: &str, name: Option<&str>) -> fut!(SiteId) {
        (**self).upsert_site(home, name)
    }
    fn site_id(&self, home: &str) -> fut!(Option<SiteId>) {
        (**self).site_id(home)
    }
    fn unfinished_run(&self, site: SiteId) -> fut!(Option<Run>) {
        (**self).unfinished_run(site)
    }
    fn create_run(&self, site: SiteId, started_at: DateTime<FixedOffset>) -> fut!(RunId) {
        (**self).create_run(site, started_at)
    }
    fn finish_run(
        &self,
        run: RunId,
        at: DateTime<FixedOffset>,
        status: RunStatus,
        stats_json: &str,
    ) -> fut!(()) {
        (**self).finish_run(run, at, status, stats_json)
    }
    fn run(&self, run: RunId) -> fut!(Option<Run>) {
        (**self).run(run)
    }
    fn last_finished_run(&self, site: SiteId) -> fut!(Option<Run>) {
        (**self).last_finished_run(site)
    }
    fn enqueue(&self, run: RunId, rows: &[FrontierRow]) -> fut!(()) {
        (**self).enqueue(run, rows)
    }
    fn frontier(&self, run: RunId) -> fut!(Vec<FrontierRow>) {
        (**self).frontier(run)
    }
    fn commit(&self, run: RunId, c: &Commit) -> fut!(()) {
        (**self).commit(run, c)
    }
    fn commit_batch(&self, run: RunId, cs: &[Commit]) -> fut!(()) {
        (**self).commit_batch(run, cs)
    }
    fn update_target(&self, run: RunId, t: &TargetRecord) -> fut!(()) {
        (**self).update_target(run, t)
    }
    fn targets(&self, run: RunId) -> fut!(Vec<TargetRecord>) {
        (**self).targets(run)
    }
    fn problem_targets(&self, run: RunId) -> fut!(Vec<TargetRecord>) {
        (**self).problem_targets(run)
    }
    fn occurrences(&self, run: RunId) -> fut!(Vec<(String, Occurrence)>) {
        (**self).occurrences(run)
    }
    fn pages(&self, run: RunId) -> fut!(Vec<PageRecord>) {
        (**self).pages(run)
    }
    fn page_models(&self, run: RunId, after: i64, limit: u32) -> fut!(Vec<(i64, String)>) {
        (**self).page_models(run, after, limit)
    }
    fn hits(&self, run: RunId) -> fut!(Vec<(String, String)>) {
        (**self).hits(run)
    }
    fn save_findings(&self, site: SiteId, run: RunId, findings: &[Finding]) -> fut!(Vec<Finding>) {
        (**self).save_findings(site, run, findings)
    }
    fn findings(&self, run: RunId) -> fut!(Vec<Finding>) {
        (**self).findings(run)
    }
}
