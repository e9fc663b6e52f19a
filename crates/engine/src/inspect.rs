//! One inspection run of one site: seed, crawl, check, re-check, findings, all committed as it
//! goes so that a killed run resumes instead of starting over.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use tokio::task::JoinSet;
use url::Url;
use xunwang_checks::{Column, Hit, SiteInput, Tallies, Veto, check_site, content_findings};
use xunwang_core::{Finding, Fnv1a64, LinkVerdict, Occurrence, Reason, WorkCalendar, china_date};
use xunwang_crawl::{
    Entry, EntryKind, Frontier, FrontierConfig, Offer, Scope, Soft404Probe, is_soft_404, normalize,
};
use xunwang_extract::{LinkKind, parse_page, parse_sitemap, publish_date, read_page_with};
use xunwang_fetch::{Fetched, Fetcher};
use xunwang_store::{Commit, FrontierRow, PageRecord, RunStatus, Store, TargetRecord};

use crate::content::{ContentCtx, Stored};
use crate::error::EngineError;
use crate::findings::link_findings;
use crate::progress::Progress;

/// Default number of URLs in flight per site. The fetcher's per-host and per-IP limits are
/// what keep a site safe; this only bounds the work queued behind them.
pub const DEFAULT_CONCURRENCY: usize = 16;
/// Default pause before the re-check pass of indeterminate targets (rate limits and flaky
/// servers often recover within seconds).
pub const DEFAULT_RECHECK_DELAY: Duration = Duration::from_secs(3);
/// Default cap on stored occurrences of one non-Ok target: a broken footer link appears on
/// every page; a few hundred pages prove it and keep the database small.
pub const DEFAULT_MAX_OCCURRENCES: usize = 200;
/// Most fetched URLs committed in one transaction.
const MAX_BATCH: usize = 256;
/// Most sitemap files read per site (sitemap indexes can list thousands).
const MAX_SITEMAPS: usize = 20;

/// How to inspect a site.
#[derive(Clone, Debug)]
pub struct InspectConfig {
    /// Frontier limits (pages, depth, traps).
    pub frontier: FrontierConfig,
    /// Other host names of the same site (`www.x.gov.cn` and `x.gov.cn`).
    pub aliases: Vec<String>,
    /// URLs in flight per site (default [`DEFAULT_CONCURRENCY`]).
    pub concurrency: usize,
    /// The observation time written on findings (default: now, set by the front end).
    pub at: DateTime<FixedOffset>,
    /// Seed the crawl from sitemaps listed in robots.txt or at `/sitemap.xml` (default true).
    pub sitemaps: bool,
    /// Re-check indeterminate targets once at the end of the run (default true).
    pub recheck: bool,
    /// Pause before the re-check pass (default [`DEFAULT_RECHECK_DELAY`]).
    pub recheck_delay: Duration,
    /// Cap on stored occurrences per non-Ok target (default [`DEFAULT_MAX_OCCURRENCES`]).
    pub max_occurrences: usize,
    /// Keyword rules, windows and thresholds of the site-model checks (default: the shipped
    /// rules).
    pub checks: Arc<xunwang_checks::Config>,
    /// The site's registered 网站标识码, when the registry knows it.
    pub site_code: Option<String>,
    /// Words and phrases pages are read with (breadcrumb labels, placeholders, footer and
    /// board labels…; default: the shipped cues).
    pub page_cues: Arc<xunwang_extract::Cues>,
    /// The words of the content checks (spam, ads, outdated names, typos, the office's lists;
    /// default: the shipped lexicon).
    pub lexicon: Arc<xunwang_checks::Lexicon>,
}

impl InspectConfig {
    /// Defaults, with findings stamped at `at`.
    pub fn new(at: DateTime<FixedOffset>) -> InspectConfig {
        InspectConfig {
            frontier: FrontierConfig::default(),
            aliases: Vec::new(),
            concurrency: DEFAULT_CONCURRENCY,
            at,
            sitemaps: true,
            recheck: true,
            recheck_delay: DEFAULT_RECHECK_DELAY,
            max_occurrences: DEFAULT_MAX_OCCURRENCES,
            checks: Arc::new(xunwang_checks::Config::default()),
            site_code: None,
            page_cues: Arc::new(xunwang_extract::Cues::default()),
            lexicon: shipped_lexicon(),
        }
    }
}

