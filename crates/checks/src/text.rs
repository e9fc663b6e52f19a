//! Every user-facing sentence of the checks, in Chinese, kept together so that a second
//! language can be added in one place (STYLE.md habit 15).

use chrono::NaiveDate;

use crate::site::{ColumnClass, NewestItem};

/// Date source: a full date next to the item in the list.
pub(crate) const SOURCE_LIST: &str = "列表日期";
/// Date source: a month-day next to the item, year inferred.
pub(crate) const SOURCE_MONTH_DAY: &str = "列表月日（年份推断）";
/// Date source: the date in the item's URL.
pub(crate) const SOURCE_URL: &str = "网址日期";
/// Date source: the publication date read on the article page itself.
pub(crate) const SOURCE_ARTICLE: &str = "文章页发布时间";
/// The calendar working days are counted on.
pub(crate) const CALENDAR: &str = "国务院办公厅公布的节假日与调休安排";
/// A message without a reply.
pub(crate) const NOT_REPLIED: &str = "未回复";

/// The class as the report names it.
pub(crate) fn class_label(class: ColumnClass) -> &'static str {
    match class {
        ColumnClass::News => "动态要闻类",
        ColumnClass::Notice => "通知公告类",
        ColumnClass::Policy => "政策文件类",
        ColumnClass::Periodic => "应定期更新类",
        ColumnClass::Static => "概况信息类",
        ColumnClass::Interaction => "互动交流类",
        ColumnClass::Other => "其他",
    }
}

fn newest_phrase(newest: &NewestItem) -> String {
    format!(
        "最新信息为 {}（{}）「{}」",
        newest.date, newest.source, newest.title
    )
}

/// `column.stale` and `column.long_unupdated`.
pub(crate) fn column_outdated(
    name: &str,
    class: ColumnClass,
    level: u8,
    newest: &NewestItem,
    window: &str,
) -> String {
    format!(
        "栏目「{name}」（{}，{level} 级栏目）{}，已超过 {window}未更新",
        class_label(class),
        newest_phrase(newest)
    )
}

/// `column.empty`.
pub(crate) fn column_empty(name: &str, placeholder: Option<&str>) -> String {
    match placeholder {
        Some(p) => format!("栏目「{name}」无任何信息，页面显示「{p}」"),
        None => format!("栏目「{name}」列表为空，无任何信息"),
    }
}

/// A page with no list, no placeholder and no text: not judged empty.
pub(crate) fn note_navigation_shell(name: &str, url: &str) -> String {
    format!("栏目页无列表也无内容，未判为空白栏目，请人工确认：{url}（「{name}」）")
}

/// An empty-looking list on a page that loads content with scripts.
pub(crate) fn note_script_list(name: &str, url: &str) -> String {
    format!(
        "栏目「{name}」的列表在页面源码中为空，但页面用脚本加载内容（浏览器中可能有信息），未判为空白栏目，请人工确认：{url}"
    )
}

/// A column whose items carry no date.
pub(crate) fn note_undated(name: &str, items: u32, url: &str) -> String {
    format!("栏目「{name}」有 {items} 条信息但均未标注日期，无法判断是否更新，请人工确认：{url}")
}

/// A column that must be updated but shows no list.
pub(crate) fn note_no_items(name: &str, url: &str) -> String {
    format!("栏目「{name}」未读到信息列表，无法判断是否更新，请人工确认：{url}")
}

/// No page was read at all.
pub(crate) fn note_no_pages(url: &str) -> String {
    format!("未读到网站 {url} 的任何页面，未做栏目、首页、标识和互动检查")
}

/// The home page was not read: freshness.
pub(crate) fn note_no_home_freshness(url: &str) -> String {
    format!("未读到首页 {url}，未判断首页更新情况")
}

/// The home page was not read: identity.
pub(crate) fn note_no_home_identity(url: &str) -> String {
    format!("未读到首页 {url}，未检查网站标识码、备案号等页面底部标识")
}

/// `home.stale` over the home page's own items.
pub(crate) fn home_stale(newest: Option<&NewestItem>, window: &str) -> String {
    match newest {
        Some(n) => format!("首页{}，已超过 {window}未更新", newest_phrase(n)),
        None => "首页未发现标注发布日期的信息（未注明发布时间的视为不更新）".to_owned(),
    }
}

