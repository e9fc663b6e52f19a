//! The sample sites against their own ground truth: determinism, every planted fault present
//! where the manifest says, encodings, and each hostile behaviour.

use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use xunwang_core::WorkCalendar;
use xunwang_testsite::{
    App, Behaviour, LARGE_SCENARIO, Manifest, ManifestFault, PageEncoding, Reply, Request,
    SMALL_SCENARIO, Scenario, ServeOptions, Testsite, World, attachments,
};

const NOW: &str = "2026-11-28T10:00:00+08:00";
const BROWSER: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

fn opts(seed: Option<u64>) -> ServeOptions {
    ServeOptions {
        seed,
        now: Some(now()),
        port: 0,
        single_host: None,
        record_hits: false,
        headers: Vec::new(),
    }
}

fn get(app: &App, url: &str, ua: &str) -> Reply {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path_q) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path_q = if path_q.is_empty() { "/" } else { path_q };
    let (path, query) = match path_q.split_once('?') {
        Some((p, q)) => (p, Some(q.to_owned())),
        None => (path_q, None),
    };
    app.handle(&Request {
        method: "GET".into(),
        host: host.into(),
        path: path.into(),
        query,
        user_agent: ua.into(),
        ..Request::default()
    })
}

/// The text of a reply as a reader sees it: attachments extracted, GBK decoded.
fn text_of(reply: &Reply) -> String {
    let bytes = reply.bytes().expect("a plain body");
    if let Some(t) = attachments::attachment_text(bytes) {
        return t;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

fn page(app: &App, url: &str) -> String {
    let mut r = get(app, url, BROWSER);
    if r.status == 503 && url.starts_with("http://www.jcwlj.com/") {
        // The flaky site fails one request in ten; ask again.
        r = get(app, url, BROWSER);
    }
    assert_eq!(r.status, 200, "{url} answered {}", r.status);
    text_of(&r)
}

fn detail<'a>(f: &'a ManifestFault, key: &str) -> &'a str {
    f.detail
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{} has no detail.{key}", f.kind))
}

fn date_of(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").unwrap()
}

async fn default_site() -> Testsite {
    Testsite::start(&Scenario::default_scenario(), &opts(None))
        .await
        .unwrap()
}

/// The default scenario without its rate limit and latency, for tests that read many pages
/// in a burst through the handler (the behaviours have tests of their own).
async fn calm_site() -> Testsite {
    let mut s = Scenario::default_scenario();
    s.behaviours
        .retain(|b| !matches!(b, Behaviour::RateLimit { .. } | Behaviour::Latency { .. }));
    Testsite::start(&s, &opts(None)).await.unwrap()
}

#[tokio::test]
async fn the_same_seed_gives_identical_bytes_and_another_seed_does_not() {
    let a = Testsite::start(&Scenario::default_scenario(), &opts(Some(5)))
        .await
        .unwrap();
    let b = Testsite::start(&Scenario::default_scenario(), &opts(Some(5)))
        .await
        .unwrap();
    let c = Testsite::start(&Scenario::default_scenario(), &opts(Some(6)))
        .await
        .unwrap();
    // Manifests are identical except for the port in `resolve`.
    let strip = |m: &Manifest| {
        let mut m = m.clone();
        m.resolve.clear();
        serde_json::to_string(&m).unwrap()
    };
    assert_eq!(strip(a.manifest()), strip(b.manifest()));
    let mut urls: Vec<String> = a.manifest().faults.iter().map(|f| f.url.clone()).collect();
    for s in &a.manifest().sites {
        urls.push(s.home.clone());
        urls.extend(s.columns.iter().map(|c| c.url.clone()));
    }
    let mut differ = 0;
    for url in &urls {
        let (ra, rb, rc) = (
            get(a.app(), url, BROWSER),
            get(b.app(), url, BROWSER),
            get(c.app(), url, BROWSER),
        );
        assert_eq!(ra.status, rb.status, "{url}");
        assert_eq!(
            ra.bytes(),
            rb.bytes(),
            "{url} differs between two runs with one seed"
        );
        if ra.bytes() != rc.bytes() {
            differ += 1;
        }
    }
    assert!(urls.len() > 50);
    assert!(
        differ > urls.len() / 2,
        "another seed changed only {differ} of {} pages",
        urls.len()
    );
}

