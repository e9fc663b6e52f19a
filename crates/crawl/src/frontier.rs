//! The crawl frontier: dedup at enqueue, per-host queues, traps, depth and page caps.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

use url::Url;

use crate::normalize::normalize;
use crate::scope::Scope;

/// Default cap on pages accepted per site.
pub const DEFAULT_MAX_PAGES: usize = 100_000;
/// Deepest page accepted, in link hops from the seeds. Generous on purpose: a column of 5,000
/// items paginated 20 to a page with next/previous links is 250 hops deep, and traps are caught
/// by the query and repeated-segment rules and the page cap, not by depth.
pub const DEFAULT_MAX_DEPTH: u32 = 1000;
/// Default number of distinct query strings per path and query-key set before it is a trap.
pub const DEFAULT_MAX_QUERY_VARIANTS: usize = 100;
/// Default longest URL accepted as a page, in bytes of the normalised URL.
pub const DEFAULT_MAX_URL_LEN: usize = 2048;
/// Default number of times one path segment may occur before the path is a trap.
pub const DEFAULT_MAX_REPEATED_SEGMENT: usize = 3;

/// What the engine does with an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A page of the site: fetched, parsed, and its links offered back.
    Page,
    /// A target checked once and never crawled: external links, attachments, images, scripts.
    Check,
}

/// A URL in the frontier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The normalised URL.
    pub url: Url,
    /// Link depth from the seeds (seeds are 0).
    pub depth: u32,
    /// Page or check.
    pub kind: EntryKind,
}

/// Limits of one crawl. `Default` gives the `DEFAULT_*` constants.
#[derive(Clone, Debug)]
pub struct FrontierConfig {
    /// Most pages accepted (checks are not counted). Default [`DEFAULT_MAX_PAGES`].
    pub max_pages: usize,
    /// Deepest page accepted. Default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: u32,
    /// Distinct query strings per path and query-key set before further ones are a trap.
    /// Default [`DEFAULT_MAX_QUERY_VARIANTS`].
    pub max_query_variants: usize,
    /// Longest page URL accepted, in bytes. Default [`DEFAULT_MAX_URL_LEN`].
    pub max_url_len: usize,
    /// A page whose path has one segment this many times is a trap (`/a/b/a/b/a/`).
    /// Default [`DEFAULT_MAX_REPEATED_SEGMENT`].
    pub max_repeated_segment: usize,
}

impl Default for FrontierConfig {
    fn default() -> Self {
        FrontierConfig {
            max_pages: DEFAULT_MAX_PAGES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_query_variants: DEFAULT_MAX_QUERY_VARIANTS,
            max_url_len: DEFAULT_MAX_URL_LEN,
            max_repeated_segment: DEFAULT_MAX_REPEATED_SEGMENT,
        }
    }
}

/// The answer to [`Frontier::offer`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Accepted and queued; the engine records it.
    New(Entry),
    /// Already accepted earlier (as a page or a check).
    Seen,
    /// Refused.
    Skipped(Skip),
}

/// Why a URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Not http or https.
    Scheme,
    /// A crawler trap; the template names it, e.g. `/ztzl/hdrl/index.html?month`
    /// (path and sorted query keys) or `/a/b/a/b/a` (a repeated path segment).
    Trap(String),
    /// The page URL is longer than [`FrontierConfig::max_url_len`].
    UrlTooLong,
    /// The page is deeper than [`FrontierConfig::max_depth`].
    DepthLimit,
    /// [`FrontierConfig::max_pages`] pages were already accepted.
    PageLimit,
}

/// Where a URL the frontier knows stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// In a host queue, not popped yet.
    Queued,
    /// Popped (or restored as done).
    Done,
    /// Refused as a trap; the index into `Frontier::traps`.
    Refused(usize),
}

#[derive(Clone, Copy, Debug)]
struct Known {
    kind: EntryKind,
    state: State,
}

