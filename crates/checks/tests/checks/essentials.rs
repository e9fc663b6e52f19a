//! `PageRecord::essentials` drops only what the checks never read.

use xunwang_checks::{Config, PageRecord};

use crate::support::*;

/// A small site with every kind of page the checks read: home, columns (one stale), an
/// undated list whose dates come from its articles, a board with a message page, a form.
fn site() -> Vec<PageRecord> {
    let mut undated = column(
        "/tzgg/",
        "通知公告",
        &[],
        vec![item("一条通知", "/tzgg/t1.html", None)],
    );
    undated.model.list[0].date = None;
    let mut board = column("/hdjl/", "互动交流", &[], Vec::new());
    board.model.board = vec![row(
        "咨询一件事",
        "/hdjl/1.html",
        Some("2026-06-01"),
        None,
        Some(false),
    )];
    let mut message = page("/hdjl/1.html");
    message.model.message = Some(detail("咨询一件事", Some("2026-06-01"), None, false));
    message.model.breadcrumb = vec![crumb("首页", Some("/")), crumb("留言详情", None)];
    let mut form = page("/hdjl/form.html");
    form.model.forms = vec![message_form("/hdjl/submit")];
    let mut old_notice = article("/tzgg/t1.html", "2026-01-05");
    old_notice.model.heading = Some("一条通知".to_owned());
    old_notice.title = Some("一条通知 - 示例".to_owned());
    vec![
        home("2026-11-20"),
        column_dated(
            "/xwdt/gzdt/",
            "工作动态",
            &[("新闻动态", "/xwdt/")],
            "2026-09-01",
        ),
        article("/xwdt/gzdt/t_20260901.html", "2026-09-01"),
        undated,
        old_notice,
        board,
        message,
        form,
    ]
}

#[test]
fn judging_the_essentials_gives_the_same_result_as_judging_everything() {
    let config = Config::default();
    let full = site();
    let slim: Vec<PageRecord> = full
        .iter()
        .cloned()
        .map(|p| p.essentials(&config))
        .collect();
    // Articles were slimmed; everything else was kept whole.
    assert_eq!(slim[2].model.breadcrumb.len(), 1);
    assert_eq!(slim[4].title, None);
    assert_eq!(slim[4].model.heading, None);
    assert_eq!(slim[4].published, full[4].published);
    for i in [0, 1, 3, 5, 6, 7] {
        assert_eq!(slim[i], full[i], "page {i} must be kept whole");
    }
    let a = run(&full, "2026-11-28");
    let b = run(&slim, "2026-11-28");
    assert_eq!(a, b);
    // Plain articles left out entirely, only their dates given: the same again.
    let (articles, rest): (Vec<PageRecord>, Vec<PageRecord>) = full
        .iter()
        .cloned()
        .partition(|p| p.is_plain_article(&config));
    assert_eq!(articles.len(), 2);
    let dates: Vec<(String, chrono::NaiveDate)> = articles
        .iter()
        .map(|p| (p.url.clone(), p.published.unwrap().date))
        .collect();
    let input = xunwang_checks::SiteInput {
        home: HOME,
        pages: &rest,
        registered_site_code: None,
        article_dates: &dates,
    };
    let c = xunwang_checks::check_site(
        &input,
        &config,
        at("2026-11-28"),
        xunwang_core::WorkCalendar::official(),
    );
    assert_eq!(a, c);
    // Not vacuous: the stale column, the article-dated notice and the unanswered message are
    // judged the same way in both.
    assert!(!of(&a, "column.stale").is_empty(), "{a:#?}");
    assert!(!of(&a, "interaction.unanswered").is_empty(), "{a:#?}");
}
