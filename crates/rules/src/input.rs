//! What scoring reads: the site's profile, its findings, measurements and an inspector's
//! manual inputs.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use xunwang_core::Finding;

/// What kind of site (spec §1.2: bonus only for portals; the 75 × 4/3 rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// 政府门户网站.
    #[default]
    Portal,
    /// 部门网站.
    Department,
}

impl SiteKind {
    /// The label reports use.
    pub fn label_zh(self) -> &'static str {
        match self {
            SiteKind::Portal => "政府门户网站",
            SiteKind::Department => "部门网站",
        }
    }
}

/// The site as scoring needs to know it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteProfile {
    /// Home URL (the site's identity).
    pub home: String,
    /// Name.
    pub name: String,
    /// Portal or department.
    pub kind: SiteKind,
    /// A 国务院部门 portal without external service functions: 办事服务 is not scored and the
    /// rest is scaled back to 100 (75 × 4/3). Set by an inspector.
    #[serde(default)]
    pub no_external_service: bool,
}

/// Probe counts over the availability window (7 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// Probes made.
    pub probes: u32,
    /// Probes that failed (not loaded within 15 s).
    pub failures: u32,
}

/// Measurements from the monitor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Measurements {
    /// Availability probes, when the monitor ran.
    pub availability: Option<Availability>,
}

/// Who entered something, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The inspector.
    pub by: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// One manual input of an inspector for a site in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Manual {
    /// A veto item applies (泄密, 负面舆情, 服务不实用…).
    Veto {
        /// The pack's veto id (`V1`, `V6`…).
        item: String,
        /// What was found.
        reason: String,
        /// Where, if anywhere.
        #[serde(default)]
        url: Option<String>,
        /// Who and when.
        stamp: Stamp,
    },
    /// A deduction under an indicator (服务不实用, 政策解读 quality…).
    Deduction {
        /// A rule id or an indicator id of the pack.
        item: String,
        /// Points; the rule's points when absent.
        #[serde(default)]
        points: Option<f64>,
        /// What was found.
        reason: String,
        /// Where, if anywhere.
        #[serde(default)]
        url: Option<String>,
        /// Who and when.
        stamp: Stamp,
    },
    /// A bonus item ticked.
    Bonus {
        /// The pack's bonus id.
        item: String,
        /// Points; the item's full points when absent.
        #[serde(default)]
        points: Option<f64>,
        /// Why.
        reason: String,
        /// Who and when.
        stamp: Stamp,
    },
    /// A finding dismissed as a false positive.
    Dismiss {
        /// The finding's fingerprint.
        fingerprint: String,
        /// Why it is wrong.
        reason: String,
        /// Who and when.
        stamp: Stamp,
    },
}

impl Manual {
    /// Who and when.
    pub fn stamp(&self) -> &Stamp {
        match self {
            Manual::Veto { stamp, .. }
            | Manual::Deduction { stamp, .. }
            | Manual::Bonus { stamp, .. }
            | Manual::Dismiss { stamp, .. } => stamp,
        }
    }
}

/// Everything scoring reads for one site.
#[derive(Debug, Clone, Default)]
pub struct SiteInput {
    /// The site.
    pub profile: SiteProfile,
    /// Its findings (from the inspection run and the monitor's windows).
    pub findings: Vec<Finding>,
    /// Monitor measurements.
    pub measurements: Measurements,
    /// Manual inputs for the period.
    pub manual: Vec<Manual>,
}
