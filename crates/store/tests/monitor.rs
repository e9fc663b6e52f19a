//! The monitor's storage: registry, probes (one row per slot), polls and the items they saw.

use chrono::{DateTime, NaiveDate};
use xunwang_store::{
    MonitorPage, MonitorStore, PolitenessOverride, PollRecord, PolledItem, ProbeOutcome,
    ProbeRecord, RegistryEntry, SiteKind, SqliteStore, Store,
};

const HOME: &str = "http://www.example.gov.cn/";
const DAY: i64 = 86_400_000;
/// 2026-11-21 00:00 +08:00.
const T0: i64 = 1_795_190_400_000;

async fn open() -> SqliteStore {
    SqliteStore::open("sqlite::memory:").await.unwrap()
}

fn probe(due_ms: i64, attempt: u8, outcome: ProbeOutcome) -> ProbeRecord {
    ProbeRecord {
        due_ms,
        attempt,
        at_ms: due_ms + 10,
        outcome,
        status: (outcome == ProbeOutcome::Ok).then_some(200),
        latency_ms: 80,
        bytes: 1000,
        error: None,
    }
}

#[tokio::test]
async fn registry_entries_round_trip_and_share_the_inspection_site_id() {
    let store = open().await;
    let inspected = store.upsert_site(HOME, None).await.unwrap();
    let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let entry = RegistryEntry {
        home: HOME.into(),
        name: Some("示例市人民政府".into()),
        site_code: Some("4201000001".into()),
        kind: Some(SiteKind::Portal),
        organizer: Some("示例市人民政府办公厅".into()),
        region: Some("示例市".into()),
        parent: None,
        aliases: vec!["example.gov.cn".into()],
        politeness: PolitenessOverride {
            probe_every_secs: Some(600),
            ..PolitenessOverride::default()
        },
    };
    let ids = store
        .register_sites(std::slice::from_ref(&entry), at)
        .await
        .unwrap();
    assert_eq!(ids, [inspected]);
    // Importing again updates in place.
    let again = RegistryEntry {
        kind: Some(SiteKind::Department),
        ..entry.clone()
    };
    store
        .register_sites(std::slice::from_ref(&again), at)
        .await
        .unwrap();
    let sites = store.registered_sites().await.unwrap();
    assert_eq!(sites.len(), 1);
    assert_eq!(sites[0].id, inspected);
    assert_eq!(sites[0].entry, again);
    assert_eq!(
        store.all_sites().await.unwrap(),
        [(
            inspected,
            HOME.to_owned(),
            Some("示例市人民政府".to_owned())
        )]
    );
}

#[tokio::test]
async fn a_probe_slot_is_stored_once_and_counts_follow_the_v2_rule() {
    let store = open().await;
    let site = store.upsert_site(HOME, None).await.unwrap();
    let mut batch = Vec::new();
    for k in 0..140 {
        let outcome = match k {
            10 | 50 | 90 => ProbeOutcome::Timeout,
            20 => ProbeOutcome::Http,
            30 => ProbeOutcome::Blocked,
            _ => ProbeOutcome::Ok,
        };
        batch.push((site, probe(T0 + k * 72 * 60_000, 0, outcome)));
    }
    batch.push((site, probe(T0 + 10 * 72 * 60_000, 1, ProbeOutcome::Timeout)));
    batch.push((site, probe(T0 + 20 * 72 * 60_000, 1, ProbeOutcome::Ok)));
    assert_eq!(store.record_probes(&batch).await.unwrap(), 142);
    // A restarted daemon writing the same slots again stores nothing new.
    assert_eq!(store.record_probes(&batch[..5]).await.unwrap(), 0);
    assert_eq!(
        store.last_probe_slots().await.unwrap(),
        [(site, T0 + 139 * 72 * 60_000)]
    );
    let counts = store
        .probe_counts(Some(site), T0, T0 + 7 * DAY, 8 * 3600)
        .await
        .unwrap();
    let c = &counts[0].1;
    assert_eq!(
        (c.probes, c.failures, c.blocked, c.confirmed),
        (139, 4, 1, 1)
    );
    assert_eq!(
        c.by_outcome,
        [("http".to_owned(), 1), ("timeout".to_owned(), 3)]
    );
    assert_eq!(c.days, 7);
    assert_eq!(c.min_per_day, 19);
    // Day one: slots 0..=19 and the re-probe of slot 10 (slot 20 is due at midnight).
    assert_eq!(store.probes(site, T0, T0 + DAY).await.unwrap().len(), 21);
    assert_eq!(store.prune_monitor(T0 + DAY).await.unwrap(), 21);
    assert_eq!(store.probes(site, 0, i64::MAX).await.unwrap().len(), 121);
}

