//! Column discovery.

use xunwang_checks::ColumnClass;

use crate::support::*;

const NOW: &str = "2024-05-06";

#[test]
fn breadcrumb_steps_after_home_give_the_level_and_the_parent() {
    let mut channel = column("/xwdt/", "新闻动态", &[], vec![]);
    channel.model.list_container = false;
    let pages = [
        home(NOW),
        column_dated("/tzgg/", "通知公告", &[], NOW),
        channel,
        column_dated("/xwdt/gzdt/", "工作动态", &[("新闻动态", "/xwdt/")], NOW),
        column_dated("/xwdt/bmdt/", "部门动态", &[("新闻动态", "/xwdt/")], NOW),
    ];
    let checks = run(&pages, NOW);
    assert_eq!(col(&checks, "/tzgg/").level, 1);
    assert_eq!(col(&checks, "/tzgg/").class, ColumnClass::Notice);
    assert_eq!(col(&checks, "/xwdt/").level, 1);
    let gzdt = col(&checks, "/xwdt/gzdt/");
    assert_eq!(gzdt.level, 2);
    assert_eq!(gzdt.class, ColumnClass::News);
    assert_eq!(
        col(&checks, "/xwdt/").children,
        [u("/xwdt/bmdt/"), u("/xwdt/gzdt/")]
    );
    assert!(gzdt.children.is_empty());
}

#[test]
fn an_unlinked_last_crumb_names_the_column_page() {
    let mut p = page("/zwgk/zcwj/");
    p.model.breadcrumb = vec![
        crumb("首页", Some("/")),
        crumb("政务公开", Some("/zwgk/")),
        crumb("政策文件", None),
    ];
    p.model.main_text_len = 200;
    let checks = run(&[home(NOW), p], NOW);
    let c = col(&checks, "/zwgk/zcwj/");
    assert_eq!(c.name, "政策文件");
    assert_eq!(c.level, 2);
    assert_eq!(c.class, ColumnClass::Policy);
}

#[test]
fn pagination_pages_are_one_column_with_their_items_merged() {
    let mut first = column(
        "/xwdt/gzdt/",
        "工作动态",
        &[],
        vec![item("第一页", "/xwdt/gzdt/t1.html", Some("2024-05-01"))],
    );
    first.model.pagination = Some(pager(&["/xwdt/gzdt/index_1.html"]));
    let second = column(
        "/xwdt/gzdt/index_1.html",
        "工作动态",
        &[],
        vec![
            item("第二页", "/xwdt/gzdt/t2.html", Some("2024-03-01")),
            // The same item seen on both pages counts once.
            item("第一页", "/xwdt/gzdt/t1.html", Some("2024-05-01")),
        ],
    );
    // A Hanweb-style pager whose second page is served by another script.
    let mut col_first = column(
        "/col/col12/index.html",
        "通知公告",
        &[],
        vec![item("公告一", "/art/a1.html", Some("2024-05-02"))],
    );
    let jpage = "/module/web/jpage/dataproxy.jsp?startrecord=16&columnid=12";
    col_first.model.pagination = Some(pager(&[jpage]));
    let col_second = column(
        jpage,
        "通知公告",
        &[],
        vec![item("公告二", "/art/a2.html", Some("2024-01-02"))],
    );
    let checks = run(&[home(NOW), first, second, col_first, col_second], NOW);
    assert_eq!(checks.columns.len(), 2, "{:#?}", checks.columns);
    let gzdt = col(&checks, "/xwdt/gzdt/");
    assert_eq!(gzdt.list_pages, 2);
    assert_eq!(gzdt.items, 2);
    assert_eq!(gzdt.newest.as_ref().unwrap().title, "第一页");
    let tzgg = col(&checks, "/col/col12/index.html");
    assert_eq!((tzgg.list_pages, tzgg.items), (2, 2));
}

#[test]
fn home_page_blocks_add_their_items_to_the_column_they_head() {
    let mut h = home(NOW);
    h.model.blocks = vec![block(
        "江城要闻",
        "/xwdt/jcyw/index.html",
        vec![item(
            "首页上的新要闻",
            "/xwdt/jcyw/t9.html",
            Some("2024-05-05"),
        )],
    )];
    let old = column_dated("/xwdt/jcyw/", "江城要闻", &[], "2023-01-01");
    let checks = run(&[h, old], NOW);
    let c = col(&checks, "/xwdt/jcyw/");
    assert_eq!(c.items, 2);
    let newest = c.newest.as_ref().unwrap();
    assert_eq!(newest.title, "首页上的新要闻");
    assert_eq!(newest.seen_on, u("/"));
    assert!(of(&checks, "column.stale").is_empty());
}

