//! The facts a hijack detector (被挂马, 暗链, cloaking: spec/indicators.md §0.1) needs, read from
//! the arena the page model already built, so a page is parsed once
//! ([`crate::read_page_with`]): the visible text block by block and the area it sits in, what is
//! hidden and how, every link, what inline scripts write and where they send the browser,
//! frames, meta refresh and ad-labelled blocks. Nothing here judges: an internal dropdown menu
//! hidden by CSS is recorded like a block of casino links, and the checks look at the targets.
//!
//! Hiding is decided per element, in one pass in document order (no recursion, no ancestor
//! walks: a hostile page nested thousands deep stays linear):
//! - `display:none` (inline or a `<style>` rule), the `hidden` attribute, off-screen
//!   positioning, zero size and tiny marquees hide the whole subtree;
//! - `visibility:hidden`, `font-size:0` and text coloured like its background inherit, and a
//!   descendant that declares `visibility:visible`, a readable `font-size` or another colour is
//!   visible again;
//! - the background a text sits on is the nearest `style` background or `bgcolor` of the
//!   element or an ancestor; `<font color>` counts as a colour (the old 暗链 markup is
//!   `<td bgcolor=#fff><font color=#fff>`).
//!
//! `<noscript>` bodies are raw text to html5ever (scripting on, like a browser), and strings
//! written by `document.write` are not in the tree at all: both are read again with the
//! streaming reader ([`crate::parse_page`]) for their links.

use std::borrow::Cow;
use std::collections::HashSet;

use scraper::node::Element;
use serde::{Deserialize, Serialize};

use super::css::{Decls, Rgb, colour, px};
use super::doc::{CRUMB, Doc, FOOTER, HEADER, Kind, NAV, SKIP};
use super::js;
use super::sheet::{self, Sheet};
use super::text::cut;
use crate::page::{MAX_TITLE_CHARS, parse_page};
use crate::syntax::refresh_url;

