//! Small constructors for synthetic pages of `www.example.gov.cn`.

#![allow(dead_code)] // Each test module uses a different subset of the helpers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use xunwang_checks::{Config, PageRecord, SiteChecks, SiteInput, check_site};
use xunwang_core::{Finding, WorkCalendar};
use xunwang_extract::{
    Crumb, Footer, Form, FormPurpose, ItemDateSource, ListBlock, ListItem, MessageDetail,
    MessageRow, NavLink, PageModel, Pagination, PublishDate, Stamp,
};

/// The home URL of the synthetic site.
pub const HOME: &str = "http://www.example.gov.cn/";

/// An absolute URL on the synthetic site.
pub fn u(path: &str) -> String {
    format!("http://www.example.gov.cn{path}")
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// `days` days before `s`.
pub fn days_before(s: &str, days: u64) -> String {
    (date(s) - chrono::Days::new(days)).to_string()
}

/// The 监测时间点: 10:00 Beijing time on `day`.
pub fn at(day: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+08:00")).unwrap()
}

/// A publication date. Built through serde so that fields added to `PublishDate` later (an
/// optional time of day) take their default here and the tests keep compiling.
pub fn published(day: &str) -> PublishDate {
    serde_json::from_value(serde_json::json!({ "date": day, "source": "meta" })).unwrap()
}

pub fn stamp(day: &str) -> Stamp {
    Stamp {
        date: date(day),
        time: None,
    }
}

/// A list item with a full date written next to it (or none).
pub fn item(title: &str, path: &str, day: Option<&str>) -> ListItem {
    ListItem {
        title: title.to_owned(),
        url: u(path),
        date: day.map(date),
        date_source: day.map(|_| ItemDateSource::Text),
    }
}

pub fn crumb(text: &str, path: Option<&str>) -> Crumb {
    Crumb {
        text: text.to_owned(),
        url: path.map(u),
    }
}

pub fn nav(text: &str, path: &str) -> NavLink {
    NavLink {
        text: text.to_owned(),
        url: u(path),
    }
}

pub fn block(heading: &str, path: &str, items: Vec<ListItem>) -> ListBlock {
    ListBlock {
        heading: heading.to_owned(),
        url: Some(u(path)),
        items,
    }
}

/// A board row; `answered` as the row states it.
pub fn row(
    title: &str,
    path: &str,
    posted: Option<&str>,
    replied: Option<&str>,
    answered: Option<bool>,
) -> MessageRow {
    MessageRow {
        title: title.to_owned(),
        url: u(path),
        author: None,
        posted: posted.map(stamp),
        replied: replied.map(stamp),
        status: None,
        answered,
    }
}

pub fn detail(
    title: &str,
    posted: Option<&str>,
    replied: Option<&str>,
    answered: bool,
) -> MessageDetail {
    MessageDetail {
        title: title.to_owned(),
        author: None,
        posted: posted.map(stamp),
        replied: replied.map(stamp),
        status: None,
        answered,
    }
}

pub fn message_form(path: &str) -> Form {
    Form {
        action: u(path),
        method: "post".to_owned(),
        purpose: FormPurpose::Message,
        fields: vec!["title".to_owned(), "content".to_owned()],
        submit: true,
    }
}

/// A footer with every identifier present and valid.
pub fn full_footer() -> Footer {
    Footer {
        site_code: Some("5001070012".to_owned()),
        meta_site_code: Some("5001070012".to_owned()),
        icp: Some("渝ICP备05003300号-1".to_owned()),
        psb: Some("50010702500123".to_owned()),
        conac: Some("https://bszs.conac.cn/sitename?method=show&id=1".to_owned()),
        error_report: Some(
            "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySearch.action?term=5001070012"
                .to_owned(),
        ),
        organizer: Some("示例区人民政府办公室".to_owned()),
        operator: None,
        contact: None,
    }
}

/// A page with nothing in it.
pub fn page(path: &str) -> PageRecord {
    PageRecord {
        url: u(path),
        title: None,
        published: None,
        model: PageModel::default(),
    }
}

/// A healthy home page: full footer, a 留言 entry in the nav, one list item dated `newest`.
pub fn home(newest: &str) -> PageRecord {
    let mut p = page("/");
    p.title = Some("示例区人民政府".to_owned());
    p.model.footer = full_footer();
    p.model.nav = vec![nav("政民互动", "/hdjl/")];
    p.model.list = vec![item("首页要闻", "/xwdt/t1.html", Some(newest))];
    p
}

/// A list page of a column named `name`, breadcrumb `首页 > parents… > name` (each parent a
/// (name, path) pair, the last step linked to the page itself), with `items`.
pub fn column(
    path: &str,
    name: &str,
    parents: &[(&str, &str)],
    items: Vec<ListItem>,
) -> PageRecord {
    let mut p = page(path);
    p.title = Some(format!("{name} - 示例区人民政府"));
    p.model.column = Some(name.to_owned());
    p.model.breadcrumb = std::iter::once(crumb("首页", Some("/")))
        .chain(parents.iter().map(|(n, pp)| crumb(n, Some(pp))))
        .chain(std::iter::once(crumb(name, Some(path))))
        .collect();
    p.model.list_container = true;
    p.model.list = items;
    p
}

/// A column with one item dated `day`.
pub fn column_dated(path: &str, name: &str, parents: &[(&str, &str)], day: &str) -> PageRecord {
    let article = format!("{path}t_{}.html", day.replace('-', ""));
    column(
        path,
        name,
        parents,
        vec![item(&format!("{name}的一条信息"), &article, Some(day))],
    )
}

/// An article page with a publication date.
pub fn article(path: &str, day: &str) -> PageRecord {
    let mut p = page(path);
    p.published = Some(published(day));
    p.model.breadcrumb = vec![
        crumb("首页", Some("/")),
        crumb("工作动态", Some("/xwdt/gzdt/")),
        crumb("正文", None),
    ];
    p.model.main_text_len = 800;
    p
}

pub fn pager(pages: &[&str]) -> Pagination {
    Pagination {
        pages: pages.iter().map(|p| u(p)).collect(),
        ..Pagination::default()
    }
}

/// Runs the checks with the shipped config and the official calendar.
pub fn run(pages: &[PageRecord], day: &str) -> SiteChecks {
    run_with(pages, day, &Config::default(), None)
}

pub fn run_with(
    pages: &[PageRecord],
    day: &str,
    config: &Config,
    registered: Option<&str>,
) -> SiteChecks {
    let input = SiteInput {
        home: HOME,
        pages,
        registered_site_code: registered,
        article_dates: &[],
    };
    check_site(&input, config, at(day), WorkCalendar::official())
}

/// The findings of one kind.
pub fn of<'a>(checks: &'a SiteChecks, kind: &str) -> Vec<&'a Finding> {
    checks
        .findings
        .iter()
        .filter(|f| f.kind.id() == kind)
        .collect()
}

/// The column at `path`.
pub fn col<'a>(checks: &'a SiteChecks, path: &str) -> &'a xunwang_checks::Column {
    let url = u(path);
    checks
        .columns
        .iter()
        .find(|c| c.url == url)
        .unwrap_or_else(|| panic!("no column {url} in {:#?}", checks.columns))
}

pub fn vetoed(checks: &SiteChecks, rule: &str) -> bool {
    checks.vetoes.iter().any(|v| v.rule == rule)
}
