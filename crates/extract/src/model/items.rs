//! List items: every `<li>` / `<tr>` with one main link, and every row of a dated group of
//! `div`/`dd`/`p`… rows (see `rows.rs`), its date written beside the link (never in an
//! attribute), grouped by container into headed blocks and the page's main list.

use chrono::NaiveDate;

use super::doc::{CHROME, CRUMB, Doc, HEADER, HIDDEN, NAV, SKIP, hint_parts};
use super::rows::rows;
use super::text::{month_day, month_day_date};
use super::{ItemDateSource, ListBlock, ListItem};
use crate::cues::Cues;
use crate::dates::{find_dates, url_date};

/// Most list items read from one page (a hostile page can have millions).
pub(super) const MAX_ITEMS: usize = 5_000;
/// Characters of an item's own text (outside the link) scanned for a date.
const MAX_REST_CHARS: usize = 400;
/// Shortest title of a list item, in characters.
const MIN_TITLE_CHARS: usize = 4;

/// An item candidate: a `li`/`tr` without nested items, or a row of a dated row group,
/// holding a main link.
pub(super) struct Cand {
    /// The `li`/`tr` or row.
    pub node: usize,
    /// The main `<a>`.
    pub anchor: usize,
    /// The item as read.
    pub item: ListItem,
    /// Its text outside the main link (collapsed, bounded).
    pub rest: String,
}

impl Cand {
    /// The date is written next to the link (not only in the URL).
    pub fn dated(&self) -> bool {
        matches!(
            self.item.date_source,
            Some(ItemDateSource::Text | ItemDateSource::MonthDay)
        )
    }
}

/// A link's text is a "more" link (`更多>>`, `More`, `>>`).
///
/// The text, lowercased, is one of the cues' `more_words`, or is one once the punctuation
/// around it is trimmed, or is at most three characters of punctuation.
pub(super) fn is_more(cues: &Cues, text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let core = t.trim_matches(|c: char| !c.is_alphanumeric());
    cues.more_words.iter().any(|w| *w == t || w == core)
        || (core.is_empty() && !t.is_empty() && t.chars().count() <= 3)
}

/// `holds[i]`: the subtree of `i` (itself excluded) holds a `li` or `tr`.
fn li_holders(doc: &Doc<'_>) -> Vec<bool> {
    let n = doc.nodes.len();
    let mut holds = vec![false; n];
    for j in (0..n).rev() {
        if let Some(p) = doc.nodes[j].parent {
            holds[p] |= holds[j] || matches!(doc.tag(j), "li" | "tr");
        }
    }
    holds
}

/// The item tag is `li` or `tr` (not a row of another tag).
pub(super) fn is_li(doc: &Doc<'_>, node: usize) -> bool {
    matches!(doc.tag(node), "li" | "tr")
}

/// Every item candidate in document order (at most [`MAX_ITEMS`]), whatever its region, and
/// `holds[i]`: the subtree of `i` (itself excluded) holds an item (a `li`, `tr` or row).
///
/// A `li`/`tr` holding rows is not an item (a layout table row around a list of `div`s), just
/// as one holding other `li`/`tr` is not.
pub(super) fn candidates(doc: &Doc<'_>, reference: NaiveDate) -> (Vec<Cand>, Vec<bool>) {
    let mut holds = li_holders(doc);
    let (rows, row_holds) = rows(doc, &holds, reference);
    for (h, r) in holds.iter_mut().zip(row_holds) {
        *h |= r;
    }
    let n = doc.nodes.len();
    let mut lis = Vec::new();
    let mut i = 0;
    while i < n && lis.len() < MAX_ITEMS {
        let node = &doc.nodes[i];
        if node.flags & (SKIP | HIDDEN) != 0 {
            i = node.end;
            continue;
        }
        if is_li(doc, i) && !holds[i] {
            if let Some(c) = candidate(doc, i, reference, false) {
                lis.push(c);
            }
            i = node.end;
            continue;
        }
        i += 1;
    }
    let out = if rows.is_empty() {
        lis
    } else {
        let mut all: Vec<Cand> = lis.into_iter().chain(rows).collect();
        all.sort_by_key(|c| c.node);
        all.truncate(MAX_ITEMS);
        all
    };
    (out, holds)
}

