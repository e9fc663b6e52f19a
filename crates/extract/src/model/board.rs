//! Interaction boards (留言列表) and message detail pages (留言详情).

use std::collections::HashMap;

use super::doc::{CHROME, Doc};
use super::items::Cand;
use super::text::{
    after_label, is_masked_name, label_value, run_until_label, stamp_at_start, stamps,
    status_answered, status_word,
};
use super::{MessageDetail, MessageRow, Stamp};

/// What a board column holds, from its header label.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Title,
    Author,
    Posted,
    Replied,
    Status,
    Other,
}

/// Labels of a posted date (on a message page the label must be followed by a date).
const POSTED: &[&str] = &[
    "留言时间",
    "提问时间",
    "来信时间",
    "咨询时间",
    "投诉时间",
    "写信时间",
    "留言日期",
    "来信日期",
    "提问日期",
    "咨询日期",
];
/// Labels of a reply date.
const REPLIED: &[&str] = &[
    "回复时间",
    "答复时间",
    "办结时间",
    "回复日期",
    "答复日期",
    "办结日期",
    "处理时间",
];
/// Labels of the author.
const AUTHOR: &[&str] = &[
    "留言人",
    "提问人",
    "来信人",
    "咨询人",
    "写信人",
    "投诉人",
    "留言者",
    "提问者",
];
/// Labels of the status.
const STATUS: &[&str] = &["办理状态", "处理状态", "回复状态", "状态"];
/// Labels of a reply text.
const REPLY: &[&str] = &[
    "回复内容",
    "答复内容",
    "回复意见",
    "答复意见",
    "办理结果",
    "处理结果",
    "回复",
];
/// Replies that say there is none yet.
const NO_REPLY: &[&str] = &[
    "暂未回复",
    "暂无回复",
    "尚未回复",
    "未回复",
    "正在办理",
    "暂无答复",
    "尚未答复",
    "暂无",
];

fn role_of(label: &str) -> Role {
    let has = |ws: &[&str]| ws.iter().any(|w| label.contains(w));
    if has(REPLIED) || has(&["回复时间", "答复时间"]) {
        Role::Replied
    } else if has(POSTED) || has(&["时间", "日期"]) {
        Role::Posted
    } else if has(AUTHOR) || has(&["姓名", "网友", "作者"]) {
        Role::Author
    } else if has(STATUS) {
        Role::Status
    } else if has(&["标题", "主题", "事项", "名称"]) {
        Role::Title
    } else {
        Role::Other
    }
}

/// The board rows among the item candidates (outside the page chrome).
pub(super) fn board(doc: &Doc<'_>, cands: &[Cand]) -> Vec<MessageRow> {
    let mut headers: HashMap<usize, Option<Vec<Role>>> = HashMap::new();
    let mut rows = Vec::new();
    for c in cands {
        if doc.nodes[c.node].flags & CHROME != 0 {
            continue;
        }
        let Some(container) = doc.nodes[c.node].parent else {
            continue;
        };
        let roles = headers
            .entry(container)
            .or_insert_with(|| header_roles(doc, c.node))
            .clone();
        if let Some(row) = read_row(doc, c, roles.as_deref()) {
            rows.push(row);
        }
    }
    rows
}

/// The cells of a row: its element children (`td`/`th`, or the `span`s of a `li`).
fn cells(doc: &Doc<'_>, row: usize) -> Vec<usize> {
    doc.children(row).take(32).collect()
}

