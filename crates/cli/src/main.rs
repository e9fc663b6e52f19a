//! `xunwang` — the command line of the government-website inspector. Wiring only: the work
//! is done by the library crates.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

/// The crawler allocates and frees millions of small strings (URLs, link texts); glibc's
/// allocator was ~20 % of the CPU profile of a 20k-page inspection, mimalloc is measurably faster
/// (figures in the issue 3 note).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod availability;
mod demo;
mod inspect;
mod monitor;
mod page;
mod rules;
mod score;
mod sites;
use xunwang_testsite::{LARGE_SCENARIO, SMALL_SCENARIO, Scenario, ServeOptions, Testsite};

/// 巡网：政府网站与政务新媒体检查监测工具
#[derive(Debug, Parser)]
#[command(name = "xunwang", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 演示：在本机启动内置样例网站，完整检查一遍，并与标准答案对照
    Demo(demo::DemoArgs),
    /// 检查网站：抓取全站、检查每一个链接，结果存入数据库（中断后再次运行会接着检查）
    Inspect(inspect::InspectArgs),
    /// 读取一个页面：显示标题、发布时间及其来源、栏目、当前位置、网站标识、列表、分页、留言、表单和链接
    Page(page::PageArgs),
    /// 评分：按指标包为本周期已检查的网站评分（单项否决、扣分、加分），结果存入数据库
    Score(score::ScoreArgs),
    /// 报告：评分并写出通报（.docx/.md/.html）、整改清单（.xlsx）、各网站检查情况表和 JSON
    Report(score::ReportArgs),
    /// 人工录入：单项否决、扣分、加分、排除误报、网站属性（记录录入人和时间）
    Manual {
        #[command(subcommand)]
        command: score::ManualCommand,
    },
    /// 网站名录：导入（CSV/TOML）与列出
    Sites {
        #[command(subcommand)]
        command: sites::SitesCommand,
    },
    /// 日常监测（常驻）：定时探测首页可用性、每日轮询首页与栏目更新、定期全站检查
    Monitor(monitor::MonitorArgs),
    /// 可用性统计：每个网站在窗口内的探测次数、失败次数、失败率与结论（否决/预警/正常/数据不足）
    Availability(availability::AvailabilityArgs),
    /// 样例网站：生成带已知问题的政府网站并在本机提供服务
    Testsite {
        #[command(subcommand)]
        command: TestsiteCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TestsiteCommand {
    /// 启动样例网站，打印网站与主机映射，写出问题清单（manifest）
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// 场景文件（TOML）；也可用内置的 `default`、`large`（10 万页）、`small`
    #[arg(long, default_value = "default")]
    scenario: String,
    /// 随机种子（覆盖场景中的 seed）
    #[arg(long)]
    seed: Option<u64>,
    /// 监听端口（127.0.0.1）；0 表示自动选择
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// 监测时间点（RFC 3339，如 2023-06-20T10:00:00+08:00）；默认为启动时刻
    #[arg(long)]
    now: Option<String>,
    /// 问题清单写到此文件
    #[arg(long, default_value = "testsite-manifest.json")]
    manifest: PathBuf,
    /// 单站模式：只在 http://127.0.0.1:PORT/ 提供一个网站（可给出网站 key，默认第一个）
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    single_host: Option<String>,
    /// 给每个应答加上的 HTTP 头（"名称: 值"，可多次给出）
    #[arg(long, value_name = "NAME: VALUE")]
    header: Vec<String>,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("XUNWANG_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")?;
    match cli.command {
        Command::Demo(args) => rt.block_on(demo::run(args)),
        Command::Inspect(args) => rt.block_on(inspect::run(args)),
        Command::Page(args) => rt.block_on(page::run(args)),
        Command::Score(args) => rt.block_on(score::run_score(args)),
        Command::Report(args) => rt.block_on(score::run_report(args)),
        Command::Manual { command } => rt.block_on(score::run_manual(command)),
        Command::Sites { command } => rt.block_on(sites::run(command)),
        Command::Monitor(args) => rt.block_on(monitor::run(args)),
        Command::Availability(args) => rt.block_on(availability::run(args)),
        Command::Testsite {
            command: TestsiteCommand::Serve(args),
        } => rt.block_on(serve(args)),
    }
}

fn load_scenario(name: &str) -> Result<Scenario> {
    let scenario = match name {
        "default" => Scenario::default_scenario(),
        "large" => Scenario::from_toml(LARGE_SCENARIO, "large")?,
        "small" => Scenario::from_toml(SMALL_SCENARIO, "small")?,
        path => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("无法读取场景文件 {path}"))?;
            Scenario::from_toml(&text, path)?
        }
    };
    Ok(scenario)
}

async fn serve(args: ServeArgs) -> Result<()> {
    let scenario = load_scenario(&args.scenario)?;
    let now = match &args.now {
        Some(s) => Some(
            chrono::DateTime::parse_from_rfc3339(s)
                .with_context(|| format!("--now `{s}` 不是 RFC 3339 时间"))?,
        ),
        None => None,
    };
    let opts = ServeOptions {
        seed: args.seed,
        now,
        port: args.port,
        single_host: args.single_host.clone(),
        record_hits: false,
        headers: args
            .header
            .iter()
            .map(|h| match h.split_once(':') {
                Some((n, v))
                    if !n.trim().is_empty()
                        && n.trim()
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !v.chars().any(char::is_control) =>
                {
                    Ok((n.trim().to_owned(), v.trim().to_owned()))
                }
                _ => {
                    anyhow::bail!("--header `{h}` 格式应为 \"名称: 值\"（名称只含字母、数字和 -）")
                }
            })
            .collect::<Result<_>>()?,
    };
    let site = Testsite::start(&scenario, &opts).await?;
    let manifest = site.manifest();
    let json = serde_json::to_string_pretty(manifest)?;
    std::fs::write(&args.manifest, json)
        .with_context(|| format!("无法写出问题清单 {}", args.manifest.display()))?;
    println!(
        "样例网站：{}（种子 {}，监测时间点 {}）",
        manifest.scenario, manifest.seed, manifest.now
    );
    println!("监听 http://{}/", site.addr());
    for s in &manifest.sites {
        println!(
            "  {}  {}  {} 页  网站标识码 {}",
            s.home, s.name, s.pages, s.site_code
        );
    }
    if !manifest.resolve.is_empty() {
        println!("主机映射（--resolve）：");
        for r in &manifest.resolve {
            println!("  {r}");
        }
        let first = manifest
            .sites
            .first()
            .map(|s| s.host.as_str())
            .unwrap_or("");
        println!("试一试：curl -H 'Host: {first}' http://{}/", site.addr());
    }
    println!(
        "问题清单：{}（{} 个问题，{} 个干扰项）",
        args.manifest.display(),
        manifest.faults.len(),
        manifest.decoys.len()
    );
    println!("按 Ctrl-C 停止。");
    tokio::signal::ctrl_c().await.context("无法等待 Ctrl-C")?;
    site.stop().await;
    Ok(())
}
