//! Word 2007+ (`.docx`, WordprocessingML, ECMA-376 Part 1 §17) to text: the main document
//! part, streamed, one paragraph per line.

use std::io::{BufRead, BufReader, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::QName;
use quick_xml::reader::Reader;

use super::{DocLimits, TextOut, open_zip, unpacked_limit};
use crate::{DocKind, ExtractError};

/// The OOXML kind of a zip package: `word/` parts make a document, `xl/` parts a workbook.
pub(super) fn sniff_package(bytes: &[u8]) -> Option<DocKind> {
    catch_unwind(AssertUnwindSafe(|| {
        let zip = open_zip(bytes).ok()?;
        let (mut word, mut xl) = (false, false);
        for name in zip.file_names_raw() {
            let name = name.to_ascii_lowercase();
            word |= name.starts_with(b"word/");
            xl |= name.starts_with(b"xl/");
        }
        match (word, xl) {
            (true, _) => Some(DocKind::Docx),
            (false, true) => Some(DocKind::Xlsx),
            _ => None,
        }
    }))
    .ok()
    .flatten()
}

/// Where the package's relationships say the main document is.
const PACKAGE_RELS: &str = "_rels/.rels";
/// Where it almost always is.
const DEFAULT_MAIN: &str = "word/document.xml";

pub(super) fn read(
    bytes: &[u8],
    limits: &DocLimits,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let corrupt = |reason: String| ExtractError::Document {
        kind: DocKind::Docx,
        reason,
    };
    let mut zip = open_zip(bytes).map_err(|e| corrupt(e.to_string()))?;
    let main = zip
        .index_for_name(PACKAGE_RELS)
        .and_then(|i| zip.by_index(i).ok())
        .and_then(|rels| main_part(BufReader::new(rels.take(1 << 20))))
        .filter(|part| zip.index_for_name(part).is_some())
        .unwrap_or_else(|| DEFAULT_MAIN.to_string());
    let index = zip
        .index_for_name(&main)
        .ok_or_else(|| corrupt(format!("no main document part ({main})")))?;
    if zip
        .by_index_raw(index)
        .map_err(|e| corrupt(e.to_string()))?
        .encrypted()
    {
        return Err(ExtractError::DocumentEncrypted {
            kind: DocKind::Docx,
        });
    }
    let part = zip.by_index(index).map_err(|e| corrupt(e.to_string()))?;
    // The zip reader stops an entry at its declared size, so only that size can exceed the cap.
    let cap = unpacked_limit(limits) as u64;
    let cut = part.size() > cap;
    let result = body_text(BufReader::new(part.take(cap)), out);
    if cut {
        out.mark_truncated();
    }
    match result {
        Ok(()) => Ok(()),
        // A part cut short (by us or by a truncated download) ends mid-element: keep the text.
        Err(_) if cut || !out.is_empty() => {
            out.mark_truncated();
            Ok(())
        }
        Err(e) => Err(corrupt(format!("{main}: {e}"))),
    }
}

/// The `Target` of the `officeDocument` relationship in `_rels/.rels`, as a zip entry name.
fn main_part(rels: impl BufRead) -> Option<String> {
    let mut reader = Reader::from_reader(rels);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let attr = |key: &str| {
                    e.try_get_attribute(key).ok().flatten().and_then(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    })
                };
                // Transitional and Strict OOXML differ in the namespace, not the last segment.
                if attr("Type").is_some_and(|t| t.ends_with("/officeDocument")) {
                    return attr("Target").map(|t| t.trim_start_matches('/').to_string());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// A table being read: the separators its cells and rows need.
#[derive(Default)]
struct Table {
    /// Cells started in the current row.
    cells: usize,
    /// The current cell has text.
    cell_has_text: bool,
    /// A paragraph of the current cell ended; the next text is joined with a space.
    paragraph_ended: bool,
}

/// Streams WordprocessingML body text into `out`.
fn body_text(xml: impl BufRead, out: &mut TextOut) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut skip_buf = Vec::new();
    let mut in_text = false;
    let mut run_depth = 0usize;
    let mut tables: Vec<Table> = Vec::new();
    while !out.is_full() {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                // w:t, and a:t / m:t (drawing and math text) the same way.
                "t" => in_text = true,
                "r" => run_depth += 1,
                "tbl" => tables.push(Table::default()),
                "tr" => {
                    if let Some(table) = tables.last_mut() {
                        table.cells = 0;
                    }
                }
                "tc" => start_cell(&mut tables, out),
                // mc:AlternateContent repeats a text box as a VML fallback: read it once.
                "Fallback" => {
                    let name = e.name().as_ref().to_string();
                    reader.read_to_end_into(QName(&name), &mut skip_buf)?;
                    skip_buf.clear();
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                // Tab stops (w:pPr/w:tabs/w:tab) are not text: only tabs inside runs count.
                "tab" | "ptab" if run_depth > 0 => push_text(&mut tables, out, "\t"),
                // A break inside a table cell cannot end the row's line.
                "br" | "cr" if run_depth > 0 => {
                    let brk = if tables.is_empty() { "\n" } else { " " };
                    push_text(&mut tables, out, brk);
                }
                "noBreakHyphen" if run_depth > 0 => push_text(&mut tables, out, "-"),
                "p" => end_paragraph(&mut tables, out),
                "tc" => start_cell(&mut tables, out),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "r" => run_depth = run_depth.saturating_sub(1),
                "p" => end_paragraph(&mut tables, out),
                "tr" => {
                    // A nested table's row stays inside the outer cell's line.
                    let brk = if tables.len() > 1 { " " } else { "\n" };
                    out.push_str(brk);
                }
                "tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Text(text) if in_text => {
                push_text(&mut tables, out, &text.xml_content(XmlVersion::Implicit1_0));
            }
            Event::CData(text) if in_text => push_text(&mut tables, out, &text.into_inner()),
            Event::GeneralRef(reference) if in_text => {
                let c = match reference.resolve_char_ref()? {
                    Some(c) => Some(c),
                    None => match reference.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut tables, out, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

fn start_cell(tables: &mut [Table], out: &mut TextOut) {
    if let Some(table) = tables.last_mut() {
        if table.cells > 0 {
            out.push('\t');
        }
        table.cells += 1;
        table.cell_has_text = false;
        table.paragraph_ended = false;
    }
}

/// Outside tables a paragraph is a line; inside a cell, paragraphs are joined by a space.
fn end_paragraph(tables: &mut [Table], out: &mut TextOut) {
    match tables.last_mut() {
        Some(table) => table.paragraph_ended = true,
        None => out.push('\n'),
    }
}

fn push_text(tables: &mut [Table], out: &mut TextOut, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(table) = tables.last_mut() {
        if table.paragraph_ended && table.cell_has_text {
            out.push(' ');
        }
        table.paragraph_ended = false;
        table.cell_has_text = true;
    }
    out.push_str(text);
}
