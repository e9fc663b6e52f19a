//! Unit tests of `parse_page`, one construct at a time.

use url::Url;

use super::{Link, LinkKind, PageFacts, parse_page};

const PAGE: &str = "https://www.example.gov.cn/news/index.html";

fn parse(html: &str) -> PageFacts {
    parse_page(html, &Url::parse(PAGE).unwrap())
}

fn url(link: &Link) -> &str {
    link.url.as_ref().map_or("<none>", Url::as_str)
}

/// `(element, attribute, resolved url)` of every link.
fn triples(facts: &PageFacts) -> Vec<(String, String, String)> {
    facts
        .links
        .iter()
        .map(|l| (l.element.clone(), l.attribute.clone(), url(l).to_string()))
        .collect()
}

fn t(e: &str, a: &str, u: &str) -> (String, String, String) {
    (e.to_string(), a.to_string(), u.to_string())
}

#[test]
fn every_element_and_attribute_yields_its_link_with_kind() {
    let html = r#"<html manifest="app.appcache"><head>
<link rel="stylesheet" href="/css/a.css"><link rel="shortcut icon" href="/favicon.ico">
<link rel="canonical" href="https://www.example.gov.cn/news/">
<link rel="dns-prefetch" href="//cdn.example.com"><link rel="preconnect" href="https://fonts.example.com">
<script src="/js/app.js"></script></head>
<body background="bg.gif">
<a href="a.html">A</a><map><area href="area.html" alt="Area"></map>
<iframe src="frame.html"></iframe><frameset><frame src="f.html"></frameset>
<form action="/search"><input type="image" src="go.png"><button formaction="/b">B</button></form>
<img src="i.png"><embed src="e.swf"><object data="o.swf" codebase="https://dl.example.com/swflash.cab#v=6"><param name="movie" value="m.swf"><param name="quality" value="high"></object>
<video src="v.mp4" poster="p.jpg"><source src="s.webm"><track src="t.vtt"></video><audio src="au.mp3"></audio>
<table background="tb.gif"><tr><td background="td.gif">x</td></tr></table>
</body></html>"#;
    let facts = parse(html);
    let base = "https://www.example.gov.cn/news/";
    let expected = [
        ("html", "manifest", "app.appcache"),
        ("link", "href", "/css/a.css"),
        ("link", "href", "/favicon.ico"),
        ("link", "href", "https://www.example.gov.cn/news/"),
        ("script", "src", "/js/app.js"),
        ("body", "background", "bg.gif"),
        ("a", "href", "a.html"),
        ("area", "href", "area.html"),
        ("iframe", "src", "frame.html"),
        ("frame", "src", "f.html"),
        ("form", "action", "/search"),
        ("input", "src", "go.png"),
        ("button", "formaction", "/b"),
        ("img", "src", "i.png"),
        ("embed", "src", "e.swf"),
        ("object", "data", "o.swf"),
        (
            "object",
            "codebase",
            "https://dl.example.com/swflash.cab#v=6",
        ),
        ("param", "value", "m.swf"),
        ("video", "src", "v.mp4"),
        ("video", "poster", "p.jpg"),
        ("source", "src", "s.webm"),
        ("track", "src", "t.vtt"),
        ("audio", "src", "au.mp3"),
        ("table", "background", "tb.gif"),
        ("td", "background", "td.gif"),
    ];
    let base = Url::parse(base).unwrap();
    let expected: Vec<_> = expected
        .iter()
        .map(|(e, a, u)| t(e, a, base.join(u).unwrap().as_str()))
        .collect();
    assert_eq!(triples(&facts), expected);
    let kinds: Vec<(&str, LinkKind)> = facts
        .links
        .iter()
        .map(|l| (l.raw.as_str(), l.kind))
        .collect();
    for (raw, kind) in kinds {
        let navigation = [
            "https://www.example.gov.cn/news/",
            "a.html",
            "area.html",
            "frame.html",
            "f.html",
            "/search",
            "/b",
        ];
        let want = if navigation.contains(&raw) {
            LinkKind::Navigation
        } else {
            LinkKind::Resource
        };
        assert_eq!(kind, want, "{raw}");
    }
    assert_eq!(facts.links[7].text, "Area");
}

