//! `kill -9` in the middle of a 20,000-page inspection, then the same command again: the run
//! resumes without refetching what was committed, and ends with the same results as an
//! uninterrupted run (DESIGN.md "Storage": a run survives kill -9).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xunwang_store::{SqliteStore, Store};
use xunwang_testsite::{App, Scenario, ServeOptions, Testsite};

const NOW: &str = "2026-11-28T10:00:00+08:00";

/// ~20,000 pages on one host, with planted broken links so that there is something to compare.
const SCENARIO: &str = r#"
name = "resume test"
seed = 11
[city]
name = "江城市"
region_code = "420100"
[[site]]
key = "portal"
name = "江城市人民政府"
host = "www.jiangcheng.gov.cn"
kind = "portal"
organizer = "江城市人民政府办公厅"
site_code = "4201000001"
items_per_column = 500
extra_columns = 30
fault = [
  { kind = "link.broken", place = "internal", column = "tzgg" },
  { kind = "link.broken", place = "external" },
]
"#;

fn temp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("xunwang-resume-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn inspect(site: &Testsite, db: &Path, out: &Path) -> Command {
    let m = site.manifest();
    let mut c = Command::new(env!("CARGO_BIN_EXE_xunwang"));
    c.arg("inspect").arg(&m.sites[0].home);
    for r in &m.resolve {
        c.arg("--resolve").arg(r);
    }
    c.args([
        "--resolve-only",
        "--quiet",
        "--json",
        "--at",
        NOW,
        "--recheck-delay",
        "0",
    ])
    .args(["--per-host", "8", "--min-interval-ms", "0"])
    .arg("--database")
    .arg(format!("sqlite://{}", db.display()))
    .arg("--out")
    .arg(out)
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    c
}

fn total(h: &HashMap<String, u64>) -> u64 {
    h.values().sum()
}

fn findings(out: &Path) -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(out.join("findings.jsonl")).unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            // The JSON Lines contract (DESIGN.md "Command line").
            for key in ["kind", "severity", "site", "url", "evidence", "first_seen"] {
                assert!(v.get(key).is_some(), "{key} missing in {l}");
            }
            if v["kind"] == "link.broken" {
                let occ = &v["evidence"]["occurrences"][0];
                assert!(
                    occ["page"]
                        .as_str()
                        .is_some_and(|p| p.starts_with("http://")),
                    "{l}"
                );
                assert!(occ["element"].is_string() && occ["text"].is_string(), "{l}");
                assert!(v["evidence"]["error"].is_string(), "{l}");
            }
            (
                v["kind"].as_str().unwrap().to_owned(),
                v["url"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pages(out: &Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    v[0]["pages"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_inspection_resumes_without_refetching_and_matches_an_uninterrupted_run() {
    let scenario = Scenario::from_toml(SCENARIO, "resume test").unwrap();
    let opts = ServeOptions {
        now: Some(chrono::DateTime::parse_from_rfc3339(NOW).unwrap()),
        record_hits: true,
        ..ServeOptions::default()
    };
    let site = Testsite::start(&scenario, &opts).await.unwrap();
    let planned = site.manifest().sites[0].pages;
    assert!(
        planned >= 15_000,
        "the scenario should have ~20k pages, has {planned}"
    );

    // 1. Start, and kill -9 once a good part of the site is done.
    let dir = temp("killed");
    let db = dir.join("x.db");
    let mut child = inspect(&site, &db, &dir.join("out")).spawn().unwrap();
    let started = Instant::now();
    loop {
        let fetched = total(&site.app().hits());
        if fetched >= planned / 3 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("inspect ended before it could be killed: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "no progress: {fetched} requests"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let before = site.app().hits();

    // What the killed run had committed.
    let store = SqliteStore::open(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let site_id = store
        .site_id(&site.manifest().sites[0].home)
        .await
        .unwrap()
        .unwrap();
    let run = store
        .unfinished_run(site_id)
        .await
        .unwrap()
        .expect("the killed run is unfinished");
    let done: HashSet<String> = store
        .frontier(run.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.done)
        .map(|r| r.url)
        .collect();
    drop(store);
    assert!(
        done.len() > 1000,
        "only {} URLs were committed before the kill",
        done.len()
    );

    // 2. The same command again finishes the run.
    let out = inspect(&site, &db, &dir.join("out")).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = site.app().hits();
    let mut refetched = Vec::new();
    for url in &done {
        let u = url::Url::parse(url).unwrap();
        for method in ["GET", "HEAD"] {
            let key = App::hit_key(method, u.host_str().unwrap(), u.path(), u.query());
            let n = after.get(&key).copied().unwrap_or(0) - before.get(&key).copied().unwrap_or(0);
            if n > 0 {
                refetched.push(key);
            }
        }
    }
    assert!(
        refetched.is_empty(),
        "{} committed URLs fetched again, e.g. {:?}",
        refetched.len(),
        &refetched[..refetched.len().min(5)]
    );
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out").join("summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary[0]["resumed"], true);

    // 3. An uninterrupted run on a fresh database ends with the same results.
    let fresh = temp("fresh");
    let out = inspect(&site, &fresh.join("x.db"), &fresh.join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(pages(&dir.join("out")), pages(&fresh.join("out")));
    assert!(pages(&fresh.join("out")) >= planned);
    let (a, b) = (findings(&dir.join("out")), findings(&fresh.join("out")));
    assert_eq!(a, b);
    // The site model too: the resumed run judged the pages of both processes (their models
    // are stored with the pages), so its columns and veto tallies are the fresh run's.
    let summary_of = |d: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(d.join("out").join("summary.json")).unwrap())
            .unwrap()
    };
    let (resumed, uninterrupted) = (summary_of(&dir), summary_of(&fresh));
    assert_eq!(resumed[0]["columns"], uninterrupted[0]["columns"]);
    assert_eq!(resumed[0]["tallies"], uninterrupted[0]["tallies"]);
    assert!(
        uninterrupted[0]["columns"].as_array().unwrap().len() > 30,
        "{}",
        uninterrupted[0]["columns"]
    );
    assert_eq!(
        a.iter().filter(|(k, _)| k == "link.broken").count(),
        site.manifest()
            .faults
            .iter()
            .filter(|f| f.kind == "link.broken")
            .count()
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&fresh);
}