/// The shipped lexicon, compiled once per process.
pub fn shipped_lexicon() -> Arc<xunwang_checks::Lexicon> {
    static SHIPPED: std::sync::OnceLock<Arc<xunwang_checks::Lexicon>> = std::sync::OnceLock::new();
    SHIPPED
        .get_or_init(|| Arc::new(xunwang_checks::Lexicon::default()))
        .clone()
}

/// What one inspection run did and found.
#[derive(Clone, Debug)]
pub struct SiteReport {
    /// The site's home URL (normalised).
    pub site: String,
    /// The run id in the store.
    pub run: i64,
    /// True when this call continued an interrupted run.
    pub resumed: bool,
    /// The home page's verdict.
    pub home: LinkVerdict,
    /// Page entries (URLs on the site followed as pages) judged in this run, failed ones
    /// included, counting those done before a resume.
    pub pages: u64,
    /// Non-page targets checked.
    pub checks: u64,
    /// URLs fetched by this call (excludes work done before a resume).
    pub fetched_now: u64,
    /// Targets definitely broken.
    pub broken: u64,
    /// Targets that could not be judged.
    pub indeterminate: u64,
    /// Crawler traps cut, with the number of URLs refused.
    pub traps: Vec<(String, usize)>,
    /// Pages whose body exceeded the size limit (read up to the limit).
    pub truncated: Vec<String>,
    /// Findings of this run, with `first_seen` from the store's history.
    pub findings: Vec<Finding>,
    /// The columns discovered on the site.
    pub columns: Vec<Column>,
    /// The counts behind the single-veto rules (V3, V4, V5).
    pub tallies: Tallies,
    /// What the site-model checks could not judge, and why (Chinese).
    pub notes: Vec<String>,
    /// Single-veto rules (V3, V4, V5) the site-model findings reach (a preview for the
    /// scoring of a period, which reads the stored findings).
    pub vetoes: Vec<Veto>,
    /// Rules close to a veto (pre-veto warning tier).
    pub warnings: Vec<Veto>,
    /// Wall time of this call.
    pub elapsed: Duration,
}

/// The result of fetching one frontier entry, computed off the main loop.
struct Done {
    entry: Entry,
    fetched: Fetched,
    verdict: LinkVerdict,
    page: Option<PageRecord>,
    links: Vec<FoundLink>,
    truncated: bool,
    /// What the content checks found on this URL, as stored JSON.
    hits: Vec<String>,
}

/// A link found on a page, reduced to what the main loop needs.
struct FoundLink {
    /// The target, normalised once in the fetch task (off the main loop).
    url: Url,
    /// `url` as a string: the key of `known`, occurrences and the store.
    key: String,
    navigational: bool,
    occurrence: Occurrence,
}

/// What the run knows about each target so far.
#[derive(Clone, Copy)]
struct Known {
    ok: bool,
    indeterminate: bool,
    kind: EntryKind,
    depth: u32,
}

