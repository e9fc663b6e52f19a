//! The content facts (`read_page_with`) on realistic snippets of hijacked and ordinary
//! government pages (spec/indicators.md §0.1).

use chrono::NaiveDate;
use url::Url;

use crate::cues::Cues;
use crate::model::suspect::{ContentFacts, Hiding, LinkFact, Region};
use crate::model::{read_model_with, read_page_with};

fn page() -> Url {
    Url::parse("http://www.example.gov.cn/xwdt/index.html").unwrap()
}

fn read(html: &str) -> ContentFacts {
    let day = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    read_page_with(html, &page(), day, &Cues::default()).content
}

fn link(url: &str, text: &str, hidden: Option<Hiding>) -> LinkFact {
    LinkFact {
        url: url.into(),
        text: text.into(),
        hidden,
    }
}

fn units(facts: &ContentFacts) -> Vec<&str> {
    facts.units.iter().map(|u| u.text.as_str()).collect()
}

#[test]
fn a_display_none_div_of_casino_links_is_one_group_with_its_four_links() {
    let facts = read(
        r#"<p>政务公开</p>
        <div id="mmmmm" style="display: none">
          <a href="http://www.am-jinsha88.com/?0">澳门金沙博彩娱乐平台</a>
          <a href="http://www.am-jinsha88.com/?1">金沙博彩</a>
          <dd><a href="https://365bet.example/">365bet</a></dd>
          <a href="http://m88.example/"><img src="x.gif" alt="明升ms88注册"></a>
        </div>
        <p>网站地图</p>"#,
    );
    assert_eq!(facts.hidden.len(), 1);
    let g = &facts.hidden[0];
    assert_eq!(g.how, Hiding::DisplayNone);
    assert_eq!(g.hint, "div#mmmmm");
    assert_eq!(g.text, "澳门金沙博彩娱乐平台 金沙博彩 365bet");
    let dn = Some(Hiding::DisplayNone);
    assert_eq!(
        g.links,
        [
            link("http://www.am-jinsha88.com/?0", "澳门金沙博彩娱乐平台", dn),
            link("http://www.am-jinsha88.com/?1", "金沙博彩", dn),
            link("https://365bet.example/", "365bet", dn),
            link("http://m88.example/", "明升ms88注册", dn),
        ]
    );
    assert_eq!(facts.links, g.links, "every link, hidden ones included");
    assert_eq!(units(&facts), ["政务公开", "网站地图"]);
    assert!(!facts.truncated);
}

#[test]
fn an_absolutely_positioned_block_far_off_screen_is_offscreen() {
    let facts = read(
        r#"<div style="position:absolute;left:-9999px;top:-9999px"><a href="http://a.example/">欧洲杯投注</a></div>
           <div style="left:-9999px">不是定位的块，看得见</div>
           <span style="text-indent:-9999px; display:block">被缩进到屏幕外的文字很长很长</span>"#,
    );
    let hows: Vec<_> = facts
        .hidden
        .iter()
        .map(|g| (g.how, g.hint.as_str()))
        .collect();
    assert_eq!(
        hows,
        [(Hiding::Offscreen, "div"), (Hiding::Offscreen, "span")]
    );
    assert_eq!(units(&facts), ["不是定位的块，看得见"]);
}

#[test]
fn a_one_pixel_marquee_is_a_tiny_marquee() {
    let facts = read(
        r#"<marquee height="1" width="1" scrollamount="3000" scrolldelay="20000">
             <a href="http://bet.example/1">足球365是什么意思</a><a href="http://bet.example/2">beat365官方</a>
           </marquee>
           <marquee>欢迎访问本站</marquee>"#,
    );
    assert_eq!(facts.hidden.len(), 1);
    assert_eq!(facts.hidden[0].how, Hiding::TinyMarquee);
    assert_eq!(facts.hidden[0].hint, "marquee");
    assert_eq!(facts.hidden[0].links.len(), 2);
    assert_eq!(units(&facts), ["欢迎访问本站"]);
}