#[derive(Debug, Default)]
struct HostQueue {
    pages: VecDeque<Entry>,
    checks: VecDeque<Entry>,
    in_ring: bool,
}

impl HostQueue {
    fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.checks.is_empty()
    }
}

/// Distinct query strings seen for one path and query-key set.
#[derive(Debug, Default)]
struct QueryBucket {
    /// 64-bit hashes of the query strings: at most `max_query_variants` per bucket, so a
    /// collision (≈ n²/2⁶⁵ for n ≤ 100) is negligible, and it only admits one URL fewer.
    variants: HashSet<u64>,
}

/// The crawl frontier of one site.
///
/// - **Dedup at enqueue** on the normalised URL, across pages and checks. A URL first queued
///   as a [`EntryKind::Check`] and later offered as a page is *upgraded* to a page if it has
///   not been popped yet (the offer answers `New` with the page entry; the queued check is
///   dropped). Once popped it stays what it was (`Seen`).
/// - **Order**: one FIFO queue per host (breadth-first within a host), hosts served
///   round-robin so one slow host never starves the rest. Within a host, pages come before
///   checks, which keeps discovery going.
/// - **Limits** apply to pages only: depth, page count, URL length, traps. Checks are only
///   scheme-filtered and deduped.
///
/// Memory: each known URL is stored once as a string key (plus the queued `Entry` until it is
/// popped); a URL refused as a trap is remembered so it is counted once.
///
/// ```
/// use url::Url;
/// use xunwang_crawl::{EntryKind, Frontier, FrontierConfig, Offer, Scope};
/// let home = Url::parse("http://www.x.gov.cn/").unwrap();
/// let mut f = Frontier::new(Scope::new(&home, &[]), FrontierConfig::default());
/// assert!(matches!(f.offer(&home, 0, true), Offer::New(_)));
/// assert_eq!(f.offer(&Url::parse("http://WWW.x.gov.cn/#top").unwrap(), 1, true), Offer::Seen);
/// let first = f.pop().unwrap();
/// assert_eq!(first.kind, EntryKind::Page);
/// assert!(f.pop().is_none());
/// ```
#[derive(Debug)]
pub struct Frontier {
    scope: Scope,
    config: FrontierConfig,
    known: HashMap<Box<str>, Known>,
    hosts: HashMap<Box<str>, usize>,
    queues: Vec<HostQueue>,
    /// Hosts with something queued, in serving order.
    ring: VecDeque<usize>,
    query_buckets: HashMap<Box<str>, QueryBucket>,
    /// Trap templates with the number of unique URLs refused.
    traps: Vec<(String, usize)>,
    trap_index: HashMap<String, usize>,
    pending: usize,
    seen: usize,
    pages: usize,
}

impl Frontier {
    /// An empty frontier for `scope`.
    pub fn new(scope: Scope, config: FrontierConfig) -> Frontier {
        Frontier {
            scope,
            config,
            known: HashMap::new(),
            hosts: HashMap::new(),
            queues: Vec::new(),
            ring: VecDeque::new(),
            query_buckets: HashMap::new(),
            traps: Vec::new(),
            trap_index: HashMap::new(),
            pending: 0,
            seen: 0,
            pages: 0,
        }
    }

    /// The site's scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The limits in force.
    pub fn config(&self) -> &FrontierConfig {
        &self.config
    }

    /// Offer a discovered URL (resolved against its page, not yet normalised).
    ///
    /// `navigational` means it came from a/area/iframe/frame/meta refresh/sitemap/seed. The
    /// kind is [`EntryKind::Page`] when the URL is in scope, navigational, and its path does
    /// not end in a known non-HTML extension ([`is_non_html_path`]); otherwise
    /// [`EntryKind::Check`].
    ///
    /// Pages are refused past the depth limit, the page limit, the URL length limit, and as
    /// traps (a path segment repeated, or too many query variants of one path and key set).
    pub fn offer(&mut self, url: &Url, depth: u32, navigational: bool) -> Offer {
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Offer::Skipped(Skip::Scheme);
        }
        let url = normalize(url);
        let kind = self.kind_of(&url, navigational);

