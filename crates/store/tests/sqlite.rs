//! Behaviour of the SQLite store: each test gets its own database file in the temp directory.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset};
use xunwang_core::{
    Evidence, Finding, FindingKind, Hop, LinkVerdict, Occurrence, Reason, Severity,
};
use xunwang_store::{
    Commit, EntryKind, FrontierRow, PageRecord, RunStatus, SqliteStore, Store, StoreError,
    TargetRecord,
};

/// A database file that is removed (with its WAL and SHM files) when dropped.
struct TempDb {
    path: PathBuf,
}

impl TempDb {
    fn new(name: &str) -> TempDb {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let seq = SEQ.fetch_add(1, Ordering::Relaxed);
        let file = format!("xunwang-store-{}-{seq}-{name}.db", std::process::id());
        let path = std::env::temp_dir().join(file);
        let db = TempDb { path };
        db.remove();
        db
    }

    fn path(&self) -> &str {
        self.path.to_str().unwrap()
    }

    async fn open(&self) -> SqliteStore {
        SqliteStore::open(self.path()).await.unwrap()
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn at() -> DateTime<FixedOffset> {
    t("2026-11-28T10:00:00+08:00")
}

fn row(url: &str, depth: u32, kind: EntryKind) -> FrontierRow {
    FrontierRow {
        url: url.into(),
        depth,
        kind,
        done: false,
    }
}

fn target(url: &str, verdict: LinkVerdict) -> TargetRecord {
    let status = match verdict.reason() {
        Some(Reason::Status(s)) => Some(*s),
        Some(_) => None,
        None => Some(200),
    };
    TargetRecord {
        url: url.into(),
        verdict,
        status,
        redirects: Vec::new(),
        attempts: 1,
        checked_at: at(),
    }
}

fn broken() -> LinkVerdict {
    LinkVerdict::Broken {
        reason: Reason::Status(404),
    }
}

fn occ(page: &str, text: &str) -> Occurrence {
    Occurrence {
        page: page.into(),
        element: "a".into(),
        attribute: "href".into(),
        text: text.into(),
    }
}

fn page(url: &str) -> PageRecord {
    PageRecord {
        url: url.into(),
        final_url: url.into(),
        status: Some(200),
        content_type: Some("text/html; charset=utf-8".into()),
        bytes: 12_345,
        elapsed_ms: 87,
        hash: Some("abcd".into()),
        title: Some("首页 - 示例政府网".into()),
        charset: Some("utf-8".into()),
        etag: None,
        last_modified: Some("Sat, 28 Nov 2026 01:00:00 GMT".into()),
        fetched_at: at(),
        model: Some(r#"{"breadcrumb":[{"text":"首页","url":null}]}"#.into()),
    }
}

/// A commit for fetching `url` as an Ok page that links to `links` (each also an occurrence).
fn page_commit(url: &str, links: &[&str]) -> Commit {
    Commit {
        target: target(url, LinkVerdict::Ok),
        page: Some(page(url)),
        discovered: links.iter().map(|l| row(l, 1, EntryKind::Page)).collect(),
        occurrences: links
            .iter()
            .map(|l| ((*l).to_owned(), occ(url, "链接")))
            .collect(),
        hits: Vec::new(),
    }
}

/// A commit for checking `url` with `verdict`, discovering nothing.
fn check_commit(url: &str, verdict: LinkVerdict) -> Commit {
    Commit {
        target: target(url, verdict),
        page: None,
        discovered: Vec::new(),
        occurrences: Vec::new(),
        hits: Vec::new(),
    }
}

const HOME: &str = "http://www.example.gov.cn/";

/// A site and a fresh run with the home page enqueued.
async fn started(store: &SqliteStore) -> (i64, i64) {
    let site = store.upsert_site(HOME, Some("示例")).await.unwrap();
    let run = store.create_run(site, at()).await.unwrap();
    store
        .enqueue(run, &[row(HOME, 0, EntryKind::Page)])
        .await
        .unwrap();
    (site, run)
}

#[tokio::test]
async fn upserting_a_site_twice_returns_the_same_id_and_keeps_its_name() {
    let db = TempDb::new("site");
    let store = db.open().await;
    let a = store.upsert_site(HOME, Some("示例政府网")).await.unwrap();
    let b = store.upsert_site(HOME, None).await.unwrap();
    assert_eq!(a, b);
    assert_eq!(store.site_id(HOME).await.unwrap(), Some(a));
    assert_eq!(store.site_id("http://other.gov.cn/").await.unwrap(), None);
    let other = store
        .upsert_site("http://other.gov.cn/", None)
        .await
        .unwrap();
    assert_ne!(other, a);
    store.close().await;
}

#[tokio::test]
async fn a_run_is_unfinished_until_finished_and_then_is_the_last_finished_run() {
    let db = TempDb::new("run");
    let store = db.open().await;
    let site = store.upsert_site(HOME, None).await.unwrap();
    assert!(store.unfinished_run(site).await.unwrap().is_none());
    assert!(store.last_finished_run(site).await.unwrap().is_none());

    let run = store.create_run(site, at()).await.unwrap();
    let open = store.unfinished_run(site).await.unwrap().unwrap();
    assert_eq!(open.id, run);
    assert_eq!(open.site, site);
    assert_eq!(open.status, RunStatus::Running);
    assert_eq!(open.started_at, at());
    assert_eq!(
        open.started_at.offset().local_minus_utc(),
        8 * 3600,
        "offset kept"
    );
    assert!(open.finished_at.is_none() && open.stats.is_none());

    let end = at() + Duration::minutes(42);
    store
        .finish_run(run, end, RunStatus::Finished, r#"{"pages":1}"#)
        .await
        .unwrap();
    assert!(store.unfinished_run(site).await.unwrap().is_none());
    let done = store.run(run).await.unwrap().unwrap();
    assert_eq!(done.status, RunStatus::Finished);
    assert_eq!(done.finished_at, Some(end));
    assert_eq!(done.stats.as_deref(), Some(r#"{"pages":1}"#));

    // A later failed run is not the last finished one; a later running one is unfinished.
    let failed = store.create_run(site, end).await.unwrap();
    store
        .finish_run(failed, end, RunStatus::Failed, "{}")
        .await
        .unwrap();
    assert_eq!(
        store.last_finished_run(site).await.unwrap().unwrap().id,
        run
    );
    let resumed = store.create_run(site, end).await.unwrap();
    assert_eq!(
        store.unfinished_run(site).await.unwrap().unwrap().id,
        resumed
    );
    assert!(store.run(resumed + 100).await.unwrap().is_none());
    store.close().await;
}

#[tokio::test]
async fn finishing_an_unknown_run_is_an_error_naming_the_operation() {
    let db = TempDb::new("unknown-run");
    let store = db.open().await;
    let err = store
        .finish_run(999, at(), RunStatus::Finished, "{}")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::UnknownRun {
                op: "finish_run",
                run: 999
            }
        ),
        "{err:?}"
    );
    let err = store
        .commit(999, &check_commit(HOME, LinkVerdict::Ok))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Query { op: "commit", .. }),
        "{err:?}"
    );
    store.close().await;
}

#[tokio::test]
async fn enqueue_ignores_urls_already_in_the_runs_frontier() {
    let db = TempDb::new("enqueue");
    let store = db.open().await;
    let (site, run) = started(&store).await;
    let a = row("http://www.example.gov.cn/a", 1, EntryKind::Page);
    let b = row("http://cdn.example.com/b.pdf", 1, EntryKind::Check);
    store
        .enqueue(run, &[a.clone(), b.clone(), a.clone()])
        .await
        .unwrap();
    // Re-enqueueing with another depth does not change the stored row.
    store
        .enqueue(
            run,
            &[
                row(HOME, 5, EntryKind::Check),
                FrontierRow {
                    depth: 3,
                    ..b.clone()
                },
            ],
        )
        .await
        .unwrap();
    let frontier = store.frontier(run).await.unwrap();
    assert_eq!(frontier, vec![row(HOME, 0, EntryKind::Page), a.clone(), b]);

    // Another run of the same site has its own frontier.
    let other = store.create_run(site, at()).await.unwrap();
    store
        .enqueue(other, std::slice::from_ref(&a))
        .await
        .unwrap();
    assert_eq!(store.frontier(other).await.unwrap(), vec![a]);
    store.close().await;
}

#[tokio::test]
async fn commit_marks_the_url_done_and_stores_page_discovered_rows_and_occurrences() {
    let db = TempDb::new("commit");
    let store = db.open().await;
    let (_, run) = started(&store).await;
    let links = ["http://www.example.gov.cn/a", "http://www.example.gov.cn/b"];
    let mut c = page_commit(HOME, &links);
    c.target.redirects = vec![Hop {
        url: "http://example.gov.cn/".into(),
        status: 301,
    }];
    c.target.attempts = 2;
    c.page.as_mut().unwrap().final_url = "http://www.example.gov.cn/index.html".into();
    c.discovered.push(row(HOME, 1, EntryKind::Page)); // a self-link is a duplicate
    store.commit(run, &c).await.unwrap();

    let frontier = store.frontier(run).await.unwrap();
    assert_eq!(frontier.len(), 3);
    assert_eq!(
        frontier[0],
        FrontierRow {
            done: true,
            ..row(HOME, 0, EntryKind::Page)
        }
    );
    assert!(frontier[1..].iter().all(|r| !r.done && r.depth == 1));
    assert_eq!(store.targets(run).await.unwrap(), vec![c.target.clone()]);
    assert_eq!(
        store.pages(run).await.unwrap(),
        vec![c.page.clone().unwrap()]
    );
    let models = store.page_models(run, 0, 10).await.unwrap();
    assert_eq!(models.len(), 1);
    assert_eq!(models[0].1, c.page.clone().unwrap().model.unwrap());
    assert!(
        store
            .page_models(run, models[0].0, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let occurrences = store.occurrences(run).await.unwrap();
    assert_eq!(occurrences, c.occurrences);
    store.close().await;
}

#[tokio::test]
async fn an_ok_verdict_deletes_the_targets_occurrences_and_a_broken_one_keeps_them() {
    let db = TempDb::new("verdicts");
    let store = db.open().await;
    let (_, run) = started(&store).await;
    let good = "http://www.example.gov.cn/good";
    let bad = "http://www.example.gov.cn/bad";
    let slow = "http://slow.example.com/";
    store
        .commit(run, &page_commit(HOME, &[good, bad, slow]))
        .await
        .unwrap();
    assert_eq!(store.occurrences(run).await.unwrap().len(), 3);

    store
        .commit(run, &check_commit(good, LinkVerdict::Ok))
        .await
        .unwrap();
    store
        .commit(run, &check_commit(bad, broken()))
        .await
        .unwrap();
    let timeout = LinkVerdict::Indeterminate {
        reason: Reason::Timeout,
    };
    store
        .commit(run, &check_commit(slow, timeout))
        .await
        .unwrap();
    let kept: Vec<String> = store
        .occurrences(run)
        .await
        .unwrap()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(
        kept,
        vec![slow.to_owned(), bad.to_owned()],
        "sorted by target"
    );

    // A later page linking to the Ok target stores no occurrence for it.
    let later = "http://www.example.gov.cn/later";
    store
        .commit(run, &page_commit(later, &[good, bad]))
        .await
        .unwrap();
    let by_target =
        |t: &str, all: &[(String, Occurrence)]| all.iter().filter(|(u, _)| u == t).count();
    let all = store.occurrences(run).await.unwrap();
    assert_eq!(by_target(good, &all), 0);
    assert_eq!(by_target(bad, &all), 2);

    // The re-check pass turns the indeterminate target Ok: its occurrences go, its verdict is replaced.
    store
        .update_target(run, &target(slow, LinkVerdict::Ok))
        .await
        .unwrap();
    let all = store.occurrences(run).await.unwrap();
    assert_eq!(by_target(slow, &all), 0);
    assert_eq!(by_target(bad, &all), 2);
    let targets = store.targets(run).await.unwrap();
    let slow_t = targets.iter().find(|t| t.url == slow).unwrap();
    assert_eq!(slow_t.verdict, LinkVerdict::Ok);
    assert_eq!(
        targets.iter().filter(|t| t.url == slow).count(),
        1,
        "one verdict row per target"
    );
    store.close().await;
}

#[tokio::test]
async fn a_fresh_open_of_the_same_file_resumes_the_frontier_with_done_flags() {
    let db = TempDb::new("resume");
    let (site, run) = {
        let store = db.open().await;
        let ids = started(&store).await;
        store
            .commit(
                ids.1,
                &page_commit(
                    HOME,
                    &["http://www.example.gov.cn/a", "http://www.example.gov.cn/b"],
                ),
            )
            .await
            .unwrap();
        store
            .commit(
                ids.1,
                &check_commit("http://www.example.gov.cn/a", broken()),
            )
            .await
            .unwrap();
        store.close().await;
        ids
    };
    let store = db.open().await;
    assert_eq!(store.site_id(HOME).await.unwrap(), Some(site));
    assert_eq!(store.unfinished_run(site).await.unwrap().unwrap().id, run);
    let done: Vec<(String, bool)> = store
        .frontier(run)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.url, r.done))
        .collect();
    assert_eq!(
        done,
        vec![
            (HOME.to_owned(), true),
            ("http://www.example.gov.cn/a".to_owned(), true),
            ("http://www.example.gov.cn/b".to_owned(), false),
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn a_crash_without_finishing_the_run_loses_nothing_committed() {
    let db = TempDb::new("crash");
    let mut expected = Vec::new();
    let run = {
        let store = db.open().await;
        let (_, run) = started(&store).await;
        let mut prev = HOME.to_owned();
        for i in 0..50 {
            let next = format!("http://www.example.gov.cn/p{i}");
            store
                .commit(run, &page_commit(&prev, &[&next]))
                .await
                .unwrap();
            expected.push(prev);
            prev = next;
        }
        // No close, no checkpoint: the connections are leaked as a killed process would leave
        // them, and everything lives in the WAL.
        std::mem::forget(store);
        run
    };
    let store = db.open().await;
    let frontier = store.frontier(run).await.unwrap();
    let done: Vec<String> = frontier
        .iter()
        .filter(|r| r.done)
        .map(|r| r.url.clone())
        .collect();
    assert_eq!(done, expected);
    assert_eq!(frontier.len(), 51);
    assert_eq!(store.pages(run).await.unwrap().len(), 50);
    assert_eq!(store.targets(run).await.unwrap().len(), 50);
    assert_eq!(
        store.run(run).await.unwrap().unwrap().status,
        RunStatus::Running
    );
    store.close().await;
}

/// Set in the child process of the kill test: the database path it writes to before aborting.
const CRASH_CHILD: &str = "XUNWANG_STORE_CRASH_CHILD";

#[tokio::test]
async fn a_process_aborted_mid_run_loses_nothing_it_committed() {
    if let Ok(path) = std::env::var(CRASH_CHILD) {
        // Child: commit 20 pages, then die without unwinding, closing or checkpointing,
        // which leaves the files as `kill -9` would.
        let store = SqliteStore::open(&path).await.unwrap();
        let (_, run) = started(&store).await;
        let mut prev = HOME.to_owned();
        for i in 0..20 {
            let next = format!("http://www.example.gov.cn/p{i}");
            store
                .commit(run, &page_commit(&prev, &[&next]))
                .await
                .unwrap();
            prev = next;
        }
        std::process::abort();
    }
    let db = TempDb::new("abort");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_process_aborted_mid_run_loses_nothing_it_committed",
            "--test-threads=1",
        ])
        .env(CRASH_CHILD, db.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child must die, not finish");
    let store = db.open().await;
    let site = store.site_id(HOME).await.unwrap().unwrap();
    let run = store.unfinished_run(site).await.unwrap().unwrap().id;
    let frontier = store.frontier(run).await.unwrap();
    assert_eq!(frontier.len(), 21);
    assert_eq!(frontier.iter().filter(|r| r.done).count(), 20);
    assert!(!frontier.last().unwrap().done);
    assert_eq!(store.pages(run).await.unwrap().len(), 20);
    store.close().await;
}

#[tokio::test]
async fn findings_keep_their_first_seen_across_runs_and_update_last_seen() {
    let db = TempDb::new("findings");
    let store = db.open().await;
    let site = store.upsert_site(HOME, None).await.unwrap();
    let url = "http://www.example.gov.cn/bad";
    let finding = |at: DateTime<FixedOffset>, status: u16| {
        let evidence = Evidence {
            summary: "链接不可用".into(),
            status: Some(status),
            occurrences: vec![occ(HOME, "坏链接")],
            ..Evidence::default()
        };
        Finding::new(
            FindingKind::LinkBroken,
            Severity::Serious,
            HOME,
            url,
            url,
            evidence,
            at,
        )
    };
    let day1 = at();
    let day8 = at() + Duration::days(7);

    let run1 = store.create_run(site, day1).await.unwrap();
    let saved = store
        .save_findings(site, run1, &[finding(day1, 404)])
        .await
        .unwrap();
    assert_eq!(saved, vec![finding(day1, 404)]);

    let run2 = store.create_run(site, day8).await.unwrap();
    let saved = store
        .save_findings(site, run2, &[finding(day8, 410)])
        .await
        .unwrap();
    assert_eq!(saved[0].first_seen, day1, "first_seen comes from history");
    assert_eq!(saved[0].last_seen, day8);

    let in_run2 = store.findings(run2).await.unwrap();
    assert_eq!(in_run2.len(), 1);
    assert_eq!(
        in_run2[0],
        Finding {
            first_seen: day1,
            ..finding(day8, 410)
        }
    );
    // Run 1 still shows what it saw then.
    let in_run1 = store.findings(run1).await.unwrap();
    assert_eq!(in_run1, vec![finding(day1, 404)]);

    // A run that saw nothing has no findings.
    let run3 = store.create_run(site, day8).await.unwrap();
    assert!(store.findings(run3).await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn content_hits_are_kept_per_url_and_replaced_when_the_url_is_fetched_again() {
    let db = TempDb::new("hits");
    let store = db.open().await;
    let (_, run) = started(&store).await;
    let page = "http://www.example.gov.cn/a.html";
    let mut c = page_commit(page, &[]);
    c.hits = vec![
        "{\"kind\":\"content.gambling\"}".into(),
        "{\"kind\":\"content.typo\"}".into(),
    ];
    let mut other = check_commit("http://www.example.gov.cn/b.xlsx", LinkVerdict::Ok);
    other.hits = vec!["{\"kind\":\"privacy.phone\"}".into()];
    store.commit_batch(run, &[c, other]).await.unwrap();
    let hits = store.hits(run).await.unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0].0, page);
    assert!(hits[1].1.contains("content.typo"));
    assert_eq!(hits[2].0, "http://www.example.gov.cn/b.xlsx");

    // Fetched again (a resumed run): the page's hits are replaced, the other URL's kept.
    let mut again = page_commit(page, &[]);
    again.hits = vec!["{\"kind\":\"content.porn\"}".into()];
    store.commit(run, &again).await.unwrap();
    let hits = store.hits(run).await.unwrap();
    let bodies: Vec<&str> = hits.iter().map(|(_, b)| b.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "{\"kind\":\"content.porn\"}",
            "{\"kind\":\"privacy.phone\"}"
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn reopening_does_not_reapply_migrations_or_lose_data() {
    let db = TempDb::new("migrate");
    let store = db.open().await;
    assert_eq!(store.schema_version().await.unwrap(), 5);
    let site = store.upsert_site(HOME, Some("示例")).await.unwrap();
    store.close().await;
    for _ in 0..2 {
        let store = db.open().await;
        assert_eq!(store.schema_version().await.unwrap(), 5);
        assert_eq!(store.site_id(HOME).await.unwrap(), Some(site));
        store.close().await;
    }
}

#[tokio::test]
async fn a_version_1_database_is_upgraded_keeping_its_pages() {
    let db = TempDb::new("upgrade");
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=rwc", db.path()))
            .await
            .unwrap();
        sqlx::raw_sql(include_str!("../migrations/sqlite/0001_init.sql"))
            .execute(&pool)
            .await
            .unwrap();
        sqlx::raw_sql(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                 applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
             INSERT INTO schema_migrations (version, name) VALUES (1, 'init');
             INSERT INTO sites (home) VALUES ('http://www.example.gov.cn/');
             INSERT INTO runs (site_id, started_at, status) VALUES (1, '2026-11-28T09:00:00+08:00', 'finished');
             INSERT INTO pages (run_id, url, bytes, elapsed_ms, fetched_at)
                 VALUES (1, 'http://www.example.gov.cn/', 10, 5, '2026-11-28T09:00:00+08:00');",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }
    let store = SqliteStore::open(db.path()).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 5);
    let pages = store.pages(1).await.unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].model, None);
    store.close().await;
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    let db = TempDb::new("too-new");
    db.open().await.close().await;
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.path()))
            .await
            .unwrap();
        sqlx::query("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
    let err = SqliteStore::open(db.path()).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::SchemaTooNew {
                found: 99,
                known: 5
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn open_accepts_sqlite_urls_and_bare_paths_and_creates_the_file() {
    let db = TempDb::new("urls");
    assert!(!db.path.exists());
    let store = SqliteStore::open(&format!("sqlite://{}", db.path()))
        .await
        .unwrap();
    let site = store.upsert_site(HOME, None).await.unwrap();
    store.close().await;
    assert!(db.path.exists());
    let store = SqliteStore::open(&format!("sqlite:{}", db.path()))
        .await
        .unwrap();
    assert_eq!(store.site_id(HOME).await.unwrap(), Some(site));
    store.close().await;
    let err = SqliteStore::open("sqlite://").await.unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
}

#[tokio::test]
async fn an_in_memory_database_is_shared_by_the_stores_connections() {
    let store = SqliteStore::open("sqlite::memory:").await.unwrap();
    let (_, run) = started(&store).await;
    store
        .commit(run, &page_commit(HOME, &["http://www.example.gov.cn/a"]))
        .await
        .unwrap();
    assert_eq!(store.frontier(run).await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_commits_from_many_tasks_and_two_stores_do_not_fail_with_locked() {
    let db = TempDb::new("concurrent");
    let a = Arc::new(db.open().await);
    // A second store on the same file stands in for a second process.
    let b = Arc::new(db.open().await);
    let (_, run) = started(&a).await;
    let mut tasks = Vec::new();
    for task in 0..8 {
        let store = if task % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move {
            for i in 0..50 {
                let url = format!("http://www.example.gov.cn/t{task}/{i}");
                let next = format!("http://www.example.gov.cn/t{task}/{}", i + 1);
                store
                    .commit(run, &page_commit(&url, &[&next, HOME]))
                    .await?;
                store.frontier(run).await?;
            }
            Ok::<(), StoreError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(a.targets(run).await.unwrap().len(), 8 * 50);
    assert_eq!(b.pages(run).await.unwrap().len(), 8 * 50);
    a.close().await;
    b.close().await;
}

/// Not a timing assertion: prints the commit rate for the record (STYLE.md habit 12).
/// Run `cargo test --release -p xunwang-store --test sqlite commit_rate -- --ignored --nocapture`.
#[ignore = "a benchmark: run with --ignored --release"]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn commit_rate_of_20k_urls_is_measured() {
    const N: usize = 20_000;
    let page_url = |i: usize| format!("http://www.example.gov.cn/col{}/art{i}.html", i % 50);
    let db = TempDb::new("bench");
    let store = Arc::new(db.open().await);
    let (_, run) = started(&store).await;
    let commits: Vec<Commit> = (0..N)
        .map(|i| {
            let url = page_url(i);
            let mut c = page_commit(&url, &[]);
            // 10 links per page among the same 20k pages (so most are already known), plus two
            // occurrences of external targets.
            c.discovered = (0..10)
                .map(|k| row(&page_url((i + k * 997) % N), 2, EntryKind::Page))
                .collect();
            c.occurrences = (0..2)
                .map(|k| {
                    (
                        format!("http://ext{k}.example.com/{}", i % 100),
                        occ(&url, "外链"),
                    )
                })
                .collect();
            c
        })
        .collect();
    let commits = Arc::new(commits);
    let started_at = Instant::now();
    let workers = 8;
    let mut tasks = Vec::new();
    for w in 0..workers {
        let store = store.clone();
        let commits = commits.clone();
        tasks.push(tokio::spawn(async move {
            for c in commits.iter().skip(w).step_by(workers) {
                store.commit(run, c).await?;
            }
            Ok::<(), StoreError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let secs = started_at.elapsed().as_secs_f64();
    eprintln!(
        "committed {N} URLs in {secs:.2} s: {:.0} commits/s ({} profile)",
        N as f64 / secs,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    assert_eq!(store.targets(run).await.unwrap().len(), N);
    let size = std::fs::metadata(&db.path).unwrap().len()
        + std::fs::metadata(format!("{}-wal", db.path()))
            .map(|m| m.len())
            .unwrap_or(0);
    eprintln!("database + WAL size: {:.1} MB", size as f64 / 1e6);
    store.close().await;
}

#[tokio::test]
async fn problem_targets_are_the_broken_and_indeterminate_ones_only() {
    let db = TempDb::new("problems");
    let store = db.open().await;
    let (_, run) = started(&store).await;
    let waf = LinkVerdict::Indeterminate {
        reason: xunwang_core::Reason::WafChallenge,
    };
    let batch = vec![
        check_commit("http://a.example/ok", LinkVerdict::Ok),
        check_commit("http://a.example/gone", broken()),
        check_commit("http://b.example/", waf.clone()),
    ];
    store.commit_batch(run, &batch).await.unwrap();
    assert_eq!(store.targets(run).await.unwrap().len(), 3);
    let problems = store.problem_targets(run).await.unwrap();
    let got: Vec<(&str, &LinkVerdict)> = problems
        .iter()
        .map(|t| (t.url.as_str(), &t.verdict))
        .collect();
    assert_eq!(
        got,
        [
            ("http://a.example/gone", &broken()),
            ("http://b.example/", &waf)
        ]
    );
}