#[test]
fn base_href_applies_to_links_after_it() {
    let facts = parse(r#"<head><base href="/base/dir/"></head><a href="x.html">x</a>"#);
    assert_eq!(
        facts.base.as_ref().unwrap().as_str(),
        "https://www.example.gov.cn/base/dir/"
    );
    assert_eq!(
        url(&facts.links[0]),
        "https://www.example.gov.cn/base/dir/x.html"
    );
}

#[test]
fn first_base_href_applies_to_the_whole_document_even_before_it() {
    let facts = parse(
        r#"<a href="early.html">e</a><base target="_top"><base href="https://other.gov.cn/b/">
        <base href="/ignored/"><a href="late.html">l</a>"#,
    );
    assert_eq!(
        facts.base.as_ref().unwrap().as_str(),
        "https://other.gov.cn/b/"
    );
    assert_eq!(url(&facts.links[0]), "https://other.gov.cn/b/early.html");
    assert_eq!(url(&facts.links[1]), "https://other.gov.cn/b/late.html");
}

#[test]
fn javascript_base_is_ignored() {
    let facts = parse(r#"<base href="javascript:void(0)"><a href="x.html">x</a>"#);
    assert_eq!(facts.base, None);
    assert_eq!(
        url(&facts.links[0]),
        "https://www.example.gov.cn/news/x.html"
    );
}

#[test]
fn srcset_yields_one_link_per_candidate() {
    let facts = parse(
        r#"<img src="s.jpg" srcset="a.jpg 1x, /b.jpg 2x" alt="图"><picture><source srcset="c.webp 100w,d.webp 200w"></picture>"#,
    );
    assert_eq!(
        triples(&facts),
        [
            t("img", "src", "https://www.example.gov.cn/news/s.jpg"),
            t("img", "srcset", "https://www.example.gov.cn/news/a.jpg"),
            t("img", "srcset", "https://www.example.gov.cn/b.jpg"),
            t("source", "srcset", "https://www.example.gov.cn/news/c.webp"),
            t("source", "srcset", "https://www.example.gov.cn/news/d.webp"),
        ]
    );
    assert_eq!(facts.links[1].raw, "a.jpg");
    assert_eq!(facts.links[2].text, "图");
}

#[test]
fn meta_refresh_is_a_navigation_link_and_meta_is_recorded() {
    let facts = parse(
        r#"<META HTTP-EQUIV="Refresh" CONTENT="0; URL='/new/'"><meta name="Keywords" content=" 政务 ">
        <meta property="og:title" content="T"><meta charset="utf-8"><meta http-equiv="refresh" content="30">"#,
    );
    assert_eq!(
        triples(&facts),
        [t("meta", "content", "https://www.example.gov.cn/new/")]
    );
    assert_eq!(facts.links[0].kind, LinkKind::Navigation);
    assert_eq!(facts.links[0].raw, "/new/");
    assert_eq!(
        facts.meta,
        [
            ("refresh".to_string(), "0; URL='/new/'".to_string()),
            ("keywords".to_string(), "政务".to_string()),
            ("og:title".to_string(), "T".to_string()),
            ("refresh".to_string(), "30".to_string()),
        ]
    );
}

#[test]
fn css_urls_in_style_attributes_and_style_blocks_are_resources() {
    let facts = parse(
        r#"<style>@import "print.css"; body { background: url('/img/bg.png') } /* url(no.png) */</style>
        <div style="background:url(d.png)">x</div>"#,
    );
    assert_eq!(
        triples(&facts),
        [
            t(
                "style",
                "style",
                "https://www.example.gov.cn/news/print.css"
            ),
            t("style", "style", "https://www.example.gov.cn/img/bg.png"),
            t("div", "style", "https://www.example.gov.cn/news/d.png"),
        ]
    );
    assert!(facts.links.iter().all(|l| l.kind == LinkKind::Resource));
}

#[test]
fn hidden_parent_with_odd_spacing_hides_links_but_not_its_siblings() {
    let facts = parse(
        r#"<div style="DISPLAY : none"><p><a href="http://bet.example/">博彩</a></p></div>
        <div><a href="/ok.html">ok</a></div>
        <a href="/self.html" style="visibility:hidden">v</a>
        <span hidden><img src="/h.png"></span><img src="/shown.png">"#,
    );
    let hidden: Vec<(&str, bool)> = facts
        .links
        .iter()
        .map(|l| (l.raw.as_str(), l.hidden))
        .collect();
    assert_eq!(
        hidden,
        [
            ("http://bet.example/", true),
            ("/ok.html", false),
            ("/self.html", true),
            ("/h.png", true),
            ("/shown.png", false),
        ]
    );
}

#[test]
fn hidden_element_closed_implicitly_does_not_hide_the_rest() {
    let facts = parse(
        r#"<ul><li style="display:none"><a href="/a">a</a><li><a href="/b">b</a></ul>
        <p hidden><a href="/c">c</a><div><a href="/d">d</a></div>"#,
    );
    let hidden: Vec<(&str, bool)> = facts
        .links
        .iter()
        .map(|l| (l.raw.as_str(), l.hidden))
        .collect();
    assert_eq!(
        hidden,
        [("/a", true), ("/b", false), ("/c", true), ("/d", false)]
    );
}

#[test]
fn unclosed_hidden_div_hides_everything_after_it() {
    let facts = parse(r#"<div style="display:none"><a href="/a">a</a><a href="/b">b</a>"#);
    assert!(facts.links.iter().all(|l| l.hidden));
}

#[test]
fn entities_in_attributes_are_decoded_but_query_lookalikes_are_not() {
    let facts = parse(r#"<a href="/list?a=1&amp;b=2&copy=3&#x26;c=&uuml;">x</a>"#);
    assert_eq!(facts.links[0].raw, "/list?a=1&b=2&copy=3&c=ü");
    assert_eq!(
        url(&facts.links[0]),
        "https://www.example.gov.cn/list?a=1&b=2&copy=3&c=%C3%BC"
    );
}

#[test]
fn anchor_text_falls_back_to_img_alt_then_title() {
    let facts = parse(
        r#"<a href="/1">  首页
          &amp; 新闻 </a>
        <a href="/2" title="T2"><img src="/logo.png" alt=" 徽标 "></a>
        <a href="/3" title=" 标题 "><img src="/x.png"></a>
        <img src="/y.png" title="只有标题">"#,
    );
    let texts: Vec<(&str, &str)> = facts
        .links
        .iter()
        .map(|l| (l.raw.as_str(), l.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("/1", "首页 & 新闻"),
            ("/2", "徽标"),
            ("/logo.png", "徽标"),
            ("/3", "标题"),
            ("/x.png", ""),
            ("/y.png", "只有标题"),
        ]
    );
}

#[test]
fn link_text_is_truncated_to_200_chars() {
    let html = format!(r#"<a href="/x">{}</a>"#, "长".repeat(500));
    assert_eq!(parse(&html).links[0].text.chars().count(), 200);
}

#[test]
fn special_schemes_and_fragments_are_kept_for_the_crawler_to_filter() {
    let facts = parse(
        r##"<a href="javascript:void(0)">j</a><a href="mailto:a@b.cn">m</a><a href="tel:12345">t</a>
        <a href="#top">top</a><img src="data:image/png;base64,AAAA"><a href="">empty</a><a href="  ">blank</a>"##,
    );
    let urls: Vec<&str> = facts.links.iter().map(url).collect();
    assert_eq!(
        urls,
        [
            "javascript:void(0)",
            "mailto:a@b.cn",
            "tel:12345",
            "https://www.example.gov.cn/news/index.html#top",
            "data:image/png;base64,AAAA",
        ]
    );
}

#[test]
fn unparseable_urls_are_kept_with_no_url() {
    let facts = parse(r#"<a href="http://localhost]">bad</a><a href="http://">empty host</a>"#);
    assert_eq!(facts.links.len(), 2);
    assert!(facts.links.iter().all(|l| l.url.is_none()));
    assert_eq!(facts.links[0].raw, "http://localhost]");
}

#[test]
fn nofollow_is_read_from_rel_and_robots_meta() {
    let facts = parse(
        r#"<meta name="ROBOTS" content="noindex, NoFollow"><a href="/a" rel="external NOFOLLOW">a</a><a href="/b">b</a>"#,
    );
    assert!(facts.robots_nofollow);
    assert!(facts.links[0].nofollow);
    assert!(!facts.links[1].nofollow);
    assert!(!parse(r#"<meta name="robots" content="index,follow">"#).robots_nofollow);
    assert!(parse(r#"<meta name="robots" content="none">"#).robots_nofollow);
}

#[test]
fn title_is_collapsed_and_text_len_counts_visible_text_only() {
    let facts = parse(
        "<html><head><title>\n  某某市 &amp;\n 人民政府  </title><style>p{color:red}</style>\
         <script>var s = 'not text';</script></head>\
         <body><p>你好  世界</p><div hidden>secret</div><!-- comment --><p>&nbsp;ab</p></body></html>",
    );
    assert_eq!(facts.title.as_deref(), Some("某某市 & 人民政府"));
    // "你好 世界" (5) + "ab" (2) with the separating whitespace run counted once (1).
    assert_eq!(facts.text_len, 8);
    assert_eq!(facts.text, "你好 世界 ab");
    assert_eq!(parse("<p>x</p>").title, None);
    assert_eq!(parse("<title> </title>").title.as_deref(), Some(""));
}

#[test]
fn svg_title_does_not_become_the_page_title() {
    let facts = parse("<svg><title>icon</title></svg><title>Real</title>");
    assert_eq!(facts.title.as_deref(), Some("Real"));
}

#[test]
fn applet_and_object_archives_resolve_against_codebase() {
    let facts = parse(
        r#"<applet codebase="/java/" archive="a.jar,b.jar" code="Main.class"></applet>
        <object archive="x.jar y.jar" codebase="/obj/"></object>"#,
    );
    let urls: Vec<&str> = facts.links.iter().map(url).collect();
    assert_eq!(
        urls,
        [
            "https://www.example.gov.cn/java/a.jar",
            "https://www.example.gov.cn/java/b.jar",
            "https://www.example.gov.cn/obj/",
            "https://www.example.gov.cn/obj/x.jar",
            "https://www.example.gov.cn/obj/y.jar",
        ]
    );
}

#[test]
fn nasty_input_never_panics() {
    let mut nasty = String::new();
    nasty.push_str("\0\0<a href=\"\0x\">\0</a><<<>>></ p><a href='x\"y>q</a'>");
    nasty.push_str("<div style=\"display:none\"><li hidden><table><td><p>");
    for i in 0..2000 {
        nasty.push_str(&format!(
            "<a href=\"/p{i}?q=&#xFFFFFFFF;&#0;&\" style=\"background:url(\\\">t</a><td><li><p></div>"
        ));
    }
    nasty.push_str("<svg/><math><mi><a href=x></a></math><![CDATA[ x ]]><?php ?>");
    nasty.push_str("<select><xmp><script>\"use strict\";</script></select>");
    nasty.push_str(&"\u{FFFD}\u{202E}é&#x".repeat(1000));
    nasty.push_str("<title>never closed <a href='unterminated");
    let page = Url::parse(PAGE).unwrap();
    let facts = parse_page(&nasty, &page);
    assert!(facts.links.len() > 2000, "{}", facts.links.len());
    // Every prefix (cut anywhere, even inside a tag or a reference) parses too.
    let step = nasty.len() / 16;
    for cut in (0..nasty.len()).step_by(step) {
        if nasty.is_char_boundary(cut) {
            let _ = parse_page(&nasty[..cut], &page);
        }
    }
    for garbage in [
        "<",
        "&",
        "<a href",
        "<a href=",
        "<base href=>",
        "<style>",
        "<title>",
        "<!--",
    ] {
        let _ = parse_page(garbage, &page);
    }
}

#[test]
fn deeply_nested_unclosed_elements_stay_linear() {
    // 50k open <span>s, each followed by a block that looks for an open <p> to close.
    let html = "<span><div>".repeat(50_000) + "<a href=/x>x</a>";
    let facts = parse(&html);
    assert_eq!(facts.links.len(), 1);
}

#[test]
fn large_page_with_100k_links_is_parsed() {
    let mut html = String::with_capacity(4 << 20);
    html.push_str("<html><body><ul>");
    for i in 0..100_000 {
        html.push_str(&format!("<li><a href=\"/a/{i}.html\">第{i}条</a>"));
    }
    html.push_str("</ul></body></html>");
    assert!(html.len() > 3_000_000);
    let facts = parse(&html);
    assert_eq!(facts.links.len(), 100_000);
    assert_eq!(facts.links[99_999].text, "第99999条");
    assert!(facts.links.iter().all(|l| !l.hidden));
}

#[test]
fn trs_script_pager_pages_become_navigation_links() {
    let facts =
        parse("<div class=page><script>createPageHTML(3, 0, \"index\", \"html\");</script></div>");
    let pager: Vec<_> = facts
        .links
        .iter()
        .filter(|l| l.attribute == "createPageHTML")
        .map(|l| l.url.as_ref().unwrap().path().to_owned())
        .collect();
    assert_eq!(pager.len(), 2);
    assert!(
        pager[0].ends_with("/index_1.html") && pager[1].ends_with("/index_2.html"),
        "{pager:?}"
    );
    assert!(facts.links.iter().all(|l| l.kind == LinkKind::Navigation));
}
