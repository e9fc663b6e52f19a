//! Hiding by embedded style sheets, for the content reader ([`super::suspect`]): which
//! elements the rules of the page's `<style>` blocks hide, and which rules undo that.
//! Declarations are read by [`super::css`].
//!
//! The rules are split by hand (`selectors { declarations }`, `@media screen`/`all` descended
//! into, every other at-rule skipped, garbage tolerated). No well-kept small crate reads CSS at
//! rule level: `cssparser` (already in the tree under scraper's `selectors`) is a tokenizer with
//! rule and declaration traits to implement, about as much code as this splitter for the same
//! result, and `lightningcss` is a whole CSS engine. Selectors are not ours: scraper parses and
//! matches them, and a selector it rejects is skipped.
//!
//! The cascade is approximated, enough to not call a stylesheet's ordinary tricks hidden:
//! - selectors with dynamic pseudo-classes (`:hover`, `:focus`…) or pseudo-elements are never
//!   applied: `#nav li:hover ul {display:block}` shows a submenu on hover only, and
//!   `::before {display:none}` hides generated content, not the element;
//! - for `display`, `visibility` and `font-size` the winner on an element is the declaration
//!   with the highest (`!important`, specificity, source order), and the inline `style` beats
//!   every rule that is not `!important`; so `.tab {display:none} .tab.on {display:block}`
//!   leaves the open tab visible;
//! - `visibility` and `font-size` inherit, so a descendant that declares `visibility:visible`
//!   or a readable `font-size` is visible again (`ul {font-size:0} li {font-size:14px}`, the
//!   inline-block gap trick, hides nothing);
//! - `@media` queries other than plain `screen`/`all` are skipped (a menu hidden on phones is
//!   not hidden on the desktop page we judge).
//!
//! Specificity is counted from the selector text (ids, classes/attributes/pseudo-classes,
//! type names), which is exact for the selectors real pages write.
//!
//! Cost: a page may carry 200 KB of someone else's CSS (a saved page, a framework). A rule is
//! only read further when every compound of one of its selectors names a tag, id or class the
//! page has ([`Present`]); selectors are parsed only when an element carries their key
//! ([`Index`]); showing rules are tested only on elements a hiding rule hid.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use scraper::Selector;

use super::css::{Decl, Decls, find_any};
use super::doc::{Doc, Kind, SKIP};
use super::suspect::Hiding;
use super::text::cut;

/// Most bytes of one `<style>` block read.
const MAX_STYLE_BYTES: usize = 512 * 1024;
/// Most `selectors { declarations }` pairs split from all blocks.
const MAX_RAW_RULES: usize = 20_000;
/// Most selectors parsed and applied.
const MAX_SELECTORS: usize = 2_000;
/// Most selector-against-element tests.
const MAX_TESTS: usize = 300_000;
/// Most elements whose hiding a showing rule may undo (hidden elements and, for inherited
/// hiding, their descendants).
const MAX_AFFECTED: usize = 20_000;
/// Deepest `@media` nesting descended into.
const MAX_NESTING: u8 = 4;
/// Pseudo-classes that depend only on the tree, so a rule using them applies as written.
const STRUCTURAL: &[&str] = &[
    "first-child",
    "last-child",
    "only-child",
    "nth-child",
    "nth-last-child",
    "first-of-type",
    "last-of-type",
    "only-of-type",
    "nth-of-type",
    "nth-last-of-type",
    "not",
    "is",
    "where",
    "root",
    "empty",
    "link",
];

/// The rank of a declaration in the cascade: `!important`, specificity, source order.
type Rank = (bool, [u16; 3], u32);

/// A declaration that took part in the cascade on one element.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    hides: bool,
    rank: Rank,
}

/// What the embedded rules decide for one element.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Styled {
    display: Option<Ranked>,
    visibility: Option<Ranked>,
    font: Option<Ranked>,
    /// Off-screen, zero size or same colour, from a rule.
    pub other: Option<Hiding>,
}

impl Styled {
    /// `display:none` wins on the element, given its inline declaration.
    pub fn display(&self, inline: Option<Decl>) -> Option<bool> {
        cascade(self.display, inline)
    }