/// Inspects one site: resumes its unfinished run if there is one, else starts a new run.
///
/// Progress counters are added to `progress` as the run goes. Returns an error only when the
/// inspection could not run (bad URL, store failure); every problem of the site is a finding.
pub async fn inspect_site<S: Store>(
    store: &S,
    fetcher: &Fetcher,
    home: &str,
    cfg: &InspectConfig,
    progress: &Progress,
) -> Result<SiteReport, EngineError> {
    let started = Instant::now();
    let home_url = parse_home(home)?;
    let site = home_url.to_string();
    let store_err = |source| EngineError::Store {
        site: site.clone(),
        source,
    };

    let site_id = store.upsert_site(&site, None).await.map_err(store_err)?;
    let previous = store.unfinished_run(site_id).await.map_err(store_err)?;
    let resumed = previous.is_some();
    let run = match previous {
        Some(r) => r.id,
        None => store.create_run(site_id, cfg.at).await.map_err(store_err)?,
    };

    let scope = Scope::new(&home_url, &cfg.aliases);
    let mut frontier = Frontier::new(scope.clone(), cfg.frontier.clone());
    let mut known: HashMap<String, Known> = HashMap::new();
    let mut stored_occ: HashMap<String, usize> = HashMap::new();

    if resumed {
        let rows = store.frontier(run).await.map_err(store_err)?;
        let mut kinds = HashMap::with_capacity(rows.len());
        for row in &rows {
            let Ok(url) = Url::parse(&row.url) else {
                continue;
            };
            let kind = crawl_kind(row.kind);
            frontier.restore(&url, row.depth, kind, row.done);
            kinds.insert(row.url.clone(), (kind, row.depth));
        }
        for t in store.targets(run).await.map_err(store_err)? {
            let (kind, depth) = kinds.get(&t.url).copied().unwrap_or((EntryKind::Check, 0));
            known.insert(t.url.clone(), known_of(&t.verdict, kind, depth));
        }
        for (target, _) in store.occurrences(run).await.map_err(store_err)? {
            *stored_occ.entry(target).or_default() += 1;
        }
    }
    if frontier.seen() == 0 {
        let mut seeds = Vec::new();
        if let Offer::New(e) = frontier.offer(&home_url, 0, true) {
            seeds.push(row_of(&e, false));
        }
        if cfg.sitemaps {
            for url in sitemap_urls(fetcher, &home_url).await {
                if let Offer::New(e) = frontier.offer(&url, 1, true) {
                    seeds.push(row_of(&e, false));
                }
            }
        }
        store.enqueue(run, &seeds).await.map_err(store_err)?;
    }
    Progress::add(&progress.queued, frontier.pending() as u64);

    let probe = Arc::new(soft404_probe(fetcher, &home_url).await);
    let home_key: Arc<str> = Arc::from(normalize(&home_url).as_str());
    let mut site_hosts: Vec<String> = cfg.aliases.iter().map(|a| a.to_ascii_lowercase()).collect();
    site_hosts.extend(home_url.host_str().map(str::to_ascii_lowercase));
    let reading = Reading {
        home: home_key.clone(),
        today: china_date(cfg.at),
        checks: cfg.checks.clone(),
        cues: cfg.page_cues.clone(),
        content: ContentCtx {
            lexicon: cfg.lexicon.clone(),
            rules: Arc::new(cfg.checks.content.clone()),
            site_hosts: Arc::new(site_hosts),
            external_left: Arc::new(AtomicUsize::new(cfg.checks.content.external_pages)),
            cloaking_left: Arc::new(AtomicUsize::new(cfg.checks.content.cloaking_sample)),
            parsing: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        },
    };
    let scope = Arc::new(scope);
    let mut tasks: JoinSet<Done> = JoinSet::new();
    let mut truncated = Vec::new();
    let mut fetched_now = 0u64;
    let mut rechecked: HashSet<String> = HashSet::new();
    let mut recheck_queue: Vec<Entry> = Vec::new();

    loop {
        while tasks.len() < cfg.concurrency.max(1) {
            let entry = match recheck_queue.pop() {
                Some(e) => e,
                None => match frontier.pop() {
                    Some(e) => {
                        progress
                            .queued
                            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
                        e
                    }
                    None => break,
                },
            };
            tasks.spawn(fetch_entry(
                fetcher.clone(),
                scope.clone(),
                probe.clone(),
                entry,
                reading.clone(),
            ));
        }
        let Some(joined) = tasks.join_next().await else {
            // Frontier drained: one re-check pass of indeterminate targets, then stop.
            if cfg.recheck {
                let again = recheck_candidates(&known, &rechecked);
                if !again.is_empty() {
                    tokio::time::sleep(cfg.recheck_delay).await;
                    for (url, k) in again {
                        rechecked.insert(url.clone());
                        if let Ok(u) = Url::parse(&url) {
                            recheck_queue.push(Entry {
                                url: u,
                                depth: k.depth,
                                kind: k.kind,
                            });
                        }
                    }
                    continue;
                }
            }
            break;
        };
        // Everything that has finished by now is absorbed and committed in one transaction:
        // the store then costs one commit per batch, not per URL, and a crash loses at most
        // the uncommitted batch (those URLs are still pending and are fetched again).
        let mut batch = Vec::new();
        let mut next = Some(joined);
        while let Some(joined) = next.take() {
            match joined {
                Ok(done) => {
                    fetched_now += 1;
                    if done.truncated {
                        truncated.push(done.entry.url.to_string());
                    }
                    let c = absorb(
                        done,
                        &mut frontier,
                        &mut known,
                        &mut stored_occ,
                        cfg,
                        progress,
                    );
                    Progress::add(&progress.queued, c.discovered.len() as u64);
                    batch.push(c);
                }
                // A panic inside a fetch task is a bug; the URL stays pending and is retried
                // on the next run rather than recorded with a made-up verdict.
                Err(e) => tracing::error!(site = %site, error = %e, "fetch task failed"),
            }
            if batch.len() < MAX_BATCH {
                next = tasks.try_join_next();
            }
        }
        if !batch.is_empty() {
            store.commit_batch(run, &batch).await.map_err(store_err)?;
        }
    }

    // Findings from what the store holds, so a resumed run reports the whole run.
    let targets = store.problem_targets(run).await.map_err(store_err)?;
    let occurrences = store.occurrences(run).await.map_err(store_err)?;
    let mut findings = link_findings(&site, &targets, &occurrences, cfg.at);
    let mut site_checks = judge_site(store, run, &site, cfg)
        .await
        .map_err(store_err)?;
    findings.extend(std::mem::take(&mut site_checks.findings));
    let (hits, notes) = stored_hits(store, run, &site).await.map_err(store_err)?;
    findings.extend(content_findings(hits, &site, cfg.at));
    site_checks.notes.extend(notes);
    if let Some(v) = xunwang_checks::content_veto(&findings) {
        site_checks.vetoes.insert(0, v);
    }
    let findings = store
        .save_findings(site_id, run, &findings)
        .await
        .map_err(store_err)?;

    let home_verdict = match known.get(&*home_key) {
        Some(k) if k.ok => LinkVerdict::Ok,
        Some(_) => targets
            .iter()
            .find(|t| *t.url == *home_key)
            .map(|t| t.verdict.clone())
            .unwrap_or(LinkVerdict::Indeterminate {
                reason: Reason::Other("未检查".into()),
            }),
        None => LinkVerdict::Indeterminate {
            reason: Reason::Other("未检查".into()),
        },
    };
    let broken = targets.iter().filter(|t| t.verdict.is_broken()).count() as u64;
    let indeterminate = targets
        .iter()
        .filter(|t| t.verdict.is_indeterminate())
        .count() as u64;
    let report = SiteReport {
        site: site.clone(),
        run,
        resumed,
        home: home_verdict,
        pages: known.values().filter(|k| k.kind == EntryKind::Page).count() as u64,
        checks: known
            .values()
            .filter(|k| k.kind == EntryKind::Check)
            .count() as u64,
        fetched_now,
        broken,
        indeterminate,
        traps: frontier.traps(),
        truncated,
        findings,
        columns: site_checks.columns,
        tallies: site_checks.tallies,
        notes: site_checks.notes,
        vetoes: site_checks.vetoes,
        warnings: site_checks.warnings,
        elapsed: started.elapsed(),
    };
    let stats = stats_json(&report);
    store
        .finish_run(run, cfg.at, RunStatus::Finished, &stats)
        .await
        .map_err(store_err)?;
    Progress::add(&progress.sites_done, 1);
    Ok(report)
}