#[test]
fn a_class_hidden_by_an_embedded_style_rule_is_display_none() {
    let facts = read(
        r#"<style type="text/css">/* spam */ .hl{display:none} .shown{color:red}</style>
           <dl><dd class="hl xx"><a href="http://porn.example/">无码</a></dd><dd class="shown">通知公告</dd></dl>"#,
    );
    assert_eq!(facts.hidden.len(), 1);
    assert_eq!(facts.hidden[0].how, Hiding::DisplayNone);
    assert_eq!(facts.hidden[0].hint, "dd.hl");
    assert_eq!(
        facts.hidden[0].links,
        [link(
            "http://porn.example/",
            "无码",
            Some(Hiding::DisplayNone)
        )]
    );
    assert_eq!(units(&facts), ["通知公告"]);
}

#[test]
fn rules_for_elements_the_page_does_not_have_hide_nothing() {
    // A saved page carries a browser extension's style sheet: `sr-rd-content h1` needs an
    // `sr-rd-content` element, `.print-only` a class nobody has here.
    let facts = read(
        r#"<style>sr-rd-content h1{display:none} .print-only, h1.gone{display:none}
                  @media print { h1{display:none} }</style>
           <h1>关于做好防汛工作的通知</h1>"#,
    );
    assert!(facts.hidden.is_empty());
    assert_eq!(units(&facts), ["关于做好防汛工作的通知"]);
}

#[test]
fn a_dropdown_submenu_is_hidden_and_its_hover_rule_is_not_applied() {
    let facts = read(
        r#"<style>#nav li:hover ul{display:block} #nav ul{display:none}</style>
           <ul id="nav"><li><a href="/zwgk/">政务公开</a>
             <ul><li><a href="/zwgk/tzgg/">通知公告</a></li><li><a href="/zwgk/zcwj/">政策文件</a></li></ul>
           </li></ul>"#,
    );
    // The judge tells a menu from 暗链 by the targets: here the page's own columns.
    assert_eq!(facts.hidden.len(), 1);
    let g = &facts.hidden[0];
    assert_eq!((g.how, g.hint.as_str()), (Hiding::DisplayNone, "ul"));
    assert_eq!(
        g.links,
        [
            link(
                "http://www.example.gov.cn/zwgk/tzgg/",
                "通知公告",
                Some(Hiding::DisplayNone)
            ),
            link(
                "http://www.example.gov.cn/zwgk/zcwj/",
                "政策文件",
                Some(Hiding::DisplayNone)
            ),
        ]
    );
    assert_eq!(facts.links[0].hidden, None, "the top-level item shows");
    assert_eq!(units(&facts), ["政务公开"]);
}

#[test]
fn a_later_or_more_specific_showing_rule_undoes_a_hiding_rule() {
    let facts = read(
        r#"<style>.tab{display:none} .tab.on{display:block}
                  ul.nav{font-size:0} ul.nav li{font-size:14px}
                  @media (max-width:600px){ .wide{display:none} }
                  @media screen { .gone{display:none} }</style>
           <div class="tab on">当前标签页的内容</div><div class="tab">另一个标签页里的内容</div>
           <ul class="nav"><li>首页</li><li>机构概况</li></ul>
           <p class="wide">宽屏才显示的说明</p><p class="gone">屏幕上隐藏的段落文字</p>"#,
    );
    assert_eq!(
        units(&facts),
        ["当前标签页的内容", "首页", "机构概况", "宽屏才显示的说明"]
    );
    let hints: Vec<_> = facts.hidden.iter().map(|g| g.hint.as_str()).collect();
    assert_eq!(hints, ["div.tab", "p.gone"]);
}

#[test]
fn text_coloured_like_its_background_is_same_colour() {
    let facts = read(
        r##"<p style="color:#fff;background:#FFFFFF"><a href="http://casino.example/">金沙娱乐城官网</a></p>
            <div style="background-color:white"><span style="color:rgb(255,255,255)">白底白字的一段隐藏文字</span>
              <span style="color:#333">看得见的文字</span></div>
            <table><tr><td bgcolor="#000000"><font color="black">黑底黑字的旧式暗链文字</font></td></tr></table>"##,
    );
    let got: Vec<_> = facts
        .hidden
        .iter()
        .map(|g| (g.how, g.hint.as_str(), g.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Hiding::SameColour, "p", "金沙娱乐城官网"),
            (Hiding::SameColour, "span", "白底白字的一段隐藏文字"),
            (Hiding::SameColour, "font", "黑底黑字的旧式暗链文字"),
        ]
    );
    assert_eq!(units(&facts), ["看得见的文字"]);
}

