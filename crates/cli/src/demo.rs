//! `xunwang demo`: the built-in sample sites on loopback, inspected end to end, with the
//! results compared against the sites' ground truth, then the period scored and the bulletin,
//! rectification list and scorecards written — what an office publishes, in one command.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use xunwang_core::FindingKind;
use xunwang_engine::InspectConfig;
use xunwang_fetch::{FetchConfig, Fetcher, parse_resolve};
use xunwang_store::{ScoreStore, SqliteStore, Store};
use xunwang_testsite::{Scenario, ServeOptions, Testsite};

use xunwang_engine::{BulletinOptions, score_period};

use crate::inspect::{findings_jsonl, inspect_sites, summary_table, write_dir};
use crate::score::{Formats, headline, load_pack, score_table, write_reports};

/// The issuer the demo bulletin is signed by (the sample sites belong to a fictional city).
const DEMO_ISSUER: &str = "样例市人民政府办公室";

/// Flags of `xunwang demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// 结果目录：通报 bulletin.docx/.md/.html、整改清单 rectification.xlsx、scorecards.json、findings.jsonl、数据库 xunwang-demo.db
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
    // Score the period and write what the office publishes. The sample sites' names and kinds
    // come from their manifest, as they would from the site registry.
    for s in &m.sites {
        let id = store.upsert_site(&s.home, Some(&s.name)).await?;
        let kind = match s.kind {
            xunwang_testsite::SiteKind::Portal => "portal",
            xunwang_testsite::SiteKind::Department => "department",
        };
        store
            .set_site_flags(
                id,
                &xunwang_store::SiteFlags {
                    kind: Some(kind.to_owned()),
                    no_external_service: false,
                },
            )
            .await?;
    }
    let pack = load_pack("gov-cn-2019-website")?;
    let today = xunwang_core::china_date(at);
    let period = xunwang_core::Period::quarter_of(today);
    let scores = score_period(&store, &pack, period, today, at).await?;
    let mut opts = BulletinOptions::new(today);
    opts.issuer = DEMO_ISSUER.to_owned();
    let (b, written) =
        write_reports(&store, &scores, &pack, &opts, Formats::all(), &args.out).await?;
    println!("\n评分（{}，指标包 {}）：", period.label_zh(), pack.id);
    print!("{}", score_table(&scores));
    println!("\n{}", headline(&b));
    println!("已写出 {} 个文件到 {}：", written.len(), args.out.display());
    for name in [
        "bulletin.docx",
        "bulletin.md",
        "bulletin.html",
        "rectification.xlsx",
        "scorecards.json",
    ] {
        println!("  {}", args.out.join(name).display());
    }
    println!("  {}（各网站检查情况表）", args.out.join("sites").display());
    println!("问题明细：{}", args.out.join("findings.jsonl").display());
    Ok(())
}
