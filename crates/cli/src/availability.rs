//! `xunwang availability`: per site, the probes, failures, failure ratio and V2 verdict over a
//! window (default 7 days) ending now.
//!
//! Verdicts: 否决 (failures ≥ 5 % of the probes), 预警 (≥ 3 %), 正常, and 数据不足 when the
//! window holds fewer probes than the rule needs (20 a day: 140 for 7 days) — never a pass or a
//! fail on too little data.

use anyhow::{Context, Result};
use chrono::DateTime;
use xunwang_engine::monitor::{availability_summary, parse_duration};
use xunwang_store::SqliteStore;

/// Flags of `xunwang availability`.
#[derive(Debug, clap::Args)]
pub struct AvailabilityArgs {
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
    /// 统计窗口（以截止时间往前推），如 7d、24h
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    window: String,
    /// 截止时间（RFC 3339）；默认为当前时间
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// 以 JSON Lines 输出：每行一个网站，含 site、probes、failures、ratio、verdict
    #[arg(long)]
    json: bool,
}

/// Runs `xunwang availability`.
pub async fn run(args: AvailabilityArgs) -> Result<()> {
    let window = parse_duration(&args.window)
        .map_err(anyhow::Error::msg)
        .context("--window")?;
    let now = match &args.at {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .with_context(|| format!("--at `{s}` 不是 RFC 3339 时间"))?,
        None => chrono::Utc::now().with_timezone(&xunwang_engine::monitor::china_offset()),
    };
    let store = SqliteStore::open(&args.database)
        .await
        .with_context(|| format!("无法打开数据库 {}", args.database))?;
    let rows = availability_summary(&store, now, window).await?;
    if args.json {
        for r in &rows {
            println!("{}", serde_json::to_string(r)?);
        }
    } else if rows.is_empty() {
        println!("窗口内没有探测记录。先运行 `xunwang monitor`。");
    } else {
        println!("网站\t名称\t探测次数\t失败次数\t失败率\t结论");
        for r in &rows {
            println!(
                "{}\t{}\t{}\t{}\t{:.2}%\t{}",
                r.site,
                r.name.as_deref().unwrap_or("-"),
                r.probes,
                r.failures,
                r.ratio * 100.0,
                r.verdict.label_zh()
            );
        }
        println!(
            "窗口：{} 截至 {}；结论：否决（失败率≥5%）、预警（≥3%）、正常、数据不足（每天少于 20 次探测）",
            args.window,
            now.format("%Y-%m-%d %H:%M")
        );
    }
    store.close().await;
    Ok(())
}
