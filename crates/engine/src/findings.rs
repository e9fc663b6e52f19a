//! Link findings from a run's stored target verdicts and occurrences.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use xunwang_core::{Evidence, Finding, FindingKind, LinkVerdict, Occurrence, Severity};
use xunwang_store::TargetRecord;

/// Most occurrences listed in one finding's evidence. A broken footer link appears on every
/// page of a site; the first pages are evidence enough and the count says how many there are.
pub const MAX_OCCURRENCES_IN_EVIDENCE: usize = 50;

/// Builds `link.broken` (one per Broken target) and `link.indeterminate` (one per
/// Indeterminate target) findings. Ok targets produce nothing. `occurrences` are
/// (target URL, where it was linked) pairs as stored.
pub fn link_findings(
    site: &str,
    targets: &[TargetRecord],
    occurrences: &[(String, Occurrence)],
    at: DateTime<FixedOffset>,
) -> Vec<Finding> {
    let mut by_target: HashMap<&str, Vec<&Occurrence>> = HashMap::new();
    for (target, occ) in occurrences {
        by_target.entry(target.as_str()).or_default().push(occ);
    }
    let mut out = Vec::new();
    for t in targets {
        let (kind, severity, reason) = match &t.verdict {
            LinkVerdict::Ok => continue,
            LinkVerdict::Broken { reason } => (FindingKind::LinkBroken, Severity::Serious, reason),
            LinkVerdict::Indeterminate { reason } => {
                (FindingKind::LinkIndeterminate, Severity::Info, reason)
            }
        };
        let mut occs: Vec<Occurrence> = by_target
            .get(t.url.as_str())
            .map(|v| v.iter().map(|o| (*o).clone()).collect())
            .unwrap_or_default();
        occs.sort_by(|a, b| (&a.page, &a.element, &a.text).cmp(&(&b.page, &b.element, &b.text)));
        occs.dedup();
        let total = occs.len();
        occs.truncate(MAX_OCCURRENCES_IN_EVIDENCE);
        let summary = summary(kind, &reason.to_string(), total);
        let evidence = Evidence {
            summary,
            status: t.status,
            error: Some(reason.to_string()),
            redirects: t.redirects.clone(),
            occurrences: occs,
            snippet: None,
            facts: Default::default(),
        };
        out.push(Finding::new(
            kind, severity, site, &t.url, &t.url, evidence, at,
        ));
    }
    out.sort_by(|a, b| (a.kind, &a.url).cmp(&(b.kind, &b.url)));
    out
}

/// The Chinese one-line summary of a link finding.
fn summary(kind: FindingKind, reason: &str, pages: usize) -> String {
    let what = if kind == FindingKind::LinkBroken {
        "链接不可用"
    } else {
        "链接无法判定（将复查，不扣分）"
    };
    if pages == 0 {
        format!("{what}：{reason}")
    } else {
        format!("{what}：{reason}，出现在 {pages} 个页面")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xunwang_core::Reason;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
    }

    fn target(url: &str, verdict: LinkVerdict) -> TargetRecord {
        TargetRecord {
            url: url.into(),
            verdict,
            status: Some(404),
            redirects: vec![],
            attempts: 1,
            checked_at: at(),
        }
    }

    #[test]
    fn broken_and_indeterminate_targets_become_findings_and_ok_ones_do_not() {
        let targets = vec![
            target("http://a/ok", LinkVerdict::Ok),
            target(
                "http://a/gone",
                LinkVerdict::Broken {
                    reason: Reason::Status(404),
                },
            ),
            target(
                "http://b/",
                LinkVerdict::Indeterminate {
                    reason: Reason::WafChallenge,
                },
            ),
        ];
        let occ = |page: &str| Occurrence {
            page: page.into(),
            element: "a".into(),
            attribute: "href".into(),
            text: "相关链接".into(),
        };
        let occurrences = vec![
            ("http://a/gone".to_string(), occ("http://a/p2")),
            ("http://a/gone".to_string(), occ("http://a/p1")),
            ("http://a/gone".to_string(), occ("http://a/p1")),
        ];
        let f = link_findings("http://a/", &targets, &occurrences, at());
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].kind, FindingKind::LinkBroken);
        assert_eq!(f[0].url, "http://a/gone");
        let pages: Vec<_> = f[0]
            .evidence
            .occurrences
            .iter()
            .map(|o| o.page.as_str())
            .collect();
        assert_eq!(pages, ["http://a/p1", "http://a/p2"]);
        assert!(
            f[0].evidence.summary.contains("2 个页面"),
            "{}",
            f[0].evidence.summary
        );
        assert_eq!(f[1].kind, FindingKind::LinkIndeterminate);
        assert_eq!(f[1].severity, Severity::Info);
    }
}
