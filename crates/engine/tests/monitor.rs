//! The monitor on a simulated clock: weeks of probes and polls in milliseconds, against a
//! network double that fails on a schedule, and against the sample sites over real loopback
//! HTTP.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use url::Url;
use xunwang_core::{FindingKind, Severity};
use xunwang_engine::monitor::{
    AvailabilityVerdict, Cadence, Clock, HttpWeb, Monitor, MonitorConfig, PageFetch, ProbeResult,
    SimClock, Web, availability_summary, monitor_findings, monitor_sites, probe_config,
};
use xunwang_fetch::{FetchConfig, Fetcher, Validators, parse_resolve};
use xunwang_store::{MonitorStore, ProbeOutcome, SqliteStore};

const HOME: &str = "http://www.a.gov.cn/";
const DAY: Duration = Duration::from_secs(86_400);
/// 20 probes a day: a week is exactly the 140 the rule needs.
const EVERY_72_MIN: Duration = Duration::from_secs(72 * 60);

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn temp_db(name: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("xunwang-monitor-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path.display().to_string()
}

fn after(t0: DateTime<FixedOffset>, d: Duration) -> DateTime<FixedOffset> {
    t0 + chrono::Duration::from_std(d).unwrap()
}

/// The pages a [`FakeWeb`] serves: HTML from the URL and the time (Unix ms).
type Pages = Box<dyn Fn(&str, i64) -> String + Send + Sync>;

/// A network double: probes fail at the listed times; pages come from a function of the day.
struct FakeWeb {
    clock: Arc<SimClock>,
    fail_at: HashSet<i64>,
    probes: Mutex<Vec<(String, i64)>>,
    page: Pages,
}

impl FakeWeb {
    fn new(clock: Arc<SimClock>) -> FakeWeb {
        FakeWeb {
            clock,
            fail_at: HashSet::new(),
            probes: Mutex::default(),
            page: Box::new(|_, _| String::new()),
        }
    }
}

impl Web for FakeWeb {
    async fn probe(&self, url: &Url) -> ProbeResult {
        let now = self.clock.now_ms();
        self.probes.lock().unwrap().push((url.to_string(), now));
        if self.fail_at.contains(&now) {
            ProbeResult::failed(ProbeOutcome::Timeout, "超时")
        } else {
            ProbeResult::ok(120, 30_000)
        }
    }

    async fn fetch(&self, url: &Url, _validators: &Validators) -> PageFetch {
        PageFetch {
            outcome: Some(ProbeOutcome::Ok),
            status: Some(200),
            html: Some((self.page)(url.as_str(), self.clock.now_ms())),
            final_url: Some(url.clone()),
            ..PageFetch::default()
        }
    }
}

fn probe_only(every: Duration) -> MonitorConfig {
    MonitorConfig {
        probe_every: every,
        jitter: 0.0,
        poll_every: None,
        retention: None,
        ..MonitorConfig::default()
    }
}

/// Runs one simulated week of probes of [`HOME`] with the k-th slots in `failing` failing;
/// returns the store, the double and the end of the week.
async fn simulated_week(
    name: &str,
    failing: &[i64],
) -> (SqliteStore, Arc<FakeWeb>, DateTime<FixedOffset>) {
    let t0 = t("2026-11-21T10:00:00+08:00");
    let end = after(t0, 7 * DAY);
    let clock = Arc::new(SimClock::new(t0));
    let store = SqliteStore::open(&temp_db(name)).await.unwrap();
    let cadence = Cadence::new(HOME, "probe", EVERY_72_MIN, 0.0);
    let first = cadence.first_at_or_after(t0.timestamp_millis());
    let mut web = FakeWeb::new(clock.clone());
    web.fail_at = failing.iter().map(|k| cadence.due(first + k)).collect();
    let web = Arc::new(web);
    let sites = monitor_sites(&store, &[HOME.into()]).await.unwrap();
    let m = Monitor::new(
        store.clone(),
        web.clone(),
        clock,
        sites,
        probe_only(EVERY_72_MIN),
    );
    let counts = m.run(Some(end), std::future::pending()).await.unwrap();
    assert_eq!(counts.probes_done, 140);
    assert_eq!(counts.probes_duplicate, 0);
    (store, web, end)
}

#[tokio::test]
async fn seven_days_with_7_of_140_probes_failing_is_a_veto() {
    let (store, web, end) = simulated_week("veto", &[3, 20, 41, 60, 77, 100, 139]).await;
    // Each failure was confirmed by a re-probe 5 s later (which succeeded: transient).
    assert_eq!(web.probes.lock().unwrap().len(), 147);

    let findings = monitor_findings(&store, HOME, end).await.unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.kind, FindingKind::AvailabilityDown);
    assert_eq!(f.severity, Severity::Veto);
    assert_eq!(f.evidence.facts["probes"], 140);
    assert_eq!(f.evidence.facts["failures"], 7);
    assert_eq!(f.evidence.facts["ratio"], 0.05);
    assert_eq!(f.evidence.facts["confirmed"], 0);
    assert_eq!(
        f.evidence.facts["failed_probes"].as_array().unwrap().len(),
        7
    );

    let rows = availability_summary(&store, end, 7 * DAY).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].probes, rows[0].failures), (140, 7));
    assert_eq!(rows[0].verdict, AvailabilityVerdict::Veto);
    // Confirmation re-probes are stored beside the scheduled ones, not counted.
    let stored = store.probes(1, 0, end.timestamp_millis()).await.unwrap();
    assert_eq!(stored.iter().filter(|p| p.attempt == 1).count(), 7);
    assert!(
        stored
            .iter()
            .filter(|p| p.attempt == 1)
            .all(|p| p.outcome == ProbeOutcome::Ok)
    );
}