#[test]
fn zero_font_size_hides_until_a_descendant_sets_a_readable_size() {
    let facts = read(
        r#"<div style="font-size:0"><a href="http://av.example/">久久精品一区二区</a></div>
           <div style="font-size:0"><span style="font-size:14px">重新设置了字号</span></div>"#,
    );
    assert_eq!(facts.hidden.len(), 1);
    assert_eq!(facts.hidden[0].how, Hiding::FontSizeZero);
    assert_eq!(facts.links[0].hidden, Some(Hiding::FontSizeZero));
    assert_eq!(units(&facts), ["重新设置了字号"]);
}

#[test]
fn visibility_and_the_hidden_attribute_hide_and_short_empty_blocks_are_not_groups() {
    let facts = read(
        r#"<div style="visibility:hidden">看不见的一段文字内容<span style="visibility:visible">又看得见</span></div>
           <section hidden><p>隐藏属性里的一段文字</p></section>
           <div style="display:none">短</div><legend id="h4sia" style="display:none"></legend>"#,
    );
    let got: Vec<_> = facts
        .hidden
        .iter()
        .map(|g| (g.how, g.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Hiding::VisibilityHidden, "看不见的一段文字内容"),
            (Hiding::HiddenAttr, "隐藏属性里的一段文字"),
        ]
    );
    assert_eq!(units(&facts), ["又看得见"]);
}

#[test]
fn a_zero_size_iframe_is_a_hidden_frame() {
    let facts = read(
        r#"<iframe src="http://evil.example/x.html" width="0" height="0" frameborder="0"></iframe>
           <iframe src="/map.html" width="600" height="400"></iframe>
           <iframe src="javascript:void(0)"></iframe>"#,
    );
    let frames: Vec<_> = facts
        .frames
        .iter()
        .map(|f| (f.src.as_str(), f.hidden))
        .collect();
    assert_eq!(
        frames,
        [
            ("http://evil.example/x.html", Some(Hiding::ZeroSize)),
            ("http://www.example.gov.cn/map.html", None),
        ]
    );
}

#[test]
fn noscript_link_soup_is_a_noscript_group_and_a_pixel_is_not() {
    let facts = read(
        r#"<noscript><a href="http://www.bet365.example/">bet365</a>|<a href="http://jinsha.example/">澳门金沙</a>
             <a href="https://manbetx.example/">ManBetX</a><a href="/local.html">本站</a></noscript>
           <noscript><img src="https://hm.baidu.com/hm.gif?si=x" width="0" height="0"></noscript>
           <noscript>请开启JavaScript以正常浏览本站</noscript>
           <p>正文</p>"#,
    );
    assert_eq!(facts.hidden.len(), 1);
    let g = &facts.hidden[0];
    assert_eq!((g.how, g.hint.as_str()), (Hiding::Noscript, "noscript"));
    let urls: Vec<_> = g.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "http://www.bet365.example/",
            "http://jinsha.example/",
            "https://manbetx.example/",
            "http://www.example.gov.cn/local.html",
        ]
    );
    assert_eq!(
        g.links[1],
        link("http://jinsha.example/", "澳门金沙", Some(Hiding::Noscript))
    );
    assert_eq!(facts.links, g.links);
    assert_eq!(
        units(&facts),
        ["正文"],
        "noscript text is never visible text"
    );
}

#[test]
fn document_write_of_a_link_literal_is_recorded_as_writes_and_a_group() {
    let facts = read(
        r#"<script>document.write('<a href="http://x.com/">推广</a>');</script>
           <script type="text/javascript">document.write(unescape("%3Ca%20href%3D%22http%3A//x.com/%22%3E"));</script>"#,
    );
    let dw = Some(Hiding::DocumentWrite);
    assert_eq!(facts.scripts.len(), 2);
    assert_eq!(facts.scripts[0].src, None);
    assert_eq!(facts.scripts[0].writes, [link("http://x.com/", "推广", dw)]);
    assert_eq!(facts.scripts[1].writes, [link("http://x.com/", "", dw)]);
    let groups: Vec<_> = facts
        .hidden
        .iter()
        .map(|g| (g.how, g.hint.as_str(), g.links.len()))
        .collect();
    assert_eq!(
        groups,
        [
            (Hiding::DocumentWrite, "script", 1),
            (Hiding::DocumentWrite, "script", 1)
        ]
    );
    assert_eq!(facts.links.len(), 2);
}

