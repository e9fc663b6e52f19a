//! Freshness polls: the home page and its columns' list pages, fetched with conditional GET
//! once a day, their dated items recorded so that the history says when each item appeared and
//! whether an old item's date was changed (`spec/indicators.md` V3, V4; V1.5 伪造发稿日期).

use std::collections::HashSet;
use std::sync::Arc;

use url::Url;
use xunwang_checks::ColumnClass;
use xunwang_crawl::normalize;
use xunwang_extract::{Cues, ItemDateSource, PageModel, read_model_with};
use xunwang_fetch::Validators;
use xunwang_store::{
    MonitorPage, MonitorStore, PollRecord, PolledItem, ProbeOutcome, SiteId, StoreError,
};

use crate::monitor::Clock;
use crate::monitor::web::Web;

/// Default cap on the column pages polled per site.
pub const DEFAULT_MAX_COLUMNS: usize = 30;

/// What a poll reads pages with.
#[derive(Clone, Debug)]
pub struct PollConfig {
    /// Column classification rules (the inspection's, so both agree on what a column is).
    pub checks: Arc<xunwang_checks::Config>,
    /// Words pages are read with.
    pub cues: Arc<Cues>,
    /// Column pages polled at most per site (default [`DEFAULT_MAX_COLUMNS`]).
    pub max_columns: usize,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            checks: Arc::new(xunwang_checks::Config::default()),
            cues: Arc::new(Cues::default()),
            max_columns: DEFAULT_MAX_COLUMNS,
        }
    }
}

/// What one site's poll did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollSummary {
    /// Pages fetched.
    pub pages: u32,
    /// Pages that could not be fetched.
    pub failed: u32,
    /// Answers 304 Not Modified.
    pub not_modified: u32,
    /// Items not seen before.
    pub new_items: u32,
    /// Items whose date changed.
    pub date_changes: u32,
}

/// Polls the home page of `site` and the columns linked from its navigation.
pub(crate) async fn poll_site<S: MonitorStore, W: Web, C: Clock>(
    store: &S,
    web: &W,
    clock: &C,
    site: SiteId,
    home: &Url,
    due_ms: i64,
    cfg: &PollConfig,
) -> Result<PollSummary, StoreError> {
    let mut summary = PollSummary::default();
    let mut pages = store.monitor_pages(site).await?;
    if !pages.iter().any(|p| p.role == "home") {
        store.set_monitor_pages(site, home.as_str(), &[]).await?;
        pages = store.monitor_pages(site).await?;
    }
    let home_page = pages.iter().find(|p| p.role == "home").cloned();
    let model = poll_page(
        store,
        web,
        clock,
        site,
        home,
        home_page.as_ref(),
        due_ms,
        cfg,
        &mut summary,
    )
    .await?;
    if let Some(model) = model {
        let columns = discover_columns(&model, home, cfg);
        store
            .set_monitor_pages(site, home.as_str(), &columns)
            .await?;
        pages = store.monitor_pages(site).await?;
    }
    for page in pages
        .iter()
        .filter(|p| p.role == "column")
        .take(cfg.max_columns)
    {
        let Ok(url) = Url::parse(&page.url) else {
            continue;
        };
        poll_page(
            store,
            web,
            clock,
            site,
            &url,
            Some(page),
            due_ms,
            cfg,
            &mut summary,
        )
        .await?;
    }
    Ok(summary)
}

/// Fetches and records one page; returns its model when it was read (not on a 304).
#[allow(clippy::too_many_arguments)]
async fn poll_page<S: MonitorStore, W: Web, C: Clock>(
    store: &S,
    web: &W,
    clock: &C,
    site: SiteId,
    url: &Url,
    page: Option<&MonitorPage>,
    due_ms: i64,
    cfg: &PollConfig,
    summary: &mut PollSummary,
) -> Result<Option<PageModel>, StoreError> {
    let validators = Validators {
        etag: page.and_then(|p| p.etag.clone()),
        last_modified: page.and_then(|p| p.last_modified.clone()),
    };
    let fetched = web.fetch(url, &validators).await;
    let now = clock.now();
    let outcome = fetched.outcome.unwrap_or(ProbeOutcome::Other);
    summary.pages += 1;
    if outcome != ProbeOutcome::Ok {
        summary.failed += 1;
    }
    if fetched.not_modified {
        summary.not_modified += 1;
    }
    let model = fetched.html.as_deref().map(|html| {
        let base = fetched.final_url.as_ref().unwrap_or(url);
        read_model_with(html, base, now.date_naive(), &cfg.cues)
    });
    let items = model.as_ref().map(items_of).unwrap_or_default();
    let poll = PollRecord {
        url: url.to_string(),
        due_ms,
        at_ms: now.timestamp_millis(),
        outcome,
        status: fetched.status,
        not_modified: fetched.not_modified,
    };
    let validators = if fetched.html.is_some() {
        (fetched.etag.as_deref(), fetched.last_modified.as_deref())
    } else {
        (
            validators.etag.as_deref(),
            validators.last_modified.as_deref(),
        )
    };
    let delta = store.record_poll(site, &poll, &items, validators).await?;
    summary.new_items += delta.new_items;
    summary.date_changes += delta.date_changes;
    if delta.date_changes > 0 {
        tracing::warn!(page = %url, changes = delta.date_changes, "已发布信息的日期被改动");
    }
    Ok(model)
}

