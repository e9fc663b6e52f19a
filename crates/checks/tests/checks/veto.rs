//! Single-veto boundaries (V3, V4, V5) and the pre-veto warning tier.

use xunwang_checks::{Config, PageRecord, Tallies, VetoThresholds, pre_veto_warnings, vetoes};

use crate::support::*;

const NOW: &str = "2024-05-06";

/// A home page plus `n` columns of one kind made by `make(i)`.
fn site(n: usize, make: impl Fn(usize) -> PageRecord) -> Vec<PageRecord> {
    std::iter::once(home(NOW)).chain((0..n).map(make)).collect()
}

fn stale_news(i: usize) -> PageRecord {
    column_dated(&format!("/xw{i}/"), &format!("动态{i}"), &[], "2024-01-01")
}

fn long_unupdated(i: usize) -> PageRecord {
    column_dated(&format!("/rs{i}/"), &format!("人事{i}"), &[], "2022-01-01")
}

fn empty(i: usize) -> PageRecord {
    let mut p = column(&format!("/kb{i}/"), &format!("通知{i}"), &[], vec![]);
    p.model.placeholder = Some("暂无信息".to_owned());
    p
}

#[test]
fn four_stale_columns_are_no_veto_and_five_are() {
    let four = run(&site(4, stale_news), NOW);
    assert_eq!(four.tallies.stale_columns, 4);
    assert!(!vetoed(&four, "V4.1"));
    let five = run(&site(5, stale_news), NOW);
    assert_eq!(five.tallies.stale_columns, 5);
    assert!(vetoed(&five, "V4.1"));
}

#[test]
fn stale_first_level_notice_columns_count_with_news_columns() {
    let mut pages = site(3, stale_news);
    pages.push(column_dated("/tzgg/", "通知公告", &[], "2023-01-01"));
    pages.push(column_dated("/zcwj/", "政策文件", &[], "2023-01-01"));
    // Second level: not counted.
    pages.push(column_dated(
        "/zwgk/tzgg/",
        "通知公告",
        &[("政务公开", "/zwgk/")],
        "2023-01-01",
    ));
    let checks = run(&pages, NOW);
    assert_eq!(checks.tallies.stale_columns, 5);
    assert!(vetoed(&checks, "V4.1"));
}

#[test]
fn nine_long_unupdated_columns_are_no_veto_and_ten_are() {
    let nine = run(&site(9, long_unupdated), NOW);
    assert_eq!(nine.tallies.long_unupdated_columns, 9);
    assert!(!vetoed(&nine, "V4.2"));
    let ten = run(&site(10, long_unupdated), NOW);
    assert!(vetoed(&ten, "V4.2"));
}

#[test]
fn four_empty_columns_are_no_veto_and_five_are() {
    let four = run(&site(4, empty), NOW);
    assert_eq!(four.tallies.empty_columns, 4);
    assert!(!vetoed(&four, "V4.3"));
    let five = run(&site(5, empty), NOW);
    assert!(vetoed(&five, "V4.3"));
}

#[test]
fn a_healthy_site_has_no_veto_and_no_warning() {
    let checks = run(
        &site(3, |i| {
            column_dated(&format!("/xw{i}/"), "工作动态", &[], NOW)
        }),
        NOW,
    );
    assert!(checks.vetoes.is_empty(), "{:?}", checks.vetoes);
    assert!(checks.warnings.is_empty(), "{:?}", checks.warnings);
}

#[test]
fn vetoes_read_only_the_tallies() {
    let thresholds = VetoThresholds::default();
    let mut t = Tallies {
        has_channel: true,
        ..Tallies::default()
    };
    assert!(vetoes(&t, false, &thresholds).is_empty());
    t.stale_columns = 5;
    t.long_unupdated_columns = 10;
    t.empty_columns = 5;
    t.unanswered_messages = 1;
    t.has_channel = false;
    let rules: Vec<String> = vetoes(&t, true, &thresholds)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(rules, ["V3", "V4.1", "V4.2", "V4.3", "V5.1", "V5.2"]);
    let reasons = vetoes(&t, true, &thresholds);
    assert!(reasons[1].reason.contains("5 个"));
}

#[test]
fn pre_veto_warnings_fire_below_the_veto_and_not_at_it() {
    let config = Config::default();
    let today = date(NOW);
    let mut t = Tallies {
        has_channel: true,
        home_newest: Some(date("2024-04-25")), // 11 days: past the 10-day warning.
        empty_columns: 2,
        long_unupdated_columns: 6,
        ..Tallies::default()
    };
    let rules = |t: &Tallies, stale: bool| -> Vec<String> {
        pre_veto_warnings(t, stale, today, &config.warning, &config.veto)
            .into_iter()
            .map(|w| w.rule)
            .collect()
    };
    assert_eq!(rules(&t, false), ["V3", "V4.2", "V4.3"]);
    // Already vetoed: no warning.
    t.empty_columns = 5;
    t.long_unupdated_columns = 10;
    assert!(rules(&t, true).is_empty());
    // Below the tier: no warning.
    t.home_newest = Some(date("2024-04-26"));
    t.empty_columns = 1;
    t.long_unupdated_columns = 5;
    assert!(rules(&t, false).is_empty());
    // Disabled tier.
    let off = Config::from_toml("[warning]\nenabled = false").unwrap();
    t.empty_columns = 3;
    assert!(pre_veto_warnings(&t, false, today, &off.warning, &off.veto).is_empty());
}