/// Parses and checks the site URL given by the user.
fn parse_home(home: &str) -> Result<Url, EngineError> {
    let bad = |reason: &str| EngineError::BadSiteUrl {
        url: home.to_owned(),
        reason: reason.into(),
    };
    let url = Url::parse(home).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("只支持 http 和 https"));
    }
    if url.host_str().is_none() {
        return Err(bad("缺少主机名"));
    }
    Ok(normalize(&url))
}

/// Fetches one entry and, for pages, parses its links. Runs in its own task.
async fn fetch_entry(
    fetcher: Fetcher,
    scope: Arc<Scope>,
    probe: Arc<Option<Soft404Probe>>,
    entry: Entry,
    reading: Reading,
) -> Done {
    let rules = &reading.content.rules;
    let attachment =
        (rules.attachments && entry.kind == EntryKind::Check && scope.contains(&entry.url))
            .then(|| ContentCtx::attachment_kind(&entry.url))
            .flatten();
    let external = entry.kind == EntryKind::Check
        && attachment.is_none()
        && !scope.contains(&entry.url)
        && reading.content.wants_external(&entry.url);
    let fetched = match entry.kind {
        EntryKind::Page => fetcher.get(&entry.url, None).await,
        // Attachments are read for personal data, outside pages for what they now serve.
        EntryKind::Check if attachment.is_some() => {
            fetcher
                .get_with(&entry.url, None, Some(rules.attachment_max_bytes))
                .await
        }
        EntryKind::Check if external => {
            fetcher
                .get_with(&entry.url, None, Some(rules.external_max_bytes))
                .await
        }
        EntryKind::Check => {
            let f = fetcher.check(&entry.url).await;
            // On a host that answers 200 for missing URLs, a HEAD 200 proves nothing: read
            // the page and compare it with the host's not-found answer.
            let html = f.response.as_ref().is_some_and(|r| {
                r.content_type
                    .as_deref()
                    .is_some_and(|c| c.contains("html"))
            });
            if f.verdict == LinkVerdict::Ok
                && html
                && probe.is_some()
                && scope.contains(&f.final_url)
            {
                fetcher.get(&entry.url, None).await
            } else {
                f
            }
        }
    };
    let mut verdict = fetched.verdict.clone();
    let mut links = Vec::new();
    let mut page = None;
    let mut truncated = false;
    let mut hits = Vec::new();
    if verdict == LinkVerdict::Ok {
        if let Some(kind) = attachment {
            hits = reading.content.attachment(&entry.url, kind, &fetched).await;
        } else if external {
            hits = reading.content.external(&entry.url, &fetched);
        }
    }
    if let Some(resp) = &fetched.response {
        truncated = resp.truncated;
        let html = resp.is_html() && (200..300).contains(&resp.status);
        let mut title = None;
        let mut charset = None;
        let mut model = None;
        if html && verdict == LinkVerdict::Ok {
            let decoded = resp.decode();
            charset = Some(decoded.encoding.to_owned());
            let facts = parse_page(&decoded.text, &fetched.final_url);
            // The home page is never a soft-404: a site that answers every unknown URL with
            // its home page would otherwise make the home page match its own probe.
            if entry.depth > 0
                && scope.contains(&fetched.final_url)
                && is_soft_404(
                    probe.as_ref().as_ref(),
                    resp.status,
                    facts.title.as_deref(),
                    &facts.text,
                )
            {
                verdict = LinkVerdict::Broken {
                    reason: Reason::Soft404,
                };
            } else if entry.kind == EntryKind::Page && scope.contains(&fetched.final_url) {
                links = found_links(&facts.links, &fetched.final_url);
                // Frontier entries are normalised already.
                let home = entry.url.as_str() == &*reading.home;
                let (m, h, content) =
                    page_model(&decoded.text, &fetched.final_url, home, &facts, &reading);
                model = Some(m);
                hits = h;
                // Cloaking: the home page and a few first-level pages are asked for again as
                // a search spider, right after the crawl's own (browser-like) fetch.
                if reading.content.wants_spider(entry.depth) {
                    hits.extend(
                        reading
                            .content
                            .spider(
                                &fetcher,
                                &fetched.final_url,
                                &content,
                                &reading.cues,
                                reading.today,
                            )
                            .await,
                    );
                }
            }
            title = facts.title;
        }
        if entry.kind == EntryKind::Page {
            page = Some(PageRecord {
                url: entry.url.to_string(),
                final_url: fetched.final_url.to_string(),
                status: Some(resp.status),
                content_type: resp.content_type.clone(),
                bytes: resp.body.len() as u64,
                elapsed_ms: fetched.elapsed.as_millis() as u64,
                hash: (!resp.body.is_empty()).then(|| fnv_hex(&resp.body)),
                title,
                charset,
                etag: resp.etag.clone(),
                last_modified: resp.last_modified.clone(),
                fetched_at: chrono::Utc::now().fixed_offset(),
                model,
            });
        }
    }
    Done {
        entry,
        fetched,
        verdict,
        page,
        links,
        truncated,
        hits,
    }
}

