//! HTML of the generated sites, in the TRS WCM style many government sites use.
//!
//! Every function returns a UTF-8 `String`; the server encodes it as the site says.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset};

use crate::rng::{Rng, hash, hash_str};
use crate::scenario::PageEncoding;
use crate::text;
use crate::world::{
    BOARD_PAGE_SIZE, ColumnClass, ColumnStyle, GAMBLING_HOST, Item, LAPSED_HOST, Message,
    NEWS_HOST, PAGE_SIZE, Personal, Plant, SERVICE_HOST, Site, World,
};

/// The ad-network script planted by `content.ad`.
pub const AD_SCRIPT: &str = "http://cpro.baidustatic.com/cpro/ui/c.js";
/// A string every hidden spam-link block contains.
pub const HIDDEN_MARK: &str = "www.am-jinsha88.com";

/// Escapes text for HTML.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn ymd(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d").to_string()
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// What kind of client asked (cloaking serves spiders differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// A browser or a plain client.
    Normal,
    /// A search spider (Baiduspider, Sogou…).
    Spider,
}

struct Head<'a> {
    title: String,
    column: Option<&'a str>,
    article: Option<(&'a Item, &'a str)>,
    keywords: String,
    description: String,
}

impl Head<'_> {
    /// A page with a title and no column, article or keywords.
    fn plain(title: impl Into<String>) -> Self {
        Head {
            title: title.into(),
            column: None,
            article: None,
            keywords: String::new(),
            description: String::new(),
        }
    }
}

fn head(world: &World, site: &Site, h: &Head<'_>) -> String {
    let mut s = String::with_capacity(2048);
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n");
    match site.encoding {
        PageEncoding::Utf8 => s.push_str("<meta charset=\"utf-8\">\n"),
        PageEncoding::GbkHeader | PageEncoding::GbkMeta | PageEncoding::Utf8LabelledGbk => {
            s.push_str(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n",
            );
        }
        PageEncoding::GbkUndeclared => {}
    }
    let _ = writeln!(s, "<title>{}</title>", esc(&h.title));
    let _ = writeln!(
        s,
        "<meta name=\"SiteName\" content=\"{}\">",
        esc(&site.name)
    );
    let _ = writeln!(
        s,
        "<meta name=\"SiteDomain\" content=\"{}\">",
        esc(&site.host)
    );
    if let Some(code) = &site.footer.meta_site_code {
        let _ = writeln!(s, "<meta name=\"SiteIDCode\" content=\"{}\">", esc(code));
    }
    if let Some(col) = h.column {
        let _ = writeln!(s, "<meta name=\"ColumnName\" content=\"{}\">", esc(col));
        let _ = writeln!(s, "<meta name=\"ColumnType\" content=\"{}\">", esc(col));
    }
    if let Some((item, source)) = h.article {
        let _ = writeln!(
            s,
            "<meta name=\"ArticleTitle\" content=\"{}\">",
            esc(&item.title)
        );
        let _ = writeln!(
            s,
            "<meta name=\"PubDate\" content=\"{}\">",
            item.when.format("%Y-%m-%d %H:%M")
        );
        let _ = writeln!(
            s,
            "<meta name=\"ContentSource\" content=\"{}\">",
            esc(source)
        );
    }
    let _ = writeln!(
        s,
        "<meta name=\"Keywords\" content=\"{}\">",
        esc(&h.keywords)
    );
    let _ = writeln!(
        s,
        "<meta name=\"Description\" content=\"{}\">",
        esc(&h.description)
    );
    s.push_str("<link rel=\"stylesheet\" href=\"/images/common.css\">\n");
    let _ = world;
    s.push_str("</head>\n");
    s
}

fn top(world: &World, site: &Site) -> String {
    let now = world.now;
    let wd = WEEKDAYS[now.weekday().num_days_from_monday() as usize];
    let mut s = String::with_capacity(2048);
    // "今天是…" is a decoy date: it changes every day whether the site is updated or not.
    let _ = writeln!(
        s,
        "<div class=\"top\"><div class=\"date\">今天是{}年{}月{}日 星期{wd}</div>\
         <a class=\"care\" href=\"/index.html?mode=care\">关怀版</a>\
         <div class=\"logo\"><a href=\"/\"><img src=\"/images/logo.png\" alt=\"{}\">{}</a></div>\
         <form class=\"search\" action=\"/search/index.html\" method=\"get\"><input type=\"text\" name=\"searchword\" placeholder=\"请输入关键词\"><button type=\"submit\">搜索</button></form></div>",
        now.year(),
        now.month(),
        now.day(),
        esc(&site.name),
        esc(&site.name)
    );
    s.push_str("<div class=\"nav\"><ul>\n<li><a href=\"/\">首页</a></li>\n");
    for c in site.columns.iter().filter(|c| c.level == 1) {
        let _ = writeln!(s, "<li><a href=\"{}\">{}</a></li>", c.path, esc(&c.name));
    }
    s.push_str("</ul></div>\n");
    s
}

