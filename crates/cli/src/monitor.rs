//! `xunwang monitor`: the daemon — availability probes, freshness polls and scheduled
//! inspections of the registry (or of the URLs given), until `--duration` ends or SIGTERM /
//! Ctrl-C; optionally a Prometheus `/metrics` endpoint.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use xunwang_engine::InspectConfig;
use xunwang_engine::monitor::{
    HttpWeb, Monitor, MonitorConfig, PROBE_TIMEOUT, SystemClock, monitor_sites, parse_duration,
    probe_config, serve_metrics,
};
use xunwang_fetch::{BROWSER_USER_AGENT, FetchConfig, Fetcher, parse_resolve};
use xunwang_store::SqliteStore;

/// Flags of `xunwang monitor`.
#[derive(Debug, clap::Args)]
pub struct MonitorArgs {
    /// 要监测的网站首页（不给出时监测名录中的全部网站，见 `xunwang sites import`）
    #[arg(value_name = "SITE_URL")]
    urls: Vec<String>,
    /// 主机地址映射，同 curl：HOST=IP:PORT（可多次给出）
    #[arg(long = "resolve", value_name = "HOST=IP:PORT")]
    resolve: Vec<String>,
    /// 只访问 --resolve 中列出的主机
    #[arg(long)]
    resolve_only: bool,
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
    /// 首页可用性探测间隔（默认 30m，即每天 48 次；规则要求每天不少于 20 次）
    #[arg(long, default_value = "30m", value_name = "DURATION")]
    probe_every: String,
    /// 探测超时：超过此时长首页仍未打开即为失败（规则为 15 秒）
    #[arg(long, default_value = "15s", value_name = "DURATION")]
    probe_timeout: String,
    /// 探测失败后复测的等待时间
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    confirm_delay: String,
    /// 失败后不复测
    #[arg(long)]
    no_confirm: bool,
    /// 首页与栏目页轮询间隔（用于判断更新情况）
    #[arg(long, default_value = "1d", value_name = "DURATION")]
    poll_every: String,
    /// 不轮询首页与栏目页
    #[arg(long)]
    no_poll: bool,
    /// 全站检查间隔（每个网站分散在一周内的不同时刻）
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    inspect_every: String,
    /// 不做定期全站检查
    #[arg(long)]
    no_inspect: bool,
    /// 运行多久后停止（如 40s、2h）；默认一直运行，直到 Ctrl-C 或 SIGTERM
    #[arg(long, value_name = "DURATION")]
    duration: Option<String>,
    /// 探测与轮询记录的保留时长
    #[arg(long, default_value = "45d", value_name = "DURATION")]
    retention: String,
    /// 同时进行的探测与轮询任务数上限
    #[arg(long, default_value_t = xunwang_engine::monitor::DEFAULT_MAX_IN_FLIGHT)]
    max_in_flight: usize,
    /// 在此地址提供 Prometheus 指标（/metrics），如 127.0.0.1:9464；端口 0 表示自动选择
    #[arg(long, value_name = "ADDR")]
    metrics: Option<String>,
    /// 使用浏览器 User-Agent（默认如实表明身份）
    #[arg(long)]
    browser_ua: bool,
    /// 轮询与全站检查时不遵守 robots.txt（仅限本单位自己的网站；探测本就只访问首页）
    #[arg(long)]
    ignore_robots: bool,
}

fn duration(flag: &str, s: &str) -> Result<Duration> {
    parse_duration(s)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("--{flag}"))
}

