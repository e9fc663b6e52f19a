//! Column freshness: stale, long-unupdated and empty columns (V4).

use xunwang_core::Severity;

use crate::support::*;

const NOW: &str = "2024-05-06";

#[test]
fn a_news_column_is_fresh_at_exactly_14_days_and_stale_at_15() {
    let fresh = column_dated("/a/", "工作动态", &[], &days_before(NOW, 14));
    let stale = column_dated("/b/", "部门动态", &[], &days_before(NOW, 15));
    let checks = run(&[home(NOW), fresh, stale], NOW);
    let found = of(&checks, "column.stale");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].url, u("/b/"));
    assert_eq!(found[0].severity, Severity::Serious);
    assert_eq!(checks.tallies.stale_columns, 1);
}

#[test]
fn the_window_counts_from_the_beijing_day_of_a_now_written_in_utc() {
    // 2024-05-05T20:00Z is 04:00 on 2024-05-06 in Beijing: an item of 2024-04-21 is 15 days
    // old there (stale), though only 14 days before the UTC date.
    let c = column_dated("/a/", "工作动态", &[], "2024-04-21");
    let input = xunwang_checks::SiteInput {
        home: HOME,
        pages: &[home(NOW), c],
        registered_site_code: None,
        article_dates: &[],
    };
    let now = chrono::DateTime::parse_from_rfc3339("2024-05-05T20:00:00Z").unwrap();
    let checks = xunwang_checks::check_site(
        &input,
        &xunwang_checks::Config::default(),
        now,
        xunwang_core::WorkCalendar::official(),
    );
    assert_eq!(
        of(&checks, "column.stale").len(),
        1,
        "{:#?}",
        checks.findings
    );
}

#[test]
fn a_second_level_news_column_is_judged_too() {
    let c = column_dated(
        "/xwdt/gzdt/",
        "工作动态",
        &[("新闻动态", "/xwdt/")],
        "2024-01-01",
    );
    let checks = run(&[home(NOW), c], NOW);
    assert_eq!(of(&checks, "column.stale").len(), 1);
}

#[test]
fn a_first_level_notice_column_is_fresh_at_exactly_6_months_and_stale_one_day_more() {
    let edge = "2023-11-06";
    let fresh = column_dated("/tzgg/", "通知公告", &[], edge);
    let stale = column_dated("/zcwj/", "政策文件", &[], &days_before(edge, 1));
    let checks = run(&[home(NOW), fresh, stale], NOW);
    let found: Vec<_> = of(&checks, "column.stale")
        .iter()
        .map(|f| f.url.clone())
        .collect();
    assert_eq!(found, [u("/zcwj/")]);
}

#[test]
fn six_calendar_months_before_the_31st_is_the_end_of_a_shorter_month() {
    // 2024-08-31 − 6 months = 2024-02-29: that day is still inside the window.
    let fresh = column_dated("/tzgg/", "通知公告", &[], "2024-02-29");
    let stale = column_dated("/gsgg/", "公示公告", &[], "2024-02-28");
    let checks = run(&[home("2024-08-31"), fresh, stale], "2024-08-31");
    let found: Vec<_> = of(&checks, "column.stale")
        .iter()
        .map(|f| f.url.clone())
        .collect();
    assert_eq!(found, [u("/gsgg/")]);
}

#[test]
fn a_second_level_notice_column_older_than_6_months_is_not_stale() {
    let c = column_dated(
        "/zwgk/tzgg/",
        "通知公告",
        &[("政务公开", "/zwgk/")],
        "2022-01-01",
    );
    let checks = run(&[home(NOW), c], NOW);
    assert!(of(&checks, "column.stale").is_empty());
    assert_eq!(checks.tallies.stale_columns, 0);
}

#[test]
fn a_periodic_column_is_long_unupdated_after_365_days_and_only_a_warning() {
    let fresh = column_dated("/rsxx/", "人事信息", &[], &days_before(NOW, 365));
    let old = column_dated("/czzj/", "财政预决算", &[], &days_before(NOW, 366));
    let checks = run(&[home(NOW), fresh, old], NOW);
    let found = of(&checks, "column.long_unupdated");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].url, u("/czzj/"));
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(checks.tallies.long_unupdated_columns, 1);
    assert_eq!(checks.tallies.stale_columns, 0);
}

