//! `xunwang inspect`: wiring of the inspection engine to the command line — flags to
//! configuration, a progress bar on a terminal (plain lines otherwise), a summary table and
//! findings as JSON Lines.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset};
use xunwang_engine::{InspectConfig, Progress, SiteReport, inspect_site};
use xunwang_fetch::{BROWSER_USER_AGENT, FetchConfig, Fetcher, parse_resolve};
use xunwang_store::SqliteStore;

/// Flags of `xunwang inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// 要检查的网站首页地址（可多个，并行检查，每个网站各自遵守访问频率限制）
    #[arg(required = true, value_name = "URL")]
    urls: Vec<String>,
    /// 主机地址映射，同 curl：HOST=IP:PORT（可多次给出）
    #[arg(long = "resolve", value_name = "HOST=IP:PORT")]
    resolve: Vec<String>,
    /// 只访问 --resolve 中列出的主机（其他主机不做 DNS 查询，记为无法判定）
    #[arg(long)]
    resolve_only: bool,
    /// 每个网站最多抓取的页面数
    #[arg(long, value_name = "N")]
    max_pages: Option<usize>,
    /// 页面最大链接深度（从首页算起的跳数）
    #[arg(long, value_name = "N")]
    max_depth: Option<u32>,
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
    /// 结果目录：写出 findings.jsonl 与 summary.json
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// 以 JSON Lines 输出发现的问题（无 --out 时写到标准输出）
    #[arg(long)]
    json: bool,
    /// 监测时间点（RFC 3339），写入问题的发现时间；默认为当前时间
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// 每个网站同时处理的地址数
    #[arg(long, default_value_t = xunwang_engine::DEFAULT_CONCURRENCY)]
    concurrency: usize,
    /// 每个主机同时进行的请求数
    #[arg(long, default_value_t = xunwang_fetch::DEFAULT_PER_HOST_CONCURRENCY)]
    per_host: usize,
    /// 每个 IP 地址同时进行的请求数（集约化平台上多个网站共用一个地址）
    #[arg(long, default_value_t = xunwang_fetch::DEFAULT_PER_IP_CONCURRENCY)]
    per_ip: usize,
    /// 同一主机两次请求之间的最小间隔（毫秒）
    #[arg(long, value_name = "MS")]
    min_interval_ms: Option<u64>,
    /// 单次请求超时（秒）
    #[arg(long, value_name = "SECS")]
    timeout: Option<u64>,
    /// 使用浏览器 User-Agent（默认如实表明身份）
    #[arg(long)]
    browser_ua: bool,
    /// 不遵守 robots.txt（仅限检查本单位自己的网站）
    #[arg(long)]
    ignore_robots: bool,
    /// 与首页同属一个网站的其他主机名（可多次给出）
    #[arg(long, value_name = "HOST")]
    alias: Vec<String>,
    /// 不读取站点地图
    #[arg(long)]
    no_sitemaps: bool,
    /// 结束前复查无法判定的链接之前等待的秒数
    #[arg(long, default_value_t = 3, value_name = "SECS")]
    recheck_delay: u64,
    /// 规则文件（TOML）：栏目分类关键词、更新时限与阈值，[page] 表为页面读取用词；未写的项取内置默认值
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// 本单位的词表文件（TOML，可多次指定）：须规范书写的名称、已离任领导姓名、补充的违规词或白名单，追加到内置词表
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// 网站的注册网站标识码（只检查一个网站时可用），用于核对页面底部的标识码
    #[arg(long, value_name = "CODE")]
    site_code: Option<String>,
    /// 不显示进度
    #[arg(long)]
    quiet: bool,
}

/// Runs `xunwang inspect`.
pub async fn run(args: InspectArgs) -> Result<()> {
    let at = match &args.at {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .with_context(|| format!("--at `{s}` 不是 RFC 3339 时间"))?,
        None => chrono::Local::now().fixed_offset(),
    };
    let fetcher = Fetcher::new(fetch_config(&args)?).context("无法创建 HTTP 客户端")?;
    let store = SqliteStore::open(&args.database)
        .await
        .with_context(|| format!("无法打开数据库 {}", args.database))?;
    let cfg = inspect_config(&args, at)?;
    let started = Instant::now();
    let results = inspect_sites(&store, &fetcher, &args.urls, &cfg, args.quiet).await;

    let mut reports = Vec::new();
    let mut failed = Vec::new();
    for (url, r) in args.urls.iter().zip(results) {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => failed.push(format!("{url}：{e}")),
        }
    }
    write_outputs(&args, &reports)?;
    let to_stdout_json = args.json && args.out.is_none();
    let table = summary_table(&reports, started.elapsed());
    if reports.is_empty() {
        // Nothing ran: the error below says why; an empty table would only add noise.
    } else if to_stdout_json {
        eprint!("{table}");
    } else {
        print!("{table}");
    }
    if !failed.is_empty() {
        bail!(
            "{} 个网站未能完成检查：\n{}",
            failed.len(),
            failed.join("\n")
        );
    }
    Ok(())
}

