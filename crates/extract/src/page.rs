//! HTML page → [`PageFacts`] with one streaming pass of lol_html (no DOM).
//!
//! How the pass works:
//! - one element handler on `*` records links, meta tags, `<base>`, and keeps our own stack of
//!   open elements; each element that can have content registers an end-tag handler that pops
//!   it (and everything opened after it that is still open, as lol_html does for implied ends);
//! - HTML's implied end tags that lol_html does not model (`<p>` closed by a block, `<li>` by the
//!   next `<li>`, table cells and rows, `<option>`, nested `<a>`) are applied to our stack, so a
//!   hidden `<p>` or `<li>` without its end tag does not hide the rest of the page;
//! - one document text handler counts visible text and collects anchor text, `<title>` and
//!   `<style>` contents;
//! - URLs are resolved after the pass, so the first `<base href>` applies to the whole document,
//!   including links written before it (HTML: the document base URL is the first `base` element
//!   with an `href`, wherever it is).

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element, end_tag};
use url::Url;

use crate::entities::decode;
use crate::syntax::{
    archive_urls, clean_text, css_urls, push_collapsed, refresh_url, srcset_urls, style_hides,
};

/// Longest link text kept, in characters.
pub const MAX_LINK_TEXT_CHARS: usize = 200;
/// Longest title kept, in characters (an unclosed `<title>` swallows the rest of the page).
pub const MAX_TITLE_CHARS: usize = 1024;
/// Bytes of inline script kept for the script-pager scan.
const MAX_SCRIPT_BYTES: usize = 256 * 1024;
/// Most bytes of visible text kept in [`PageFacts::text`] (the length is counted in full).
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// Raw bytes of anchor text, title or `<style>` collected before we stop appending.
const MAX_BUFFER_BYTES: usize = 64 * 1024;
/// Raw bytes of one `<style>` block scanned for `url()`.
const MAX_STYLE_BYTES: usize = 1024 * 1024;
const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Facts parsed from one HTML page (decoded text; the fetcher already decoded the charset).
#[derive(Clone, Debug, Default)]
pub struct PageFacts {
    /// The first `<title>`, entities decoded, whitespace collapsed, at most
    /// [`MAX_TITLE_CHARS`]; `Some("")` for an empty title, `None` when there is none.
    pub title: Option<String>,
    /// The document base URL from the first `<base href>`, resolved against the page URL;
    /// `None` without one (or when it cannot be parsed, or is `data:`/`javascript:`).
    pub base: Option<Url>,
    /// `(name, content)` of every `<meta>` with `name`, `property` or `http-equiv` (that value,
    /// lowercased), content entity-decoded and trimmed, in document order.
    pub meta: Vec<(String, String)>,
    /// Every URL reference, in document order (see [`Link`]).
    pub links: Vec<Link>,
    /// Characters of visible text: text outside `script`/`style`/`title` and outside inline-hidden
    /// elements, entities decoded, whitespace runs counted as one character, trimmed.
    pub text_len: usize,
    /// The visible text itself (same rules as `text_len`, whitespace runs as one space), at
    /// most [`MAX_TEXT_BYTES`] bytes; the rest is counted but not kept.
    pub text: String,
    /// `<meta name=robots>` says `nofollow` or `none` (recorded; the crawler decides).
    pub robots_nofollow: bool,
}

/// One URL reference found in a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The URL as written: the attribute value with entities decoded and whitespace trimmed;
    /// for `srcset`, meta refresh, `archive` and CSS, the URL part only.
    pub raw: String,
    /// `raw` resolved against the document base (or the applet/object `codebase`); `None` when
    /// it cannot be parsed. Scheme-less filtering (`javascript:`, `mailto:`…) is the crawler's job.
    pub url: Option<Url>,
    /// Lowercase tag name of the element that holds the reference (`style` for `<style>` blocks).
    pub element: String,
    /// Attribute that holds it: `href`, `src`, `srcset`, `data`, `action`, `formaction`,
    /// `content` (meta refresh), `poster`, `background`, `archive`, `codebase`, `classid`,
    /// `manifest`, `value` (`<param>`), `style` (inline or block CSS).
    pub attribute: String,
    /// For `<a>`: its text, else the `alt` of an image inside, else its `title`. For other
    /// elements: `alt`, else `title`. Whitespace-collapsed, at most [`MAX_LINK_TEXT_CHARS`].
    pub text: String,
    /// Whether the target is a page to visit or a resource the page loads.
    pub kind: LinkKind,
    /// On or inside an element hidden inline: `style` with `display:none` or
    /// `visibility:hidden` (any case or spacing), or the `hidden` attribute.
    pub hidden: bool,
    /// The element's `rel` contains `nofollow`.
    pub nofollow: bool,
}

