//! The content checks on realistic pages: hijacked titles, a city name replaced by a betting
//! brand, a hidden casino-link block in a GBK page, `<noscript>` link soup — all reported; a
//! police gambling-crackdown notice and a 扫黄打非 campaign report — not reported as spam; and
//! the public porn word list does not fire on ordinary government and English text.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use url::Url;
use xunwang_checks::{
    Category, Config, ContentRules, Hit, Lexicon, PageInput, Scanner, Strength, content_findings,
    parse_word_list,
};
use xunwang_core::FindingKind;
use xunwang_extract::{ContentFacts, Cues, read_page_with};

const HOST: &str = "www.example.gov.cn";

fn rules() -> ContentRules {
    Config::default().content
}

fn facts(html: &str, url: &Url) -> ContentFacts {
    let today = NaiveDate::from_ymd_opt(2023, 7, 11).unwrap();
    read_page_with(html, url, today, &Cues::default()).content
}

fn scan_with(lexicon: &Lexicon, html: &str, path: &str) -> Vec<Hit> {
    let url = Url::parse(&format!("http://{HOST}{path}")).unwrap();
    let f = facts(html, &url);
    let rules = rules();
    let hosts = vec![HOST.to_owned()];
    let mut scanner = Scanner::new(lexicon, &rules);
    scanner
        .page(
            &f,
            &PageInput {
                url: &url,
                site_hosts: &hosts,
                published: None,
            },
        )
        .hits
}

fn scan(html: &str) -> Vec<Hit> {
    scan_with(&Lexicon::default(), html, "/art/2023/7/11/art_1_1.html")
}

fn kinds(hits: &[Hit]) -> Vec<&'static str> {
    let mut k: Vec<&str> = hits.iter().map(|h| h.kind.id()).collect();
    k.sort_unstable();
    k.dedup();
    k
}

/// A government article page around `body`, with a real-looking header and footer.
fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="keywords" content="通知公告"><meta name="description" content="{title}"></head>
<body><div class="header"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>
<div class="article"><h1>{title}</h1><div class="info">发布时间：2023-07-11 09:30　来源：市政府办公室</div>
<div class="TRS_Editor">{body}</div></div>
<div class="footer">主办单位：示例市人民政府办公室　网站标识码：4201000001　鄂ICP备12345678号</div>
</body></html>"#
    )
}

const SPAM_KINDS: &[FindingKind] = &[
    FindingKind::ContentGambling,
    FindingKind::ContentPorn,
    FindingKind::ContentTitleHijack,
    FindingKind::ContentHiddenLink,
    FindingKind::ContentCloaking,
    FindingKind::ContentJsRedirect,
];

fn spam(hits: &[Hit]) -> Vec<&Hit> {
    hits.iter()
        .filter(|h| SPAM_KINDS.contains(&h.kind))
        .collect()
}

#[test]
fn a_keyword_stuffed_title_is_a_title_hijack_naming_its_terms_and_signals() {
    // 常德市 → 澳门金沙博彩娱乐平台 (spec §0.1, 616o.net copy of a 常德 notice).
    let html = page(
        "澳门金沙博彩娱乐平台_365bet官网_足球365_关于开展2023年度安全生产检查的通知",
        "<p>各区县人民政府，市政府各部门：现就开展安全生产检查有关事项通知如下。</p>",
    )
    .replace(
        r#"<meta name="keywords" content="通知公告">"#,
        r#"<meta name="keywords" content="澳门金沙,365bet官网,足球365">"#,
    );
    let hits = scan(&html);
    assert_eq!(kinds(&hits), ["content.title_hijack"], "{hits:#?}");
    let h = &hits[0];
    let signals = h.evidence.facts["signals"].as_array().unwrap();
    assert!(signals.iter().any(|s| s == "标题"));
    assert!(signals.iter().any(|s| s == "关键词/描述"));
    assert_eq!(h.evidence.facts["category"], "gambling");
    assert!(
        h.evidence.summary.contains("澳门金沙"),
        "{}",
        h.evidence.summary
    );
}

