//! The structure of one page as an inspector reads it: breadcrumb, navigation menus, the column
//! it belongs to, its list items and pagination, the footer identifiers, an interaction board's
//! messages and the forms on the page.
//!
//! [`read_model`] parses the page into a DOM (scraper / html5ever) because these facts are about
//! the tree — which date sits in the same `<li>` as which link, which text is in the footer —
//! and a streaming pass cannot answer that. It is pure and never panics; a page that is not a
//! list, a board or a message simply has empty fields.

use std::fmt;
use std::sync::OnceLock;

mod board;
mod content;
mod css;
mod depth;
mod doc;
mod footer;
mod forms;
mod items;
mod js;
mod nav;
mod paging;
mod regions;
mod rows;
mod scripts;
mod sheet;
pub(crate) mod suspect;
mod text;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::cues::Cues;
use suspect::ContentFacts;

/// A date with an optional time of day, as written on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// The calendar date.
    pub date: NaiveDate,
    /// The time of day when the page gives one (seconds dropped).
    pub time: Option<NaiveTime>,
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(t) => write!(f, "{} {}", self.date.format("%Y-%m-%d"), t.format("%H:%M")),
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
        }
    }
}

/// Where a list item's date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemDateSource {
    /// A full date written next to the link in the same item (`2023-07-11`, `2023年7月11日`).
    Text,
    /// A month-day written next to the link (`[07-11]`); the year was inferred (from the
    /// item's URL date when it has one with the same month and day, else the latest such date
    /// not after the reference date given to [`read_model`]).
    MonthDay,
    /// No date next to the link; the date in the item's URL (`t20230711_…`).
    Url,
}

/// One entry of a list (a `<li>` or table row with one main link, or one of a dated group of
/// repeated `<div>`/`<dd>`/`<p>`… rows with one main link each).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// The link text (or its `title` attribute when the text is cut with `…`).
    pub title: String,
    /// The link, resolved against the page (absolute URL).
    pub url: String,
    /// The item's date, if any.
    pub date: Option<NaiveDate>,
    /// Where the date was read; `None` when there is no date.
    pub date_source: Option<ItemDateSource>,
}

/// A block of list items under a heading that links to a column (home and channel pages:
/// `<h3><a href="/xwdt/jcyw/">江城要闻</a> 更多>></h3><ul>…</ul>`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListBlock {
    /// The heading text (the column name as the block shows it).
    pub heading: String,
    /// The column the heading (or its 更多 link) points to, absolute; `None` when unlinked.
    pub url: Option<String>,
    /// The block's items.
    pub items: Vec<ListItem>,
}

/// One breadcrumb step (`当前位置：首页 > 新闻动态 > 工作动态`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crumb {
    /// The step's text.
    pub text: String,
    /// Its link, absolute; `None` for an unlinked step (often the last).
    pub url: Option<String>,
}

/// A link in a navigation menu (header `nav`, menus, side navigation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NavLink {
    /// The link text.
    pub text: String,
    /// The link, absolute.
    pub url: String,
}

/// Pagination of a list page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    /// Other pages of the same list (next, previous, numbered, `index_N.html`, TRS
    /// `createPageHTML` pages), absolute, deduplicated, in page order where known.
    pub pages: Vec<String>,
    /// The next page, if the pager names one.
    pub next: Option<String>,
    /// Total items when shown (`共24条`).
    pub total_items: Option<u32>,
    /// Total pages when shown (`第1/2页`, `共2页`, `createPageHTML(2, …)`).
    pub total_pages: Option<u32>,
    /// This page's number, 1-based, when shown.
    pub current: Option<u32>,
}