/// The dated and undated items of a page: its list and the blocks (home pages), once per URL.
pub(crate) fn items_of(model: &PageModel) -> Vec<PolledItem> {
    let mut seen = HashSet::new();
    model
        .list
        .iter()
        .chain(model.blocks.iter().flat_map(|b| b.items.iter()))
        .filter(|i| seen.insert(i.url.clone()))
        .map(|i| PolledItem {
            url: i.url.clone(),
            title: i.title.trim().to_owned(),
            date: i.date,
            date_source: i.date_source.map(|s| {
                match s {
                    ItemDateSource::Text => "text",
                    ItemDateSource::MonthDay => "month_day",
                    ItemDateSource::Url => "url",
                }
                .to_owned()
            }),
        })
        .collect()
}

/// The stored name of a column class.
pub(crate) fn class_name(class: ColumnClass) -> &'static str {
    match class {
        ColumnClass::News => "news",
        ColumnClass::Notice => "notice",
        ColumnClass::Policy => "policy",
        ColumnClass::Periodic => "periodic",
        ColumnClass::Static => "static",
        ColumnClass::Interaction => "interaction",
        ColumnClass::Other => "other",
    }
}

/// The first-level columns judged on freshness (动态/要闻, 通知公告, 政策文件) that the home
/// page links to from its navigation and block headings, on the home page's host.
pub(crate) fn discover_columns(
    model: &PageModel,
    home: &Url,
    cfg: &PollConfig,
) -> Vec<MonitorPage> {
    let mut seen = HashSet::new();
    let links = model
        .nav
        .iter()
        .map(|n| (n.text.as_str(), Some(n.url.as_str())))
        .chain(
            model
                .blocks
                .iter()
                .map(|b| (b.heading.as_str(), b.url.as_deref())),
        );
    let mut out = Vec::new();
    for (name, url) in links {
        let (Some(url), name) = (url, name.trim()) else {
            continue;
        };
        let Ok(url) = Url::parse(url) else { continue };
        let url = normalize(&url);
        if url.host_str() != home.host_str() || url.path() == "/" || url == *home {
            continue;
        }
        let class = cfg.checks.classify(name);
        if !matches!(
            class,
            ColumnClass::News | ColumnClass::Notice | ColumnClass::Policy
        ) {
            continue;
        }
        if !seen.insert(url.to_string()) {
            continue;
        }
        out.push(MonitorPage {
            url: url.to_string(),
            role: "column".into(),
            name: Some(name.to_owned()),
            class: Some(class_name(class).to_owned()),
            etag: None,
            last_modified: None,
        });
        if out.len() >= cfg.max_columns {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_and_notice_columns_on_the_home_host_are_polled() {
        let home = Url::parse("http://www.example.gov.cn/").unwrap();
        let html = r#"<div class="nav"><ul>
            <li><a href="/">首页</a></li>
            <li><a href="/xwdt/">新闻动态</a></li>
            <li><a href="/tzgg/">通知公告</a></li>
            <li><a href="/zjjg/">机构概况</a></li>
            <li><a href="http://other.gov.cn/gzdt/">工作动态</a></li>
        </ul></div>"#;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let model = xunwang_extract::read_model(html, &home, day);
        let cols = discover_columns(&model, &home, &PollConfig::default());
        let urls: Vec<_> = cols.iter().map(|c| c.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "http://www.example.gov.cn/xwdt/",
                "http://www.example.gov.cn/tzgg/"
            ]
        );
        assert_eq!(cols[0].class.as_deref(), Some("news"));
        assert_eq!(cols[1].class.as_deref(), Some("notice"));
    }
}