#[tokio::test]
async fn seven_days_with_6_of_140_probes_failing_is_only_a_warning() {
    let (store, _, end) = simulated_week("warn", &[0, 20, 41, 60, 77, 100]).await;
    let findings = monitor_findings(&store, HOME, end).await.unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].kind, FindingKind::AvailabilityDegraded);
    assert_eq!(findings[0].severity, Severity::Warning);
    let rows = availability_summary(&store, end, 7 * DAY).await.unwrap();
    assert_eq!(rows[0].verdict, AvailabilityVerdict::Warning);
    // Three days in, the same data is too little to judge: no finding, 数据不足.
    let early = after(end, Duration::ZERO) - chrono::Duration::days(4);
    assert!(
        monitor_findings(&store, HOME, early)
            .await
            .unwrap()
            .is_empty()
    );
    let rows = availability_summary(&store, early, 7 * DAY).await.unwrap();
    assert_eq!(rows[0].verdict, AvailabilityVerdict::InsufficientData);
}

#[tokio::test]
async fn a_site_without_monitor_data_has_no_window_findings() {
    let store = SqliteStore::open(&temp_db("empty")).await.unwrap();
    let now = t("2026-11-28T10:00:00+08:00");
    assert!(
        monitor_findings(&store, HOME, now)
            .await
            .unwrap()
            .is_empty()
    );
    xunwang_store::Store::upsert_site(&store, HOME, None)
        .await
        .unwrap();
    assert!(
        monitor_findings(&store, HOME, now)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_restart_mid_window_neither_loses_nor_duplicates_probes() {
    let t0 = t("2026-11-21T10:00:00+08:00");
    let end = after(t0, 7 * DAY);
    let clock = Arc::new(SimClock::new(t0));
    let store = SqliteStore::open(&temp_db("restart")).await.unwrap();
    let homes: Vec<String> = (0..20).map(|i| format!("http://s{i}.gov.cn/")).collect();
    let web = Arc::new(FakeWeb::new(clock.clone()));
    let cfg = MonitorConfig {
        jitter: 0.2,
        ..probe_only(EVERY_72_MIN)
    };
    let sites = monitor_sites(&store, &homes).await.unwrap();
    // Stopped half-way (as by SIGTERM), started again at once.
    let first = Monitor::new(
        store.clone(),
        web.clone(),
        clock.clone(),
        sites.clone(),
        cfg.clone(),
    );
    let a = first
        .run(
            Some(after(t0, Duration::from_secs(302_400))),
            std::future::pending(),
        )
        .await
        .unwrap();
    let second = Monitor::new(
        store.clone(),
        web.clone(),
        clock.clone(),
        sites.clone(),
        cfg.clone(),
    );
    let b = second.run(Some(end), std::future::pending()).await.unwrap();
    assert_eq!(a.probes_duplicate + b.probes_duplicate, 0);
    for s in &sites {
        let c = Cadence::new(&s.home, "probe", EVERY_72_MIN, 0.2);
        let expected = c.count_between(t0.timestamp_millis(), end.timestamp_millis());
        let stored = store.probes(s.id, 0, i64::MAX).await.unwrap();
        let dues: Vec<i64> = stored.iter().map(|p| p.due_ms).collect();
        let unique: HashSet<i64> = dues.iter().copied().collect();
        assert_eq!(dues.len() as i64, expected, "{}", s.home);
        assert_eq!(unique.len(), dues.len(), "{}", s.home);
        assert!(dues.iter().all(|d| c.slot_of(*d).is_some()));
    }
    let total: usize = web.probes.lock().unwrap().len();
    assert_eq!(total as u64, a.probes_done + b.probes_done);
}

#[tokio::test]
async fn after_six_hours_down_the_daemon_resumes_at_each_sites_next_slot_without_a_burst() {
    let t0 = t("2026-11-21T10:00:00+08:00");
    let clock = Arc::new(SimClock::new(t0));
    let store = SqliteStore::open(&temp_db("downtime")).await.unwrap();
    let homes: Vec<String> = (0..50).map(|i| format!("http://d{i}.gov.cn/")).collect();
    let web = Arc::new(FakeWeb::new(clock.clone()));
    let every = Duration::from_secs(1800);
    let cfg = MonitorConfig {
        jitter: 0.2,
        ..probe_only(every)
    };
    let sites = monitor_sites(&store, &homes).await.unwrap();
    let stop = after(t0, 2 * DAY);
    Monitor::new(
        store.clone(),
        web.clone(),
        clock.clone(),
        sites.clone(),
        cfg.clone(),
    )
    .run(Some(stop), std::future::pending())
    .await
    .unwrap();
    let restart = after(stop, Duration::from_secs(6 * 3600));
    clock.set(restart);
    let end = after(restart, DAY);
    Monitor::new(
        store.clone(),
        web.clone(),
        clock.clone(),
        sites.clone(),
        cfg,
    )
    .run(Some(end), std::future::pending())
    .await
    .unwrap();
    let probes = web.probes.lock().unwrap().clone();
    // Nothing was probed while down, and no slot of the downtime was made up after it.
    assert!(
        probes
            .iter()
            .all(|(_, at)| *at < stop.timestamp_millis() || *at >= restart.timestamp_millis())
    );
    // After the restart each site's first probe is its own next slot, so they stay spread
    // over the interval: at most a fifth of the sites in the first tenth of it.
    let r = restart.timestamp_millis();
    let early = probes
        .iter()
        .filter(|(_, at)| *at >= r && *at < r + every.as_millis() as i64 / 10)
        .count();
    assert!(early <= 10, "{early} probes right after the restart");
    for s in &sites {
        let c = Cadence::new(&s.home, "probe", every, 0.2);
        let first_after = probes
            .iter()
            .filter(|(u, at)| *u == s.home && *at >= r)
            .map(|(_, at)| *at)
            .min()
            .unwrap();
        assert_eq!(first_after, c.due(c.first_at_or_after(r)), "{}", s.home);
    }
}

/// A home page listing old items, plus a new one dated `t0 + new_on` days from that day on,
/// and (from day 5) the first old item re-dated to that day.
fn sample_pages(t0: DateTime<FixedOffset>, new_on: Option<i64>) -> impl Fn(&str, i64) -> String {
    let t0_ms = t0.timestamp_millis();
    let day0 = t0.date_naive();
    move |url: &str, now_ms: i64| {
        let day = (now_ms - t0_ms) / 86_400_000;
        let date = |d: i64| (day0 + chrono::Duration::days(d)).to_string();
        let mut items = String::new();
        if url.ends_with("/gzdt/") {
            for i in 0..5 {
                items += &format!(
                    r#"<li><a href="/gzdt/202609/t202609{i:02}_{i}.html">部门工作动态消息之{i}</a><span>2026-09-{:02}</span></li>"#,
                    i + 1
                );
            }
        } else {
            if let Some(n) = new_on
                && day >= n
            {
                items += &format!(
                    r#"<li><a href="/xwdt/new_{n}.html">市政府召开常务会议</a><span>{}</span></li>"#,
                    date(n)
                );
            }
            for i in 0..6 {
                let d = if i == 0 && day >= 5 {
                    date(5)
                } else {
                    format!("2026-10-{:02}", i + 1)
                };
                items += &format!(
                    r#"<li><a href="/xwdt/202610/t202610{i:02}_{i}.html">全市重点工作推进情况通报之{i}</a><span>{d}</span></li>"#
                );
            }
        }
        format!(
            r#"<html><head><title>示例</title></head><body>
            <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/gzdt/">工作动态</a></li></ul></div>
            <div class="list"><ul>{items}</ul></div></body></html>"#
        )
    }
}

async fn two_weeks_of_polls(name: &str, new_on: Option<i64>) -> Vec<xunwang_core::Finding> {
    let t0 = t("2026-11-14T10:00:00+08:00");
    two_weeks_of(name, Box::new(sample_pages(t0, new_on))).await
}

async fn two_weeks_of(name: &str, pages: Pages) -> Vec<xunwang_core::Finding> {
    let t0 = t("2026-11-14T10:00:00+08:00");
    let end = after(t0, 14 * DAY);
    let clock = Arc::new(SimClock::new(t0));
    let store = SqliteStore::open(&temp_db(name)).await.unwrap();
    let mut web = FakeWeb::new(clock.clone());
    web.page = pages;
    let cfg = MonitorConfig {
        probe_every: Duration::from_secs(3600),
        poll_every: Some(DAY),
        jitter: 0.2,
        retention: None,
        ..MonitorConfig::default()
    };
    let sites = monitor_sites(&store, &[HOME.into()]).await.unwrap();
    let counts = Monitor::new(store.clone(), Arc::new(web), clock, sites, cfg)
        .run(Some(end), std::future::pending())
        .await
        .unwrap();
    assert!(counts.polls_done >= 13, "{counts:?}");
    // Too little history a week in: no freshness finding, whatever the pages say.
    let early = monitor_findings(&store, HOME, after(t0, 7 * DAY))
        .await
        .unwrap();
    assert!(
        early
            .iter()
            .all(|f| !matches!(f.kind, FindingKind::HomeStale | FindingKind::ColumnStale)),
        "{early:#?}"
    );
    monitor_findings(&store, HOME, end).await.unwrap()
}

fn kinds(findings: &[xunwang_core::Finding]) -> Vec<(FindingKind, &str)> {
    let mut k: Vec<_> = findings.iter().map(|f| (f.kind, f.url.as_str())).collect();
    k.sort();
    k
}

#[tokio::test]
async fn fourteen_days_of_polls_with_one_new_item_on_day_3_is_not_home_stale() {
    let findings = two_weeks_of_polls("fresh", Some(3)).await;
    assert_eq!(
        kinds(&findings),
        [
            (FindingKind::ColumnStale, "http://www.a.gov.cn/gzdt/"),
            (
                FindingKind::ContentDateChanged,
                "http://www.a.gov.cn/xwdt/202610/t20261000_0.html"
            ),
        ],
        "{findings:#?}"
    );
    let changed = &findings[1];
    assert_eq!(changed.evidence.facts["old_date"], "2026-10-01");
    assert_eq!(changed.evidence.facts["new_date"], "2026-11-19");
}

#[tokio::test]
async fn fourteen_days_of_polls_without_a_new_item_is_home_stale_even_with_a_re_dated_item() {
    let findings = two_weeks_of_polls("stale", None).await;
    assert_eq!(
        kinds(&findings),
        [
            (FindingKind::HomeStale, HOME),
            (FindingKind::ColumnStale, "http://www.a.gov.cn/gzdt/"),
            (
                FindingKind::ContentDateChanged,
                "http://www.a.gov.cn/xwdt/202610/t20261000_0.html"
            ),
        ],
        "{findings:#?}"
    );
    let home = &findings[0];
    assert_eq!(home.severity, Severity::Veto);
    assert!(home.evidence.facts["polls"].as_u64().unwrap() >= 13);
}

#[tokio::test]
async fn a_navigation_only_home_page_is_judged_through_its_columns() {
    let t0 = t("2026-11-14T10:00:00+08:00");
    let columns = sample_pages(t0, None);
    // The home page shows only its menu: no list, no dated item.
    let pages: Pages = Box::new(move |url: &str, now: i64| {
        if url.ends_with("/gzdt/") {
            columns(url, now)
        } else {
            r#"<html><body><div class="nav"><ul><li><a href="/">首页</a></li>
               <li><a href="/gzdt/">工作动态</a></li></ul></div></body></html>"#
                .to_owned()
        }
    });
    let findings = two_weeks_of("navigation", pages).await;
    assert_eq!(
        kinds(&findings),
        [
            (FindingKind::HomeStale, HOME),
            (FindingKind::ColumnStale, "http://www.a.gov.cn/gzdt/"),
        ],
        "{findings:#?}"
    );
    assert_eq!(findings[0].evidence.facts["basis"], "first_level_columns");
}

/// Real HTTP on loopback, simulated days: the sample world with one host that fails every 20th
/// request; a week of 72-minute probes is 140 requests, 7 of which fail.
#[tokio::test]
async fn a_simulated_week_of_real_http_probes_of_a_sample_site_failing_every_20th_request() {
    let scenario = xunwang_testsite::Scenario::from_toml(
        r#"
name = "flaky"
seed = 1
[city]
name = "江城市"
region_code = "420100"
[[site]]
key = "a"
name = "江城市统计局"
host = "tjj.jiangcheng.gov.cn"
kind = "department"
organizer = "江城市统计局"
site_code = "4201000056"
items_per_column = 4
[[behaviour]]
kind = "flaky"
host = "tjj.jiangcheng.gov.cn"
every = 20
"#,
        "flaky.toml",
    )
    .unwrap();
    let opts = xunwang_testsite::ServeOptions {
        port: 0,
        now: Some(t("2026-11-21T10:00:00+08:00")),
        ..Default::default()
    };
    let site = xunwang_testsite::Testsite::start(&scenario, &opts)
        .await
        .unwrap();
    let base = FetchConfig {
        resolve: site
            .manifest()
            .resolve
            .iter()
            .map(|r| parse_resolve(r).unwrap())
            .collect(),
        resolve_only: true,
        ..FetchConfig::default()
    };
    let probe = Fetcher::new(probe_config(&base, Duration::from_secs(15))).unwrap();
    let web = Arc::new(HttpWeb::new(probe, Fetcher::new(base).unwrap()));
    let home = site.manifest().sites[0].home.clone();

    let t0 = t("2026-11-21T10:00:00+08:00");
    let end = after(t0, 7 * DAY);
    let clock = Arc::new(SimClock::new(t0));
    let store = SqliteStore::open(&temp_db("http")).await.unwrap();
    let sites = monitor_sites(&store, std::slice::from_ref(&home))
        .await
        .unwrap();
    let cfg = MonitorConfig {
        confirm_delay: None,
        ..probe_only(EVERY_72_MIN)
    };
    let counts = Monitor::new(store.clone(), web, clock, sites, cfg)
        .run(Some(end), std::future::pending())
        .await
        .unwrap();
    site.stop().await;
    assert_eq!((counts.probes_done, counts.probes_failed), (140, 7));
    let rows = availability_summary(&store, end, 7 * DAY).await.unwrap();
    assert_eq!((rows[0].probes, rows[0].failures), (140, 7));
    assert_eq!(rows[0].verdict, AvailabilityVerdict::Veto);
    let stored = store.probes(1, 0, i64::MAX).await.unwrap();
    let failed: Vec<_> = stored.iter().filter(|p| p.outcome.is_failure()).collect();
    assert!(
        failed
            .iter()
            .all(|p| p.outcome == ProbeOutcome::Http && p.status == Some(503))
    );
    assert!(
        stored
            .iter()
            .filter(|p| p.outcome == ProbeOutcome::Ok)
            .all(|p| p.bytes > 0)
    );
}