/// Most text units kept.
const MAX_UNITS: usize = 2_000;
/// Most bytes of unit text kept (all units together).
const MAX_UNIT_BYTES: usize = 1 << 20;
/// Most hidden groups kept.
const MAX_GROUPS: usize = 500;
/// Most characters of text kept per hidden group.
const MAX_GROUP_CHARS: usize = 2_000;
/// A hidden element with no link is recorded when it holds this many characters of text.
const MIN_GROUP_CHARS: usize = 10;
/// Most links kept in [`ContentFacts::links`], and again across all hidden groups.
const MAX_LINKS: usize = 5_000;
/// Most scripts kept.
const MAX_SCRIPTS: usize = 500;
/// Most bytes of one inline script (or `<noscript>` body) read.
const MAX_SCRIPT_BYTES: usize = 64 * 1024;
/// Most frames kept.
const MAX_FRAMES: usize = 500;
/// Most ad slots kept, and targets per slot.
const MAX_AD_SLOTS: usize = 100;
const MAX_AD_TARGETS: usize = 50;
/// A labelled block larger than this many nodes is not one ad slot.
const MAX_AD_NODES: usize = 300;
/// Longest link text kept, in characters, and how many nodes of a link are read for it.
const MAX_LINK_CHARS: usize = 200;
const MAX_LINK_NODES: usize = 2_000;
/// Longest `meta` keywords/description kept, in characters.
const MAX_META_CHARS: usize = 2_000;
/// Longest element hint (`div#id`), in characters.
const MAX_HINT_CHARS: usize = 64;
/// Tags whose whole own text may be an ad label (`<span>广告</span>`); links, list items,
/// headings and cells are names and titles, not labels.
const LABEL_TAGS: &[&str] = &[
    "span", "em", "i", "b", "strong", "font", "small", "div", "p", "label", "sup", "sub", "ins",
    "mark", "cite", "u", "s",
];
const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// What a hijack detector reads from a page (see [`crate::read_page_with`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContentFacts {
    /// The first `<title>`, entities decoded, whitespace collapsed (`""` when none), at most
    /// [`crate::MAX_TITLE_CHARS`] characters.
    pub title: String,
    /// `<meta name=keywords>` content (name matched case-insensitively), whitespace collapsed,
    /// at most 2,000 characters.
    pub meta_keywords: String,
    /// `<meta name=description>` content, like [`ContentFacts::meta_keywords`].
    pub meta_description: String,
    /// The visible text in document order, one unit per run of a block element's own text
    /// (`p`, `li`, `td`, `h1`…, text directly in a `div`); inline elements join their block's
    /// unit. Head, scripts, styles, templates, `<noscript>` and hidden elements are left out.
    /// At most 2,000 units and 1 MiB of text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<TextUnit>,
    /// The outermost hidden elements that hold a link or at least 10 characters of text, the
    /// `<noscript>` bodies with links and the `document.write` output with links, in document
    /// order; at most 500.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<HiddenGroup>,
    /// Every `<a href>`/`<area href>` with an http(s) target, visible or not, in document
    /// order; also the links of `<noscript>` bodies and of `document.write` output (marked
    /// [`Hiding::Noscript`], [`Hiding::DocumentWrite`]). At most 5,000.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkFact>,
    /// Every `<script>`, then each script an inline script writes with `document.write`
    /// (recorded as its own fact with its `src`, after the writer); at most 500.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scripts: Vec<ScriptFact>,
    /// `<iframe>`/`<frame>` with an http(s) `src` (also those written by `document.write`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<FrameFact>,
    /// The target of the first `<meta http-equiv=refresh>` naming one, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh: Option<String>,
    /// Blocks labelled as ads (`<span>广告</span>` next to a script or link).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ad_slots: Vec<AdSlot>,
    /// A limit cut something: the page was larger or deeper than the model reads, or one of
    /// the limits above was reached.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// A run of visible text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextUnit {
    /// The text, whitespace collapsed and trimmed.
    pub text: String,
    /// The page area it sits in.
    pub region: Region,
}

/// The page area a text sits in (the page model's areas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// The header (`<header>`, `class="header"`, `top`…).
    Header,
    /// A navigation menu.
    Nav,
    /// The breadcrumb (`当前位置`).
    Breadcrumb,
    /// The footer (页面底部功能区).
    Footer,
    /// Anything else.
    Main,
}

/// How something is kept from the visitor's eyes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hiding {
    /// `display:none` (inline or by a `<style>` rule).
    DisplayNone,
    /// `visibility:hidden` or `collapse`.
    VisibilityHidden,
    /// The `hidden` attribute.
    HiddenAttr,
    /// Absolutely positioned 500px or more off the page, or `text-indent` of -999px or less.
    Offscreen,
    /// Zero width or height, or 1px or less with `overflow:hidden` (an `<iframe>` also by its
    /// `width`/`height` attributes).
    ZeroSize,
    /// `font-size` of 1px or less.
    FontSizeZero,
    /// A `<marquee>` 3px or less wide or high.
    TinyMarquee,
    /// Text coloured like the background it sits on.
    SameColour,
    /// Inside `<noscript>`: shown only to visitors without scripts (and to crawlers).
    Noscript,
    /// Written by `document.write`: not in the HTML as served.
    DocumentWrite,
}

/// A hidden element and what it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HiddenGroup {
    /// How it is hidden.
    pub how: Hiding,
    /// Which element: tag with its id or first class (`div#mmmmm`, `dd.xx`, `marquee`);
    /// `noscript` or `script` for the bodies read again.
    pub hint: String,
    /// Its text, whitespace collapsed, at most 2,000 characters.
    pub text: String,
    /// Its http(s) links.
    pub links: Vec<LinkFact>,
}

/// A link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkFact {
    /// The target, absolute.
    pub url: String,
    /// Its text (else the `alt` of an image in it, else its `title`), at most 200 characters.
    pub text: String,
    /// How it is hidden; `None` when visible.
    pub hidden: Option<Hiding>,
}