/// What a fetch task needs to read a page's structure.
#[derive(Clone)]
struct Reading {
    /// The site's home URL, normalised.
    home: Arc<str>,
    /// The 监测时间点's date, for the year of `MM-DD` list dates.
    today: NaiveDate,
    /// The checks' rules (what an article is, so it is stored slim).
    checks: Arc<xunwang_checks::Config>,
    /// The words pages are read with.
    cues: Arc<xunwang_extract::Cues>,
    /// The content checks.
    content: ContentCtx,
}

/// Reads a page's structure for the site checks, as the JSON kept with the page.
///
/// The home page (what the home URL serves, even after a redirect to `/index.html` or a
/// portal path) is recorded under the home URL. Only it keeps its footer (identity is judged
/// on the home page), and articles (pages with a publication date and no list) drop their
/// navigation: the menus repeat on every page, and on a 100,000-page site most pages are
/// articles, so this keeps the stored models small while list and channel pages keep their
/// side menus (sub-columns, 留言 entries).
fn page_model(
    html: &str,
    url: &Url,
    home: bool,
    facts: &xunwang_extract::PageFacts,
    reading: &Reading,
) -> (String, Vec<String>, xunwang_extract::ContentFacts) {
    let read = read_page_with(html, url, reading.today, &reading.cues);
    let mut model = read.model;
    let published = publish_date(facts, url);
    let hits = reading
        .content
        .page(&read.content, url, published.as_ref().map(|p| p.date));
    let key = if home {
        reading.home.to_string()
    } else {
        model.footer = Default::default();
        if published.is_some() && model.list.is_empty() && model.blocks.is_empty() {
            model.nav.clear();
        }
        normalize(url).to_string()
    };
    let mut record = xunwang_checks::PageRecord {
        url: key,
        title: facts.title.clone(),
        published,
        model,
    };
    if !home {
        record = record.essentials(&reading.checks);
    }
    // Serialising plain data cannot fail; an empty string would only lose this page's model.
    (
        serde_json::to_string(&record).unwrap_or_default(),
        hits,
        read.content,
    )
}

