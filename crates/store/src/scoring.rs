//! The `ScoreStore` trait and its records: inspectors' manual inputs, site flags, stored
//! scorecards, and the run lists a period is scored from.
//!
//! The store keeps JSON bodies as text and never reads them: what they mean is the rules
//! crate's business (DESIGN.md: the store holds no business rules).

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::error::StoreError;
use crate::model::{Run, SiteId};

/// Shorthand for the futures the trait returns: `Send`, so the engine can spawn them.
macro_rules! fut {
    ($t:ty) => { impl Future<Output = Result<$t, StoreError>> + Send };
}

/// One manual input as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct ManualRecord {
    /// Its id (to revoke it).
    pub id: i64,
    /// The site.
    pub site: SiteId,
    /// The period code (`2023Q2`).
    pub period: String,
    /// `veto`, `deduction`, `bonus` or `dismiss`.
    pub kind: String,
    /// The input as JSON.
    pub body: String,
    /// Who entered it.
    pub entered_by: String,
    /// When.
    pub entered_at: DateTime<FixedOffset>,
    /// Who revoked it and when, if it was.
    pub revoked: Option<(String, DateTime<FixedOffset>)>,
}

/// What an inspector set about a site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteFlags {
    /// `portal` or `department`, when set.
    pub kind: Option<String>,
    /// A 国务院部门 portal without external services.
    pub no_external_service: bool,
}

/// A stored scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct ScorecardRecord {
    /// The site.
    pub site: SiteId,
    /// Its home URL.
    pub home: String,
    /// The period code.
    pub period: String,
    /// The pack id.
    pub pack: String,
    /// `合格` / `不合格`.
    pub verdict: String,
    /// The score, when scored.
    pub score: Option<f64>,
    /// The card as JSON.
    pub card: String,
    /// When it was computed.
    pub scored_at: DateTime<FixedOffset>,
}

/// A site as listed for scoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRow {
    /// Its id.
    pub id: SiteId,
    /// Its home URL.
    pub home: String,
    /// Its name, if known.
    pub name: Option<String>,
}

/// Storage of what scoring a period reads and writes besides findings.
///
/// Every method is one atomic unit.
pub trait ScoreStore: Send + Sync + 'static {
    /// Stores a manual input (JSON `body`) for a site in a period; returns its id.
    fn add_manual(
        &self,
        site: SiteId,
        period: &str,
        kind: &str,
        body: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> fut!(i64);

    /// Revokes a manual input (the row stays, with who and when); false when there is no
    /// such input or it was already revoked.
    fn revoke_manual(&self, id: i64, by: &str, at: DateTime<FixedOffset>) -> fut!(bool);

    /// Every manual input of a site in a period, revoked ones included, oldest first.
    fn manual_inputs(&self, site: SiteId, period: &str) -> fut!(Vec<ManualRecord>);

    /// Sets what an inspector knows about a site.
    fn set_site_flags(&self, site: SiteId, flags: &SiteFlags) -> fut!(());

    /// What an inspector set about a site (defaults when nothing).
    fn site_flags(&self, site: SiteId) -> fut!(SiteFlags);

    /// Stores (or replaces) a site's scorecard for a period and pack.
    #[allow(clippy::too_many_arguments)]
    fn save_scorecard(
        &self,
        site: SiteId,
        period: &str,
        pack: &str,
        verdict: &str,
        score: Option<f64>,
        card: &str,
        at: DateTime<FixedOffset>,
    ) -> fut!(());

    /// The stored scorecards of a period under a pack, by site id.
    fn scorecards(&self, period: &str, pack: &str) -> fut!(Vec<ScorecardRecord>);

    /// Every stored site, by id.
    fn sites(&self) -> fut!(Vec<SiteRow>);

    /// The finished runs of a site, oldest first (a period is scored from the last one that
    /// started inside it).
    fn finished_runs(&self, site: SiteId) -> fut!(Vec<Run>);
}

impl<S: ScoreStore> ScoreStore for Arc<S> {
    fn add_manual(
        &self,
        site: SiteId,
        period: &str,
        kind: &str,
        body: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> fut!(i64) {
        (**self).add_manual(site, period, kind, body, by, at)
    }
    fn revoke_manual(&self, id: i64, by: &str, at: DateTime<FixedOffset>) -> fut!(bool) {
        (**self).revoke_manual(id, by, at)
    }
    fn manual_inputs(&self, site: SiteId, period: &str) -> fut!(Vec<ManualRecord>) {
        (**self).manual_inputs(site, period)
    }
    fn set_site_flags(&self, site: SiteId, flags: &SiteFlags) -> fut!(()) {
        (**self).set_site_flags(site, flags)
    }
    fn site_flags(&self, site: SiteId) -> fut!(SiteFlags) {
        (**self).site_flags(site)
    }
    fn save_scorecard(
        &self,
        site: SiteId,
        period: &str,
        pack: &str,
        verdict: &str,
        score: Option<f64>,
        card: &str,
        at: DateTime<FixedOffset>,
    ) -> fut!(()) {
        (**self).save_scorecard(site, period, pack, verdict, score, card, at)
    }
    fn scorecards(&self, period: &str, pack: &str) -> fut!(Vec<ScorecardRecord>) {
        (**self).scorecards(period, pack)
    }
    fn sites(&self) -> fut!(Vec<SiteRow>) {
        (**self).sites()
    }
    fn finished_runs(&self, site: SiteId) -> fut!(Vec<Run>) {
        (**self).finished_runs(site)
    }
}
