//! The content checks' I/O: what the fetch tasks read beyond the crawl (attachments, outside
//! pages, the spider's view of a sample of pages) and how hits are kept in the store until
//! the site is judged. The judgements themselves are `xunwang_checks::Scanner`'s.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;
use xunwang_checks::{ContentRules, Hit, PageInput, Scanner, external_hit};
use xunwang_extract::{Cues, DocKind, DocLimits, document_text, parse_page, read_page_with};
use xunwang_fetch::{Fetched, Fetcher, SPIDER_USER_AGENT};

/// One stored record of what the content checks found on a fetched URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub(crate) enum Stored {
    /// A problem.
    Hit(Hit),
    /// A script loaded from an outside host that is neither an ad network nor ordinary.
    ScriptHost {
        /// The host.
        host: String,
    },
    /// An attachment that could not be read for personal data.
    Unread {
        /// The reason, in Chinese.
        reason: String,
    },
}

impl Stored {
    pub(crate) fn json(&self) -> String {
        // Plain data: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the fetch tasks share for the content checks.
#[derive(Clone)]
pub(crate) struct ContentCtx {
    pub lexicon: Arc<xunwang_checks::Lexicon>,
    pub rules: Arc<ContentRules>,
    /// The site's own host names, lowercase.
    pub site_hosts: Arc<Vec<String>>,
    /// Outside pages still to be read for 外链变异 in this run.
    pub external_left: Arc<AtomicUsize>,
    /// First-level pages still to be compared with what a spider is served.
    pub cloaking_left: Arc<AtomicUsize>,
    /// Attachments parsed at once (one per core): parsing is CPU work off the async threads,
    /// and each parse holds the whole document.
    pub parsing: Arc<tokio::sync::Semaphore>,
}

/// Resource extensions: a link to one of these is not a page whose content can be judged.
const RESOURCE_EXTENSIONS: &[&str] = &[
    "js", "css", "png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "ico", "mp4", "mp3", "flv",
    "swf", "avi", "wmv", "zip", "rar", "7z", "gz", "exe", "apk", "pdf", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "wps", "et", "txt", "xml", "json", "woff", "woff2", "ttf", "eot",
];

impl ContentCtx {
    /// Whether an outside target should be read (GET) rather than checked (HEAD): it looks
    /// like a page, is not a government host, and the run's budget is not spent.
    pub(crate) fn wants_external(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        if self.rules.is_government(host) {
            return false;
        }
        let last = url.path().rsplit('/').next().unwrap_or("");
        if let Some((_, ext)) = last.rsplit_once('.')
            && RESOURCE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        {
            return false;
        }
        self.external_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }

    /// The document kind of an attachment on the site, when the URL names one.
    pub(crate) fn attachment_kind(url: &Url) -> Option<DocKind> {
        DocKind::from_path(url.path()).filter(|k| {
            matches!(
                k,
                DocKind::Pdf | DocKind::Docx | DocKind::Xlsx | DocKind::Xls | DocKind::Doc
            )
        })
    }

    /// Hits of an outside page that now serves gambling or porn (外链变异).
    pub(crate) fn external(&self, target: &Url, fetched: &Fetched) -> Vec<String> {
        let Some(resp) = &fetched.response else {
            return Vec::new();
        };
        if !(200..300).contains(&resp.status) || !resp.is_html() {
            return Vec::new();
        }
        let decoded = resp.decode();
        let facts = parse_page(&decoded.text, &fetched.final_url);
        let title = facts.title.unwrap_or_default();
        let mut scanner = Scanner::new(&self.lexicon, &self.rules);
        match scanner.external(&title, &facts.text) {
            Some(v) => vec![Stored::Hit(external_hit(target.as_str(), &v, &title)).json()],
            None => Vec::new(),
        }
    }

    /// Hits of an attachment: its text read off the async threads, bounded in bytes and time.
    pub(crate) async fn attachment(
        &self,
        url: &Url,
        hint: DocKind,
        fetched: &Fetched,
    ) -> Vec<String> {
        let Some(resp) = &fetched.response else {
            return Vec::new();
        };
        // An HTML answer at an attachment's URL is a not-found page or a portal's viewer, not
        // the document: the link checks judge it (soft-404), there is nothing to read here.
        if !(200..300).contains(&resp.status) || resp.is_html() {
            return Vec::new();
        }
        let unread = |reason: String| vec![Stored::Unread { reason }.json()];
        if resp.truncated {
            return unread(format!(
                "附件 {url} 超过 {} 字节，未读取",
                self.rules.attachment_max_bytes
            ));
        }
        let Ok(_permit) = self.parsing.acquire().await else {
            return Vec::new();
        };
        let body = resp.body.clone();
        let limits = DocLimits {
            max_bytes: self.rules.attachment_max_bytes,
            ..DocLimits::default()
        };
        let job = tokio::task::spawn_blocking(move || document_text(&body, Some(hint), &limits));
        let secs = Duration::from_secs(self.rules.attachment_seconds.max(1));
        let text = match tokio::time::timeout(secs, job).await {
            Ok(Ok(Ok(t))) => t,
            Ok(Ok(Err(e))) => return unread(format!("附件 {url} 无法读取：{e}")),
            Ok(Err(e)) => return unread(format!("附件 {url} 读取失败：{e}")),
            // The blocking thread runs on and its result is dropped; the limits above bound it.
            Err(_) => {
                return unread(format!(
                    "附件 {url} 在 {} 秒内未能读完，未检查",
                    secs.as_secs()
                ));
            }
        };
        let mut scanner = Scanner::new(&self.lexicon, &self.rules);
        let mut out: Vec<String> = scanner
            .document(&text.text, url.as_str())
            .into_iter()
            .map(|h| Stored::Hit(h).json())
            .collect();
        if text.truncated {
            out.extend(unread(format!("附件 {url} 过大，只检查了前一部分")));
        }
        out
    }

    /// Hits of one page's content, and the outside script hosts worth a note.
    pub(crate) fn page(
        &self,
        content: &xunwang_extract::ContentFacts,
        url: &Url,
        published: Option<chrono::NaiveDate>,
    ) -> Vec<String> {
        let mut scanner = Scanner::new(&self.lexicon, &self.rules);
        let scan = scanner.page(
            content,
            &PageInput {
                url,
                site_hosts: &self.site_hosts,
                published,
            },
        );
        scan.hits
            .into_iter()
            .map(Stored::Hit)
            .chain(
                scan.unknown_script_hosts
                    .into_iter()
                    .map(|host| Stored::ScriptHost { host }),
            )
            .map(|s| s.json())
            .collect()
    }
}

impl ContentCtx {
    /// Whether the page at `depth` is compared with what a spider is served: the home page
    /// always, first-level pages while the run's sample lasts.
    pub(crate) fn wants_spider(&self, depth: u32) -> bool {
        match depth {
            0 => true,
            1 => self
                .cloaking_left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_ok(),
            _ => false,
        }
    }

    /// Fetches `url` as Baiduspider and compares it with `browser`, what the crawl was served.
    pub(crate) async fn spider(
        &self,
        fetcher: &Fetcher,
        url: &Url,
        browser: &xunwang_extract::ContentFacts,
        cues: &Cues,
        today: chrono::NaiveDate,
    ) -> Vec<String> {
        let f = fetcher.get_with(url, Some(SPIDER_USER_AGENT), None).await;
        let Some(spider) = read(&f, cues, today) else {
            return Vec::new();
        };
        let mut scanner = Scanner::new(&self.lexicon, &self.rules);
        let page = PageInput {
            url,
            site_hosts: &self.site_hosts,
            published: None,
        };
        scanner
            .cloaking(browser, &spider, &page)
            .map(|h| Stored::Hit(h).json())
            .into_iter()
            .collect()
    }
}

fn read(
    f: &Fetched,
    cues: &Cues,
    today: chrono::NaiveDate,
) -> Option<xunwang_extract::ContentFacts> {
    let resp = f.response.as_ref()?;
    if !(200..300).contains(&resp.status) || !resp.is_html() {
        return None;
    }
    let decoded = resp.decode();
    Some(read_page_with(&decoded.text, &f.final_url, today, cues).content)
}