/// What a link points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A page a visitor can go to: `a`, `area`, `iframe`, `frame`, meta refresh, form actions,
    /// and `link` with `rel` alternate/canonical/next/prev.
    Navigation,
    /// Something the page loads: `img`, `script`, stylesheets and icons, `source`, `embed`,
    /// `object`, media, CSS `url()`.
    Resource,
}

/// Parses one decoded HTML page. Never fails: whatever cannot be parsed is skipped, and what
/// was found up to a parser error is returned.
///
/// ```
/// use url::Url;
/// let page = Url::parse("https://www.example.gov.cn/news/").unwrap();
/// let facts = xunwang_extract::parse_page(
///     r#"<title> 通知 </title><a href="a.html?x=1&amp;y=2">公告</a>"#,
///     &page,
/// );
/// assert_eq!(facts.title.as_deref(), Some("通知"));
/// assert_eq!(facts.links[0].url.as_ref().unwrap().as_str(), "https://www.example.gov.cn/news/a.html?x=1&y=2");
/// assert_eq!(facts.links[0].text, "公告");
/// ```
pub fn parse_page(html: &str, page_url: &Url) -> PageFacts {
    let state = Rc::new(RefCell::new(Collector::default()));
    {
        let on_element = Rc::clone(&state);
        let on_text = Rc::clone(&state);
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let id = on_element.borrow_mut().start_element(el);
                if let Some(id) = id {
                    let state = Rc::clone(&on_element);
                    // Cannot fail: `start_element` returns an id only when the element can
                    // have content. A failure would only cost us this element's end.
                    let _ = el.on_end_tag(end_tag!(move |_end| {
                        state.borrow_mut().close(id);
                        Ok(())
                    }));
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t: &mut TextChunk| {
                on_text.borrow_mut().text(t.as_str(), t.text_type());
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // Errors (memory limits, parsing ambiguity) end the pass early; we keep what we have.
        if rewriter.write(html.as_bytes()).is_ok() {
            let _ = rewriter.end();
        }
    }
    let collector = std::mem::take(&mut *state.borrow_mut());
    collector.finish(page_url)
}

/// A link before URL resolution.
#[derive(Debug)]
struct RawLink {
    raw: String,
    element: String,
    attribute: &'static str,
    text: String,
    kind: LinkKind,
    hidden: bool,
    nofollow: bool,
    /// `codebase` of an applet/object, the base for its `archive` entries.
    codebase: Option<String>,
}

#[derive(Debug)]
struct Open {
    id: u64,
    tag: String,
    hidden: bool,
}

#[derive(Debug)]
struct Anchor {
    id: u64,
    link: usize,
    text: String,
    img_alt: String,
    title: String,
}

#[derive(Debug)]
struct StyleBlock {
    id: u64,
    css: String,
    hidden: bool,
}

#[derive(Debug, Default)]
struct Collector {
    links: Vec<RawLink>,
    meta: Vec<(String, String)>,
    base: Option<String>,
    robots_nofollow: bool,
    stack: Vec<Open>,
    /// Entries of `stack` that are hidden themselves.
    hidden_open: usize,
    /// Open elements per name in [`COUNTED`], so that implied-end lookups and the SVG check
    /// cost nothing when no such element is open (hostile pages nest thousands deep).
    counts: [usize; COUNTED.len()],
    next_id: u64,
    anchor: Option<Anchor>,
    style: Option<StyleBlock>,
    /// Raw title text while the first `<title>` is open, then kept.
    title: Option<String>,
    title_id: Option<u64>,
    text_len: usize,
    text: String,
    text_pending_space: bool,
    /// Inline script text, scanned for script pagers at the end.
    script: String,
}

/// Element/attribute pairs that hold one plain URL, with their kind.
fn plain_url_attributes(tag: &str) -> &'static [(&'static str, LinkKind)] {
    use LinkKind::{Navigation as N, Resource as R};
    match tag {
        "area" => &[("href", N)],
        "iframe" | "frame" => &[("src", N)],
        "form" => &[("action", N)],
        "button" => &[("formaction", N)],
        "input" => &[("src", R), ("formaction", N)],
        "img" => &[("src", R)],
        "script" | "embed" | "audio" | "track" => &[("src", R)],
        "source" => &[("src", R)],
        "video" => &[("src", R), ("poster", R)],
        "object" => &[("data", R), ("codebase", R), ("classid", R)],
        "html" => &[("manifest", R)],
        _ => &[],
    }
}