/// The run's stored content hits, and the notes they make (outside script hosts, attachments
/// that could not be read).
async fn stored_hits<S: Store>(
    store: &S,
    run: i64,
    site: &str,
) -> Result<(Vec<Hit>, Vec<String>), xunwang_store::StoreError> {
    let mut hits = Vec::new();
    let mut script_hosts = std::collections::BTreeSet::new();
    let mut unread = Vec::new();
    let mut bad = 0usize;
    for (_, body) in store.hits(run).await? {
        match serde_json::from_str::<Stored>(&body) {
            Ok(Stored::Hit(h)) => hits.push(h),
            Ok(Stored::ScriptHost { host }) => {
                script_hosts.insert(host);
            }
            Ok(Stored::Unread { reason }) => unread.push(reason),
            Err(e) => {
                bad += 1;
                tracing::warn!(site, error = %e, "stored content hit unreadable");
            }
        }
    }
    let mut notes = Vec::new();
    if !script_hosts.is_empty() {
        let hosts: Vec<String> = script_hosts.into_iter().collect();
        notes.push(format!(
            "页面加载了来自以下外部域名的脚本（非常见统计、公共库或政府组件），请核实是否为本站引入：{}",
            hosts.join("、")
        ));
    }
    notes.extend(unread);
    if bad > 0 {
        notes.push(format!(
            "{bad} 条内容检查记录无法读取（可能来自旧版本），未参与内容检查"
        ));
    }
    Ok((hits, notes))
}

/// Runs the site-model checks over the models stored with the run's pages.
async fn judge_site<S: Store>(
    store: &S,
    run: i64,
    site: &str,
    cfg: &InspectConfig,
) -> Result<xunwang_checks::SiteChecks, xunwang_store::StoreError> {
    const CHUNK: u32 = 2_000;
    let mut unreadable = 0usize;
    // Most pages of a large site are plain articles, of which the checks read only the date:
    // those are kept as (URL, date), the rest as records.
    let mut records: Vec<xunwang_checks::PageRecord> = Vec::new();
    let mut article_dates = Vec::new();
    let mut after = 0;
    loop {
        let chunk = store.page_models(run, after, CHUNK).await?;
        let Some(&(last, _)) = chunk.last() else {
            break;
        };
        after = last;
        for (_, m) in chunk {
            file_model(
                m,
                cfg,
                site,
                &mut records,
                &mut article_dates,
                &mut unreadable,
            );
        }
    }
    let input = SiteInput {
        home: site,
        pages: &records,
        registered_site_code: cfg.site_code.as_deref(),
        article_dates: &article_dates,
    };
    let mut out = check_site(&input, &cfg.checks, cfg.at, WorkCalendar::official());
    if unreadable > 0 {
        out.notes.push(format!(
            "{unreadable} 个页面的结构记录无法读取（可能来自旧版本），未参与栏目与互动检查"
        ));
    }
    Ok(out)
}

