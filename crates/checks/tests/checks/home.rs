//! The home page (V3 首页不更新).

use xunwang_core::Severity;

use crate::support::*;

const NOW: &str = "2024-05-06";

#[test]
fn the_home_page_is_fresh_at_exactly_14_days_and_stale_at_15() {
    let fresh = run(&[home(&days_before(NOW, 14))], NOW);
    assert!(of(&fresh, "home.stale").is_empty());
    assert!(!vetoed(&fresh, "V3"));

    let stale = run(&[home(&days_before(NOW, 15))], NOW);
    let found = of(&stale, "home.stale");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Veto);
    assert_eq!(found[0].url, HOME);
    assert_eq!(found[0].evidence.facts["newest_date"], "2024-04-21");
    assert!(
        found[0]
            .evidence
            .summary
            .starts_with("首页最新信息为 2024-04-21（列表日期）")
    );
    assert!(vetoed(&stale, "V3"));
    assert_eq!(stale.tallies.home_newest, Some(date("2024-04-21")));
}

#[test]
fn home_page_blocks_count_toward_its_newest_item() {
    let mut h = home("2024-01-01");
    h.model.blocks = vec![block(
        "通知公告",
        "/tzgg/",
        vec![item("新通知", "/tzgg/t1.html", Some("2024-05-01"))],
    )];
    let checks = run(&[h], NOW);
    assert!(of(&checks, "home.stale").is_empty());
    assert_eq!(checks.tallies.home_newest, Some(date("2024-05-01")));
}

#[test]
fn undated_items_and_header_dates_do_not_make_a_home_page_fresh() {
    // Only list and block items count: a "今天是2024年5月6日" header is not among them, and
    // undated items are "未注明发布时间的视为不更新" (2015 rule).
    let mut h = home(NOW);
    h.model.nav.clear();
    h.model.heading = Some("今天是2024年5月6日 星期一".to_owned());
    h.model.list = vec![item("没有日期的要闻", "/xwdt/t1.html", None)];
    h.model.blocks = vec![block(
        "图片新闻",
        "/tpxw/",
        vec![item("图", "/tpxw/t1.html", None)],
    )];
    let checks = run(&[h], NOW);
    let found = of(&checks, "home.stale");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .evidence
            .summary
            .contains("未注明发布时间的视为不更新")
    );
    assert_eq!(checks.tallies.home_newest, None);
}

#[test]
fn a_navigation_only_home_page_is_judged_on_its_first_level_columns_and_their_children() {
    let mut h = home(NOW);
    h.model.list.clear();
    h.model.nav = vec![nav("新闻动态", "/xwdt/"), nav("在线咨询", "/zxzx/")];
    let mut channel = page("/xwdt/");
    channel.model.breadcrumb = vec![crumb("首页", Some("/")), crumb("新闻动态", Some("/xwdt/"))];
    let fresh_child = column_dated(
        "/xwdt/gzdt/",
        "工作动态",
        &[("新闻动态", "/xwdt/")],
        "2024-05-01",
    );
    let checks = run(&[h.clone(), channel.clone(), fresh_child], NOW);
    assert!(
        of(&checks, "home.stale").is_empty(),
        "{:#?}",
        checks.findings
    );
    assert_eq!(checks.tallies.home_newest, Some(date("2024-05-01")));

    let old_child = column_dated(
        "/xwdt/gzdt/",
        "工作动态",
        &[("新闻动态", "/xwdt/")],
        "2024-04-01",
    );
    let checks = run(&[h, channel, old_child], NOW);
    let found = of(&checks, "home.stale");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence.facts["basis"], "first_level_columns");
    assert!(
        found[0]
            .evidence
            .summary
            .starts_with("首页仅为栏目导航入口")
    );
}

#[test]
fn a_navigation_only_home_page_whose_columns_show_nothing_is_noted_not_vetoed() {
    let mut h = home(NOW);
    h.model.list.clear();
    h.model.nav = vec![nav("新闻动态", "/xwdt/")];
    // The column page was read, but its list is drawn by a script: no item at all.
    let mut empty_child = column("/xwdt/", "新闻动态", &[], Vec::new());
    empty_child.model.script_list = true;
    let checks = run(&[h.clone(), empty_child], NOW);
    assert!(of(&checks, "home.stale").is_empty(), "{checks:#?}");
    assert!(
        checks.notes.iter().any(|n| n.contains("未读到任何信息")),
        "{:?}",
        checks.notes
    );
    // Undated items are another matter: they count as not updated (2015 rule).
    let undated = column(
        "/xwdt/",
        "新闻动态",
        &[],
        vec![item("一条没有日期的信息", "/xwdt/a.html", None)],
    );
    let checks = run(&[h, undated], NOW);
    assert_eq!(of(&checks, "home.stale").len(), 1, "{checks:#?}");
}

#[test]
fn without_a_home_page_record_the_home_page_and_identity_are_noted_not_judged() {
    let checks = run(
        &[column_dated("/tzgg/", "通知公告", &[], "2020-01-01")],
        NOW,
    );
    assert!(of(&checks, "home.stale").is_empty());
    assert!(checks.findings.iter().all(|f| f.kind.area() != "identity"));
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.contains("未判断首页更新情况"))
    );
    assert!(checks.notes.iter().any(|n| n.contains("未检查网站标识码")));
    // The column is still judged.
    assert_eq!(of(&checks, "column.stale").len(), 1);
}

#[test]
fn a_home_page_from_which_nothing_was_read_is_noted_not_vetoed() {
    let mut h = home(NOW);
    h.model.list.clear();
    h.model.nav.clear();
    let checks = run(&[h], NOW);
    assert!(of(&checks, "home.stale").is_empty());
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.contains("首页未读到任何信息列表或导航"))
    );
}