/// Link relations that name a page rather than a resource.
const NAVIGATION_RELS: &[&str] = &[
    "alternate",
    "canonical",
    "next",
    "prev",
    "previous",
    "prerender",
];
/// Link relations that are connection hints, not URLs to fetch.
const HINT_RELS: &[&str] = &["dns-prefetch", "preconnect"];

/// Start tags that close an open `<p>` (HTML "in body" insertion mode).
pub(crate) const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "listing",
    "xmp",
    "plaintext",
    "search",
];
/// Element names whose open instances we count.
const COUNTED: [&str; 15] = [
    "p", "li", "dd", "dt", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "a",
    "svg", "math",
];
/// How far down the stack an implied end tag looks for its element.
const MAX_IMPLIED_SCAN: usize = 256;
/// Elements that stop the search for an element to close implicitly.
const SCOPE: &[&str] = &[
    "button", "table", "td", "th", "caption", "html", "marquee", "object", "applet", "template",
];

fn attr(el: &Element<'_, '_>, name: &str) -> Option<String> {
    el.get_attribute(name).map(|v| {
        decode(&v, true)
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .to_string()
    })
}

impl Collector {
    /// Records what `el` contributes; returns the id to close when it can have content.
    fn start_element(&mut self, el: &Element<'_, '_>) -> Option<u64> {
        let tag = el.tag_name();
        let html = el.namespace_uri() == HTML_NS;
        if html {
            self.close_implied(&tag);
        }
        let own_hidden =
            el.has_attribute("hidden") || attr(el, "style").is_some_and(|s| style_hides(&s));
        let hidden = own_hidden || self.hidden_open > 0;
        let nofollow = el.get_attribute("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("nofollow"))
        });
        let id = self.next_id;
        self.next_id += 1;
        let label = || {
            let alt = attr(el, "alt").map(|a| clean_text(&a, MAX_LINK_TEXT_CHARS));
            match alt {
                Some(a) if !a.is_empty() => a,
                _ => attr(el, "title")
                    .map(|t| clean_text(&t, MAX_LINK_TEXT_CHARS))
                    .unwrap_or_default(),
            }
        };
        let mut push = |this: &mut Self,
                        raw: &str,
                        attribute: &'static str,
                        kind: LinkKind,
                        codebase: Option<String>| {
            let raw = raw.trim_matches(|c: char| c.is_ascii_whitespace());
            if raw.is_empty() {
                return;
            }
            this.links.push(RawLink {
                raw: raw.to_string(),
                element: tag.clone(),
                attribute,
                text: label(),
                kind,
                hidden,
                nofollow,
                codebase,
            });
        };