#[test]
fn a_city_name_replaced_by_a_betting_brand_is_reported() {
    // 辽政办公开〔2019〕15号 with 辽宁省 replaced by 必赢体育 (spec §0.1, indiasphere.net).
    let title = "必赢体育人民政府办公厅关于印发必赢体育政府网站集约化试点工作方案的通知";
    let html = page(
        title,
        "<p>各市人民政府，省政府各厅委、各直属机构：经必赢体育人民政府同意，现将《必赢体育政府网站集约化试点工作方案》印发给你们，请认真贯彻落实。</p>",
    );
    let hits = scan(&html);
    assert!(
        hits.iter()
            .any(|h| h.kind == FindingKind::ContentTitleHijack),
        "{hits:#?}"
    );
    // In an ordinary paragraph that says 依法 and 举报 (words of every notice, not of a
    // crackdown), the brand is still found.
    let html = page(
        "关于进一步规范行政执法行为的通知",
        "<p>必赢体育人民政府各部门要依法履行职责，畅通投诉举报渠道。</p>",
    );
    assert_eq!(kinds(&scan(&html)), ["content.gambling"]);
    // Only in the body (the title left alone): the body text is gambling content.
    let html = page(
        "夏邑县人民政府关于做好2022年春季农业生产工作的通知",
        "<p>各乡镇人民政府：为做好UedBet体育2022年春季农业生产工作，现将有关事项通知如下。</p>",
    );
    let hits = scan(&html);
    assert_eq!(kinds(&hits), ["content.gambling"], "{hits:#?}");
    assert_eq!(
        hits[0].evidence.facts["signals"].as_array().unwrap()[0],
        "正文"
    );
}

#[test]
fn a_hidden_casino_link_block_in_a_gbk_page_is_reported() {
    let html = page(
        "关于公布2023年第一批政府信息主动公开目录的通知",
        r#"<p>根据《中华人民共和国政府信息公开条例》规定，现将有关目录予以公布。</p>
<style>.hl{display:none}</style>
<dd class="hl"><a href="http://www.bet365-cn.com/">bet365体育在线投注</a><a href="http://www.bet365-cn.com/app">365bet官网</a><a href="http://www.am-jinsha88.com/">澳门金沙娱乐场</a></dd>"#,
    )
    .replace("charset=\"utf-8\"", "charset=\"gbk\"");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable);
    // The fetcher decodes what the server sent (GBK, declared in the page only).
    let decoded = xunwang_fetch::decode(&bytes, Some("text/html"));
    assert_eq!(decoded.encoding, "GBK");
    let hits = scan(&decoded.text);
    assert_eq!(kinds(&hits), ["content.hidden_link"], "{hits:#?}");
    let h = &hits[0];
    assert_eq!(h.evidence.facts["technique"], "display-none");
    assert_eq!(h.evidence.facts["links"], 3);
    let hosts = h.evidence.facts["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 2, "{hosts:?}");
    assert!(h.evidence.summary.contains("www.bet365-cn.com"));
}