#[tokio::test]
async fn the_default_scenario_plants_at_least_twenty_kinds_on_at_least_three_sites() {
    let t = default_site().await;
    let m = t.manifest();
    let kinds: BTreeSet<&str> = m.faults.iter().map(|f| f.kind.as_str()).collect();
    let sites: HashSet<&str> = m.faults.iter().map(|f| f.site.as_str()).collect();
    assert!(kinds.len() >= 20, "only {} kinds: {kinds:?}", kinds.len());
    assert!(sites.len() >= 3);
    for f in &m.faults {
        assert!(
            f.kind.parse::<xunwang_core::FindingKind>().is_ok(),
            "{} is not in the vocabulary",
            f.kind
        );
        assert!(
            m.sites.iter().any(|s| s.home == f.site),
            "{} names an unknown site",
            f.kind
        );
    }
    assert_eq!(m.now, "2026-11-28T10:00:00+08:00");
    assert_eq!(m.resolve.len(), m.sites.len() + m.outside.len());
    assert!(m.resolve.iter().all(|r| r.ends_with(&t.addr().to_string())));
}

/// One assertion per fault kind: the evidence is in the served bytes where the manifest says.
#[tokio::test]
async fn every_manifest_fault_is_present_in_the_served_bytes() {
    let t = calm_site().await;
    let app = t.app();
    let m = t.manifest();
    let now = now();
    let cal = WorkCalendar::official();
    for f in &m.faults {
        let ctx = format!("{} at {}", f.kind, f.url);
        match f.kind.as_str() {
            "link.broken" => {
                let source = page(app, detail(f, "source"));
                let href = f
                    .url
                    .strip_prefix(&f.site[..f.site.len() - 1])
                    .unwrap_or(&f.url);
                assert!(
                    source.contains(href) || source.contains(&f.url),
                    "{ctx}: source lacks the link"
                );
                let r = get(app, &f.url, BROWSER);
                match detail(f, "reason") {
                    "404" => assert_eq!(r.status, 404, "{ctx}"),
                    "soft-404" => {
                        assert_eq!(r.status, 200, "{ctx}");
                        assert!(text_of(&r).contains("页面不存在"), "{ctx}");
                    }
                    other => panic!("{ctx}: unknown reason {other}"),
                }
            }
            "link.external_hijacked" => {
                assert!(page(app, detail(f, "source")).contains(&f.url), "{ctx}");
                assert!(page(app, &f.url).contains("博彩"), "{ctx}");
            }
            "column.stale" | "column.long_unupdated" => {
                let list = page(app, &f.url);
                let newest = detail(f, "evidence");
                assert!(
                    list.contains(newest),
                    "{ctx}: newest date {newest} not on the list page"
                );
                let window = f.detail["window_days"].as_i64().unwrap();
                assert!(
                    (now.date_naive() - date_of(newest)).num_days() > window,
                    "{ctx}"
                );
            }
            "column.empty" => {
                let list = page(app, &f.url);
                assert!(
                    !list.contains("<li><a href=\"./"),
                    "{ctx}: the list has items"
                );
                if f.detail["placeholder"].is_string() {
                    assert!(list.contains("暂无信息"), "{ctx}");
                }
            }
            "home.stale" => {
                let home = page(app, &f.url);
                let re_dates = dates_in_blocks(&home, now);
                assert!(!re_dates.is_empty(), "{ctx}: no dated items at all");
                assert!(
                    re_dates
                        .iter()
                        .all(|d| (now.date_naive() - *d).num_days() > 14),
                    "{ctx}: {re_dates:?}"
                );
                // The decoy "today" date is there, and must not count.
                assert!(home.contains("今天是2026年11月28日"));
            }
            "content.title_hijack" => {
                let html = page(app, &f.url);
                let title = between(&html, "<title>", "</title>");
                assert!(title.contains(detail(f, "evidence")), "{ctx}");
            }
            "content.porn" => {
                let html = page(app, &f.url);
                assert!(
                    meta(&html, "Keywords").contains(detail(f, "evidence")),
                    "{ctx}"
                );
            }
            "content.cloaking" => {
                let spider = text_of(&get(
                    app,
                    &f.url,
                    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
                ));
                let browser = page(app, &f.url);
                let term = detail(f, "evidence");
                assert!(spider.contains(term) && !browser.contains(term), "{ctx}");
            }
            "content.hidden_link" => {
                let html = page(app, &f.url);
                let marker = match detail(f, "technique") {
                    "display-none" => "display: none",
                    "offscreen" => "left:-9999px",
                    "marquee" => "<marquee height=\"1\"",
                    other => panic!("{other}"),
                };
                let at = html
                    .find(marker)
                    .unwrap_or_else(|| panic!("{ctx}: no {marker}"));
                assert!(html[at..].contains(detail(f, "evidence")), "{ctx}");
            }
            "content.gambling"
            | "content.typo"
            | "content.outdated_term"
            | "content.js_redirect"
            | "content.ad" => {
                assert!(page(app, &f.url).contains(detail(f, "evidence")), "{ctx}");
            }
            "privacy.id_number" | "privacy.phone" | "privacy.bank_card" => {
                let r = get(app, &f.url, BROWSER);
                assert_eq!(r.status, 200, "{ctx}");
                let in_attachment = f.detail["in_attachment"].as_bool().unwrap();
                assert_eq!(
                    attachments::attachment_text(r.bytes().unwrap()).is_some(),
                    in_attachment,
                    "{ctx}"
                );
                assert!(text_of(&r).contains(detail(f, "evidence")), "{ctx}");
                if in_attachment {
                    // The page links the attachment.
                    let file = f.url.rsplit('/').next().unwrap();
                    assert!(page(app, detail(f, "page")).contains(file), "{ctx}");
                }
            }
            "identity.site_code_missing"
            | "identity.icp_missing"
            | "identity.psb_missing"
            | "identity.conac_missing"
            | "identity.error_report_entry_missing"
            | "identity.organizer_missing" => {
                let home = page(app, &f.url);
                assert!(!home.contains(detail(f, "absent")), "{ctx}");
            }
            "identity.site_code_invalid" => {
                let home = page(app, &f.url);
                assert!(
                    home.contains(&format!("网站标识码：{}<", detail(f, "shown")))
                        || home.contains(&format!("网站标识码：{}　", detail(f, "shown"))),
                    "{ctx}"
                );
                assert!(
                    !home.contains(&format!("网站标识码：{}", detail(f, "registered"))),
                    "{ctx}"
                );
            }
            "identity.site_code_mismatch" => {
                let home = page(app, &f.url);
                assert_eq!(meta(&home, "SiteIDCode"), detail(f, "meta"), "{ctx}");
                assert!(
                    home.contains(&format!("网站标识码：{}", detail(f, "footer"))),
                    "{ctx}"
                );
            }
            "identity.domain_noncompliant" => assert!(!detail(f, "host").ends_with(".gov.cn")),
            "interaction.no_channel" => {
                let home = page(app, &f.url);
                assert!(
                    !home.contains("互动交流") && !home.contains("留言"),
                    "{ctx}"
                );
            }
            "interaction.slow_reply" | "interaction.unanswered" => {
                let msg = page(app, &f.url);
                assert!(msg.contains(detail(f, "evidence")), "{ctx}");
                let posted = date_of(detail(f, "posted"));
                assert!(msg.contains(&detail(f, "posted")[..10]), "{ctx}");
                if f.kind == "interaction.slow_reply" {
                    let replied = date_of(detail(f, "replied"));
                    assert!(
                        msg.contains("回复时间") && msg.contains(&detail(f, "replied")[..10]),
                        "{ctx}"
                    );
                    let limit = f.detail["reply_working_days_limit"].as_u64().unwrap() as u32;
                    assert!(
                        cal.working_days_between(posted, replied).unwrap() > limit,
                        "{ctx}"
                    );
                } else {
                    assert!(msg.contains("办理中") && !msg.contains("回复时间"), "{ctx}");
                    assert!((now.date_naive() - posted).num_days() > 90, "{ctx}");
                    assert!((now.date_naive() - posted).num_days() <= 365, "{ctx}");
                }
            }
            "availability.down" => {
                let every = f.detail["every"].as_u64().unwrap();
                let failed = (0..every * 20)
                    .filter(|_| get(app, &f.url, BROWSER).status != 200)
                    .count() as u64;
                assert_eq!(failed, 20, "{ctx}");
            }
            other => panic!("no presence check for `{other}`: add one"),
        }
    }
}

