//! The fetcher: redirects followed by hand and recorded, retries with backoff, robots.txt,
//! verdicts.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use rand::Rng as _;
use tokio::time::Instant;
use url::Url;
use xunwang_core::{Hop, LinkVerdict, Reason};

use crate::attempt::{Answer, Ask, Failure, Method, host_key, origin_key};
use crate::config::{FetchConfig, FetchError};
use crate::decode::{Decoded, decode, sniff_html};
use crate::dns::{Dns, SharedResolver};
use crate::polite::Politeness;
use crate::robots::{RobotsCache, RobotsEntry};
use crate::stats::{Counters, FetchStats, bump};
use crate::waf::detect_waf;

/// Body read at most by a check's GET fallback.
const CHECK_MAX_BODY: usize = 64 * 1024;
/// The range a check's GET fallback asks for.
const CHECK_RANGE: &str = "bytes=0-1023";
/// robots.txt read at most (Google reads 500 KiB).
const ROBOTS_MAX_BODY: usize = 512 * 1024;

/// Conditional-GET validators from an earlier answer.
#[derive(Clone, Debug, Default)]
pub struct Validators {
    /// The `ETag` seen, sent as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` seen, sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// The outcome of a `get` or `check`: always a value, never an error.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The URL as requested.
    pub url: Url,
    /// The URL after redirects (`url` when there were none).
    pub final_url: Url,
    /// Every redirect hop, in order.
    pub redirects: Vec<Hop>,
    /// The HTTP-level verdict (soft-404 is the crawler's call).
    pub verdict: LinkVerdict,
    /// The last answer, when one arrived.
    pub response: Option<Response>,
    /// Attempts made for the last request (1 when the first try was final).
    pub attempts: u32,
    /// Wall time spent, politeness waits included.
    pub elapsed: Duration,
}

/// An HTTP answer with its (bounded, decompressed) body.
#[derive(Clone, Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Raw `Content-Type` value.
    pub content_type: Option<String>,
    /// `Content-Length` as sent (absent when the body was compressed).
    pub content_length: Option<u64>,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// The body, at most the configured limit (empty for HEAD).
    pub body: Bytes,
    /// The body was cut at the limit.
    pub truncated: bool,
    /// A 304 answer to a conditional GET.
    pub not_modified: bool,
}

impl Response {
    /// Whether this is an HTML page: `text/html` or `application/xhtml+xml`, or a missing or
    /// meaningless type and a body that sniffs as HTML.
    pub fn is_html(&self) -> bool {
        let mime = self.content_type.as_deref().map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        match mime.as_deref() {
            Some("text/html" | "application/xhtml+xml") => true,
            None
            | Some(
                "" | "application/octet-stream" | "*/*" | "unknown/unknown" | "application/unknown",
            ) => sniff_html(&self.body),
            Some(_) => false,
        }
    }

    /// The body as text (see [`decode`]).
    pub fn decode(&self) -> Decoded {
        decode(&self.body, self.content_type.as_deref())
    }
}

pub(crate) struct Inner {
    pub(crate) config: FetchConfig,
    pub(crate) client: reqwest::Client,
    pub(crate) dns: Arc<Dns>,
    pub(crate) polite: Politeness,
    pub(crate) robots: RobotsCache,
    pub(crate) counters: Counters,
}

