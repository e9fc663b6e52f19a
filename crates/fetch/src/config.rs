//! Configuration: one typed struct, defaults as `pub const`s the CLI reuses.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// The honest default user agent: names the tool and where to read about it.
pub const DEFAULT_USER_AGENT: &str =
    "Mozilla/5.0 (compatible; xunwang/0.1; +https://example.invalid/xunwang)";
/// A current desktop Chrome user agent, for offices that inspect their own sites behind a WAF.
pub const BROWSER_USER_AGENT: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
/// Baidu's published spider user agent: hijacked sites show spiders what browsers do not
/// see (cloaking), so the content checks fetch a sample of pages with it as well.
pub const SPIDER_USER_AGENT: &str =
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";
/// The product token matched against `User-agent:` lines in robots.txt.
pub const ROBOTS_TOKEN: &str = "xunwang";
/// Default TCP (+TLS) connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default total deadline of one attempt (connect, headers and body): 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on the body bytes read from one answer (after decompression): 5 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 5 << 20;
/// Default number of redirect hops followed: 10.
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Default number of retries after a transient failure: 2 (so at most 3 attempts).
pub const DEFAULT_RETRIES: u32 = 2;
/// Default number of requests in flight per host: 2.
pub const DEFAULT_PER_HOST_CONCURRENCY: usize = 2;
/// Default number of requests in flight per IP address (集约化 platforms share one): 6.
pub const DEFAULT_PER_IP_CONCURRENCY: usize = 6;
/// Default minimum interval between request starts on one host: 10 ms.
pub const DEFAULT_MIN_INTERVAL: Duration = Duration::from_millis(10);
/// Default first backoff step: 500 ms (exponential, full jitter).
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);
/// Default backoff ceiling, which also caps `Retry-After`: 30 s.
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(30);
/// Default cap on how far a robots.txt `Crawl-delay` raises a host's interval: 5 s.
pub const DEFAULT_CRAWL_DELAY_CAP: Duration = Duration::from_secs(5);

/// How the fetcher behaves. Every field's default is the `DEFAULT_*` constant of the same name.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// `User-Agent` header; default [`DEFAULT_USER_AGENT`].
    pub user_agent: String,
    /// Connect timeout; default [`DEFAULT_CONNECT_TIMEOUT`].
    pub connect_timeout: Duration,
    /// Total deadline of one attempt; default [`DEFAULT_TIMEOUT`].
    pub timeout: Duration,
    /// Body bytes read at most; the rest is not read and the response is `truncated`;
    /// default [`DEFAULT_MAX_BODY_BYTES`].
    pub max_body_bytes: usize,
    /// Redirect hops followed at most; default [`DEFAULT_MAX_REDIRECTS`].
    pub max_redirects: usize,
    /// Retries after a transient failure; default [`DEFAULT_RETRIES`].
    pub retries: u32,
    /// First backoff step; default [`DEFAULT_BACKOFF_BASE`].
    pub backoff_base: Duration,
    /// Backoff ceiling, also the cap on `Retry-After`; default [`DEFAULT_BACKOFF_MAX`].
    pub backoff_max: Duration,
    /// Requests in flight per host; default [`DEFAULT_PER_HOST_CONCURRENCY`].
    pub per_host_concurrency: usize,
    /// Requests in flight per IP address; default [`DEFAULT_PER_IP_CONCURRENCY`].
    pub per_ip_concurrency: usize,
    /// Minimum interval between request starts on one host; default [`DEFAULT_MIN_INTERVAL`].
    pub min_interval: Duration,
    /// Honour robots.txt; default true.
    pub respect_robots: bool,
    /// Cap on a robots.txt `Crawl-delay`; default [`DEFAULT_CRAWL_DELAY_CAP`].
    pub crawl_delay_cap: Duration,
    /// Host → address overrides, like `curl --resolve`; the URL's port is replaced by the
    /// address's port. Default empty.
    pub resolve: Vec<(String, SocketAddr)>,
    /// When true, a host name not in `resolve` fails with `DnsFailed` without any DNS or
    /// network traffic (IP literals are still allowed). Default false.
    pub resolve_only: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            retries: DEFAULT_RETRIES,
            backoff_base: DEFAULT_BACKOFF_BASE,
            backoff_max: DEFAULT_BACKOFF_MAX,
            per_host_concurrency: DEFAULT_PER_HOST_CONCURRENCY,
            per_ip_concurrency: DEFAULT_PER_IP_CONCURRENCY,
            min_interval: DEFAULT_MIN_INTERVAL,
            respect_robots: true,
            crawl_delay_cap: DEFAULT_CRAWL_DELAY_CAP,
            resolve: Vec::new(),
            resolve_only: false,
        }
    }
}

