//! `xunwang page URL`: fetches one page and shows what xunwang reads from it — title, publish
//! date and where it was read, column, breadcrumb, footer identifiers, list items, pagination,
//! board messages, forms, links — so an operator can see why a column was judged stale.

use std::fmt::Write as _;

use anyhow::{Context, Result, bail};
use chrono::DateTime;
use url::Url;
use xunwang_extract::{
    Cues, DateSource, ItemDateSource, LinkKind, PageFacts, PageModel, PublishDate, Stamp,
    parse_page, publish_date, read_page_with,
};
use xunwang_fetch::{BROWSER_USER_AGENT, FetchConfig, Fetcher, parse_resolve};

/// Flags of `xunwang page`.
#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// 页面地址
    #[arg(value_name = "URL")]
    url: String,
    /// 主机地址映射，同 curl：HOST=IP:PORT（可多次给出）
    #[arg(long = "resolve", value_name = "HOST=IP:PORT")]
    resolve: Vec<String>,
    /// 以 JSON 输出（发布时间在顶层字段 published：YYYY-MM-DD 或 YYYY-MM-DD HH:MM，无则为 null）
    #[arg(long)]
    json: bool,
    /// 监测时间点（RFC 3339），用于推断“[07-11]”这类日期的年份；默认为当前时间
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// 使用浏览器 User-Agent
    #[arg(long)]
    browser_ua: bool,
    /// 不遵守 robots.txt
    #[arg(long)]
    ignore_robots: bool,
    /// 规则文件（TOML），其中 [page] 表为页面读取用词（当前位置标签、“暂无信息”等）
    #[arg(long, value_name = "FILE")]
    rules: Option<std::path::PathBuf>,
    /// 本单位的词表文件（TOML，可多次指定），追加到内置词表
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<std::path::PathBuf>,
}

/// Runs `xunwang page`.
pub async fn run(args: PageArgs) -> Result<()> {
    let url = Url::parse(&args.url).with_context(|| format!("`{}` 不是有效的网址", args.url))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("只能读取 http 或 https 网址：{url}");
    }
    let at = match &args.at {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .with_context(|| format!("--at `{s}` 不是 RFC 3339 时间"))?,
        None => chrono::Local::now().fixed_offset(),
    };
    let mut fc = FetchConfig::default();
    for r in &args.resolve {
        fc.resolve.push(
            parse_resolve(r).with_context(|| format!("--resolve `{r}` 格式应为 HOST=IP:PORT"))?,
        );
    }
    if args.browser_ua {
        fc.user_agent = BROWSER_USER_AGENT.to_owned();
    }
    fc.respect_robots = !args.ignore_robots;
    let fetcher = Fetcher::new(fc).context("无法创建 HTTP 客户端")?;
    let fetched = fetcher.get(&url, None).await;
    let Some(resp) = &fetched.response else {
        bail!(
            "无法读取 {url}：{}",
            fetched
                .verdict
                .reason()
                .map(|r| r.to_string())
                .unwrap_or_else(|| "没有应答".into())
        );
    };
    if !resp.is_html() {
        bail!(
            "{url} 不是 HTML 页面（HTTP {}，{}）",
            resp.status,
            resp.content_type.as_deref().unwrap_or("无 Content-Type")
        );
    }
    let decoded = resp.decode();
    let final_url = fetched.final_url.clone();
    let facts = parse_page(&decoded.text, &final_url);
    let reference = xunwang_core::china_date(at);
    let (checks, cues) = match &args.rules {
        Some(path) => crate::rules::load(path)?,
        None => (xunwang_checks::Config::default(), Cues::default()),
    };
    let lexicon = crate::rules::load_lexicon(&args.lexicon)?;
    let page_read = read_page_with(&decoded.text, &final_url, reference, &cues);
    let model = page_read.model;
    let published = publish_date(&facts, &final_url);
    // The content checks of this one page, as `inspect` runs them (the host is the site).
    let hosts: Vec<String> = final_url
        .host_str()
        .map(str::to_ascii_lowercase)
        .into_iter()
        .collect();
    let content = xunwang_checks::Scanner::new(&lexicon, &checks.content)
        .page(
            &page_read.content,
            &xunwang_checks::PageInput {
                url: &final_url,
                site_hosts: &hosts,
                published: published.map(|p| p.date),
            },
        )
        .hits;
    let read = PageRead {
        url: &url,
        final_url: &final_url,
        status: resp.status,
        charset: decoded.encoding,
        facts: &facts,
        published,
        model: &model,
        content: &content,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&read.json())?);
    } else {
        print!("{}", read.text());
    }
    Ok(())
}