#[tokio::test]
async fn decoys_are_served_but_are_not_faults() {
    let t = calm_site().await;
    let m = t.manifest();
    assert!(m.decoys.iter().any(|d| d.kind == "privacy.id_number"));
    assert!(m.decoys.iter().any(|d| d.kind == "content.gambling"));
    for d in &m.decoys {
        assert!(
            !m.faults.iter().any(|f| f.kind == d.kind && f.url == d.url),
            "{} at {} is both",
            d.kind,
            d.url
        );
        let r = get(t.app(), &d.url, BROWSER);
        if d.kind == "link.broken" {
            // Behind a WAF: refused to plain clients, fine for browsers.
            assert_eq!(get(t.app(), &d.url, "xunwang/0.1").status, 412);
            assert_eq!(r.status, 200);
        } else {
            assert_eq!(r.status, 200, "{}", d.url);
        }
        if d.kind == "privacy.id_number" {
            assert!(
                text_of(&r).contains("********"),
                "masked ID expected at {}",
                d.url
            );
        }
    }
}

fn between<'a>(s: &'a str, a: &str, b: &str) -> &'a str {
    let i = s.find(a).map(|i| i + a.len()).unwrap_or(0);
    let j = s[i..].find(b).map(|j| i + j).unwrap_or(s.len());
    &s[i..j]
}

