//! robots.txt, fetched once per scheme+host+port and cached, failures included.
//!
//! RFC 9309 §2.3.1: a 4xx robots.txt means no restrictions; a 5xx or an unreachable one means
//! "assume complete disallow" in the RFC, but an inspection must still check links, so we
//! allow all and note it (a `tracing` event and `unreachable`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

use crate::config::ROBOTS_TOKEN;

/// The parsed robots.txt of one origin.
pub(crate) struct RobotsEntry {
    robot: Option<Robot>,
    /// The file could not be read (5xx, network failure): everything is allowed.
    pub(crate) unreachable: bool,
}

impl std::fmt::Debug for RobotsEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RobotsEntry")
            .field("rules", &self.robot.is_some())
            .field("unreachable", &self.unreachable)
            .finish()
    }
}

impl RobotsEntry {
    /// Everything allowed.
    pub(crate) fn allow_all(unreachable: bool) -> RobotsEntry {
        RobotsEntry {
            robot: None,
            unreachable,
        }
    }

    /// Parses a robots.txt body; an unparsable file allows everything.
    pub(crate) fn parse(body: &[u8]) -> RobotsEntry {
        match Robot::new(ROBOTS_TOKEN, body) {
            Ok(robot) => RobotsEntry {
                robot: Some(robot),
                unreachable: false,
            },
            Err(e) => {
                tracing::debug!(error = %e, "robots.txt unparsable; allowing all");
                RobotsEntry::allow_all(false)
            }
        }
    }

    pub(crate) fn allowed(&self, url: &Url) -> bool {
        self.robot.as_ref().is_none_or(|r| r.allowed(url.as_str()))
    }

    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        let d = self.robot.as_ref()?.delay?;
        (d.is_finite() && d > 0.0).then(|| Duration::from_secs_f32(d.min(86_400.0)))
    }

    /// `Sitemap:` lines, resolved against the robots.txt URL.
    pub(crate) fn sitemaps(&self, base: &Url) -> Vec<Url> {
        let Some(r) = &self.robot else {
            return Vec::new();
        };
        r.sitemaps
            .iter()
            .filter_map(|s| base.join(s.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .collect()
    }
}

/// One cell per origin, so concurrent first requests fetch robots.txt once.
#[derive(Debug, Default)]
pub(crate) struct RobotsCache {
    cells: Mutex<HashMap<String, Arc<OnceCell<Arc<RobotsEntry>>>>>,
}

impl RobotsCache {
    pub(crate) fn cell(&self, origin: &str) -> Arc<OnceCell<Arc<RobotsEntry>>> {
        self.cells
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(origin.to_owned())
            .or_default()
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_token_and_the_wildcard_group_are_honoured() {
        let e = RobotsEntry::parse(
            b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: xunwang\nDisallow: /only-us/\n\nSitemap: /sitemap.xml\n",
        );
        let u = |p: &str| Url::parse(&format!("http://a.gov.cn{p}")).unwrap();
        assert!(!e.allowed(&u("/only-us/x.html")));
        assert!(e.allowed(&u("/index.html")));
        assert_eq!(e.sitemaps(&u("/robots.txt")), vec![u("/sitemap.xml")]);
        let star = RobotsEntry::parse(b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n");
        assert!(!star.allowed(&u("/private/a")));
        assert_eq!(star.crawl_delay(), Some(Duration::from_secs(2)));
    }
}
