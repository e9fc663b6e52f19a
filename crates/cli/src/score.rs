//! `xunwang score`, `xunwang report` and `xunwang manual`: scoring a period from what is stored,
//! writing the bulletin and the rectification list, and an inspector's manual inputs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use xunwang_core::{Period, china_date};
use xunwang_engine::{BulletinOptions, PeriodScores, bulletin, score_period, stored_scorecards};
use xunwang_report as report;
use xunwang_rules::{Manual, Pack, Stamp, points_text};
use xunwang_store::{ScoreStore, SiteFlags, SqliteStore, Store};

/// Flags shared by `score` and `report`.
#[derive(Debug, clap::Args)]
pub struct PeriodArgs {
    /// 检查周期：2023Q2（季度）、2023H1（半年）或 2023（全年）；默认为当前季度
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// 监测时间点（YYYY-MM-DD）；默认为周期最后一天，周期未结束时为今天
    #[arg(long, value_name = "DATE")]
    checkpoint: Option<String>,
    /// 指标包：内置的 gov-cn-2019-website，或本地指标包文件（TOML）
    #[arg(long, default_value = "gov-cn-2019-website", value_name = "ID|FILE")]
    pack: String,
    /// 数据库（默认 ./xunwang.db）
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
}

/// Flags of `xunwang score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// 以 JSON 输出各网站的评分（每行一个）
    #[arg(long)]
    json: bool,
}

/// Flags of `xunwang report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// 输出格式，逗号分隔：docx,xlsx,md,html,json
    #[arg(long, default_value = "docx,xlsx,md,html,json", value_name = "LIST")]
    format: String,
    /// 输出目录
    #[arg(long, default_value = "xunwang-report", value_name = "DIR")]
    out: PathBuf,
    /// 发文机关
    #[arg(long, value_name = "NAME")]
    issuer: Option<String>,
    /// 成文日期（YYYY-MM-DD），默认今天
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// 整改期限：成文日期后的工作日数（按国务院办公厅公布的节假日安排计算）
    #[arg(long, default_value_t = 15, value_name = "N")]
    rectify_days: u32,
    /// 三、工作要求的文字（文本文件，每段一行；{deadline} 替换为整改期限）
    #[arg(long, value_name = "FILE")]
    requirements: Option<PathBuf>,
}

/// `xunwang manual …`.
#[derive(Debug, clap::Subcommand)]
pub enum ManualCommand {
    /// 人工认定单项否决（如泄露国家秘密、引发负面舆情、服务不实用）
    Veto(ManualItemArgs),
    /// 人工扣分（如办事指南要素不全、政策解读质量）：--item 为扣分规则或指标编号
    Deduct(ManualItemArgs),
    /// 加分（--item 为加分项编号）
    Bonus(ManualItemArgs),
    /// 排除误报：--item 为问题指纹（findings.jsonl 中的 fingerprint）
    Dismiss(ManualItemArgs),
    /// 撤销一条人工录入（保留记录）
    Revoke {
        /// 录入编号（见 `xunwang manual list`）
        id: i64,
        /// 操作人
        #[arg(long)]
        by: String,
        /// 数据库
        #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
        database: String,
    },
    /// 列出一个网站本周期的人工录入
    List {
        /// 网站首页地址
        #[arg(long)]
        site: String,
        /// 检查周期（默认当前季度）
        #[arg(long)]
        period: Option<String>,
        /// 数据库
        #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
        database: String,
    },
    /// 设置网站属性：类型（portal 门户 / department 部门），是否为无对外服务职能的国务院部门网站
    Site {
        /// 网站首页地址
        #[arg(long)]
        site: String,
        /// portal 或 department
        #[arg(long)]
        kind: Option<String>,
        /// 无对外服务职能（办事服务不检查，按75分折算）
        #[arg(long)]
        no_external_service: Option<bool>,
        /// 数据库
        #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
        database: String,
    },
}

