//! Interaction (V5 互动回应差).

use xunwang_checks::{Config, PageRecord, SiteChecks};
use xunwang_core::Severity;

use crate::support::*;

/// A home page whose nav has no channel, and a board page at /hdjl/zxzx/ with `rows`.
fn site_with_board(rows: Vec<xunwang_extract::MessageRow>) -> Vec<PageRecord> {
    let mut h = home("2024-05-01");
    h.model.nav = vec![nav("政务公开", "/zwgk/")];
    let mut board = page("/hdjl/zxzx/");
    board.model.column = Some("在线咨询".to_owned());
    board.model.board = rows;
    vec![h, board]
}

fn board_run(rows: Vec<xunwang_extract::MessageRow>, now: &str) -> SiteChecks {
    run(&site_with_board(rows), now)
}

fn unanswered_urls(checks: &SiteChecks) -> Vec<String> {
    of(checks, "interaction.unanswered")
        .iter()
        .map(|f| f.url.clone())
        .collect()
}

#[test]
fn a_site_without_any_consultation_channel_is_vetoed() {
    let mut h = home("2024-05-01");
    h.model.nav = vec![
        nav("政务公开", "/zwgk/"),
        nav("网上信访", "/wsxf/"),
        nav("纪检举报信箱", "/jjjb/"),
    ];
    let checks = run(&[h], "2024-05-06");
    let found = of(&checks, "interaction.no_channel");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Veto);
    assert_eq!(found[0].url, HOME);
    assert!(!checks.tallies.has_channel);
    assert!(vetoed(&checks, "V5.1"));
}

#[test]
fn a_channel_is_a_nav_entry_a_block_heading_a_message_form_or_a_board() {
    let now = "2024-05-06";
    let base = || {
        let mut h = home(now);
        h.model.nav = vec![nav("政务公开", "/zwgk/")];
        h
    };
    let mut by_nav = base();
    by_nav.model.nav.push(nav("书记信箱", "/sjxx/"));
    let mut by_block = base();
    by_block.model.blocks = vec![block("政民互动", "/hdjl/", vec![])];
    let mut form_page = page("/hdjl/wyxx/");
    form_page.model.forms = vec![message_form("/hdjl/submit")];
    let boards = site_with_board(vec![row(
        "问",
        "/hdjl/zxzx/1.html",
        Some(now),
        None,
        Some(false),
    )]);
    for pages in [
        vec![by_nav],
        vec![by_block],
        vec![base(), form_page],
        boards,
    ] {
        let checks = run(&pages, now);
        assert!(checks.tallies.has_channel, "{:#?}", pages[0].model.nav);
        assert!(of(&checks, "interaction.no_channel").is_empty());
    }
}

#[test]
fn a_board_or_form_of_a_complaint_channel_is_not_a_consultation_channel() {
    let mut h = home("2024-05-06");
    h.model.nav = vec![nav("政务公开", "/zwgk/")];
    let mut xf = page("/wsxf/");
    xf.model.column = Some("网上信访".to_owned());
    xf.model.forms = vec![message_form("/wsxf/submit")];
    xf.model.board = vec![row(
        "信访件",
        "/wsxf/1.html",
        Some("2024-05-01"),
        None,
        Some(false),
    )];
    let checks = run(&[h, xf], "2024-05-06");
    assert!(!checks.tallies.has_channel);
    // Nor are its messages judged.
    assert!(of(&checks, "interaction.unanswered").is_empty());
}

#[test]
fn a_message_is_unanswered_one_day_after_exactly_3_months() {
    let now = "2024-05-06";
    let checks = board_run(
        vec![
            row(
                "正好三个月",
                "/hdjl/zxzx/1.html",
                Some("2024-02-06"),
                None,
                Some(false),
            ),
            row(
                "三个月零一天",
                "/hdjl/zxzx/2.html",
                Some("2024-02-05"),
                None,
                Some(false),
            ),
            row(
                "几小时前",
                "/hdjl/zxzx/3.html",
                Some(now),
                None,
                Some(false),
            ),
        ],
        now,
    );
    assert_eq!(unanswered_urls(&checks), [u("/hdjl/zxzx/2.html")]);
    let f = &of(&checks, "interaction.unanswered")[0];
    assert_eq!(f.severity, Severity::Veto);
    assert_eq!(f.evidence.facts["replied"], "未回复");
    assert_eq!(f.evidence.facts["posted"], "2024-02-05");
    assert_eq!(f.evidence.facts["title"], "三个月零一天");
    assert!(f.evidence.summary.contains("仍未回复"));
    assert_eq!(checks.tallies.messages, 3);
    assert_eq!(checks.tallies.unanswered_messages, 1);
    assert!(vetoed(&checks, "V5.2"));
}

#[test]
fn a_message_posted_more_than_a_year_ago_is_outside_the_look_back() {
    let now = "2024-05-06";
    let checks = board_run(
        vec![
            row(
                "一年零一天",
                "/hdjl/zxzx/1.html",
                Some("2023-05-05"),
                None,
                Some(false),
            ),
            row(
                "正好一年",
                "/hdjl/zxzx/2.html",
                Some("2023-05-06"),
                None,
                Some(false),
            ),
        ],
        now,
    );
    assert_eq!(unanswered_urls(&checks), [u("/hdjl/zxzx/2.html")]);
}