        if let Some(known) = self.known.get(url.as_str()).copied() {
            return match (known.state, known.kind, kind) {
                (State::Refused(trap), _, _) => {
                    Offer::Skipped(Skip::Trap(self.traps[trap].0.clone()))
                }
                (State::Queued, EntryKind::Check, EntryKind::Page) => {
                    // Upgrade a queued check to a page when the page limits allow it;
                    // otherwise it stays a check and is still checked once.
                    if self.page_limits(&url, depth).is_err() {
                        return Offer::Seen;
                    }
                    self.count_query_variant(&url);
                    self.pages += 1;
                    if let Some(k) = self.known.get_mut(url.as_str()) {
                        k.kind = EntryKind::Page;
                    }
                    let entry = Entry { url, depth, kind };
                    self.push(entry.clone());
                    // The stale check entry is skipped at pop; the count stays.
                    self.pending -= 1;
                    Offer::New(entry)
                }
                _ => Offer::Seen,
            };
        }

        if kind == EntryKind::Page {
            if let Err(skip) = self.page_limits(&url, depth) {
                if let Skip::Trap(template) = &skip {
                    let trap = self.count_trap(template);
                    self.known.insert(
                        url.as_str().into(),
                        Known {
                            kind,
                            state: State::Refused(trap),
                        },
                    );
                }
                return Offer::Skipped(skip);
            }
            self.count_query_variant(&url);
            self.pages += 1;
        }
        self.known.insert(
            url.as_str().into(),
            Known {
                kind,
                state: State::Queued,
            },
        );
        self.seen += 1;
        let entry = Entry { url, depth, kind };
        self.push(entry.clone());
        Offer::New(entry)
    }

    /// Put back an entry recorded earlier (resume after a crash).
    ///
    /// `done == true` marks it seen only; `done == false` queues it again. It counts toward the
    /// page limit and the query-variant counters like an accepted offer, without checking
    /// scope or limits (it was accepted before). Restoring a URL already known: a queued check
    /// restored as a page is upgraded; a queued entry restored as done is marked done; anything
    /// else is ignored. Trap counts of the earlier run are not restored.
    pub fn restore(&mut self, url: &Url, depth: u32, kind: EntryKind, done: bool) {
        let url = normalize(url);
        let state = if done { State::Done } else { State::Queued };
        let Some(known) = self.known.get(url.as_str()).copied() else {
            self.known
                .insert(url.as_str().into(), Known { kind, state });
            self.seen += 1;
            if kind == EntryKind::Page {
                self.pages += 1;
                self.count_query_variant(&url);
            }
            if !done {
                self.push(Entry { url, depth, kind });
            }
            return;
        };
        if known.state != State::Queued {
            return;
        }
        let upgrade = known.kind == EntryKind::Check && kind == EntryKind::Page;
        if let Some(k) = self.known.get_mut(url.as_str()) {
            if upgrade {
                k.kind = EntryKind::Page;
            }
            if done {
                k.state = State::Done;
            }
        }
        if done {
            self.pending -= 1;
        }
        if upgrade {
            self.pages += 1;
            self.count_query_variant(&url);
            if !done {
                // The queued check becomes stale and is skipped at pop.
                self.push(Entry { url, depth, kind });
                self.pending -= 1;
            }
        }
    }

    /// The next entry to fetch, or `None` when nothing is queued.
    ///
    /// Hosts are served round-robin; within a host, pages first (FIFO), then checks (FIFO).
    pub fn pop(&mut self) -> Option<Entry> {
        loop {
            let host = self.ring.pop_front()?;
            let queue = &mut self.queues[host];
            let entry = queue.pages.pop_front().or_else(|| queue.checks.pop_front());
            if queue.is_empty() {
                queue.in_ring = false;
            } else {
                self.ring.push_back(host);
            }
            let Some(entry) = entry else { continue };
            // Entries made stale by an upgrade or by `restore(done)` are skipped.
            if let Some(known) = self.known.get_mut(entry.url.as_str())
                && known.state == State::Queued
                && known.kind == entry.kind
            {
                known.state = State::Done;
                self.pending -= 1;
                return Some(entry);
            }
        }
    }

    /// Entries queued and not popped yet.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Unique URLs ever accepted (pages and checks; traps not included).
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// Pages accepted (including restored ones).
    pub fn pages_accepted(&self) -> usize {
        self.pages
    }

    /// Trap templates cut, each with the number of unique URLs refused, most refused first.
    pub fn traps(&self) -> Vec<(String, usize)> {
        let mut traps = self.traps.clone();
        traps.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        traps
    }

    fn kind_of(&self, url: &Url, navigational: bool) -> EntryKind {
        if navigational && self.scope.contains(url) && !is_non_html_path(url.path()) {
            EntryKind::Page
        } else {
            EntryKind::Check
        }
    }

    /// The page-only limits, in order; nothing is counted here.
    fn page_limits(&self, url: &Url, depth: u32) -> Result<(), Skip> {
        if depth > self.config.max_depth {
            return Err(Skip::DepthLimit);
        }
        if self.pages >= self.config.max_pages {
            return Err(Skip::PageLimit);
        }
        if url.as_str().len() > self.config.max_url_len {
            return Err(Skip::UrlTooLong);
        }
        if let Some(template) = repeated_segment(url.path(), self.config.max_repeated_segment) {
            return Err(Skip::Trap(template));
        }
        if let Some((template, hash)) = query_template(url)
            && let Some(bucket) = self.query_buckets.get(template.as_str())
            && !bucket.variants.contains(&hash)
            && bucket.variants.len() >= self.config.max_query_variants
        {
            return Err(Skip::Trap(template));
        }
        Ok(())
    }

    fn count_query_variant(&mut self, url: &Url) {
        if let Some((template, hash)) = query_template(url) {
            self.query_buckets
                .entry(template.into_boxed_str())
                .or_default()
                .variants
                .insert(hash);
        }
    }

    fn count_trap(&mut self, template: &str) -> usize {
        let index = match self.trap_index.get(template) {
            Some(&i) => i,
            None => {
                self.traps.push((template.to_owned(), 0));
                self.trap_index
                    .insert(template.to_owned(), self.traps.len() - 1);
                self.traps.len() - 1
            }
        };
        self.traps[index].1 += 1;
        index
    }

    fn push(&mut self, entry: Entry) {
        let host = entry.url.host_str().unwrap_or_default();
        let index = match self.hosts.get(host) {
            Some(&i) => i,
            None => {
                self.queues.push(HostQueue::default());
                self.hosts.insert(host.into(), self.queues.len() - 1);
                self.queues.len() - 1
            }
        };
        let queue = &mut self.queues[index];
        match entry.kind {
            EntryKind::Page => queue.pages.push_back(entry),
            EntryKind::Check => queue.checks.push_back(entry),
        }
        if !queue.in_ring {
            queue.in_ring = true;
            self.ring.push_back(index);
        }
        self.pending += 1;
    }
}