/// A `<script>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScriptFact {
    /// Its `src`, absolute http(s); `None` for an inline script.
    pub src: Option<String>,
    /// The first navigation of an inline script to an http(s) target.
    pub redirect: Option<Redirect>,
    /// The links an inline script writes with `document.write` (string literals only).
    pub writes: Vec<LinkFact>,
}

/// A script navigation (`window.location.href = "…"`, `location.replace("…")`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Redirect {
    /// Where to, absolute.
    pub target: String,
    /// The code before it tests `document.referrer`, `navigator.userAgent` or a search-engine
    /// or crawler name (baidu, sogou, so.com, sm.cn, google, bing, spider, bot): a page shown
    /// differently to search visitors or crawlers, or a mobile redirect.
    pub conditional: bool,
    /// At most 200 characters of code around it.
    pub code: String,
}

/// An `<iframe>` or `<frame>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameFact {
    /// Its `src`, absolute.
    pub src: String,
    /// How it is hidden; `None` when visible.
    pub hidden: Option<Hiding>,
}

/// A block labelled as an ad: a small element whose whole text is one of
/// [`crate::Cues::ad_labels`] (`广告`, `推广`…), with the links, scripts, frames or images next
/// to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdSlot {
    /// The label as written.
    pub label: String,
    /// The block: tag with its id or first class.
    pub hint: String,
    /// Absolute URLs of the links, scripts, frames and images in the block, deduplicated.
    pub targets: Vec<String>,
}

/// Whitespace-collapsing text buffer with a character budget; a new block starts a word.
struct Buf {
    out: String,
    chars: usize,
    max: usize,
    space: bool,
    block: usize,
    cut: bool,
}

impl Buf {
    fn new(max: usize) -> Buf {
        Buf {
            out: String::new(),
            chars: 0,
            max,
            space: false,
            block: usize::MAX,
            cut: false,
        }
    }

    fn push(&mut self, block: usize, text: &str) {
        if block != self.block {
            self.space = true;
            self.block = block;
        }
        for ch in text.chars() {
            if ch.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.chars + usize::from(self.space && !self.out.is_empty()) >= self.max {
                self.cut = true;
                return;
            }
            if self.space && !self.out.is_empty() {
                self.out.push(' ');
                self.chars += 1;
            }
            self.space = false;
            self.out.push(ch);
            self.chars += 1;
        }
    }
}

/// Hiding state of one node, inherited down the arena.
#[derive(Clone, Copy, Default)]
struct St {
    /// Subtree hiding (display, `hidden`, off-screen, zero size, marquee).
    hard: Option<Hiding>,
    vis: bool,
    font: bool,
    same: bool,
    color: Option<Rgb>,
    bg: Option<Rgb>,
    /// 1 + the index of the hidden group the node belongs to; 0 when visible.
    group: u32,
}

impl St {
    fn how(&self) -> Option<Hiding> {
        self.hard.or_else(|| {
            [
                (self.vis, Hiding::VisibilityHidden),
                (self.font, Hiding::FontSizeZero),
                (self.same, Hiding::SameColour),
            ]
            .into_iter()
            .find_map(|(on, how)| on.then_some(how))
        })
    }
}

struct Group {
    how: Hiding,
    hint: String,
    text: Buf,
    links: Vec<LinkFact>,
}

struct Unit {
    block: usize,
    region: Region,
    text: Buf,
}

struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    sheet: Sheet,
    facts: ContentFacts,
    groups: Vec<Group>,
    group_links: usize,
    unit: Option<Unit>,
    unit_bytes: usize,
    units_full: bool,
    seen_title: bool,
    /// Ad label elements and their label.
    labels: Vec<(usize, String)>,
}

