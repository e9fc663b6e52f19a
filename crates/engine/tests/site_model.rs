//! The site model end to end: columns, freshness, identity and interaction findings of an
//! inspection of the default sample sites, scored against their ground-truth manifest.

mod common;

use xunwang_core::FindingKind;

use common::{assert_scores, inspect_default, of_kind};

/// Kinds this test scores (issue: site model).
const KINDS: &[&str] = &["column.", "home.", "identity.", "interaction."];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn site_model_findings_match_the_manifest() {
    let (m, reports) = inspect_default("model").await;
    let scores = assert_scores(&m, &reports, KINDS);
    // Every kind the issue names is planted at least once in the default world, so the
    // scores above are not vacuous.
    for kind in [
        "column.stale",
        "column.empty",
        "column.long_unupdated",
        "home.stale",
        "identity.site_code_missing",
        "identity.site_code_invalid",
        "identity.site_code_mismatch",
        "identity.domain_noncompliant",
        "interaction.no_channel",
        "interaction.unanswered",
        "interaction.slow_reply",
    ] {
        assert!(
            scores.iter().any(|k| k.kind == kind && k.expected > 0),
            "{kind} is not planted"
        );
    }
    // Decoys (a message posted hours ago, one posted over a year ago) are never reported.
    assert!(scores.iter().all(|k| k.decoys_reported.is_empty()));

    // Evidence an inspector can check: a stale column names itself and its newest item's date,
    // the same date the manifest planted.
    for f in m.faults.iter().filter(|f| f.kind == "column.stale") {
        let finding = of_kind(&reports, FindingKind::ColumnStale)
            .into_iter()
            .find(|x| x.url == f.url)
            .unwrap();
        let facts = &finding.evidence.facts;
        assert_eq!(facts["column"], f.detail["column"], "{finding:#?}");
        assert_eq!(facts["newest_date"], f.detail["evidence"], "{finding:#?}");
        assert!(
            finding
                .evidence
                .summary
                .contains(f.detail["column"].as_str().unwrap())
        );
    }
    // An unanswered message carries its title and posting time.
    for f in m
        .faults
        .iter()
        .filter(|f| f.kind == "interaction.unanswered")
    {
        let finding = of_kind(&reports, FindingKind::InteractionUnanswered)
            .into_iter()
            .find(|x| x.url == f.url)
            .unwrap();
        assert!(
            finding
                .evidence
                .summary
                .contains(f.detail["title"].as_str().unwrap()),
            "{finding:#?}"
        );
    }
    // Columns were discovered with their classes and levels as the manifest has them.
    for s in &m.sites {
        let report = reports.iter().find(|r| r.site == s.home).unwrap();
        for c in s.columns.iter().filter(|c| c.class != "channel") {
            let found = report.columns.iter().find(|x| x.url == c.url);
            let Some(found) = found else {
                panic!("{}: column {} ({}) not discovered", s.home, c.name, c.url);
            };
            assert_eq!(found.level, c.level, "{}: {}", s.home, c.name);
            assert_eq!(found.name, c.name, "{}", c.url);
        }
    }
}
