//! The parsed page flattened into an arena in document (pre-)order: each node knows its
//! parent, its previous element sibling and where its subtree ends, so "is X inside Y" is a
//! range test and no reader ever walks ancestors (a hostile page nested 100,000 deep would make
//! that quadratic).

use std::collections::HashMap;

use scraper::node::{Element, Node};
use scraper::{ElementRef, Html};
use url::Url;

use crate::cues::Cues;
use crate::syntax::style_hides;

/// Most bytes of HTML read into the model (the rest of a larger page is ignored).
pub(super) const MAX_HTML_BYTES: usize = 4 << 20;
/// Most nodes kept in the arena.
const MAX_NODES: usize = 400_000;
/// Inside `<head>`, `<script>`, `<style>`, `<template>`, `<noscript>`: never visible text.
pub(super) const SKIP: u16 = 1;
/// Inside an element hidden inline (`style="display:none"`, `hidden`).
pub(super) const HIDDEN: u16 = 1 << 1;
/// Inside the page header area.
pub(super) const HEADER: u16 = 1 << 2;
/// Inside a navigation menu.
pub(super) const NAV: u16 = 1 << 3;
/// Inside the breadcrumb.
pub(super) const CRUMB: u16 = 1 << 4;
/// Inside the footer area.
pub(super) const FOOTER: u16 = 1 << 5;
/// Inside a (small) form.
pub(super) const FORM: u16 = 1 << 6;
/// Not main content: any of these.
pub(super) const CHROME: u16 = SKIP | HIDDEN | HEADER | NAV | CRUMB | FOOTER;

/// Tags whose text runs on with the text around them (no word break at their edges).
const INLINE: &[&str] = &[
    "a", "span", "font", "b", "strong", "em", "i", "u", "s", "small", "big", "sub", "sup", "label",
    "abbr", "cite", "code", "q", "time", "mark", "ins", "del", "var", "kbd", "samp", "bdi", "bdo",
    "nobr", "strike", "tt",
];

/// What an arena node is.
#[derive(Clone, Copy)]
pub(super) enum Kind<'a> {
    /// An element and its lowercase tag name.
    El(&'a Element),
    /// A text node.
    Text(&'a str),
}

/// One node of the arena.
pub(super) struct N<'a> {
    pub kind: Kind<'a>,
    pub parent: Option<usize>,
    /// The previous sibling that is an element.
    pub prev: Option<usize>,
    /// One past the last node of this node's subtree.
    pub end: usize,
    /// Region flags (`SKIP`, `HEADER`…), inherited from the ancestors.
    pub flags: u16,
    /// The nearest ancestor-or-self that is not an inline element (text in different blocks is
    /// separated by a space).
    pub block: usize,
    /// Lowercase `class` and `id`, space separated (empty for text nodes).
    pub hint: String,
    /// The element as scraper sees it, for CSS selector matching (`None` for text nodes).
    pub elem: Option<ElementRef<'a>>,
}

/// The arena plus the URLs links resolve against and the cues the readers look for.
pub(super) struct Doc<'a> {
    pub nodes: Vec<N<'a>>,
    /// The words and phrases to look for.
    pub cues: &'a Cues,
    /// The document base (`<base href>` or the page URL).
    pub base: Url,
    /// The page URL without its fragment.
    pub page: Url,
}