/// Runs `xunwang monitor`.
pub async fn run(args: MonitorArgs) -> Result<()> {
    let mut base = FetchConfig::default();
    for r in &args.resolve {
        base.resolve.push(
            parse_resolve(r).with_context(|| format!("--resolve `{r}` 格式应为 HOST=IP:PORT"))?,
        );
    }
    base.resolve_only = args.resolve_only;
    base.respect_robots = !args.ignore_robots;
    if args.browser_ua {
        base.user_agent = BROWSER_USER_AGENT.to_owned();
    }
    let probe_timeout = duration("probe-timeout", &args.probe_timeout)?;
    if probe_timeout != PROBE_TIMEOUT {
        tracing::warn!(?probe_timeout, "探测超时不是规则规定的 15 秒");
    }
    let cfg = MonitorConfig {
        probe_every: duration("probe-every", &args.probe_every)?,
        confirm_delay: if args.no_confirm {
            None
        } else {
            Some(duration("confirm-delay", &args.confirm_delay)?)
        },
        poll_every: if args.no_poll {
            None
        } else {
            Some(duration("poll-every", &args.poll_every)?)
        },
        inspect_every: duration("inspect-every", &args.inspect_every)?,
        retention: Some(duration("retention", &args.retention)?),
        max_in_flight: args.max_in_flight.max(1),
        ..MonitorConfig::default()
    };
    let until = match &args.duration {
        Some(d) => {
            let d = duration("duration", d)?;
            Some(
                chrono::Utc::now().with_timezone(&xunwang_engine::monitor::china_offset())
                    + chrono::Duration::from_std(d).context("--duration 过长")?,
            )
        }
        None => None,
    };

    let store = SqliteStore::open(&args.database)
        .await
        .with_context(|| format!("无法打开数据库 {}", args.database))?;
    let sites = monitor_sites(&store, &args.urls).await?;
    if sites.is_empty() {
        anyhow::bail!(
            "没有要监测的网站：请给出网站首页，或先用 `xunwang sites import FILE` 导入名录"
        );
    }
    let probe = Fetcher::new(probe_config(&base, probe_timeout)).context("无法创建 HTTP 客户端")?;
    let poll = Fetcher::new(base).context("无法创建 HTTP 客户端")?;
    let web = Arc::new(HttpWeb::new(probe, poll.clone()));
    let clock = Arc::new(SystemClock::china());
    let n = sites.len();
    let mut monitor = Monitor::new(store.clone(), web, clock, sites, cfg.clone());
    if !args.no_inspect {
        let at = chrono::Local::now().fixed_offset();
        monitor = monitor.with_inspections(poll, InspectConfig::new(at));
    }
    let stats = monitor.stats();

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let metrics = match &args.metrics {
        Some(addr) => {
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("无法在 {addr} 提供指标"))?;
            let local = listener.local_addr()?;
            eprintln!("指标：http://{local}/metrics");
            let mut rx = stop_rx.clone();
            Some(tokio::spawn(serve_metrics(
                listener,
                stats.clone(),
                async move {
                    let _ = rx.wait_for(|s| *s).await;
                },
            )))
        }
        None => None,
    };
    eprintln!(
        "开始监测 {n} 个网站：每 {} 探测一次首页{}{}（Ctrl-C 停止）",
        args.probe_every,
        if args.no_poll {
            String::new()
        } else {
            format!("，每 {} 轮询首页与栏目", args.poll_every)
        },
        if args.no_inspect {
            String::new()
        } else {
            format!("，每 {} 全站检查一次", args.inspect_every)
        },
    );
    let counts = monitor.run(until, shutdown_signal()).await?;
    let _ = stop_tx.send(true);
    if let Some(h) = metrics {
        let _ = h.await;
    }
    println!(
        "监测结束：{} 个网站，探测 {} 次（失败 {} 次，复测确认 {} 次，跳过过时时段 {} 个），轮询 {} 个网站 {} 个页面，全站检查 {} 次；数据库 {:.1} MB",
        counts.sites,
        counts.probes_done,
        counts.probes_failed,
        counts.probes_confirmed,
        counts.probes_skipped,
        counts.polls_done,
        counts.poll_pages,
        counts.inspections,
        counts.database_bytes as f64 / 1_048_576.0
    );
    store.close().await;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    eprintln!("收到停止信号，正在结束……");
}
