//! What the monitor asks of the network: probe a home page, fetch a page with conditional GET.
//! [`HttpWeb`] does it with the fetcher; tests substitute their own [`Web`].

use std::future::Future;
use std::time::Duration;

use url::Url;
use xunwang_core::{LinkVerdict, Reason};
use xunwang_fetch::{FetchConfig, Fetched, Fetcher, Validators};
use xunwang_store::ProbeOutcome;

/// The V2 probe limit: a probe fails when the home page has not loaded within 15 s
/// (`spec/indicators.md` V2, "超过(含)15秒网站仍打不开" `[V-copy]`).
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(15);

/// Requests in flight per IP address for probes: one light GET per site every half hour, and
/// 集约化 platforms host hundreds of sites on one address, so the crawl default (6) would queue
/// probes behind each other and time them out for nothing.
pub const PROBE_PER_IP: usize = 32;

/// What one probe saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeResult {
    /// The outcome class.
    pub outcome: ProbeOutcome,
    /// The final HTTP status, when an answer came.
    pub status: Option<u16>,
    /// Time to load (ms).
    pub latency_ms: u32,
    /// Body bytes read.
    pub bytes: u64,
    /// Why it failed.
    pub error: Option<String>,
}

impl ProbeResult {
    /// A successful probe (for test doubles).
    pub fn ok(latency_ms: u32, bytes: u64) -> ProbeResult {
        ProbeResult {
            outcome: ProbeOutcome::Ok,
            status: Some(200),
            latency_ms,
            bytes,
            error: None,
        }
    }

    /// A failed probe (for test doubles).
    pub fn failed(outcome: ProbeOutcome, error: &str) -> ProbeResult {
        ProbeResult {
            outcome,
            status: None,
            latency_ms: 0,
            bytes: 0,
            error: Some(error.to_owned()),
        }
    }
}

/// What one poll fetch saw.
#[derive(Clone, Debug, Default)]
pub struct PageFetch {
    /// The outcome class (`Ok` for a 200 page and for a 304).
    pub outcome: Option<ProbeOutcome>,
    /// HTTP status.
    pub status: Option<u16>,
    /// A 304 to the conditional GET.
    pub not_modified: bool,
    /// The decoded HTML of a 200 HTML answer.
    pub html: Option<String>,
    /// The URL after redirects.
    pub final_url: Option<Url>,
    /// `ETag` of the answer.
    pub etag: Option<String>,
    /// `Last-Modified` of the answer.
    pub last_modified: Option<String>,
}

/// The network, as the monitor uses it.
pub trait Web: Send + Sync + 'static {
    /// Loads the home page once, within the probe limit.
    fn probe(&self, url: &Url) -> impl Future<Output = ProbeResult> + Send;

    /// GETs a page with the validators of the last answer.
    fn fetch(&self, url: &Url, validators: &Validators) -> impl Future<Output = PageFetch> + Send;
}

/// [`Web`] over HTTP: one fetcher for probes (no retries, the probe limit, robots.txt not
/// consulted), one for polls (the crawl defaults).
#[derive(Clone, Debug)]
pub struct HttpWeb {
    probe: Fetcher,
    poll: Fetcher,
    limit: Duration,
}

impl HttpWeb {
    /// Probes with `probe` (see [`probe_config`]) and polls with `poll`.
    pub fn new(probe: Fetcher, poll: Fetcher) -> HttpWeb {
        let limit = probe.config().timeout;
        HttpWeb { probe, poll, limit }
    }
}

/// The fetch configuration of probes derived from the crawl one: one attempt (a failed probe
/// is confirmed by the scheduler's re-probe, and the V2 rule counts accesses, not retried
/// accesses), `timeout` as the whole-load limit (default [`PROBE_TIMEOUT`]), robots.txt not
/// consulted (one GET of the home page per interval is what the indicator prescribes and what
/// a visitor does; fetching robots.txt would double the requests), and per-IP concurrency of at
/// least [`PROBE_PER_IP`].
pub fn probe_config(base: &FetchConfig, timeout: Duration) -> FetchConfig {
    FetchConfig {
        retries: 0,
        timeout,
        respect_robots: false,
        per_ip_concurrency: base.per_ip_concurrency.max(PROBE_PER_IP),
        // A small body limit is enough to know the page loaded; the whole page is read so the
        // byte count means something, up to 2 MiB.
        max_body_bytes: base.max_body_bytes.min(2 << 20),
        ..base.clone()
    }
}

impl Web for HttpWeb {
    async fn probe(&self, url: &Url) -> ProbeResult {
        let limit = self.limit;
        // The fetcher bounds each attempt; this bounds DNS and politeness waits as well, so a
        // probe never outlives the rule's limit by more than the connect timeout.
        let grace = limit + self.probe.config().connect_timeout;
        match tokio::time::timeout(grace, self.probe.get(url, None)).await {
            Ok(f) => classify(&f, limit),
            Err(_) => ProbeResult {
                outcome: ProbeOutcome::Timeout,
                status: None,
                latency_ms: grace.as_millis() as u32,
                bytes: 0,
                error: Some(format!("{} 秒内未打开", limit.as_secs())),
            },
        }
    }

