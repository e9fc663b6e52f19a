//! The 整改清单 workbook read back with calamine.

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use xunwang_report::{RectificationRow, rectification_xlsx, sample_bulletin};

fn rows() -> Vec<RectificationRow> {
    let deadline = NaiveDate::from_ymd_opt(2023, 7, 31).unwrap();
    let row = |site: &str, kind: &str, label: &str, url: &str, evidence: &str| RectificationRow {
        site: site.into(),
        site_home: "https://mzj.xx.gov.cn/".into(),
        indicator: "空白栏目".into(),
        kind: kind.into(),
        kind_label: label.into(),
        severity: "严重".into(),
        url: url.into(),
        evidence: evidence.into(),
        first_seen: "2023-05-02 09:00".into(),
        last_seen: "2023-06-30 09:00".into(),
        deadline,
    };
    vec![
        row(
            "××市民政局",
            "column.empty",
            "空白栏目",
            "https://mzj.xx.gov.cn/zcjd/",
            "“政策解读”栏目无内容",
        ),
        row(
            "××市民政局",
            "link.broken",
            "链接不可用",
            "https://mzj.xx.gov.cn/a b.html",
            "HTTP 404\n首页“办事指南”链接",
        ),
        // Not linkable: kept as text.
        row(
            "××市交通局",
            "content.typo",
            "错别字",
            "javascript:void(0)",
            "“意识形态”误作“意识形太”",
        ),
    ]
}

fn read(bytes: Vec<u8>) -> calamine::Range<Data> {
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    assert_eq!(wb.sheet_names(), vec!["整改清单".to_owned()]);
    wb.worksheet_range("整改清单").expect("sheet")
}

#[test]
fn rectification_list_has_a_header_and_one_row_per_problem() {
    let b = sample_bulletin();
    let range = read(rectification_xlsx(&rows(), &b.period).unwrap());
    assert_eq!(range.height(), 1 + 3);
    assert_eq!(range.width(), 13);
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "序号");
    assert_eq!(header[11], "整改期限");
    assert_eq!(header[12], "整改情况");
    let r1: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(r1[1], "××市民政局");
    assert_eq!(r1[2], "https://mzj.xx.gov.cn/", "hyperlink text is the URL");
    assert_eq!(r1[5], "column.empty");
    assert_eq!(r1[7], "https://mzj.xx.gov.cn/zcjd/");
    assert_eq!(r1[8], "“政策解读”栏目无内容");
    assert_eq!(r1[12], "", "整改情况 left for the operator");
    let r3: Vec<String> = range
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        r3[7], "javascript:void(0)",
        "a non-http URL is written as plain text"
    );
}

#[test]
fn rectification_deadline_is_a_real_date_cell() {
    let b = sample_bulletin();
    let range = read(rectification_xlsx(&rows(), &b.period).unwrap());
    let cell = range.get((1, 11)).expect("deadline cell");
    let dt = cell
        .as_datetime()
        .expect("a date, so the operator can sort and filter by it");
    assert_eq!(dt.date(), NaiveDate::from_ymd_opt(2023, 7, 31).unwrap());
}

#[test]
fn rectification_workbook_has_frozen_header_autofilter_and_links() {
    let b = sample_bulletin();
    let bytes = rectification_xlsx(&rows(), &b.period).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains(r#"<pane ySplit="1""#), "frozen header");
    assert!(
        xml.contains(r#"<autoFilter ref="A1:M4""#),
        "autofilter over the table"
    );
    assert_eq!(
        xml.matches("<hyperlink ").count(),
        5,
        "two linked URLs per http row"
    );
}

#[test]
fn empty_rectification_list_is_still_a_valid_workbook() {
    let b = sample_bulletin();
    let range = read(rectification_xlsx(&[], &b.period).unwrap());
    assert_eq!(range.height(), 1);
}
