//! Unit tests of `read_model` on lists written as repeated `div`/`dd`/`p` rows instead of
//! `li`/`tr`, and of `script_list`.

use super::tests::{d, read, read_at};
use super::{ItemDateSource, PageModel};

fn titles(m: &PageModel) -> Vec<&str> {
    m.list.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn dated_div_rows_are_list_items_in_a_list_container() {
    let m = read(
        r#"<div class="list"><h2>工作动态</h2>
          <div class="item"><a href="./202306/t20230617_1.html">全市安全生产工作会议召开</a><span>2023-06-17</span></div>
          <div class="item"><a href="./202306/t20230614_2.html">关于做好防汛工作的通知</a><span>2023-06-14</span></div>
          <div class="item"><a href="./202306/t20230611_3.html">第一季度经济运行情况</a><span>2023-06-11</span></div>
        </div>"#,
    );
    assert_eq!(
        titles(&m),
        [
            "全市安全生产工作会议召开",
            "关于做好防汛工作的通知",
            "第一季度经济运行情况"
        ]
    );
    assert_eq!(
        m.list[0].url,
        "http://www.example.gov.cn/xwdt/gzdt/202306/t20230617_1.html"
    );
    assert_eq!(
        (m.list[2].date, m.list[2].date_source),
        (Some(d(2023, 6, 11)), Some(ItemDateSource::Text))
    );
    assert!(m.list_container);
    assert!(m.blocks.is_empty());
    assert_eq!(m.column.as_deref(), Some("工作动态"));
    assert_eq!(
        m.main_text_len,
        "工作动态".chars().count(),
        "the rows are list items, not main text"
    );
}

#[test]
fn the_element_holding_div_rows_is_the_list_container_whatever_its_class() {
    let m = read(
        r#"<div class="news">
          <div><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a> 2023-05-01</div>
          <div><a href="/a/3.html">第三条工作动态</a> 2023-04-01</div>
        </div>"#,
    );
    assert_eq!(m.list.len(), 3);
    assert!(m.list_container);
}

#[test]
fn dd_rows_with_month_day_dates_are_list_items() {
    let m = read(
        r#"<dl class="news"><dt>通知公告</dt>
          <dd><a href="/tzgg/202306/t20230617_1.html">关于做好数字政府建设工作的通知</a><em>[06-17]</em></dd>
          <dd><a href="/tzgg/a_2.html">关于开展安全生产大检查的通知</a><em>[12-30]</em></dd>
          <dd><a href="/tzgg/a_3.html">关于公布第一批名单的公告</a><em>[06-01]</em></dd>
        </dl>"#,
    );
    assert_eq!(m.list.len(), 3, "{:#?}", m.list);
    assert_eq!(
        (m.list[0].date, m.list[0].date_source),
        (Some(d(2023, 6, 17)), Some(ItemDateSource::MonthDay))
    );
    // 12-30 is after the reference 2023-06-20 and the URL has no date: the year before.
    assert_eq!(m.list[1].date, Some(d(2022, 12, 30)));
    assert_eq!(m.list[2].date, Some(d(2023, 6, 1)));
}

#[test]
fn month_day_dates_in_div_rows_take_the_year_from_the_url() {
    let m = read(
        r#"<div class="list">
          <div class="item"><a href="./202212/t20221230_1.html">年终岁末安全检查</a><span>12-30</span></div>
          <div class="item"><a href="./202306/t20230608_2.html">防汛工作部署会议</a><span>06-08</span></div>
          <div class="item"><a href="./202306/t20230602_3.html">营商环境优化方案</a><span>06-02</span></div>
        </div>"#,
    );
    let dates: Vec<_> = m.list.iter().map(|i| (i.date, i.date_source)).collect();
    let md = Some(ItemDateSource::MonthDay);
    assert_eq!(
        dates,
        [
            (Some(d(2022, 12, 30)), md),
            (Some(d(2023, 6, 8)), md),
            (Some(d(2023, 6, 2)), md)
        ]
    );
}

#[test]
fn p_rows_with_dates_are_list_items() {
    let m = read(
        r#"<div class="list">
          <p><a href="/a/1.html">第一条通知公告</a> 2023-06-17</p>
          <p><a href="/a/2.html">第二条通知公告</a> 2023年6月14日</p>
          <p><a href="/a/3.html">第三条通知公告</a> 2023-06-11</p>
          <p><a href="/a/4.html">第四条通知公告</a> 2023-06-08</p>
        </div>"#,
    );
    assert_eq!(m.list.len(), 4);
    assert_eq!(m.list[1].date, Some(d(2023, 6, 14)));
}

#[test]
fn two_dated_div_rows_are_not_a_group() {
    let m = read(
        r#"<div class="box">
          <div class="item"><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div class="item"><a href="/a/2.html">第二条工作动态</a> 2023-05-01</div>
        </div>"#,
    );
    assert!(m.list.is_empty(), "{:#?}", m.list);
}

#[test]
fn undated_div_links_are_a_menu_not_items() {
    // URL dates are not dates written next to the link: a tile wall of 专题 links stays text.
    let m = read(
        r#"<div class="zt">
          <div class="tile"><a href="/zt/202306/t20230601_1.html">优化营商环境专题</a></div>
          <div class="tile"><a href="/zt/202306/t20230602_2.html">乡村振兴专题专栏</a></div>
          <div class="tile"><a href="/zt/202306/t20230603_3.html">安全生产专项整治</a></div>
          <div class="tile"><a href="/zt/202306/t20230604_4.html">政府信息公开专栏</a></div>
        </div>"#,
    );
    assert!(m.list.is_empty(), "{:#?}", m.list);
    assert!(m.blocks.is_empty());
    assert!(m.main_text_len >= 32, "the links stay main text");
}

#[test]
fn a_group_is_dated_when_at_least_half_its_rows_are() {
    let half = read(
        r#"<div class="list">
          <div><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a></div>
          <div><a href="/a/3.html">第三条工作动态</a> 2023-04-01</div>
          <div><a href="/a/4.html">第四条工作动态</a></div>
        </div>"#,
    );
    assert_eq!(
        half.list.len(),
        4,
        "undated rows of a dated group are items"
    );
    assert_eq!(half.list[1].date, None);

    let third = read(
        r#"<div class="list">
          <div><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a></div>
          <div><a href="/a/3.html">第三条工作动态</a></div>
        </div>"#,
    );
    assert!(third.list.is_empty());
}

#[test]
fn a_row_needs_exactly_one_main_link() {
    // Two titled links to different pages: a link pair, not an entry. A picture link and a
    // title link to the same article, or a short tag link, are one entry.
    let pairs = read(
        r#"<div class="list">
          <div><a href="/a/1.html">第一条工作动态</a><a href="/b/1.html">第一条相关链接</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a><a href="/b/2.html">第二条相关链接</a> 2023-05-01</div>
          <div><a href="/a/3.html">第三条工作动态</a><a href="/b/3.html">第三条相关链接</a> 2023-04-01</div>
        </div>"#,
    );
    assert!(pairs.list.is_empty(), "{:#?}", pairs.list);

    let pictures = read(
        r#"<div class="list">
          <div><a href="/a/1.html" title="第一条图片新闻"><img src="1.jpg"></a><a href="/a/1.html">第一条图片新闻</a><a href="/tag/">动态</a> 2023-06-01</div>
          <div><a href="/a/2.html" title="第二条图片新闻"><img src="2.jpg"></a><a href="/a/2.html">第二条图片新闻</a><a href="/tag/">动态</a> 2023-05-01</div>
          <div><a href="/a/3.html" title="第三条图片新闻"><img src="3.jpg"></a><a href="/a/3.html">第三条图片新闻</a><a href="/tag/">动态</a> 2023-04-01</div>
        </div>"#,
    );
    assert_eq!(pictures.list.len(), 3);
    assert_eq!(pictures.list[0].title, "第一条图片新闻");
}

#[test]
fn article_paragraphs_with_a_link_and_a_date_are_not_rows() {
    let para = "根据有关规定，现将有关事项通知如下，请各单位认真贯彻落实，结合实际抓好工作部署，确保各项任务按期完成。"
        .repeat(5);
    let html = format!(
        r#"<div class="article"><h1>关于开展专项检查的通知</h1>
          <p>{para}<a href="/fj/1.doc">附件一检查方案</a> 2023年6月1日起施行。</p>
          <p>{para}<a href="/fj/2.doc">附件二检查名单</a> 2023年6月5日前报送。</p>
          <p>{para}<a href="/fj/3.doc">附件三联系方式</a> 2023年6月9日前完成。</p></div>"#
    );
    let m = read(&html);
    assert!(m.list.is_empty(), "{:#?}", m.list);
    assert!(!m.list_container);
    assert!(m.main_text_len > 3 * 100);
}

#[test]
fn the_innermost_rows_are_the_items_not_their_wrappers() {
    // Each wrapper holds one row: the inner divs are alone under their parents, the wrappers
    // are the group.
    let wrapped = read(
        r#"<div class="list">
          <div class="row"><div class="item"><a href="/a/1.html">第一条工作动态</a><span>2023-06-01</span></div></div>
          <div class="row"><div class="item"><a href="/a/2.html">第二条工作动态</a><span>2023-05-01</span></div></div>
          <div class="row"><div class="item"><a href="/a/3.html">第三条工作动态</a><span>2023-04-01</span></div></div>
        </div>"#,
    );
    assert_eq!(wrapped.list.len(), 3);

    // A layout `li`/`tr` around rows is not an item itself; the rows are.
    for html in [
        r#"<ul><li><div class="list">
          <div><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a> 2023-05-01</div>
          <div><a href="/a/3.html">第三条工作动态</a> 2023-04-01</div></div></li></ul>"#,
        r#"<table><tr><td><div class="list">
          <div><a href="/a/1.html">第一条工作动态</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条工作动态</a> 2023-05-01</div>
          <div><a href="/a/3.html">第三条工作动态</a> 2023-04-01</div></div></td></tr></table>"#,
    ] {
        let m = read(html);
        assert_eq!(
            titles(&m),
            ["第一条工作动态", "第二条工作动态", "第三条工作动态"],
            "{html}"
        );
    }

    // Rows of `dd`s inside `dl` rows: the `dd`s are the items, the `dl`s hold them.
    let dls = read(
        r#"<div class="list">
          <dl><dd><a href="/a/1.html">第一条工作动态</a> 2023-06-01</dd><dd><a href="/a/2.html">第二条工作动态</a> 2023-05-01</dd><dd><a href="/a/3.html">第三条工作动态</a> 2023-04-01</dd></dl>
          <dl><dd><a href="/b/1.html">第一条通知公告</a> 2023-06-01</dd><dd><a href="/b/2.html">第二条通知公告</a> 2023-05-01</dd><dd><a href="/b/3.html">第三条通知公告</a> 2023-04-01</dd><dd><a href="/b/4.html">第四条通知公告</a> 2023-03-01</dd></dl>
        </div>"#,
    );
    assert_eq!(
        dls.list.len(),
        4,
        "the largest group of rows: {:#?}",
        dls.list
    );
    assert_eq!(dls.list[0].title, "第一条通知公告");
}

#[test]
fn dl_rows_with_title_and_date_parts_are_items() {
    let m = read(
        r#"<div class="list">
          <dl><dt><a href="/a/1.html">第一条工作动态</a></dt><dd>2023-06-01</dd></dl>
          <dl><dt><a href="/a/2.html">第二条工作动态</a></dt><dd>2023-05-01</dd></dl>
          <dl><dt><a href="/a/3.html">第三条工作动态</a></dt><dd>2023-04-01</dd></dl>
        </div>"#,
    );
    assert_eq!(m.list.len(), 3);
    assert_eq!(m.list[2].date, Some(d(2023, 4, 1)));
}

#[test]
fn div_rows_under_a_linked_heading_are_a_block() {
    let m = read_at(
        r#"<div class="main">
        <div class="block"><h3><a href="/xwdt/jcyw/">江城要闻</a></h3>
          <div class="item"><a href="/xwdt/jcyw/1.html">义务教育工作取得阶段性成效</a><span>2023-06-17</span></div>
          <div class="item"><a href="/xwdt/jcyw/2.html">民生实事专题培训班举办</a><span>2023-06-14</span></div>
          <div class="item"><a href="/xwdt/jcyw/3.html">全市安全生产工作会议召开</a><span>2023-06-11</span></div>
        </div>
        <div class="block"><div class="title"><a href="/zcwj/">政策文件</a></div>
          <div class="item"><a href="/zcwj/1.html">关于印发实施方案的通知</a><span>06-17</span></div>
          <div class="item"><a href="/zcwj/2.html">关于调整有关事项的通知</a><span>06-14</span></div>
          <div class="item"><a href="/zcwj/3.html">关于公布第一批名单的通知</a><span>06-11</span></div>
        </div>
        <div class="block"><div class="hd"><span>通知公告</span><a href="/tzgg/">更多</a></div>
          <dl><dd><a href="/tzgg/1.html">关于做好数字政府建设工作的通知</a>[06-17]</dd>
              <dd><a href="/tzgg/2.html">关于开展安全生产大检查的通知</a>[06-14]</dd>
              <dd><a href="/tzgg/3.html">关于公布第二批名单的公告</a>[06-11]</dd></dl>
        </div></div>"#,
        "http://www.example.gov.cn/",
    );
    let heads: Vec<_> = m
        .blocks
        .iter()
        .map(|b| (b.heading.as_str(), b.url.as_deref(), b.items.len()))
        .collect();
    assert_eq!(
        heads,
        [
            ("江城要闻", Some("http://www.example.gov.cn/xwdt/jcyw/"), 3),
            ("政策文件", Some("http://www.example.gov.cn/zcwj/"), 3),
            ("通知公告", Some("http://www.example.gov.cn/tzgg/"), 3),
        ]
    );
    assert_eq!(
        m.blocks[1].items[0].title, "关于印发实施方案的通知",
        "the undated heading div is the heading, not an item"
    );
    assert_eq!(m.blocks[2].items[2].date, Some(d(2023, 6, 11)));
    assert!(m.list.is_empty(), "blocks are not the main list");
    assert!(!m.list_container);
}

#[test]
fn dated_div_rows_in_a_header_hinted_area_are_content_like_li_items() {
    let m = read(
        r#"<div class="top-news">
          <div><a href="/a/1.html">第一条头条新闻</a> 2023-06-01</div>
          <div><a href="/a/2.html">第二条头条新闻</a> 2023-06-02</div>
          <div><a href="/a/3.html">第三条头条新闻</a> 2023-06-03</div></div>
        <div class="header"><div class="menu">
          <div><a href="/xwdt/">新闻动态栏目</a></div><div><a href="/zwgk/">政务公开栏目</a></div>
          <div><a href="/hdjl/">互动交流栏目</a></div></div></div>"#,
    );
    assert_eq!(m.list.len(), 3);
    assert_eq!(m.nav.len(), 3, "the undated header menu stays navigation");
}

#[test]
fn script_list_is_set_by_inline_fetches_and_list_bindings_only() {
    let on = [
        r#"<div id="list"></div><script>$.ajax({url: "/api/list", success: render});</script>"#,
        r#"<script>fetch("/api/list").then(r => r.json()).then(render)</script>"#,
        r##"<script>$("#list").load("/xwdt/list.html #items");</script>"##,
        r#"<script>var x = new XMLHttpRequest(); x.open("GET", "/api");</script>"#,
        r#"<ul><li v-for="item in items"><a :href="item.url">{{ item.title }}</a></li></ul>"#,
        r#"<div ng-repeat="n in news">{{n.title}}</div>"#,
        r#"<div><p :key="n.id">{{n.title}}</p></div>"#,
    ];
    for html in on {
        assert!(read(html).script_list, "{html}");
    }
    let off = [
        r#"<script src="/js/jquery.ajax.min.js"></script><script src="/js/axios.js"></script>"#,
        r#"<script>$(window).load(function () { slide(); });</script>"#,
        r#"<script>var _hmt = _hmt || []; prefetch("/a");</script><div class="list"></div>"#,
        r#"<p>本页使用 $.ajax 加载？ fetch( 不是脚本</p>"#,
    ];
    for html in off {
        assert!(!read(html).script_list, "{html}");
    }
}

#[test]
fn script_list_is_left_out_of_json_when_false() {
    let json = serde_json::to_string(&PageModel::default()).unwrap();
    assert!(!json.contains("script_list"), "{json}");
    let m = read(r#"<script>$.getJSON("/api/list", render)</script>"#);
    let json = serde_json::to_string(&m).unwrap();
    assert!(json.contains(r#""script_list":true"#), "{json}");
    let back: PageModel = serde_json::from_str(&json).unwrap();
    assert!(back.script_list);
}