/// Why a fetcher could not be set up. A link's outcome is never one of these.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// A `--resolve` entry is not `HOST=IP:PORT` (or curl's `HOST:PORT:IP`).
    #[error("无效的 resolve 项 `{entry}`：应为 HOST=IP:PORT")]
    InvalidResolve {
        /// The entry as given.
        entry: String,
    },
    /// A configuration value is unusable.
    #[error("无效的抓取配置 {field}：{reason}")]
    InvalidConfig {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The HTTP client could not be built (TLS backend, resolver).
    #[error("无法创建 HTTP 客户端：{0}")]
    Client(#[from] reqwest::Error),
}

/// Parses a resolve override: `HOST=IP:PORT`, or curl's `HOST:PORT:IP` (IPv6 in brackets or
/// bare in the last field).
pub fn parse_resolve(s: &str) -> Result<(String, SocketAddr), FetchError> {
    let bad = || FetchError::InvalidResolve {
        entry: s.to_owned(),
    };
    let s = s.trim();
    if let Some((host, addr)) = s.split_once('=') {
        let host = host.trim().to_ascii_lowercase();
        let addr: SocketAddr = addr.trim().parse().map_err(|_| bad())?;
        if host.is_empty() || host.contains([':', '/']) {
            return Err(bad());
        }
        return Ok((host, addr));
    }
    // curl: HOST:PORT:ADDR
    let mut parts = s.splitn(3, ':');
    let (Some(host), Some(port), Some(ip)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let port: u16 = port.parse().map_err(|_| bad())?;
    let ip: IpAddr = ip
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| bad())?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_ascii_lowercase(), SocketAddr::new(ip, port)))
}

impl FetchConfig {
    pub(crate) fn validate(&self) -> Result<(), FetchError> {
        let bad = |field, reason: &str| {
            Err(FetchError::InvalidConfig {
                field,
                reason: reason.to_owned(),
            })
        };
        if self.per_host_concurrency == 0 {
            return bad("per_host_concurrency", "must be at least 1");
        }
        if self.per_ip_concurrency == 0 {
            return bad("per_ip_concurrency", "must be at least 1");
        }
        if self.timeout.is_zero() {
            return bad("timeout", "must be above zero");
        }
        if self.user_agent.trim().is_empty() {
            return bad("user_agent", "must not be empty");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_entries_parse_in_both_spellings() {
        let (h, a) = parse_resolve("WWW.Example.gov.cn=127.0.0.1:8080").unwrap();
        assert_eq!(h, "www.example.gov.cn");
        assert_eq!(a, "127.0.0.1:8080".parse().unwrap());
        let (h, a) = parse_resolve("example.gov.cn:443:10.0.0.1").unwrap();
        assert_eq!(h, "example.gov.cn");
        assert_eq!(a, "10.0.0.1:443".parse().unwrap());
        let (_, a) = parse_resolve("v6.example:80:[::1]").unwrap();
        assert_eq!(a, "[::1]:80".parse().unwrap());
        assert!(parse_resolve("nonsense").is_err());
        assert!(parse_resolve("host=notanip").is_err());
    }

    #[test]
    fn zero_concurrency_is_rejected() {
        let c = FetchConfig {
            per_host_concurrency: 0,
            ..FetchConfig::default()
        };
        assert!(c.validate().is_err());
        assert!(FetchConfig::default().validate().is_ok());
    }
}