    /// `visibility` decided on the element (`Some(true)` hidden, `Some(false)` visible again).
    pub fn visibility(&self, inline: Option<Decl>) -> Option<bool> {
        cascade(self.visibility, inline)
    }

    /// `font-size` decided on the element (`Some(true)` 1px or less).
    pub fn font(&self, inline: Option<Decl>) -> Option<bool> {
        cascade(self.font, inline)
    }

    fn take(&mut self, d: &Decls, spec: [u16; 3], order: u32, only_shows: bool) {
        fn put(
            slot: &mut Option<Ranked>,
            d: Option<Decl>,
            spec: [u16; 3],
            order: u32,
            only_shows: bool,
        ) {
            let Some(d) = d else { return };
            if only_shows && d.hides {
                return;
            }
            let new = Ranked {
                hides: d.hides,
                rank: (d.important, spec, order),
            };
            if slot.is_none_or(|old| new.rank > old.rank) {
                *slot = Some(new);
            }
        }
        put(&mut self.display, d.display, spec, order, only_shows);
        put(&mut self.visibility, d.visibility, spec, order, only_shows);
        put(&mut self.font, d.font, spec, order, only_shows);
        if !only_shows && self.other.is_none() {
            self.other = if d.offscreen {
                Some(Hiding::Offscreen)
            } else if d.zero_size {
                Some(Hiding::ZeroSize)
            } else if d.color.is_some() && d.color == d.background {
                Some(Hiding::SameColour)
            } else {
                None
            };
        }
    }

    fn hides_inherited(&self) -> bool {
        self.visibility.is_some_and(|r| r.hides) || self.font.is_some_and(|r| r.hides)
    }

    fn hides(&self) -> bool {
        self.display.is_some_and(|r| r.hides) || self.hides_inherited() || self.other.is_some()
    }
}

/// The rule's value unless the inline one beats it (inline wins unless only the rule is
/// `!important`).
fn cascade(rule: Option<Ranked>, inline: Option<Decl>) -> Option<bool> {
    match (rule, inline) {
        (Some(r), Some(i)) if r.rank.0 && !i.important => Some(r.hides),
        (_, Some(i)) => Some(i.hides),
        (Some(r), None) => Some(r.hides),
        (None, None) => None,
    }
}

/// The outcome of the embedded style sheets: per element index, what the rules decide.
#[derive(Default)]
pub(super) struct Sheet {
    /// Elements a rule hides or shows, by arena index.
    pub by_node: HashMap<usize, Styled>,
    /// A limit cut the reading of the style sheets.
    pub truncated: bool,
}

/// One selector of a rule that matters for hiding, parsed.
struct Rule<'s> {
    selector: Selector,
    key: Key<'s>,
    spec: [u16; 3],
    order: u32,
    decls: Decls,
}

