//! The sites the daemon watches: the registry, or home URLs given on the command line.

use std::time::Duration;

use url::Url;
use xunwang_crawl::normalize;
use xunwang_store::{MonitorStore, SiteId, Store};

use crate::error::EngineError;

/// One site the daemon watches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonitorSite {
    /// Its id in the store.
    pub id: SiteId,
    /// Its home URL (normalised).
    pub home: String,
    /// Its name.
    pub name: Option<String>,
    /// Its own probe interval (registry politeness override).
    pub probe_every: Option<Duration>,
    /// Its registered 网站标识码 (for scheduled inspections).
    pub site_code: Option<String>,
    /// Other host names of the site (for scheduled inspections).
    pub aliases: Vec<String>,
}

/// The sites to watch: the registry when `urls` is empty, else the URLs given (stored as
/// sites, so they share ids with inspections).
pub async fn monitor_sites<S: Store + MonitorStore>(
    store: &S,
    urls: &[String],
) -> Result<Vec<MonitorSite>, EngineError> {
    let err = |site: &str| {
        let site = site.to_owned();
        move |source| EngineError::Store { site, source }
    };
    if urls.is_empty() {
        let sites = store.registered_sites().await.map_err(err("*"))?;
        return Ok(sites
            .into_iter()
            .map(|s| MonitorSite {
                id: s.id,
                home: s.entry.home,
                name: s.entry.name,
                probe_every: s
                    .entry
                    .politeness
                    .probe_every_secs
                    .map(|s| Duration::from_secs(s.max(1))),
                site_code: s.entry.site_code,
                aliases: s.entry.aliases,
            })
            .collect());
    }
    let mut out = Vec::new();
    for u in urls {
        let home = normalize_home(u)?;
        let id = store.upsert_site(&home, None).await.map_err(err(&home))?;
        if out.iter().any(|s: &MonitorSite| s.id == id) {
            continue;
        }
        out.push(MonitorSite {
            id,
            home,
            name: None,
            probe_every: None,
            site_code: None,
            aliases: Vec::new(),
        });
    }
    Ok(out)
}

/// A home URL normalised as inspections normalise it (so both find the same site id).
pub fn normalize_home(home: &str) -> Result<String, EngineError> {
    let bad = |reason: String| EngineError::BadSiteUrl {
        url: home.to_owned(),
        reason,
    };
    let url = Url::parse(home.trim()).map_err(|e| bad(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("只支持 http 和 https".into()));
    }
    if url.host_str().is_none() {
        return Err(bad("缺少主机名".into()));
    }
    Ok(normalize(&url).to_string())
}
