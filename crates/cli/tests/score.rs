//! `xunwang score`, `manual` and `report` on a database written through the store: a veto, a
//! dismissal that lifts it, a bonus, a refused unknown item, the files of a report.

use std::path::Path;
use std::process::Command;

use chrono::DateTime;
use xunwang_core::{Evidence, Finding, FindingKind, Severity};
use xunwang_store::{RunStatus, SqliteStore, Store};

const HOME: &str = "http://www.example.gov.cn/";

fn xunwang(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xunwang"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (success, stdout, stderr) = xunwang(args);
    assert!(success, "{args:?}\n{stdout}\n{stderr}");
    stdout
}

/// A database with one site inspected on 2023-06-15 that has five stale news columns.
fn database(dir: &Path) -> (String, Vec<String>) {
    let path = dir.join("score.db");
    let url = format!("sqlite://{}", path.display());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fps = rt.block_on(async {
        let store = SqliteStore::open(&url).await.unwrap();
        let site = store
            .upsert_site(HOME, Some("示例市人民政府"))
            .await
            .unwrap();
        let at = DateTime::parse_from_rfc3339("2023-06-15T10:00:00+08:00").unwrap();
        let run = store.create_run(site, at).await.unwrap();
        let findings: Vec<Finding> = (0..5)
            .map(|i| {
                let url = format!("{HOME}xwdt/col{i}/");
                let mut e = Evidence {
                    summary: format!("栏目「动态{i}」超过 2 周未更新"),
                    ..Default::default()
                };
                e.facts.insert("class".into(), "news".into());
                Finding::new(
                    FindingKind::ColumnStale,
                    Severity::Serious,
                    HOME,
                    &url,
                    &url,
                    e,
                    at,
                )
            })
            .collect();
        store.save_findings(site, run, &findings).await.unwrap();
        store
            .finish_run(run, at, RunStatus::Finished, "{}")
            .await
            .unwrap();
        // The previous quarter: a clean run, for the bulletin's comparison.
        let q1 = DateTime::parse_from_rfc3339("2023-03-10T10:00:00+08:00").unwrap();
        let run = store.create_run(site, q1).await.unwrap();
        store
            .finish_run(run, q1, RunStatus::Finished, "{}")
            .await
            .unwrap();
        findings.iter().map(|f| f.fingerprint.clone()).collect()
    });
    (url, fps)
}

fn card(db: &str) -> serde_json::Value {
    let out = ok(&["score", "--period", "2023Q2", "--database", db, "--json"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    serde_json::from_str(lines[0]).unwrap()
}

#[test]
fn score_manual_inputs_and_report_work_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("xunwang-score-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (db, fps) = database(&dir);

    let c = card(&db);
    assert_eq!(c["verdict"], "不合格", "{c}");
    assert_eq!(c["vetoes"][0]["id"], "V4.1");
    assert!(c["score"].is_null());

    // A dismissal lifts the veto: 4 stale columns cost 2 points each.
    let manual = |kind: &str, item: &str, extra: &[&str]| {
        let mut args = vec![
            "manual",
            kind,
            "--site",
            HOME,
            "--item",
            item,
            "--reason",
            "人工核实",
            "--by",
            "张三",
            "--period",
            "2023Q2",
            "--database",
            &db,
        ];
        args.extend_from_slice(extra);
        xunwang(&args)
    };
    let (success, stdout, stderr) = manual("dismiss", &fps[0], &[]);
    assert!(success, "{stdout}{stderr}");
    let c = card(&db);
    assert_eq!(c["verdict"], "合格", "{c}");
    assert_eq!(c["score"], 92.0);
    assert_eq!(c["dismissed"][0]["stamp"]["by"], "张三");

    // A bonus above 80 counts.
    assert!(manual("bonus", "B-问答库", &["--points", "3"]).0);
    assert_eq!(card(&db)["score"], 95.0);

    // Unknown items and fingerprints are refused with a clear message, and nothing is stored.
    let (success, _, stderr) = manual("deduct", "D-不存在", &[]);
    assert!(!success);
    assert!(stderr.contains("没有扣分规则或指标"), "{stderr}");
    let (success, _, stderr) = manual("dismiss", "0000", &[]);
    assert!(!success && stderr.contains("没有指纹为"), "{stderr}");
    let list = ok(&[
        "manual",
        "list",
        "--site",
        HOME,
        "--period",
        "2023Q2",
        "--database",
        &db,
    ]);
    assert_eq!(
        list.lines().filter(|l| l.contains("张三")).count(),
        2,
        "{list}"
    );

    // Revoking the dismissal brings the veto back.
    let id = list
        .lines()
        .find(|l| l.contains("dismiss"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_owned();
    ok(&["manual", "revoke", &id, "--by", "张三", "--database", &db]);
    assert_eq!(card(&db)["verdict"], "不合格");

    // The previous quarter is scored (and stored) so that the bulletin compares with it.
    let q1 = ok(&["score", "--period", "2023Q1", "--database", &db]);
    assert!(q1.contains("合格率 100%"), "{q1}");

    // The report writes every file; scorecards.json agrees with the score.
    let out = dir.join("report");
    let stdout = ok(&[
        "report",
        "--period",
        "2023Q2",
        "--database",
        &db,
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2023-07-11",
    ]);
    assert!(stdout.contains("合格率 0%"), "{stdout}");
    for f in [
        "bulletin.docx",
        "bulletin.md",
        "bulletin.html",
        "bulletin.json",
        "rectification.xlsx",
        "scorecards.json",
        "charts/pass-rate.svg",
        "charts/score-bands.svg",
        "sites/01-www.example.gov.cn.md",
        "sites/01-www.example.gov.cn.docx",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let cards: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("scorecards.json")).unwrap())
            .unwrap();
    assert_eq!(cards[0]["site"], "示例市人民政府");
    assert_eq!(cards[0]["verdict"], "不合格");
    let md = std::fs::read_to_string(out.join("bulletin.md")).unwrap();
    assert!(
        md.contains("与2023年第一季度相比") && md.contains("上期为100%"),
        "{md}"
    );
    // 2023-07-11 + 15 working days = 2023-08-01.
    assert!(md.contains("2023年8月1日"), "{md}");

    // Another quarter has no run: nobody is scored, and the report says why.
    let q3 = ok(&["score", "--period", "2023Q3", "--database", &db]);
    assert!(q3.contains("未检查"), "{q3}");
    let (success, _, stderr) = xunwang(&[
        "report",
        "--period",
        "2023Q3",
        "--database",
        &db,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!success && stderr.contains("没有可评分的网站"), "{stderr}");
    let (success, _, stderr) = xunwang(&["score", "--period", "2023Q5", "--database", &db]);
    assert!(!success && stderr.contains("不是检查周期"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
