//! Spreadsheets (XLSX, XLS) to text: one row per line, cells separated by `\t`, sheets by a
//! blank line, values as Excel displays them.

use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Reader, SheetType, Xls, XlsError, Xlsx};

use super::{DocLimits, TextOut, ole, open_zip, unpacked_limit};
use crate::{DocKind, ExtractError};

/// XLSX: workbook parts are checked against [`unpacked_limit`] first, then each worksheet is
/// streamed cell by cell until `max_cells` or the text limit.
pub(super) fn read_xlsx(
    bytes: &[u8],
    limits: &DocLimits,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let corrupt = |reason: String| ExtractError::Document {
        kind: DocKind::Xlsx,
        reason,
    };
    // calamine reads shared strings and styles whole, and a worksheet to its end unless we stop
    // it; the zip reader holds every entry to its declared size, so the declared sizes bound it.
    let cap = unpacked_limit(limits);
    let mut zip = open_zip(bytes).map_err(|e| corrupt(e.to_string()))?;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| corrupt(e.to_string()))?;
        if entry.encrypted() {
            return Err(ExtractError::DocumentEncrypted {
                kind: DocKind::Xlsx,
            });
        }
        let name = String::from_utf8_lossy(entry.name_raw());
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels");
        if is_xml && entry.size() > cap as u64 {
            return Err(corrupt(format!(
                "part {name} unpacks to {} bytes, over the {cap}-byte limit",
                entry.size()
            )));
        }
    }
    drop(zip);

    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let sheets: Vec<String> = worksheets(workbook.sheets_metadata());
    let mut grid = Grid::new(limits.max_cells);
    'sheets: for name in sheets {
        let mut cells = match workbook.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            Err(e) => return partial(out, corrupt(format!("sheet {name}: {e}"))),
        };
        grid.start_sheet(cells.dimensions().start.1);
        loop {
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let (row, col) = cell.get_position();
                    if !grid.cell(out, row, col, display_ref(cell.get_value()).as_deref()) {
                        break 'sheets;
                    }
                }
                Ok(None) => break,
                Err(e) => return partial(out, corrupt(format!("sheet {name}: {e}"))),
            }
        }
    }
    Ok(())
}

/// XLS (BIFF5/8): the workbook stream is pre-scanned so no sheet expands past `8 × max_cells`
/// (calamine builds every sheet as a dense grid when it opens the file), then read.
pub(super) fn read_xls(
    bytes: &[u8],
    limits: &DocLimits,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let corrupt = |reason: String| ExtractError::Document {
        kind: DocKind::Xls,
        reason,
    };
    let stream = ole::workbook_stream(bytes, limits.max_bytes).map_err(corrupt)?;
    let max_area = (limits.max_cells as u64).saturating_mul(8).max(1 << 16);
    ole::check_biff_area(&stream, max_area).map_err(|problem| match problem {
        ole::BiffProblem::Encrypted => ExtractError::DocumentEncrypted { kind: DocKind::Xls },
        ole::BiffProblem::TooLarge(reason) => corrupt(reason),
    })?;
    drop(stream);

    let mut workbook: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => ExtractError::DocumentEncrypted { kind: DocKind::Xls },
        e => corrupt(e.to_string()),
    })?;
    let sheets: Vec<String> = worksheets(workbook.sheets_metadata());
    let mut grid = Grid::new(limits.max_cells);
    'sheets: for name in sheets {
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => return partial(out, corrupt(format!("sheet {name}: {e}"))),
        };
        let Some((row0, col0)) = range.start() else {
            continue;
        };
        grid.start_sheet(col0);
        for (r, c, value) in range.used_cells() {
            // Positions are relative to the used range; the grid wants absolute ones.
            let (row, col) = (row0 + r as u32, col0 + c as u32);
            if !grid.cell(out, row, col, display(value).as_deref()) {
                break 'sheets;
            }
        }
    }
    Ok(())
}