/// The HTTP client. Cheap to clone; clones share limits, caches and counters.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// Builds a fetcher; fails only on an unusable configuration.
    pub fn new(config: FetchConfig) -> Result<Fetcher, FetchError> {
        config.validate()?;
        let dns = Arc::new(Dns::new(&config.resolve, config.resolve_only));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.clone())
            .dns_resolver(SharedResolver(dns.clone()))
            .pool_max_idle_per_host(config.per_host_concurrency)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()?;
        let polite = Politeness::new(
            config.per_host_concurrency,
            config.per_ip_concurrency,
            config.min_interval,
        );
        Ok(Fetcher {
            inner: Arc::new(Inner {
                config,
                client,
                dns,
                polite,
                robots: RobotsCache::default(),
                counters: Counters::default(),
            }),
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// Counters so far.
    pub fn stats(&self) -> FetchStats {
        self.inner.counters.snapshot()
    }

    /// GETs a page: body read up to `max_body_bytes`, redirects followed and recorded,
    /// retries, politeness, robots.txt. With validators, a 304 is `not_modified`.
    pub async fn get(&self, url: &Url, validators: Option<&Validators>) -> Fetched {
        let ask = Ask {
            method: Method::Get,
            range: None,
            validators,
            max_body: self.inner.config.max_body_bytes,
            robots: self.inner.config.respect_robots,
            user_agent: None,
        };
        let f = self.inner.follow(url, ask).await;
        self.inner.counters.outcome(&f.verdict);
        f
    }

    /// GETs like [`Fetcher::get`], with this request's `User-Agent` replaced by `user_agent`
    /// (when given) and its body read up to `max_body` bytes (when given, else the configured
    /// limit). Politeness and robots.txt (for the configured product token) are the same: the
    /// cloaking comparison asks as a search spider, and reads external pages and attachments
    /// with their own limits.
    pub async fn get_with(
        &self,
        url: &Url,
        user_agent: Option<&str>,
        max_body: Option<usize>,
    ) -> Fetched {
        let ask = Ask {
            method: Method::Get,
            range: None,
            validators: None,
            max_body: max_body.unwrap_or(self.inner.config.max_body_bytes),
            robots: self.inner.config.respect_robots,
            user_agent,
        };
        let f = self.inner.follow(url, ask).await;
        self.inner.counters.outcome(&f.verdict);
        f
    }

    /// Checks a non-page target: HEAD, and when HEAD is refused (400, 403, 405, 406, 412,
    /// 500, 501, or a reset) a GET of the first KiB (`Range: bytes=0-1023`, at most 64 KiB
    /// read). A 206 is Ok; so is a 416 (the target exists, it is only empty).
    pub async fn check(&self, url: &Url) -> Fetched {
        let started = Instant::now();
        let robots = self.inner.config.respect_robots;
        let head = Ask {
            method: Method::Head,
            range: None,
            validators: None,
            max_body: 0,
            robots,
            user_agent: None,
        };
        let (mut f, failure) = self.inner.follow_with(url, head).await;
        if head_refused(&f, failure.as_ref()) {
            tracing::debug!(url = %url, verdict = ?f.verdict, "HEAD refused; trying GET with Range");
            let get = Ask {
                method: Method::Get,
                range: Some(CHECK_RANGE),
                validators: None,
                max_body: CHECK_MAX_BODY,
                robots,
                user_agent: None,
            };
            f = self.inner.follow(url, get).await;
        }
        if f.response.as_ref().is_some_and(|r| r.status == 416) && !f.verdict.is_broken() {
            f.verdict = LinkVerdict::Ok;
        }
        f.elapsed = started.elapsed();
        self.inner.counters.outcome(&f.verdict);
        f
    }

    /// Sitemap URLs listed in the host's robots.txt (fetched once per origin).
    pub async fn robots_sitemaps(&self, url: &Url) -> Vec<Url> {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Vec::new();
        };
        self.inner.robots_for(url).await.sitemaps(&robots_url)
    }
}