    async fn fetch(&self, url: &Url, validators: &Validators) -> PageFetch {
        let f = self.poll.get(url, Some(validators)).await;
        let r = classify(&f, Duration::MAX);
        let mut out = PageFetch {
            outcome: Some(r.outcome),
            status: r.status,
            final_url: Some(f.final_url.clone()),
            ..PageFetch::default()
        };
        if let Some(resp) = &f.response {
            out.etag = resp.etag.clone();
            out.last_modified = resp.last_modified.clone();
            out.not_modified = resp.not_modified;
            if resp.not_modified {
                out.outcome = Some(ProbeOutcome::Ok);
            } else if r.outcome == ProbeOutcome::Ok && resp.is_html() {
                out.html = Some(resp.decode().text);
            }
        }
        out
    }
}

/// The probe outcome of a fetch: Ok only when a page answered within `limit`; a server that
/// refuses robots (401, 403, 407, 412, 429, a WAF challenge, robots.txt) is Blocked, which
/// the V2 ratio leaves out rather than call the site down for what a person would not see.
pub(crate) fn classify(f: &Fetched, limit: Duration) -> ProbeResult {
    let latency_ms = f.elapsed.as_millis().min(u128::from(u32::MAX)) as u32;
    let status = f.response.as_ref().map(|r| r.status);
    let bytes = f.response.as_ref().map_or(0, |r| r.body.len() as u64);
    let (outcome, error) = match &f.verdict {
        LinkVerdict::Ok if f.elapsed > limit => (
            ProbeOutcome::Timeout,
            Some(format!(
                "{} 毫秒才打开，超过 {} 秒",
                latency_ms,
                limit.as_secs()
            )),
        ),
        LinkVerdict::Ok => (ProbeOutcome::Ok, None),
        LinkVerdict::Broken { reason } | LinkVerdict::Indeterminate { reason } => {
            let outcome = match reason {
                Reason::Status(401 | 403 | 407 | 412 | 429)
                | Reason::WafChallenge
                | Reason::RobotsDisallowed => ProbeOutcome::Blocked,
                Reason::Status(_)
                | Reason::Soft404
                | Reason::RedirectLoop
                | Reason::TooManyRedirects => ProbeOutcome::Http,
                Reason::Timeout => ProbeOutcome::Timeout,
                Reason::DnsNotFound | Reason::DnsFailed => ProbeOutcome::Dns,
                Reason::ConnectionRefused | Reason::ConnectionReset => ProbeOutcome::Connect,
                Reason::Tls(_) => ProbeOutcome::Tls,
                _ => ProbeOutcome::Other,
            };
            (outcome, Some(reason.to_string()))
        }
    };
    ProbeResult {
        outcome,
        status,
        latency_ms,
        bytes,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched(verdict: LinkVerdict, elapsed_ms: u64) -> Fetched {
        let u = Url::parse("http://www.example.gov.cn/").unwrap();
        Fetched {
            url: u.clone(),
            final_url: u,
            redirects: Vec::new(),
            verdict,
            response: None,
            attempts: 1,
            elapsed: Duration::from_millis(elapsed_ms),
        }
    }

    #[test]
    fn outcomes_follow_the_reason_and_the_limit() {
        let ind = |reason| LinkVerdict::Indeterminate { reason };
        let c = |v, ms| classify(&fetched(v, ms), PROBE_TIMEOUT).outcome;
        assert_eq!(c(LinkVerdict::Ok, 300), ProbeOutcome::Ok);
        assert_eq!(c(LinkVerdict::Ok, 15_001), ProbeOutcome::Timeout);
        assert_eq!(c(ind(Reason::Timeout), 15_000), ProbeOutcome::Timeout);
        assert_eq!(c(ind(Reason::Status(503)), 10), ProbeOutcome::Http);
        assert_eq!(c(ind(Reason::Status(403)), 10), ProbeOutcome::Blocked);
        assert_eq!(c(ind(Reason::WafChallenge), 10), ProbeOutcome::Blocked);
        assert_eq!(
            c(
                LinkVerdict::Broken {
                    reason: Reason::DnsNotFound
                },
                10
            ),
            ProbeOutcome::Dns
        );
        assert_eq!(c(ind(Reason::ConnectionReset), 10), ProbeOutcome::Connect);
        assert_eq!(
            c(ind(Reason::Tls("bad cert".into())), 10),
            ProbeOutcome::Tls
        );
        assert!(!ProbeOutcome::Blocked.is_failure() && ProbeOutcome::Http.is_failure());
    }
}
