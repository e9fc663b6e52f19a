//! List items written as repeated rows of other tags than `li`/`tr`: `<div class="item">`,
//! `<dd>`, `<p>`, `<dl>`… Many government sites write their lists this way.
//!
//! A `div` or `p` is far more often layout, a menu or a link wall than a list entry, so a row
//! counts only inside a group that looks like a list: at least [`MIN_ROWS`] sibling rows of the
//! same tag, each with exactly one main link, at least half of them with a date written next to
//! the link. Undated groups (menus, link walls, 专题 tiles) never become items.
//!
//! One pass from the last node to the first decides every parent after all of its subtree, so
//! "holds no other row" is a lookup and the work is linear in the page size (each evaluated row
//! is at most [`MAX_ROW_NODES`] nodes).

use chrono::NaiveDate;

use super::doc::{Doc, HIDDEN, SKIP, hint_parts};
use super::items::{Cand, MAX_ITEMS, candidate};

/// Tags whose repeated rows may be list items.
const ROW_TAGS: &[&str] = &[
    "div", "dd", "dt", "p", "dl", "section", "article", "h3", "h4", "span",
];
/// Fewest qualifying sibling rows of one tag that make a group.
const MIN_ROWS: usize = 3;
/// Largest row subtree, in nodes: a bigger element is a page region, not one entry (this also
/// bounds the work per row).
pub(super) const MAX_ROW_NODES: usize = 120;
/// Longest text of a row outside its link, in characters: a paragraph of an article that links
/// somewhere and mentions a date is not a list entry.
pub(super) const MAX_ROW_REST_CHARS: usize = 200;

/// The rows found, in document order (at most [`MAX_ITEMS`]), and `holds[i]`: the subtree of
/// `i` (itself excluded) holds a row.
///
/// `has_li[i]` says the subtree of `i` holds a `li` or `tr`: such an element is never a row.
pub(super) fn rows(doc: &Doc<'_>, has_li: &[bool], reference: NaiveDate) -> (Vec<Cand>, Vec<bool>) {
    let n = doc.nodes.len();
    let has_link = link_holders(doc);
    let mut holds = vec![false; n];
    let mut is_row = vec![false; n];
    let mut out: Vec<Cand> = Vec::new();
    // (child, index of its tag in ROW_TAGS)
    let mut eligible: Vec<(usize, usize)> = Vec::new();
    for p in (0..n).rev() {
        if doc.el(p).is_none() || doc.nodes[p].end - p < 2 * MIN_ROWS {
            continue;
        }
        eligible.clear();
        for c in doc.children(p) {
            let Some(tag) = ROW_TAGS.iter().position(|t| *t == doc.tag(c)) else {
                continue;
            };
            if doc.nodes[c].flags & (SKIP | HIDDEN) == 0
                && has_link[c]
                && !has_li[c]
                && !holds[c]
                && doc.nodes[c].end - c <= MAX_ROW_NODES
            {
                eligible.push((c, tag));
            }
        }
        let mut counts = [0usize; ROW_TAGS.len()];
        for &(_, tag) in &eligible {
            counts[tag] += 1;
        }
        for tag in (0..ROW_TAGS.len()).filter(|&t| counts[t] >= MIN_ROWS) {
            let group: Vec<Cand> = eligible
                .iter()
                .filter(|e| e.1 == tag)
                .filter_map(|&(c, _)| row(doc, c, reference))
                .collect();
            let dated = group.iter().filter(|c| c.dated()).count();
            if group.len() >= MIN_ROWS && dated * 2 >= group.len() {
                for c in group {
                    is_row[c.node] = true;
                    out.push(c);
                }
            }
        }
        holds[p] = doc.children(p).any(|c| is_row[c] || holds[c]);
        if out.len() > 2 * MAX_ITEMS {
            keep_first(&mut out);
        }
    }
    keep_first(&mut out);
    (out, holds)
}

/// Sorts rows into document order and keeps the first [`MAX_ITEMS`].
fn keep_first(rows: &mut Vec<Cand>) {
    rows.sort_unstable_by_key(|c| c.node);
    rows.truncate(MAX_ITEMS);
}

/// Element `c` read as a row: exactly one main link, short text beside it, and not an undated
/// heading (`<div class="title"><a href="/col/">江城要闻</a></div>` before the rows it heads).
fn row(doc: &Doc<'_>, c: usize, reference: NaiveDate) -> Option<Cand> {
    let cand = candidate(doc, c, reference, true)?;
    if cand.rest.chars().count() > MAX_ROW_REST_CHARS {
        return None;
    }
    let heading_hint = hint_parts(&doc.nodes[c].hint)
        .any(|p| p.starts_with("tit") || p == "hd" || p.contains("head") || p == "bt");
    if heading_hint && !cand.dated() {
        return None;
    }
    Some(cand)
}

/// `holds[i]`: the subtree of `i` (itself excluded) holds an `<a href>`.
fn link_holders(doc: &Doc<'_>) -> Vec<bool> {
    let n = doc.nodes.len();
    let mut holds = vec![false; n];
    for j in (0..n).rev() {
        if let Some(p) = doc.nodes[j].parent {
            holds[p] |= holds[j] || (doc.tag(j) == "a" && doc.attr(j, "href").is_some());
        }
    }
    holds
}