/// Files one stored model: a plain article as its date, any other page as its record.
fn file_model(
    m: String,
    cfg: &InspectConfig,
    site: &str,
    records: &mut Vec<xunwang_checks::PageRecord>,
    article_dates: &mut Vec<(String, NaiveDate)>,
    unreadable: &mut usize,
) {
    match serde_json::from_str::<xunwang_checks::PageRecord>(&m) {
        Ok(r) if r.is_plain_article(&cfg.checks) => {
            if let Some(d) = r.published {
                article_dates.push((r.url, d.date));
            }
        }
        Ok(r) => records.push(r),
        Err(e) => {
            *unreadable += 1;
            tracing::warn!(site, error = %e, "stored page model unreadable");
        }
    }
}

/// Links worth following or checking: http(s) targets other than the page itself.
fn found_links(links: &[xunwang_extract::Link], page: &Url) -> Vec<FoundLink> {
    let here = normalize(page);
    let mut out = Vec::with_capacity(links.len());
    for l in links {
        // A form's action answers POSTed data; requesting it bare says nothing about it.
        if l.element == "form" {
            continue;
        }
        let Some(url) = &l.url else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        let url = normalize(url);
        if url == here {
            continue;
        }
        out.push(FoundLink {
            key: url.to_string(),
            url,
            navigational: l.kind == LinkKind::Navigation,
            occurrence: Occurrence {
                page: page.to_string(),
                element: l.element.clone(),
                attribute: l.attribute.clone(),
                text: l.text.clone(),
            },
        });
    }
    out
}

/// Folds one fetched entry into the frontier and builds its commit.
fn absorb(
    done: Done,
    frontier: &mut Frontier,
    known: &mut HashMap<String, Known>,
    stored_occ: &mut HashMap<String, usize>,
    cfg: &InspectConfig,
    progress: &Progress,
) -> Commit {
    let url = done.entry.url.to_string();
    let prev = known.get(&url).copied();
    let k = known_of(&done.verdict, done.entry.kind, done.entry.depth);
    known.insert(url.clone(), k);
    if prev.is_none() {
        match done.entry.kind {
            EntryKind::Page => Progress::add(&progress.pages, 1),
            EntryKind::Check => Progress::add(&progress.checks, 1),
        }
    }
    if done.verdict.is_broken() {
        Progress::add(&progress.broken, 1);
    } else if done.verdict.is_indeterminate() && prev.is_none_or(|p| !p.indeterminate) {
        Progress::add(&progress.indeterminate, 1);
    }
    if k.ok {
        stored_occ.remove(&url);
    }

    let mut discovered = Vec::new();
    let mut occurrences = Vec::new();
    for link in done.links {
        if let Offer::New(e) = frontier.offer(&link.url, done.entry.depth + 1, link.navigational) {
            discovered.push(row_of(&e, false));
        }
        if known.get(&link.key).is_some_and(|k| k.ok) {
            continue;
        }
        let n = stored_occ.entry(link.key.clone()).or_default();
        if *n < cfg.max_occurrences {
            *n += 1;
            occurrences.push((link.key, link.occurrence));
        }
    }
    Commit {
        target: TargetRecord {
            url,
            verdict: done.verdict,
            status: done.fetched.response.as_ref().map(|r| r.status),
            redirects: done.fetched.redirects,
            attempts: done.fetched.attempts,
            checked_at: chrono::Utc::now().fixed_offset(),
        },
        page: done.page,
        discovered,
        occurrences,
        hits: done.hits,
    }
}