#[test]
fn a_channel_page_without_items_of_its_own_is_not_judged() {
    // 新闻动态 only leads to its sub-columns: no list, no text, no placeholder.
    let mut channel = page("/xwdt/");
    channel.model.breadcrumb = vec![crumb("首页", Some("/")), crumb("新闻动态", Some("/xwdt/"))];
    channel.model.column = Some("新闻动态".to_owned());
    let pages = [
        home(NOW),
        channel,
        column_dated(
            "/xwdt/gzdt/",
            "工作动态",
            &[("新闻动态", "/xwdt/")],
            "2023-01-01",
        ),
    ];
    let checks = run(&pages, NOW);
    let stale = of(&checks, "column.stale");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].url, u("/xwdt/gzdt/"));
    assert!(of(&checks, "column.empty").is_empty());
    assert!(
        !checks.notes.iter().any(|n| n.contains("「新闻动态」")),
        "{:?}",
        checks.notes
    );
}

#[test]
fn a_parent_with_its_own_items_is_judged_on_them() {
    let parent = column_dated("/xwdt/", "新闻动态", &[], "2023-01-01");
    let pages = [
        home(NOW),
        parent,
        column_dated("/xwdt/gzdt/", "工作动态", &[("新闻动态", "/xwdt/")], NOW),
    ];
    let checks = run(&pages, NOW);
    let stale: Vec<_> = of(&checks, "column.stale")
        .iter()
        .map(|f| f.url.clone())
        .collect();
    assert_eq!(stale, [u("/xwdt/")]);
}

#[test]
fn article_pages_are_never_columns() {
    // An article with a list of related items, and one whose breadcrumb ends in 正文 but has no
    // date; both are linked from the nav.
    let mut dated = article("/xwdt/gzdt/t20240501_1.html", "2024-05-01");
    dated.model.list = vec![item("相关阅读", "/xwdt/gzdt/t2.html", Some("2020-01-01"))];
    let mut undated = page("/xwdt/gzdt/t20240502_2.html");
    undated.model.breadcrumb = vec![crumb("首页", Some("/")), crumb("正文", None)];
    undated.model.list_container = true;
    let mut h = home(NOW);
    h.model
        .nav
        .push(nav("一篇文章", "/xwdt/gzdt/t20240501_1.html"));
    h.model
        .nav
        .push(nav("另一篇", "/xwdt/gzdt/t20240502_2.html"));
    let checks = run(&[h, dated, undated], NOW);
    assert!(checks.columns.is_empty(), "{:#?}", checks.columns);
    assert!(of(&checks, "column.empty").is_empty());
}

#[test]
fn a_navigation_shell_is_noted_and_not_reported_as_empty() {
    let mut h = home(NOW);
    h.model.nav.push(nav("专题专栏", "/ztzl/"));
    let shell = page("/ztzl/");
    let checks = run(&[h, shell], NOW);
    assert_eq!(col(&checks, "/ztzl/").name, "专题专栏");
    assert!(of(&checks, "column.empty").is_empty());
    assert!(
        checks.notes.iter().any(|n| n
            .starts_with("栏目页无列表也无内容，未判为空白栏目，请人工确认：")
            && n.contains(&u("/ztzl/"))),
        "{:?}",
        checks.notes
    );
}

#[test]
fn an_empty_list_filled_by_scripts_is_noted_not_reported_as_empty() {
    let mut h = home(NOW);
    h.model.nav.push(nav("规划计划", "/ghjh/"));
    let mut empty = column("/ghjh/", "规划计划", &[], Vec::new());
    let mut scripted = empty.clone();
    scripted.model.script_list = true;
    let checks = run(&[h.clone(), scripted], NOW);
    assert!(of(&checks, "column.empty").is_empty(), "{checks:#?}");
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.contains("页面用脚本加载内容") && n.contains(&u("/ghjh/"))),
        "{:?}",
        checks.notes
    );
    // The same page without scripts is an empty column.
    empty.model.script_list = false;
    let checks = run(&[h, empty], NOW);
    assert_eq!(of(&checks, "column.empty").len(), 1);
}

#[test]
fn a_short_page_of_content_is_neither_empty_nor_a_shell() {
    // A 领导信息 page naming four people: 49 characters, no list.
    let mut h = home(NOW);
    h.model.nav.push(nav("领导信息", "/jggk/ldxx/"));
    let mut leaders = page("/jggk/ldxx/");
    leaders.model.breadcrumb = vec![
        crumb("首页", Some("/")),
        crumb("领导信息", Some("/jggk/ldxx/")),
    ];
    leaders.model.main_text_len = 49;
    let checks = run(&[h, leaders], NOW);
    assert_eq!(col(&checks, "/jggk/ldxx/").name, "领导信息");
    assert!(of(&checks, "column.empty").is_empty());
    assert!(
        checks.notes.iter().all(|n| !n.contains(&u("/jggk/ldxx/"))),
        "{:?}",
        checks.notes
    );
}

