//! What the engine's end-to-end tests share: the 监测时间点, a scratch database, a fetcher
//! confined to the sample world, the sample sites started on port 0.
#![allow(dead_code)]

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use xunwang_fetch::{FetchConfig, Fetcher, parse_resolve};
use xunwang_testsite::{Manifest, Scenario, ServeOptions, Testsite};

pub const NOW: &str = "2026-11-28T10:00:00+08:00";

pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

pub fn temp_db(name: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("xunwang-engine-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path.display().to_string()
}

pub fn fetcher_for(m: &Manifest) -> Fetcher {
    let c = FetchConfig {
        resolve: m
            .resolve
            .iter()
            .map(|r| parse_resolve(r).unwrap())
            .collect(),
        // The sample world is closed: a host outside it must never leave the machine.
        resolve_only: true,
        backoff_base: Duration::from_millis(100),
        ..FetchConfig::default()
    };
    Fetcher::new(c).unwrap()
}

pub async fn start(scenario: &Scenario) -> Testsite {
    let opts = ServeOptions {
        now: Some(now()),
        port: 0,
        ..ServeOptions::default()
    };
    Testsite::start(scenario, &opts).await.unwrap()
}

/// Inspects every default sample site into one scratch database named after `name`, all at
/// once, and stops the sites: the manifest and the reports, in manifest order.
pub async fn inspect_default(name: &str) -> (Manifest, Vec<xunwang_engine::SiteReport>) {
    let site = start(&Scenario::default_scenario()).await;
    let m = site.manifest().clone();
    let fetcher = fetcher_for(&m);
    let store = xunwang_store::SqliteStore::open(&temp_db(name))
        .await
        .unwrap();
    let mut cfg = xunwang_engine::InspectConfig::new(now());
    cfg.recheck_delay = Duration::from_secs(1);
    let progress = xunwang_engine::Progress::default();
    let runs = m
        .sites
        .iter()
        .map(|s| xunwang_engine::inspect_site(&store, &fetcher, &s.home, &cfg, &progress));
    let reports = futures::future::join_all(runs)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    site.stop().await;
    (m, reports)
}

/// The findings of `kind` across `reports`.
pub fn of_kind(
    reports: &[xunwang_engine::SiteReport],
    kind: xunwang_core::FindingKind,
) -> Vec<&xunwang_core::Finding> {
    reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.kind == kind)
        .collect()
}

/// Scores `reports` against the manifest for the kinds starting with one of `kinds`, prints
/// the table, and fails when any kind is below 0.98 precision or recall.
pub fn assert_scores(
    m: &Manifest,
    reports: &[xunwang_engine::SiteReport],
    kinds: &[&str],
) -> Vec<xunwang_testsite::KindScore> {
    let reported = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| (f.kind.id(), f.site.as_str(), f.url.as_str()));
    let scores = m.score(reported, kinds);
    println!("kind\texpected\treported\thits\tprecision\trecall");
    for k in &scores {
        println!(
            "{}\t{}\t{}\t{}\t{:.3}\t{:.3}",
            k.kind,
            k.expected,
            k.reported,
            k.hits,
            k.precision(),
            k.recall()
        );
    }
    let bad: Vec<_> = scores
        .iter()
        .filter(|k| k.precision() < 0.98 || k.recall() < 0.98)
        .collect();
    assert!(bad.is_empty(), "below 0.98: {bad:#?}");
    scores
}
