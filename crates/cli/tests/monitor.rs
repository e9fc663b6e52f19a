//! `xunwang monitor` for 40 s over the default sample sites, probing every 500 ms, then
//! `xunwang availability --json` (issue 7): the flaky site (every 10th request fails) shows a
//! failure ratio of at least 5 %, every healthy site none, and each site has at least 40
//! probes. Then the registry commands, and SIGTERM stopping the daemon cleanly.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use xunwang_testsite::{Scenario, ServeOptions, Testsite};

fn temp_db(name: &str) -> String {
    let p = std::env::temp_dir().join(format!(
        "xunwang-cli-monitor-{name}-{}.db",
        std::process::id()
    ));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p.display().to_string()
}

fn xunwang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_xunwang"))
}

async fn sample_sites() -> Testsite {
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    Testsite::start(&Scenario::default_scenario(), &opts)
        .await
        .unwrap()
}

fn monitor(site: &Testsite, db: &str, extra: &[&str]) -> Command {
    let m = site.manifest();
    let mut c = xunwang();
    c.arg("monitor");
    for s in &m.sites {
        c.arg(&s.home);
    }
    for r in &m.resolve {
        c.arg("--resolve").arg(r);
    }
    c.args(["--resolve-only", "--database", db, "--no-inspect"])
        .args(extra);
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_seconds_of_half_second_probes_find_the_flaky_sample_site() {
    let site = sample_sites().await;
    let db = temp_db("forty");
    let out = tokio::task::spawn_blocking({
        let mut c = monitor(&site, &db, &["--probe-every", "500ms", "--duration", "40s"]);
        move || c.output().unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = xunwang()
        .args(["availability", "--database", &db, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    println!("{stdout}");
    let rows: HashMap<String, serde_json::Value> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["site"].as_str().unwrap().to_owned(), v)
        })
        .collect();
    let m = site.manifest();
    assert_eq!(rows.len(), m.sites.len());
    let flaky: Vec<&str> = m
        .faults
        .iter()
        .filter(|f| f.kind == "availability.down")
        .map(|f| f.site.as_str())
        .collect();
    assert_eq!(flaky, ["http://www.jcwlj.com/"]);
    for s in &m.sites {
        let row = &rows[&s.home];
        let probes = row["probes"].as_u64().unwrap();
        let ratio = row["ratio"].as_f64().unwrap();
        assert!(probes >= 40, "{}: {probes} probes", s.home);
        if flaky.contains(&s.home.as_str()) {
            assert!(ratio >= 0.05, "{}: ratio {ratio}", s.home);
        } else {
            assert_eq!(ratio, 0.0, "{}", s.home);
            assert_eq!(row["failures"], 0);
        }
        // Far fewer than the 140 probes a week the rule needs: no verdict either way.
        assert_eq!(row["verdict"], "数据不足");
    }
    site.stop().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_daemon_cleanly_and_a_restart_continues_without_duplicates() {
    let site = sample_sites().await;
    let db = temp_db("sigterm");
    for _ in 0..2 {
        let child = monitor(&site, &db, &["--probe-every", "200ms"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        tokio::time::sleep(Duration::from_secs(3)).await;
        let pid = child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
            .await
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("监测结束"), "{stdout}");
    }
    let store = xunwang_store::SqliteStore::open(&db).await.unwrap();
    use xunwang_store::MonitorStore;
    for (id, home, _) in store.all_sites().await.unwrap() {
        let probes = store.probes(id, 0, i64::MAX).await.unwrap();
        let scheduled: Vec<i64> = probes
            .iter()
            .filter(|p| p.attempt == 0)
            .map(|p| p.due_ms)
            .collect();
        let mut unique = scheduled.clone();
        unique.dedup();
        assert_eq!(unique.len(), scheduled.len(), "{home}");
        // Two runs of about three seconds at five probes a second.
        assert!(scheduled.len() >= 20, "{home}: {}", scheduled.len());
    }
    store.close().await;
    site.stop().await;
}

#[test]
fn sites_import_reads_csv_and_names_the_bad_line() {
    let db = temp_db("sites");
    let dir = std::env::temp_dir();
    let good = dir.join(format!("xunwang-sites-{}.csv", std::process::id()));
    std::fs::write(
        &good,
        "名称,首页,网站标识码,类型,主办单位\n江城市人民政府,http://www.jiangcheng.gov.cn/,4201000001,门户,江城市人民政府办公厅\n江城市教育局,http://jyj.jiangcheng.gov.cn/,4201000023,部门,江城市教育局\n",
    )
    .unwrap();
    let out = xunwang()
        .args(["sites", "import"])
        .arg(&good)
        .args(["--database", &db])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导入 2 个网站"));
    let out = xunwang()
        .args(["sites", "list", "--json", "--database", &db])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines
            .iter()
            .any(|l| l["kind"] == "portal" && l["site_code"] == "4201000001")
    );

    let bad = dir.join(format!("xunwang-sites-bad-{}.csv", std::process::id()));
    std::fs::write(
        &bad,
        "名称,首页\n甲,http://a.gov.cn/\n乙,mailto:x@a.gov.cn\n",
    )
    .unwrap();
    let out = xunwang()
        .args(["sites", "import"])
        .arg(&bad)
        .args(["--database", &db])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第 3 行"), "{err}");
}