/// Inspects every site concurrently (each polite on its own) while drawing progress.
pub async fn inspect_sites(
    store: &SqliteStore,
    fetcher: &Fetcher,
    urls: &[String],
    cfg: &InspectConfig,
    quiet: bool,
) -> Vec<Result<SiteReport, xunwang_engine::EngineError>> {
    let progress = Arc::new(Progress::default());
    let drawer = (!quiet).then(|| spawn_progress(progress.clone(), urls.len()));
    let runs = urls
        .iter()
        .map(|u| inspect_site(store, fetcher, u, cfg, &progress));
    let results = futures::future::join_all(runs).await;
    if let Some((stop, handle)) = drawer {
        let _ = stop.send(());
        let _ = handle.await;
    }
    results
}

fn fetch_config(args: &InspectArgs) -> Result<FetchConfig> {
    let mut c = FetchConfig::default();
    for r in &args.resolve {
        c.resolve.push(
            parse_resolve(r).with_context(|| format!("--resolve `{r}` 格式应为 HOST=IP:PORT"))?,
        );
    }
    c.resolve_only = args.resolve_only;
    c.per_host_concurrency = args.per_host.max(1);
    c.per_ip_concurrency = args.per_ip.max(1);
    if let Some(ms) = args.min_interval_ms {
        c.min_interval = Duration::from_millis(ms);
    }
    if let Some(s) = args.timeout {
        c.timeout = Duration::from_secs(s.max(1));
    }
    if args.browser_ua {
        c.user_agent = BROWSER_USER_AGENT.to_owned();
    }
    c.respect_robots = !args.ignore_robots;
    Ok(c)
}

fn inspect_config(args: &InspectArgs, at: DateTime<FixedOffset>) -> Result<InspectConfig> {
    let mut cfg = InspectConfig::new(at);
    if let Some(path) = &args.rules {
        let (checks, cues) = crate::rules::load(path)?;
        cfg.checks = Arc::new(checks);
        cfg.page_cues = Arc::new(cues);
    }
    if !args.lexicon.is_empty() {
        cfg.lexicon = Arc::new(crate::rules::load_lexicon(&args.lexicon)?);
    }
    if let Some(code) = &args.site_code {
        if args.urls.len() > 1 {
            bail!("--site-code 只能在检查一个网站时使用");
        }
        cfg.site_code = Some(code.clone());
    }
    if let Some(n) = args.max_pages {
        cfg.frontier.max_pages = n;
    }
    if let Some(n) = args.max_depth {
        cfg.frontier.max_depth = n;
    }
    cfg.aliases = args.alias.clone();
    cfg.concurrency = args.concurrency.max(1);
    cfg.sitemaps = !args.no_sitemaps;
    cfg.recheck_delay = Duration::from_secs(args.recheck_delay);
    Ok(cfg)
}

/// Draws progress until told to stop: a bar on a terminal, a plain line every 5 s otherwise.
fn spawn_progress(
    p: Arc<Progress>,
    sites: usize,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
    let tty = std::io::stderr().is_terminal();
    let handle = tokio::spawn(async move {
        let started = Instant::now();
        let bar = tty.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(120));
            b
        });
        let every = if tty {
            Duration::from_millis(250)
        } else {
            Duration::from_secs(5)
        };
        loop {
            let line = progress_line(&p, sites, started.elapsed());
            match &bar {
                Some(b) => b.set_message(line),
                None => eprintln!("{line}"),
            }
            tokio::select! {
                _ = &mut rx => break,
                _ = tokio::time::sleep(every) => {}
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    });
    (tx, handle)
}