fn meta<'a>(html: &'a str, name: &str) -> &'a str {
    let tag = format!("<meta name=\"{name}\" content=\"");
    between(&html[html.find(&tag).unwrap_or(0)..], &tag, "\"")
}

/// Dates of the dated list items on a page: `2023-06-15` and `[06-15]` (year inferred).
fn dates_in_blocks(html: &str, now: DateTime<FixedOffset>) -> Vec<NaiveDate> {
    html.split("<span class=\"date\">")
        .skip(1)
        .filter_map(|rest| {
            let s = &rest[..rest.find('<')?];
            if let Some(md) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                let d =
                    NaiveDate::parse_from_str(&format!("{}-{md}", now.format("%Y")), "%Y-%m-%d")
                        .ok()?;
                Some(if d > now.date_naive() {
                    d.with_year_minus_one()
                } else {
                    d
                })
            } else {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
            }
        })
        .collect()
}

trait MinusYear {
    fn with_year_minus_one(self) -> Self;
}
impl MinusYear for NaiveDate {
    fn with_year_minus_one(self) -> Self {
        use chrono::Datelike;
        self.with_year(self.year() - 1).unwrap_or(self)
    }
}

#[tokio::test]
async fn pages_carry_their_declared_encoding_and_decode_to_the_intended_text() {
    let t = calm_site().await;
    let app = t.app();
    for s in &t.manifest().sites {
        let r = get(app, &s.home, BROWSER);
        let bytes = r.bytes().unwrap();
        let ct = r.header("content-type").unwrap().to_ascii_lowercase();
        let head = String::from_utf8_lossy(&bytes[..600.min(bytes.len())]).to_ascii_lowercase();
        let gbk_bytes = || {
            assert!(
                std::str::from_utf8(bytes).is_err(),
                "{}: expected GBK bytes",
                s.host
            );
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
            assert!(!had_errors, "{}: GBK bytes do not decode cleanly", s.host);
            // Lossless: encoding the decoded text gives the same bytes back.
            let (again, _, unmappable) = encoding_rs::GBK.encode(&text);
            assert!(!unmappable && again.as_ref() == bytes, "{}", s.host);
            text.into_owned()
        };
        let text = match s.encoding {
            PageEncoding::Utf8 => {
                assert!(ct.contains("charset=utf-8") && head.contains("<meta charset=\"utf-8\">"));
                String::from_utf8(bytes.to_vec()).unwrap()
            }
            PageEncoding::GbkHeader => {
                assert!(
                    ct.contains("charset=gbk") && head.contains("charset=gb2312"),
                    "{ct}"
                );
                gbk_bytes()
            }
            PageEncoding::GbkMeta => {
                assert!(
                    !ct.contains("charset") && head.contains("charset=gb2312"),
                    "{ct}"
                );
                gbk_bytes()
            }
            PageEncoding::GbkUndeclared => {
                assert!(!ct.contains("charset") && !head.contains("charset"), "{ct}");
                gbk_bytes()
            }
            PageEncoding::Utf8LabelledGbk => {
                assert!(
                    ct.contains("charset=gb2312") && head.contains("charset=gb2312"),
                    "{ct}"
                );
                String::from_utf8(bytes.to_vec()).expect("mislabelled pages really are UTF-8")
            }
        };
        assert!(
            text.contains(&format!("<title>{}", s.name)) || text.contains(&s.name),
            "{}",
            s.host
        );
        assert!(
            text.contains("当前位置") || text.contains("首页"),
            "{}",
            s.host
        );
        // Article titles decode to the intended text too.
        let col = s
            .columns
            .iter()
            .find(|c| c.class == "news" && c.items > 0)
            .unwrap();
        let list = page(app, &col.url);
        assert!(
            list.contains(&format!("<h2>{}</h2>", col.name)),
            "{}",
            col.url
        );
    }
    let encodings: HashSet<String> = t
        .manifest()
        .sites
        .iter()
        .map(|s| format!("{:?}", s.encoding))
        .collect();
    assert_eq!(
        encodings.len(),
        5,
        "the default scenario shows every labelling"
    );
}