fn item(url: &str, date: &str, source: &str) -> PolledItem {
    PolledItem {
        url: url.into(),
        title: format!("标题 {url}"),
        date: Some(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()),
        date_source: Some(source.into()),
    }
}

fn poll(day: i64) -> PollRecord {
    PollRecord {
        url: HOME.into(),
        due_ms: T0 + day * DAY + 3_600_000,
        at_ms: T0 + day * DAY + 3_600_500,
        outcome: ProbeOutcome::Ok,
        status: Some(200),
        not_modified: false,
    }
}

#[tokio::test]
async fn polls_record_new_items_after_the_baseline_and_real_date_changes_only() {
    let store = open().await;
    let site = store.upsert_site(HOME, None).await.unwrap();
    store
        .set_monitor_pages(
            site,
            HOME,
            &[MonitorPage {
                url: "http://www.example.gov.cn/xwdt/".into(),
                role: "column".into(),
                name: Some("新闻动态".into()),
                class: Some("news".into()),
                etag: None,
                last_modified: None,
            }],
        )
        .await
        .unwrap();
    let a = item("http://www.example.gov.cn/a.html", "2026-10-01", "text");
    let b = item(
        "http://www.example.gov.cn/b.html",
        "2026-12-30",
        "month_day",
    );
    let first = store
        .record_poll(
            site,
            &poll(0),
            &[a.clone(), b.clone()],
            (Some("\"v1\""), None),
        )
        .await
        .unwrap();
    assert!(first.recorded);
    assert_eq!((first.new_items, first.date_changes), (0, 0));
    // The same slot again (a restart) is not recorded twice.
    assert!(
        !store
            .record_poll(site, &poll(0), std::slice::from_ref(&a), (None, None))
            .await
            .unwrap()
            .recorded
    );
    let pages = store.monitor_pages(site).await.unwrap();
    assert_eq!(pages[0].role, "home");
    assert_eq!(pages[0].etag.as_deref(), Some("\"v1\""));
    assert_eq!(pages.len(), 2);

    // Day 3: a new item, `a` re-dated, `b`'s inferred year moves (not a change by the site).
    let c = item("http://www.example.gov.cn/c.html", "2026-11-24", "text");
    let a2 = item("http://www.example.gov.cn/a.html", "2026-11-23", "text");
    let b2 = item(
        "http://www.example.gov.cn/b.html",
        "2025-12-30",
        "month_day",
    );
    let d = store
        .record_poll(site, &poll(3), &[a2, b2, c], (Some("\"v2\""), None))
        .await
        .unwrap();
    assert_eq!((d.new_items, d.date_changes), (1, 1));
    let new = store
        .items_first_seen(site, HOME, T0 + DAY, T0 + 7 * DAY)
        .await
        .unwrap();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].url, "http://www.example.gov.cn/c.html");
    assert!(!new[0].baseline);
    // `a` keeps the date it was first seen with.
    let all = store
        .items_first_seen(site, HOME, 0, i64::MAX)
        .await
        .unwrap();
    let a_seen = all.iter().find(|i| i.url.ends_with("a.html")).unwrap();
    assert!(a_seen.baseline);
    assert_eq!(a_seen.date, NaiveDate::from_ymd_opt(2026, 10, 1));
    let changes = store.date_changes(site, 0, i64::MAX).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].old_date,
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    );
    assert_eq!(
        changes[0].new_date,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    );

    let h = store
        .poll_history(site, HOME, T0, T0 + 7 * DAY, 8 * 3600)
        .await
        .unwrap();
    assert_eq!((h.polls, h.days), (2, 2));
    assert_eq!(h.first_ok_ms, Some(T0 + 3_600_500));
    assert_eq!(
        store.last_poll_slots().await.unwrap(),
        [(site, T0 + 3 * DAY + 3_600_000)]
    );
}

#[tokio::test]
async fn sessions_and_database_size_are_recorded() {
    let store = open().await;
    let s = store.start_session(T0).await.unwrap();
    store.beat_session(s, T0 + 60_000, false).await.unwrap();
    store.beat_session(s, T0 + 90_000, true).await.unwrap();
    assert!(store.database_bytes().await.unwrap() > 0);
}
