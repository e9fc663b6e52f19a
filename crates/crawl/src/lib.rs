//! The crawl frontier of xunwang (巡网): which URLs of a site are crawled, in what order, and
//! which are only checked.
//!
//! - [`normalize`]: the canonical form of a URL, the key of dedup.
//! - [`Scope`]: the site's host and aliases.
//! - [`Frontier`]: dedup at enqueue, per-host queues served round-robin, traps, depth and page
//!   caps, resume after a crash ([`Frontier::restore`]).
//! - [`is_soft_404`]: a 2xx page that says it does not exist (软 404).
//!
//! The crate is pure: no I/O, no clock. The engine fetches, parses and stores; it offers the
//! links it finds and pops what to fetch next.
//!
//! ```
//! use url::Url;
//! use xunwang_crawl::{EntryKind, Frontier, FrontierConfig, Offer, Scope};
//!
//! let home = Url::parse("http://www.x.gov.cn/").unwrap();
//! let mut frontier = Frontier::new(Scope::new(&home, &[]), FrontierConfig::default());
//! frontier.offer(&home, 0, true);
//! while let Some(entry) = frontier.pop() {
//!     // fetch entry.url; for a page, offer its links at entry.depth + 1
//!     if entry.kind == EntryKind::Page && entry.depth == 0 {
//!         let link = entry.url.join("zwgk/notice.pdf").unwrap();
//!         assert!(matches!(frontier.offer(&link, 1, true), Offer::New(_)));
//!     }
//! }
//! assert_eq!(frontier.seen(), 2);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod frontier;
mod normalize;
mod scope;
mod soft404;

pub use frontier::{
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES, DEFAULT_MAX_QUERY_VARIANTS, DEFAULT_MAX_REPEATED_SEGMENT,
    DEFAULT_MAX_URL_LEN, Entry, EntryKind, Frontier, FrontierConfig, Offer, Skip, is_non_html_path,
};
pub use normalize::normalize;
pub use scope::Scope;
pub use soft404::{Soft404Probe, is_soft_404, text_length, text_signature};