#[test]
fn noscript_link_soup_is_reported_even_without_spam_words() {
    // spec §0.1: porn keyword lists and <noscript>/<dd id=…> tag soup before government text.
    let soup: String = (0..6)
        .map(|i| format!(r#"<a href="http://www.site{i}-xx.com/">站点{i}</a>"#))
        .collect();
    let html = page(
        "关于2023年上半年政务公开工作情况的通报",
        &format!("<noscript>{soup}</noscript><p>上半年，全市政务公开工作取得新进展。</p>"),
    );
    let hits = scan(&html);
    assert_eq!(kinds(&hits), ["content.hidden_link"], "{hits:#?}");
    assert_eq!(hits[0].evidence.facts["technique"], "noscript");
    // The same soup hidden by display:none (how menus and tabs are hidden) is not enough on
    // its own: a spam word is needed.
    let html = page(
        "关于2023年上半年政务公开工作情况的通报",
        &format!(r#"<div style="display:none">{soup}</div><p>上半年。</p>"#),
    );
    assert!(spam(&scan(&html)).is_empty());
}

#[test]
fn a_police_gambling_crackdown_notice_is_not_spam() {
    let html = page(
        "市公安局关于严厉打击跨境赌博违法犯罪活动的通告",
        "<p>为严厉打击跨境赌博、网络赌博违法犯罪活动，维护社会治安秩序，市公安局决定在全市范围内开展打击治理跨境赌博专项行动。</p>\
         <p>一、严禁组织、招揽中国公民赴境外赌博，严禁为赌博网站推广、代理、结算提供帮助。对开设赌场、网络赌博、六合彩、百家乐等违法犯罪行为，公安机关将依法从严查处。</p>\
         <p>二、近期查处的“365bet”等境外赌博网站推广案件中，犯罪嫌疑人以“注册送彩金”为诱饵招揽参赌人员。请广大群众提高警惕，远离赌博，发现线索及时举报。</p>\
         <p>举报电话：110。</p>",
    );
    let hits = scan(&html);
    assert!(spam(&hits).is_empty(), "{hits:#?}");
}

#[test]
fn a_campaign_report_on_pornography_is_not_spam() {
    let html = page(
        "我市召开2023年“扫黄打非”工作会议",
        "<p>7月10日，市“扫黄打非”工作领导小组召开全体会议，部署开展“净网2023”集中行动。</p>\
         <p>会议指出，要依法清理网络淫秽色情信息，严厉打击制作、传播淫秽色情视频、色情直播等违法犯罪活动，\
         深入整治涉黄“软色情”和低俗信息，保护未成年人健康成长。今年以来，全市共查处涉黄案件12起，取缔非法出版物摊点5个。</p>",
    );
    let hits = scan(&html);
    assert!(spam(&hits).is_empty(), "{hits:#?}");
}

#[test]
fn a_porn_meta_description_and_a_conditional_redirect_are_reported() {
    let html = page("市领导调研防汛工作", "<p>市领导深入一线检查防汛工作。</p>")
        .replace(
            r#"<meta name="description" content="市领导调研防汛工作">"#,
            r#"<meta name="description" content="www性色av无码精品一区二区在线观看">"#,
        )
        .replace(
            "</body>",
            r#"<script>var s=document.referrer;if(s.indexOf("baidu")>0||s.indexOf("sogou")>0){window.location.href="http://www.am-jinsha88.com/";}</script></body>"#,
        );
    let hits = scan(&html);
    assert_eq!(
        kinds(&hits),
        ["content.js_redirect", "content.porn"],
        "{hits:#?}"
    );
    let redirect = hits
        .iter()
        .find(|h| h.kind == FindingKind::ContentJsRedirect)
        .unwrap();
    assert_eq!(redirect.evidence.facts["conditional"], true);
    assert_eq!(redirect.severity, xunwang_core::Severity::Veto);
}

#[test]
fn ads_typos_outdated_names_and_personal_data_are_reported_with_masked_evidence() {
    let html = page(
        "关于2023年度困难群众临时救助对象的公示",
        r#"<p>会议要求，始终把中国入民的利益放在首位。市国土资源局有关负责人介绍了情况，原国土资源局旧址将改建为档案馆。</p>
<p>救助对象：王某某，身份证号：11010519491231002X，联系电话：13812345678。已公示对象：张**，420102********1234，138****5678。</p>
<div class="ad"><span>广告</span><script src="http://cpro.baidustatic.com/cpro/ui/c.js"></script></div>"#,
    );
    let hits = scan(&html);
    assert_eq!(
        kinds(&hits),
        [
            "content.ad",
            "content.outdated_term",
            "content.typo",
            "privacy.id_number",
            "privacy.phone",
        ],
        "{hits:#?}"
    );
    let outdated = hits
        .iter()
        .find(|h| h.kind == FindingKind::ContentOutdatedTerm)
        .unwrap();
    // 原国土资源局 is history, not an error: one occurrence, not two.
    assert_eq!(outdated.evidence.facts["occurrences"], 1, "{outdated:#?}");
    let json = serde_json::to_string(&hits).unwrap();
    assert!(!json.contains("11010519491231002X"), "{json}");
    assert!(!json.contains("13812345678"), "{json}");
    assert!(json.contains("110105********002X"), "{json}");
    assert!(json.contains("138****5678"));
    // The masked values already on the page are no finding: exactly one of each.
    for kind in [FindingKind::PrivacyIdNumber, FindingKind::PrivacyPhone] {
        let h = hits.iter().find(|h| h.kind == kind).unwrap();
        assert_eq!(h.evidence.facts["count"], 1, "{h:#?}");
    }
}

#[test]
fn a_cloaked_page_differs_only_for_the_spider() {
    let url = Url::parse(&format!("http://{HOST}/")).unwrap();
    let browser = page("示例市人民政府", "<p>欢迎访问。</p>");
    let spider = page("澳门金沙_必赢体育_示例市人民政府", "<p>欢迎访问。</p>").replace(
        "</body>",
        r#"<div style="position:absolute;left:-9999px"><a href="http://www.am-jinsha88.com/">澳门金沙</a></div></body>"#,
    );
    let rules = rules();
    let lexicon = Lexicon::default();
    let hosts = vec![HOST.to_owned()];
    let input = PageInput {
        url: &url,
        site_hosts: &hosts,
        published: None,
    };
    let mut scanner = Scanner::new(&lexicon, &rules);
    let b = facts(&browser, &url);
    let s = facts(&spider, &url);
    let hit = scanner.cloaking(&b, &s, &input).expect("cloaking");
    assert_eq!(hit.kind, FindingKind::ContentCloaking);
    let only = hit.evidence.facts["spider_only_hosts"].as_array().unwrap();
    assert_eq!(only[0], "www.am-jinsha88.com");
    // The same page twice: nothing.
    assert!(scanner.cloaking(&b, &b, &input).is_none());
}

#[test]
fn a_template_injection_on_many_pages_is_one_finding_with_a_page_count() {
    let block = r#"<div style="position:absolute;left:-9999px"><a href="http://www.am-jinsha88.com/">澳门金沙</a></div>"#;
    let mut hits = Vec::new();
    for i in 0..5 {
        let html = page("工作动态", &format!("<p>正文{i}。</p>{block}"));
        hits.extend(scan_with(
            &Lexicon::default(),
            &html,
            &format!("/xwdt/{i}.html"),
        ));
    }
    assert_eq!(hits.len(), 5);
    let at = chrono::DateTime::parse_from_rfc3339("2023-07-11T10:00:00+08:00").unwrap();
    let findings = content_findings(hits, &format!("http://{HOST}/"), at);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].evidence.facts["pages"], 5);
    assert!(findings[0].evidence.summary.contains("共 5 个页面"));
}

/// `../shared/testdata`, or `None` (with a message) when this checkout has no shared data.
fn testdata() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the corpus test needs the shared test data (gov-pages, act-rules, sensitive-words)",
            dir.display()
        );
        None
    }
}