/// Everything read from one page.
struct PageRead<'a> {
    url: &'a Url,
    final_url: &'a Url,
    status: u16,
    charset: &'a str,
    facts: &'a PageFacts,
    published: Option<PublishDate>,
    model: &'a PageModel,
    /// What the content checks find on this page.
    content: &'a [xunwang_checks::Hit],
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
fn published_text(p: &PublishDate) -> String {
    Stamp {
        date: p.date,
        time: p.time,
    }
    .to_string()
}

fn source_zh(s: DateSource) -> &'static str {
    match s {
        DateSource::Meta => "页面标签（meta）",
        DateSource::Label => "页面标注（发布时间等）",
        DateSource::Url => "网址中的日期",
    }
}

fn item_source_zh(s: Option<ItemDateSource>) -> &'static str {
    match s {
        Some(ItemDateSource::Text) => "列表日期",
        Some(ItemDateSource::MonthDay) => "列表月日，年份推断",
        Some(ItemDateSource::Url) => "网址日期",
        None => "无日期",
    }
}

fn or_none(v: &Option<String>) -> &str {
    match v.as_deref() {
        None => "（无）",
        Some("") => "（有此项，但为空）",
        Some(s) => s,
    }
}

impl PageRead<'_> {
    fn json(&self) -> serde_json::Value {
        let links: Vec<serde_json::Value> = self
            .facts
            .links
            .iter()
            .filter_map(|l| {
                let u = l.url.as_ref()?;
                Some(serde_json::json!({
                    "url": u.as_str(), "text": l.text, "element": l.element,
                    "attribute": l.attribute,
                    "kind": if l.kind == LinkKind::Navigation { "navigation" } else { "resource" },
                    "hidden": l.hidden,
                }))
            })
            .collect();
        serde_json::json!({
            "url": self.url.as_str(),
            "final_url": self.final_url.as_str(),
            "status": self.status,
            "charset": self.charset,
            "title": self.facts.title,
            "published": self.published.as_ref().map(published_text),
            "published_source": self.published.map(|p| p.source),
            "published_confidence": self.published.map(|p| p.confidence()),
            "column": self.model.column,
            "heading": self.model.heading,
            "breadcrumb": self.model.breadcrumb,
            "nav": self.model.nav,
            "footer": self.model.footer,
            "list": self.model.list,
            "list_container": self.model.list_container,
            "blocks": self.model.blocks,
            "placeholder": self.model.placeholder,
            "pagination": self.model.pagination,
            "board": self.model.board,
            "message": self.model.message,
            "forms": self.model.forms,
            "main_text_len": self.model.main_text_len,
            "script_list": self.model.script_list,
            "meta_column": self.model.meta_column,
            "links": links,
            "content": self.content,
        })
    }

    fn text(&self) -> String {
        let m = self.model;
        let mut s = String::new();
        let _ = writeln!(s, "网址：{}", self.url);
        if self.final_url != self.url {
            let _ = writeln!(s, "跳转到：{}", self.final_url);
        }
        let _ = writeln!(s, "应答：HTTP {}，编码 {}", self.status, self.charset);
        let _ = writeln!(s, "标题：{}", or_none(&self.facts.title));
        let _ = writeln!(s, "正文标题：{}", or_none(&m.heading));
        match &self.published {
            Some(p) => {
                let _ = writeln!(
                    s,
                    "发布时间：{}（来源：{}，可信度：{}）",
                    published_text(p),
                    source_zh(p.source),
                    if p.confidence() == "high" {
                        "高"
                    } else {
                        "中"
                    }
                );
            }
            None => {
                let _ = writeln!(s, "发布时间：（未找到）");
            }
        }
        let _ = writeln!(s, "栏目：{}", or_none(&m.column));
        if !m.breadcrumb.is_empty() {
            let crumbs: Vec<&str> = m.breadcrumb.iter().map(|c| c.text.as_str()).collect();
            let _ = writeln!(s, "当前位置：{}", crumbs.join(" > "));
        }
        if !m.nav.is_empty() {
            let nav: Vec<&str> = m.nav.iter().map(|n| n.text.as_str()).collect();
            let _ = writeln!(s, "导航：{}", nav.join("｜"));
        }
        let f = &m.footer;
        let _ = writeln!(s, "网站标识码：{}", or_none(&f.site_code));
        let _ = writeln!(s, "SiteIDCode 标签：{}", or_none(&f.meta_site_code));
        let _ = writeln!(s, "ICP备案：{}", or_none(&f.icp));
        let _ = writeln!(s, "公安备案：{}", or_none(&f.psb));
        let _ = writeln!(s, "党政机关标识：{}", or_none(&f.conac));
        let _ = writeln!(s, "找错入口：{}", or_none(&f.error_report));
        let _ = writeln!(s, "主办单位：{}", or_none(&f.organizer));
        let _ = writeln!(s, "承办单位：{}", or_none(&f.operator));
        let _ = writeln!(s, "联系方式：{}", or_none(&f.contact));
        if !m.list.is_empty() || m.list_container || m.placeholder.is_some() {
            let newest = m.list.iter().filter_map(|i| i.date).max();
            let _ = writeln!(
                s,
                "列表：{} 条{}{}",
                m.list.len(),
                newest
                    .map(|d| format!("，最新 {}", d.format("%Y-%m-%d")))
                    .unwrap_or_default(),
                m.placeholder
                    .as_ref()
                    .map(|p| format!("，显示“{p}”"))
                    .unwrap_or_default()
            );
            for i in m.list.iter().take(30) {
                let _ = writeln!(
                    s,
                    "  {}  [{}]  {}  {}",
                    i.date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "----------".into()),
                    item_source_zh(i.date_source),
                    i.title,
                    i.url
                );
            }
            if m.list.len() > 30 {
                let _ = writeln!(s, "  ……另有 {} 条", m.list.len() - 30);
            }
        }
        if let Some(p) = &m.pagination {
            let _ = writeln!(
                s,
                "分页：共 {} 条，共 {} 页，当前第 {} 页，其他页 {} 个{}",
                p.total_items.map(|n| n.to_string()).unwrap_or("?".into()),
                p.total_pages.map(|n| n.to_string()).unwrap_or("?".into()),
                p.current.map(|n| n.to_string()).unwrap_or("?".into()),
                p.pages.len(),
                p.next
                    .as_ref()
                    .map(|n| format!("，下一页 {n}"))
                    .unwrap_or_default()
            );
        }
        for b in &m.blocks {
            let newest = b.items.iter().filter_map(|i| i.date).max();
            let _ = writeln!(
                s,
                "栏目块：{}（{}）{} 条{}",
                b.heading,
                b.url.as_deref().unwrap_or("无链接"),
                b.items.len(),
                newest
                    .map(|d| format!("，最新 {}", d.format("%Y-%m-%d")))
                    .unwrap_or_default()
            );
        }
        if !m.board.is_empty() {
            let _ = writeln!(s, "留言：{} 条", m.board.len());
            for r in m.board.iter().take(30) {
                let _ = writeln!(
                    s,
                    "  {}  {}  {}  {}  {}",
                    r.posted
                        .map(|p| p.to_string())
                        .unwrap_or_else(|| "?".into()),
                    r.status.as_deref().unwrap_or("?"),
                    r.author.as_deref().unwrap_or(""),
                    r.title,
                    r.url
                );
            }
        }
        if let Some(msg) = &m.message {
            let _ = writeln!(
                s,
                "留言详情：{}；留言时间 {}；回复时间 {}；{}",
                msg.title,
                msg.posted
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "?".into()),
                msg.replied
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "无".into()),
                if msg.answered {
                    "已回复"
                } else {
                    "未回复"
                }
            );
        }
        for form in &m.forms {
            let _ = writeln!(
                s,
                "表单：{:?}，{} {}，字段 {}{}",
                form.purpose,
                form.method,
                form.action,
                form.fields.join("、"),
                if form.submit {
                    "，有提交按钮"
                } else {
                    ""
                }
            );
        }
        if m.script_list {
            let _ = writeln!(
                s,
                "提示：页面用脚本加载内容，源码中为空的列表在浏览器中可能有信息"
            );
        }
        for h in self.content {
            let _ = writeln!(
                s,
                "内容问题：[{}] {}{}",
                h.kind.label_zh(),
                h.evidence.summary,
                h.evidence
                    .snippet
                    .as_deref()
                    .map(|x| format!("（原文：{x}）"))
                    .unwrap_or_default()
            );
        }
        let nav = self
            .facts
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Navigation)
            .count();
        let hidden = self.facts.links.iter().filter(|l| l.hidden).count();
        let _ = writeln!(
            s,
            "链接：{} 个（页面链接 {}，资源 {}，隐藏 {}）；正文字数 {}",
            self.facts.links.len(),
            nav,
            self.facts.links.len() - nav,
            hidden,
            m.main_text_len
        );
        s
    }
}
