//! An index over the pages of one site: list keys (with pagination pages merged), the home
//! page, article publication dates.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use chrono::NaiveDate;

use crate::Config;
use crate::keys::{list_key, page_key};
use crate::site::{PageRecord, SiteInput};

/// What every check needs to look pages up.
pub(crate) struct SiteIndex<'a> {
    /// The pages, in input order.
    pub pages: &'a [PageRecord],
    /// The home URL as given.
    pub home_url: &'a str,
    /// The list key of the home URL.
    pub home_key: String,
    /// The home page record, if it was read.
    pub home: Option<&'a PageRecord>,
    /// Index of the home page record in `pages`.
    pub home_pos: Option<usize>,
    /// The resolved list key of each page (see [`SiteIndex::resolve`]).
    pub keys: Vec<String>,
    /// Whether each page is an article or message detail page (never a column).
    pub detail: Vec<bool>,
    /// Publication date of article pages, by page key.
    pub published: HashMap<String, NaiveDate>,
    /// List key → the key that stands for its whole list (pagination pages merged).
    representative: HashMap<String, String>,
}

impl<'a> SiteIndex<'a> {
    /// Indexes `input`.
    pub fn new(input: &SiteInput<'a>, config: &Config) -> SiteIndex<'a> {
        let pages = input.pages;
        let home_key = list_key(input.home);
        let raw: Vec<String> = pages.iter().map(|p| list_key(&p.url)).collect();
        let home_pos = raw.iter().position(|k| *k == home_key);
        let detail: Vec<bool> = pages.iter().map(|p| is_detail_page(p, config)).collect();

        // Pages a list page's pager names are pages of the same list (TRS `index_1.html` is
        // already merged by the key; this catches `?uid=…&pageNum=2` and the like).
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (i, page) in pages.iter().enumerate() {
            if Some(i) == home_pos || detail[i] {
                continue;
            }
            let Some(pager) = &page.model.pagination else {
                continue;
            };
            for other in pager.pages.iter().chain(pager.next.iter()) {
                let k = list_key(other);
                if k != raw[i] && k != home_key {
                    edges.entry(raw[i].clone()).or_default().insert(k.clone());
                    edges.entry(k).or_default().insert(raw[i].clone());
                }
            }
        }
        let representative = components(&edges);
        let resolve = |k: &String| representative.get(k).cloned().unwrap_or_else(|| k.clone());
        let keys = raw.iter().map(resolve).collect();

        let published = pages
            .iter()
            .filter_map(|p| p.published.as_ref().map(|d| (page_key(&p.url), d.date)))
            .chain(input.article_dates.iter().map(|(u, d)| (page_key(u), *d)))
            .collect();
        SiteIndex {
            pages,
            home_url: input.home,
            home_key,
            home: home_pos.and_then(|i| pages.get(i)),
            home_pos,
            keys,
            detail,
            published,
            representative,
        }
    }

    /// The key of the list `url` shows, pagination pages merged into their list.
    pub fn resolve(&self, url: &str) -> String {
        let k = list_key(url);
        self.representative.get(&k).cloned().unwrap_or(k)
    }
}

/// An article page or a message detail page: never a column.
///
/// An article is a page whose breadcrumb ends in a `正文`-like step, or a page with a
/// publication date, except when its breadcrumb's last step links to the page's own list:
/// that is a single-page column (`城市概况` with `更新时间：…` under its text), whose date is an
/// update date, not an article's.
pub(crate) fn is_detail_page(page: &PageRecord, config: &Config) -> bool {
    let last = page.model.breadcrumb.last();
    if page.model.message.is_some() || last.is_some_and(|c| is_detail_crumb(&c.text, config)) {
        return true;
    }
    let names_itself = last
        .and_then(|c| c.url.as_deref())
        .is_some_and(|u| list_key(u) == list_key(&page.url));
    page.published.is_some() && !names_itself
}

/// A breadcrumb step naming a detail page (`正文`, `详情`…).
pub(crate) fn is_detail_crumb(text: &str, config: &Config) -> bool {
    let t = text.trim();
    config.columns.detail_crumbs.iter().any(|d| d == t)
}

/// Connected components of an undirected graph: each node → the component's shortest key.
fn components(edges: &BTreeMap<String, BTreeSet<String>>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for start in edges.keys() {
        if out.contains_key(start) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([start.clone()]);
        while let Some(node) = queue.pop_front() {
            if !seen.insert(node.clone()) {
                continue;
            }
            for next in edges.get(&node).into_iter().flatten() {
                if !seen.contains(next) {
                    queue.push_back(next.clone());
                }
            }
        }
        let rep = seen
            .iter()
            .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
            .cloned()
            .unwrap_or_else(|| start.clone());
        for node in seen {
            out.insert(node, rep.clone());
        }
    }
    out
}
