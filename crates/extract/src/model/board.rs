//! Interaction boards (留言列表) and message detail pages (留言详情).

use std::collections::HashMap;

use super::doc::{CHROME, Doc};
use super::items::Cand;
use super::text::{
    after_label, contains_any, is_masked_name, label_value, run_until_label, stamp_at_start,
    stamps, status_answered, status_word,
};
use super::{MessageDetail, MessageRow, Stamp};
use crate::cues::Cues;

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

/// The role of a header cell from its label.
fn role_of(cues: &Cues, label: &str) -> Role {
    let has = |ws: &[String]| contains_any(label, ws);
    if has(&cues.board_replied_labels) {
        Role::Replied
    } else if has(&cues.board_posted_labels) || has(&cues.board_header_date_words) {
        Role::Posted
    } else if has(&cues.board_author_labels) || has(&cues.board_header_author_words) {
        Role::Author
    } else if has(&cues.board_status_labels) {
        Role::Status
    } else if has(&cues.board_header_title_words) {
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
                .map(|c| role_of(doc.cues, &doc.text(c, None, 20)))
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
            .find(|t| status_word(doc.cues, t).is_some() && t.chars().count() <= 10)
            .cloned()
            .or_else(|| status_word(doc.cues, &c.rest).map(str::to_owned));
    }
    if (author.is_none() && status.is_none()) || posted.is_none() {
        return None;
    }
    let answered = status.as_deref().and_then(|s| status_answered(doc.cues, s));
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
pub(super) fn message(
    cues: &Cues,
    main_text: &str,
    heading: Option<&str>,
) -> Option<MessageDetail> {
    let posted = cues.board_posted_labels.iter().find_map(|label| {
        main_text
            .match_indices(label)
            .take(8)
            .find_map(|(at, _)| stamp_at_start(&main_text[at + label.len()..]))
    })?;
    let title = heading
        .map(str::to_owned)
        .or_else(|| label_value(cues, main_text, &cues.message_title_labels, true))
        .unwrap_or_default();
    let author = label_value(cues, main_text, &cues.board_author_labels, false);
    let replied = cues.board_replied_labels.iter().find_map(|label| {
        main_text
            .match_indices(label)
            .take(8)
            .find_map(|(at, _)| stamp_at_start(&main_text[at + label.len()..]))
    });
    let status = label_value(cues, main_text, &cues.board_status_labels, false);
    let plain = cues.board_reply_labels.iter().map(|l| (l, false));
    let with_colon = cues.board_reply_labels_with_colon.iter().map(|l| (l, true));
    let reply_text = plain.chain(with_colon).find_map(|(label, colon)| {
        let rest = after_label(main_text, std::slice::from_ref(label), colon)?;
        let t = run_until_label(cues, rest, 200);
        (!t.is_empty()).then_some(t)
    });
    let answered = replied.is_some()
        || reply_text.is_some_and(|t| {
            t != "无"
                && !cues
                    .board_no_reply
                    .iter()
                    .any(|p| t.starts_with(p.as_str()))
        });
    Some(MessageDetail {
        title,
        author,
        posted: Some(posted),
        replied,
        status,
        answered,
    })
}