/// The identifiers in the page footer (页面底部功能区) and the matching meta tags.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    /// 网站标识码 as written in the footer text (`网站标识码：4201000001`, `网站标识码bm01000001`),
    /// whatever its format (validation is the checks' job).
    pub site_code: Option<String>,
    /// `<meta name="SiteIDCode">`, trimmed; `Some("")` when present but empty.
    pub meta_site_code: Option<String>,
    /// ICP备案号 (`鄂ICP备12345678号-2`).
    pub icp: Option<String>,
    /// 公安备案号, the 14 digits of `X公网安备 NNNNNNNNNNNNNN号` (or of the beian.gov.cn link).
    pub psb: Option<String>,
    /// The 党政机关 badge link (to `*.conac.cn` / `*.scopsr.gov.cn`, or an image whose alt says
    /// 党政机关), absolute.
    pub conac: Option<String>,
    /// The 我为政府网站找错 entry: link to `zfwzzc.www.gov.cn`, a link or image saying 找错,
    /// or the `_jiucuo_` widget script; the URL (or `"_jiucuo_"` for the widget).
    pub error_report: Option<String>,
    /// 主办单位 (`主办单位：…`, `主办：…`), the name only.
    pub organizer: Option<String>,
    /// 承办单位, the name only.
    pub operator: Option<String>,
    /// Contact: telephone, e-mail or address as written (first found).
    pub contact: Option<String>,
}

impl Footer {
    /// Nothing was found (the default).
    pub fn is_empty(&self) -> bool {
        *self == Footer::default()
    }
}

/// One row of an interaction board (留言列表).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageRow {
    /// The message title.
    pub title: String,
    /// Its detail page, absolute.
    pub url: String,
    /// The author as shown (usually masked: `张**`).
    pub author: Option<String>,
    /// When it was posted.
    pub posted: Option<Stamp>,
    /// When it was answered, when the row shows it.
    pub replied: Option<Stamp>,
    /// The status text (`已回复`, `办理中`, `未回复`…).
    pub status: Option<String>,
    /// Whether the row says it was answered (`已回复`, `已办结`, `已答复`), `None` when the row
    /// does not say.
    pub answered: Option<bool>,
}

/// A message detail page (留言详情).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageDetail {
    /// The message title.
    pub title: String,
    /// The author as shown.
    pub author: Option<String>,
    /// `留言时间` / `提问时间` / `来信时间`.
    pub posted: Option<Stamp>,
    /// `回复时间` / `答复时间` / `办结时间`.
    pub replied: Option<Stamp>,
    /// The status text, if shown.
    pub status: Option<String>,
    /// A reply with real content is present (not `暂未回复` / `暂无回复`).
    pub answered: bool,
}

/// What a form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormPurpose {
    /// A site search box.
    Search,
    /// A message / consultation submission (a `<textarea>` or message fields).
    Message,
    /// Anything else (login…).
    Other,
}

/// A form on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Form {
    /// Its action, absolute (the page itself when empty).
    pub action: String,
    /// `get` or `post`, lowercased.
    pub method: String,
    /// What it is for.
    pub purpose: FormPurpose,
    /// Names of its fields (`input`, `textarea`, `select`), in order.
    pub fields: Vec<String>,
    /// It has a submit control.
    pub submit: bool,
}

/// Everything [`read_model`] reads from a page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageModel {
    /// `<meta name="ColumnName">`, trimmed, when present and non-empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta_column: Option<String>,
    /// The page heading: the first `<h1>` (else `<h2>`) in the main content, trimmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The column this page belongs to, best source first: ColumnName meta, the breadcrumb's
    /// last step that is not 正文/详情/列表 and the like, the heading of a list page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The breadcrumb, without the `当前位置：` label; empty when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breadcrumb: Vec<Crumb>,
    /// Navigation menu links (header / nav / menu / side navigation), in order, deduplicated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nav: Vec<NavLink>,
    /// The main list of a list page (the largest group of sibling items with one main link
    /// each), empty when the page has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list: Vec<ListItem>,
    /// A list container exists in the main content (`<ul>`/`<table>`/list `<div>` where items
    /// would be), even if it holds no items: tells an empty list column from a page that is
    /// not a list at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub list_container: bool,
    /// Headed blocks of items (home and channel pages).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<ListBlock>,
    /// A "no content" placeholder in the main content (`暂无信息`, `暂无数据`, `暂无内容`…), as
    /// written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The pager, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Footer identifiers.
    #[serde(default, skip_serializing_if = "Footer::is_empty")]
    pub footer: Footer,
    /// Rows of an interaction board, when this page is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub board: Vec<MessageRow>,
    /// The message, when this page is a message detail page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageDetail>,
    /// Forms on the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<Form>,
    /// Characters of visible text in the main content (outside header, nav, breadcrumb,
    /// footer, list items and scripts): tells a single-article column with content from an
    /// empty shell.
    #[serde(default)]
    pub main_text_len: usize,
    /// The page seems to load its content with scripts (an inline script calls
    /// `$.ajax`/`$.get`/`$.post`/`getJSON`/`fetch(`/`axios`/`XMLHttpRequest`/`.load(`, or an
    /// element carries Vue/Angular list bindings such as `v-for`, `ng-repeat`, `:key`): an empty
    /// list here may fill in a browser.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub script_list: bool,
}