/// Indeterminate targets not yet re-checked. robots.txt refusals are not retried: the answer
/// would be the same.
fn recheck_candidates(
    known: &HashMap<String, Known>,
    rechecked: &HashSet<String>,
) -> Vec<(String, Known)> {
    let mut v: Vec<(String, Known)> = known
        .iter()
        .filter(|(u, k)| k.indeterminate && !rechecked.contains(*u))
        .map(|(u, k)| (u.clone(), *k))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn known_of(verdict: &LinkVerdict, kind: EntryKind, depth: u32) -> Known {
    let indeterminate = matches!(verdict, LinkVerdict::Indeterminate { reason } if *reason != Reason::RobotsDisallowed);
    Known {
        ok: *verdict == LinkVerdict::Ok,
        indeterminate,
        kind,
        depth,
    }
}

fn row_of(e: &Entry, done: bool) -> FrontierRow {
    FrontierRow {
        url: e.url.to_string(),
        depth: e.depth,
        kind: store_kind(e.kind),
        done,
    }
}

fn store_kind(k: EntryKind) -> xunwang_store::EntryKind {
    match k {
        EntryKind::Page => xunwang_store::EntryKind::Page,
        EntryKind::Check => xunwang_store::EntryKind::Check,
    }
}

fn crawl_kind(k: xunwang_store::EntryKind) -> EntryKind {
    match k {
        xunwang_store::EntryKind::Page => EntryKind::Page,
        xunwang_store::EntryKind::Check => EntryKind::Check,
    }
}

/// Page URLs listed in the site's sitemaps (robots.txt `Sitemap:` lines, else `/sitemap.xml`),
/// following sitemap indexes up to [`MAX_SITEMAPS`] files.
async fn sitemap_urls(fetcher: &Fetcher, home: &Url) -> Vec<Url> {
    let mut queue = fetcher.robots_sitemaps(home).await;
    if queue.is_empty()
        && let Ok(u) = home.join("/sitemap.xml")
    {
        queue.push(u);
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while let Some(sm) = queue.pop() {
        if seen.len() >= MAX_SITEMAPS || !seen.insert(sm.to_string()) {
            continue;
        }
        let f = fetcher.get(&sm, None).await;
        let Some(resp) = f.response.filter(|r| r.status == 200) else {
            continue;
        };
        match parse_sitemap(&resp.body) {
            Ok(map) => {
                out.extend(map.urls.iter().filter_map(|u| Url::parse(u.trim()).ok()));
                queue.extend(
                    map.sitemaps
                        .iter()
                        .filter_map(|u| Url::parse(u.trim()).ok()),
                );
            }
            Err(e) => tracing::warn!(sitemap = %sm, error = %e, "sitemap unreadable"),
        }
    }
    out
}

/// Asks the site for a URL that cannot exist. When it answers 2xx, the answer's fingerprint
/// is what a soft-404 looks like on this host.
async fn soft404_probe(fetcher: &Fetcher, home: &Url) -> Option<Soft404Probe> {
    let path = format!(
        "/xunwang-probe-{:016x}/no-such-page.html",
        Fnv1a64::hash(home.as_str().as_bytes())
    );
    let url = home.join(&path).ok()?;
    let f = fetcher.get(&url, None).await;
    // Many sites redirect unknown URLs to the home page; that answer is the home page, not a
    // not-found page, and comparing pages with it would call the home page a soft-404.
    if !f.redirects.is_empty() {
        return None;
    }
    let resp = f.response?;
    if !(200..300).contains(&resp.status) || !resp.is_html() {
        return None;
    }
    let decoded = resp.decode();
    let facts = parse_page(&decoded.text, &f.final_url);
    Some(Soft404Probe::new(
        resp.status,
        facts.title.as_deref(),
        &facts.text,
    ))
}

fn stats_json(r: &SiteReport) -> String {
    let traps: Vec<serde_json::Value> = r
        .traps
        .iter()
        .map(|(t, n)| serde_json::json!({"template": t, "refused": n}))
        .collect();
    serde_json::json!({
        "pages": r.pages,
        "checks": r.checks,
        "broken": r.broken,
        "indeterminate": r.indeterminate,
        "resumed": r.resumed,
        "traps": traps,
        "truncated": r.truncated,
    })
    .to_string()
}

fn fnv_hex(bytes: &[u8]) -> String {
    format!("{:016x}", Fnv1a64::hash(bytes))
}