/// Extensions of targets that are never HTML pages: documents, archives, media, code, data.
const NON_HTML_EXTENSIONS: &[&str] = &[
    // documents (WPS/ET/DPS are Kingsoft Office, OFD the Chinese fixed-layout format)
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "ofd", "rtf", "odt",
    "ods", "odp", "ceb", "caj", "txt", "csv", "xml", "json", "rss", "atom",
    // archives and programs
    "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "apk", "ipa", "exe", "msi", "dmg", "iso",
    "bin", // images
    "jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff", "psd",
    // audio and video
    "mp3", "wav", "wma", "aac", "ogg", "mp4", "m4v", "avi", "flv", "wmv", "mov", "mkv", "rm",
    "rmvb", "mpg", "mpeg", "webm", "3gp", "swf", "m3u8", "ts",
    // web resources and fonts
    "css", "js", "map", "woff", "woff2", "ttf", "otf", "eot",
];

/// Whether the last path segment ends in a known non-HTML extension (any case).
pub fn is_non_html_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    // A `;param` (matrix parameter) is not part of the extension.
    let last = last.split(';').next().unwrap_or_default();
    match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => NON_HTML_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext)),
        _ => false,
    }
}

/// The trap template when one non-empty path segment occurs `max` times: the path up to and
/// including its `max`-th occurrence, so deeper variants share one template.
fn repeated_segment(path: &str, max: usize) -> Option<String> {
    if max == 0 {
        return None;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut end = 0;
    for segment in path.split('/') {
        end += segment.len() + 1;
        if segment.is_empty() {
            continue;
        }
        let count = counts.entry(segment).or_default();
        *count += 1;
        if *count >= max {
            return Some(path[..end - 1].to_owned());
        }
    }
    None
}

/// `path?sorted&keys` and a hash of the query string, for a URL with a query.
fn query_template(url: &Url) -> Option<(String, u64)> {
    let query = url.query()?;
    let mut keys: Vec<&str> = query
        .split('&')
        .map(|piece| piece.split('=').next().unwrap_or_default())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let template = format!("{}?{}", url.path(), keys.join("&"));
    let mut hasher = DefaultHasher::new();
    query.hash(&mut hasher);
    Some((template, hasher.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn frontier(config: FrontierConfig) -> Frontier {
        Frontier::new(
            Scope::new(&url("http://www.x.gov.cn/"), &["x.gov.cn".to_owned()]),
            config,
        )
    }

    fn kind(offer: Offer) -> EntryKind {
        match offer {
            Offer::New(entry) => entry.kind,
            other => panic!("expected New, got {other:?}"),
        }
    }

    #[test]
    fn in_scope_navigational_html_links_are_pages() {
        let mut f = frontier(FrontierConfig::default());
        assert_eq!(
            kind(f.offer(&url("http://www.x.gov.cn/a.html"), 1, true)),
            EntryKind::Page
        );
        assert_eq!(
            kind(f.offer(&url("https://x.gov.cn/list.jsp?id=1"), 1, true)),
            EntryKind::Page
        );
        assert_eq!(
            kind(f.offer(&url("http://www.x.gov.cn/zwgk/"), 1, true)),
            EntryKind::Page
        );
    }

    #[test]
    fn attachments_resources_and_external_links_are_checks() {
        let mut f = frontier(FrontierConfig::default());
        for (link, navigational) in [
            ("http://www.x.gov.cn/files/通知.PDF", true),
            ("http://www.x.gov.cn/a.DocX", true),
            ("http://www.x.gov.cn/b.wps", true),
            ("http://www.x.gov.cn/img/logo.png?v=3", true),
            ("http://www.x.gov.cn/c.html", false),
            ("http://fgw.x.gov.cn/", true),
            ("https://www.gov.cn/", true),
        ] {
            assert_eq!(
                kind(f.offer(&url(link), 1, navigational)),
                EntryKind::Check,
                "{link}"
            );
        }
    }

    #[test]
    fn non_html_extensions_are_recognised_only_at_the_end_of_the_path() {
        assert!(is_non_html_path("/a/b.XLS"));
        assert!(is_non_html_path("/a/b.tar.gz"));
        assert!(!is_non_html_path("/a.pdf/index.html"));
        assert!(!is_non_html_path("/a/"));
        assert!(!is_non_html_path("/a/.pdf"));
        assert!(!is_non_html_path("/a/show.aspx"));
    }

    #[test]
    fn other_schemes_are_skipped() {
        let mut f = frontier(FrontierConfig::default());
        for link in [
            "mailto:a@x.gov.cn",
            "javascript:void(0)",
            "ftp://x.gov.cn/a",
            "data:,x",
        ] {
            assert_eq!(
                f.offer(&url(link), 1, true),
                Offer::Skipped(Skip::Scheme),
                "{link}"
            );
        }
        assert_eq!(f.seen(), 0);
    }

    #[test]
    fn a_url_is_accepted_once_whatever_its_spelling() {
        let mut f = frontier(FrontierConfig::default());
        assert!(matches!(
            f.offer(&url("http://www.x.gov.cn/a.html"), 1, true),
            Offer::New(_)
        ));
        for same in [
            "http://WWW.X.GOV.CN:80/a.html#p2",
            "http://www.x.gov.cn/./b/../a.html",
            "http://www.x.gov.cn/%61.html",
            "http://www.x.gov.cn/a.html;jsessionid=1234",
        ] {
            assert_eq!(f.offer(&url(same), 2, true), Offer::Seen, "{same}");
        }
        // dedup is across kinds: the same URL as a resource is seen too
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/a.html"), 1, false),
            Offer::Seen
        );
        assert_eq!(f.seen(), 1);
        assert_eq!(f.pending(), 1);
    }

    #[test]
    fn a_queued_check_offered_as_a_link_is_upgraded_to_a_page() {
        let mut f = frontier(FrontierConfig::default());
        let u = url("http://www.x.gov.cn/canonical.html");
        assert_eq!(kind(f.offer(&u, 1, false)), EntryKind::Check);
        assert_eq!(kind(f.offer(&u, 2, true)), EntryKind::Page);
        assert_eq!(f.pending(), 1);
        assert_eq!(f.seen(), 1);
        assert_eq!(f.pages_accepted(), 1);
        let popped = f.pop().unwrap();
        assert_eq!((popped.kind, popped.depth), (EntryKind::Page, 2));
        assert_eq!(f.pop(), None);
        assert_eq!(f.pending(), 0);
    }

    #[test]
    fn a_popped_check_is_not_upgraded() {
        let mut f = frontier(FrontierConfig::default());
        let u = url("http://www.x.gov.cn/c.html");
        f.offer(&u, 1, false);
        assert_eq!(f.pop().unwrap().kind, EntryKind::Check);
        assert_eq!(f.offer(&u, 1, true), Offer::Seen);
        assert_eq!(f.pop(), None);
    }

    #[test]
    fn pages_deeper_than_the_limit_are_skipped_but_checks_are_not() {
        let mut f = frontier(FrontierConfig {
            max_depth: 2,
            ..FrontierConfig::default()
        });
        assert!(matches!(
            f.offer(&url("http://www.x.gov.cn/2.html"), 2, true),
            Offer::New(_)
        ));
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/3.html"), 3, true),
            Offer::Skipped(Skip::DepthLimit)
        );
        // refused for depth only: reachable later by a shorter path
        assert!(matches!(
            f.offer(&url("http://www.x.gov.cn/3.html"), 1, true),
            Offer::New(_)
        ));
        assert_eq!(
            kind(f.offer(&url("http://www.x.gov.cn/deep.pdf"), 50, true)),
            EntryKind::Check
        );
    }

    #[test]
    fn pages_beyond_the_page_limit_are_skipped_but_checks_are_not() {
        let mut f = frontier(FrontierConfig {
            max_pages: 3,
            ..FrontierConfig::default()
        });
        for i in 0..3 {
            let u = url(&format!("http://www.x.gov.cn/{i}.html"));
            assert!(matches!(f.offer(&u, 1, true), Offer::New(_)));
        }
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/3.html"), 1, true),
            Offer::Skipped(Skip::PageLimit)
        );
        assert_eq!(
            kind(f.offer(&url("https://www.gov.cn/"), 1, true)),
            EntryKind::Check
        );
        assert_eq!(f.pages_accepted(), 3);
        assert_eq!(f.seen(), 4);
    }

    #[test]
    fn overlong_page_urls_are_skipped() {
        let mut f = frontier(FrontierConfig {
            max_url_len: 64,
            ..FrontierConfig::default()
        });
        let long = format!("http://www.x.gov.cn/{}.html", "a".repeat(60));
        assert_eq!(
            f.offer(&url(&long), 1, true),
            Offer::Skipped(Skip::UrlTooLong)
        );
        assert!(matches!(
            f.offer(&url("http://www.x.gov.cn/ok.html"), 1, true),
            Offer::New(_)
        ));
    }

    #[test]
    fn a_calendar_accepts_max_query_variants_then_is_a_trap() {
        let mut f = frontier(FrontierConfig {
            max_query_variants: 10,
            ..FrontierConfig::default()
        });
        // each month page links the next month, forever
        let mut accepted = 0;
        let mut last = None;
        for i in 0..50u32 {
            let (year, month) = (2026 + i / 12, i % 12 + 1);
            let u = url(&format!(
                "http://www.x.gov.cn/ztzl/hdrl/index.html?month={year}-{month:02}"
            ));
            match f.offer(&u, 1 + i % 5, true) {
                Offer::New(_) => accepted += 1,
                other => last = Some(other),
            }
        }
        assert_eq!(accepted, 10);
        let template = "/ztzl/hdrl/index.html?month".to_owned();
        assert_eq!(last, Some(Offer::Skipped(Skip::Trap(template.clone()))));
        assert_eq!(f.traps(), vec![(template.clone(), 40)]);
        // an accepted variant is still just seen; a refused one is refused again, counted once
        assert_eq!(
            f.offer(
                &url("http://www.x.gov.cn/ztzl/hdrl/index.html?month=2026-01"),
                1,
                true
            ),
            Offer::Seen
        );
        assert_eq!(
            f.offer(
                &url("http://www.x.gov.cn/ztzl/hdrl/index.html?month=2029-01"),
                1,
                true
            ),
            Offer::Skipped(Skip::Trap(template.clone()))
        );
        assert_eq!(f.traps(), vec![(template, 40)]);
        // the same path with other keys, and other paths, are not affected
        assert!(matches!(
            f.offer(
                &url("http://www.x.gov.cn/ztzl/hdrl/index.html?day=1"),
                1,
                true
            ),
            Offer::New(_)
        ));
        // an accepted variant on the other scheme is not a new variant
        assert!(matches!(
            f.offer(
                &url("https://www.x.gov.cn/ztzl/hdrl/index.html?month=2026-01"),
                1,
                true
            ),
            Offer::New(_)
        ));
    }

    #[test]
    fn query_key_order_does_not_split_a_template() {
        let mut f = frontier(FrontierConfig {
            max_query_variants: 2,
            ..FrontierConfig::default()
        });
        f.offer(&url("http://www.x.gov.cn/s?a=1&b=1"), 1, true);
        f.offer(&url("http://www.x.gov.cn/s?b=2&a=2"), 1, true);
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/s?a=3&b=3"), 1, true),
            Offer::Skipped(Skip::Trap("/s?a&b".to_owned()))
        );
    }

    #[test]
    fn a_repeated_path_segment_is_a_trap() {
        let mut f = frontier(FrontierConfig::default());
        assert!(matches!(
            f.offer(&url("http://www.x.gov.cn/a/b/a/b/"), 2, true),
            Offer::New(_)
        ));
        let trap = Offer::Skipped(Skip::Trap("/a/b/a/b/a".to_owned()));
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/a/b/a/b/a/b/"), 3, true),
            trap
        );
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/a/b/a/b/a/b/a/b/"), 4, true),
            trap
        );
        assert_eq!(f.traps(), vec![("/a/b/a/b/a".to_owned(), 2)]);
        // an attachment under such a path is only a check, never a trap
        assert_eq!(
            kind(f.offer(&url("http://www.x.gov.cn/a/a/a/x.pdf"), 3, true)),
            EntryKind::Check
        );
    }

    #[test]
    fn hosts_are_served_round_robin_and_each_host_breadth_first() {
        let mut f = frontier(FrontierConfig::default());
        for link in [
            "http://www.x.gov.cn/1.html",
            "http://www.x.gov.cn/2.html",
            "http://www.x.gov.cn/3.html",
            "https://www.gov.cn/a",
            "https://www.gov.cn/b",
            "http://www.beian.gov.cn/",
        ] {
            f.offer(&url(link), 1, true);
        }
        let order: Vec<String> = std::iter::from_fn(|| f.pop())
            .map(|e| e.url.to_string())
            .collect();
        assert_eq!(
            order,
            [
                "http://www.x.gov.cn/1.html",
                "https://www.gov.cn/a",
                "http://www.beian.gov.cn/",
                "http://www.x.gov.cn/2.html",
                "https://www.gov.cn/b",
                "http://www.x.gov.cn/3.html",
            ]
        );
        assert_eq!(f.pending(), 0);
    }

    #[test]
    fn within_a_host_pages_come_before_checks() {
        let mut f = frontier(FrontierConfig::default());
        f.offer(&url("http://www.x.gov.cn/logo.png"), 1, false);
        f.offer(&url("http://www.x.gov.cn/a.html"), 1, true);
        assert_eq!(f.pop().unwrap().kind, EntryKind::Page);
        assert_eq!(f.pop().unwrap().kind, EntryKind::Check);
    }

    #[test]
    fn restored_done_entries_are_not_popped_and_pending_ones_are() {
        let mut f = frontier(FrontierConfig {
            max_pages: 3,
            max_query_variants: 2,
            ..FrontierConfig::default()
        });
        f.restore(&url("http://www.x.gov.cn/"), 0, EntryKind::Page, true);
        f.restore(&url("http://www.x.gov.cn/c?p=1"), 1, EntryKind::Page, true);
        f.restore(&url("http://www.x.gov.cn/c?p=2"), 1, EntryKind::Page, false);
        f.restore(&url("https://www.gov.cn/"), 1, EntryKind::Check, false);
        assert_eq!((f.seen(), f.pending(), f.pages_accepted()), (4, 2, 3));

        // done and pending ones are both known
        assert_eq!(f.offer(&url("http://www.x.gov.cn/"), 1, true), Offer::Seen);
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/c?p=2"), 1, true),
            Offer::Seen
        );
        // restored pages count toward the limits
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/new.html"), 1, true),
            Offer::Skipped(Skip::PageLimit)
        );

        let mut popped: Vec<String> = std::iter::from_fn(|| f.pop())
            .map(|e| e.url.to_string())
            .collect();
        popped.sort();
        assert_eq!(popped, ["http://www.x.gov.cn/c?p=2", "https://www.gov.cn/"]);
    }

    #[test]
    fn restored_query_variants_count_toward_the_trap() {
        let mut f = frontier(FrontierConfig {
            max_query_variants: 2,
            ..FrontierConfig::default()
        });
        f.restore(&url("http://www.x.gov.cn/c?p=1"), 1, EntryKind::Page, true);
        f.restore(&url("http://www.x.gov.cn/c?p=2"), 1, EntryKind::Page, false);
        assert_eq!(
            f.offer(&url("http://www.x.gov.cn/c?p=3"), 1, true),
            Offer::Skipped(Skip::Trap("/c?p".to_owned()))
        );
    }

    #[test]
    fn restoring_a_queued_entry_as_done_removes_it_from_the_queue() {
        let mut f = frontier(FrontierConfig::default());
        let u = url("http://www.x.gov.cn/a.html");
        f.restore(&u, 1, EntryKind::Page, false);
        f.restore(&u, 1, EntryKind::Page, true);
        assert_eq!(f.pending(), 0);
        assert_eq!(f.pop(), None);
        assert_eq!(f.pages_accepted(), 1);
    }
}
