//! Breadcrumb steps and navigation menu links.

use std::collections::HashSet;

use super::doc::{CRUMB, Doc, FOOTER, HIDDEN, Kind, NAV, SKIP};
use super::regions::{after_cue, has_cue};
use super::{Crumb, NavLink};

/// Most breadcrumb steps kept.
const MAX_CRUMBS: usize = 20;
/// Most navigation links kept.
pub(super) const MAX_NAV_LINKS: usize = 300;
/// Longest navigation link text, in characters.
const MAX_NAV_TEXT: usize = 12;
/// Breadcrumb separators (`>>` splits into two `>`; `&gt;` is already decoded).
const SEPARATORS: &[char] = &['>', '»', '→', '＞', '/', '›', '〉', '»'];

/// Block tags that end a breadcrumb once it has steps (print / share / font-size tools often
/// sit in the same box after the path).
const CRUMB_END: &[&str] = &["div", "p", "form", "dl", "script"];

/// The steps of the breadcrumb at `crumb`: its links and the text between them split on
/// separators, the label (`当前位置：`) left out.
pub(super) fn breadcrumb(doc: &Doc<'_>, crumb: usize) -> Vec<Crumb> {
    let mut steps: Vec<Crumb> = Vec::new();
    let end = doc.nodes[crumb].end;
    let mut j = crumb + 1;
    while j < end && steps.len() < MAX_CRUMBS {
        let n = &doc.nodes[j];
        if n.flags & (SKIP | HIDDEN) != 0 {
            j = n.end;
            continue;
        }
        match n.kind {
            Kind::El(el) if el.name() == "a" => {
                let mut text = doc.text(j, None, 60);
                if text.is_empty() {
                    text = el.attr("title").unwrap_or_default().trim().to_owned();
                }
                let text = clean_step(after_cue(doc.cues, &text));
                if !text.is_empty() {
                    steps.push(Crumb {
                        text,
                        url: doc.href(j).map(|u| u.to_string()),
                    });
                }
                j = n.end;
                continue;
            }
            Kind::El(el) if !steps.is_empty() && CRUMB_END.contains(&el.name()) => break,
            Kind::El(_) => {}
            Kind::Text(t) => {
                let t = if has_cue(doc.cues, t) {
                    after_cue(doc.cues, t)
                } else {
                    t
                };
                for seg in t.split(SEPARATORS) {
                    let seg = clean_step(seg);
                    if !seg.is_empty() && steps.len() < MAX_CRUMBS {
                        steps.push(Crumb {
                            text: seg,
                            url: None,
                        });
                    }
                }
            }
        }
        j += 1;
    }
    steps
}

/// A step text: whitespace collapsed, colons and stray punctuation trimmed.
fn clean_step(s: &str) -> String {
    let t: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '：' | ':' | '|' | '-' | '—' | '·')
                || SEPARATORS.contains(&c)
        })
        .to_owned();
    t.chars().take(60).collect()
}

/// Links of the navigation menus (outside the breadcrumb and the footer): short texts,
/// deduplicated by URL, in order.
pub(super) fn nav_links(doc: &Doc<'_>) -> Vec<NavLink> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for a in doc.elements() {
        let n = &doc.nodes[a];
        if n.flags & NAV == 0
            || n.flags & (CRUMB | FOOTER | SKIP | HIDDEN) != 0
            || doc.tag(a) != "a"
        {
            continue;
        }
        let Some(url) = doc.href(a) else { continue };
        let text = doc.text(a, None, MAX_NAV_TEXT + 1);
        let len = text.chars().count();
        if len == 0 || len > MAX_NAV_TEXT {
            continue;
        }
        if seen.insert(url.to_string()) {
            out.push(NavLink {
                text,
                url: url.to_string(),
            });
            if out.len() >= MAX_NAV_LINKS {
                break;
            }
        }
    }
    out
}
