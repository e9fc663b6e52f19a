//! `xunwang page URL`: what is read from one page, checked against the sample site's truth.

use std::process::Command;

use xunwang_testsite::{Scenario, ServeOptions, Testsite};

fn page(args: &[&str], resolve: &[String]) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xunwang"));
    cmd.arg("page").args(args);
    for r in resolve {
        cmd.args(["--resolve", r]);
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str], resolve: &[String]) -> serde_json::Value {
    let (ok, stdout, stderr) = page(args, resolve);
    assert!(ok, "{stdout}\n{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn page_shows_the_list_dates_and_the_article_publish_time_the_site_planted() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let opts = ServeOptions {
        now: Some(chrono::DateTime::parse_from_rfc3339("2023-06-20T10:00:00+08:00").unwrap()),
        port: 0,
        ..ServeOptions::default()
    };
    let site = rt
        .block_on(Testsite::start(&Scenario::default_scenario(), &opts))
        .unwrap();
    let m = site.manifest().clone();
    let at = ["--at", "2023-06-20T10:00:00+08:00"];

    // A GBK department site: every list column's newest item, read from its list page and
    // from the article itself, is the date and time the manifest planted.
    let dept = &m.sites[1];
    let mut checked = 0;
    for c in dept.columns.iter().filter(|c| c.newest.is_some()) {
        let list = json(&[&c.url, "--json", at[0], at[1]], &m.resolve);
        assert_eq!(list["column"], c.name.as_str(), "{}", c.url);
        let items = list["list"].as_array().unwrap();
        let first = &items[0];
        let newest = c.newest.as_deref().unwrap();
        assert_eq!(first["date"], &newest[..10], "{}", c.url);
        let article = json(
            &[first["url"].as_str().unwrap(), "--json", at[0], at[1]],
            &m.resolve,
        );
        assert_eq!(article["published"], newest, "{}", first["url"]);
        assert_eq!(article["published_confidence"], "high");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} columns checked");

    // The home page has no publication date; the header's 今天是… and the footer's 页面生成时间
    // are not taken for one. Its footer identifiers are read.
    let home = json(&[&dept.home, "--json"], &m.resolve);
    assert!(home["published"].is_null(), "{home:#}");
    assert_eq!(home["footer"]["site_code"], dept.site_code.as_str());
    // The content checks run on the page too: this home page carries the planted 暗链, and
    // nothing else (the manifest plants no other content fault there).
    let planted: Vec<&str> = m
        .faults
        .iter()
        .filter(|f| f.url == dept.home && f.kind.starts_with("content."))
        .map(|f| f.kind.as_str())
        .collect();
    let found: Vec<&str> = home["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(found, planted, "{:#}", home["content"]);
    assert_eq!(found, ["content.hidden_link"]);
    let (ok, text, stderr) = page(&[&dept.home], &m.resolve);
    assert!(ok, "{stderr}");
    assert!(
        text.contains("内容问题：") && text.contains("暗链"),
        "{text}"
    );

    // The text form says where the date was read.
    let newest_column = dept.columns.iter().find(|c| c.newest.is_some()).unwrap();
    let (ok, text, stderr) = page(&[&newest_column.url, at[0], at[1]], &m.resolve);
    assert!(ok, "{stderr}");
    assert!(text.contains("[列表日期]"), "{text}");
    assert!(text.contains("当前位置：首页"), "{text}");

    // A URL that is not a page is a clear error, not a crash.
    let (ok, _, stderr) = page(&["ftp://example.gov.cn/"], &[]);
    assert!(!ok);
    assert!(stderr.contains("只能读取 http 或 https 网址"), "{stderr}");
    rt.block_on(site.stop());
}