/// `home.stale` for a navigation-only home page, over its first-level columns.
pub(crate) fn home_stale_navigation(
    columns: usize,
    newest: Option<&NewestItem>,
    window: &str,
) -> String {
    match newest {
        Some(n) => format!(
            "首页仅为栏目导航入口，其 {columns} 个一级栏目及子栏目中{}，已超过 {window}未更新",
            newest_phrase(n)
        ),
        None => {
            format!("首页仅为栏目导航入口，其 {columns} 个一级栏目及子栏目均无标注发布日期的信息")
        }
    }
}

/// A navigation-only home page whose columns were not found.
pub(crate) fn note_navigation_home_without_columns(url: &str) -> String {
    format!(
        "首页无标注日期的信息且仅为导航入口，但未发现一级栏目，无法判断首页更新情况，请人工确认：{url}"
    )
}

/// A home page from which nothing was read.
pub(crate) fn note_home_blank(url: &str) -> String {
    format!("首页未读到任何信息列表或导航，无法判断首页更新情况，请人工确认：{url}")
}

/// A navigation-only home page whose columns showed no item at all.
pub(crate) fn note_home_nothing_read(url: &str, columns: usize) -> String {
    format!(
        "首页仅为栏目导航入口，但其下 {columns} 个栏目中未读到任何信息（可能由脚本加载），无法判断首页更新情况，请人工确认：{url}"
    )
}

/// `identity.site_code_missing`.
pub(crate) fn site_code_missing(meta: Option<&str>) -> String {
    match meta {
        Some(m) => format!("首页底部未标注网站标识码（页面元标签 SiteIDCode 为「{m}」）"),
        None => "首页底部未标注网站标识码".to_owned(),
    }
}

/// Why a site code is invalid: wrong format.
pub(crate) fn code_bad_format() -> String {
    "格式应为 10 位数字或“bm”加 8 位数字".to_owned()
}

/// Why a site code is invalid: unknown province prefix.
pub(crate) fn code_bad_province(prefix: &str) -> String {
    format!("前两位「{prefix}」不是省级行政区划代码")
}

/// Why a site code is invalid: not the registered one.
pub(crate) fn code_not_registered(registered: &str) -> String {
    format!("与登记的网站标识码「{registered}」不一致")
}

/// `identity.site_code_invalid`.
pub(crate) fn site_code_invalid(code: &str, reasons: &[String]) -> String {
    format!("网站标识码「{code}」不符合要求：{}", reasons.join("；"))
}

/// `identity.site_code_mismatch`.
pub(crate) fn site_code_mismatch(footer: &str, meta: &str) -> String {
    format!("页面底部网站标识码「{footer}」与元标签 SiteIDCode「{meta}」不一致")
}

/// The meta tag is absent or empty.
pub(crate) fn note_meta_absent(url: &str) -> String {
    format!("首页 {url} 未提供 SiteIDCode 元标签（或其值为空），未与页面底部网站标识码比对")
}

/// `identity.icp_missing`.
pub(crate) const ICP_MISSING: &str = "首页底部未发现 ICP 备案编号";
/// `identity.psb_missing`.
pub(crate) const PSB_MISSING: &str = "首页底部未发现公安机关备案号";
/// `identity.conac_missing`.
pub(crate) const CONAC_MISSING: &str = "首页未发现党政机关网站标识";
/// `identity.error_report_entry_missing`.
pub(crate) const ERROR_REPORT_MISSING: &str = "首页未发现“我为政府网站找错”入口";
/// `identity.organizer_missing`.
pub(crate) const ORGANIZER_MISSING: &str = "首页底部未标注主办单位";

/// `identity.domain_noncompliant`.
pub(crate) fn domain_noncompliant(host: &str) -> String {
    format!("网站域名「{host}」不是 .gov.cn 或 .政务 域名")
}

/// A host that is an IP address or local.
pub(crate) fn note_host_not_judged(host: &str) -> String {
    format!("网站地址为 IP 地址或本机（{host}），未判断域名是否合规")
}

