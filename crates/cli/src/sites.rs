//! `xunwang sites import FILE` and `xunwang sites list`: the site registry.

use std::path::PathBuf;

use anyhow::{Context, Result};
use xunwang_engine::monitor::parse_registry;
use xunwang_store::{MonitorStore, SiteKind, SqliteStore};

/// Subcommands of `xunwang sites`.
#[derive(Debug, clap::Subcommand)]
pub enum SitesCommand {
    /// 导入网站名录（CSV 或 TOML）：名称、首页、网站标识码、类型（门户/部门）、主办单位、地区、上级、别名、访问频率设置
    Import(ImportArgs),
    /// 列出名录中的网站
    List(ListArgs),
}

/// Flags of `xunwang sites import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// 名录文件：.csv（首行为表头）或 .toml（[[site]] 表）
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
}

/// Flags of `xunwang sites list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
    /// 以 JSON Lines 输出（每行一个网站）
    #[arg(long)]
    json: bool,
}

/// Runs `xunwang sites …`.
pub async fn run(command: SitesCommand) -> Result<()> {
    match command {
        SitesCommand::Import(args) => import(args).await,
        SitesCommand::List(args) => list(args).await,
    }
}

async fn import(args: ImportArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("无法读取名录文件 {}", args.file.display()))?;
    let entries = parse_registry(&text, &args.file.display().to_string())?;
    let store = SqliteStore::open(&args.database)
        .await
        .with_context(|| format!("无法打开数据库 {}", args.database))?;
    let now = chrono::Local::now().fixed_offset();
    store
        .register_sites(&entries, now)
        .await
        .context("无法写入网站名录")?;
    let portals = entries
        .iter()
        .filter(|e| e.kind == Some(SiteKind::Portal))
        .count();
    let departments = entries
        .iter()
        .filter(|e| e.kind == Some(SiteKind::Department))
        .count();
    println!(
        "已导入 {} 个网站（门户网站 {portals} 个，部门网站 {departments} 个，未注明类型 {} 个）到 {}",
        entries.len(),
        entries.len() - portals - departments,
        args.database
    );
    store.close().await;
    Ok(())
}

async fn list(args: ListArgs) -> Result<()> {
    let store = SqliteStore::open(&args.database)
        .await
        .with_context(|| format!("无法打开数据库 {}", args.database))?;
    let sites = store.registered_sites().await.context("无法读取网站名录")?;
    if args.json {
        for s in &sites {
            println!("{}", serde_json::to_string(&s.entry)?);
        }
    } else if sites.is_empty() {
        println!("名录为空。用 `xunwang sites import FILE` 导入。");
    } else {
        println!("名称\t首页\t网站标识码\t类型\t主办单位\t地区\t上级\t别名");
        for s in &sites {
            let e = &s.entry;
            let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                dash(&e.name),
                e.home,
                dash(&e.site_code),
                e.kind.map_or("-", SiteKind::label_zh),
                dash(&e.organizer),
                dash(&e.region),
                dash(&e.parent),
                if e.aliases.is_empty() {
                    "-".to_owned()
                } else {
                    e.aliases.join(";")
                },
            );
        }
        println!("共 {} 个网站", sites.len());
    }
    store.close().await;
    Ok(())
}
