//! The only HTTP client of xunwang (巡网): timeouts, retries, recorded redirects, charset
//! decoding, robots.txt, politeness per host and per IP, WAF detection.
//!
//! A link's outcome is data ([`LinkVerdict`](xunwang_core::LinkVerdict) inside [`Fetched`]),
//! never an `Err`: [`FetchError`] only reports a configuration that cannot be used. The rules
//! follow DESIGN.md "Fetching rules": **Broken** only for 404/410, NXDOMAIN and a connection
//! refused on every attempt; everything a server does to robots but not to people (403, 412,
//! 429, 5xx, timeouts, WAF challenges, redirect loops) is **Indeterminate**.
//!
//! ```no_run
//! # async fn demo() -> Result<(), xunwang_fetch::FetchError> {
//! use xunwang_fetch::{FetchConfig, Fetcher};
//! let fetcher = Fetcher::new(FetchConfig::default())?;
//! let url = url::Url::parse("http://www.jiangcheng.gov.cn/").unwrap();
//! let page = fetcher.get(&url, None).await;
//! if let Some(resp) = &page.response {
//!     let text = resp.decode().text;
//!     # let _ = text;
//! }
//! println!("{} after {} hops", page.verdict.label(), page.redirects.len());
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod attempt;
mod client;
mod config;
mod decode;
mod dns;
mod polite;
mod robots;
mod stats;
mod waf;

pub use client::{Fetched, Fetcher, Response, Validators};
pub use config::{
    BROWSER_USER_AGENT, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CRAWL_DELAY_CAP, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_MIN_INTERVAL,
    DEFAULT_PER_HOST_CONCURRENCY, DEFAULT_PER_IP_CONCURRENCY, DEFAULT_RETRIES, DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT, FetchConfig, FetchError, ROBOTS_TOKEN, SPIDER_USER_AGENT, parse_resolve,
};
pub use decode::{CharsetSource, Decoded, decode, sniff_html};
pub use stats::FetchStats;
pub use waf::{WAF_SIGNATURES, WafSignature, detect_waf};
