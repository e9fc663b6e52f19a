//! `check_site` never panics and is deterministic.

use xunwang_checks::{Config, SiteInput, check_site};
use xunwang_core::WorkCalendar;

use crate::support::*;

#[test]
fn odd_input_gives_notes_not_panics() {
    let mut weird = page("/x/");
    weird.url = "not a url at all".to_owned();
    weird.model.breadcrumb = vec![crumb("正文", None)];
    let mut looping = column("/a/", "动态", &[], vec![]);
    looping.model.pagination = Some(pager(&["/b/", "/a/"]));
    let mut back = column("/b/", "动态", &[], vec![]);
    back.model.pagination = Some(pager(&["/a/"]));
    let mut self_parent = page("/c/");
    self_parent.model.breadcrumb = vec![crumb("通知", Some("/c/")), crumb("通知", Some("/c/"))];
    let mut unicode = page("/d/");
    unicode.model.footer.site_code = Some("５００１０７００１２".to_owned());
    unicode.model.board = vec![row(
        "",
        "",
        Some("2024-01-01"),
        Some("2023-01-01"),
        Some(true),
    )];
    let pages = [
        home("2024-05-06"),
        weird,
        looping,
        back,
        self_parent,
        unicode,
    ];
    for home_url in [HOME, "", "::", "http://[::1]/", "http://例子.政务/"] {
        let input = SiteInput {
            home: home_url,
            pages: &pages,
            registered_site_code: Some(""),
            article_dates: &[],
        };
        for now in ["0001-01-01", "2024-05-06", "9999-12-31"] {
            let _ = check_site(
                &input,
                &Config::default(),
                at(now),
                WorkCalendar::official(),
            );
        }
    }
    let pages_merged = run(&pages, "2024-05-06");
    assert_eq!(
        pages_merged
            .columns
            .iter()
            .filter(|c| c.name == "动态")
            .count(),
        1,
        "/a/ and /b/ name each other as pages of one list"
    );
}

#[test]
fn no_pages_at_all_is_a_note() {
    let checks = run(&[], "2024-05-06");
    assert!(checks.findings.is_empty());
    assert!(checks.vetoes.is_empty());
    assert_eq!(checks.notes.len(), 1);
}

#[test]
fn findings_are_sorted_by_kind_then_url() {
    let mut h = home("2020-01-01");
    h.model.footer = Default::default();
    h.model.nav.clear();
    let pages = [
        h,
        column_dated("/z/", "工作动态", &[], "2020-01-01"),
        column_dated("/a/", "部门动态", &[], "2020-01-01"),
    ];
    let checks = run(&pages, "2024-05-06");
    let keys: Vec<(&str, &str)> = checks
        .findings
        .iter()
        .map(|f| (f.kind.id(), f.url.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.contains(&("column.stale", u("/a/").as_str())));
}
