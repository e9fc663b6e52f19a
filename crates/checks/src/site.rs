//! Site-level judgements: columns, freshness, identity, interaction.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use xunwang_core::{Finding, WorkCalendar};
use xunwang_extract::{ItemDateSource, PageModel, PublishDate};

use crate::Config;

/// One page of the site as the crawl read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageRecord {
    /// The page URL (final URL after redirects), normalised.
    pub url: String,
    /// Its `<title>`.
    pub title: Option<String>,
    /// Its publication date, when it is an article.
    pub published: Option<PublishDate>,
    /// Its structure.
    pub model: PageModel,
}

/// What the checks need to know about one site.
#[derive(Clone, Copy, Debug)]
pub struct SiteInput<'a> {
    /// The home URL (as inspected, e.g. `http://www.example.gov.cn/`).
    pub home: &'a str,
    /// Every HTML page read on the site, the home page among them.
    pub pages: &'a [PageRecord],
    /// The registered 网站标识码 when the registry knows it.
    pub registered_site_code: Option<&'a str>,
}

/// A column's class, from the keyword rules of [`Config`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnClass {
    /// 动态 / 要闻: must be updated within the news window (14 days).
    News,
    /// 通知公告: a first-level one within the notice window (6 months).
    Notice,
    /// 政策文件: a first-level one within the notice window (6 months).
    Policy,
    /// 人事 / 规划 / 统计 / 财政…: updated periodically, judged on the long window.
    Periodic,
    /// 概况 / 职能 / 领导 / 机构: static content, not judged on freshness.
    Static,
    /// 互动交流 / 留言: judged by the interaction checks.
    Interaction,
    /// None of the rules matched.
    Other,
}

/// The newest dated item of a column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewestItem {
    /// The item's title.
    pub title: String,
    /// The item's URL.
    pub url: String,
    /// Its date.
    pub date: NaiveDate,
    /// Where the date was read (list text, month-day with inferred year, URL, or the article's
    /// own page).
    pub source: String,
    /// The list page it was read on.
    pub seen_on: String,
}

/// One column (栏目) as discovered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its first list page.
    pub url: String,
    /// Its class.
    pub class: ColumnClass,
    /// 1 = first level (一级栏目).
    pub level: u8,
    /// Distinct items seen on its list pages.
    pub items: u32,
    /// Dated items among them.
    pub dated_items: u32,
    /// List pages seen (first page and its pagination).
    pub list_pages: u32,
    /// The newest dated item.
    pub newest: Option<NewestItem>,
    /// URLs of its sub-columns.
    pub children: Vec<String>,
    /// The placeholder shown instead of items (`暂无信息`), if any.
    pub placeholder: Option<String>,
}

/// Counts the single-veto rules read (V3, V4, V5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tallies {
    /// Stale 动态/要闻 columns plus stale first-level 通知公告/政策文件 columns (V4.1).
    pub stale_columns: u32,
    /// Long-unupdated periodic columns (V4.2).
    pub long_unupdated_columns: u32,
    /// Empty columns (V4.3).
    pub empty_columns: u32,
    /// The newest dated item on the home page (V3).
    pub home_newest: Option<NaiveDate>,
    /// Messages within the look-back year unanswered for more than the window (V5.2).
    pub unanswered_messages: u32,
    /// Messages answered later than the working-day limit.
    pub slow_replies: u32,
    /// Messages read.
    pub messages: u32,
    /// An interaction channel was found (V5.1).
    pub has_channel: bool,
}

/// Everything the checks concluded about one site.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteChecks {
    /// The columns discovered.
    pub columns: Vec<Column>,
    /// The findings.
    pub findings: Vec<Finding>,
    /// The counts behind the single-veto rules.
    pub tallies: Tallies,
    /// What could not be judged and why (a year the calendar does not cover, a host that is
    /// an IP address…), in Chinese, for the report.
    pub notes: Vec<String>,
}

/// Judges one site at `now` (the 监测时间点).
pub fn check_site(
    input: &SiteInput<'_>,
    config: &Config,
    now: DateTime<FixedOffset>,
    calendar: &WorkCalendar,
) -> SiteChecks {
    let _ = (input, config, now, calendar, ItemDateSource::Text);
    SiteChecks::default()
}