/// Element `i` read as an item: its main link (the longest title that is not a "more" link,
/// at least [`MIN_TITLE_CHARS`]) and the date beside it. With `one_link`, any other link with
/// such a title must go to the same URL (a picture link and a title link to one article).
pub(super) fn candidate(
    doc: &Doc<'_>,
    i: usize,
    reference: NaiveDate,
    one_link: bool,
) -> Option<Cand> {
    let mut best: Option<(usize, String, url::Url)> = None;
    let mut best_len = 0;
    let mut long_urls: Vec<url::Url> = Vec::new();
    for a in doc.descendants_tagged(i, "a").take(16) {
        if doc.nodes[a].flags & (SKIP | HIDDEN) != 0 {
            continue;
        }
        let Some(url) = doc.href(a) else { continue };
        let text = doc.text(a, None, 300);
        if is_more(doc.cues, &text) {
            continue;
        }
        let title = title_of(doc, a, text);
        let len = title.chars().count();
        if one_link && len >= MIN_TITLE_CHARS && !long_urls.contains(&url) {
            long_urls.push(url.clone());
        }
        if len > best_len {
            best_len = len;
            best = Some((a, title, url));
        }
    }
    let (anchor, title, url) = best?;
    if best_len < MIN_TITLE_CHARS || long_urls.len() > 1 {
        return None;
    }
    let rest = doc.text(i, Some(anchor), MAX_REST_CHARS);
    let from_url = url_date(&url);
    let (date, date_source) = if let Some(&(_, d)) = find_dates(&rest).first() {
        (Some(d), Some(ItemDateSource::Text))
    } else if let Some(d) =
        month_day(&rest).and_then(|(m, d)| month_day_date(m, d, from_url, reference))
    {
        (Some(d), Some(ItemDateSource::MonthDay))
    } else if let Some(d) = from_url {
        (Some(d), Some(ItemDateSource::Url))
    } else {
        (None, None)
    };
    Some(Cand {
        node: i,
        anchor,
        item: ListItem {
            title,
            url: url.to_string(),
            date,
            date_source,
        },
        rest,
    })
}

/// A link's title: its text, or its `title` attribute when the text is cut (`…`, `...`) or
/// empty.
fn title_of(doc: &Doc<'_>, a: usize, text: String) -> String {
    let cut = text.is_empty() || text.ends_with('…') || text.ends_with("..") || text.ends_with('⋯');
    if cut && let Some(t) = doc.attr(a, "title") {
        let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.chars().count() >= text.trim_end_matches(['…', '.', '⋯']).chars().count() {
            return t.chars().take(300).collect();
        }
    }
    text
}

/// A group of items sharing a container (or an empty list container).
pub(super) struct Group {
    /// The container (`ul`, `ol`, `table`, or whatever holds the `li`s).
    pub node: usize,
    /// Indices into the candidate list.
    pub items: Vec<usize>,
}

/// What the groups of a page are.
pub(super) struct Lists {
    pub blocks: Vec<ListBlock>,
    /// Containers of the blocks.
    pub block_nodes: Vec<usize>,
    /// Candidate indices of the main list.
    pub main: Vec<usize>,
    /// The main list's container.
    pub main_node: Option<usize>,
}

/// The group key of an item: its parent, with `tbody`/`thead`/`tfoot` folded into the table.
fn group_of(doc: &Doc<'_>, node: usize) -> Option<usize> {
    let p = doc.nodes[node].parent?;
    if matches!(doc.tag(p), "tbody" | "thead" | "tfoot") {
        return doc.nodes[p].parent.or(Some(p));
    }
    Some(p)
}

/// Groups the candidates outside the page chrome, plus empty `ul`/`ol`/`table` containers.
pub(super) fn groups(doc: &Doc<'_>, cands: &[Cand], has_item: &[bool]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        if doc.nodes[c.node].flags & CHROME != 0 {
            continue;
        }
        let Some(g) = group_of(doc, c.node) else {
            continue;
        };
        match groups.iter_mut().rev().find(|x| x.node == g) {
            Some(x) => x.items.push(k),
            None => groups.push(Group {
                node: g,
                items: vec![k],
            }),
        }
    }
    for i in doc.elements() {
        if matches!(doc.tag(i), "ul" | "ol" | "table")
            && doc.nodes[i].flags & CHROME == 0
            && !has_item[i]
        {
            groups.push(Group {
                node: i,
                items: Vec::new(),
            });
        }
        if groups.len() > MAX_ITEMS {
            break;
        }
    }
    groups.sort_by_key(|g| g.node);
    groups
}

/// A block heading found before a group.
struct Heading {
    text: String,
    url: Option<url::Url>,
}

/// Splits groups into blocks (a heading linking to another URL; unlinked headings too when the
/// page has linked blocks) and the main list (the largest remaining group).
pub(super) fn classify(doc: &Doc<'_>, cands: &[Cand], groups: &[Group]) -> Lists {
    let group_nodes: Vec<usize> = groups.iter().map(|g| g.node).collect();
    let item_nodes: Vec<usize> = cands.iter().map(|c| c.node).collect();
    let mut headed: Vec<(usize, Option<Heading>)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        // Rows often sit right after their heading in one container, with no `ul` around
        // them (`<div class="box"><h3>…</h3><div class="item">…`): look before the first row.
        let first_row = g
            .items
            .first()
            .map(|&k| cands[k].node)
            .filter(|&r| !is_li(doc, r));
        headed.push((
            gi,
            heading(doc, g.node, first_row, &group_nodes, &item_nodes),
        ));
    }
    // Home and channel pages show several linked blocks; there an unlinked headed group
    // (专题专栏, 友情链接) is one more block, not the page's list.
    let linked = headed
        .iter()
        .filter(|(_, h)| h.as_ref().is_some_and(|h| h.url.is_some()))
        .count()
        >= 2;
    let mut lists = Lists {
        blocks: Vec::new(),
        block_nodes: Vec::new(),
        main: Vec::new(),
        main_node: None,
    };
    let mut rest: Vec<usize> = Vec::new();
    for (gi, h) in headed {
        let g = &groups[gi];
        match h {
            Some(h) if h.url.is_some() || (linked && !g.items.is_empty()) => {
                lists.block_nodes.push(g.node);
                lists.blocks.push(ListBlock {
                    heading: h.text,
                    url: h.url.map(|u| u.to_string()),
                    items: g.items.iter().map(|&k| cands[k].item.clone()).collect(),
                });
            }
            _ => rest.push(gi),
        }
    }
    if let Some(&gi) = rest
        .iter()
        .filter(|&&gi| !groups[gi].items.is_empty())
        .max_by_key(|&&gi| (groups[gi].items.len(), std::cmp::Reverse(gi)))
    {
        lists.main = groups[gi].items.clone();
        lists.main_node = Some(groups[gi].node);
    }
    lists
}

