//! Column (栏目) discovery: which pages are list pages of a column, the column's name, level,
//! parent, items and newest dated item.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use xunwang_extract::{Crumb, ItemDateSource, ListItem, PageModel};

use crate::Config;
use crate::index::{SiteIndex, is_detail_crumb};
use crate::keys::page_key;
use crate::site::{Column, ColumnClass, NewestItem};
use crate::text;

/// A column and what the judgements need beyond [`Column`].
#[derive(Clone, Debug)]
pub(crate) struct ColumnInfo {
    /// The column as reported.
    pub column: Column,
    /// Its list key.
    pub key: String,
    /// The list key of its parent column.
    pub parent: Option<String>,
    /// Longest main text among its pages (characters).
    pub text_len: usize,
    /// One of its pages has a list container.
    pub list_container: bool,
    /// One of its pages loads content with scripts (its list may fill in a browser).
    pub script_list: bool,
}

/// One item of a column while collecting.
struct Item {
    title: String,
    url: String,
    date: Option<NaiveDate>,
    source: Option<&'static str>,
    seen_on: String,
}

/// Discovers the columns of a site, sorted by URL.
pub(crate) fn discover(index: &SiteIndex<'_>, config: &Config) -> Vec<ColumnInfo> {
    let pages = index.pages;

    // Nav links and block headings point at columns: target key → the text naming it.
    let mut targets: HashMap<String, String> = HashMap::new();
    // Blocks that list items of a column, by the column's key: (page, block).
    let mut blocks: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        for link in &page.model.nav {
            let k = index.resolve(&link.url);
            if k != index.keys[i] {
                targets
                    .entry(k)
                    .or_insert_with(|| link.text.trim().to_owned());
            }
        }
        for (b, block) in page.model.blocks.iter().enumerate() {
            let Some(url) = &block.url else { continue };
            let k = index.resolve(url);
            blocks.entry(k.clone()).or_default().push((i, b));
            if k != index.keys[i] {
                targets
                    .entry(k)
                    .or_insert_with(|| block.heading.trim().to_owned());
            }
        }
    }

    // Candidate pages grouped by list key; a key is a column when one of its pages qualifies.
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut qualified: BTreeSet<&str> = BTreeSet::new();
    for (i, page) in pages.iter().enumerate() {
        if Some(i) == index.home_pos || index.detail[i] {
            continue;
        }
        let key = index.keys[i].as_str();
        if key == index.home_key {
            continue;
        }
        groups.entry(key).or_default().push(i);
        let m = &page.model;
        let listy = !m.list.is_empty()
            || m.list_container
            || m.placeholder.is_some()
            || !m.board.is_empty();
        if listy
            || crumb_names_itself(index, config, key, &m.breadcrumb)
            || targets.contains_key(key)
        {
            qualified.insert(key);
        }
    }

    let mut columns: Vec<ColumnInfo> = qualified
        .iter()
        .filter_map(|key| {
            let members = groups.get(key)?;
            Some(build(index, config, key, members, &targets, &blocks))
        })
        .collect();

    // Parents are only kept when they are columns themselves.
    let known: BTreeSet<String> = columns.iter().map(|c| c.key.clone()).collect();
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    for c in &mut columns {
        if c.parent.as_ref().is_some_and(|p| !known.contains(p)) {
            c.parent = None;
        }
        if let Some(p) = &c.parent {
            children
                .entry(p.clone())
                .or_default()
                .push(c.column.url.clone());
        }
    }
    for c in &mut columns {
        if let Some(mut kids) = children.remove(&c.key) {
            kids.sort();
            kids.dedup();
            c.column.children = kids;
        }
    }
    columns.sort_by(|a, b| a.column.url.cmp(&b.column.url));
    columns
}

/// The breadcrumb of a page names the page's own column: its last step is linked to the
/// page's own list, or is unlinked text that is not a detail word.
fn crumb_names_itself(index: &SiteIndex<'_>, config: &Config, key: &str, crumbs: &[Crumb]) -> bool {
    let Some(last) = crumbs.last() else {
        return false;
    };
    match &last.url {
        Some(url) => index.resolve(url) == key,
        None => !last.text.trim().is_empty() && !is_detail_crumb(&last.text, config),
    }
}

