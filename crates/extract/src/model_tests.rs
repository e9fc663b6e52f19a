//! Unit tests of `read_model`: breadcrumb, navigation, lists, blocks, pagination, headings and
//! decoys. Footer, board, message, form and hostile-input tests are in the sibling files.

use chrono::NaiveDate;
use url::Url;

use super::{ItemDateSource, PageModel, read_model};

pub(super) const PAGE: &str = "http://www.example.gov.cn/xwdt/gzdt/";

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Reads `html` as the page [`PAGE`] with the reference date 2023-06-20.
pub(super) fn read(html: &str) -> PageModel {
    read_at(html, PAGE)
}

pub(super) fn read_at(html: &str, page: &str) -> PageModel {
    read_model(html, &Url::parse(page).unwrap(), d(2023, 6, 20))
}

fn crumb_texts(m: &PageModel) -> Vec<&str> {
    m.breadcrumb.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn breadcrumb_with_text_label_keeps_links_and_the_unlinked_last_step() {
    let m = read(
        r#"<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwdt/">新闻动态</a> &gt; 工作动态</div>"#,
    );
    assert_eq!(crumb_texts(&m), ["首页", "新闻动态", "工作动态"]);
    assert_eq!(
        m.breadcrumb[1].url.as_deref(),
        Some("http://www.example.gov.cn/xwdt/")
    );
    assert_eq!(m.breadcrumb[2].url, None);
    assert_eq!(m.column.as_deref(), Some("工作动态"));
}

#[test]
fn breadcrumb_label_variants_and_separators_are_understood() {
    let cases = [
        r#"<p>您现在的位置：<a href="/">首页</a> » <a href="/a/">通知公告</a></p>"#,
        r#"<span>您的位置:</span><a href="/">首页</a>→<a href="/a/">通知公告</a>"#,
        r#"<div>所在位置 <a href="/">首页</a> ＞ <a href="/a/">通知公告</a></div>"#,
        r#"<div>當前位置：<a href="/">首页</a> / <a href="/a/">通知公告</a></div>"#,
        r#"<div class="crumbs"><a href="/">首页</a>&gt;&gt;<a href="/a/">通知公告</a></div>"#,
        r#"<ul class="breadcrumb"><li><a href="/">首页</a></li><li><span>&gt;</span> <a href="/a/">通知公告</a></li></ul>"#,
    ];
    for html in cases {
        let m = read(html);
        assert_eq!(crumb_texts(&m), ["首页", "通知公告"], "{html}");
    }
}

#[test]
fn breadcrumb_in_a_table_with_the_label_in_its_own_cell() {
    let m = read(
        r#"<table><tr><td>当前位置：</td><td><a href="/index.html">首页</a></td>
           <td> &gt;<a href="/col/1/">发展改革工作</a></td><td> &gt;<a href="/col/2/">投资运行</a></td></tr></table>"#,
    );
    assert_eq!(crumb_texts(&m), ["首页", "发展改革工作", "投资运行"]);
}

#[test]
fn breadcrumb_stops_before_print_and_share_tools() {
    let m = read(
        r##"<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/gb/">国务院公报</a>
           <div class="tools">字号：<span>大</span> | 打印 | <a href="#">分享</a></div></div>"##,
    );
    assert_eq!(crumb_texts(&m), ["首页", "国务院公报"]);
    assert!(
        m.nav.is_empty(),
        "a breadcrumb class with Nav in it is not a menu"
    );
}

#[test]
fn column_skips_detail_words_and_prefers_the_meta_tag() {
    let crumb = r#"<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>"#;
    assert_eq!(read(crumb).column.as_deref(), Some("通知公告"));
    let meta = format!(r#"<meta name="ColumnName" content=" 公示公告 ">{crumb}"#);
    let m = read(&meta);
    assert_eq!(m.meta_column.as_deref(), Some("公示公告"));
    assert_eq!(m.column.as_deref(), Some("公示公告"));
}

#[test]
fn nav_links_are_short_deduplicated_and_absolute() {
    let m = read(
        r#"<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwdt/">新闻动态</a></li>
           <li><a href="/xwdt/">新闻动态</a></li><li><a href="javascript:;">收藏</a></li>
           <li><a href="/x/">这是一个非常非常非常长的菜单项文字</a></li></ul></div>
           <nav><a href="/hdjl/">互动交流</a></nav>
           <div class="footer"><div class="footer-nav"><a href="/wzdt/">网站地图</a></div></div>"#,
    );
    let texts: Vec<_> = m.nav.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["首页", "新闻动态", "互动交流"]);
    assert_eq!(m.nav[1].url, "http://www.example.gov.cn/xwdt/");
}

const LIST_PAGE: &str = r#"<div class="top"><div class="date">今天是2023年6月20日 星期二</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwdt/">新闻动态</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwdt/">新闻动态</a> &gt; <a href="/xwdt/gzdt/">工作动态</a></div>
<div class="list"><h2>工作动态</h2><ul>
<li><a href="./202306/t20230617_1.html" title="全市安全生产工作会议召开">全市安全生产工作会议召开</a><span class="date">2023-06-17</span></li>
<li><a href="./202306/t20230608_2.html">关于做好防汛工作的通知</a><span>[06-08]</span></li>
<li><a href="./202212/t20221230_3.html">年终岁末安全检查</a><em>12月30日</em></li>
<li><a href="./202305/t20230511_4.html">第一季度经济运行情况</a></li>
<li><a href="./202301/a_5.html" title="关于印发江城市营商环境优化实施方案的通知">关于印发江城市营商环境…</a> 2023年1月5日</li>
<li><a href="/other/list.html">其他</a></li>
</ul>
<div class="page">共24条 第1/2页 <a href="index_1.html">下一页</a> <a href="index_1.html">尾页</a></div>
</div>
<div class="footer">版权所有 页面生成时间：2023-06-20 10:00:00</div>"#;

#[test]
fn list_items_read_full_month_day_and_url_dates() {
    let m = read(LIST_PAGE);
    assert_eq!(m.list.len(), 5, "{:#?}", m.list);
    let l = &m.list;
    assert_eq!(l[0].title, "全市安全生产工作会议召开");
    assert_eq!(
        l[0].url,
        "http://www.example.gov.cn/xwdt/gzdt/202306/t20230617_1.html"
    );
    assert_eq!(
        (l[0].date, l[0].date_source),
        (Some(d(2023, 6, 17)), Some(ItemDateSource::Text))
    );
    assert_eq!(
        (l[1].date, l[1].date_source),
        (Some(d(2023, 6, 8)), Some(ItemDateSource::MonthDay))
    );
    // 12-30 after the reference 2023-06-20: the URL says 2022-12-30.
    assert_eq!(
        (l[2].date, l[2].date_source),
        (Some(d(2022, 12, 30)), Some(ItemDateSource::MonthDay))
    );
    assert_eq!(
        (l[3].date, l[3].date_source),
        (Some(d(2023, 5, 11)), Some(ItemDateSource::Url))
    );
    assert_eq!(l[4].title, "关于印发江城市营商环境优化实施方案的通知");
    assert_eq!(l[4].date, Some(d(2023, 1, 5)));
    assert!(m.list_container);
    assert!(m.blocks.is_empty());
    assert_eq!(m.heading.as_deref(), Some("工作动态"));
    assert_eq!(m.column.as_deref(), Some("工作动态"));
}

#[test]
fn month_day_year_is_inferred_from_the_reference_when_the_url_has_no_date() {
    let m = read(
        r#"<ul><li><a href="/a/1.html">十二月的通知公告</a>12-30</li>
              <li><a href="/a/2.html">六月的通知公告</a>06-01</li></ul>"#,
    );
    assert_eq!(m.list[0].date, Some(d(2022, 12, 30)));
    assert_eq!(m.list[1].date, Some(d(2023, 6, 1)));
}

#[test]
fn dates_in_alt_and_title_attributes_are_never_list_dates() {
    let m = read(
        r#"<ul><li><a href="/a/1.html" title="2019年6月1日活动">全市活动现场报道</a><img src="x.png" alt="2019年6月1日活动现场"></li></ul>"#,
    );
    assert_eq!(m.list.len(), 1);
    assert_eq!(m.list[0].date, None);
    assert_eq!(m.list[0].date_source, None);
}

#[test]
fn a_date_inside_the_link_text_is_not_the_item_date() {
    let m = read(
        r#"<ul><li><a href="/a/202306/t20230610_1.html">关于2019年6月1日会议的说明</a></li></ul>"#,
    );
    assert_eq!(m.list[0].date, Some(d(2023, 6, 10)));
    assert_eq!(m.list[0].date_source, Some(ItemDateSource::Url));
}

#[test]
fn header_and_footer_dates_are_decoys_not_items_or_text() {
    let m = read(LIST_PAGE);
    assert!(m.list.iter().all(|i| i.date != Some(d(2023, 6, 20))));
    // The list items are left out; the one-word `其他` item (too short to be an item) is text.
    assert_eq!(
        m.main_text_len,
        "工作动态 其他 共24条 第1/2页 下一页 尾页".chars().count()
    );
}

const HOME: &str = r#"<div class="header"><div class="date">今天是2023年6月20日</div></div>
<div class="main">
<div class="tpxw"><img src="/p.jpg" alt="2019年6月1日活动现场"></div>
<div class="block"><h3><a href="/xwdt/jcyw/">江城要闻</a><a class="more" href="/xwdt/jcyw/">更多&gt;&gt;</a></h3><ul>
<li><a href="/xwdt/jcyw/202306/t20230617_1.html">义务教育工作取得阶段性成效</a><span class="date">2023-06-17</span></li>
<li><a href="/xwdt/jcyw/202306/t20230614_2.html">民生实事专题培训班举办</a><span class="date">2023-06-14</span></li>
</ul></div>
<div class="block"><div class="hd"><span>通知公告</span><a href="/tzgg/">更多</a></div><div class="bd"><ul>
<li><a href="/tzgg/202306/t20230617_3.html">关于做好数字政府建设工作的通知</a><span>[06-17]</span></li>
</ul></div></div>
<div class="block"><h3><a href="/zcwj/">政策文件</a></h3><ul>
</ul></div>
<div class="links"><h3>友情链接</h3><ul><li><a href="http://www.gov.cn/">中国政府网站</a></li></ul></div>
</div>"#;

#[test]
fn home_blocks_take_the_heading_link_or_the_more_link() {
    let m = read_at(HOME, "http://www.example.gov.cn/");
    let heads: Vec<_> = m
        .blocks
        .iter()
        .map(|b| (b.heading.as_str(), b.url.as_deref(), b.items.len()))
        .collect();
    assert_eq!(
        heads,
        [
            ("江城要闻", Some("http://www.example.gov.cn/xwdt/jcyw/"), 2),
            ("通知公告", Some("http://www.example.gov.cn/tzgg/"), 1),
            ("政策文件", Some("http://www.example.gov.cn/zcwj/"), 0),
            ("友情链接", None, 1),
        ]
    );
    assert_eq!(m.blocks[1].items[0].date, Some(d(2023, 6, 17)));
    assert_eq!(
        m.blocks[1].items[0].date_source,
        Some(ItemDateSource::MonthDay)
    );
    assert!(m.list.is_empty(), "blocks are not the main list");
    assert!(
        !m.list_container,
        "an empty block list is not the page's list"
    );
}

#[test]
fn a_list_page_with_one_side_block_keeps_its_main_list() {
    let m = read(
        r#"<div class="list"><h2>工作动态</h2><ul>
             <li><a href="/a/1.html">第一条工作动态</a> 2023-06-01</li>
             <li><a href="/a/2.html">第二条工作动态</a> 2023-05-01</li></ul></div>
           <div class="side"><h3><a href="/rd/">热点推荐</a></h3><ul>
             <li><a href="/rd/1.html">热点推荐文章</a></li></ul></div>"#,
    );
    assert_eq!(m.list.len(), 2);
    assert_eq!(m.blocks.len(), 1);
    assert_eq!(m.blocks[0].heading, "热点推荐");
}

#[test]
fn empty_list_container_placeholder_and_non_list_page_are_told_apart() {
    let empty = read(
        r#"<div class="list"><h2>规划计划</h2><ul>
        </ul></div>"#,
    );
    assert!(empty.list.is_empty());
    assert!(empty.list_container);
    assert_eq!(empty.placeholder, None);

    let placeholder = read(
        r#"<div class="list"><h2>人事信息</h2><ul></ul><div class="nodata">暂无信息</div></div>"#,
    );
    assert!(placeholder.list_container);
    assert_eq!(placeholder.placeholder.as_deref(), Some("暂无信息"));
    let table = read(r#"<table><tr><td colspan="2">  暂无相关数据！ </td></tr></table>"#);
    assert_eq!(table.placeholder.as_deref(), Some("暂无相关数据！"));

    let article = read(
        r#"<div class="article"><h1>城市概况</h1><p>江城市位于长江中游，历史悠久，是重要的交通枢纽。</p>
           <ul class="info"><li>来源：市政府办公室</li></ul></div>"#,
    );
    assert!(article.list.is_empty());
    assert!(!article.list_container);
    assert_eq!(article.placeholder, None);
    assert_eq!(article.heading.as_deref(), Some("城市概况"));
    assert!(article.main_text_len > 20);
}

#[test]
fn pagination_reads_links_next_and_totals() {
    let m = read(LIST_PAGE);
    let p = m.pagination.unwrap();
    assert_eq!(
        p.pages,
        ["http://www.example.gov.cn/xwdt/gzdt/index_1.html"]
    );
    assert_eq!(
        p.next.as_deref(),
        Some("http://www.example.gov.cn/xwdt/gzdt/index_1.html")
    );
    assert_eq!(
        (p.total_items, p.total_pages, p.current),
        (Some(24), Some(2), Some(1))
    );
}

#[test]
fn pager_classes_numbered_links_and_total_pages() {
    let m = read(
        r#"<div id="pagination"><a href="index.html">1</a><a href="index_1.html">2</a>
           <a href="index_2.html">3</a><a href="index_1.html">&gt;</a><span>共3页</span></div>"#,
    );
    let p = m.pagination.unwrap();
    assert_eq!(
        p.pages,
        [
            "http://www.example.gov.cn/xwdt/gzdt/index_1.html",
            "http://www.example.gov.cn/xwdt/gzdt/index_2.html"
        ],
        "the page itself (index.html) is not another page"
    );
    assert_eq!(
        p.next.as_deref(),
        Some("http://www.example.gov.cn/xwdt/gzdt/index_1.html")
    );
    assert_eq!(p.total_pages, Some(3));
}

#[test]
fn trs_script_pager_gives_the_other_pages() {
    let m = read_at(
        r#"<div class="page"><script>createPageHTML(3, 1, "index", "html");</script></div>"#,
        "http://www.example.gov.cn/tzgg/index_1.html",
    );
    let p = m.pagination.unwrap();
    assert_eq!(
        p.pages,
        [
            "http://www.example.gov.cn/tzgg/index.html",
            "http://www.example.gov.cn/tzgg/index_2.html"
        ]
    );
    assert_eq!(
        p.next.as_deref(),
        Some("http://www.example.gov.cn/tzgg/index_2.html")
    );
    assert_eq!((p.total_pages, p.current), (Some(3), Some(2)));
}

#[test]
fn pages_without_a_pager_have_none() {
    assert_eq!(read(HOME).pagination, None);
    let article = read(
        r#"<div class="pages_content"><p>全文共12条措施，现印发给你们。</p></div><div id="pagination"></div>"#,
    );
    assert_eq!(article.pagination, None);
}

#[test]
fn heading_is_the_first_main_h1_else_h2_not_the_logo() {
    let m = read(
        r#"<div class="header"><h1><a href="/">某省人民政府</a></h1></div>
           <div class="detail"><h3></h3><h2>  山西品牌丝路行
             正式启动 </h2></div>"#,
    );
    assert_eq!(m.heading.as_deref(), Some("山西品牌丝路行 正式启动"));
}

#[test]
fn header_hinted_area_with_a_dated_list_is_content_not_chrome() {
    let m = read(
        r#"<div class="top-news"><ul>
             <li><a href="/a/1.html">第一条头条新闻</a> 2023-06-01</li>
             <li><a href="/a/2.html">第二条头条新闻</a> 2023-06-02</li>
             <li><a href="/a/3.html">第三条头条新闻</a> 2023-06-03</li></ul></div>
           <div class="top"><ul><li><a href="/b/1.html">顶部工具链接</a></li></ul></div>"#,
    );
    assert_eq!(m.list.len(), 3);
    assert!(m.nav.is_empty());
}
