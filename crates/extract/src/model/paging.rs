//! Pagination: pager elements (class/id hints or pager text such as `共24条 第1/2页 下一页`),
//! their links and totals, and TRS `createPageHTML` script pagers.

use std::collections::HashSet;

use super::Pagination;
use super::doc::{Doc, FOOTER, HEADER, HIDDEN, Kind, SKIP, hint_parts};
use crate::cues::Cues;
use crate::pager::script_pagers;

/// Longest text of a pager element, in characters.
const MAX_PAGER_CHARS: usize = 300;
/// Most pager pages kept.
const MAX_PAGES: usize = 2_000;
/// Bytes of inline script scanned for script pagers.
const MAX_SCRIPT_BYTES: usize = 512 * 1024;

/// Reads the pager; `None` when the page shows none.
pub(super) fn pagination(doc: &Doc<'_>) -> Option<Pagination> {
    let pagers = pager_elements(doc);
    let mut p = Pagination::default();
    let mut seen = HashSet::new();
    for &e in &pagers {
        let text = doc.text(e, None, MAX_PAGER_CHARS + 1);
        read_totals(&text, &mut p);
        for a in doc.descendants_tagged(e, "a") {
            if doc.nodes[a].flags & (SKIP | HIDDEN) != 0 {
                continue;
            }
            let Some(url) = doc.href(a) else { continue };
            if doc.is_self(&url) {
                continue;
            }
            let s = url.to_string();
            let t = doc.text(a, None, 20).to_lowercase();
            if p.next.is_none() && doc.cues.next_words.contains(&t) {
                p.next = Some(s.clone());
            }
            if p.pages.len() < MAX_PAGES && seen.insert(s.clone()) {
                p.pages.push(s);
            }
        }
    }
    let mut script = String::new();
    for (i, n) in doc.nodes.iter().enumerate() {
        if let Kind::Text(t) = n.kind
            && n.parent.is_some_and(|p| doc.tag(p) == "script")
            && t.contains("createPageHTML")
            && script.len() + t.len() <= MAX_SCRIPT_BYTES
            && doc.nodes[i].flags & HIDDEN == 0
        {
            script.push_str(t);
            script.push('\n');
        }
    }
    let calls = script_pagers(&script);
    for call in calls.iter().take(1) {
        p.total_pages.get_or_insert(call.pages);
        p.current.get_or_insert(call.current.saturating_add(1));
        for (k, name) in call.other_pages().into_iter().enumerate() {
            let Ok(url) = doc.page.join(&name) else {
                continue;
            };
            let s = url.to_string();
            // other_pages skips the current page: entry k is page k, or k + 1 after it.
            let page_no = if (k as u32) < call.current {
                k as u32
            } else {
                k as u32 + 1
            };
            if p.next.is_none() && page_no == call.current + 1 {
                p.next = Some(s.clone());
            }
            if p.pages.len() < MAX_PAGES && seen.insert(s.clone()) {
                p.pages.push(s);
            }
        }
    }
    let empty = p.pages.is_empty()
        && p.next.is_none()
        && p.total_items.is_none()
        && p.total_pages.is_none()
        && p.current.is_none();
    (!empty).then_some(p)
}