impl<'a> Doc<'a> {
    /// Flattens `html` (already parsed) and sets the `SKIP`/`HIDDEN` flags.
    pub fn new(html: &'a Html, page_url: &Url, cues: &'a Cues) -> Self {
        let mut nodes: Vec<N<'a>> = Vec::new();
        let mut index = HashMap::new();
        let mut last_child_el: HashMap<usize, usize> = HashMap::new();
        let mut base: Option<Url> = None;
        for node in html.tree.root().descendants() {
            if nodes.len() >= MAX_NODES {
                break;
            }
            let kind = match node.value() {
                Node::Element(el) => Kind::El(el),
                Node::Text(t) => Kind::Text(&t.text),
                _ => continue,
            };
            let parent = node.parent().and_then(|p| index.get(&p.id()).copied());
            let i = nodes.len();
            index.insert(node.id(), i);
            let inherited = parent.map_or(0, |p: usize| nodes[p].flags);
            let (flags, block, hint, prev) = match kind {
                Kind::El(el) => {
                    let tag = el.name();
                    let mut flags = inherited;
                    if matches!(tag, "head" | "script" | "style" | "template" | "noscript") {
                        flags |= SKIP;
                    }
                    if el.attr("hidden").is_some() || el.attr("style").is_some_and(style_hides) {
                        flags |= HIDDEN;
                    }
                    if tag == "base"
                        && base.is_none()
                        && let Some(href) = el.attr("href")
                    {
                        base = page_url
                            .join(href.trim())
                            .ok()
                            .filter(|u| matches!(u.scheme(), "http" | "https"));
                    }
                    let block = if INLINE.contains(&tag) {
                        parent.map_or(i, |p| nodes[p].block)
                    } else {
                        i
                    };
                    let mut hint = String::new();
                    for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
                        hint.push_str(&v.to_ascii_lowercase());
                        hint.push(' ');
                    }
                    let prev = parent.and_then(|p| last_child_el.insert(p, i));
                    (flags, block, hint, prev)
                }
                Kind::Text(_) => (
                    inherited,
                    parent.map_or(i, |p| nodes[p].block),
                    String::new(),
                    None,
                ),
            };
            nodes.push(N {
                kind,
                parent,
                prev,
                end: i + 1,
                flags,
                block,
                hint,
                elem: ElementRef::wrap(node),
            });
        }
        for j in (0..nodes.len()).rev() {
            if let Some(p) = nodes[j].parent {
                nodes[p].end = nodes[p].end.max(nodes[j].end);
            }
        }
        let mut page = page_url.clone();
        page.set_fragment(None);
        Doc {
            nodes,
            cues,
            base: base.unwrap_or_else(|| page_url.clone()),
            page,
        }
    }

    /// The element at `i`, if it is one.
    pub fn el(&self, i: usize) -> Option<&'a Element> {
        match self.nodes.get(i)?.kind {
            Kind::El(el) => Some(el),
            Kind::Text(_) => None,
        }
    }

    /// The tag name of node `i` (`""` for text).
    pub fn tag(&self, i: usize) -> &'a str {
        self.el(i).map_or("", |e| e.name())
    }

    /// An attribute of element `i`.
    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.el(i).and_then(|e| e.attr(name))
    }

    /// `i` is `outer` or inside it.
    pub fn within(&self, i: usize, outer: usize) -> bool {
        outer <= i && i < self.nodes[outer].end
    }

    /// Indices of the elements in the subtree of `i` (itself excluded) with tag `tag`.
    pub fn descendants_tagged(&self, i: usize, tag: &'a str) -> impl Iterator<Item = usize> + '_ {
        (i + 1..self.nodes[i].end).filter(move |&j| self.tag(j) == tag)
    }

    /// The element children of `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut j = i + 1;
        let end = self.nodes[i].end;
        std::iter::from_fn(move || {
            while j < end {
                let k = j;
                j = self.nodes[k].end;
                if matches!(self.nodes[k].kind, Kind::El(_)) {
                    return Some(k);
                }
            }
            None
        })
    }

    /// The element ancestors of `i`, nearest first, at most `max`.
    pub fn ancestors(&self, i: usize, max: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[i].parent, |&p| self.nodes[p].parent).take(max)
    }

    /// The visible text of the subtree of `i` (`SKIP`/`HIDDEN` parts left out), whitespace
    /// collapsed and trimmed, at most `max` characters; the subtree of `except` is left out.
    pub fn text(&self, i: usize, except: Option<usize>, max: usize) -> String {
        let mut c = Collector::new(max);
        self.collect(i, except, 0, &mut c);
        c.out
    }

    /// Appends the visible text of the subtree of `i` to `c`, leaving out `except` and any node
    /// with one of `mask`'s flags.
    pub fn collect(&self, i: usize, except: Option<usize>, mask: u16, c: &mut Collector) {
        let mask = mask | SKIP | HIDDEN;
        let mut j = i;
        let end = self.nodes[i].end;
        while j < end && !c.full() {
            let n = &self.nodes[j];
            if Some(j) == except || n.flags & mask != 0 {
                j = n.end;
                continue;
            }
            match n.kind {
                Kind::Text(t) => {
                    if c.last_block != Some(n.block) {
                        c.pending_space = true;
                        c.last_block = Some(n.block);
                    }
                    c.push(t);
                }
                Kind::El(el) if matches!(el.name(), "br" | "td" | "th" | "img") => {
                    c.pending_space = true;
                }
                Kind::El(_) => {}
            }
            j += 1;
        }
    }

    /// Resolves a link target to an absolute http(s) URL; `None` for empty, fragment-only,
    /// `javascript:`, `mailto:` and other non-web targets.
    pub fn resolve(&self, href: &str) -> Option<Url> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let url = self.base.join(href).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(url)
    }

    /// The http(s) target of element `i`'s `href`.
    pub fn href(&self, i: usize) -> Option<Url> {
        self.attr(i, "href").and_then(|h| self.resolve(h))
    }

    /// `url` is this page (fragment ignored; `index.html`-like names equal their folder).
    pub fn is_self(&self, url: &Url) -> bool {
        fn key(u: &Url) -> String {
            let mut u = u.clone();
            u.set_fragment(None);
            let s = u.as_str();
            for name in [
                "index.html",
                "index.htm",
                "index.shtml",
                "default.htm",
                "default.html",
            ] {
                if let Some(stem) = s.strip_suffix(name)
                    && stem.ends_with('/')
                {
                    return stem.to_owned();
                }
            }
            s.to_owned()
        }
        key(url) == key(&self.page)
    }

    /// Every element index, in document order.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| matches!(self.nodes[i].kind, Kind::El(_)))
    }
}

/// Collects text with whitespace runs collapsed to one space, up to a character budget.
pub(super) struct Collector {
    pub out: String,
    chars: usize,
    max: usize,
    pending_space: bool,
    last_block: Option<usize>,
}

impl Collector {
    /// An empty collector keeping at most `max` characters.
    pub fn new(max: usize) -> Self {
        Collector {
            out: String::new(),
            chars: 0,
            max,
            pending_space: false,
            last_block: None,
        }
    }

    /// The budget is used up.
    pub fn full(&self) -> bool {
        self.chars >= self.max
    }

    /// Characters collected so far.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Appends `text`, collapsing whitespace.
    pub fn push(&mut self, text: &str) {
        for ch in text.chars() {
            if ch.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.full() {
                return;
            }
            if self.pending_space && !self.out.is_empty() {
                self.out.push(' ');
                self.chars += 1;
                if self.full() {
                    return;
                }
            }
            self.pending_space = false;
            self.out.push(ch);
            self.chars += 1;
        }
    }
}

/// The lowercase parts of a class/id hint split on anything but ASCII letters
/// (`footer-nav_2 top` → `footer`, `nav`, `top`).
pub(super) fn hint_parts(hint: &str) -> impl Iterator<Item = &str> {
    hint.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|p| !p.is_empty())
}