/// Names of the worksheets (not chart, dialog or macro sheets), in workbook order; hidden ones
/// included, since a hidden sheet is still published.
fn worksheets(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// A sheet that fails after others were read gives what was read, marked truncated.
fn partial(out: &mut TextOut, error: ExtractError) -> Result<(), ExtractError> {
    if out.is_empty() {
        Err(error)
    } else {
        out.mark_truncated();
        Ok(())
    }
}

/// Lays cells out as rows of `\t`-separated values.
struct Grid {
    cells: usize,
    max_cells: usize,
    /// Row of the line being written, in the current sheet.
    row: Option<u32>,
    /// Column (relative to `first_col`) of the last cell written on that line.
    col: u32,
    /// The sheet's first column: rows start there, without leading tabs.
    first_col: u32,
}

impl Grid {
    fn new(max_cells: usize) -> Grid {
        Grid {
            cells: 0,
            max_cells,
            row: None,
            col: 0,
            first_col: 0,
        }
    }

    fn start_sheet(&mut self, first_col: u32) {
        self.row = None;
        self.col = 0;
        self.first_col = first_col;
    }

    fn is_full(&self) -> bool {
        self.cells >= self.max_cells
    }

    /// Writes one cell (nothing for an empty one); `false` when a limit stops the reading.
    fn cell(&mut self, out: &mut TextOut, row: u32, col: u32, value: Option<&str>) -> bool {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            return true;
        };
        if self.is_full() {
            // There is a cell we are not reading.
            out.mark_truncated();
            return false;
        }
        self.cells += 1;
        let col = col.saturating_sub(self.first_col);
        let tabs = match self.row {
            Some(current) if current == row => col.saturating_sub(self.col).max(1),
            current => {
                if current.is_some() {
                    out.push('\n');
                } else if !out.is_empty() {
                    // A new sheet after one with text: end its last row, then a blank line.
                    out.push_str("\n\n");
                }
                self.row = Some(row);
                col
            }
        };
        for _ in 0..tabs {
            out.push('\t');
        }
        self.col = col;
        for c in value.chars() {
            // A row must stay one line (the scanner reads lines).
            out.push(if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            });
        }
        !out.is_full()
    }
}

/// A cell of an XLS sheet as Excel displays it (`None` for an empty cell).
fn display(value: &Data) -> Option<String> {
    Some(match value {
        Data::Empty => return None,
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => bool_text(*b).to_string(),
        Data::DateTime(dt) => date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    })
}

/// A cell of an XLSX sheet as Excel displays it (`None` for an empty cell).
fn display_ref(value: &DataRef<'_>) -> Option<String> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => bool_text(*b).to_string(),
        DataRef::DateTime(dt) => date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    })
}

fn bool_text(b: bool) -> &'static str {
    if b { "TRUE" } else { "FALSE" }
}

/// 2^53: every integer below it is exact in an f64.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// A number as Excel's General format shows it, but never in exponent form: integers that an
/// f64 holds exactly print exactly (`1` not `1.0`; a 16-digit card number stored as a number
/// keeps its digits), anything else is rounded to 15 significant digits as Excel does (an
/// 18-digit ID stored as a number is already `110101199003077000` inside Excel).
pub(crate) fn number(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".to_string();
    }
    if v == v.trunc() && v.abs() < EXACT_INTEGER {
        return format!("{}", v as i64);
    }
    // `{:.14e}` is d.dddddddddddddde±x: 15 significant digits, correctly rounded.
    let scientific = format!("{:.14e}", v.abs());
    let Some((mantissa, exponent)) = scientific.split_once('e') else {
        return v.to_string();
    };
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let mut text = String::new();
    if v < 0.0 {
        text.push('-');
    }
    if exponent < 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
        text.push_str(digits);
    } else {
        let int_len = exponent as usize + 1;
        if digits.len() <= int_len {
            text.push_str(digits);
            text.extend(std::iter::repeat_n('0', int_len - digits.len()));
        } else {
            text.push_str(&digits[..int_len]);
            text.push('.');
            text.push_str(&digits[int_len..]);
        }
    }
    text
}

/// A date cell: `YYYY-MM-DD`, with ` HH:MM:SS` when it has a time; a time alone (serial
/// below 1) as `HH:MM:SS`; a duration as `[h]:MM:SS`.
fn date(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() || (0.0..1.0).contains(&serial) {
        let total = (serial.abs() * 86_400.0).round() as u64;
        let sign = if serial < 0.0 { "-" } else { "" };
        return format!(
            "{sign}{:02}:{:02}:{:02}",
            total / 3600,
            total / 60 % 60,
            total % 60
        );
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}