/// The part of a selector's last compound that an element must carry (matched ASCII
/// case-insensitively): a cheap pre-filter before scraper's matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key<'s> {
    Id(&'s str),
    Class(&'s str),
    Tag(&'s str),
    Any,
}

/// The ids and classes (together: the arena's lowercase hints) and tags the page's elements
/// carry, to skip the rules written for other pages.
struct Present<'d> {
    names: HashSet<&'d str>,
    tags: HashSet<&'d str>,
    /// A Bloom filter over both, so most absent names cost no SipHash (the sets keep SipHash:
    /// the names are the page's, and a hostile page must not be able to make them collide).
    bloom: [u64; 64],
}

impl<'d> Present<'d> {
    fn new(doc: &'d Doc<'_>) -> Present<'d> {
        let mut p = Present {
            names: HashSet::with_capacity(doc.nodes.len() / 4),
            tags: HashSet::with_capacity(64),
            bloom: [0; 64],
        };
        for n in &doc.nodes {
            if let Kind::El(el) = n.kind
                && n.flags & SKIP == 0
            {
                if p.tags.insert(el.name()) {
                    p.mark(el.name());
                }
                for name in n.hint.split_ascii_whitespace() {
                    if p.names.insert(name) {
                        p.mark(name);
                    }
                }
            }
        }
        p
    }

    /// The Bloom filter bit of a (lowercase) name: its length and three of its bytes.
    fn bit(name: &str) -> usize {
        let b = name.as_bytes();
        let (first, mid, last) = match b {
            [] => (0, 0, 0),
            [..] => (b[0], b[b.len() / 2], b[b.len() - 1]),
        };
        (b.len()
            .wrapping_mul(0x9E37)
            .wrapping_add(usize::from(first) * 31)
            .wrapping_add(usize::from(mid) * 131)
            .wrapping_add(usize::from(last) * 1031))
            % 4096
    }

    fn mark(&mut self, name: &str) {
        let bit = Self::bit(name);
        self.bloom[bit / 64] |= 1 << (bit % 64);
    }

    fn may_have(&self, name: &str) -> bool {
        let bit = Self::bit(name);
        self.bloom[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn has(&self, key: &Key<'_>) -> bool {
        let (set, name) = match *key {
            Key::Id(s) | Key::Class(s) => (&self.names, lower(s)),
            Key::Tag(s) => (&self.tags, lower(s)),
            Key::Any => return true,
        };
        self.may_have(&name) && set.contains(&*name)
    }

    /// Every compound but the last of a selector without brackets or parentheses
    /// (`sr-content h1`, `#nav > li.on`) names something on the page: else the selector
    /// matches nothing.
    fn has_all(&self, sel: &str) -> bool {
        if find_any(sel.as_bytes(), 0, *b"([([") < sel.len() {
            return true;
        }
        // The last compound was checked by the caller (`has` of the selector's key).
        let mut compounds = sel
            .split([' ', '\t', '\n', '\r', '>', '+', '~'])
            .filter(|c| !c.is_empty());
        compounds.next_back();
        compounds.all(|c| self.has(&compound_key(c)))
    }
}

/// Elements by the ids, classes and tags some rules ask for (lowercase).
#[derive(Default)]
struct Index {
    ids: HashMap<String, Vec<usize>>,
    classes: HashMap<String, Vec<usize>>,
    tags: HashMap<String, Vec<usize>>,
    any: Option<Vec<usize>>,
}

/// `s` lowercased, borrowed when it already is (the usual case).
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl Index {
    /// An index of `elements` under each key in `wanted`.
    fn new<'k>(
        doc: &Doc<'_>,
        elements: impl Iterator<Item = usize>,
        wanted: impl Iterator<Item = &'k Key<'k>>,
    ) -> Index {
        let mut index = Index::default();
        for k in wanted {
            match *k {
                Key::Id(s) => index.ids.entry(lower(s).into_owned()).or_default(),
                Key::Class(s) => index.classes.entry(lower(s).into_owned()).or_default(),
                Key::Tag(s) => index.tags.entry(lower(s).into_owned()).or_default(),
                Key::Any => index.any.get_or_insert_default(),
            };
        }
        for i in elements {
            let Some(el) = doc.el(i) else { continue };
            if let Some(v) = &mut index.any {
                v.push(i);
            }
            if let Some(v) = index.tags.get_mut(el.name()) {
                v.push(i);
            }
            if index.ids.is_empty() && index.classes.is_empty() {
                continue;
            }
            // One pass over the attributes (`Element::attr` interns the name on every call).
            for (name, value) in el.attrs() {
                if name == "id" {
                    if let Some(v) = index.ids.get_mut(&*lower(value.trim())) {
                        v.push(i);
                    }
                } else if name == "class" {
                    for class in value.split_ascii_whitespace() {
                        if let Some(v) = index.classes.get_mut(&*lower(class)) {
                            v.push(i);
                        }
                    }
                }
            }
        }
        index
    }

    fn get(&self, key: &Key<'_>) -> &[usize] {
        let found = match *key {
            Key::Id(s) => self.ids.get(&*lower(s)),
            Key::Class(s) => self.classes.get(&*lower(s)),
            Key::Tag(s) => self.tags.get(&*lower(s)),
            Key::Any => self.any.as_ref(),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

/// Reads the `<style>` blocks (their text, in document order) and applies their hiding rules,
/// and the rules that may undo them, to the arena.
pub(super) fn apply(doc: &Doc<'_>, blocks: &[Cow<'_, str>]) -> Sheet {
    let mut sheet = Sheet::default();
    // About one rule per 100 bytes of CSS.
    let mut raw = Vec::with_capacity(
        blocks
            .iter()
            .map(|b| b.len() / 100)
            .sum::<usize>()
            .min(MAX_RAW_RULES),
    );
    for block in blocks {
        sheet.truncated |= block.len() > MAX_STYLE_BYTES;
        split(cut(block, MAX_STYLE_BYTES), 0, &mut raw);
    }
    sheet.truncated |= raw.len() >= MAX_RAW_RULES;
    // A rule none of whose selectors' keys any element carries cannot apply: its
    // declarations are not even read (most of a site's style sheet is unused on one page).
    let present = Present::new(doc);
    let mut hiding: Vec<(u32, &str, Decls, Key<'_>)> = Vec::new();
    let mut showing: Vec<(u32, &str, Decls, Key<'_>)> = Vec::new();
    let mut live = Vec::new();
    for (order, (prelude, body)) in raw.iter().enumerate() {
        live.clear();
        live.extend(
            selectors(prelude)
                .filter(|(sel, k)| present.has(k) && present.has_all(sel) && is_static(sel)),
        );
        if live.is_empty() {
            continue;
        }
        let decls = Decls::parse(body);
        let list = if decls.hiding().is_some() {
            &mut hiding
        } else if decls.shows() {
            &mut showing
        } else {
            continue;
        };
        list.extend(live.iter().map(|&(sel, k)| (order as u32, sel, decls, k)));
    }
    if hiding.is_empty() {
        return sheet;
    }
    let mut budget = MAX_SELECTORS;
    let mut tests = 0usize;

    // Hiding rules: every element carrying the rule's key is tested.
    let visible = doc.elements().filter(|&i| doc.nodes[i].flags & SKIP == 0);
    let index = Index::new(doc, visible, hiding.iter().map(|h| &h.3));
    let mut rules = Vec::new();
    for &(order, sel, decls, key) in &hiding {
        if index.get(&key).is_empty() {
            continue;
        }
        if budget == 0 {
            sheet.truncated = true;
            break;
        }
        budget -= 1;
        if let Ok(selector) = Selector::parse(sel) {
            rules.push(Rule {
                selector,
                key,
                spec: specificity(sel),
                order,
                decls,
            });
        }
    }
    for r in &rules {
        for &i in index.get(&r.key) {
            tests += 1;
            if tests > MAX_TESTS {
                sheet.truncated = true;
                break;
            }
            if let Some(e) = doc.nodes[i].elem
                && r.selector.matches(&e)
            {
                sheet
                    .by_node
                    .entry(i)
                    .or_default()
                    .take(&r.decls, r.spec, r.order, false);
            }
        }
    }

    // Showing rules are tested only where they could undo a hiding: on the hidden elements,
    // and below those hidden by an inherited property.
    let mut affected: Vec<usize> = sheet
        .by_node
        .iter()
        .filter(|(_, s)| s.hides())
        .map(|(&i, _)| i)
        .collect();
    affected.sort_unstable();
    let mut below = Vec::new();
    for &i in &affected {
        if sheet.by_node[&i].hides_inherited() {
            below.extend(
                (i + 1..doc.nodes[i].end)
                    .filter(|&j| matches!(doc.nodes[j].kind, Kind::El(_)))
                    .take(MAX_AFFECTED),
            );
        }
        if below.len() >= MAX_AFFECTED {
            sheet.truncated = true;
            break;
        }
    }
    affected.extend(below);
    affected.sort_unstable();
    affected.dedup();
    affected.truncate(MAX_AFFECTED);
    if affected.is_empty() {
        return sheet;
    }
    let index = Index::new(doc, affected.iter().copied(), showing.iter().map(|w| &w.3));
    for (order, sel, decls, key) in &showing {
        let candidates = index.get(key);
        if candidates.is_empty() {
            continue;
        }
        if budget == 0 {
            sheet.truncated = true;
            break;
        }
        budget -= 1;
        let Ok(selector) = Selector::parse(sel) else {
            continue;
        };
        let spec = specificity(sel);
        for &i in candidates {
            tests += 1;
            if tests > MAX_TESTS {
                sheet.truncated = true;
                return sheet;
            }
            if let Some(e) = doc.nodes[i].elem
                && selector.matches(&e)
            {
                sheet
                    .by_node
                    .entry(i)
                    .or_default()
                    .take(decls, spec, *order, true);
            }
        }
    }
    sheet
}

/// The selectors of a rule's prelude (split on top-level commas), trimmed, with the key
/// each needs; empty ones are skipped.
fn selectors(prelude: &str) -> impl Iterator<Item = (&str, Key<'_>)> {
    // Without brackets or parentheses every comma separates selectors and only the last
    // compound needs reading (from the end); else the full scan.
    let plain = find_any(prelude.as_bytes(), 0, *b"([([") >= prelude.len();
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= prelude.len() {
            let (end, key) = if plain {
                let end = prelude[from..]
                    .find(',')
                    .map_or(prelude.len(), |k| from + k);
                (end, last_compound_key(&prelude[from..end]))
            } else {
                scan(prelude, from)
            };
            let sel = prelude[from..end].trim_ascii();
            from = end + 1;
            if !sel.is_empty() {
                return Some((sel, key));
            }
        }
        None
    })
}

/// Splits a style sheet into `(prelude, declarations)` pairs, descending into plain
/// `@media screen`/`all` blocks and skipping every other at-rule.
fn split<'c>(css: &'c str, nesting: u8, out: &mut Vec<(&'c str, &'c str)>) {
    let b = css.as_bytes();
    // `i`: where the next prelude starts; `k`: where the search goes on (past comments).
    let mut i = 0;
    let mut k = 0;
    while out.len() < MAX_RAW_RULES {
        let at = find_any(b, k, *b"{;}/");
        if at >= b.len() {
            return;
        }
        match b[at] {
            b'/' if b.get(at + 1) == Some(&b'*') => {
                k = comment_end(b, at + 2);
                // A comment before a selector is dropped; one inside it stays (the selector
                // parser skips comments).
                if css[i..at].trim_ascii().is_empty() {
                    i = k;
                }
            }
            b'/' => k = at + 1,
            b'{' => {
                let prelude = css[i..at].trim_ascii();
                let close = matching_brace(b, at);
                let body = &css[at + 1..close.min(b.len())];
                i = close + 1;
                k = i;
                if let Some(at_rule) = prelude.strip_prefix('@') {
                    if nesting < MAX_NESTING && plain_media(at_rule) {
                        split(body, nesting + 1, out);
                    }
                } else if !prelude.is_empty() {
                    out.push((prelude, body));
                }
            }
            _ => {
                i = at + 1;
                k = i;
            }
        }
    }
}

/// The index after the `*/` closing a comment whose body starts at `from` (the end of input
/// when unclosed).
fn comment_end(b: &[u8], mut from: usize) -> usize {
    loop {
        let star = find_any(b, from, *b"****");
        if star >= b.len() {
            return b.len();
        }
        if b.get(star + 1) == Some(&b'/') {
            return star + 2;
        }
        from = star + 1;
    }
}

/// The index of the `}` closing the `{` at `open` (the end of input when unclosed); braces in
/// comments do not count.
fn matching_brace(b: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut j = open;
    while j < b.len() {
        j = find_any(b, j, *b"{}/{");
        match b.get(j) {
            Some(b'{') => depth += 1,
            Some(b'}') => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            Some(_) => {
                if b.get(j + 1) == Some(&b'*') {
                    j = comment_end(b, j + 2);
                    continue;
                }
            }
            None => break,
        }
        j += 1;
    }
    b.len()
}

/// `media screen`, `media all`, `media only screen`, `media screen, print`: applies to the
/// page as a desktop browser shows it, whatever its size.
fn plain_media(at_rule: &str) -> bool {
    let Some(query) = at_rule
        .strip_prefix("media")
        .or_else(|| at_rule.strip_prefix("MEDIA"))
    else {
        return false;
    };
    let query = query.trim().to_ascii_lowercase();
    !query.contains('(')
        && query.split(',').any(|q| {
            let q = q.trim().trim_start_matches("only ").trim();
            q == "screen" || q == "all"
        })
}

/// The selector uses no dynamic pseudo-class (`:hover`, `:focus`, `:checked`…) and no
/// pseudo-element: what it selects is hidden whatever the visitor does.
fn is_static(sel: &str) -> bool {
    let mut rest = sel;
    while let Some(at) = rest.find(':') {
        let after = &rest[at + 1..];
        if after.starts_with(':') {
            return false;
        }
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        if !STRUCTURAL.iter().any(|s| s.eq_ignore_ascii_case(name)) {
            return false;
        }
        rest = &after[name_len..];
    }
    true
}

/// The id, class or tag the selector's last compound requires.
#[cfg(test)]
fn key(sel: &str) -> Key<'_> {
    scan(sel, 0).1
}

/// Bytes that may be part of a CSS identifier (ASCII letters, digits, `-`, `_`, and every
/// byte of a non-ASCII character).
const IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c >= 0x80;
        i += 1;
    }
    t
};