/// Builds one column from its pages.
fn build(
    index: &SiteIndex<'_>,
    config: &Config,
    key: &str,
    members: &[usize],
    targets: &HashMap<String, String>,
    blocks: &HashMap<String, Vec<(usize, usize)>>,
) -> ColumnInfo {
    let pages = index.pages;
    // The first list page: one whose own URL gives the key, shortest URL first.
    let primary = members
        .iter()
        .copied()
        .min_by(|&a, &b| {
            let own = |i: usize| crate::keys::list_key(&pages[i].url) != key;
            own(a)
                .cmp(&own(b))
                .then(pages[a].url.len().cmp(&pages[b].url.len()))
                .then(pages[a].url.cmp(&pages[b].url))
        })
        .unwrap_or(members[0]);
    let ordered: Vec<usize> = std::iter::once(primary)
        .chain(members.iter().copied().filter(|&i| i != primary))
        .collect();
    let models: Vec<&PageModel> = ordered.iter().map(|&i| &pages[i].model).collect();

    let name = column_name(index, config, key, &ordered, targets);
    let crumbs = models
        .iter()
        .map(|m| m.breadcrumb.as_slice())
        .find(|c| !c.is_empty());
    let (level, parent) = match crumbs {
        Some(c) => crumb_level(index, config, key, c),
        None => (directory_depth(key), None),
    };

    // Items: the column's own lists and board rows, then blocks elsewhere that list it.
    let mut items: Vec<Item> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut placeholder = models.iter().find_map(|m| m.placeholder.clone());
    for &i in &ordered {
        let page = &pages[i];
        for item in &page.model.list {
            add_list_item(
                config,
                &mut items,
                &mut at,
                &mut placeholder,
                item,
                &page.url,
            );
        }
        for row in &page.model.board {
            let item = Item {
                title: row.title.clone(),
                url: row.url.clone(),
                date: row.posted.map(|s| s.date),
                source: row.posted.map(|_| text::SOURCE_LIST),
                seen_on: page.url.clone(),
            };
            add(&mut items, &mut at, item);
        }
    }
    for &(i, b) in blocks.get(key).into_iter().flatten() {
        let page = &pages[i];
        if let Some(block) = page.model.blocks.get(b) {
            for item in &block.items {
                add_list_item(
                    config,
                    &mut items,
                    &mut at,
                    &mut placeholder,
                    item,
                    &page.url,
                );
            }
        }
    }

    let mut newest: Option<NewestItem> = None;
    let mut dated = 0u32;
    for item in &items {
        let date = match item.date {
            Some(d) => Some((d, item.source.unwrap_or(text::SOURCE_LIST))),
            None => index
                .published
                .get(&page_key(&item.url))
                .map(|&d| (d, text::SOURCE_ARTICLE)),
        };
        let Some((date, source)) = date else { continue };
        dated += 1;
        if NewestItem::beats(date, &item.url, newest.as_ref()) {
            newest = Some(NewestItem {
                title: item.title.clone(),
                url: item.url.clone(),
                date,
                source: source.to_owned(),
                seen_on: item.seen_on.clone(),
            });
        }
    }

    let class = config.classify(&name);
    ColumnInfo {
        column: Column {
            name,
            url: pages[primary].url.clone(),
            class,
            level,
            items: count(items.len()),
            dated_items: dated,
            list_pages: count(members.len()),
            newest,
            children: Vec::new(),
            placeholder,
        },
        key: key.to_owned(),
        parent,
        text_len: models.iter().map(|m| m.main_text_len).max().unwrap_or(0),
        list_container: models.iter().any(|m| m.list_container),
        script_list: models.iter().any(|m| m.script_list),
    }
}

/// Adds a list item, unless its title is a placeholder (`暂无信息` written as an item).
fn add_list_item(
    config: &Config,
    items: &mut Vec<Item>,
    at: &mut HashMap<String, usize>,
    placeholder: &mut Option<String>,
    item: &ListItem,
    seen_on: &str,
) {
    if config
        .columns
        .placeholders
        .iter()
        .any(|p| !p.is_empty() && item.title.contains(p.as_str()))
    {
        placeholder.get_or_insert_with(|| item.title.trim().to_owned());
        return;
    }
    let source = item.date.map(|_| item_source(item));
    let item = Item {
        title: item.title.trim().to_owned(),
        url: item.url.clone(),
        date: item.date,
        source,
        seen_on: seen_on.to_owned(),
    };
    add(items, at, item);
}

/// Where a list item's date was read, as the report names it.
pub(crate) fn item_source(item: &ListItem) -> &'static str {
    match item.date_source {
        Some(ItemDateSource::MonthDay) => text::SOURCE_MONTH_DAY,
        Some(ItemDateSource::Url) => text::SOURCE_URL,
        Some(ItemDateSource::Text) | None => text::SOURCE_LIST,
    }
}

