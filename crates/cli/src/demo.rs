//! `xunwang demo`: the built-in sample sites on loopback, inspected end to end, with the
//! results compared against the sites' ground truth so a newcomer sees what the tool finds.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use xunwang_core::FindingKind;
use xunwang_engine::InspectConfig;
use xunwang_fetch::{FetchConfig, Fetcher, parse_resolve};
use xunwang_store::SqliteStore;
use xunwang_testsite::{Scenario, ServeOptions, Testsite};

use crate::inspect::{findings_jsonl, inspect_sites, summary_table, write_dir};

/// Flags of `xunwang demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// 结果目录（findings.jsonl、summary.json、数据库 xunwang-demo.db）
    #[arg(long, default_value = "xunwang-demo", value_name = "DIR")]
    out: PathBuf,
    /// 不显示进度
    #[arg(long)]
    quiet: bool,
}

/// Finding kinds the demo compares with the ground truth: those this version checks.
const CHECKED_KINDS: &[&str] = &[
    "link.broken",
    "link.external_hijacked",
    "content.",
    "privacy.",
    "column.",
    "home.",
    "identity.",
    "interaction.",
];

/// The Chinese name of a finding kind id, for the comparison table.
fn kind_label(kind: &str) -> &'static str {
    kind.parse::<FindingKind>()
        .map(FindingKind::label_zh)
        .unwrap_or("")
}

/// Runs `xunwang demo`.
pub async fn run(args: DemoArgs) -> Result<()> {
    let scenario = Scenario::default_scenario();
    let site = Testsite::start(&scenario, &ServeOptions::default())
        .await
        .context("无法启动样例网站")?;
    let m = site.manifest().clone();
    println!(
        "样例网站：{}，{} 个网站，监听 http://{}/",
        m.scenario,
        m.sites.len(),
        site.addr()
    );

    let mut fc = FetchConfig::default();
    for r in &m.resolve {
        fc.resolve.push(parse_resolve(r)?);
    }
    // The sample world is closed: nothing may leave the machine.
    fc.resolve_only = true;
    let fetcher = Fetcher::new(fc).context("无法创建 HTTP 客户端")?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("无法创建结果目录 {}", args.out.display()))?;
    let db = args.out.join("xunwang-demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = SqliteStore::open(&format!("sqlite://{}", db.display()))
        .await
        .with_context(|| format!("无法打开数据库 {}", db.display()))?;
    let at = chrono::DateTime::parse_from_rfc3339(&m.now).context("样例网站的监测时间点无效")?;
    let cfg = InspectConfig::new(at);
    let urls: Vec<String> = m.sites.iter().map(|s| s.home.clone()).collect();

    let started = Instant::now();
    let results = inspect_sites(&store, &fetcher, &urls, &cfg, args.quiet).await;
    let reports = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    site.stop().await;
    write_dir(&args.out, &reports, &findings_jsonl(&reports)?)?;
    print!("{}", summary_table(&reports, started.elapsed()));

    // Against the ground truth: what an inspector would want to know first.
    let reported = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| (f.kind.id(), f.site.as_str(), f.url.as_str()));
    let scores = m.score(reported, CHECKED_KINDS);
    println!("\n与标准答案对照（按问题类型）：");
    println!("问题类型\t应发现\t发现\t漏报\t误报\t准确率\t检出率");
    let (mut expected, mut hits, mut missed, mut false_alarms) = (0, 0, 0, 0);
    for k in &scores {
        println!(
            "{}（{}）\t{}\t{}\t{}\t{}\t{:.2}\t{:.2}",
            k.kind,
            kind_label(&k.kind),
            k.expected,
            k.hits,
            k.missed.len(),
            k.false_alarms.len(),
            k.precision(),
            k.recall()
        );
        expected += k.expected;
        hits += k.hits;
        missed += k.missed.len();
        false_alarms += k.false_alarms.len();
        for x in &k.missed {
            println!("    漏报：{x}");
        }
        for x in &k.false_alarms {
            println!("    误报：{x}");
        }
    }
    println!(
        "合计：应发现 {expected} 个，发现 {hits} 个，漏报 {missed} 个，误报 {false_alarms} 个"
    );
    println!("\n链接不可用：");
    for f in reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.kind == FindingKind::LinkBroken)
    {
        let page = f
            .evidence
            .occurrences
            .first()
            .map(|o| o.page.as_str())
            .unwrap_or("站点地图");
        println!("  {}  {}（见 {}）", f.url, f.evidence.summary, page);
    }
    println!("\n内容安全、隐私、栏目、首页、网站标识与互动问题：");
    for f in reports.iter().flat_map(|r| &r.findings).filter(|f| {
        f.kind != FindingKind::LinkBroken
            && CHECKED_KINDS.iter().any(|p| f.kind.id().starts_with(p))
    }) {
        println!("  [{}] {}", f.severity.label_zh(), f.evidence.summary);
    }
    println!(
        "可用性监测、评分和通报将在后续版本提供。\n结果：{}",
        args.out.join("findings.jsonl").display()
    );
    Ok(())
}