/// The key of a selector without brackets or parentheses, read from its last compound.
fn last_compound_key(sel: &str) -> Key<'_> {
    let sel = sel.trim_ascii_end();
    let b = sel.as_bytes();
    let start = b
        .iter()
        .rposition(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'+' | b'~'))
        .map_or(0, |k| k + 1);
    compound_key(&sel[start..])
}

/// The key of one compound without brackets or parentheses (`li.on`, `#nav`, `*`).
fn compound_key(compound: &str) -> Key<'_> {
    let c = compound.as_bytes();
    let ident = |at: usize| -> &str {
        let len = c[at..]
            .iter()
            .take_while(|&&x| IDENT[usize::from(x)])
            .count();
        &compound[at..at + len]
    };
    // One pass: the first `#` decides; else the first `.`.
    let mut class = None;
    for (k, &x) in c.iter().enumerate() {
        if x == b'#' {
            return match ident(k + 1) {
                "" => Key::Any,
                id => Key::Id(id),
            };
        }
        if x == b'.' && class.is_none() {
            class = Some(k + 1);
        }
    }
    if let Some(class) = class.map(ident).filter(|s| !s.is_empty()) {
        Key::Class(class)
    } else if c.first().is_some_and(u8::is_ascii_alphabetic) {
        Key::Tag(ident(0))
    } else {
        Key::Any
    }
}

