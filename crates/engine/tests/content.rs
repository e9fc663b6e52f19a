//! The content checks end to end: spam, hidden links, redirects, ads, cloaking, terms, personal
//! data (pages and attachments) and 外链变异 on the default sample sites, scored against their
//! ground-truth manifest.

mod common;

use xunwang_core::FindingKind;

use common::{assert_scores, inspect_default, of_kind};

/// Kinds this test scores (issue: content).
const KINDS: &[&str] = &["content.", "privacy.", "link.external_hijacked"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_findings_match_the_manifest() {
    let (m, reports) = inspect_default("content").await;
    for f in reports.iter().flat_map(|r| &r.findings) {
        if KINDS.iter().any(|k| f.kind.id().starts_with(k)) {
            println!("{} {} {}", f.kind.id(), f.url, f.evidence.summary);
        }
    }
    let scores = assert_scores(&m, &reports, KINDS);
    // Every kind the issue names is planted at least once, so the scores are not vacuous.
    for kind in [
        "content.gambling",
        "content.porn",
        "content.title_hijack",
        "content.hidden_link",
        "content.js_redirect",
        "content.ad",
        "content.cloaking",
        "content.typo",
        "content.outdated_term",
        "privacy.id_number",
        "privacy.phone",
        "privacy.bank_card",
        "link.external_hijacked",
    ] {
        assert!(
            scores.iter().any(|k| k.kind == kind && k.expected > 0),
            "{kind} is not planted"
        );
    }
    // Decoys (masked personal data, a police report on a gambling crackdown) are never
    // reported.
    assert!(
        scores.iter().all(|k| k.decoys_reported.is_empty()),
        "decoys reported: {scores:#?}"
    );

    // Evidence never carries the raw personal value: the manifest's planted value is absent
    // from every privacy finding, and its masked form is present.
    for f in m.faults.iter().filter(|f| f.kind.starts_with("privacy.")) {
        let raw = f.detail["evidence"].as_str().unwrap();
        let finding = reports
            .iter()
            .flat_map(|r| &r.findings)
            .find(|x| x.kind.id() == f.kind && x.url == f.url)
            .unwrap();
        let json = serde_json::to_string(finding).unwrap();
        assert!(!json.contains(raw), "raw value leaked: {json}");
        let tail = &raw[raw.len() - 4..];
        assert!(
            finding.evidence.facts["values_masked"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v.as_str().unwrap().ends_with(tail)),
            "{finding:#?}"
        );
    }
    // A hidden-link finding names its technique as planted, and its target host.
    for f in m.faults.iter().filter(|f| f.kind == "content.hidden_link") {
        let finding = of_kind(&reports, FindingKind::ContentHiddenLink)
            .into_iter()
            .find(|x| x.url == f.url)
            .unwrap();
        assert_eq!(
            finding.evidence.facts["technique"], f.detail["technique"],
            "{finding:#?}"
        );
        assert!(finding.evidence.summary.contains("www.am-jinsha88.com"));
    }
}