#[test]
fn an_undated_item_takes_the_date_of_its_crawled_article_page() {
    let c = column(
        "/xwdt/gzdt/",
        "工作动态",
        &[],
        vec![item("无日期的条目", "/xwdt/gzdt/t20240501_1.html", None)],
    );
    let a = article("/xwdt/gzdt/t20240501_1.html", "2024-05-01");
    let checks = run(&[home(NOW), c, a], NOW);
    let newest = col(&checks, "/xwdt/gzdt/").newest.clone().unwrap();
    assert_eq!(newest.date, date("2024-05-01"));
    assert_eq!(newest.source, "文章页发布时间");
    assert_eq!(col(&checks, "/xwdt/gzdt/").dated_items, 1);
}

#[test]
fn item_date_sources_are_named_for_the_report() {
    let mut month_day = item("月日", "/xwdt/gzdt/t1.html", Some("2024-05-03"));
    month_day.date_source = Some(xunwang_extract::ItemDateSource::MonthDay);
    let mut from_url = item("网址", "/xwdt/gzdt/t20240504_2.html", Some("2024-05-04"));
    from_url.date_source = Some(xunwang_extract::ItemDateSource::Url);
    let c1 = column("/a/", "工作动态", &[], vec![month_day]);
    let c2 = column("/b/", "部门动态", &[], vec![from_url]);
    let checks = run(&[home(NOW), c1, c2], NOW);
    assert_eq!(
        col(&checks, "/a/").newest.as_ref().unwrap().source,
        "列表月日（年份推断）"
    );
    assert_eq!(
        col(&checks, "/b/").newest.as_ref().unwrap().source,
        "网址日期"
    );
}

#[test]
fn names_fall_back_to_the_nav_text_and_levels_to_the_url_depth() {
    let mut h = home(NOW);
    h.model.nav.push(nav("人事信息", "/zwgk/rsxx/index.html"));
    let mut p = page("/zwgk/rsxx/");
    p.model.list = vec![item("任免", "/zwgk/rsxx/t1.html", Some(NOW))];
    let checks = run(&[h, p], NOW);
    let c = col(&checks, "/zwgk/rsxx/");
    assert_eq!(c.name, "人事信息");
    assert_eq!(c.class, ColumnClass::Periodic);
    assert_eq!(c.level, 2);
}

#[test]
fn the_home_page_is_not_a_column_whatever_its_url_form() {
    let mut index_html = home(NOW);
    index_html.url = u("/index.html");
    let checks = run(&[index_html], NOW);
    assert!(checks.columns.is_empty());
    assert!(of(&checks, "home.stale").is_empty());
    assert_eq!(checks.tallies.home_newest, Some(date(NOW)));
}

#[test]
fn a_placeholder_written_as_a_list_item_is_no_item() {
    let c = column(
        "/tzgg/",
        "通知公告",
        &[],
        vec![item("暂无信息", "/tzgg/#", None)],
    );
    let checks = run(&[home(NOW), c], NOW);
    let tzgg = col(&checks, "/tzgg/");
    assert_eq!(tzgg.items, 0);
    assert_eq!(tzgg.placeholder.as_deref(), Some("暂无信息"));
    assert_eq!(of(&checks, "column.empty").len(), 1);
}

#[test]
fn columns_are_sorted_by_url_whatever_the_crawl_order() {
    let a = column_dated("/b/", "工作动态", &[], NOW);
    let b = column_dated("/a/", "部门动态", &[], NOW);
    let one = run(&[home(NOW), a.clone(), b.clone()], NOW);
    let two = run(&[b, a, home(NOW)], NOW);
    assert_eq!(one.columns, two.columns);
    assert_eq!(one.columns[0].url, u("/a/"));
}

#[test]
fn a_single_page_column_with_an_update_date_is_a_column_not_an_article() {
    // `城市概况` shows its text and "更新时间：2020-01-01"; its breadcrumb links to itself.
    let mut about = page("/zjjc/csgk/");
    about.published = Some(published("2020-01-01"));
    about.model.column = Some("城市概况".to_owned());
    about.model.breadcrumb = vec![
        crumb("首页", Some("/")),
        crumb("走进江城", Some("/zjjc/")),
        crumb("城市概况", Some("/zjjc/csgk/")),
    ];
    about.model.main_text_len = 600;
    // An article whose breadcrumb stops at its column is still an article.
    let mut a = article("/xwdt/gzdt/t20240501_1.html", "2024-05-01");
    a.model.breadcrumb.pop();
    let checks = run(&[home(NOW), about, a], NOW);
    assert_eq!(checks.columns.len(), 1, "{:#?}", checks.columns);
    let c = col(&checks, "/zjjc/csgk/");
    assert_eq!((c.level, c.class), (2, ColumnClass::Static));
    assert!(checks.findings.iter().all(|f| f.kind.area() != "freshness"));
}