/// Reads the structure of a decoded HTML page at `page_url`; `reference` (the inspection's
/// 监测时间点 date) gives the year of month-day dates (`[07-11]`).
///
/// Pages larger than 4 MiB are read up to that size, and a page nested more than 1,000
/// elements deep up to that point (the HTML parser is quadratic in nesting depth). Never
/// panics; what cannot be read is left empty.
///
/// ```
/// use chrono::NaiveDate;
/// use url::Url;
///
/// let page = Url::parse("http://www.example.gov.cn/xwdt/").unwrap();
/// let html = r#"<div class="position">当前位置：<a href="/">首页</a> &gt; 新闻动态</div>
///   <div class="list"><h2>新闻动态</h2><ul>
///     <li><a href="./202306/t20230617_1.html">全市安全生产工作会议召开</a><span>2023-06-17</span></li>
///     <li><a href="./202306/t20230608_2.html">关于做好防汛工作的通知</a><span>[06-08]</span></li>
///   </ul></div>
///   <div class="footer">网站标识码：4201000001 鄂ICP备12345678号-2</div>"#;
/// let model = xunwang_extract::read_model(html, &page, NaiveDate::from_ymd_opt(2023, 6, 20).unwrap());
/// assert_eq!(model.breadcrumb.len(), 2);
/// assert_eq!(model.column.as_deref(), Some("新闻动态"));
/// assert_eq!(model.list.len(), 2);
/// assert_eq!(model.list[1].date, NaiveDate::from_ymd_opt(2023, 6, 8));
/// assert_eq!(model.footer.site_code.as_deref(), Some("4201000001"));
/// assert_eq!(model.footer.icp.as_deref(), Some("鄂ICP备12345678号-2"));
/// ```
pub fn read_model(html: &str, page_url: &url::Url, reference: NaiveDate) -> PageModel {
    static SHIPPED: OnceLock<Cues> = OnceLock::new();
    read_model_with(
        html,
        page_url,
        reference,
        SHIPPED.get_or_init(Cues::default),
    )
}

/// [`read_model`] with the office's own cues (see [`Cues::from_toml`]) instead of the shipped
/// ones.
///
/// ```
/// use chrono::NaiveDate;
/// use url::Url;
/// use xunwang_extract::{Cues, read_model, read_model_with};
///
/// let page = Url::parse("http://www.example.gov.cn/tzgg/").unwrap();
/// let html = r#"<div class="list"><ul></ul><p>本栏目信息正在更新</p></div>"#;
/// let day = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
/// let cues = Cues::from_toml(r#"placeholders = ["本栏目信息正在更新"]"#).unwrap();
/// assert_eq!(read_model(html, &page, day).placeholder, None);
/// assert_eq!(
///     read_model_with(html, &page, day, &cues).placeholder.as_deref(),
///     Some("本栏目信息正在更新")
/// );
/// ```
pub fn read_model_with(
    html: &str,
    page_url: &url::Url,
    reference: NaiveDate,
    cues: &Cues,
) -> PageModel {
    read(html, page_url, reference, cues, false).0
}

/// The page model and the content facts of one page, from one parse ([`read_page_with`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadPage {
    /// The structure, as [`read_model_with`] reads it.
    pub model: PageModel,
    /// What a hijack detector needs: visible text, hidden elements, links, scripts.
    pub content: ContentFacts,
}