#[test]
fn the_conac_badge_writes_a_script_not_a_link() {
    let facts = read(
        r#"<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710002.js' type='text/javascript'%3E%3C/script%3E"));</script>"#,
    );
    // The written script is recorded as its own fact after its writer; no link, no group.
    assert_eq!(facts.scripts.len(), 2);
    assert!(facts.scripts[0].writes.is_empty());
    assert_eq!(
        facts.scripts[1].src.as_deref(),
        Some("http://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710002.js")
    );
    assert!(facts.hidden.is_empty());
    assert!(facts.links.is_empty());
}

#[test]
fn a_referrer_guarded_redirect_is_conditional() {
    let facts = read(
        r#"<script>var s=document.referrer;if(s.indexOf("baidu")>0){window.location.href="http://www.am-jinsha88.com/";}</script>"#,
    );
    let r = facts.scripts[0].redirect.as_ref().unwrap();
    assert_eq!(r.target, "http://www.am-jinsha88.com/");
    assert!(r.conditional);
    assert!(r.code.contains("document.referrer"), "{}", r.code);
    assert!(r.code.chars().count() <= 200);
}

#[test]
fn a_plain_relative_redirect_is_resolved_and_not_conditional() {
    let facts = read(
        r#"<script>location.replace('/new/')</script>
           <script>window.open('http://popup.example/')</script>
           <script src="/js/jquery.js"></script>"#,
    );
    let r = facts.scripts[0].redirect.as_ref().unwrap();
    assert_eq!(r.target, "http://www.example.gov.cn/new/");
    assert!(!r.conditional);
    assert_eq!(
        facts.scripts[1].redirect, None,
        "window.open is not a redirect"
    );
    assert_eq!(
        facts.scripts[2].src.as_deref(),
        Some("http://www.example.gov.cn/js/jquery.js")
    );
}

#[test]
fn meta_refresh_title_and_meta_tags_are_read() {
    let facts = read(
        r#"<html><head><title>  澳门金沙博彩娱乐平台_365bet &amp; 某某市人民政府
            </title><META NAME="Keywords" content="金沙, 365bet,  体育">
            <meta name="description" content="某某市人民政府门户网站">
            <meta http-equiv="Refresh" content="3; url=/m/index.html"></head><body><p>x</p></body></html>"#,
    );
    assert_eq!(facts.title, "澳门金沙博彩娱乐平台_365bet & 某某市人民政府");
    assert_eq!(facts.meta_keywords, "金沙, 365bet, 体育");
    assert_eq!(facts.meta_description, "某某市人民政府门户网站");
    assert_eq!(
        facts.refresh.as_deref(),
        Some("http://www.example.gov.cn/m/index.html")
    );
    assert_eq!(read("<p>无标题</p>").title, "");
}

#[test]
fn visible_units_follow_blocks_and_regions_and_leave_out_scripts_and_hidden_text() {
    let facts = read(
        r#"<div class="header"><h1>某某县人民政府</h1></div>
           <div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
           <div class="position">当前位置：<a href="/">首页</a> &gt; 新闻动态</div>
           <div class="content"><h2>关于做好防汛工作的通知</h2>
             <p>各乡镇<b>人民政府</b>：<span style="display:none">隐藏的博彩文字</span>现将有关事项通知如下。<br>一、加强值守。</p>
             <script>var x = "脚本文字";</script>
             <table><tr><td>联系人</td><td>张三</td></tr></table>
           </div>
           <div class="footer">主办单位：某某县人民政府办公室</div>"#,
    );
    let got: Vec<_> = facts
        .units
        .iter()
        .map(|u| (u.region, u.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Region::Header, "某某县人民政府"),
            (Region::Nav, "首页 政务公开"),
            (Region::Breadcrumb, "当前位置：首页 > 新闻动态"),
            (Region::Main, "关于做好防汛工作的通知"),
            (
                Region::Main,
                "各乡镇人民政府：现将有关事项通知如下。 一、加强值守。"
            ),
            (Region::Main, "联系人"),
            (Region::Main, "张三"),
            (Region::Footer, "主办单位：某某县人民政府办公室"),
        ]
    );
}

