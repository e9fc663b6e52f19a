//! Page areas: header, navigation, breadcrumb, footer and forms. Text cues first (the
//! breadcrumb's `当前位置`), then tags (`<header>`, `<nav>`, `<footer>`), then class/id hints.
//!
//! A hinted area that holds three or more dated list items is content, not chrome: `top-news`,
//! `main-bottom` or a `menu-list` of articles must not hide the page's list.

use super::doc::{
    CRUMB, Collector, Doc, FOOTER, FORM, HEADER, HIDDEN, Kind, NAV, SKIP, hint_parts,
};
use super::items::Cand;
use crate::cues::Cues;

/// Class/id parts of a breadcrumb.
const CRUMB_HINTS: &[&str] = &[
    "position", "crumb", "location", "dqwz", "weizhi", "mianbao", "lujing", "curpos",
];
/// First parts of a header class/id token.
const HEADER_FIRST: &[&str] = &[
    "header",
    "head",
    "top",
    "topbar",
    "tophead",
    "headtop",
    "toubu",
    "headbox",
    "topbox",
    "headwrap",
    "topwrap",
    "headertop",
    "headerbox",
    "siteheader",
    "pageheader",
];
/// Parts of a footer class/id token.
const FOOTER_PARTS: &[&str] = &[
    "footer",
    "foot",
    "bottom",
    "copyright",
    "banquan",
    "dibu",
    "footbox",
    "footwrap",
    "footerbox",
    "sitefooter",
    "pagefooter",
    "copyrights",
];
/// Largest breadcrumb text, in characters.
const MAX_CRUMB_CHARS: usize = 400;
/// A hinted area holding this many dated items is content.
const CONTENT_ITEMS: usize = 3;

/// The breadcrumb element: the first element (in document order) that either carries a
/// breadcrumb label in its text or a breadcrumb class/id, holds a link or a separator, and is
/// short.
pub(super) fn find_crumb(doc: &Doc<'_>) -> Option<usize> {
    let by_text = doc
        .nodes
        .iter()
        .enumerate()
        .find_map(|(i, n)| match n.kind {
            Kind::Text(t) if n.flags & (SKIP | HIDDEN) == 0 && has_cue(doc.cues, t) => Some(i),
            _ => None,
        });
    let by_text = by_text.and_then(|t| {
        let mut e = doc.nodes[t].parent?;
        if doc.tag(e) == "a" {
            e = doc.nodes[e].parent?;
        }
        for _ in 0..3 {
            let text = doc.text(e, None, MAX_CRUMB_CHARS + 1);
            if !after_cue(doc.cues, &text).is_empty() {
                break;
            }
            e = doc.nodes[e].parent?;
        }
        crumb_like(doc, e).then_some(e)
    });
    let by_hint = doc.elements().find(|&i| {
        doc.nodes[i].flags & (SKIP | HIDDEN) == 0
            && doc.nodes[i].end - i <= 800
            && is_crumb_hint(&doc.nodes[i].hint)
            && crumb_like(doc, i)
    });
    match (by_text, by_hint) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Text holds a breadcrumb label.
pub(super) fn has_cue(cues: &Cues, t: &str) -> bool {
    cues.crumb_labels.iter().any(|c| t.contains(c.as_str()))
}

/// The text after the breadcrumb label and its colon (`""` when nothing follows).
pub(super) fn after_cue<'t>(cues: &Cues, t: &'t str) -> &'t str {
    let Some((at, cue)) = cues
        .crumb_labels
        .iter()
        .filter_map(|c| t.find(c.as_str()).map(|at| (at, c)))
        .min_by_key(|(at, c)| (*at, std::cmp::Reverse(c.len())))
    else {
        return t;
    };
    t[at + cue.len()..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '：' | ':'))
}

fn is_crumb_hint(hint: &str) -> bool {
    !hint.is_empty() && CRUMB_HINTS.iter().any(|h| hint.contains(h))
}

fn crumb_like(doc: &Doc<'_>, i: usize) -> bool {
    let text = doc.text(i, None, MAX_CRUMB_CHARS + 1);
    let len = text.chars().count();
    len > 0
        && len <= MAX_CRUMB_CHARS
        && (doc
            .descendants_tagged(i, "a")
            .any(|a| doc.href(a).is_some())
            || text.contains(['>', '»', '→', '＞', '›']))
}

/// Sets the `HEADER`, `NAV`, `CRUMB`, `FOOTER` and `FORM` flags (inherited by descendants).
pub(super) fn mark(doc: &mut Doc<'_>, cands: &[Cand], crumb: Option<usize>) {
    let dated: Vec<usize> = cands.iter().filter(|c| c.dated()).map(|c| c.node).collect();
    let n = doc.nodes.len();
    for i in 0..n {
        let inherited = doc.nodes[i].parent.map_or(0, |p| doc.nodes[p].flags);
        let mut own = 0;
        if let Kind::El(el) = doc.nodes[i].kind {
            let tag = el.name();
            let hint = &doc.nodes[i].hint;
            let content = || {
                let lo = dated.partition_point(|&x| x < i);
                let hi = dated.partition_point(|&x| x < doc.nodes[i].end);
                hi - lo >= CONTENT_ITEMS
            };
            if Some(i) == crumb {
                own |= CRUMB;
            } else if (tag == "header" || is_header_hint(hint)) && !content() {
                own |= HEADER;
            } else if (tag == "footer" || is_footer_hint(hint)) && !content() {
                own |= FOOTER;
            }
            if (tag == "nav" || is_nav_hint(hint)) && Some(i) != crumb && !content() {
                own |= NAV;
            }
            if tag == "form" && (doc.nodes[i].end - i) * 2 <= n {
                own |= FORM;
            }
        }
        doc.nodes[i].flags |= inherited | own;
    }
}

fn is_header_hint(hint: &str) -> bool {
    hint.split_whitespace().any(|token| {
        if token.contains("title") {
            return false;
        }
        let mut parts = hint_parts(token);
        parts.next().is_some_and(|p| HEADER_FIRST.contains(&p))
            || hint_parts(token).any(|p| p == "header")
    })
}

fn is_footer_hint(hint: &str) -> bool {
    hint_parts(hint).any(|p| FOOTER_PARTS.contains(&p))
}

fn is_nav_hint(hint: &str) -> bool {
    (hint.contains("nav") || hint.contains("menu") || hint.contains("daohang"))
        && !is_crumb_hint(hint)
        && !hint.contains("page")
}

/// The visible text of the top-level elements carrying `flag`, in order, at most `max` chars.
pub(super) fn area_text(doc: &Doc<'_>, flag: u16, max: usize) -> String {
    let mut c = Collector::new(max);
    let mut i = 0;
    while i < doc.nodes.len() && !c.full() {
        if doc.nodes[i].flags & flag != 0 {
            c.push(" ");
            doc.collect(i, None, 0, &mut c);
            i = doc.nodes[i].end;
        } else {
            i += 1;
        }
    }
    c.out
}