fn progress_line(p: &Progress, sites: usize, elapsed: Duration) -> String {
    let pages = Progress::get(&p.pages);
    let checks = Progress::get(&p.checks);
    let secs = elapsed.as_secs_f64().max(0.001);
    format!(
        "网站 {}/{} · 页面 {} · 待处理 {} · 已检查链接 {} · 不可用 {} · 无法判定 {} · {:.0} 个/秒",
        Progress::get(&p.sites_done),
        sites,
        pages,
        Progress::get(&p.queued),
        checks,
        Progress::get(&p.broken),
        Progress::get(&p.indeterminate),
        (pages + checks) as f64 / secs
    )
}

pub fn summary_table(reports: &[SiteReport], elapsed: Duration) -> String {
    let mut s = String::from("\n检查结果\n");
    s.push_str(
        "网站\t页面\t其他目标\t链接不可用\t无法判定\t栏目\t不更新\t空白\t首页最新\t标识问题\t互动问题\t内容问题\t隐私泄露\t陷阱\t截断\t用时\t说明\n",
    );
    for r in reports {
        let note = match (&r.resumed, r.home.is_broken() || r.home.is_indeterminate()) {
            (_, true) => format!(
                "首页：{}",
                r.home.reason().map(|x| x.to_string()).unwrap_or_default()
            ),
            (true, false) => "续查（接着上次中断处）".to_owned(),
            (false, false) => String::new(),
        };
        let area = |a: &str| r.findings.iter().filter(|f| f.kind.area() == a).count();
        let t = &r.tallies;
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.1}s\t{}\n",
            r.site,
            r.pages,
            r.checks,
            r.broken,
            r.indeterminate,
            r.columns.len(),
            t.stale_columns + t.long_unupdated_columns,
            t.empty_columns,
            t.home_newest
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "无".into()),
            area("identity"),
            area("interaction"),
            area("content"),
            area("privacy"),
            r.traps.len(),
            r.truncated.len(),
            r.elapsed.as_secs_f64(),
            note
        ));
    }
    for r in reports.iter().filter(|r| !r.vetoes.is_empty()) {
        s.push_str(&format!("{} 触及单项否决：\n", r.site));
        for v in &r.vetoes {
            s.push_str(&format!("  - {} {}\n", v.rule, v.reason));
        }
    }
    for r in reports.iter().filter(|r| !r.notes.is_empty()) {
        s.push_str(&format!("{} 未能判定的事项：\n", r.site));
        for n in r.notes.iter().take(10) {
            s.push_str(&format!("  - {n}\n"));
        }
        if r.notes.len() > 10 {
            s.push_str(&format!(
                "  - ……另有 {} 项，见 summary.json\n",
                r.notes.len() - 10
            ));
        }
    }
    s.push_str(&format!(
        "共 {} 个网站，用时 {:.1}s\n",
        reports.len(),
        elapsed.as_secs_f64()
    ));
    s
}

fn write_outputs(args: &InspectArgs, reports: &[SiteReport]) -> Result<()> {
    let lines = findings_jsonl(reports)?;
    match &args.out {
        Some(dir) => write_dir(dir, reports, &lines)?,
        None if args.json => {
            std::io::stdout().lock().write_all(lines.as_bytes())?;
        }
        None => {}
    }
    Ok(())
}

/// Findings as JSON Lines, one per finding.
pub fn findings_jsonl(reports: &[SiteReport]) -> Result<String> {
    let mut lines = String::new();
    for r in reports {
        for f in &r.findings {
            lines.push_str(&serde_json::to_string(f)?);
            lines.push('\n');
        }
    }
    Ok(lines)
}

/// Writes `findings.jsonl` and `summary.json` into `dir`.
pub fn write_dir(dir: &std::path::Path, reports: &[SiteReport], lines: &str) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建结果目录 {}", dir.display()))?;
    let path = dir.join("findings.jsonl");
    std::fs::write(&path, lines).with_context(|| format!("无法写出 {}", path.display()))?;
    let summary: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            serde_json::json!({
                "site": r.site, "run": r.run, "resumed": r.resumed,
                "home": r.home, "pages": r.pages, "checks": r.checks,
                "broken": r.broken, "indeterminate": r.indeterminate,
                "fetched_now": r.fetched_now,
                "traps": r.traps, "truncated": r.truncated,
                "columns": r.columns, "tallies": r.tallies, "notes": r.notes,
                "vetoes": r.vetoes, "warnings": r.warnings,
                "elapsed_ms": r.elapsed.as_millis() as u64,
            })
        })
        .collect();
    let path = dir.join("summary.json");
    std::fs::write(&path, serde_json::to_string_pretty(&summary)?)
        .with_context(|| format!("无法写出 {}", path.display()))?;
    Ok(())
}