#[test]
fn an_ad_label_marks_its_block_and_a_heading_that_starts_with_a_label_does_not() {
    let facts = read(
        r#"<div class="ad"><span>广告</span><script src="http://cpro.baidustatic.com/cpro/ui/c.js"></script></div>
           <h3>推广应用新技术</h3><ul><li><a href="/a.html">推广</a></li></ul>
           <div id="sponsor"><em>AD</em><a href="http://shop.example/"><img src="http://img.example/b.jpg"></a></div>"#,
    );
    let got: Vec<_> = facts
        .ad_slots
        .iter()
        .map(|s| (s.label.as_str(), s.hint.as_str(), s.targets.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "广告",
                "div.ad",
                vec!["http://cpro.baidustatic.com/cpro/ui/c.js".to_owned()]
            ),
            (
                "AD",
                "div#sponsor",
                vec![
                    "http://shop.example/".to_owned(),
                    "http://img.example/b.jpg".to_owned()
                ]
            ),
        ]
    );
}

#[test]
fn read_page_with_reads_the_same_model_as_read_model_with() {
    let html = r#"<div class="position">当前位置：<a href="/">首页</a> &gt; 新闻动态</div>
      <div class="list"><h2>新闻动态</h2><ul>
        <li><a href="./202306/t20230617_1.html">全市安全生产工作会议召开</a><span>2023-06-17</span></li>
      </ul></div><div class="footer">网站标识码：4201000001</div>"#;
    let day = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let cues = Cues::default();
    let both = read_page_with(html, &page(), day, &cues);
    assert_eq!(both.model, read_model_with(html, &page(), day, &cues));
    assert_eq!(both.model.list.len(), 1);
    let json = serde_json::to_string(&both).unwrap();
    assert_eq!(
        serde_json::from_str::<crate::model::ReadPage>(&json).unwrap(),
        both
    );
}

#[test]
fn hostile_nesting_ten_thousand_deep_stays_bounded() {
    let html = format!(
        "{}<a href=\"http://deep.example/\">深层链接</a>{}",
        "<div style=\"display:none\">".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let t = std::time::Instant::now();
    let facts = read(&html);
    assert!(facts.truncated, "the page was cut at the depth limit");
    assert!(facts.hidden.len() <= 1);
    // Generous: a debug build, a busy machine. Quadratic work would take minutes.
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn a_two_megabyte_page_of_links_is_cut_at_the_limits() {
    let one = r#"<li><a href="http://spam.example/p1">博彩娱乐平台链接</a></li>"#;
    let html = format!(
        "<div style=\"display:none\"><ul>{}</ul></div><ul>{}</ul>",
        one.repeat(20_000),
        one.repeat(20_000)
    );
    assert!(html.len() > 2_000_000);
    let facts = read(&html);
    assert!(facts.truncated);
    assert_eq!(facts.links.len(), 5_000);
    assert_eq!(facts.hidden.len(), 1);
    assert_eq!(facts.hidden[0].links.len(), 5_000);
    assert!(facts.hidden[0].text.chars().count() <= 2_000);
    assert!(facts.units.len() <= 2_000);
}

#[test]
fn many_hidden_groups_and_garbage_css_are_bounded() {
    let html = format!(
        "<style>{} }}}}{{ @media print {{ .x{{display:none}} }} .a:hover{{display:none}}</style>{}",
        ".q{display:none".repeat(5_000),
        "<div style=\"display:none\"><a href=\"http://s.example/\">x</a></div><p>可见</p>"
            .repeat(1_000)
    );
    let facts = read(&html);
    assert_eq!(facts.hidden.len(), 500);
    assert!(facts.truncated);
    assert_eq!(facts.units.len(), 1_000);
}