fn footer(world: &World, site: &Site) -> String {
    let f = &site.footer;
    let mut s = String::with_capacity(1024);
    s.push_str("<div class=\"footer\">\n");
    if f.organizer {
        let _ = writeln!(
            s,
            "<p>主办单位：{}　承办单位：{}信息中心</p>",
            esc(&site.organizer),
            esc(&site.organizer)
        );
    }
    let mut rng = Rng::new(&[world.seed, hash_str(&site.key), 8]);
    let _ = writeln!(
        s,
        "<p>地址：{}政务服务中心{}号楼　联系电话：{}-{}　电子邮箱：xxgk@{}</p>",
        esc(&world.city),
        1 + rng.below(9),
        world.area_code,
        80_000_000 + rng.below(9_999_999),
        esc(&site.host)
    );
    s.push_str("<p>");
    if let Some(code) = &f.site_code {
        let _ = write!(s, "网站标识码：{}　", esc(code));
    }
    if let Some(icp) = &f.icp {
        let _ = write!(
            s,
            "<a href=\"http://beian.miit.gov.cn/\" target=\"_blank\">{}</a>　",
            esc(icp)
        );
    }
    if let Some(psb) = &f.psb {
        let _ = write!(
            s,
            "<a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={psb}\" target=\"_blank\"><img src=\"/images/ga.png\" alt=\"\">{}公网安备 {psb}号</a>",
            esc(&world.province_abbr)
        );
    }
    s.push_str("</p>\n<p>");
    if f.conac {
        let _ = write!(
            s,
            "<a href=\"http://bszs.conac.cn/sitename?method=show&amp;id={:X}\" target=\"_blank\"><img src=\"/images/dzjg.png\" alt=\"党政机关\"></a>",
            hash_str(&site.host) & 0xFFFF_FFFF
        );
    }
    if f.error_report {
        let code = f.site_code.as_deref().unwrap_or(&site.site_code);
        let _ = write!(
            s,
            "<a href=\"http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode={code}\" target=\"_blank\"><img src=\"/images/jiucuo.png\" alt=\"政府网站找错\"></a>"
        );
    }
    s.push_str("</p>\n");
    // Decoy dates: a copyright range and the page-generation time (always "now").
    let _ = writeln!(
        s,
        "<p>版权所有：{} 2016-{}　页面生成时间：{}</p>\n</div>",
        esc(&site.organizer),
        world.now.year(),
        world.now.format("%Y-%m-%d %H:%M:%S")
    );
    s
}

fn breadcrumb(site: &Site, ci: usize, tail: Option<&str>) -> String {
    let c = &site.columns[ci];
    let mut s = String::from("<div class=\"position\">当前位置：<a href=\"/\">首页</a>");
    if let Some(p) = c.parent {
        let pc = &site.columns[p];
        let _ = write!(s, " &gt; <a href=\"{}\">{}</a>", pc.path, esc(&pc.name));
    }
    let _ = write!(s, " &gt; <a href=\"{}\">{}</a>", c.path, esc(&c.name));
    if let Some(t) = tail {
        let _ = write!(s, " &gt; {}", esc(t));
    }
    s.push_str("</div>\n");
    s
}

fn page(world: &World, site: &Site, h: &Head<'_>, body: &str) -> String {
    let mut s = head(world, site, h);
    s.push_str("<body>\n");
    s.push_str(&top(world, site));
    s.push_str(body);
    s.push_str(&footer(world, site));
    s.push_str("</body>\n</html>\n");
    s
}

fn item_li(item: &Item, href: &str, bracket: bool) -> String {
    let date = if bracket {
        item.when.format("[%m-%d]").to_string()
    } else {
        ymd(&item.when)
    };
    format!(
        "<li><a href=\"{href}\" target=\"_blank\" title=\"{t}\">{t}</a><span class=\"date\">{date}</span></li>\n",
        t = esc(&item.title)
    )
}