/// Flags of one manual input.
#[derive(Debug, clap::Args)]
pub struct ManualItemArgs {
    /// 网站首页地址
    #[arg(long)]
    site: String,
    /// 单项否决编号（V1…）、扣分规则或指标编号、加分项编号，或问题指纹
    #[arg(long)]
    item: String,
    /// 说明（认定理由、问题情况）
    #[arg(long)]
    reason: String,
    /// 分值（扣分、加分；默认为规则或加分项的分值）
    #[arg(long)]
    points: Option<f64>,
    /// 问题所在网址
    #[arg(long)]
    url: Option<String>,
    /// 录入人
    #[arg(long)]
    by: String,
    /// 检查周期（默认当前季度）
    #[arg(long)]
    period: Option<String>,
    /// 指标包（校验编号用）
    #[arg(long, default_value = "gov-cn-2019-website", value_name = "ID|FILE")]
    pack: String,
    /// 数据库
    #[arg(long, default_value = "sqlite://xunwang.db", value_name = "URL")]
    database: String,
}

fn now() -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).expect("valid offset"))
}

/// The pack named by id or file.
pub fn load_pack(spec: &str) -> Result<Pack> {
    if Path::new(spec).is_file() {
        let text =
            std::fs::read_to_string(spec).with_context(|| format!("无法读取指标包 {spec}"))?;
        return Ok(Pack::from_toml(&text, spec)?);
    }
    Ok(Pack::shipped(spec)?)
}

fn parse_period(p: Option<&str>, today: NaiveDate) -> Result<Period> {
    match p {
        Some(p) => Ok(p.parse()?),
        None => Ok(Period::quarter_of(today)),
    }
}

fn parse_date(s: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("{what} `{s}` 应写作 YYYY-MM-DD"))
}

async fn open(database: &str) -> Result<SqliteStore> {
    SqliteStore::open(database)
        .await
        .with_context(|| format!("无法打开数据库 {database}"))
}

/// Scores the period the flags name; returns the scores and the pack.
async fn score(args: &PeriodArgs, store: &SqliteStore) -> Result<(PeriodScores, Pack)> {
    let now = now();
    let today = china_date(now);
    let period = parse_period(args.period.as_deref(), today)?;
    let checkpoint = match &args.checkpoint {
        Some(d) => parse_date(d, "--checkpoint")?,
        None => period.checkpoint(today),
    };
    if !period.contains(checkpoint) {
        bail!(
            "监测时间点 {checkpoint} 不在检查周期 {period}（{} 至 {}）内",
            period.start(),
            period.end()
        );
    }
    let pack = load_pack(&args.pack)?;
    let scores = score_period(store, &pack, period, checkpoint, now).await?;
    Ok((scores, pack))
}

/// Runs `xunwang score`.
pub async fn run_score(args: ScoreArgs) -> Result<()> {
    let store = open(&args.period.database).await?;
    let (scores, _pack) = score(&args.period, &store).await?;
    if args.json {
        for s in &scores.scored {
            println!("{}", serde_json::to_string(&s.card)?);
        }
        return Ok(());
    }
    print!("{}", score_table(&scores));
    Ok(())
}

/// The scores as a table for a terminal.
pub fn score_table(scores: &PeriodScores) -> String {
    let mut out = String::new();
    let passed = scores
        .scored
        .iter()
        .filter(|s| s.card.verdict == xunwang_rules::Verdict::Pass)
        .count();
    let _ = writeln!(
        out,
        "{}（监测时间点 {}）：检查网站 {} 个，合格 {} 个，合格率 {}",
        scores.period.label_zh(),
        scores.checkpoint,
        scores.scored.len(),
        passed,
        report::percent(passed as u32, scores.scored.len() as u32)
    );
    let _ = writeln!(out, "网站\t类型\t得分\t结论\t单项否决／预警");
    for s in &scores.scored {
        let c = &s.card;
        let score = c.score.map(points_text).unwrap_or_else(|| "—".to_owned());
        let why: Vec<String> = c
            .vetoes
            .iter()
            .map(|v| format!("否决 {} {}", v.id, v.reason))
            .chain(
                c.warnings
                    .iter()
                    .map(|v| format!("预警 {} {}", v.id, v.reason)),
            )
            .collect();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            c.name,
            c.kind.label_zh(),
            score,
            c.verdict.label_zh(),
            why.join("；")
        );
    }
    for u in &scores.unchecked {
        let _ = writeln!(
            out,
            "{}\t—\t—\t未检查\t本周期没有完成的检查记录",
            u.name.as_deref().unwrap_or(&u.home)
        );
    }
    out
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Formats {
    docx: bool,
    xlsx: bool,
    md: bool,
    html: bool,
    json: bool,
}