/// Adds an item, deduplicated by URL; a dated copy wins over an undated one, the later date
/// over an earlier one.
fn add(items: &mut Vec<Item>, at: &mut HashMap<String, usize>, item: Item) {
    let key = page_key(&item.url);
    match at.get(&key) {
        Some(&i) => {
            let old = &mut items[i];
            if item.date > old.date {
                old.date = item.date;
                old.source = item.source;
                old.seen_on = item.seen_on;
            }
        }
        None => {
            at.insert(key, items.len());
            items.push(item);
        }
    }
}

/// The column's name: `model.column`, the last breadcrumb step, the nav text or block
/// heading naming it, the page heading or title, else the URL.
fn column_name(
    index: &SiteIndex<'_>,
    config: &Config,
    key: &str,
    ordered: &[usize],
    targets: &HashMap<String, String>,
) -> String {
    let pages = index.pages;
    let non_empty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    ordered
        .iter()
        .find_map(|&i| non_empty(&pages[i].model.column))
        .or_else(|| {
            ordered.iter().find_map(|&i| {
                let last = pages[i].model.breadcrumb.last()?;
                let t = last.text.trim();
                (!t.is_empty() && !is_detail_crumb(t, config)).then(|| t.to_owned())
            })
        })
        .or_else(|| targets.get(key).filter(|t| !t.is_empty()).cloned())
        .or_else(|| {
            ordered
                .iter()
                .find_map(|&i| non_empty(&pages[i].model.heading))
        })
        .or_else(|| ordered.iter().find_map(|&i| non_empty(&pages[i].title)))
        .unwrap_or_else(|| {
            ordered
                .first()
                .map(|&i| pages[i].url.clone())
                .unwrap_or_default()
        })
}

/// Level and parent from a breadcrumb: the number of steps after the home step that lead to
/// this column (`首页 > 新闻动态 > 工作动态` → 2), and the previous step's list key.
fn crumb_level(
    index: &SiteIndex<'_>,
    config: &Config,
    key: &str,
    crumbs: &[Crumb],
) -> (u8, Option<String>) {
    let mut steps = crumbs;
    while let Some((last, rest)) = steps.split_last() {
        if is_detail_crumb(&last.text, config) {
            steps = rest;
        } else {
            break;
        }
    }
    if steps.is_empty() {
        return (directory_depth(key), None);
    }
    let home_first = is_home_crumb(index, &steps[0]);
    let own = steps
        .iter()
        .rposition(|c| c.url.as_deref().is_some_and(|u| index.resolve(u) == key))
        .unwrap_or_else(|| match steps.last().and_then(|c| c.url.as_ref()) {
            // The breadcrumb stops at the parent: this column is one step below.
            Some(_) => steps.len(),
            None => steps.len() - 1,
        });
    let offset = usize::from(!home_first);
    let level = (own + offset).max(1);
    let parent = own
        .checked_sub(1)
        .filter(|&p| !(p == 0 && home_first))
        .and_then(|p| steps.get(p))
        .and_then(|c| c.url.as_deref())
        .map(|u| index.resolve(u))
        .filter(|p| p != key);
    (u8::try_from(level).unwrap_or(u8::MAX), parent)
}

/// A breadcrumb step for the home page: it links to the home page or says 首页.
fn is_home_crumb(index: &SiteIndex<'_>, crumb: &Crumb) -> bool {
    let t = crumb.text.trim();
    crumb
        .url
        .as_deref()
        .is_some_and(|u| crate::keys::list_key(u) == index.home_key)
        || t.contains("首页")
        || t.contains("主页")
        || t.eq_ignore_ascii_case("home")
}

/// Level from the URL when there is no breadcrumb: directories below the root (at least 1).
fn directory_depth(key: &str) -> u8 {
    let path = key.split('?').next().unwrap_or_default();
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let depth = dir.split('/').filter(|s| !s.is_empty()).count().max(1);
    u8::try_from(depth).unwrap_or(u8::MAX)
}

/// A count as `u32`, saturating.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether a class is judged on freshness at all.
pub(crate) fn judged_on_freshness(class: ColumnClass, level: u8) -> bool {
    match class {
        ColumnClass::News | ColumnClass::Periodic => true,
        ColumnClass::Notice | ColumnClass::Policy => level == 1,
        ColumnClass::Static | ColumnClass::Interaction | ColumnClass::Other => false,
    }
}