#[tokio::test]
async fn a_gbk_search_query_finds_articles() {
    let t = calm_site().await;
    let app = t.app();
    let fgw = t
        .manifest()
        .sites
        .iter()
        .find(|s| s.encoding == PageEncoding::GbkHeader)
        .unwrap();
    // A browser on a GBK page submits the form in GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode("通知");
    let q: String = gbk.iter().map(|b| format!("%{b:02X}")).collect();
    let r = page(
        app,
        &format!("{}search/index.html?searchword={q}", fgw.home),
    );
    assert!(r.contains("共找到"), "{r}");
    let n: u32 = between(&r, "共找到", "条").parse().unwrap();
    assert!(n > 0, "searching 通知 on {} found nothing: {r}", fgw.host);
}

#[tokio::test]
async fn every_link_on_the_portal_home_page_resolves_inside_the_world() {
    let t = calm_site().await;
    let app = t.app();
    let m = t.manifest();
    let broken: HashSet<&str> = m
        .faults
        .iter()
        .filter(|f| f.kind == "link.broken")
        .map(|f| f.url.as_str())
        .collect();
    for s in &m.sites {
        let home = page(app, &s.home);
        for href in home
            .split("href=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
        {
            let href = href.replace("&amp;", "&");
            let url = if href.starts_with("http://") {
                href.clone()
            } else {
                format!("{}{}", &s.home[..s.home.len() - 1], href)
            };
            if broken.contains(url.as_str()) || url.contains("/xxgk/index.jsp") {
                continue;
            }
            let r = get(app, &url, BROWSER);
            assert!(
                matches!(r.status, 200 | 301 | 302 | 307 | 503),
                "{url} from {} answered {}",
                s.home,
                r.status
            );
        }
    }
}

#[tokio::test]
async fn list_pages_paginate_and_articles_link_back() {
    let t = calm_site().await;
    let app = t.app();
    let portal = &t.manifest().sites[0];
    let tzgg = portal
        .columns
        .iter()
        .find(|c| c.url.ends_with("/tzgg/"))
        .unwrap();
    let first = page(app, &tzgg.url);
    assert!(first.contains("index_1.html") && first.contains("下一页"));
    let second = page(app, &format!("{}index_1.html", tzgg.url));
    assert!(second.contains("第2/2页"));
    assert_eq!(
        get(app, &format!("{}index_2.html", tzgg.url), BROWSER).status,
        404
    );
    // The TRS script pager on the site that uses it.
    let jyj = t
        .manifest()
        .sites
        .iter()
        .find(|s| s.host.starts_with("jyj."))
        .unwrap();
    let col = jyj
        .columns
        .iter()
        .find(|c| c.url.ends_with("/tzgg/"))
        .unwrap();
    assert!(page(app, &col.url).contains("createPageHTML(2, 0, \"index\", \"html\");"));
    // An article: TRS URL, breadcrumb, labelled date and meta tags.
    let href = between(&first, "<li><a href=\"./", "\"");
    let art = page(app, &format!("{}{href}", tzgg.url));
    assert!(href.contains("/t20") && href.ends_with(".html"));
    assert!(art.contains("当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/tzgg/\">通知公告</a>"));
    assert!(art.contains("发布时间：") && art.contains("<meta name=\"PubDate\" content=\"20"));
    assert!(art.contains("<meta name=\"ColumnName\" content=\"通知公告\">"));
    assert!(art.contains("页面生成时间：2026-11-28") && art.contains("版权所有"));
    // An unknown document id is a 404, and so is a right id on a wrong date.
    let wrong = href.replacen("/t20", "/t19", 1);
    assert_eq!(
        get(app, &format!("{}{wrong}", tzgg.url), BROWSER).status,
        404
    );
}

#[tokio::test]
async fn attachments_are_real_documents() {
    let t = calm_site().await;
    let app = t.app();
    let mut seen = HashSet::new();
    for s in &t.manifest().sites {
        for c in s
            .columns
            .iter()
            .filter(|c| c.items > 0 && matches!(c.class.as_str(), "notice" | "policy" | "periodic"))
        {
            let list = page(app, &c.url);
            for href in list
                .split("<li><a href=\"./")
                .skip(1)
                .filter_map(|r| r.split('"').next())
            {
                let art_url = format!("{}{href}", c.url);
                let art = page(app, &art_url);
                if let Some(rest) = art.split("<div class=\"fj\"><a href=\"./").nth(1) {
                    let file = rest.split('"').next().unwrap();
                    let dir = &art_url[..art_url.rfind('/').unwrap() + 1];
                    let mut r = get(app, &format!("{dir}{file}"), BROWSER);
                    if r.status == 503 {
                        // The flaky site fails one request in ten; ask again.
                        r = get(app, &format!("{dir}{file}"), BROWSER);
                    }
                    assert_eq!(r.status, 200, "{dir}{file}");
                    let text = attachments::attachment_text(r.bytes().unwrap())
                        .expect("a PDF, DOCX or XLSX");
                    assert!(!text.trim().is_empty());
                    seen.insert(file.rsplit('.').next().unwrap().to_owned());
                }
            }
        }
    }
    assert_eq!(
        seen,
        ["pdf", "docx", "xlsx"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        "all three formats appear"
    );
}

// ---- behaviours, over real sockets ----

fn client(t: &Testsite, ua: &str) -> reqwest::Client {
    let mut b = reqwest::Client::builder()
        .user_agent(ua)
        .redirect(reqwest::redirect::Policy::none())
        // The tests read raw bodies: never decompress (other crates turn on reqwest's gzip).
        .no_gzip()
        .no_brotli()
        .no_deflate()
        .timeout(Duration::from_secs(10));
    for s in t
        .manifest()
        .sites
        .iter()
        .map(|s| s.host.clone())
        .chain(t.manifest().outside.iter().cloned())
    {
        b = b.resolve(&s, t.addr());
    }
    b.build().unwrap()
}

#[tokio::test]
async fn the_waf_refuses_plain_clients_with_412_and_lets_browsers_through() {
    let t = default_site().await;
    let plain = client(&t, "xunwang/0.1 (+https://example.invalid)");
    let r = plain.get("http://www.jczwfw.gov.cn/").send().await.unwrap();
    assert_eq!(r.status(), 412);
    assert!(r.text().await.unwrap().contains("<script>"));
    let browser = client(&t, BROWSER);
    assert_eq!(
        browser
            .get("http://www.jczwfw.gov.cn/")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn the_flaky_site_fails_exactly_every_kth_request() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let mut failed = Vec::new();
    for i in 1..=40 {
        let s = c
            .get("http://www.jcwlj.com/")
            .send()
            .await
            .unwrap()
            .status();
        if s != 200 {
            assert_eq!(s, 503);
            failed.push(i);
        }
    }
    assert_eq!(failed, vec![10, 20, 30, 40]);
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let mut limited = None;
    for _ in 0..500 {
        let r = c
            .get("http://fgw.jiangcheng.gov.cn/robots.txt")
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("500 requests in a burst must hit a 30/s limit");
    assert_eq!(r.headers()["retry-after"], "2");
}

#[tokio::test]
async fn the_calendar_trap_never_ends() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let mut url = "http://www.jiangcheng.gov.cn/ztzl/hdrl/index.html?month=2023-01".to_owned();
    let mut seen = HashSet::new();
    for _ in 0..300 {
        assert!(seen.insert(url.clone()), "revisited {url}");
        let r = c.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let body = r.text().await.unwrap();
        let next = body
            .split("\">下一月")
            .next()
            .unwrap()
            .rsplit("href=\"")
            .next()
            .unwrap();
        url = format!("http://www.jiangcheng.gov.cn{next}");
    }
    assert!(url.ends_with("month=2048-01"), "{url}");
}

#[tokio::test]
async fn the_compression_bomb_is_small_on_the_wire_and_huge_inflated() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let r = c
        .get("http://fgw.jiangcheng.gov.cn/download/data.html")
        // The bomb is compressed on first request: on a loaded machine that can take longer
        // than the other tests' 10 s; this test is about its size, not its speed.
        .timeout(Duration::from_secs(120))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    let wire = r.bytes().await.unwrap();
    let mut inflated = 0u64;
    let mut dec = flate2::read::GzDecoder::new(&wire[..]);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = std::io::Read::read(&mut dec, &mut buf).unwrap();
        if n == 0 {
            break;
        }
        inflated += n as u64;
    }
    assert!(inflated >= 64 << 20);
    assert!(
        inflated / wire.len() as u64 >= 500,
        "ratio {}",
        inflated / wire.len() as u64
    );
}

#[tokio::test]
async fn redirects_chain_and_loop_as_configured() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let mut url = "http://www.jiangcheng.gov.cn/zwgk/old/index.jsp".to_owned();
    let mut statuses = Vec::new();
    loop {
        let r = c.get(&url).send().await.unwrap();
        if !r.status().is_redirection() {
            assert_eq!(r.status(), 200);
            break;
        }
        statuses.push(r.status().as_u16());
        url = r.headers()["location"].to_str().unwrap().to_owned();
    }
    assert_eq!(statuses, vec![301, 302, 307]);
    assert_eq!(url, "http://www.jiangcheng.gov.cn/tzgg/");
    let a = c
        .get("http://www.jiangcheng.gov.cn/xxgk/index.jsp")
        .send()
        .await
        .unwrap();
    let b_url = a.headers()["location"].to_str().unwrap().to_owned();
    let b = c.get(&b_url).send().await.unwrap();
    assert_eq!(
        b.headers()["location"],
        "http://www.jiangcheng.gov.cn/xxgk/index.jsp"
    );
}