/// Reads the content facts of a page whose arena has its area flags set; `cut` says the HTML
/// was cut before parsing.
pub(super) fn read(doc: &Doc<'_>, cut: bool) -> ContentFacts {
    let styles: Vec<Cow<'_, str>> = doc
        .elements()
        .filter(|&i| doc.tag(i) == "style" && !doc.attr(i, "media").is_some_and(not_screen))
        .map(|i| match doc.nodes.get(i + 1).map(|n| n.kind) {
            // The usual `<style>` holds one text node: borrow it.
            Some(Kind::Text(t)) if doc.nodes[i].end == i + 2 => Cow::Borrowed(t),
            _ => Cow::Owned(own_text(doc, i, usize::MAX)),
        })
        .collect();
    let sheet = sheet::apply(doc, &styles);
    let mut r = Reader {
        doc,
        facts: ContentFacts {
            truncated: cut || sheet.truncated,
            ..ContentFacts::default()
        },
        sheet,
        groups: Vec::new(),
        group_links: 0,
        unit: None,
        unit_bytes: 0,
        units_full: false,
        seen_title: false,
        labels: Vec::new(),
    };
    let mut st: Vec<St> = Vec::with_capacity(doc.nodes.len());
    for (i, node) in doc.nodes.iter().enumerate() {
        let parent = node.parent.map(|p| st[p]).unwrap_or_default();
        match node.kind {
            Kind::Text(t) => {
                st.push(parent);
                if node.flags & SKIP == 0 {
                    r.text(i, t, &parent);
                }
            }
            Kind::El(el) => {
                let s = if node.flags & SKIP != 0 {
                    parent
                } else {
                    r.state(i, el, &parent)
                };
                st.push(s);
                r.element(i, el, &s);
            }
        }
    }
    r.finish()
}

/// A `<style media>` that does not apply to a desktop screen.
fn not_screen(media: &str) -> bool {
    let m = media.to_ascii_lowercase();
    !m.trim().is_empty() && !m.contains("screen") && !m.contains("all")
}

/// The raw text of the text nodes in the subtree of `i` (script, style, noscript bodies), at
/// most about `max` bytes.
fn own_text(doc: &Doc<'_>, i: usize, max: usize) -> String {
    let mut out = String::new();
    for j in i + 1..doc.nodes[i].end {
        if let Kind::Text(t) = doc.nodes[j].kind {
            out.push_str(cut(t, max.saturating_sub(out.len())));
            if out.len() >= max {
                break;
            }
        }
    }
    out
}

/// `tag#id`, `tag.class` or `tag`.
fn hint(el: &Element) -> String {
    let tag = el.name();
    let mut h = if let Some(id) = el.attr("id").map(str::trim).filter(|s| !s.is_empty()) {
        format!("{tag}#{id}")
    } else if let Some(class) = el
        .attr("class")
        .and_then(|c| c.split_ascii_whitespace().next())
    {
        format!("{tag}.{class}")
    } else {
        tag.to_owned()
    };
    if let Some((at, _)) = h.char_indices().nth(MAX_HINT_CHARS) {
        h.truncate(at);
    }
    h
}

fn region(flags: u16) -> Region {
    if flags & CRUMB != 0 {
        Region::Breadcrumb
    } else if flags & NAV != 0 {
        Region::Nav
    } else if flags & HEADER != 0 {
        Region::Header
    } else if flags & FOOTER != 0 {
        Region::Footer
    } else {
        Region::Main
    }
}

/// Whitespace collapsed and trimmed, at most `max` characters; the flag says it was cut.
fn collapse(s: &str, max: usize) -> (String, bool) {
    let mut b = Buf::new(max);
    b.push(0, s);
    (b.out, b.cut)
}