#[test]
fn a_reply_later_than_3_months_counts_as_unanswered() {
    let checks = board_run(
        vec![
            row(
                "迟复",
                "/hdjl/zxzx/1.html",
                Some("2023-10-09"),
                Some("2024-01-10"),
                Some(true),
            ),
            row(
                "按期",
                "/hdjl/zxzx/2.html",
                Some("2023-10-09"),
                Some("2024-01-09"),
                None,
            ),
        ],
        "2024-05-06",
    );
    assert_eq!(unanswered_urls(&checks), [u("/hdjl/zxzx/1.html")]);
    assert!(
        of(&checks, "interaction.unanswered")[0]
            .evidence
            .summary
            .contains("才答复")
    );
}

#[test]
fn a_reply_after_5_working_days_across_national_day_is_not_slow_but_after_6_it_is() {
    // Thursday 2023-09-28; 2023-09-29..10-06 holiday; Saturday 10-07 and Sunday 10-08 are
    // 调休 working days: 10-07, 10-08, 10-09, 10-10, 10-11 are working days 1–5, 10-12 is 6.
    let checks = board_run(
        vec![
            row(
                "五个工作日",
                "/hdjl/zxzx/1.html",
                Some("2023-09-28"),
                Some("2023-10-11"),
                Some(true),
            ),
            row(
                "六个工作日",
                "/hdjl/zxzx/2.html",
                Some("2023-09-28"),
                Some("2023-10-12"),
                Some(true),
            ),
        ],
        "2024-01-10",
    );
    let slow = of(&checks, "interaction.slow_reply");
    assert_eq!(slow.len(), 1, "{slow:#?}");
    let f = slow[0];
    assert_eq!(f.url, u("/hdjl/zxzx/2.html"));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.evidence.facts["working_days"], 6);
    assert_eq!(f.evidence.facts["limit_working_days"], 5);
    assert_eq!(f.evidence.facts["replied"], "2023-10-12");
    assert_eq!(
        f.evidence.facts["calendar"],
        "国务院办公厅公布的节假日与调休安排"
    );
    assert_eq!(checks.tallies.slow_replies, 1);
    assert!(of(&checks, "interaction.unanswered").is_empty());
}

#[test]
fn the_working_day_limit_is_configurable() {
    let config = Config::from_toml("[interaction]\nreply_working_days = 6").unwrap();
    let pages = site_with_board(vec![row(
        "六个工作日",
        "/hdjl/zxzx/2.html",
        Some("2023-09-28"),
        Some("2023-10-12"),
        Some(true),
    )]);
    let checks = run_with(&pages, "2024-01-10", &config, None);
    assert!(of(&checks, "interaction.slow_reply").is_empty());
}

#[test]
fn a_year_the_calendar_does_not_cover_gives_a_note_not_a_finding() {
    let checks = board_run(
        vec![row(
            "2030年",
            "/hdjl/zxzx/1.html",
            Some("2030-03-01"),
            Some("2030-04-20"),
            Some(true),
        )],
        "2030-06-01",
    );
    assert!(of(&checks, "interaction.slow_reply").is_empty());
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.contains("2030 年") && n.contains("不作推测")),
        "{:?}",
        checks.notes
    );
}

#[test]
fn the_detail_page_overrides_its_board_row() {
    // The row says 未回复, the detail page shows a reply the next working day.
    let mut pages = site_with_board(vec![row(
        "问题",
        "/hdjl/zxzx/1.html",
        Some("2024-01-02"),
        None,
        Some(false),
    )]);
    let mut d = page("/hdjl/zxzx/1.html");
    d.model.message = Some(detail(
        "问题（详情）",
        Some("2024-01-02"),
        Some("2024-01-03"),
        true,
    ));
    pages.push(d);
    let checks = run(&pages, "2024-05-06");
    assert!(of(&checks, "interaction.unanswered").is_empty());
    assert_eq!(checks.tallies.messages, 1);

    // And the other way round: the row says nothing, the detail page shows no reply.
    let mut pages = site_with_board(vec![row(
        "问题",
        "/hdjl/zxzx/1.html",
        Some("2024-01-02"),
        None,
        None,
    )]);
    let mut d = page("/hdjl/zxzx/1.html");
    d.model.message = Some(detail("问题（详情）", None, None, false));
    pages.push(d);
    let checks = run(&pages, "2024-05-06");
    let found = of(&checks, "interaction.unanswered");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence.facts["title"], "问题（详情）");
}

#[test]
fn messages_without_a_date_or_a_known_state_are_noted_not_judged() {
    let checks = board_run(
        vec![
            row("无日期", "/hdjl/zxzx/1.html", None, None, Some(false)),
            row(
                "不知是否回复",
                "/hdjl/zxzx/2.html",
                Some("2023-06-01"),
                None,
                None,
            ),
        ],
        "2024-05-06",
    );
    assert!(of(&checks, "interaction.unanswered").is_empty());
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.starts_with("1 条留言未读到提交时间")),
        "{:?}",
        checks.notes
    );
    assert!(
        checks
            .notes
            .iter()
            .any(|n| n.starts_with("1 条留言未读到是否已回复")),
        "{:?}",
        checks.notes
    );
}

#[test]
fn messages_of_interview_and_solicitation_columns_are_not_judged() {
    let mut pages = site_with_board(vec![]);
    let mut ft = page("/hdjl/zxft/");
    ft.model.column = Some("在线访谈".to_owned());
    ft.model.board = vec![row(
        "访谈提问",
        "/hdjl/zxft/1.html",
        Some("2024-01-02"),
        None,
        Some(false),
    )];
    pages.push(ft);
    let checks = run(&pages, "2024-05-06");
    assert!(of(&checks, "interaction.unanswered").is_empty());
}