impl Formats {
    /// Every format.
    pub fn all() -> Formats {
        Formats {
            docx: true,
            xlsx: true,
            md: true,
            html: true,
            json: true,
        }
    }

    fn parse(list: &str) -> Result<Formats> {
        let mut f = Formats::default();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "docx" => f.docx = true,
                "xlsx" => f.xlsx = true,
                "md" | "markdown" => f.md = true,
                "html" => f.html = true,
                "json" => f.json = true,
                other => bail!("不支持的输出格式 `{other}`（可用：docx,xlsx,md,html,json）"),
            }
        }
        Ok(f)
    }
}

/// Writes the report files of a scored period into `out`; returns the paths written.
pub async fn write_reports(
    store: &SqliteStore,
    scores: &PeriodScores,
    pack: &Pack,
    opts: &BulletinOptions,
    formats: Formats,
    out: &Path,
) -> Result<(report::Bulletin, Vec<PathBuf>)> {
    let previous = stored_scorecards(store, scores.period.previous(), &pack.id).await?;
    let (b, rows) = bulletin(scores, pack, Some(&previous), opts);
    std::fs::create_dir_all(out).with_context(|| format!("无法创建输出目录 {}", out.display()))?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
        let path = out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("无法创建目录 {}", dir.display()))?;
        }
        // Write beside, then rename: a reader never sees half a file.
        let tmp = path.with_extension("tmp~");
        std::fs::write(&tmp, bytes).with_context(|| format!("无法写出 {}", path.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("无法写出 {}", path.display()))?;
        written.push(path);
        Ok(())
    };
    if formats.docx {
        put("bulletin.docx", &report::bulletin_docx(&b)?)?;
    }
    if formats.md {
        put("bulletin.md", report::bulletin_markdown(&b).as_bytes())?;
        put(
            "charts/pass-rate.svg",
            report::chart_pass_rate_svg(&b.overall).as_bytes(),
        )?;
        put(
            "charts/score-bands.svg",
            report::chart_score_bands_svg(&b.sites).as_bytes(),
        )?;
    }
    if formats.html {
        put("bulletin.html", report::bulletin_html(&b).as_bytes())?;
    }
    if formats.xlsx {
        put(
            "rectification.xlsx",
            &report::rectification_xlsx(&rows, &b.period)?,
        )?;
    }
    if formats.json {
        put("bulletin.json", report::bulletin_json(&b).as_bytes())?;
    }
    // scorecards.json is what machines read: always written.
    put(
        "scorecards.json",
        report::scorecards_json(&b.sites).as_bytes(),
    )?;
    for (n, s) in b.sites.iter().enumerate() {
        let stem = format!("sites/{:02}-{}", n + 1, file_stem(&s.home));
        if formats.md {
            put(
                &format!("{stem}.md"),
                report::site_sheet_markdown(s, &b.period).as_bytes(),
            )?;
        }
        if formats.html {
            put(
                &format!("{stem}.html"),
                report::site_sheet_html(s, &b.period).as_bytes(),
            )?;
        }
        if formats.docx {
            put(
                &format!("{stem}.docx"),
                &report::site_sheet_docx(s, &b.period)?,
            )?;
        }
    }
    Ok((b, written))
}

/// A file-name-safe stem from a home URL (`www.example.gov.cn`).
fn file_stem(home: &str) -> String {
    let host = url::Url::parse(home)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| home.to_owned());
    host.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The headline of a bulletin for a terminal.