/// Whether a HEAD outcome is worth confirming with GET: servers that refuse HEAD say so
/// with these statuses, by dropping the connection, or with a malformed answer. 404/410
/// are taken at their word; connect failures and timeouts would only repeat.
fn head_refused(f: &Fetched, failure: Option<&Failure>) -> bool {
    match (&f.response, failure) {
        (_, Some(Failure::Reset | Failure::Other(_))) => true,
        (Some(r), None) => matches!(r.status, 400 | 403 | 405 | 406 | 412 | 500 | 501),
        _ => false,
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn without_fragment(u: &Url) -> Url {
    let mut u = u.clone();
    u.set_fragment(None);
    u
}

impl Inner {
    /// Follows redirects by hand from `url`, one retried request per hop.
    async fn follow(&self, url: &Url, ask: Ask<'_>) -> Fetched {
        self.follow_with(url, ask).await.0
    }

    /// [`Inner::follow`], also returning the failure when no answer arrived.
    async fn follow_with(&self, url: &Url, mut ask: Ask<'_>) -> (Fetched, Option<Failure>) {
        let started = Instant::now();
        let mut current = without_fragment(url);
        let mut redirects: Vec<Hop> = Vec::new();
        let mut visited: HashSet<Url> = HashSet::from([current.clone()]);
        let done = |current: Url,
                    redirects: Vec<Hop>,
                    verdict: LinkVerdict,
                    response: Option<Response>,
                    attempts: u32| {
            let fetched = Fetched {
                url: url.clone(),
                final_url: current,
                redirects,
                verdict,
                response,
                attempts,
                elapsed: started.elapsed(),
            };
            (fetched, None)
        };
        let invalid = |m: String| LinkVerdict::Indeterminate {
            reason: Reason::InvalidUrl(m),
        };
        loop {
            if !matches!(current.scheme(), "http" | "https") {
                let v = invalid(format!("unsupported scheme `{}`", current.scheme()));
                return done(current, redirects, v, None, 0);
            }
            if ask.robots && !self.robots_for(&current).await.allowed(&current) {
                tracing::debug!(url = %current, "robots.txt disallows");
                let v = LinkVerdict::Indeterminate {
                    reason: Reason::RobotsDisallowed,
                };
                return done(current, redirects, v, None, 0);
            }
            let (result, attempts, all_refused) = self.request(&current, &ask).await;
            let answer = match result {
                Ok(a) => a,
                Err(f) => {
                    let v = f.verdict(all_refused);
                    return (done(current, redirects, v, None, attempts).0, Some(f));
                }
            };
            let status = answer.response.status;
            let Some(location) = answer.location.filter(|_| is_redirect(status)) else {
                let verdict = match detect_waf(status, &answer.response.body) {
                    Some(vendor) => {
                        tracing::debug!(url = %current, vendor, "WAF challenge");
                        LinkVerdict::Indeterminate {
                            reason: Reason::WafChallenge,
                        }
                    }
                    None => LinkVerdict::from_status(status),
                };
                return done(current, redirects, verdict, Some(answer.response), attempts);
            };
            redirects.push(Hop {
                url: current.to_string(),
                status,
            });
            let next = match current.join(&location) {
                Ok(u) => without_fragment(&u),
                Err(e) => {
                    let v = invalid(format!("redirect to `{location}`: {e}"));
                    return done(current, redirects, v, Some(answer.response), attempts);
                }
            };
            if redirects.len() > self.config.max_redirects {
                let v = LinkVerdict::Indeterminate {
                    reason: Reason::TooManyRedirects,
                };
                return done(current, redirects, v, Some(answer.response), attempts);
            }
            if !visited.insert(next.clone()) {
                let v = LinkVerdict::Indeterminate {
                    reason: Reason::RedirectLoop,
                };
                return done(next, redirects, v, Some(answer.response), attempts);
            }
            // RFC 9110 §15.4.4: 303 means "GET the other resource"; HEAD stays HEAD on the
            // others, which is what a check wants.
            if status == 303 && ask.method == Method::Head {
                ask.method = Method::Get;
                ask.range = Some(CHECK_RANGE);
                ask.max_body = CHECK_MAX_BODY;
            }
            current = next;
        }
    }

    /// One request with retries: (outcome, attempts, every attempt refused).
    async fn request(&self, url: &Url, ask: &Ask<'_>) -> (Result<Answer, Failure>, u32, bool) {
        let key = host_key(url);
        let mut attempts = 0u32;
        let mut all_refused = true;
        loop {
            attempts += 1;
            if attempts > 1 {
                bump(&self.counters.retries, 1);
            }
            let result = self.attempt(url, ask).await;
            if !matches!(result, Err(Failure::Refused)) {
                all_refused = false;
            }
            // Some(hint) = retry, hint = the server's Retry-After.
            let retry: Option<Option<Duration>> = match &result {
                Ok(a) => match a.response.status {
                    429 | 503 => {
                        self.polite.penalize(&key, a.response.status == 429);
                        Some(a.retry_after)
                    }
                    502 | 504 => Some(None),
                    _ => {
                        self.polite.relax(&key);
                        None
                    }
                },
                Err(f) if f.transient() => Some(None),
                Err(_) => None,
            };
            match retry {
                Some(hint) if attempts <= self.config.retries => {
                    let wait = self.backoff(attempts, hint);
                    tracing::debug!(url = %url, attempts, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                }
                _ => return (result, attempts, all_refused),
            }
        }
    }

    /// Exponential backoff with full jitter, or the server's Retry-After; both capped.
    fn backoff(&self, attempts: u32, retry_after: Option<Duration>) -> Duration {
        let cap = self.config.backoff_max;
        if let Some(ra) = retry_after {
            return ra.min(cap);
        }
        let exp = self
            .config
            .backoff_base
            .saturating_mul(1u32 << (attempts - 1).min(20))
            .min(cap);
        let ms = exp.as_millis() as u64;
        Duration::from_millis(rand::rng().random_range(0..=ms))
    }

    /// The robots.txt of `url`'s origin, fetched on first use.
    pub(crate) async fn robots_for(&self, url: &Url) -> Arc<RobotsEntry> {
        let cell = self.robots.cell(&origin_key(url));
        cell.get_or_init(|| async {
            let entry = self.fetch_robots(url).await;
            if let Some(d) = entry.crawl_delay() {
                self.polite
                    .set_crawl_delay(&host_key(url), d.min(self.config.crawl_delay_cap));
            }
            Arc::new(entry)
        })
        .await
        .clone()
    }

    async fn fetch_robots(&self, url: &Url) -> RobotsEntry {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return RobotsEntry::allow_all(false);
        };
        let ask = Ask {
            method: Method::Get,
            range: None,
            validators: None,
            max_body: ROBOTS_MAX_BODY,
            robots: false,
            user_agent: None,
        };
        // Boxed: `follow` calls `robots_for`, which calls this.
        let f = Box::pin(self.follow(&robots_url, ask)).await;
        match &f.response {
            Some(r) if (200..300).contains(&r.status) => RobotsEntry::parse(&r.body),
            Some(r) if (400..500).contains(&r.status) => RobotsEntry::allow_all(false),
            _ => {
                tracing::info!(url = %robots_url, verdict = ?f.verdict, "robots.txt unreachable; allowing all");
                RobotsEntry::allow_all(true)
            }
        }
    }
}