/// A home URL without a host.
pub(crate) fn note_home_url_unparsable(url: &str) -> String {
    format!("首页地址「{url}」无法解析出域名，未判断域名是否合规")
}

/// `interaction.no_channel`.
pub(crate) const NO_CHANNEL: &str = "全站未发现网上咨询建言渠道（留言列表、留言表单，或名称含“留言”“咨询”“信箱”等的入口；网上信访、纪检举报等专门渠道不计）";

/// `interaction.unanswered`, no reply yet.
pub(crate) fn unanswered(title: &str, posted: NaiveDate, today: NaiveDate, window: &str) -> String {
    format!("留言「{title}」于 {posted} 提交，至监测时间点 {today} 仍未回复，已超过 {window}")
}

/// `interaction.unanswered`, replied after the window.
pub(crate) fn replied_late(
    title: &str,
    posted: NaiveDate,
    replied: NaiveDate,
    window: &str,
) -> String {
    format!("留言「{title}」于 {posted} 提交，{replied} 才答复，超过 {window}未回应")
}

/// `interaction.slow_reply`.
pub(crate) fn slow_reply(
    title: &str,
    posted: NaiveDate,
    replied: NaiveDate,
    days: u32,
    limit: u32,
) -> String {
    format!(
        "留言「{title}」于 {posted} 提交，{replied} 答复，间隔 {days} 个工作日，超过 {limit} 个工作日（按{CALENDAR}计算）"
    )
}

/// Messages without a posted date.
pub(crate) fn note_messages_without_date(n: u32) -> String {
    format!("{n} 条留言未读到提交时间，未判断答复情况")
}

/// Messages whose reply state is unknown.
pub(crate) fn note_messages_state_unknown(n: u32) -> String {
    format!("{n} 条留言未读到是否已回复（列表未标注、详情页未读取），未判断答复情况")
}

/// Messages whose working days could not be counted.
pub(crate) fn note_calendar_uncovered(n: u32, year: i32) -> String {
    format!("{n} 条留言的答复时效未判断：日历未收录 {year} 年的{CALENDAR}，不作推测")
}

/// Messages whose working days could not be counted for another calendar reason.
pub(crate) fn note_calendar_error(n: u32, error: &str) -> String {
    format!("{n} 条留言的答复时效未判断：{error}")
}

/// V3.
pub(crate) const VETO_HOME: &str = "首页不更新：监测期内首页无信息更新";

/// V4.1.
pub(crate) fn veto_stale(n: u32, threshold: u32) -> String {
    format!(
        "栏目不更新：动态要闻类栏目及通知公告、政策文件类一级栏目共 {n} 个未按期更新，达到（含）{threshold} 个"
    )
}

/// V4.2.
pub(crate) fn veto_long_unupdated(n: u32, threshold: u32) -> String {
    format!("栏目不更新：应更新但长期未更新的栏目 {n} 个，达到（含）{threshold} 个")
}

/// V4.3.
pub(crate) fn veto_empty(n: u32, threshold: u32) -> String {
    format!("栏目不更新：空白栏目 {n} 个，达到（含）{threshold} 个")
}

/// V5.1.
pub(crate) const VETO_NO_CHANNEL: &str = "互动回应差：未提供网上有效咨询建言渠道";

/// V5.2.
pub(crate) fn veto_unanswered(n: u32) -> String {
    format!("互动回应差：监测期内有 {n} 条网民留言超过答复期限未回应")
}

/// V3 warning.
pub(crate) fn warn_home(newest: NaiveDate, window: &str) -> String {
    format!("首页最新信息为 {newest}，已超过 {window}未更新，接近“首页不更新”单项否决")
}

/// V4.2 warning.
pub(crate) fn warn_long_unupdated(n: u32, threshold: u32) -> String {
    format!("应更新但长期未更新的栏目已有 {n} 个（达到 {threshold} 个即单项否决）")
}

/// V4.3 warning.
pub(crate) fn warn_empty(n: u32, threshold: u32) -> String {
    format!("空白栏目已有 {n} 个（达到 {threshold} 个即单项否决）")
}
