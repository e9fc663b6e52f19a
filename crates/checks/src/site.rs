//! Site-level judgements: columns, freshness, identity, interaction.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use xunwang_core::{Evidence, Finding, FindingKind, Severity, WorkCalendar};
use xunwang_extract::{PageModel, PublishDate};

use crate::index::SiteIndex;
use crate::veto::{Veto, pre_veto_warnings, vetoes};
use crate::{Config, columns, freshness, identity, interaction, text};

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

impl PageRecord {
    /// An article (a dated page that is not a column's own page, or a page whose breadcrumb
    /// ends in `正文`) with no list, blocks, pager, board, message or message form: the checks
    /// read only its publication date (and that it is not a column).
    pub fn is_plain_article(&self, config: &Config) -> bool {
        let m = &self.model;
        crate::index::is_detail_page(self, config)
            && m.message.is_none()
            && m.board.is_empty()
            && m.list.is_empty()
            && m.blocks.is_empty()
            && m.pagination.is_none()
            && !m
                .forms
                .iter()
                .any(|f| f.purpose == xunwang_extract::FormPurpose::Message)
    }

    /// The part of this record the checks read, for keeping many of them.
    ///
    /// An article (a dated page that is not a column's own page, or a page whose breadcrumb
    /// ends in `正文`) contributes only its publication date (for undated list items that link
    /// to it) and the fact that it is an article; it keeps its URL, date and last breadcrumb
    /// step. Any page with a list, blocks, a board, a message or a message form is kept whole.
    /// On a large site most pages are articles, so this keeps the site's records small without
    /// changing any judgement.
    pub fn essentials(mut self, config: &Config) -> PageRecord {
        let plain_article = self.is_plain_article(config);
        if plain_article {
            let last = self.model.breadcrumb.pop();
            self.model = PageModel {
                breadcrumb: last.into_iter().collect(),
                ..PageModel::default()
            };
            self.title = None;
        }
        self
    }
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
    /// Publication dates of article pages left out of `pages` (URL, date): all the checks
    /// read of a plain article (see [`PageRecord::is_plain_article`]), so a large site need
    /// not keep a record per article.
    pub article_dates: &'a [(String, NaiveDate)],
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

impl ColumnClass {
    /// The class as the report names it (`动态要闻类`…).
    pub fn label_zh(self) -> &'static str {
        text::class_label(self)
    }
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

impl NewestItem {
    /// An item dated `date` at `url` replaces `current` as the newest: later, or as late and
    /// first by URL (so the choice does not depend on crawl order).
    pub(crate) fn beats(date: NaiveDate, url: &str, current: Option<&NewestItem>) -> bool {
        current.is_none_or(|n| date > n.date || (date == n.date && url < n.url.as_str()))
    }
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
    /// Distinct items (by URL) of its list pages' lists and board rows, and of the blocks on
    /// any page whose heading links to it; placeholder items (`暂无信息`) excluded.
    pub items: u32,
    /// Dated items among them (an undated item whose article page was read and has a
    /// publication date counts as dated).
    pub dated_items: u32,
    /// List pages read (first page and its pagination pages that were crawled).
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
    /// The newest dated item on the home page (V3); for a navigation-only home page, the
    /// newest over its first-level columns and their sub-columns.
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
    /// The single-veto rules (V3, V4, V5) that apply, from the tallies and `Config::veto`.
    pub vetoes: Vec<Veto>,
    /// Rules close to a veto, from `Config::warning` (empty when the tier is disabled).
    pub warnings: Vec<Veto>,
}

/// Judges one site at `now` (the 监测时间点): discovers its columns, judges their freshness
/// and the home page's (V3, V4), the footer identifiers and the domain, and the interaction
/// channel (V5). Never panics; what cannot be judged is a note, not a finding.
///
/// Findings are sorted by kind id, then URL.
pub fn check_site(
    input: &SiteInput<'_>,
    config: &Config,
    now: DateTime<FixedOffset>,
    calendar: &WorkCalendar,
) -> SiteChecks {
    // The 监测时间点's day in Beijing, the day the page reader inferred `[MM-DD]` years from.
    let today = xunwang_core::china_date(now);
    let mut sink = Sink::new(input.home, now);
    if input.pages.is_empty() {
        sink.note(text::note_no_pages(input.home));
        return SiteChecks {
            notes: sink.notes,
            ..SiteChecks::default()
        };
    }
    let index = SiteIndex::new(input, config);
    let mut tallies = Tallies::default();

    let discovered = columns::discover(&index, config);
    freshness::judge_columns(&discovered, config, today, &mut sink, &mut tallies);
    let home_stale =
        freshness::judge_home(&index, &discovered, config, today, &mut sink, &mut tallies);
    identity::judge(&index, input.registered_site_code, &mut sink);
    interaction::judge(&index, config, today, calendar, &mut sink, &mut tallies);

    let mut findings = sink.findings;
    findings.sort_by(|a, b| {
        (a.kind.id(), &a.url, &a.fingerprint).cmp(&(b.kind.id(), &b.url, &b.fingerprint))
    });
    let vetoes = vetoes(&tallies, home_stale, &config.veto);
    let warnings = pre_veto_warnings(&tallies, home_stale, today, &config.warning, &config.veto);
    SiteChecks {
        columns: discovered.into_iter().map(|c| c.column).collect(),
        findings,
        tallies,
        notes: sink.notes,
        vetoes,
        warnings,
    }
}

/// Collects findings and notes for one site.
pub(crate) struct Sink {
    site: String,
    at: DateTime<FixedOffset>,
    findings: Vec<Finding>,
    notes: Vec<String>,
}

impl Sink {
    fn new(site: &str, at: DateTime<FixedOffset>) -> Sink {
        Sink {
            site: site.to_owned(),
            at,
            findings: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A finding at `url` (also its fingerprint location).
    pub fn push(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        url: &str,
        summary: String,
        facts: Vec<(&'static str, Value)>,
    ) {
        let facts: BTreeMap<String, Value> =
            facts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let evidence = Evidence {
            summary,
            facts,
            ..Evidence::default()
        };
        let finding = Finding::new(kind, severity, &self.site, url, url, evidence, self.at);
        self.findings.push(finding);
    }

    /// A note for the report.
    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }
}