        if html || matches!(tag.as_str(), "a" | "image") {
            match tag.as_str() {
                "a" => {
                    let href = attr(el, "href").or_else(|| attr(el, "xlink:href"));
                    if let Some(href) = href.filter(|h| !h.is_empty()) {
                        push(self, &href, "href", LinkKind::Navigation, None);
                        if let Some(link) = self.links.last_mut() {
                            // Anchor text replaces the label when the anchor closes.
                            let title = std::mem::take(&mut link.text);
                            self.anchor = Some(Anchor {
                                id,
                                link: self.links.len() - 1,
                                text: String::new(),
                                img_alt: String::new(),
                                title,
                            });
                        }
                    }
                }
                "image" if !html => {
                    if let Some(href) = attr(el, "href").or_else(|| attr(el, "xlink:href")) {
                        push(self, &href, "href", LinkKind::Resource, None);
                    }
                }
                "link" => {
                    if let Some(href) = attr(el, "href") {
                        let rel = attr(el, "rel").unwrap_or_default().to_ascii_lowercase();
                        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                        let only_hints =
                            !rels.is_empty() && rels.iter().all(|r| HINT_RELS.contains(r));
                        if !only_hints {
                            let kind = if rels.iter().any(|r| NAVIGATION_RELS.contains(r)) {
                                LinkKind::Navigation
                            } else {
                                LinkKind::Resource
                            };
                            push(self, &href, "href", kind, None);
                        }
                    }
                }
                "meta" => self.meta(el, &mut push),
                "base" if self.base.is_none() => self.base = attr(el, "href"),
                "applet" => {
                    let codebase = attr(el, "codebase").filter(|c| !c.is_empty());
                    if let Some(archive) = attr(el, "archive") {
                        for url in archive_urls(&archive) {
                            push(self, url, "archive", LinkKind::Resource, codebase.clone());
                        }
                    }
                    if let Some(src) = attr(el, "src") {
                        push(self, &src, "src", LinkKind::Resource, codebase.clone());
                    }
                }
                "param" => {
                    let name = attr(el, "name").unwrap_or_default().to_ascii_lowercase();
                    if matches!(name.as_str(), "movie" | "src" | "url" | "filename")
                        && let Some(value) = attr(el, "value")
                    {
                        push(self, &value, "value", LinkKind::Resource, None);
                    }
                }
                // lol_html reports `<svg><title>` in the HTML namespace, so check the stack.
                "title"
                    if self.title_id.is_none()
                        && self.title.is_none()
                        && self.open_count(&["svg", "math"]) == 0 =>
                {
                    self.title = Some(String::new());
                    self.title_id = Some(id);
                }
                "style" => {
                    self.flush_style();
                    self.style = Some(StyleBlock {
                        id,
                        css: String::new(),
                        hidden,
                    });
                }
                "img" => {
                    if let Some(anchor) = self.anchor.as_mut()
                        && anchor.img_alt.is_empty()
                        && let Some(alt) = attr(el, "alt")
                    {
                        anchor.img_alt = clean_text(&alt, MAX_LINK_TEXT_CHARS);
                    }
                }
                _ => {}
            }
            for &(name, kind) in plain_url_attributes(&tag) {
                if let Some(value) = attr(el, name) {
                    push(self, &value, name, kind, None);
                }
            }
            if tag == "object" {
                let codebase = attr(el, "codebase").filter(|c| !c.is_empty());
                if let Some(archive) = attr(el, "archive") {
                    for url in archive_urls(&archive) {
                        push(self, url, "archive", LinkKind::Resource, codebase.clone());
                    }
                }
            }
            if matches!(tag.as_str(), "img" | "source")
                && let Some(srcset) = attr(el, "srcset")
            {
                for url in srcset_urls(&srcset) {
                    push(self, url, "srcset", LinkKind::Resource, None);
                }
            }
            if let Some(background) = attr(el, "background") {
                push(self, &background, "background", LinkKind::Resource, None);
            }
        }
        if let Some(style) = attr(el, "style") {
            for url in css_urls(&style) {
                push(self, &url, "style", LinkKind::Resource, None);
            }
        }

