//! The 整改清单 workbook: one row per problem to fix, for site operators to fill in.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Url, Workbook, XlsxError};

use crate::doc::linkable;
use crate::error::ReportError;
use crate::model::{PeriodInfo, RectificationRow};
use crate::text;

/// Column widths in characters, in [`text::XLSX_HEADER`] order.
const WIDTHS: [f64; 13] = [
    6.0, 24.0, 28.0, 16.0, 18.0, 20.0, 10.0, 40.0, 50.0, 18.0, 18.0, 12.0, 24.0,
];
/// Excel refuses more hyperlinks per sheet; later URLs are written as plain text.
const MAX_LINKS: usize = 65_530;

/// The 整改清单 as an .xlsx: sheet "整改清单", frozen header with autofilter, one row per
/// [`RectificationRow`], URLs as hyperlinks whose text is the URL, an empty 整改情况 column.
pub fn rectification_xlsx(
    rows: &[RectificationRow],
    period: &PeriodInfo,
) -> Result<Vec<u8>, ReportError> {
    build(rows, period).map_err(|e| ReportError::Xlsx {
        document: text::XLSX_SHEET.to_owned(),
        message: e.to_string(),
    })
}

fn build(rows: &[RectificationRow], period: &PeriodInfo) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let base = Format::new()
        .set_font_name("宋体")
        .set_font_size(10.5)
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let header = base
        .clone()
        .set_bold()
        .set_background_color("D9D9D9")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let wrap = base.clone().set_text_wrap();
    let center = base.clone().set_align(FormatAlign::Center);
    let date = center.clone().set_num_format("yyyy-mm-dd");
    let link = wrap
        .clone()
        .set_font_color("1F4E9A")
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);

    let ws = wb.add_worksheet();
    ws.set_name(text::XLSX_SHEET)?;
    for (c, (h, w)) in text::XLSX_HEADER.iter().zip(WIDTHS).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *h, &header)?;
        ws.set_column_width(c, w)?;
    }
    ws.set_row_height(0, 24)?;
    ws.set_freeze_panes(1, 0)?;
    let mut links = 0usize;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &center)?;
        ws.write_string_with_format(row, 1, &r.site, &wrap)?;
        write_url(ws, row, 2, &r.site_home, &link, &wrap, &mut links)?;
        ws.write_string_with_format(row, 3, &r.indicator, &wrap)?;
        ws.write_string_with_format(row, 4, &r.kind_label, &wrap)?;
        ws.write_string_with_format(row, 5, &r.kind, &base)?;
        ws.write_string_with_format(row, 6, &r.severity, &center)?;
        write_url(ws, row, 7, &r.url, &link, &wrap, &mut links)?;
        ws.write_string_with_format(row, 8, &r.evidence, &wrap)?;
        ws.write_string_with_format(row, 9, &r.first_seen, &center)?;
        ws.write_string_with_format(row, 10, &r.last_seen, &center)?;
        let d = r.deadline;
        let excel = u16::try_from(d.year())
            .ok()
            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
        match excel {
            Some(x) => ws.write_datetime_with_format(row, 11, &x, &date)?,
            None => {
                ws.write_string_with_format(row, 11, d.format("%Y-%m-%d").to_string(), &center)?
            }
        };
        ws.write_blank(row, 12, &wrap)?;
    }
    let last = rows.len() as u32;
    ws.autofilter(0, 0, last, (text::XLSX_HEADER.len() - 1) as u16)?;
    ws.set_header(format!(
        "&C{}{}",
        period.label.replace('&', "&&"),
        text::XLSX_SHEET
    ))
    .set_landscape()
    .set_paper_size(9)
    .set_print_fit_to_pages(1, 0)
    .set_repeat_rows(0, 0)?;
    wb.save_to_buffer()
}

/// A hyperlink whose text is the URL, or plain text for what Excel cannot link (non-http
/// schemes, over-long URLs, past the per-sheet link limit).
fn write_url(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    url: &str,
    link: &Format,
    plain: &Format,
    links: &mut usize,
) -> Result<(), XlsxError> {
    if linkable(url) && *links < MAX_LINKS {
        let u = Url::new(url).set_text(url);
        if ws.write_url_with_format(row, col, u, link).is_ok() {
            *links += 1;
            return Ok(());
        }
    }
    ws.write_string_with_format(row, col, url, plain)?;
    Ok(())
}
