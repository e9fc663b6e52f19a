//! Unit tests of the footer identifiers.

use super::tests::read;

const FOOTER: &str = r#"<div class="main"><p>正文</p></div>
<div class="footer">
<p>主办单位：江城市人民政府办公厅　承办单位：江城市人民政府办公厅信息中心</p>
<p>地址：江城市政务服务中心8号楼　联系电话：027-82623517　电子邮箱：xxgk@example.gov.cn</p>
<p>网站标识码：4201000001　<a href="http://beian.miit.gov.cn/">鄂ICP备28840792号-2</a>
<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=42010058412527"><img src="/ga.png" alt="">鄂公网安备 42010058412527号</a></p>
<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=8A07"><img src="/dzjg.png" alt="党政机关"></a>
<a href="http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=4201000001"><img src="/jc.png" alt="政府网站找错"></a></p>
<p>版权所有：江城市人民政府办公厅 2016-2023　页面生成时间：2023-06-20 10:00:00</p>
</div>"#;

#[test]
fn every_footer_identifier_is_read() {
    let html = format!(r#"<meta name="siteidcode" content=" 4201000001 ">{FOOTER}"#);
    let f = read(&html).footer;
    assert_eq!(f.site_code.as_deref(), Some("4201000001"));
    assert_eq!(f.meta_site_code.as_deref(), Some("4201000001"));
    assert_eq!(f.icp.as_deref(), Some("鄂ICP备28840792号-2"));
    assert_eq!(f.psb.as_deref(), Some("42010058412527"));
    assert_eq!(
        f.conac.as_deref(),
        Some("http://bszs.conac.cn/sitename?method=show&id=8A07")
    );
    assert_eq!(
        f.error_report.as_deref(),
        Some(
            "http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=4201000001"
        )
    );
    assert_eq!(f.organizer.as_deref(), Some("江城市人民政府办公厅"));
    assert_eq!(f.operator.as_deref(), Some("江城市人民政府办公厅信息中心"));
    assert_eq!(f.contact.as_deref(), Some("027-82623517"));
}

#[test]
fn a_page_without_footer_items_reads_none() {
    let f = read(r#"<div class="footer"><p>版权所有：某某局 技术支持：某公司</p></div>"#).footer;
    assert_eq!(f.site_code, None);
    assert_eq!(f.meta_site_code, None);
    assert_eq!(f.icp, None);
    assert_eq!(f.psb, None);
    assert_eq!(f.conac, None);
    assert_eq!(f.error_report, None);
    assert_eq!(f.organizer, None);
    assert_eq!(f.operator, None);
    assert_eq!(f.contact, None);
}

#[test]
fn site_code_without_colon_and_in_other_formats_is_captured_as_written() {
    let cases = [
        (
            "<div class=\"footer\">网站标识码bm01000001　京ICP备05070218号</div>",
            "bm01000001",
        ),
        ("<footer>政府网站标识码：420100002</footer>", "420100002"),
        (
            "<div id=\"bottom\">网站标识码： 4201000012</div>",
            "4201000012",
        ),
        // No footer markup at all: the body text is searched.
        ("<div>网站标识码：3300000020</div>", "3300000020"),
    ];
    for (html, want) in cases {
        assert_eq!(read(html).footer.site_code.as_deref(), Some(want), "{html}");
    }
}

#[test]
fn empty_site_id_meta_is_some_empty() {
    let f = read(r#"<meta name="SiteIDCode" content="">"#).footer;
    assert_eq!(f.meta_site_code.as_deref(), Some(""));
}

#[test]
fn icp_needs_a_province_and_the_psb_takes_14_digits_with_or_without_a_space() {
    let f =
        read("<div class=\"copyright\">京ICP备05070218号 京公网安备11010202000001号</div>").footer;
    assert_eq!(f.icp.as_deref(), Some("京ICP备05070218号"));
    assert_eq!(f.psb.as_deref(), Some("11010202000001"));
    let f = read("<div class=\"copyright\">XICP备123号 公网安备 1234号</div>").footer;
    assert_eq!(f.icp, None);
    assert_eq!(f.psb, None);
}

#[test]
fn psb_falls_back_to_the_beian_link_record_code() {
    let f = read(
        r#"<div class="footer"><a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33010602009328"><img src="ga.png"></a></div>"#,
    )
    .footer;
    assert_eq!(f.psb.as_deref(), Some("33010602009328"));
}

#[test]
fn organizer_short_label_is_cut_at_the_next_separator() {
    let f = read(
        "<div class=\"footer\"><span>主办：山西省人民政府办公厅&nbsp;©&nbsp;山西省人民政府网&nbsp;版权所有</span></div>",
    )
    .footer;
    assert_eq!(f.organizer.as_deref(), Some("山西省人民政府办公厅"));
    let f = read("<div class=\"footer\"><span>主办单位：某市政府</span><span>承办单位：某市大数据中心</span></div>").footer;
    assert_eq!(f.organizer.as_deref(), Some("某市政府"));
    assert_eq!(f.operator.as_deref(), Some("某市大数据中心"));
}

#[test]
fn organizer_in_an_article_body_is_not_taken_when_the_footer_has_none() {
    let mut body = String::from("<div class=\"article\"><p>主办单位：某某行业协会</p>");
    body.push_str(&"<p>活动内容介绍，活动内容介绍，活动内容介绍。</p>".repeat(200));
    body.push_str("</div><div class=\"footer\">版权所有：某局</div>");
    assert_eq!(read(&body).footer.organizer, None);
}

#[test]
fn badge_and_error_report_alternatives() {
    let f = read(
        r#"<div class="footer"><span id="_ideConac"></span><script src="https://dcs.conac.cn/js/33/000/0000/1.js"></script>
           <a href="/jc.html">我为政府网站找错</a></div>"#,
    )
    .footer;
    assert_eq!(
        f.conac.as_deref(),
        Some("https://dcs.conac.cn/js/33/000/0000/1.js")
    );
    assert_eq!(
        f.error_report.as_deref(),
        Some("http://www.example.gov.cn/jc.html")
    );
    let f = read(
        r#"<div class="footer"><a href="http://www.scopsr.gov.cn/x"><img src="r.png"></a>
           <script id="_jiucuo_" sitecode="1400000045" src="http://pucha.kaipuyun.cn/exposure/jiucuo.js"></script></div>"#,
    )
    .footer;
    assert_eq!(f.conac.as_deref(), Some("http://www.scopsr.gov.cn/x"));
    assert_eq!(f.error_report.as_deref(), Some("_jiucuo_"));
    let f = read(r#"<div class="footer"><a href="/dz.html"><img src="red.png" alt="党政机关标识"></a></div>"#).footer;
    assert_eq!(
        f.conac.as_deref(),
        Some("http://www.example.gov.cn/dz.html")
    );
}

#[test]
fn a_badge_written_by_an_inline_script_and_a_widget_without_its_usual_id_are_found() {
    // The usual embed of the 党政机关 badge: markup escaped inside document.write.
    let f = read(
        r#"<div class="footer"><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710002.js' type='text/javascript'%3E%3C/script%3E"));</script>
           <script src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js" sitecode="3300000020"></script></div>"#,
    )
    .footer;
    assert_eq!(
        f.conac.as_deref(),
        Some("http://dcs.conac.cn/js/33/000/0000/60429971/CA330000000604299710002.js")
    );
    assert_eq!(
        f.error_report.as_deref(),
        Some("https://zfwzgl.www.gov.cn/exposure/jiucuo.js")
    );
    // A placeholder the widget script fills in.
    let f = read(r#"<div class="footer"><span id="_span_jiucuo"></span></div>"#).footer;
    assert_eq!(f.error_report.as_deref(), Some("_span_jiucuo"));
    // Scripts that only mention other hosts are neither.
    let f = read(
        r#"<div class="footer"><script>var u = "http://www.example.gov.cn/conac.cn.html"; var h = "http://evil-conac.cn/";</script>
           <script src="/js/jquery.js"></script></div>"#,
    )
    .footer;
    assert_eq!(f.conac, None);
    assert_eq!(f.error_report, None);
}

#[test]
fn contact_prefers_telephone_then_mail_then_address() {
    let f = read("<div class=\"footer\">地址：某市某路1号 邮箱：a@b.gov.cn</div>").footer;
    assert_eq!(f.contact.as_deref(), Some("a@b.gov.cn"));
    let f = read("<div class=\"footer\">地址：某市某路1号</div>").footer;
    assert_eq!(f.contact.as_deref(), Some("某市某路1号"));
}