impl Reader<'_, '_> {
    /// The hiding state of element `i` under a parent in state `p`; opens a hidden group when
    /// the element is the outermost hidden one.
    fn state(&mut self, i: usize, el: &Element, p: &St) -> St {
        // One pass over the attributes (`Element::attr` interns the name on every call).
        let (mut style, mut hidden, mut bgcolor, mut color_attr, mut width, mut height) =
            (None, false, None, None, None, None);
        for (name, value) in el.attrs() {
            match name {
                "style" => style = Some(value),
                "hidden" => hidden = true,
                "bgcolor" => bgcolor = Some(value),
                "color" => color_attr = Some(value),
                "width" => width = px(value),
                "height" => height = px(value),
                _ => {}
            }
        }
        let at_most = |v: Option<f32>, max: f32| v.is_some_and(|v| v <= max);
        let inline = style.map(Decls::parse).unwrap_or_default();
        let css = if self.sheet.by_node.is_empty() {
            None
        } else {
            self.sheet.by_node.get(&i).copied()
        };
        let (display, vis, font, other) = match css {
            Some(c) => (
                c.display(inline.display),
                c.visibility(inline.visibility),
                c.font(inline.font),
                c.other,
            ),
            None => (
                inline.display.map(|d| d.hides),
                inline.visibility.map(|d| d.hides),
                inline.font.map(|d| d.hides),
                None,
            ),
        };
        let tag = el.name();
        let hard = if display == Some(true) {
            Some(Hiding::DisplayNone)
        } else if hidden {
            Some(Hiding::HiddenAttr)
        } else if inline.offscreen || other == Some(Hiding::Offscreen) {
            Some(Hiding::Offscreen)
        } else if inline.zero_size
            || other == Some(Hiding::ZeroSize)
            || (tag == "iframe" && (at_most(width, 1.0) || at_most(height, 1.0)))
        {
            Some(Hiding::ZeroSize)
        } else if tag == "marquee"
            && (inline.tiny_box || at_most(width, 3.0) || at_most(height, 3.0))
        {
            Some(Hiding::TinyMarquee)
        } else {
            None
        };
        let color = inline
            .color
            .or_else(|| color_attr.filter(|_| tag == "font").and_then(colour));
        let bg = inline.background.or_else(|| bgcolor.and_then(colour));
        let mut s = St {
            hard: p.hard.or(hard),
            vis: vis.unwrap_or(p.vis),
            font: font.unwrap_or(p.font),
            same: false,
            color: color.or(p.color),
            bg: bg.or(p.bg),
            group: 0,
        };
        s.same = other == Some(Hiding::SameColour)
            || if color.is_some() || bg.is_some() {
                s.color.is_some() && s.color == s.bg
            } else {
                p.same
            };
        if let Some(how) = s.how() {
            s.group = if p.group != 0 {
                p.group
            } else {
                self.groups.push(Group {
                    how,
                    hint: hint(el),
                    text: Buf::new(MAX_GROUP_CHARS),
                    links: Vec::new(),
                });
                self.groups.len() as u32
            };
        }
        s
    }

    fn element(&mut self, i: usize, el: &Element, s: &St) {
        let skipped = self.doc.nodes[i].flags & SKIP != 0;
        match el.name() {
            "title" if !self.seen_title && &*el.name.ns == HTML_NS => {
                self.seen_title = true;
                let (t, cut) =
                    collapse(&own_text(self.doc, i, 4 * MAX_TITLE_CHARS), MAX_TITLE_CHARS);
                self.facts.title = t;
                self.facts.truncated |= cut;
            }
            "meta" => self.meta(el),
            "script" => self.script(i, el),
            "noscript" => self.noscript(i),
            "a" | "area" if !skipped => self.link(i, el, s),
            "iframe" | "frame" if !skipped => {
                if let Some(src) = el.attr("src").and_then(|v| self.doc.resolve(v)) {
                    self.frame(src.into(), s.how());
                }
            }
            "br" if !skipped => {
                if s.group != 0 {
                    self.groups[s.group as usize - 1].text.space = true;
                } else if let Some(u) = &mut self.unit {
                    u.text.space = true;
                }
            }
            _ => {}
        }
    }

