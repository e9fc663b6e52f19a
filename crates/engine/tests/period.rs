//! Scoring a period from stored findings (issue 6): every inspected site gets a scorecard,
//! re-scoring is deterministic, manual inputs change the result and are shown, a period with
//! no runs scores nobody, and the bulletin model agrees with the cards.

mod common;

use chrono::NaiveDate;
use common::{inspect_default, now};
use xunwang_core::{FindingKind, Period, Severity};
use xunwang_engine::{BulletinOptions, bulletin, score_period, stored_scorecards};
use xunwang_rules::{Manual, Pack, Stamp, Verdict};
use xunwang_store::{ScoreStore, SqliteStore, Store};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_is_scored_from_stored_findings_and_manual_inputs_change_it() {
    let (m, _reports) = inspect_default("period").await;
    let store = SqliteStore::open(&temp_db_keep("period")).await.unwrap();
    for s in &m.sites {
        store.upsert_site(&s.home, Some(&s.name)).await.unwrap();
    }
    let pack = Pack::shipped("gov-cn-2019-website").unwrap();
    let q4: Period = "2026Q4".parse().unwrap();

    let scores = score_period(&store, &pack, q4, day(), now()).await.unwrap();
    assert_eq!(scores.scored.len(), m.sites.len());
    assert!(scores.unchecked.is_empty());
    for s in &scores.scored {
        let vetoed_by_findings = s.findings.iter().any(|f| f.severity == Severity::Veto);
        // A site with a veto-severity finding fails with no score; the others are scored.
        if vetoed_by_findings {
            assert_eq!(s.card.verdict, Verdict::Fail, "{}", s.card.name);
            assert_eq!(s.card.score, None);
            assert!(!s.card.vetoes.is_empty());
        }
        assert_eq!(
            s.card.name,
            m.sites.iter().find(|x| x.home == s.site.home).unwrap().name
        );
    }
    let passed: Vec<_> = scores
        .scored
        .iter()
        .filter(|s| s.card.verdict == Verdict::Pass)
        .collect();
    assert!(
        !passed.is_empty(),
        "the sample world has a site without vetoes"
    );
    for s in &passed {
        let score = s.card.score.unwrap();
        assert!((60.0..100.0).contains(&score), "{}: {score}", s.card.name);
        assert!(s.card.lost > 0.0, "its planted faults cost points");
    }

    // Re-scoring what is stored gives the same cards.
    let again = score_period(&store, &pack, q4, day(), now()).await.unwrap();
    for (a, b) in scores.scored.iter().zip(&again.scored) {
        assert_eq!(a.card, b.card);
    }

    // An inspector dismisses the V5.1 finding of the site without a channel: it is scored.
    let (site, finding) = scores
        .scored
        .iter()
        .find_map(|s| {
            s.findings
                .iter()
                .find(|f| f.kind == FindingKind::InteractionNoChannel)
                .map(|f| (s, f))
        })
        .expect("a planted interaction.no_channel");
    let only_veto = site.card.vetoes.iter().all(|v| v.id == "V5.1");
    let body = serde_json::to_string(&Manual::Dismiss {
        fingerprint: finding.fingerprint.clone(),
        reason: "留言入口在二级域名上，人工核实可用".into(),
        stamp: Stamp {
            by: "李检查".into(),
            at: now(),
        },
    })
    .unwrap();
    let id = store
        .add_manual(site.site.id, "2026Q4", "dismiss", &body, "李检查", now())
        .await
        .unwrap();
    let rescored = score_period(&store, &pack, q4, day(), now()).await.unwrap();
    let card = &rescored
        .scored
        .iter()
        .find(|s| s.site.id == site.site.id)
        .unwrap()
        .card;
    assert_eq!(card.dismissed.len(), 1);
    assert_eq!(card.dismissed[0].stamp.by, "李检查");
    assert!(card.vetoes.iter().all(|v| v.id != "V5.1"));
    if only_veto {
        assert!(card.score.is_some(), "no veto left: scored");
    }
    // Revoked, it counts again.
    assert!(store.revoke_manual(id, "李检查", now()).await.unwrap());
    let back = score_period(&store, &pack, q4, day(), now()).await.unwrap();
    let card = &back
        .scored
        .iter()
        .find(|s| s.site.id == site.site.id)
        .unwrap()
        .card;
    assert!(card.vetoes.iter().any(|v| v.id == "V5.1"));
    assert!(card.dismissed.is_empty());

    // Stored per period: the previous quarter has no runs and scores nobody.
    let stored = stored_scorecards(&store, q4, &pack.id).await.unwrap();
    assert_eq!(stored.len(), m.sites.len());
    let q3 = score_period(&store, &pack, q4.previous(), q4.previous().end(), now())
        .await
        .unwrap();
    assert!(q3.scored.is_empty());
    assert_eq!(q3.unchecked.len(), m.sites.len());

    // The bulletin model agrees with the cards.
    let (b, rows) = bulletin(&back, &pack, None, &BulletinOptions::new(day()));
    let pass = back
        .scored
        .iter()
        .filter(|s| s.card.verdict == Verdict::Pass)
        .count();
    assert_eq!(b.overall.sites_checked as usize, m.sites.len());
    assert_eq!(b.overall.sites_passed as usize, pass);
    assert!(b.title.contains("2026年第四季度"));
    assert!(b.deadline > day());
    let open = back
        .scored
        .iter()
        .flat_map(|s| &s.findings)
        .filter(|f| f.severity != Severity::Info && f.kind != FindingKind::LinkIndeterminate)
        .count();
    assert_eq!(rows.len(), open);
    assert!(rows.iter().all(|r| r.deadline == b.deadline));
    let titles: Vec<&str> = b.problems.iter().map(|p| p.title.as_str()).collect();
    assert!(
        titles.contains(&"存在空白栏目") && titles.contains(&"链接不可用"),
        "{titles:?}"
    );
    for p in &b.problems {
        assert!(!p.examples.is_empty() && p.examples.len() <= 3);
        assert!(p.count >= p.sites);
    }
    // Every veto item and every indicator is a row of each site's 检查情况表.
    for s in &b.sites {
        assert_eq!(
            s.items.iter().filter(|i| i.part == "单项否决").count(),
            pack.veto.len()
        );
        assert_eq!(
            s.items.iter().filter(|i| i.part == "扣分指标").count(),
            pack.indicator.len()
        );
    }
}