/// [`read_model_with`] and the [`ContentFacts`] a hijack detector needs (visible text by
/// block, hidden elements and how they are hidden, links, script writes and redirects, frames,
/// meta refresh, ad slots), read from the same parse. The same limits apply: a page cut at
/// 4 MiB or 1,000 levels of nesting has `content.truncated` set.
///
/// ```
/// use chrono::NaiveDate;
/// use url::Url;
/// use xunwang_extract::{Cues, Hiding, read_page_with};
///
/// let page = Url::parse("http://www.example.gov.cn/").unwrap();
/// let html = r#"<title>某某县人民政府</title><p>政务公开</p>
///   <div id="mmmmm" style="display: none"><a href="http://casino.example/">澳门金沙</a></div>"#;
/// let day = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
/// let read = read_page_with(html, &page, day, &Cues::default());
/// assert_eq!(read.content.title, "某某县人民政府");
/// assert_eq!(read.content.units[0].text, "政务公开");
/// assert_eq!(read.content.hidden[0].how, Hiding::DisplayNone);
/// assert_eq!(read.content.hidden[0].hint, "div#mmmmm");
/// assert_eq!(read.content.links[0].hidden, Some(Hiding::DisplayNone));
/// ```
pub fn read_page_with(
    html: &str,
    page_url: &url::Url,
    reference: NaiveDate,
    cues: &Cues,
) -> ReadPage {
    let (model, content) = read(html, page_url, reference, cues, true);
    ReadPage {
        model,
        content: content.unwrap_or_default(),
    }
}

/// Parses once and reads the model, and the content facts when `content` is set.
fn read(
    html: &str,
    page_url: &url::Url,
    reference: NaiveDate,
    cues: &Cues,
    content: bool,
) -> (PageModel, Option<ContentFacts>) {
    let whole = html.len();
    let html = depth::depth_cut(text::cut(html, doc::MAX_HTML_BYTES));
    let parsed = scraper::Html::parse_document(html);
    let mut doc = doc::Doc::new(&parsed, page_url, cues);
    let (cands, holders) = items::candidates(&doc, reference);
    let crumb = regions::find_crumb(&doc);
    regions::mark(&mut doc, &cands, crumb);

    let breadcrumb = crumb.map(|c| nav::breadcrumb(&doc, c)).unwrap_or_default();
    let groups = items::groups(&doc, &cands, &holders);
    let lists = items::classify(&doc, &cands, &groups);
    let list: Vec<ListItem> = lists.main.iter().map(|&k| cands[k].item.clone()).collect();
    let list_container = content::list_container(&doc, &lists, &cands);
    let heading = content::heading(&doc);
    let meta_column = meta(&doc, "columnname").filter(|c| !c.is_empty());
    let is_list = !list.is_empty() || list_container;
    let column = content::column(
        cues,
        meta_column.as_deref(),
        &breadcrumb,
        heading.as_deref(),
        is_list,
    );
    let excluded = content::excluded(&doc, &cands, &lists);
    let (main_text, main_text_len) = content::main_text(&doc, &excluded);
    let facts = content.then(|| suspect::read(&doc, html.len() < whole));
    let model = PageModel {
        column,
        heading: heading.clone(),
        meta_column,
        breadcrumb,
        nav: nav::nav_links(&doc),
        list,
        list_container,
        blocks: lists.blocks,
        placeholder: content::placeholder(&doc),
        pagination: paging::pagination(&doc),
        footer: footer::footer(&doc),
        board: board::board(&doc, &cands),
        message: board::message(cues, &main_text, heading.as_deref()),
        forms: forms::forms(&doc),
        main_text_len,
        script_list: scripts::script_list(&doc),
    };
    (model, facts)
}

/// The trimmed content of the first `<meta name>` equal to `name` (ASCII case-insensitive).
fn meta(doc: &doc::Doc<'_>, name: &str) -> Option<String> {
    doc.elements().find_map(|i| {
        let el = doc.el(i)?;
        (el.name() == "meta" && el.attr("name")?.trim().eq_ignore_ascii_case(name))
            .then(|| el.attr("content").unwrap_or_default().trim().to_owned())
    })
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "model_footer_tests.rs"]
mod footer_tests;

#[cfg(test)]
#[path = "model_board_tests.rs"]
mod board_tests;

#[cfg(test)]
#[path = "model_rows_tests.rs"]
mod rows_tests;

#[cfg(test)]
#[path = "suspect_tests.rs"]
mod suspect_tests;