/// Counts sorted indices inside the subtree of `i`.
fn count_in(doc: &Doc<'_>, sorted: &[usize], i: usize) -> usize {
    let lo = sorted.partition_point(|&x| x < i);
    let hi = sorted.partition_point(|&x| x < doc.nodes[i].end);
    hi - lo
}

/// The heading of the group at `g`: a heading-like previous sibling of the group or of up to
/// two ancestors that hold no other group; for a group of rows (`first_row`), a previous
/// sibling of its first row first.
fn heading(
    doc: &Doc<'_>,
    g: usize,
    first_row: Option<usize>,
    groups: &[usize],
    items: &[usize],
) -> Option<Heading> {
    let (mut level, levels) = match first_row {
        Some(r) => (r, 4),
        None => (g, 3),
    };
    let mut more: Option<url::Url> = None;
    for _ in 0..levels {
        let mut s = doc.nodes[level].prev;
        for _ in 0..3 {
            let Some(x) = s else { break };
            if count_in(doc, groups, x) > 0 || count_in(doc, items, x) > 0 {
                break;
            }
            if doc.nodes[x].flags & (SKIP | CRUMB) != 0 {
                s = doc.nodes[x].prev;
                continue;
            }
            if doc.tag(x) == "a"
                && is_more(doc.cues, &doc.text(x, None, 20))
                && let Some(u) = doc.href(x)
            {
                more.get_or_insert(u);
            } else if let Some(mut h) = heading_at(doc, x) {
                if h.url.is_none() {
                    h.url = more.filter(|u| !doc.is_self(u));
                }
                return Some(h);
            }
            s = doc.nodes[x].prev;
        }
        let p = doc.nodes[level].parent?;
        if count_in(doc, groups, p) > 1
            || doc.nodes[p].flags & (HEADER | NAV) != 0
            || matches!(doc.tag(p), "body" | "html")
        {
            break;
        }
        level = p;
    }
    None
}

/// `x` (or a heading inside a small `x`) read as a block heading.
fn heading_at(doc: &Doc<'_>, x: usize) -> Option<Heading> {
    let is_heading = |i: usize| {
        matches!(doc.tag(i), "h1" | "h2" | "h3" | "h4" | "h5")
            || hint_parts(&doc.nodes[i].hint)
                .any(|p| p.starts_with("tit") || p == "hd" || p.contains("head") || p == "bt")
    };
    let h = if is_heading(x) {
        x
    } else if doc.nodes[x].end - x <= 200 {
        (x + 1..doc.nodes[x].end).find(|&i| matches!(doc.tag(i), "h2" | "h3" | "h4" | "h5"))?
    } else {
        return None;
    };
    if doc.nodes[h].end - h > 200 {
        return None;
    }
    let mut link: Option<(String, url::Url)> = None;
    let mut more: Option<url::Url> = None;
    for a in doc.descendants_tagged(h, "a").take(8) {
        let text = doc.text(a, None, 60);
        let Some(u) = doc.href(a) else { continue };
        if is_more(doc.cues, &text) || hint_parts(&doc.nodes[a].hint).any(|p| p == "more") {
            more.get_or_insert(u);
        } else if link.is_none() {
            let text = if text.is_empty() {
                doc.attr(a, "title").unwrap_or_default().trim().to_owned()
            } else {
                text
            };
            link = Some((text, u));
        }
    }
    let text = match &link {
        Some((t, _)) if !t.is_empty() => t.clone(),
        _ => strip_more(&doc.text(h, None, 80)),
    };
    if text.is_empty() || text.chars().count() > 40 {
        return None;
    }
    let url = link
        .map(|(_, u)| u)
        .filter(|u| !doc.is_self(u))
        .or(more.filter(|u| !doc.is_self(u)));
    Some(Heading { text, url })
}

/// A heading text without its "more" words and arrows.
fn strip_more(s: &str) -> String {
    let mut t = s.to_owned();
    for w in ["查看更多", "更多", "MORE", "More", "more"] {
        t = t.replace(w, " ");
    }
    t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '》' | '»' | '+' | '＞' | '|' | '/' | '…')
    })
    .to_owned()
}
