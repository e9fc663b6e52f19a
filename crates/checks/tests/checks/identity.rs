//! Footer identifiers and the domain (spec §4.1–4.2).

use xunwang_checks::{Config, SiteChecks};
use xunwang_core::Severity;

use crate::support::*;

const NOW: &str = "2024-05-06";

fn identity_kinds(checks: &SiteChecks) -> Vec<&'static str> {
    checks
        .findings
        .iter()
        .filter(|f| f.kind.area() == "identity")
        .map(|f| f.kind.id())
        .collect()
}

fn with_footer(edit: impl FnOnce(&mut xunwang_extract::Footer)) -> SiteChecks {
    with_footer_registered(None, edit)
}

fn with_footer_registered(
    registered: Option<&str>,
    edit: impl FnOnce(&mut xunwang_extract::Footer),
) -> SiteChecks {
    let mut h = home(NOW);
    edit(&mut h.model.footer);
    run_with(&[h], NOW, &Config::default(), registered)
}

#[test]
fn a_complete_footer_on_a_gov_cn_host_gives_no_identity_finding() {
    let checks = with_footer(|_| {});
    assert!(identity_kinds(&checks).is_empty(), "{:#?}", checks.findings);
    assert!(checks.notes.is_empty(), "{:?}", checks.notes);
}

#[test]
fn each_missing_footer_item_has_its_own_finding() {
    type Edit = fn(&mut xunwang_extract::Footer);
    let cases: [(Edit, &str); 6] = [
        (|f| f.site_code = None, "identity.site_code_missing"),
        (|f| f.icp = None, "identity.icp_missing"),
        (|f| f.psb = None, "identity.psb_missing"),
        (|f| f.conac = None, "identity.conac_missing"),
        (
            |f| f.error_report = None,
            "identity.error_report_entry_missing",
        ),
        (|f| f.organizer = None, "identity.organizer_missing"),
    ];
    for (edit, kind) in cases {
        let checks = with_footer(edit);
        assert_eq!(identity_kinds(&checks), [kind]);
        let f = &of(&checks, kind)[0];
        assert_eq!(f.severity, Severity::Serious);
        assert_eq!(f.url, HOME);
    }
}

#[test]
fn a_missing_site_code_mentions_the_meta_value() {
    let checks = with_footer(|f| f.site_code = None);
    let f = &of(&checks, "identity.site_code_missing")[0];
    assert!(
        f.evidence.summary.contains("5001070012"),
        "{}",
        f.evidence.summary
    );
    assert!(of(&checks, "identity.site_code_mismatch").is_empty());
}

#[test]
fn a_nine_digit_site_code_is_invalid() {
    let checks = with_footer(|f| {
        f.site_code = Some("500107001".to_owned());
        f.meta_site_code = None;
    });
    assert_eq!(identity_kinds(&checks), ["identity.site_code_invalid"]);
    let f = &of(&checks, "identity.site_code_invalid")[0];
    assert!(
        f.evidence.summary.contains("10 位数字"),
        "{}",
        f.evidence.summary
    );
}

#[test]
fn a_site_code_with_an_unknown_province_prefix_is_invalid() {
    let checks = with_footer(|f| {
        f.site_code = Some("9901070012".to_owned());
        f.meta_site_code = Some("9901070012".to_owned());
    });
    assert_eq!(identity_kinds(&checks), ["identity.site_code_invalid"]);
    assert!(
        of(&checks, "identity.site_code_invalid")[0]
            .evidence
            .summary
            .contains("「99」")
    );
}

#[test]
fn a_ministry_bm_code_is_valid() {
    let checks = with_footer(|f| {
        f.site_code = Some("bm55000001".to_owned());
        f.meta_site_code = Some("bm55000001".to_owned());
    });
    assert!(identity_kinds(&checks).is_empty());
}

#[test]
fn a_code_other_than_the_registered_one_is_invalid() {
    let checks = with_footer_registered(Some("5001070099"), |_| {});
    assert_eq!(identity_kinds(&checks), ["identity.site_code_invalid"]);
    assert!(
        of(&checks, "identity.site_code_invalid")[0]
            .evidence
            .summary
            .contains("5001070099")
    );
    let same = with_footer_registered(Some("5001070012"), |_| {});
    assert!(identity_kinds(&same).is_empty());
}

#[test]
fn a_meta_code_different_from_the_footer_is_a_mismatch_but_an_empty_meta_is_only_noted() {
    let checks = with_footer(|f| f.meta_site_code = Some("5001070013".to_owned()));
    assert_eq!(identity_kinds(&checks), ["identity.site_code_mismatch"]);
    let summary = &of(&checks, "identity.site_code_mismatch")[0]
        .evidence
        .summary;
    assert!(summary.contains("5001070012") && summary.contains("5001070013"));

    for meta in [Some(String::new()), None] {
        let checks = with_footer(|f| f.meta_site_code = meta);
        assert!(identity_kinds(&checks).is_empty());
        assert!(
            checks.notes.iter().any(|n| n.contains("SiteIDCode")),
            "{:?}",
            checks.notes
        );
    }
}

fn on_host(home_url: &str) -> SiteChecks {
    let mut h = home(NOW);
    h.url = home_url.to_owned();
    let pages = [h];
    let input = xunwang_checks::SiteInput {
        home: home_url,
        pages: &pages,
        registered_site_code: None,
        article_dates: &[],
    };
    xunwang_checks::check_site(
        &input,
        &Config::default(),
        at(NOW),
        xunwang_core::WorkCalendar::official(),
    )
}

#[test]
fn a_host_outside_gov_cn_and_zhengwu_is_noncompliant() {
    let checks = on_host("https://www.example.com/");
    assert_eq!(identity_kinds(&checks), ["identity.domain_noncompliant"]);
    assert!(
        of(&checks, "identity.domain_noncompliant")[0]
            .evidence
            .summary
            .contains("www.example.com")
    );
    // A look-alike suffix is not .gov.cn.
    assert_eq!(
        identity_kinds(&on_host("http://www.examplegov.cn/")),
        ["identity.domain_noncompliant"]
    );
    for ok in [
        "http://slj.bd.gov.cn/",
        "http://WWW.BEIJING.GOV.CN.",
        "http://北京.政务/",
        "http://xn--1lq90i.xn--zfr164b/",
    ] {
        assert!(identity_kinds(&on_host(ok)).is_empty(), "{ok}");
    }
}

#[test]
fn an_ip_address_or_localhost_cannot_be_judged_and_is_noted() {
    for host in [
        "http://127.0.0.1:8080/",
        "http://[::1]/",
        "http://localhost:3000/",
    ] {
        let checks = on_host(host);
        assert!(identity_kinds(&checks).is_empty(), "{host}");
        assert!(
            checks
                .notes
                .iter()
                .any(|n| n.contains("未判断域名是否合规")),
            "{host}: {:?}",
            checks.notes
        );
    }
}