    fn meta(&mut self, el: &Element) {
        let content = el.attr("content").unwrap_or_default();
        if let Some(name) = el.attr("name").map(str::trim) {
            let slot = if name.eq_ignore_ascii_case("keywords") {
                &mut self.facts.meta_keywords
            } else if name.eq_ignore_ascii_case("description") {
                &mut self.facts.meta_description
            } else {
                return;
            };
            if slot.is_empty() {
                let (t, cut) = collapse(content, MAX_META_CHARS);
                *slot = t;
                self.facts.truncated |= cut;
            }
        } else if el
            .attr("http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"))
            && self.facts.refresh.is_none()
        {
            self.facts.refresh = refresh_url(content)
                .and_then(|u| self.doc.resolve(u))
                .map(String::from);
        }
    }

    fn text(&mut self, i: usize, t: &str, s: &St) {
        let node = &self.doc.nodes[i];
        if s.group != 0 {
            self.groups[s.group as usize - 1].text.push(node.block, t);
        } else if !self.units_full {
            let region = region(node.flags);
            match &mut self.unit {
                Some(u) if u.block == node.block && u.region == region => {
                    u.text.push(node.block, t)
                }
                _ => {
                    self.flush();
                    if !self.units_full {
                        let mut text = Buf::new(MAX_UNIT_BYTES - self.unit_bytes);
                        text.push(node.block, t);
                        self.unit = Some(Unit {
                            block: node.block,
                            region,
                            text,
                        });
                    }
                }
            }
        }
        self.label(i, t);
    }

    /// Records the parent of text node `i` as an ad label when the text is one and is all the
    /// parent's text.
    fn label(&mut self, i: usize, t: &str) {
        let t = t.trim();
        if t.is_empty() || t.len() > 16 {
            return;
        }
        let Some(label) = self
            .doc
            .cues
            .ad_labels
            .iter()
            .find(|l| l.eq_ignore_ascii_case(t))
        else {
            return;
        };
        let Some(p) = self.doc.nodes[i].parent else {
            return;
        };
        let sole = (p + 1..self.doc.nodes[p].end).all(|j| match self.doc.nodes[j].kind {
            Kind::Text(o) => j == i || o.trim().is_empty(),
            Kind::El(_) => false,
        });
        if sole
            && LABEL_TAGS.contains(&self.doc.tag(p))
            && self.labels.last().is_none_or(|&(q, _)| q != p)
        {
            self.labels.push((p, label.clone()));
        }
    }

    fn flush(&mut self) {
        let Some(u) = self.unit.take() else { return };
        self.facts.truncated |= u.text.cut;
        let mut text = u.text.out;
        if text.is_empty() {
            return;
        }
        if self.facts.units.len() >= MAX_UNITS {
            self.facts.truncated = true;
            self.units_full = true;
            return;
        }
        let room = MAX_UNIT_BYTES - self.unit_bytes;
        if text.len() > room {
            text.truncate(cut(&text, room).len());
            self.facts.truncated = true;
        }
        self.unit_bytes += text.len();
        if self.unit_bytes >= MAX_UNIT_BYTES {
            self.units_full = true;
        }
        if !text.is_empty() {
            self.facts.units.push(TextUnit {
                text,
                region: u.region,
            });
        }
    }

    fn link(&mut self, i: usize, el: &Element, s: &St) {
        let Some(url) = el.attr("href").and_then(|h| self.doc.resolve(h)) else {
            return;
        };
        let mut text = Buf::new(MAX_LINK_CHARS);
        if el.name() == "a" {
            let end = self.doc.nodes[i].end.min(i + MAX_LINK_NODES);
            for j in i + 1..end {
                let n = &self.doc.nodes[j];
                if let Kind::Text(t) = n.kind
                    && n.flags & SKIP == 0
                {
                    text.push(n.block, t);
                }
            }
            if text.out.is_empty()
                && let Some(alt) = (i + 1..end)
                    .filter(|&j| self.doc.tag(j) == "img")
                    .find_map(|j| self.doc.attr(j, "alt"))
            {
                text.push(0, alt);
            }
        } else if let Some(alt) = el.attr("alt") {
            text.push(0, alt);
        }
        if text.out.is_empty()
            && let Some(title) = el.attr("title")
        {
            text.push(0, title);
        }
        let fact = LinkFact {
            url: url.into(),
            text: text.out,
            hidden: s.how(),
        };
        if s.group != 0 {
            self.group_link(s.group as usize - 1, fact.clone());
        }
        self.push_link(fact);
    }

    fn push_link(&mut self, fact: LinkFact) {
        if self.facts.links.len() < MAX_LINKS {
            self.facts.links.push(fact);
        } else {
            self.facts.truncated = true;
        }
    }

    fn group_link(&mut self, g: usize, fact: LinkFact) {
        if self.group_links < MAX_LINKS {
            self.group_links += 1;
            self.groups[g].links.push(fact);
        } else {
            self.facts.truncated = true;
        }
    }

    fn frame(&mut self, src: String, hidden: Option<Hiding>) {
        if self.facts.frames.len() < MAX_FRAMES {
            self.facts.frames.push(FrameFact { src, hidden });
        } else {
            self.facts.truncated = true;
        }
    }

    /// Adds a group read from a body that is not in the tree (`<noscript>`, `document.write`)
    /// with its links, which also go to the page's links.
    fn reread_group(&mut self, how: Hiding, hint: &str, text: &str, links: Vec<LinkFact>) {
        let mut buf = Buf::new(MAX_GROUP_CHARS);
        buf.push(0, text);
        self.groups.push(Group {
            how,
            hint: hint.to_owned(),
            text: buf,
            links: Vec::new(),
        });
        let g = self.groups.len() - 1;
        for link in links {
            self.group_link(g, link.clone());
            self.push_link(link);
        }
    }

    /// Reads `html` (a `<noscript>` body or `document.write` output) for its links, scripts
    /// and frames, each marked `how`.
    fn reread(&self, html: &str, how: Hiding) -> Reread {
        let page = parse_page(html, &self.doc.base);
        let mut out = Reread {
            text: page.text,
            ..Reread::default()
        };
        for link in page.links {
            let Some(url) = link
                .url
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .map(String::from)
            else {
                continue;
            };
            match (link.element.as_str(), link.attribute.as_str()) {
                ("a" | "area", "href") => out.links.push(LinkFact {
                    url,
                    text: link.text,
                    hidden: Some(how),
                }),
                ("script", "src") => out.scripts.push(url),
                ("iframe" | "frame", "src") => out.frames.push(url),
                _ => {}
            }
        }
        out
    }

    fn script(&mut self, i: usize, el: &Element) {
        if self.facts.scripts.len() >= MAX_SCRIPTS {
            self.facts.truncated = true;
            return;
        }
        let mut fact = ScriptFact {
            src: el
                .attr("src")
                .and_then(|s| self.doc.resolve(s))
                .map(String::from),
            redirect: None,
            writes: Vec::new(),
        };
        let mut written_scripts = Vec::new();
        if el.attr("src").is_none() && el.attr("type").is_none_or(is_js) {
            let code = own_text(self.doc, i, MAX_SCRIPT_BYTES + 1);
            if code.len() > MAX_SCRIPT_BYTES {
                self.facts.truncated = true;
            }
            let code = cut(&code, MAX_SCRIPT_BYTES);
            fact.redirect = js::redirects(code).into_iter().find_map(|j| {
                let target = self.doc.resolve(&j.target)?;
                Some(Redirect {
                    target: target.into(),
                    conditional: j.conditional,
                    code: j.code,
                })
            });
            let html = js::written(code);
            if html.contains('<') {
                let found = self.reread(&html, Hiding::DocumentWrite);
                for src in found.frames {
                    self.frame(src, Some(Hiding::DocumentWrite));
                }
                written_scripts = found.scripts;
                if !found.links.is_empty() {
                    fact.writes = found.links.clone();
                    self.reread_group(Hiding::DocumentWrite, "script", &found.text, found.links);
                }
            }
        }
        self.facts.scripts.push(fact);
        for src in written_scripts {
            if self.facts.scripts.len() >= MAX_SCRIPTS {
                self.facts.truncated = true;
                break;
            }
            self.facts.scripts.push(ScriptFact {
                src: Some(src),
                redirect: None,
                writes: Vec::new(),
            });
        }
    }

    fn noscript(&mut self, i: usize) {
        let body = own_text(self.doc, i, MAX_SCRIPT_BYTES + 1);
        if body.len() > MAX_SCRIPT_BYTES {
            self.facts.truncated = true;
        }
        let body = cut(&body, MAX_SCRIPT_BYTES);
        // Only a body that may hold a link is read again (`<a`, `<area`); an image, a pixel
        // or 请开启JavaScript is not recorded.
        if !body
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'<' && w[1].eq_ignore_ascii_case(&b'a'))
        {
            return;
        }
        let found = self.reread(body, Hiding::Noscript);
        if !found.links.is_empty() {
            self.reread_group(Hiding::Noscript, "noscript", &found.text, found.links);
        }
    }

    fn finish(mut self) -> ContentFacts {
        self.flush();
        for g in std::mem::take(&mut self.groups) {
            if g.links.is_empty() && g.text.chars < MIN_GROUP_CHARS {
                continue;
            }
            if self.facts.hidden.len() >= MAX_GROUPS {
                self.facts.truncated = true;
                break;
            }
            self.facts.truncated |= g.text.cut;
            self.facts.hidden.push(HiddenGroup {
                how: g.how,
                hint: g.hint,
                text: g.text.out,
                links: g.links,
            });
        }
        self.ad_slots();
        self.facts
    }

    /// The block of each ad label: the label element, its parent or its grandparent, the
    /// first that holds a target and is small.
    fn ad_slots(&mut self) {
        let doc = self.doc;
        let mut seen = HashSet::new();
        for (e, label) in std::mem::take(&mut self.labels) {
            let candidates = std::iter::once(e).chain(doc.ancestors(e, 2));
            for b in candidates {
                if doc.nodes[b].end - b > MAX_AD_NODES {
                    break;
                }
                let targets = targets(doc, b);
                if targets.is_empty() {
                    continue;
                }
                if seen.insert(b) {
                    if self.facts.ad_slots.len() >= MAX_AD_SLOTS {
                        self.facts.truncated = true;
                        return;
                    }
                    self.facts.ad_slots.push(AdSlot {
                        label: label.clone(),
                        hint: doc.el(b).map(hint).unwrap_or_default(),
                        targets,
                    });
                }
                break;
            }
        }
    }
}

/// The links, scripts, frames and images in the subtree of `b`, absolute, deduplicated.
fn targets(doc: &Doc<'_>, b: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for j in b..doc.nodes[b].end {
        let attr = match doc.tag(j) {
            "a" | "area" => "href",
            "script" | "iframe" | "frame" | "img" | "embed" => "src",
            _ => continue,
        };
        if let Some(u) = doc.attr(j, attr).and_then(|v| doc.resolve(v)) {
            let u = String::from(u);
            if !out.contains(&u) {
                out.push(u);
                if out.len() >= MAX_AD_TARGETS {
                    break;
                }
            }
        }
    }
    out
}

/// A `<script type>` that browsers run as JavaScript.
fn is_js(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    t.is_empty() || t.contains("javascript") || t.contains("ecmascript") || t == "module"
}

/// Links, scripts and frames of a body read again.
#[derive(Default)]
struct Reread {
    text: String,
    links: Vec<LinkFact>,
    scripts: Vec<String>,
    frames: Vec<String>,
}