pub fn headline(b: &report::Bulletin) -> String {
    let o = &b.overall;
    let mut s = format!(
        "{}：检查网站 {} 个，合格 {} 个，合格率 {}",
        b.period.label,
        o.sites_checked,
        o.sites_passed,
        report::percent(o.sites_passed, o.sites_checked)
    );
    // The bands of the bulletin itself (report::score_band), so the two always agree.
    let in_band = |band| {
        b.sites
            .iter()
            .filter(|x| report::score_band(x) == band)
            .count()
    };
    let high = in_band(report::ScoreBand::From110);
    let good = in_band(report::ScoreBand::From100To110);
    let _ = write!(s, "；110分及以上 {high} 个，100—110分 {good} 个");
    s
}

/// Runs `xunwang report`.
pub async fn run_report(args: ReportArgs) -> Result<()> {
    let formats = Formats::parse(&args.format)?;
    let store = open(&args.period.database).await?;
    let (scores, pack) = score(&args.period, &store).await?;
    if scores.scored.is_empty() {
        bail!(
            "{} 没有可评分的网站：数据库中本周期没有完成的检查记录（先运行 xunwang inspect）",
            scores.period
        );
    }
    let date = match &args.date {
        Some(d) => parse_date(d, "--date")?,
        None => china_date(now()),
    };
    let mut opts = BulletinOptions::new(date);
    opts.rectify_working_days = args.rectify_days;
    if let Some(i) = args.issuer {
        opts.issuer = i;
    }
    if let Some(path) = &args.requirements {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("无法读取工作要求 {}", path.display()))?;
        opts.requirements = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
    }
    let (b, written) = write_reports(&store, &scores, &pack, &opts, formats, &args.out).await?;
    println!("{}", headline(&b));
    println!("已写出 {} 个文件到 {}：", written.len(), args.out.display());
    for p in written
        .iter()
        .filter(|p| !p.starts_with(args.out.join("sites")))
    {
        println!("  {}", p.display());
    }
    Ok(())
}