        if !el.can_have_content() {
            return None;
        }
        if let Some(i) = COUNTED.iter().position(|c| *c == tag) {
            self.counts[i] += 1;
        }
        self.stack.push(Open {
            id,
            tag,
            hidden: own_hidden,
        });
        if own_hidden {
            self.hidden_open += 1;
        }
        Some(id)
    }

    fn meta(
        &mut self,
        el: &Element<'_, '_>,
        push: &mut impl FnMut(&mut Self, &str, &'static str, LinkKind, Option<String>),
    ) {
        let key = attr(el, "name")
            .or_else(|| attr(el, "property"))
            .or_else(|| attr(el, "http-equiv"));
        let Some(key) = key.map(|k| k.to_ascii_lowercase()) else {
            return;
        };
        let content = attr(el, "content").unwrap_or_default();
        if key == "refresh"
            && let Some(url) = refresh_url(&content)
        {
            push(self, url, "content", LinkKind::Navigation, None);
        }
        if key == "robots"
            && content
                .split(|c: char| c == ',' || c.is_ascii_whitespace())
                .any(|d| d.eq_ignore_ascii_case("nofollow") || d.eq_ignore_ascii_case("none"))
        {
            self.robots_nofollow = true;
        }
        self.meta.push((key, content));
    }

    /// Applies the end tags HTML implies before a start tag `tag`.
    fn close_implied(&mut self, tag: &str) {
        let (targets, boundaries): (&[&str], &[&str]) = match tag {
            "li" => (&["li"], &["ul", "ol"]),
            "dd" | "dt" => (&["dd", "dt"], &["dl"]),
            "tr" => (&["tr"], &["table", "thead", "tbody", "tfoot"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], &["table"]),
            "option" => (&["option"], &["select", "datalist"]),
            "optgroup" => (&["option", "optgroup"], &["select"]),
            "a" => (&["a"], &[]),
            _ => (&[], &[]),
        };
        if !targets.is_empty() {
            self.close_nearest(targets, boundaries);
        }
        if CLOSES_P.contains(&tag) {
            self.close_nearest(&["p"], &[]);
        }
    }

    /// Closes the innermost open element named in `targets`, unless a scope boundary or one of
    /// `boundaries` is open inside it.
    fn close_nearest(&mut self, targets: &[&str], boundaries: &[&str]) {
        if self.open_count(targets) == 0 {
            return;
        }
        for open in self.stack.iter().rev().take(MAX_IMPLIED_SCAN) {
            let name = open.tag.as_str();
            if targets.contains(&name) {
                let id = open.id;
                self.close(id);
                return;
            }
            if boundaries.contains(&name) || SCOPE.contains(&name) {
                return;
            }
        }
    }

    /// Pops element `id` and everything opened after it; a no-op when it is already closed.
    fn close(&mut self, id: u64) {
        // Ids grow along the stack, so a binary search finds the entry.
        let Ok(pos) = self.stack.binary_search_by_key(&id, |o| o.id) else {
            return;
        };
        let closed: Vec<Open> = self.stack.drain(pos..).collect();
        for open in closed.into_iter().rev() {
            if let Some(i) = COUNTED.iter().position(|c| *c == open.tag) {
                self.counts[i] -= 1;
            }
            if open.hidden {
                self.hidden_open -= 1;
            }
            if self.anchor.as_ref().is_some_and(|a| a.id == open.id) {
                self.finish_anchor();
            }
            if self.title_id == Some(open.id) {
                self.title_id = None;
            }
            if self.style.as_ref().is_some_and(|s| s.id == open.id) {
                self.flush_style();
            }
        }
    }

    /// How many elements named in `names` are open.
    fn open_count(&self, names: &[&str]) -> usize {
        names
            .iter()
            .filter_map(|n| COUNTED.iter().position(|c| c == n))
            .map(|i| self.counts[i])
            .sum()
    }

    fn finish_anchor(&mut self) {
        let Some(anchor) = self.anchor.take() else {
            return;
        };
        let mut text = clean_text(&anchor.text, MAX_LINK_TEXT_CHARS);
        if text.is_empty() {
            text = anchor.img_alt;
        }
        if text.is_empty() {
            text = anchor.title;
        }
        if let Some(link) = self.links.get_mut(anchor.link) {
            link.text = text;
        }
    }

    fn flush_style(&mut self) {
        let Some(style) = self.style.take() else {
            return;
        };
        for url in css_urls(&style.css) {
            self.links.push(RawLink {
                raw: url,
                element: "style".to_string(),
                attribute: "style",
                text: String::new(),
                kind: LinkKind::Resource,
                hidden: style.hidden,
                nofollow: false,
                codebase: None,
            });
        }
    }

    fn text(&mut self, text: &str, kind: TextType) {
        match kind {
            TextType::Data | TextType::CDataSection => {
                if let Some(anchor) = self.anchor.as_mut() {
                    push_bounded(&mut anchor.text, text, MAX_BUFFER_BYTES);
                }
                if self.hidden_open == 0 {
                    self.count_text(text);
                }
            }
            TextType::RCData => {
                if self.title_id.is_some() {
                    if let Some(title) = self.title.as_mut() {
                        push_bounded(title, text, MAX_BUFFER_BYTES);
                    }
                } else if self.hidden_open == 0 {
                    // <textarea> content is shown.
                    self.count_text(text);
                }
            }
            TextType::RawText => {
                if let Some(style) = self.style.as_mut() {
                    push_bounded(&mut style.css, text, MAX_STYLE_BYTES);
                }
            }
            TextType::ScriptData => push_bounded(&mut self.script, text, MAX_SCRIPT_BYTES),
            TextType::PlainText => {}
        }
    }

    fn count_text(&mut self, text: &str) {
        let mut len = self.text_len;
        let mut pending = self.text_pending_space;
        let out = &mut self.text;
        crate::entities::for_each_decoded(text, false, |c| {
            if c.is_whitespace() {
                pending = len > 0;
            } else {
                len += 1 + usize::from(pending);
                if out.len() + 8 <= MAX_TEXT_BYTES {
                    if pending {
                        out.push(' ');
                    }
                    out.push(c);
                }
                pending = false;
            }
        });
        self.text_len = len;
        self.text_pending_space = pending;
    }

    fn finish(mut self, page_url: &Url) -> PageFacts {
        self.finish_anchor();
        self.flush_style();
        for pager in crate::pager::script_pagers(&self.script) {
            for raw in pager.other_pages() {
                self.links.push(RawLink {
                    raw,
                    element: "script".to_owned(),
                    attribute: "createPageHTML",
                    text: String::new(),
                    kind: LinkKind::Navigation,
                    hidden: false,
                    nofollow: false,
                    codebase: None,
                });
            }
        }
        let base = self
            .base
            .as_deref()
            .and_then(|b| page_url.join(b).ok())
            .filter(|u| !matches!(u.scheme(), "data" | "javascript"));
        let doc_base = base.as_ref().unwrap_or(page_url);
        let links = self
            .links
            .into_iter()
            .map(|l| {
                let codebase = l.codebase.as_deref().and_then(|c| doc_base.join(c).ok());
                let url = codebase.as_ref().unwrap_or(doc_base).join(&l.raw).ok();
                Link {
                    raw: l.raw,
                    url,
                    element: l.element,
                    attribute: l.attribute.to_string(),
                    text: l.text,
                    kind: l.kind,
                    hidden: l.hidden,
                    nofollow: l.nofollow,
                }
            })
            .collect();
        let title = self.title.map(|t| {
            let mut out = String::new();
            let mut chars = Vec::new();
            crate::entities::for_each_decoded(&t, false, |c| chars.push(c));
            push_collapsed(&mut out, chars.into_iter(), MAX_TITLE_CHARS);
            out
        });
        PageFacts {
            title,
            base,
            meta: self.meta,
            links,
            text_len: self.text_len,
            text: self.text,
            robots_nofollow: self.robots_nofollow,
        }
    }
}

/// Appends `text` to `buf` unless `buf` already holds `max` bytes.
fn push_bounded(buf: &mut String, text: &str, max: usize) {
    if buf.len() < max {
        buf.push_str(text);
    }
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