fn hidden_block(technique: &str) -> String {
    let links: String = text::GAMBLING_TERMS
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, t)| format!("<a href=\"http://{GAMBLING_HOST}/?{i}\">{t}</a>"))
        .collect();
    match technique {
        "offscreen" => {
            format!("<div style=\"position:absolute;left:-9999px;top:-9999px\">{links}</div>\n")
        }
        "marquee" => {
            format!("<marquee height=\"1\" width=\"1\" scrollamount=\"3000\">{links}</marquee>\n")
        }
        _ => format!("<div id=\"mmmmm\" style=\"display: none\">{links}</div>\n"),
    }
}

fn js_redirect() -> String {
    format!(
        "<script type=\"text/javascript\">var s=document.referrer;if(s.indexOf(\"baidu\")>0||s.indexOf(\"sogou\")>0){{window.location.href=\"http://{GAMBLING_HOST}/\";}}</script>\n"
    )
}

fn ad_block() -> String {
    format!(
        "<div class=\"ad\"><span>广告</span><script type=\"text/javascript\" src=\"{AD_SCRIPT}\"></script></div>\n"
    )
}

/// Body snippets for plants that show in the page body.
fn plant_body(world: &World, plant: &Plant, rng: &mut Rng) -> String {
    match plant {
        Plant::Gambling(term) => format!("<p>{t}最新官方网址，注册即送彩金，{t}在线投注。</p>\n", t = esc(term)),
        Plant::Hidden(t) => hidden_block(t),
        Plant::JsRedirect => js_redirect(),
        Plant::Ad => ad_block(),
        Plant::Personal { what, value, attachment: false } => {
            let name = text::person_name(rng);
            match what {
                Personal::IdNumber => format!("<p>联系人：{name}，身份证号：{value}。</p>\n"),
                Personal::Phone => format!("<p>联系人：{name}，联系电话：{value}。</p>\n"),
                Personal::BankCard => format!("<p>收款人：{name}，收款账号：{value}。</p>\n"),
            }
        }
        Plant::Masked => {
            let id = text::mask_id(&text::id_number(rng, &world.region_code));
            let m = text::mask_mobile(&text::mobile(rng));
            format!("<p>经审核，以下人员符合条件：{}（身份证号：{id}，联系电话：{m}）。</p>\n", text::masked_name(rng))
        }
        Plant::Typo(wrong, _) => format!("<p>会议要求，要深入学习领会精神实质，始终把{wrong}的利益放在首位。</p>\n"),
        Plant::Outdated(old, _) => format!("<p>{}{old}有关负责人介绍了相关情况。</p>\n", esc(&world.city)),
        Plant::Broken(href, text) => format!("<p>相关链接：<a href=\"{}\">{}</a></p>\n", esc(href), esc(text)),
        Plant::Crackdown => "<p>今年以来，市公安局持续开展打击治理跨境赌博专项行动，依法打击网络赌博、赌博网站推广等违法犯罪活动，\
            提醒广大群众远离博彩广告，切勿参与网络赌博。</p>\n"
            .to_owned(),
        Plant::PornMeta(_) | Plant::TitleHijack(_) | Plant::Personal { .. } => String::new(),
    }
}

fn spam_keywords(plants: &[Plant]) -> Option<String> {
    plants.iter().find_map(|p| match p {
        Plant::PornMeta(t) | Plant::TitleHijack(t) => Some(t.clone()),
        _ => None,
    })
}

