//! Findings: one problem on one site, with evidence a person can check in ten seconds.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::kind::FindingKind;
use crate::link::{Hop, Occurrence};

/// How serious a finding is, from the inspector's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; costs nothing.
    Info,
    /// May cost points or signal a problem to look at.
    Warning,
    /// Costs points under the indicator system.
    Serious,
    /// A single-veto (单项否决) item.
    Veto,
}

impl Severity {
    /// Chinese label shown in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Serious => "扣分",
            Severity::Veto => "单项否决",
        }
    }
}

/// What backs a finding. Fields that do not apply stay empty and are not serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// One sentence in Chinese saying what was seen.
    pub summary: String,
    /// HTTP status of the final answer, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The error or reason, when the target failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Redirects followed before the final answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<Hop>,
    /// Pages the target was linked from (for `link.*`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
    /// Text snippet around the match, personal data masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// Named facts behind the finding, for reports and for a person to check: column name,
    /// newest item title and date and where the date was read, item counts, a message's dates…
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, serde_json::Value>,
}

/// One problem found on one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// What kind of problem.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// The site's home URL.
    pub site: String,
    /// Where: the broken target for `link.*`, else the page or column URL.
    pub url: String,
    /// What backs it.
    pub evidence: Evidence,
    /// Stable identity across runs: kind + site + normalised location.
    pub fingerprint: String,
    /// When the problem was first seen (earliest run that had it).
    pub first_seen: DateTime<FixedOffset>,
    /// When it was last seen.
    pub last_seen: DateTime<FixedOffset>,
}

impl Finding {
    /// A new finding seen for the first time at `at`; the fingerprint is derived from
    /// kind, site and `location` (usually the URL, normalised by the caller).
    pub fn new(
        kind: FindingKind,
        severity: Severity,
        site: &str,
        url: &str,
        location: &str,
        evidence: Evidence,
        at: DateTime<FixedOffset>,
    ) -> Finding {
        Finding {
            kind,
            severity,
            site: site.to_owned(),
            url: url.to_owned(),
            evidence,
            fingerprint: fingerprint(kind, site, location),
            first_seen: at,
            last_seen: at,
        }
    }
}

/// Stable fingerprint of a finding: 16 hex digits of FNV-1a 64 over `kind|site|location`.
///
/// FNV is used because it is stable across Rust versions and platforms (std's hasher is not).
pub fn fingerprint(kind: FindingKind, site: &str, location: &str) -> String {
    let mut h = Fnv1a64::new();
    for part in [kind.id(), "|", site, "|", location] {
        h.write(part.as_bytes());
    }
    format!("{:016x}", h.finish())
}

/// FNV-1a 64-bit: a tiny hash that is stable across Rust versions and platforms (std's hasher
/// is not), for fingerprints and page hashes that are stored and compared across runs.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Fnv1a64 {
    /// A fresh hasher.
    pub const fn new() -> Fnv1a64 {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }

    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub const fn finish(self) -> u64 {
        self.0
    }

    /// The hash of one byte string.
    pub fn hash(bytes: &[u8]) -> u64 {
        let mut h = Fnv1a64::new();
        h.write(bytes);
        h.finish()
    }
}

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        // From the FNV reference (isthe.com/chongo/tech/comp/fnv): stored hashes depend on it.
        assert_eq!(Fnv1a64::hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv1a64::hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(Fnv1a64::hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprint_is_stable_and_distinguishes_location() {
        let a = fingerprint(FindingKind::LinkBroken, "http://a/", "http://a/x");
        assert_eq!(
            a,
            fingerprint(FindingKind::LinkBroken, "http://a/", "http://a/x")
        );
        assert_ne!(
            a,
            fingerprint(FindingKind::LinkBroken, "http://a/", "http://a/y")
        );
        assert_ne!(
            a,
            fingerprint(FindingKind::LinkIndeterminate, "http://a/", "http://a/x")
        );
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn finding_json_has_the_contract_fields() {
        let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
        let f = Finding::new(
            FindingKind::LinkBroken,
            Severity::Serious,
            "http://a/",
            "http://a/x",
            "http://a/x",
            Evidence {
                summary: "链接不可用".into(),
                status: Some(404),
                ..Evidence::default()
            },
            at,
        );
        let v: serde_json::Value = serde_json::to_value(&f).unwrap();
        for key in ["kind", "severity", "site", "url", "evidence", "first_seen"] {
            assert!(v.get(key).is_some(), "{key} missing");
        }
        assert_eq!(v["kind"], "link.broken");
        let back: Finding = serde_json::from_value(v).unwrap();
        assert_eq!(back, f);
    }
}