/// Runs `xunwang manual …`.
pub async fn run_manual(cmd: ManualCommand) -> Result<()> {
    let at = now();
    let today = china_date(at);
    match cmd {
        ManualCommand::Revoke { id, by, database } => {
            let store = open(&database).await?;
            if store.revoke_manual(id, &by, at).await? {
                println!(
                    "已撤销人工录入 #{id}（{by}，{}）",
                    at.format("%Y-%m-%d %H:%M")
                );
                Ok(())
            } else {
                bail!("没有未撤销的人工录入 #{id}")
            }
        }
        ManualCommand::List {
            site,
            period,
            database,
        } => {
            let store = open(&database).await?;
            let period = parse_period(period.as_deref(), today)?;
            let id = site_id(&store, &site).await?;
            let rows = store.manual_inputs(id, &period.to_string()).await?;
            println!("编号\t类型\t录入人\t录入时间\t状态\t内容");
            for r in rows {
                let state = match &r.revoked {
                    Some((by, at)) => format!("已由{by}于{}撤销", at.format("%Y-%m-%d %H:%M")),
                    None => "有效".to_owned(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.kind,
                    r.entered_by,
                    r.entered_at.format("%Y-%m-%d %H:%M"),
                    state,
                    r.body
                );
            }
            Ok(())
        }
        ManualCommand::Site {
            site,
            kind,
            no_external_service,
            database,
        } => {
            let store = open(&database).await?;
            let id = site_id(&store, &site).await?;
            let mut flags: SiteFlags = store.site_flags(id).await?;
            if let Some(k) = kind {
                if k != "portal" && k != "department" {
                    bail!("--kind 应为 portal（政府门户网站）或 department（部门网站）");
                }
                flags.kind = Some(k);
            }
            if let Some(n) = no_external_service {
                flags.no_external_service = n;
            }
            store.set_site_flags(id, &flags).await?;
            println!(
                "已设置 {site}：类型 {}，无对外服务职能 {}",
                flags.kind.as_deref().unwrap_or("（按名称判断）"),
                if flags.no_external_service {
                    "是"
                } else {
                    "否"
                }
            );
            Ok(())
        }
        ManualCommand::Veto(a) => add(a, "veto", at).await,
        ManualCommand::Deduct(a) => add(a, "deduction", at).await,
        ManualCommand::Bonus(a) => add(a, "bonus", at).await,
        ManualCommand::Dismiss(a) => add(a, "dismiss", at).await,
    }
}

async fn site_id(store: &SqliteStore, home: &str) -> Result<i64> {
    match store.site_id(home).await? {
        Some(id) => Ok(id),
        None => bail!(
            "数据库中没有网站 {home}（先用 xunwang inspect 检查，或用 xunwang sites import 登记）"
        ),
    }
}

async fn add(a: ManualItemArgs, kind: &str, at: DateTime<FixedOffset>) -> Result<()> {
    let store = open(&a.database).await?;
    let period = parse_period(a.period.as_deref(), china_date(at))?;
    let pack = load_pack(&a.pack)?;
    let id = site_id(&store, &a.site).await?;
    if let Some(p) = a.points
        && !(p.is_finite() && p >= 0.0)
    {
        bail!("--points 应为非负数");
    }
    let stamp = Stamp {
        by: a.by.clone(),
        at,
    };
    let m = match kind {
        "veto" => {
            if !pack.veto.iter().any(|v| v.id == a.item) {
                bail!(
                    "指标包 {} 中没有单项否决项 {}（可用：{}）",
                    pack.id,
                    a.item,
                    pack.veto
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                );
            }
            Manual::Veto {
                item: a.item,
                reason: a.reason,
                url: a.url,
                stamp,
            }
        }
        "deduction" => {
            let is_rule = pack.rule.iter().any(|r| r.id == a.item);
            let is_indicator = pack.indicator.iter().any(|i| i.id == a.item);
            if !is_rule && !is_indicator {
                bail!(
                    "指标包 {} 中没有扣分规则或指标 {}（指标：{}）",
                    pack.id,
                    a.item,
                    pack.indicator
                        .iter()
                        .map(|i| i.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                );
            }
            if is_indicator && !is_rule && a.points.is_none() {
                bail!("按指标扣分时须用 --points 给出分值");
            }
            Manual::Deduction {
                item: a.item,
                points: a.points,
                reason: a.reason,
                url: a.url,
                stamp,
            }
        }
        "bonus" => {
            if !pack.bonus.iter().any(|b| b.id == a.item) {
                bail!(
                    "指标包 {} 中没有加分项 {}（可用：{}）",
                    pack.id,
                    a.item,
                    pack.bonus
                        .iter()
                        .map(|b| b.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                );
            }
            Manual::Bonus {
                item: a.item,
                points: a.points,
                reason: a.reason,
                stamp,
            }
        }
        _ => {
            // The fingerprint must belong to a finding of a run scored in this period
            // (fingerprints are stable across runs, so any of the period's runs will do).
            let mut known = false;
            for run in store.finished_runs(id).await? {
                if period.contains(china_date(run.started_at))
                    && store
                        .findings(run.id)
                        .await?
                        .iter()
                        .any(|f| f.fingerprint == a.item)
                {
                    known = true;
                    break;
                }
            }
            if !known {
                bail!(
                    "该网站 {period} 的检查记录中没有指纹为 {} 的问题（见 findings.jsonl 的 fingerprint）",
                    a.item
                );
            }
            Manual::Dismiss {
                fingerprint: a.item,
                reason: a.reason,
                stamp,
            }
        }
    };
    let body = serde_json::to_string(&m)?;
    let n = store
        .add_manual(id, &period.to_string(), kind, &body, &a.by, at)
        .await?;
    println!(
        "已录入 #{n}（{}，{}），重新运行 xunwang score --period {period} 后生效",
        a.by,
        at.format("%Y-%m-%d %H:%M")
    );
    Ok(())
}