/// Reads one selector of the list `list` from byte `from` up to the next top-level comma (or
/// the end): returns where it ends and the key of its last compound. One pass: a combinator
/// (whitespace, `>`, `+`, `~`) followed by more selector starts a new compound; the first `#`
/// and `.` of the compound outside brackets are its id and class.
fn scan(list: &str, from: usize) -> (usize, Key<'_>) {
    let b = list.as_bytes();
    let mut depth = 0usize;
    let (mut start, mut id, mut class) = (from, None, None);
    let mut combinator = false;
    let mut j = from;
    while j < b.len() {
        let c = b[j];
        // Most bytes are identifier characters: one table look-up decides.
        if IDENT[usize::from(c)] && !combinator {
            j += 1;
            continue;
        }
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            b',' => break,
            b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'+' | b'~' => combinator = true,
            _ => {
                if combinator {
                    (start, id, class, combinator) = (j, None, None, false);
                }
                match c {
                    b'#' if id.is_none() => id = Some(j + 1),
                    b'.' if class.is_none() => class = Some(j + 1),
                    _ => {}
                }
            }
        }
        j += 1;
    }
    // An identifier: ASCII letters, digits, `-`, `_` and any non-ASCII character (whose bytes
    // are all >= 0x80, so the slice ends on a char boundary).
    let ident = |at: usize| -> &str {
        let len = b[at..j]
            .iter()
            .take_while(|&&c| IDENT[usize::from(c)])
            .count();
        &list[at..at + len]
    };
    let key = if let Some(name) = id.map(ident).filter(|s| !s.is_empty()) {
        Key::Id(name)
    } else if let Some(name) = class.map(ident).filter(|s| !s.is_empty()) {
        Key::Class(name)
    } else if b[..j].get(start).is_some_and(u8::is_ascii_alphabetic) {
        Key::Tag(ident(start))
    } else {
        Key::Any
    };
    (j, key)
}

