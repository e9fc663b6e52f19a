//! The main content: its heading, its visible text, a "no content" placeholder, whether it has
//! a list container, and the column the page belongs to.

use std::collections::HashMap;

use super::Crumb;
use super::doc::{CHROME, Collector, Doc, FORM, Kind, hint_parts};
use super::items::{Cand, Lists, is_li};
use crate::cues::Cues;

/// Characters of main text kept for label scans (the length is counted further).
pub(super) const MAX_MAIN_TEXT: usize = 50_000;
/// Characters of main text counted.
const MAX_MAIN_COUNT: usize = 2_000_000;

/// The first `<h1>` of the main content, else the first `<h2>`: trimmed, collapsed.
pub(super) fn heading(doc: &Doc<'_>) -> Option<String> {
    ["h1", "h2"].iter().find_map(|tag| {
        doc.elements()
            .filter(|&i| doc.tag(i) == *tag && doc.nodes[i].flags & CHROME == 0)
            .map(|i| doc.text(i, None, 300))
            .find(|t| !t.is_empty())
    })
}

/// Subtrees left out of the main text: list items and blocks.
pub(super) fn excluded(doc: &Doc<'_>, cands: &[Cand], lists: &Lists) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for c in cands {
        if doc.nodes[c.node].flags & CHROME == 0 {
            out.insert(c.node, doc.nodes[c.node].end);
        }
    }
    for &b in &lists.block_nodes {
        out.insert(b, doc.nodes[b].end);
    }
    out
}

/// The main text (at most [`MAX_MAIN_TEXT`] characters kept) and its full length in
/// characters: visible text outside the chrome, forms, list items and blocks.
pub(super) fn main_text(doc: &Doc<'_>, excluded: &HashMap<usize, usize>) -> (String, usize) {
    let mut kept = Collector::new(MAX_MAIN_TEXT);
    let mut count = Collector::new(MAX_MAIN_COUNT);
    let mut i = 0;
    while i < doc.nodes.len() && !count.full() {
        let n = &doc.nodes[i];
        if n.flags & (CHROME | FORM) != 0 {
            i = n.end;
            continue;
        }
        if let Some(&end) = excluded.get(&i) {
            kept.push(" ");
            count.push(" ");
            i = end;
            continue;
        }
        match n.kind {
            Kind::Text(t) => {
                if !kept.full() {
                    kept.push(t);
                }
                // Count without keeping: a collector that drops its text keeps memory flat.
                count.push(t);
                if count.out.len() > 64 * 1024 {
                    let tail_space = count.out.ends_with(' ');
                    count.out.clear();
                    if tail_space {
                        count.out.push(' ');
                    }
                }
            }
            Kind::El(el) if matches!(el.name(), "br" | "p" | "div" | "td" | "li" | "tr") => {
                kept.push(" ");
                count.push(" ");
            }
            Kind::El(_) => {}
        }
        i += 1;
    }
    (kept.out, count.chars())
}

/// A "no content" placeholder in the main content, as written.
pub(super) fn placeholder(doc: &Doc<'_>) -> Option<String> {
    doc.nodes.iter().find_map(|n| {
        let Kind::Text(t) = n.kind else { return None };
        if n.flags & CHROME != 0 {
            return None;
        }
        let phrase = doc
            .cues
            .placeholders
            .iter()
            .find(|p| t.contains(p.as_str()))?;
        let trimmed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(if trimmed.chars().count() <= 20 {
            trimmed
        } else {
            phrase.clone()
        })
    })
}

/// The main content has a list container (`ul`/`ol`/`table`, a `*list*` element, or the
/// element holding a main list of rows) that holds the main list or is an empty shell (no
/// `li`/`tr` with text, no rows).
pub(super) fn list_container(doc: &Doc<'_>, lists: &Lists, cands: &[Cand]) -> bool {
    let n = doc.nodes.len();
    // near_block[i]: i is inside a block container (a sweep over the sorted block starts).
    let mut near_block = vec![false; n];
    let mut starts = lists.block_nodes.clone();
    starts.sort_unstable();
    let mut covered_to = 0;
    let mut next = starts.iter().peekable();
    for (i, slot) in near_block.iter_mut().enumerate() {
        while next.peek().is_some_and(|&&b| b == i) {
            covered_to = covered_to.max(doc.nodes[i].end);
            next.next();
        }
        *slot = i < covered_to;
    }
    // Ancestors of a block hold it: a layout table around blocks is not an empty list.
    let mut holds = vec![false; n];
    for j in (0..n).rev() {
        if let Some(p) = doc.nodes[j].parent {
            holds[p] |= holds[j] || starts.binary_search(&j).is_ok();
        }
    }
    for (slot, h) in near_block.iter_mut().zip(holds) {
        *slot |= h;
    }
    let main_items: Vec<usize> = lists.main.iter().map(|&k| cands[k].node).collect();
    // The element holding a main list of rows is a list container whatever its class, as a
    // `ul` is for `li`s.
    let row_container = lists
        .main_node
        .filter(|_| main_items.first().is_some_and(|&m| !is_li(doc, m)));
    // Rows (not `li`/`tr`), sorted: a `div.list` holding rows is not an empty shell.
    let rows: Vec<usize> = cands
        .iter()
        .map(|c| c.node)
        .filter(|&r| !is_li(doc, r))
        .collect();
    doc.elements().any(|i| {
        let node = &doc.nodes[i];
        if node.flags & (CHROME | FORM) != 0 || near_block[i] {
            return false;
        }
        let listy = matches!(doc.tag(i), "ul" | "ol" | "table")
            || hint_parts(&node.hint).any(|p| p.contains("list"))
            || Some(i) == row_container;
        if !listy {
            return false;
        }
        let holds_main = main_items.first().is_some_and(|&m| doc.within(m, i));
        holds_main || (is_empty_shell(doc, i) && !holds_any(doc, &rows, i))
    })
}

/// No `li`/`tr` inside with visible text (a bounded scan).
fn is_empty_shell(doc: &Doc<'_>, i: usize) -> bool {
    let end = doc.nodes[i].end.min(i + 5_000);
    if doc.nodes[i].end > end {
        return false;
    }
    !(i + 1..end).any(|j| matches!(doc.tag(j), "li" | "tr") && !doc.text(j, None, 1).is_empty())
}

/// One of the sorted nodes is inside the subtree of `i`.
fn holds_any(doc: &Doc<'_>, sorted: &[usize], i: usize) -> bool {
    let lo = sorted.partition_point(|&x| x < i);
    sorted.get(lo).is_some_and(|&x| x < doc.nodes[i].end)
}

/// The column: the ColumnName meta, else the last breadcrumb step that is not a detail word,
/// else the heading of a list page.
pub(super) fn column(
    cues: &Cues,
    meta: Option<&str>,
    crumbs: &[Crumb],
    heading: Option<&str>,
    is_list: bool,
) -> Option<String> {
    if let Some(m) = meta {
        return Some(m.to_owned());
    }
    crumbs
        .iter()
        .rev()
        .map(|c| c.text.as_str())
        .find(|t| {
            !t.is_empty()
                && !cues.detail_words.iter().any(|w| w == t)
                && !cues.home_words.iter().any(|w| t.starts_with(w.as_str()))
        })
        .map(str::to_owned)
        .or_else(|| heading.filter(|_| is_list).map(str::to_owned))
}