#[test]
fn the_public_porn_word_list_does_not_fire_on_ordinary_government_and_english_text() {
    let Some(data) = testdata() else { return };
    let list = std::fs::read_to_string(data.join("sensitive-words/porn-words.txt")).unwrap();
    // The public list as an office might load it: every word a weak porn term, on top of the
    // shipped lexicon (its allow list and law-enforcement words included).
    let mut terms = Lexicon::default().terms().to_vec();
    terms.extend(parse_word_list(
        &list,
        Category::Porn,
        Strength::Weak,
        Some("konsheng/Sensitive-lexicon 色情词库"),
    ));
    let lexicon = Lexicon::new(terms).unwrap();

    // It fires on a real porn-stuffed title (spec §0.1: porn keyword title above a copy of a
    // government notice), so the silence below is not a dead matcher.
    let stuffed = page(
        "少妇人妻偷拍视频_无码a片在线观看_巨乳美女_重庆市2023年第二季度政府网站检查情况的通报",
        "<p>现将检查情况通报如下。</p>",
    );
    let hits = scan_with(&lexicon, &stuffed, "/a.html");
    assert!(
        hits.iter().any(
            |h| h.kind == FindingKind::ContentTitleHijack || h.kind == FindingKind::ContentPorn
        ),
        "{hits:#?}"
    );

    let mut pages = 0usize;
    let mut bytes = 0usize;
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(data.join("gov-pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    let act: Vec<PathBuf> = walk(&data.join("act-rules/testcases"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    corpus.extend(act);
    let linkchecker: Vec<PathBuf> = walk(&data.join("linkchecker/data"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    corpus.extend(linkchecker);
    for path in &corpus {
        let raw = std::fs::read(path).unwrap();
        let html = String::from_utf8_lossy(&raw);
        bytes += raw.len();
        pages += 1;
        let hits = scan_with(&lexicon, &html, "/corpus.html");
        let fired: Vec<&Hit> = hits
            .iter()
            .filter(|h| {
                matches!(
                    h.kind,
                    FindingKind::ContentPorn
                        | FindingKind::ContentGambling
                        | FindingKind::ContentTitleHijack
                )
            })
            .collect();
        assert!(fired.is_empty(), "{}: {fired:#?}", path.display());
    }
    assert!(pages > 1_000, "corpus too small: {pages} pages");
    eprintln!("porn word list silent on {pages} pages, {bytes} bytes");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