#[test]
fn static_interaction_and_other_columns_are_not_judged_on_freshness() {
    let pages = [
        home(NOW),
        column_dated("/ldxx/", "领导信息", &[], "2015-01-01"),
        column_dated("/zxft/", "在线访谈", &[], "2015-01-01"),
        column_dated("/ztzl/", "专题专栏", &[], "2015-01-01"),
    ];
    let checks = run(&pages, NOW);
    assert!(of(&checks, "column.stale").is_empty());
    assert!(of(&checks, "column.long_unupdated").is_empty());
}

#[test]
fn stale_evidence_names_the_column_its_newest_item_and_where_the_date_was_read() {
    let c = column(
        "/xwdt/gzdt/",
        "工作动态",
        &[],
        vec![
            item("较早的一条", "/xwdt/gzdt/t1.html", Some("2023-04-01")),
            item(
                "关于开展安全生产检查的通知",
                "/xwdt/gzdt/t2.html",
                Some("2023-04-22"),
            ),
        ],
    );
    let checks = run(&[home(NOW), c], NOW);
    let f = &of(&checks, "column.stale")[0];
    assert_eq!(
        f.evidence.summary,
        "栏目「工作动态」（动态要闻类，1 级栏目）最新信息为 2023-04-22（列表日期）「关于开展安全生产检查的通知」，已超过 14 天未更新"
    );
    let facts = &f.evidence.facts;
    assert_eq!(facts["column"], "工作动态");
    assert_eq!(facts["column_url"], u("/xwdt/gzdt/"));
    assert_eq!(facts["class"], "news");
    assert_eq!(facts["level"], 1);
    assert_eq!(facts["items"], 2);
    assert_eq!(facts["list_pages"], 1);
    assert_eq!(facts["newest_title"], "关于开展安全生产检查的通知");
    assert_eq!(facts["newest_url"], u("/xwdt/gzdt/t2.html"));
    assert_eq!(facts["newest_date"], "2023-04-22");
    assert_eq!(facts["date_source"], "列表日期");
    assert_eq!(facts["window"], "14d");
    assert_eq!(facts["now"], NOW);
    assert_eq!(f.site, HOME);
}

#[test]
fn a_column_showing_a_placeholder_is_empty() {
    let mut c = column("/tzgg/", "通知公告", &[], vec![]);
    c.model.placeholder = Some("暂无数据".to_owned());
    let checks = run(&[home(NOW), c], NOW);
    let found = of(&checks, "column.empty");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Serious);
    assert!(found[0].evidence.summary.contains("暂无数据"));
    assert_eq!(checks.tallies.empty_columns, 1);
    // An empty column is not also counted as stale.
    assert!(of(&checks, "column.stale").is_empty());
}

#[test]
fn an_empty_list_container_with_text_is_not_empty() {
    let mut c = column("/ldxx/", "领导信息", &[], vec![]);
    c.model.main_text_len = 50;
    let mut d = column("/hdjl/", "咨询投诉", &[], vec![]);
    d.model.main_text_len = 49;
    let checks = run(&[home(NOW), c, d], NOW);
    let found: Vec<_> = of(&checks, "column.empty")
        .iter()
        .map(|f| f.url.clone())
        .collect();
    assert_eq!(found, [u("/hdjl/")]);
}

#[test]
fn a_column_whose_items_are_all_undated_is_noted_not_judged() {
    let c = column(
        "/xwdt/gzdt/",
        "工作动态",
        &[],
        vec![item("无日期", "/xwdt/gzdt/a.html", None)],
    );
    let checks = run(&[home(NOW), c], NOW);
    assert!(of(&checks, "column.stale").is_empty());
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.contains("「工作动态」") && n.contains("均未标注日期")),
        "{:?}",
        checks.notes
    );
}

#[test]
fn a_single_article_news_column_without_a_list_is_noted() {
    let mut c = page("/xwdt/sp/");
    c.model.column = Some("视频新闻".to_owned());
    c.model.breadcrumb = vec![crumb("首页", Some("/")), crumb("视频新闻", None)];
    c.model.main_text_len = 300;
    let checks = run(&[home(NOW), c], NOW);
    assert!(checks.findings.iter().all(|f| f.kind.area() != "freshness"));
    assert!(
        checks.notes.iter().any(|n| n.contains("未读到信息列表")),
        "{:?}",
        checks.notes
    );
}