/// `s` with every `[…]` and `(…)` group removed.
fn strip_groups(s: &str) -> String {
    let mut depth = 0usize;
    s.chars()
        .filter(|&c| {
            match c {
                '(' | '[' => {
                    depth += 1;
                    return false;
                }
                ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// Specificity counted from the selector text: ids; classes, attributes and pseudo-classes;
/// type names.
fn specificity(sel: &str) -> [u16; 3] {
    let outside = strip_groups(sel);
    let mut s = [0u16; 3];
    s[1] += sel.matches('[').count() as u16;
    let mut at_compound_start = true;
    for c in outside.chars() {
        match c {
            '#' => s[0] += 1,
            '.' | ':' => s[1] += 1,
            ' ' | '>' | '+' | '~' => {
                at_compound_start = true;
                continue;
            }
            c if at_compound_start && c.is_ascii_alphabetic() => s[2] += 1,
            _ => {}
        }
        at_compound_start = false;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_splitter_descends_into_plain_media_only_and_tolerates_garbage() {
        let css = "@charset 'utf-8'; /* .x{display:none} */ a{color:red /* } */}
             @media screen { .s{display:none} } @media (max-width:600px){ .m{display:none} }
             @keyframes k { from {opacity:0} } }}} .y{display:none";
        let mut out = Vec::new();
        split(css, 0, &mut out);
        assert_eq!(
            out,
            [
                ("a", "color:red /* } */"),
                (".s", "display:none"),
                (".y", "display:none")
            ]
        );
        assert_eq!(
            Decls::parse("color:red /* ; display:none */").hiding(),
            None
        );
        assert_eq!(
            Decls::parse("/* hide */ display : none /* ! */").hiding(),
            Some(Hiding::DisplayNone)
        );
        let mut out = Vec::new();
        split("/* unclosed", 0, &mut out);
        split(".a{x:y} /", 0, &mut out);
        assert_eq!(out, [(".a", "x:y")]);
    }

    #[test]
    fn dynamic_pseudo_classes_and_pseudo_elements_are_not_static() {
        assert!(is_static("#nav ul"));
        assert!(is_static("li:first-child a"));
        assert!(!is_static("#nav li:hover ul"));
        assert!(!is_static("a:focus"));
        assert!(!is_static("p::before"));
        assert!(!is_static("p:after"));
    }

    #[test]
    fn selector_lists_split_on_top_level_commas_only() {
        let parts: Vec<(&str, Key<'_>)> =
            selectors("a, b[x='1,2'] ,:not(c,d), #nav  li > ul.sub ,").collect();
        assert_eq!(
            parts,
            [
                ("a", Key::Tag("a")),
                ("b[x='1,2']", Key::Tag("b")),
                (":not(c,d)", Key::Any),
                ("#nav  li > ul.sub", Key::Class("sub")),
            ]
        );
        assert_eq!(selectors(" , ").count(), 0);
        let plain: Vec<(&str, Key<'_>)> = selectors("#a .b>li , div.c.d,*, p#e.f ,").collect();
        assert_eq!(
            plain,
            [
                ("#a .b>li", Key::Tag("li")),
                ("div.c.d", Key::Class("c")),
                ("*", Key::Any),
                ("p#e.f", Key::Id("e")),
            ]
        );
        // Both readings agree.
        for sel in ["#a .b>li", "div.c.d", "*", "p#e.f", "ul  li", "a+b~c"] {
            assert_eq!(last_compound_key(sel), scan(sel, 0).1, "{sel}");
        }
    }

    #[test]
    fn keys_and_specificity_from_selector_text() {
        assert_eq!(key("#nav li ul.sub"), Key::Class("sub"));
        assert_eq!(key("div > #Box"), Key::Id("Box"));
        assert_eq!(key("dd"), Key::Tag("dd"));
        assert_eq!(key("a[href$='.pdf']"), Key::Tag("a"));
        assert_eq!(key("[data-x='a b']"), Key::Any);
        assert_eq!(specificity("#nav li ul.sub"), [1, 1, 2]);
        assert_eq!(specificity(".tab.on"), [0, 2, 0]);
        assert_eq!(specificity("a[href]"), [0, 1, 1]);
    }
}