/// Roles of the header row before `first` (a `th` row of the table, or a labelled sibling
/// before the list); `None` without one (at least two labels must be recognised).
fn header_roles(doc: &Doc<'_>, first: usize) -> Option<Vec<Role>> {
    let parent = doc.nodes[first].parent?;
    let mut candidates: Vec<usize> = Vec::new();
    if doc.tag(first) == "tr" {
        let table = if matches!(doc.tag(parent), "tbody" | "thead" | "tfoot") {
            doc.nodes[parent].parent?
        } else {
            parent
        };
        candidates.extend(doc.descendants_tagged(table, "tr").take(2));
    } else {
        candidates.extend(doc.children(parent).take(2));
        candidates.extend(doc.nodes[parent].prev);
    }
    candidates
        .into_iter()
        .filter(|&h| h != first)
        .find_map(|h| {
            let roles: Vec<Role> = cells(doc, h)
                .into_iter()
                .map(|c| role_of(&doc.text(c, None, 20)))
                .collect();
            let known = roles.iter().filter(|r| **r != Role::Other).count();
            (known >= 2
                && doc
                    .descendants_tagged(h, "a")
                    .all(|a| doc.href(a).is_none()))
            .then_some(roles)
        })
}

fn read_row(doc: &Doc<'_>, c: &Cand, roles: Option<&[Role]>) -> Option<MessageRow> {
    let cells = cells(doc, c.node);
    let texts: Vec<String> = cells.iter().map(|&k| doc.text(k, None, 60)).collect();
    let mut author = None;
    let mut posted: Option<Stamp> = None;
    let mut replied: Option<Stamp> = None;
    let mut status: Option<String> = None;
    if let Some(roles) = roles.filter(|r| r.len() == cells.len()) {
        for (role, text) in roles.iter().zip(&texts) {
            let first = || stamps(text).first().map(|s| s.1);
            match role {
                Role::Author if !text.is_empty() => author = Some(text.clone()),
                Role::Posted => posted = posted.or_else(first),
                Role::Replied => replied = replied.or_else(first),
                Role::Status if !text.is_empty() => status = Some(text.clone()),
                _ => {}
            }
        }
    }
    let anchor_cell = cells.iter().position(|&k| doc.within(c.anchor, k));
    if author.is_none() {
        author = texts
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != anchor_cell)
            .map(|(_, t)| t.as_str())
            .chain(c.rest.split_whitespace())
            .find(|t| is_masked_name(t))
            .map(|t| t.trim().to_owned());
    }
    let found = stamps(&c.rest);
    if posted.is_none() {
        posted = found.first().map(|s| s.1);
        if replied.is_none() && roles.is_none() {
            replied = found.get(1).map(|s| s.1);
        }
    }
    if status.is_none() {
        status = texts
            .iter()
            .find(|t| status_word(t).is_some() && t.chars().count() <= 10)
            .cloned()
            .or_else(|| status_word(&c.rest).map(str::to_owned));
    }
    if (author.is_none() && status.is_none()) || posted.is_none() {
        return None;
    }
    let answered = status.as_deref().and_then(status_answered);
    Some(MessageRow {
        title: c.item.title.clone(),
        url: c.item.url.clone(),
        author,
        posted,
        replied,
        status,
        answered,
    })
}

/// The message of a detail page: a posted label followed by a date in the main text.
pub(super) fn message(main_text: &str, heading: Option<&str>) -> Option<MessageDetail> {
    let posted = POSTED.iter().find_map(|label| {
        main_text
            .match_indices(label)
            .take(8)
            .find_map(|(at, _)| stamp_at_start(&main_text[at + label.len()..]))
    })?;
    let title = heading
        .map(str::to_owned)
        .or_else(|| label_value(main_text, &["留言标题", "来信标题", "标题", "主题"], true))
        .unwrap_or_default();
    let author = label_value(main_text, AUTHOR, false);
    let replied = REPLIED.iter().find_map(|label| {
        main_text
            .match_indices(label)
            .take(8)
            .find_map(|(at, _)| stamp_at_start(&main_text[at + label.len()..]))
    });
    let status = label_value(main_text, STATUS, false);
    let reply_text = REPLY.iter().find_map(|label| {
        let rest = after_label(main_text, &[label], *label == "回复")?;
        let t = run_until_label(rest, 200);
        (!t.is_empty()).then_some(t)
    });
    let answered = replied.is_some()
        || reply_text.is_some_and(|t| t != "无" && !NO_REPLY.iter().any(|p| t.starts_with(p)));
    Some(MessageDetail {
        title,
        author,
        posted: Some(posted),
        replied,
        status,
        answered,
    })
}