/// The path `inspect_default` used (without deleting it).
fn temp_db_keep(name: &str) -> String {
    std::env::temp_dir()
        .join(format!("xunwang-engine-{name}-{}.db", std::process::id()))
        .display()
        .to_string()
}

/// 140 scheduled probes over the week before the checkpoint, `failures` of them timed out.
fn week_of_probes(failures: u32) -> Vec<xunwang_store::ProbeRecord> {
    let end = xunwang_engine::checkpoint_end(day()).timestamp_millis();
    let step = 7 * 86_400_000 / 140;
    (0..140)
        .map(|i| {
            let due = end - 7 * 86_400_000 + i64::from(i) * step + 1000;
            let failed = i < failures;
            xunwang_store::ProbeRecord {
                due_ms: due,
                attempt: 0,
                at_ms: due,
                outcome: if failed {
                    xunwang_store::ProbeOutcome::Timeout
                } else {
                    xunwang_store::ProbeOutcome::Ok
                },
                status: (!failed).then_some(200),
                latency_ms: if failed { 15_000 } else { 120 },
                bytes: if failed { 0 } else { 30_000 },
                error: failed.then(|| "15 秒内未打开".to_owned()),
            }
        })
        .collect()
}

#[tokio::test]
async fn the_monitors_probes_decide_v2_at_7_of_140_and_not_at_6() {
    use xunwang_store::MonitorStore;
    let store = SqliteStore::open("sqlite::memory:").await.unwrap();
    let pack = Pack::shipped("gov-cn-2019-website").unwrap();
    let mut ids = Vec::new();
    for (n, failures) in [(0, 7u32), (1, 6)] {
        let home = format!("http://site{n}.example.gov.cn/");
        let site = store
            .upsert_site(&home, Some(&format!("示例市{n}局")))
            .await
            .unwrap();
        let run = store.create_run(site, now()).await.unwrap();
        store
            .finish_run(run, now(), xunwang_store::RunStatus::Finished, "{}")
            .await
            .unwrap();
        let probes: Vec<_> = week_of_probes(failures)
            .into_iter()
            .map(|p| (site, p))
            .collect();
        store.record_probes(&probes).await.unwrap();
        ids.push(site);
    }
    let scores = score_period(&store, &pack, "2026Q4".parse().unwrap(), day(), now())
        .await
        .unwrap();
    let card = |id| &scores.scored.iter().find(|s| s.site.id == id).unwrap().card;
    let seven = card(ids[0]);
    assert_eq!(seven.verdict, Verdict::Fail);
    assert_eq!(seven.vetoes[0].id, "V2", "{:?}", seven.vetoes);
    let six = card(ids[1]);
    assert_eq!(six.verdict, Verdict::Pass, "{:?}", six.vetoes);
    assert!(
        six.warnings.iter().any(|w| w.id == "V2"),
        "{:?}",
        six.warnings
    );
}