#[tokio::test]
async fn large_pages_slow_drips_soft_404s_and_robots_behave() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let big = c
        .get("http://www.jiangcheng.gov.cn/ztzl/tjzl.html")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(big.len() >= 3_000_000);
    let started = std::time::Instant::now();
    let drip = c
        .get("http://www.jiangcheng.gov.cn/ztzl/fwsx.html")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(drip.len() >= 20_000);
    // 20 kB at 4 kB/s takes seconds; a plain page would take milliseconds.
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "drip took {:?}",
        started.elapsed()
    );
    let soft = c
        .get("http://zrghj.jiangcheng.gov.cn/no/such/page.html")
        .send()
        .await
        .unwrap();
    assert_eq!(soft.status(), 200);
    let hard = c
        .get("http://fgw.jiangcheng.gov.cn/no/such/page.html")
        .send()
        .await
        .unwrap();
    assert_eq!(hard.status(), 404);
    let robots = c
        .get("http://www.jiangcheng.gov.cn/robots.txt")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        robots.contains("Disallow: /private/")
            && robots.contains("Sitemap: http://www.jiangcheng.gov.cn/sitemap.xml")
    );
}

#[tokio::test]
async fn conditional_get_and_ranges_work() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let r = c.get("http://www.jiangcheng.gov.cn/").send().await.unwrap();
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let again = c
        .get("http://www.jiangcheng.gov.cn/")
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let part = c
        .get("http://www.jiangcheng.gov.cn/robots.txt")
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap().len(), 10);
    let head = c
        .head("http://www.jiangcheng.gov.cn/tzgg/")
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
}