/// The home page.
pub fn home(world: &World, site: &Site, client: Client) -> String {
    let hijack = site.home_plants.iter().find_map(|p| match p {
        Plant::TitleHijack(t) => Some(t.clone()),
        _ => None,
    });
    let cloak = site.cloaking && client == Client::Spider;
    let spam = if cloak {
        Some(text::GAMBLING_TERMS.join("_"))
    } else {
        hijack
    };
    let title = match &spam {
        Some(t) => format!("{t}_{}", site.name),
        None => site.name.clone(),
    };
    let mut h = Head {
        title,
        column: None,
        article: None,
        keywords: format!("{},政务公开,政务服务", site.name),
        description: format!("{}门户网站", site.name),
    };
    if let Some(t) = spam_keywords(&site.home_plants).or(spam) {
        h.keywords = t;
    }
    let mut b = String::with_capacity(16 * 1024);
    if cloak {
        b.push_str(&hidden_block("display-none"));
    }
    b.push_str("<div class=\"main\">\n");
    b.push_str(
        "<div class=\"tpxw\"><img src=\"/images/photo.jpg\" alt=\"2019年6月1日活动现场\"></div>\n",
    );
    for (ci, c) in site
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.on_home && c.style == ColumnStyle::List)
    {
        let _ = writeln!(
            b,
            "<div class=\"block\"><h3><a href=\"{}\">{}</a><a class=\"more\" href=\"{}\">更多&gt;&gt;</a></h3><ul>",
            c.path,
            esc(&c.name),
            c.path
        );
        if c.count == 0 && c.placeholder {
            b.push_str("<li class=\"nodata\">暂无信息</li>\n");
        }
        for k in 0..c.count.min(7) {
            let item = site.item(world, ci, k);
            // Notice blocks show "[06-15]" dates, so the year must be inferred.
            b.push_str(&item_li(&item, &item.path, c.class == ColumnClass::Notice));
        }
        b.push_str("</ul></div>\n");
    }
    let mut rng = Rng::new(&[world.seed, hash_str(&site.key), 9]);
    for p in &site.home_plants {
        b.push_str(&plant_body(world, p, &mut rng));
    }
    if !site.specials.is_empty() {
        b.push_str("<div class=\"zt\"><h3>专题专栏</h3><ul>\n");
        for (path, label) in &site.specials {
            let _ = writeln!(b, "<li><a href=\"{}\">{}</a></li>", esc(path), esc(label));
        }
        b.push_str("</ul></div>\n");
    }
    if !world.single_host {
        b.push_str("<div class=\"links\"><h3>友情链接</h3><ul>\n");
        let _ = writeln!(
            b,
            "<li><a href=\"http://{NEWS_HOST}/\" target=\"_blank\">江城日报</a></li>"
        );
        let _ = writeln!(
            b,
            "<li><a href=\"http://{SERVICE_HOST}/\" target=\"_blank\">江城政务服务网</a></li>"
        );
        if site.hijacked_friend {
            let _ = writeln!(
                b,
                "<li><a href=\"http://{LAPSED_HOST}/\" target=\"_blank\">江城文旅网</a></li>"
            );
        }
        for other in world.sites.iter().filter(|o| o.idx != site.idx) {
            let _ = writeln!(
                b,
                "<li><a href=\"{}\" target=\"_blank\">{}</a></li>",
                other.home(),
                esc(&other.name)
            );
        }
        b.push_str("</ul></div>\n");
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

/// A channel page: the latest items of each child column.
pub fn channel(world: &World, site: &Site, ci: usize) -> String {
    let c = &site.columns[ci];
    let h = Head {
        title: format!("{}_{}", c.name, site.name),
        column: Some(&c.name),
        article: None,
        keywords: c.name.clone(),
        description: c.name.clone(),
    };
    let mut b = format!(
        "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; {}</div>\n",
        esc(&c.name)
    );
    for &child in &c.children {
        let cc = &site.columns[child];
        let _ = writeln!(
            b,
            "<div class=\"block\"><h3><a href=\"{}\">{}</a></h3><ul>",
            cc.path,
            esc(&cc.name)
        );
        if cc.style == ColumnStyle::List {
            for k in 0..cc.count.min(5) {
                let item = site.item(world, child, k);
                b.push_str(&item_li(&item, &item.path, false));
            }
        }
        b.push_str("</ul></div>\n");
    }
    page(world, site, &h, &b)
}

/// Page `n` (0-based) of a list column.
pub fn list(world: &World, site: &Site, ci: usize, n: u32) -> String {
    let c = &site.columns[ci];
    let h = Head {
        title: format!("{}_{}", c.name, site.name),
        column: Some(&c.name),
        article: None,
        keywords: c.name.clone(),
        description: c.name.clone(),
    };
    let mut b = breadcrumb(site, ci, None);
    let _ = writeln!(b, "<div class=\"list\"><h2>{}</h2><ul>", esc(&c.name));
    let start = n * PAGE_SIZE;
    let end = (start + PAGE_SIZE).min(c.count);
    for k in start..end {
        let item = site.item(world, ci, k);
        let rel = format!(".{}", &item.path[c.path.len() - 1..]);
        b.push_str(&item_li(&item, &rel, false));
    }
    b.push_str("</ul>\n");
    if c.count == 0 && c.placeholder {
        b.push_str("<div class=\"nodata\">暂无信息</div>\n");
    }
    let pages = site.list_pages(ci);
    if pages > 1 {
        b.push_str(&pager(pages, n, site.script_pager, c.count));
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

fn page_name(n: u32) -> String {
    if n == 0 {
        "index.html".into()
    } else {
        format!("index_{n}.html")
    }
}

fn pager(pages: u32, n: u32, script: bool, total: u32) -> String {
    if script {
        // The TRS WCM pager: links exist only after the script runs.
        return format!(
            "<div class=\"page\"><script type=\"text/javascript\">\n\
             function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){{\n\
             if(_nPageCount == null || _nPageCount<=1){{return;}}\n\
             var nCurrIndex = _nCurrIndex || 0;\n\
             if(nCurrIndex == 0) document.write(\"首页 \"); else document.write(\"<a href=\\\"\"+_sPageName+\".\"+_sPageExt+\"\\\">首页</a> \");\n\
             if(nCurrIndex+1 < _nPageCount) document.write(\"<a href=\\\"\"+_sPageName+\"_\"+(nCurrIndex+1)+\".\"+_sPageExt+\"\\\">下一页</a> \");\n\
             }}\n\
             createPageHTML({pages}, {n}, \"index\", \"html\");\n</script>共{total}条</div>\n"
        );
    }
    let mut s = format!("<div class=\"page\">共{total}条 第{}/{pages}页 ", n + 1);
    if n > 0 {
        let _ = write!(
            s,
            "<a href=\"{}\">首页</a> <a href=\"{}\">上一页</a> ",
            page_name(0),
            page_name(n - 1)
        );
    }
    if n + 1 < pages {
        let _ = write!(
            s,
            "<a href=\"{}\">下一页</a> <a href=\"{}\">尾页</a>",
            page_name(n + 1),
            page_name(pages - 1)
        );
    }
    s.push_str("</div>\n");
    s
}

/// An article page.
pub fn article(world: &World, site: &Site, item: &Item) -> String {
    let c = &site.columns[item.col];
    let plants = site.plants_of(item.col, item.k);
    let mut rng = Rng::new(&[hash(&[world.seed, hash_str(&site.key), item.id]), 10]);
    let hijack = plants.iter().find_map(|p| match p {
        Plant::TitleHijack(t) => Some(t.clone()),
        _ => None,
    });
    let title = match &hijack {
        Some(t) => format!("{t}_{}", item.title),
        None => format!("{}_{}_{}", item.title, c.name, site.name),
    };
    let source = site.organizer.clone();
    let h = Head {
        title,
        column: Some(&c.name),
        article: Some((item, &source)),
        keywords: spam_keywords(plants)
            .unwrap_or_else(|| format!("{},{}", c.name, text::TOPICS[(item.id % 24) as usize])),
        description: match plants.iter().find(|p| matches!(p, Plant::PornMeta(_))) {
            Some(Plant::PornMeta(t)) => format!("{t}在线观看"),
            _ => item.title.clone(),
        },
    };
    let mut b = breadcrumb(site, item.col, Some("正文"));
    let _ = writeln!(
        b,
        "<div class=\"article\">\n<h1>{}</h1>\n<div class=\"info\"><span>发布时间：{}</span>　<span>来源：{}</span></div>\n<div class=\"TRS_Editor\">",
        esc(&item.title),
        item.when.format("%Y-%m-%d %H:%M"),
        esc(&source)
    );
    let n = 3 + rng.below(3) as usize;
    for p in text::paragraphs(&mut rng, n) {
        let _ = writeln!(b, "<p>{}</p>", esc(&p));
    }
    if item.id.is_multiple_of(4) {
        // A date in an alt attribute: a decoy, not the publish date.
        b.push_str("<p><img src=\"/images/photo.jpg\" alt=\"2019年6月1日活动现场\"></p>\n");
    }
    for p in plants {
        b.push_str(&plant_body(world, p, &mut rng));
    }
    b.push_str("</div>\n");
    let atts = site.attachments(world, item.col, item.k);
    if !atts.is_empty() {
        b.push_str("<div class=\"fj\">");
        for a in &atts {
            let rel = &a.path[a.path.rfind('/').map_or(0, |i| i + 1)..];
            let _ = write!(b, "<a href=\"./{rel}\">{}</a>", esc(&a.name));
        }
        b.push_str("</div>\n");
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

/// A static column (机构职能, 领导信息, 概况).
pub fn single(world: &World, site: &Site, ci: usize) -> String {
    let c = &site.columns[ci];
    let item = site.item(world, ci, 0);
    let h = Head {
        title: format!("{}_{}", c.name, site.name),
        column: Some(&c.name),
        article: None,
        keywords: c.name.clone(),
        description: c.name.clone(),
    };
    let mut rng = Rng::new(&[world.seed, hash_str(&site.key), ci as u64, 11]);
    let mut b = breadcrumb(site, ci, None);
    let _ = writeln!(b, "<div class=\"article\"><h1>{}</h1>", esc(&c.name));
    if c.key == "ldxx" {
        for role in ["主任", "副主任", "副主任", "总工程师"] {
            let _ = writeln!(b, "<p>{}　{}</p>", text::person_name(&mut rng), role);
        }
    } else {
        for p in text::paragraphs(&mut rng, 4) {
            let _ = writeln!(b, "<p>{}</p>", esc(&p));
        }
    }
    let _ = writeln!(
        b,
        "<p class=\"update\">更新时间：{}</p></div>",
        ymd(&item.when)
    );
    page(world, site, &h, &b)
}

/// Where a message lives.
pub(crate) fn message_path(site: &Site, m: &Message) -> String {
    let board = site
        .columns
        .iter()
        .find(|c| c.style == ColumnStyle::Board)
        .map_or("/hdjl/", |c| c.path.as_str());
    format!("{board}{}.html", m.id)
}

/// Page `n` of the message board.
pub fn board(world: &World, site: &Site, ci: usize, n: u32) -> String {
    let c = &site.columns[ci];
    let msgs = site.board.as_deref().unwrap_or(&[]);
    let h = Head {
        title: format!("{}_{}", c.name, site.name),
        column: Some(&c.name),
        article: None,
        keywords: "咨询,建言,留言".into(),
        description: c.name.clone(),
    };
    let mut b = breadcrumb(site, ci, None);
    b.push_str("<div class=\"board\"><p><a href=\"form.html\">我要留言</a></p>\n<table><tr><th>留言标题</th><th>留言人</th><th>留言时间</th><th>办理状态</th></tr>\n");
    let start = (n * BOARD_PAGE_SIZE) as usize;
    for m in msgs.iter().skip(start).take(BOARD_PAGE_SIZE as usize) {
        let _ = writeln!(
            b,
            "<tr><td><a href=\"./{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            m.id,
            esc(&m.title),
            esc(&m.author),
            ymd(&m.posted),
            if m.replied.is_some() {
                "已回复"
            } else {
                "办理中"
            }
        );
    }
    b.push_str("</table>\n");
    let pages = (msgs.len() as u32).div_ceil(BOARD_PAGE_SIZE).max(1);
    if pages > 1 {
        b.push_str(&pager(pages, n, false, msgs.len() as u32));
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

/// One message with its reply.
pub fn message(world: &World, site: &Site, ci: usize, m: &Message) -> String {
    let c = &site.columns[ci];
    let h = Head {
        title: format!("{}_{}", m.title, site.name),
        column: Some(&c.name),
        article: None,
        keywords: "留言".into(),
        description: m.title.clone(),
    };
    let mut rng = Rng::new(&[world.seed, m.id, 12]);
    let mut b = breadcrumb(site, ci, Some("留言详情"));
    let _ = writeln!(
        b,
        "<div class=\"message\"><h1>{}</h1>\n<p>留言人：{}</p>\n<p>留言时间：{}</p>\n<div class=\"content\">{}</div>",
        esc(&m.title),
        esc(&m.author),
        m.posted.format("%Y-%m-%d %H:%M:%S"),
        esc(&text::paragraphs(&mut rng, 1).join(""))
    );
    match m.replied {
        Some(r) => {
            let _ = writeln!(
                b,
                "<div class=\"reply\"><p>办理状态：已回复</p><p>回复单位：{}</p><p>回复时间：{}</p><p>回复内容：您好，您反映的问题已收悉。经了解，{}感谢您对我们工作的关心和支持。</p></div>",
                esc(&site.organizer),
                r.format("%Y-%m-%d %H:%M:%S"),
                esc(&text::paragraphs(&mut rng, 1).join(""))
            );
        }
        None => b.push_str(
            "<div class=\"reply\"><p>办理状态：办理中</p><p>回复内容：暂未回复</p></div>\n",
        ),
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

/// The submission form of the board.
pub fn message_form(world: &World, site: &Site, ci: usize) -> String {
    let c = &site.columns[ci];
    let h = Head {
        title: format!("我要留言_{}", site.name),
        column: Some(&c.name),
        article: None,
        keywords: "留言".into(),
        description: "我要留言".into(),
    };
    let mut b = breadcrumb(site, ci, Some("我要留言"));
    let _ = writeln!(
        b,
        "<form class=\"ly\" action=\"{}submit\" method=\"post\"><p>留言标题：<input name=\"title\" required></p>\
         <p>留言内容：<textarea name=\"content\" required></textarea></p><p>姓名：<input name=\"name\"></p>\
         <p>联系电话：<input name=\"phone\"></p><p><button type=\"submit\">提交</button></p></form>",
        c.path
    );
    page(world, site, &h, &b)
}

/// The answer to a submitted message.
pub fn message_submitted(world: &World, site: &Site) -> String {
    let h = Head::plain("提交成功");
    let b = "<div class=\"message\"><p>留言提交成功，我们将在规定时间内答复。</p></div>\n";
    page(world, site, &h, b)
}

/// The site search: titles of recent items containing the word.
pub fn search(world: &World, site: &Site, word: &str) -> String {
    let h = Head::plain(format!("搜索结果_{}", site.name));
    let mut b = String::from("<div class=\"search-result\">\n");
    let word = word.trim();
    if word.is_empty() {
        b.push_str("<p>请输入关键词。</p>\n");
    } else {
        let mut hits = Vec::new();
        let mut total = 0u32;
        for (ci, c) in site
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.style == ColumnStyle::List)
        {
            for k in 0..c.count.min(200) {
                let item = site.item(world, ci, k);
                if item.title.contains(word) {
                    total += 1;
                    if hits.len() < 20 {
                        hits.push(item);
                    }
                }
            }
        }
        let _ = writeln!(b, "<p>搜索“{}”，共找到{total}条结果</p><ul>", esc(word));
        for item in &hits {
            b.push_str(&item_li(item, &item.path, false));
        }
        b.push_str("</ul>\n");
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}

/// A 页面不存在 page (for 404s, and for soft-404 hosts with status 200).
pub fn not_found(world: &World, site: &Site) -> String {
    let h = Head::plain("页面不存在");
    page(
        world,
        site,
        &h,
        "<div class=\"error\"><h1>对不起，您访问的页面不存在或已被删除！</h1><p><a href=\"/\">返回首页</a></p></div>\n",
    )
}

/// robots.txt of a site.
pub fn robots(world: &World, site: &Site) -> String {
    let mut s = String::from("User-agent: *\n");
    let mut any = false;
    for b in &world.behaviours {
        if let crate::scenario::Behaviour::Robots {
            host,
            disallow,
            crawl_delay,
        } = b
            && (host.eq_ignore_ascii_case(&site.host) || world.single_host)
        {
            for d in disallow {
                let _ = writeln!(s, "Disallow: {d}");
                any = true;
            }
            if let Some(cd) = crawl_delay {
                let _ = writeln!(s, "Crawl-delay: {cd}");
            }
        }
    }
    if !any {
        s.push_str("Disallow: /hdjl/submit\n");
    }
    let _ = writeln!(s, "\nSitemap: {}/sitemap.xml", site.origin);
    s
}

/// sitemap.xml: the home, every column and the newest items of each.
pub fn sitemap(world: &World, site: &Site) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = writeln!(s, "<url><loc>{}/</loc></url>", site.origin);
    for (ci, c) in site.columns.iter().enumerate() {
        let _ = writeln!(s, "<url><loc>{}{}</loc></url>", site.origin, c.path);
        if c.style == ColumnStyle::List {
            for k in 0..c.count.min(20) {
                let item = site.item(world, ci, k);
                let _ = writeln!(
                    s,
                    "<url><loc>{}{}</loc><lastmod>{}</lastmod></url>",
                    site.origin,
                    item.path,
                    ymd(&item.when)
                );
            }
        }
    }
    s.push_str("</urlset>\n");
    s
}

/// A page of an outside host.
pub fn outside(
    role: crate::world::OutsideRole,
    name: &str,
    host: &str,
    path: &str,
) -> Option<(String, &'static str)> {
    use crate::world::OutsideRole as R;
    let html = |title: &str, body: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{body}</body></html>\n",
            esc(title)
        )
    };
    match role {
        R::News if path.starts_with("/old/") => None,
        R::News => Some((
            html(
                &format!("{name}_江城新闻网"),
                &format!(
                    "<h1>{name}</h1><ul><li><a href=\"/2023/0001.html\">江城新闻</a></li><li><a href=\"/2023/0002.html\">本地要闻</a></li></ul>"
                ),
            ),
            "text/html; charset=utf-8",
        )),
        R::AdNetwork if path == "/cpro/ui/c.js" => Some((
            format!(
                "document.write('<a href=\"http://{GAMBLING_HOST}/\" target=\"_blank\">推广</a>');\n"
            ),
            "application/javascript",
        )),
        R::AdNetwork => None,
        R::Lapsed | R::Gambling => {
            let t = text::GAMBLING_TERMS.join("_");
            Some((
                html(
                    &t,
                    &format!(
                        "<h1>{}</h1><p>{}，注册送彩金，真人娱乐，在线投注。</p><p>{host}</p>",
                        text::GAMBLING_TERMS[0],
                        text::GAMBLING_TERMS[1]
                    ),
                ),
                "text/html; charset=utf-8",
            ))
        }
        R::Service => Some((
            html(
                name,
                &format!("<h1>{name}</h1><p>个人办事 法人办事 部门服务</p><a href=\"/\">首页</a>"),
            ),
            "text/html; charset=utf-8",
        )),
        R::Registry => Some((
            html(name, &format!("<h1>{name}</h1>")),
            "text/html; charset=utf-8",
        )),
    }
}

/// The index of the world at the bare loopback address: which sites there are.
pub fn directory(world: &World) -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>xunwang 样例网站</title></head><body><h1>样例网站</h1><ul>\n",
    );
    for site in &world.sites {
        let _ = writeln!(
            s,
            "<li>{} — {} ({})</li>",
            esc(&site.name),
            site.home(),
            site.key
        );
    }
    s.push_str("</ul><p>用 Host 头或 --resolve 访问各网站。</p></body></html>\n");
    s
}

/// The calendar trap: a month page linking to the previous and next month, forever.
pub fn calendar(world: &World, site: &Site, path: &str, month: &str, day: Option<u32>) -> String {
    let (y, m) = month
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i64>().ok()?, m.parse::<i64>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m))
        .unwrap_or((2023, 1));
    let idx = y.saturating_mul(12).saturating_add(m - 1);
    let fmt = |i: i64| format!("{}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
    let h = Head::plain(format!("活动日历 {}", fmt(idx)));
    let mut b = format!("<div class=\"calendar\"><h1>活动日历 {}</h1>\n", fmt(idx));
    let _ = writeln!(
        b,
        "<a href=\"{path}?month={}\">上一月</a> <a href=\"{path}?month={}\">下一月</a>",
        fmt(idx.saturating_sub(1)),
        fmt(idx.saturating_add(1))
    );
    if let Some(d) = day {
        let _ = writeln!(b, "<p>{}-{d:02} 暂无活动</p>", fmt(idx));
    }
    b.push_str("<ul>");
    for d in 1..=28 {
        let _ = write!(
            b,
            "<li><a href=\"{path}?month={}&amp;day={d}\">{d}</a></li>",
            fmt(idx)
        );
    }
    b.push_str("</ul></div>\n");
    page(world, site, &h, &b)
}

/// A very large page of `bytes` bytes (at least).
pub fn large(world: &World, site: &Site, bytes: u64) -> String {
    let h = Head::plain("历年统计资料汇编");
    let mut b = String::with_capacity(bytes as usize + 4096);
    b.push_str("<div class=\"article\"><h1>历年统计资料汇编</h1>\n");
    let mut rng = Rng::new(&[world.seed, 13]);
    let mut n = 0u64;
    while (b.len() as u64) < bytes {
        n += 1;
        let _ = writeln!(
            b,
            "<p>{n}. {}</p>",
            esc(&text::paragraphs(&mut rng, 1).join(""))
        );
    }
    b.push_str("</div>\n");
    page(world, site, &h, &b)
}
