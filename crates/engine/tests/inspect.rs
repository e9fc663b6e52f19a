//! End-to-end inspections of the sample sites, judged against their ground-truth manifest.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use xunwang_core::{FindingKind, LinkVerdict, Reason};
use xunwang_engine::{InspectConfig, Progress, SiteReport, inspect_site};
use xunwang_fetch::Fetcher;
use xunwang_store::{SqliteStore, Store};
use xunwang_testsite::{Manifest, Scenario};

use common::{fetcher_for, now, start, temp_db};

async fn inspect_all(store: &SqliteStore, fetcher: &Fetcher, m: &Manifest) -> Vec<SiteReport> {
    let mut cfg = InspectConfig::new(now());
    cfg.recheck_delay = Duration::from_secs(2);
    let progress = Progress::default();
    let runs = m
        .sites
        .iter()
        .map(|s| inspect_site(store, fetcher, &s.home, &cfg, &progress));
    futures::future::join_all(runs)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_planted_broken_link_is_found_and_nothing_else_is_called_broken() {
    let site = start(&Scenario::default_scenario()).await;
    let m = site.manifest().clone();
    let store = SqliteStore::open(&temp_db("truth")).await.unwrap();
    let fetcher = fetcher_for(&m);
    let reports = inspect_all(&store, &fetcher, &m).await;

    let expected: BTreeSet<(String, String)> = m
        .faults
        .iter()
        .filter(|f| f.kind == "link.broken")
        .map(|f| (f.site.clone(), f.url.clone()))
        .collect();
    let found: BTreeSet<(String, String)> = reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| f.kind == FindingKind::LinkBroken)
        .map(|f| (f.site.clone(), f.url.clone()))
        .collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let false_alarms: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && false_alarms.is_empty(),
        "missed {missed:#?}\nfalse alarms {false_alarms:#?}"
    );
    assert!(!expected.is_empty());

    // Every page of every site was crawled (the manifest counts them).
    for (r, s) in reports.iter().zip(&m.sites) {
        assert!(
            r.pages >= s.pages,
            "{}: {} pages crawled of {}",
            s.home,
            r.pages,
            s.pages
        );
        assert_eq!(r.home, LinkVerdict::Ok, "{}", s.home);
    }

    // Each broken finding says where it was linked from, as the manifest says.
    for f in m.faults.iter().filter(|f| f.kind == "link.broken") {
        let finding = reports
            .iter()
            .flat_map(|r| r.findings.iter())
            .find(|x| x.kind == FindingKind::LinkBroken && x.url == f.url)
            .unwrap();
        let source = f.detail["source"].as_str().unwrap();
        assert!(
            finding
                .evidence
                .occurrences
                .iter()
                .any(|o| o.page == source),
            "{} should list {source}: {:?}",
            f.url,
            finding.evidence.occurrences
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_behaviours_end_in_a_finished_run_each_recorded_with_its_reason() {
    let site = start(&Scenario::default_scenario()).await;
    let m = site.manifest().clone();
    let store = SqliteStore::open(&temp_db("indeterminate")).await.unwrap();
    let fetcher = fetcher_for(&m);
    let reports = inspect_all(&store, &fetcher, &m).await;
    let portal = reports
        .iter()
        .find(|r| r.site == "http://www.jiangcheng.gov.cn/")
        .unwrap();
    let run = store.targets(portal.run).await.unwrap();
    let verdict = |url: &str| run.iter().find(|t| t.url == url).map(|t| t.verdict.clone());
    assert_eq!(
        verdict("http://www.jczwfw.gov.cn/"),
        Some(LinkVerdict::Indeterminate {
            reason: Reason::WafChallenge
        })
    );
    assert_eq!(
        verdict("http://www.jiangcheng.gov.cn/xxgk/index.jsp"),
        Some(LinkVerdict::Indeterminate {
            reason: Reason::RedirectLoop
        })
    );
    // The rate-limited department site: nothing on it is broken but its planted attachment.
    let fgw = reports
        .iter()
        .find(|r| r.site == "http://fgw.jiangcheng.gov.cn/")
        .unwrap();
    let broken: Vec<_> = fgw
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::LinkBroken)
        .map(|f| &f.url)
        .collect();
    assert_eq!(
        broken,
        ["http://fgw.jiangcheng.gov.cn/zcwj/202001/P020200110306067.pdf"]
    );
    // The calendar trap is cut and named.
    assert!(
        portal
            .traps
            .iter()
            .any(|(t, n)| t.contains("/ztzl/hdrl/") && *n > 0),
        "{:?}",
        portal.traps
    );
    // The compression bomb is read up to the body limit only, and said so.
    assert!(
        fgw.truncated
            .iter()
            .any(|u| u.ends_with("/download/data.html")),
        "{:?}",
        fgw.truncated
    );
    // The slow-drip and the 3 MB page load in full and are fine.
    for path in ["/ztzl/fwsx.html", "/ztzl/tjzl.html"] {
        let url = format!("http://www.jiangcheng.gov.cn{path}");
        assert_eq!(verdict(&url), Some(LinkVerdict::Ok), "{url}");
    }
    // Every labelling of the charset (utf-8, GBK in the header, in <meta>, undeclared, UTF-8
    // mislabelled as gb2312) decodes to the site's real name.
    for (r, s) in reports.iter().zip(&m.sites) {
        let pages = store.pages(r.run).await.unwrap();
        let home = pages.iter().find(|p| p.url == s.home).unwrap();
        let title = home.title.as_deref().unwrap_or("");
        assert!(
            title.contains(&s.name),
            "{} ({:?}): title {title:?}",
            s.home,
            s.encoding
        );
    }
    // The redirect chain is followed to a working page, hop by hop.
    let chain = run
        .iter()
        .find(|t| t.url == "http://www.jiangcheng.gov.cn/zwgk/old/index.jsp")
        .expect("the redirect chain's entry is linked from the portal");
    assert_eq!(chain.verdict, LinkVerdict::Ok);
    assert_eq!(chain.redirects.len(), 3, "{:?}", chain.redirects);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_inspection_keeps_first_seen_and_moves_last_seen() {
    let site = start(&Scenario::default_scenario()).await;
    let m = site.manifest().clone();
    let db = temp_db("history");
    let store = SqliteStore::open(&db).await.unwrap();
    let fetcher = fetcher_for(&m);
    let home = &m.sites[1].home;
    let mut cfg = InspectConfig::new(now());
    cfg.recheck = false;
    let p = Progress::default();
    let first = inspect_site(&store, &fetcher, home, &cfg, &p)
        .await
        .unwrap();
    cfg.at = now() + chrono::Duration::days(7);
    let second = inspect_site(&store, &fetcher, home, &cfg, &p)
        .await
        .unwrap();
    assert_ne!(first.run, second.run, "a finished run is not resumed");
    assert!(!second.resumed);
    let f1 = first
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::LinkBroken)
        .unwrap();
    let f2 = second
        .findings
        .iter()
        .find(|f| f.fingerprint == f1.fingerprint)
        .unwrap();
    assert_eq!(f2.first_seen, now());
    assert_eq!(f2.last_seen, cfg.at);
}
