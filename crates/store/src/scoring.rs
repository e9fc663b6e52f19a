//! Records of scoring a period: inspectors' manual inputs, site flags and stored scorecards.
//!
//! The store keeps their JSON bodies as text and never reads them: what they mean is the
//! rules crate's business (DESIGN.md: the store holds no business rules).

use chrono::{DateTime, FixedOffset};

use crate::model::SiteId;

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