#[tokio::test]
async fn latency_delays_answers() {
    let t = default_site().await;
    let c = client(&t, BROWSER);
    let started = std::time::Instant::now();
    for _ in 0..5 {
        c.get("http://jyj.jiangcheng.gov.cn/robots.txt")
            .send()
            .await
            .unwrap();
    }
    // 30 ± 20 ms each: at least 50 ms for five.
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[tokio::test]
async fn single_host_mode_serves_one_site_at_the_bare_origin() {
    let scenario = Scenario::default_scenario();
    let o = ServeOptions {
        single_host: Some("fgw".into()),
        ..opts(None)
    };
    let t = Testsite::start(&scenario, &o).await.unwrap();
    let origin = format!("http://{}/", t.addr());
    let m = t.manifest();
    assert_eq!(m.sites.len(), 1);
    assert_eq!(m.sites[0].home, origin);
    assert!(m.resolve.is_empty());
    assert!(
        m.faults
            .iter()
            .all(|f| f.url.starts_with(&origin) || f.url.contains("jcdaily"))
    );
    let r = reqwest::get(&origin).await.unwrap();
    assert_eq!(r.status(), 200);
    let body = encoding_rs::GBK
        .decode(&r.bytes().await.unwrap())
        .0
        .into_owned();
    assert!(body.contains("江城市发展和改革委员会"));
    // Same pages as in multi-host mode, apart from the origin.
    let sitemap = reqwest::get(format!("{origin}sitemap.xml"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sitemap.contains(&format!("<loc>{origin}tzgg/</loc>")));
}

#[test]
fn the_large_scenario_has_a_hundred_thousand_pages_generated_lazily() {
    let s = Scenario::from_toml(LARGE_SCENARIO, "large").unwrap();
    let world = World::build(
        &s,
        &xunwang_testsite::BuildOptions {
            seed: None,
            now: Some(now()),
            single_host: None,
        },
    )
    .unwrap();
    let pages: u64 = world.sites.iter().map(|s| s.page_count()).sum();
    assert!(pages >= 100_000, "{pages}");
    let app = App::new(world);
    let m = Manifest::of(app.world(), "127.0.0.1:1");
    let col = m.sites[0].columns.iter().find(|c| c.items >= 2500).unwrap();
    // The last list page, and its last article, are served like the first.
    let last = (col.items - 1) / 20;
    let list = page(&app, &format!("{}index_{last}.html", col.url));
    let href = list
        .split("<li><a href=\"./")
        .last()
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(page(&app, &format!("{}{href}", col.url)).contains("发布时间："));
}

#[test]
fn the_small_scenario_is_about_fifty_pages() {
    let s = Scenario::from_toml(SMALL_SCENARIO, "small").unwrap();
    let world = World::build(
        &s,
        &xunwang_testsite::BuildOptions {
            seed: None,
            now: Some(now()),
            single_host: None,
        },
    )
    .unwrap();
    let pages = world.sites[0].page_count();
    assert!((40..=70).contains(&pages), "{pages}");
}

#[test]
fn a_bad_scenario_is_a_clear_error_naming_the_file() {
    let err = Scenario::from_toml("name = 1", "mine.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("mine.toml"), "{err}");
    let text = SMALL_SCENARIO.replace("column = \"gzdt\"", "column = \"nosuch\"");
    let s = Scenario::from_toml(&text, "x.toml").unwrap();
    let err = World::build(
        &s,
        &xunwang_testsite::BuildOptions {
            seed: None,
            now: Some(now()),
            single_host: None,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("nosuch"), "{err}");
    let err = Scenario::from_toml(
        &SMALL_SCENARIO.replace("kind = \"column.stale\"", "kind = \"column.stail\""),
        "y.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("column.stail"), "{err}");
}

#[tokio::test]
async fn stalling_and_resetting_hosts_give_no_answer() {
    let text = format!(
        "{SMALL_SCENARIO}\n[[behaviour]]\nkind = \"flaky\"\nhost = \"tjj.jiangcheng.gov.cn\"\npath = \"/tzgg/\"\nevery = 1\nmode = \"stall\"\nstall_secs = 30\n\
         [[behaviour]]\nkind = \"flaky\"\nhost = \"tjj.jiangcheng.gov.cn\"\npath = \"/zcwj/\"\nevery = 2\nmode = \"reset\"\n"
    );
    let s = Scenario::from_toml(&text, "stall.toml").unwrap();
    let t = Testsite::start(&s, &opts(None)).await.unwrap();
    let c = reqwest::Client::builder()
        .resolve("tjj.jiangcheng.gov.cn", t.addr())
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let stalled = c
        .get("http://tjj.jiangcheng.gov.cn/tzgg/")
        .send()
        .await
        .unwrap_err();
    assert!(stalled.is_timeout(), "{stalled}");
    assert_eq!(
        c.get("http://tjj.jiangcheng.gov.cn/zcwj/")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let reset = c
        .get("http://tjj.jiangcheng.gov.cn/zcwj/")
        .send()
        .await
        .unwrap_err();
    assert!(!reset.is_timeout(), "a reset is immediate: {reset}");
    // The rest of the site is unaffected.
    assert_eq!(
        c.get("http://tjj.jiangcheng.gov.cn/")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