/// Pager elements, outermost only, in document order.
fn pager_elements(doc: &Doc<'_>) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    let chrome = SKIP | HIDDEN | HEADER | FOOTER;
    // Elements whose own text says "pager".
    for n in &doc.nodes {
        let Kind::Text(t) = n.kind else { continue };
        if n.flags & chrome != 0 || !is_pager_text(doc.cues, t) {
            continue;
        }
        let Some(mut e) = n.parent else { continue };
        if doc.tag(e) == "a"
            && let Some(p) = doc.nodes[e].parent
        {
            e = p;
        }
        for _ in 0..3 {
            if doc.descendants_tagged(e, "a").next().is_some() {
                break;
            }
            match doc.nodes[e].parent {
                Some(p)
                    if doc.text(p, None, MAX_PAGER_CHARS + 1).chars().count()
                        <= MAX_PAGER_CHARS =>
                {
                    e = p;
                }
                _ => break,
            }
        }
        if doc.text(e, None, MAX_PAGER_CHARS + 1).chars().count() <= MAX_PAGER_CHARS {
            found.push(e);
        }
        if found.len() > 16 {
            break;
        }
    }
    // Elements with a pager class/id and pager-like content (not inside one already found:
    // nested hinted boxes would each rescan the same subtree).
    let mut last_hinted: Option<usize> = None;
    for i in doc.elements() {
        if found.len() > 32 {
            break;
        }
        if doc.nodes[i].flags & chrome != 0
            || !is_pager_hint(&doc.nodes[i].hint)
            || last_hinted.is_some_and(|o| doc.within(i, o))
        {
            continue;
        }
        let text = doc.text(i, None, MAX_PAGER_CHARS + 1);
        if text.chars().count() > MAX_PAGER_CHARS {
            continue;
        }
        let pager_links = doc.descendants_tagged(i, "a").take(64).any(|a| {
            let t = doc.text(a, None, 10).to_lowercase();
            t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty()
                || doc.cues.next_words.contains(&t)
                || doc.cues.pager_link_words.contains(&t)
        });
        if pager_links || is_pager_text(doc.cues, &text) {
            last_hinted = Some(i);
            found.push(i);
        }
    }
    found.sort_unstable();
    found.dedup();
    // Keep the outermost of nested pagers.
    let mut out: Vec<usize> = Vec::new();
    for e in found {
        if out.last().is_none_or(|&o| !doc.within(e, o)) {
            out.push(e);
        }
    }
    out
}

fn is_pager_hint(hint: &str) -> bool {
    hint_parts(hint).any(|p| {
        matches!(
            p,
            "page"
                | "pages"
                | "pager"
                | "paging"
                | "pagination"
                | "fenye"
                | "pagebar"
                | "pagenav"
                | "pagelist"
                | "pagebox"
                | "pageinfo"
                | "turnpage"
                | "pagediv"
        )
    })
}

/// Text only a pager shows: `共N页`, `第x/y页`, `下一页`, `上一页`, `尾页`. (`共N条` alone
/// is not enough: an article may say `共12条措施`.)
fn is_pager_text(cues: &Cues, t: &str) -> bool {
    cues.pager_words.iter().any(|w| t.contains(w.as_str()))
        || count_before(t, "页").is_some()
        || slash_pages(t).is_some()
}

/// Totals written in a pager's text.
fn read_totals(text: &str, p: &mut Pagination) {
    if p.total_items.is_none() {
        p.total_items = count_before(text, "条").or_else(|| count_before(text, "记录"));
    }
    if let Some((cur, total)) = slash_pages(text) {
        p.current.get_or_insert(cur);
        p.total_pages.get_or_insert(total);
    }
    if p.total_pages.is_none() {
        p.total_pages = count_before(text, "页");
    }
}

/// `共 N <unit>` (spaces allowed): N.
fn count_before(t: &str, unit: &str) -> Option<u32> {
    for (at, _) in t.match_indices('共').take(16) {
        let rest = t[at + '共'.len_utf8()..].trim_start();
        let digits: String = rest
            .chars()
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        if digits.is_empty() {
            continue;
        }
        let after = rest[digits.len()..].trim_start();
        let after = after.strip_prefix('个').unwrap_or(after).trim_start();
        if after.starts_with(unit) {
            return digits.parse().ok();
        }
    }
    None
}

/// `第x/y页`, `x/y页` or `页次：x/y`: (current, total).
fn slash_pages(t: &str) -> Option<(u32, u32)> {
    for (at, _) in t.match_indices('/').take(32) {
        let before: String = t[..at]
            .chars()
            .rev()
            .skip_while(|c| *c == ' ')
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        let rest = t[at + 1..].trim_start();
        let after: String = rest
            .chars()
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        if before.is_empty() || after.is_empty() {
            continue;
        }
        let tail = rest[after.len()..].trim_start();
        let head = t[..at].trim_end();
        let head = &head[..head.len() - before.len()];
        if tail.starts_with('页')
            || head.trim_end().ends_with('第')
            || head.ends_with("页次：")
            || head.ends_with("页次:")
        {
            let cur: String = before.chars().rev().collect();
            let (Ok(cur), Ok(total)) = (cur.parse(), after.parse()) else {
                continue;
            };
            if cur >= 1 && cur <= total {
                return Some((cur, total));
            }
        }
    }
    None
}
