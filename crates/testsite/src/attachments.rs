//! Small, real attachments (PDF, DOCX, XLSX) with Chinese text, as government sites publish
//! them (公示名单, 通知), plus a test oracle that reads the text back out.
//!
//! Every writer is deterministic: the same input gives identical bytes. Zip entries are stored
//! (the workspace builds `zip` without compression features) and dated 1980-01-01 00:00:00, the
//! earliest date the zip format can hold, so nothing depends on the clock.
//!
//! ```
//! use xunwang_testsite::attachments::{attachment_text, xlsx};
//!
//! let rows = vec![
//!     vec!["姓名".to_string(), "单位".to_string()],
//!     vec!["张三".to_string(), "区教育局".to_string()],
//! ];
//! let bytes = xlsx("公示名单", &rows);
//! assert_eq!(attachment_text(&bytes).unwrap(), "姓名\n单位\n张三\n区教育局");
//! ```

use std::fmt::Write as _;
use std::io::{Cursor, Read as _, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

/// A PDF (one A4 page for typical inputs) whose text can be extracted, Chinese included.
///
/// The title is set in 16 pt, the paragraphs in 12 pt; long paragraphs wrap at 38 CJK
/// characters (28 for the title) and a `\n` inside a paragraph starts a new one. Text that does
/// not fit on one A4 page continues on further pages rather than being cut off. Characters
/// outside the Basic Multilingual Plane become `?`, control characters become spaces.
pub fn pdf(title: &str, paragraphs: &[String]) -> Vec<u8> {
    pdf::write(title, paragraphs)
}

/// A minimal valid .docx (WordprocessingML) with a title paragraph and body paragraphs.
///
/// A `\n` inside a paragraph becomes a line break (`<w:br/>`).
pub fn docx(title: &str, paragraphs: &[String]) -> Vec<u8> {
    let mut body = String::new();
    body.push_str(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>\
         <w:rFonts w:eastAsia=\"宋体\"/><w:b/><w:sz w:val=\"32\"/></w:rPr>",
    );
    push_docx_text(&mut body, title);
    body.push_str("</w:r></w:p>");
    for paragraph in paragraphs {
        body.push_str("<w:p><w:r><w:rPr><w:rFonts w:eastAsia=\"宋体\"/></w:rPr>");
        push_docx_text(&mut body, paragraph);
        body.push_str("</w:r></w:p>");
    }
    let document = format!(
        "{XML_DECL}<w:document xmlns:w=\"{NS_W}\"><w:body>{body}<w:sectPr>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    let content_types = format!(
        "{XML_DECL}<Types xmlns=\"{NS_CT}\">{CT_DEFAULTS}<Override PartName=\"/word/document.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         </Types>"
    );
    zip_parts(&[
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", &package_rels("word/document.xml")),
        ("word/document.xml", &document),
    ])
}

/// A minimal valid .xlsx with one sheet; the first row is the header.
///
/// Cells are inline strings (`t="inlineStr"`), so no shared-strings table is needed and
/// identity or phone numbers keep every digit. The sheet name is made valid for Excel: the
/// characters `[]:*?/\` become `_`, it is cut to 31 characters, and an empty name becomes `Sheet1`.
pub fn xlsx(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut sheet_data = String::new();
    for (r, row) in rows.iter().enumerate() {
        let _ = write!(sheet_data, "<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let _ = write!(
                sheet_data,
                "<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                column_name(c),
                r + 1,
                xml_escape(cell)
            );
        }
        sheet_data.push_str("</row>");
    }
    let sheet = format!(
        "{XML_DECL}<worksheet xmlns=\"{NS_SHEET}\"><sheetData>{sheet_data}</sheetData></worksheet>"
    );
    let workbook = format!(
        "{XML_DECL}<workbook xmlns=\"{NS_SHEET}\" xmlns:r=\"{NS_R}\"><sheets>\
         <sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        xml_escape(&sheet_title(sheet_name))
    );
    let workbook_rels = format!(
        "{XML_DECL}<Relationships xmlns=\"{NS_PKG_RELS}\"><Relationship Id=\"rId1\" \
         Type=\"{NS_R}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
    );
    let content_types = format!(
        "{XML_DECL}<Types xmlns=\"{NS_CT}\">{CT_DEFAULTS}<Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/worksheets/sheet1.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
         </Types>"
    );
    zip_parts(&[
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", &package_rels("xl/workbook.xml")),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", &workbook_rels),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

/// Test oracle: the text inside an attachment made by this module's writers, one paragraph or cell a line.
///
/// PDF, DOCX and XLSX are told apart by their magic bytes and parts. For a PDF or DOCX the
/// title comes first, then each paragraph (wrapped PDF lines are joined again); for an XLSX each
/// cell in row order. Returns `None` when the bytes are none of these.
pub fn attachment_text(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"%PDF-") {
        return Some(pdf::text(bytes));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut read_part = |name: &str| -> Option<String> {
        let mut text = String::new();
        archive.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    if let Some(document) = read_part("word/document.xml") {
        let text = document
            .replace("<w:br/>", "<w:t>\n</w:t>")
            .replace("</w:p>", "</w:p>\u{0}");
        let paragraphs: Vec<String> = text
            .split('\u{0}')
            .filter(|p| p.contains("<w:p>"))
            .map(|p| element_texts(p, "w:t").concat())
            .collect();
        return Some(paragraphs.join("\n"));
    }
    let sheet = read_part("xl/worksheets/sheet1.xml")?;
    Some(element_texts(&sheet, "t").join("\n"))
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_SHEET: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_CT: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const NS_PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_DEFAULTS: &str = "<Default Extension=\"rels\" \
    ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
    <Default Extension=\"xml\" ContentType=\"application/xml\"/>";

/// `_rels/.rels` pointing at the main part of an OOXML package.
fn package_rels(main_part: &str) -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{NS_PKG_RELS}\"><Relationship Id=\"rId1\" \
         Type=\"{NS_R}/officeDocument\" Target=\"{main_part}\"/></Relationships>"
    )
}

/// A zip archive of the given parts, in order, with every varying header field pinned.
fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        // Only fixed part names and in-memory writes: these cannot fail.
        writer
            .start_file(*name, options)
            .expect("zip part name is valid");
        writer
            .write_all(content.as_bytes())
            .expect("writing to memory");
    }
    writer.finish().expect("writing to memory").into_inner()
}

/// Appends `<w:t>` runs for `text`, turning each `\n` into `<w:br/>`.
fn push_docx_text(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(
            out,
            "<w:t xml:space=\"preserve\">{}</w:t>",
            xml_escape(line)
        );
    }
}

/// Escapes text for XML content or attribute values; characters XML 1.0 forbids become spaces.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(ch),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`xml_escape`] (and numeric character references).
fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(ch) => {
                out.push(ch);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The unescaped contents of every `<tag>` or `<tag …>` element in `xml`, in order.
fn element_texts(xml: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut texts = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        rest = &rest[start + open.len()..];
        // Skip `<tagx…`, a longer tag name with the same prefix.
        if !rest.starts_with(['>', ' ']) {
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        if rest[..gt].ends_with('/') {
            texts.push(String::new());
            rest = &rest[gt + 1..];
            continue;
        }
        let Some(end) = rest.find(&close) else { break };
        texts.push(xml_unescape(&rest[gt + 1..end]));
        rest = &rest[end + close.len()..];
    }
    texts
}

/// Spreadsheet column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA.
fn column_name(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// A sheet name Excel accepts: no `[]:*?/\`, not wrapped in `'`, 1 to 31 characters.
fn sheet_title(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed: String = cleaned.trim_matches('\'').chars().take(31).collect();
    let trimmed = trimmed.trim_end_matches('\'');
    if trimmed.trim().is_empty() {
        "Sheet1".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The hand-written PDF 1.4 writer and its reader.
mod pdf {
    use std::fmt::Write as _;

    /// Page size (A4) and layout, in points.
    const PAGE_WIDTH: u32 = 595;
    const PAGE_HEIGHT: u32 = 842;
    const LEFT: u32 = 70;
    const TOP_BASELINE: u32 = 754;
    const BOTTOM: u32 = 72;

    /// One line style: font size, leading, extra space before a paragraph, wrap width in ems.
    struct Style {
        size: u32,
        leading: u32,
        gap: u32,
        width_ems: u32,
    }
    const TITLE: Style = Style {
        size: 16,
        leading: 24,
        gap: 0,
        width_ems: 28,
    };
    const BODY: Style = Style {
        size: 12,
        leading: 18,
        gap: 6,
        width_ems: 38,
    };
    /// Extra space between the title and the first paragraph.
    const TITLE_GAP: u32 = 12;

    /// One laid-out line of text.
    struct Line<'s> {
        style: &'s Style,
        text: String,
        starts_paragraph: bool,
        gap: u32,
    }

    /// Object numbers of the fixed objects; pages and their content streams follow.
    const CATALOG: usize = 1;
    const PAGES: usize = 2;
    const FONT: usize = 3;
    const CID_FONT: usize = 4;
    const DESCRIPTOR: usize = 5;
    const TO_UNICODE: usize = 6;
    const INFO: usize = 7;
    const FIRST_PAGE: usize = 8;

    pub(super) fn write(title: &str, paragraphs: &[String]) -> Vec<u8> {
        let mut lines = Vec::new();
        layout(&mut lines, &TITLE, title, 0);
        let mut gap = TITLE_GAP;
        for paragraph in paragraphs {
            layout(&mut lines, &BODY, paragraph, gap);
            gap = BODY.gap;
        }
        let pages = paginate(&lines);

        let mut objects: Vec<Vec<u8>> = Vec::new();
        let kids: Vec<String> = (0..pages.len())
            .map(|i| format!("{} 0 R", FIRST_PAGE + 2 * i))
            .collect();
        objects.push(format!("<< /Type /Catalog /Pages {PAGES} 0 R /Lang (zh-CN) >>").into());
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                pages.len()
            )
            .into(),
        );
        // Adobe's standard CJK font, not embedded (ISO 32000-1 9.7.5.2, 9.7.6.2); `/W` gives the
        // proportional Latin glyphs (CIDs 1-95, where UniGB-UCS2-H maps U+0020-007E) half width.
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
                 /DescendantFonts [{CID_FONT} 0 R] /ToUnicode {TO_UNICODE} 0 R >>"
            )
            .into(),
        );
        objects.push(
            format!(
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
                 /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
                 /FontDescriptor {DESCRIPTOR} 0 R /DW 1000 /W [1 95 500] >>"
            )
            .into(),
        );
        objects.push(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
              /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
              /CapHeight 880 /StemV 93 >>"
                .to_vec(),
        );
        objects.push(stream(to_unicode_cmap().as_bytes()));
        objects.push(
            format!(
                "<< /Title <FEFF{}> /Producer (xunwang-testsite) >>",
                ucs2_hex(title)
            )
            .into(),
        );
        for (i, page) in pages.iter().enumerate() {
            objects.push(
                format!(
                    "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                     /Resources << /Font << /F1 {FONT} 0 R >> >> /Contents {} 0 R >>",
                    FIRST_PAGE + 2 * i + 1
                )
                .into(),
            );
            objects.push(stream(page_content(page).as_bytes()));
        }

        // Binary comment after the header marks the file as binary for transfer tools.
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for offset in offsets {
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }

    /// Wraps one paragraph (a `\n` inside starts another) into lines of `style`.
    fn layout<'s>(lines: &mut Vec<Line<'s>>, style: &'s Style, text: &str, gap: u32) {
        for (i, part) in text.split('\n').enumerate() {
            let gap = if i == 0 { gap } else { style.gap };
            let mut wrapped = wrap(&printable(part), style.width_ems * 2).into_iter();
            let first = wrapped.next().unwrap_or_default();
            lines.push(Line {
                style,
                text: first,
                starts_paragraph: true,
                gap,
            });
            lines.extend(wrapped.map(|text| Line {
                style,
                text,
                starts_paragraph: false,
                gap: 0,
            }));
        }
    }

    /// What the PDF can show: `?` for characters beyond UCS-2, spaces for control characters.
    fn printable(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                c if u32::from(c) > 0xFFFF => '?',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect()
    }

    /// Width in half-ems: ASCII is half width (`/W [1 95 500]`), everything else full width.
    fn half_ems(c: char) -> u32 {
        if c.is_ascii() { 1 } else { 2 }
    }

    /// Greedy wrap to `limit` half-ems that keeps runs of ASCII (numbers, words) together when
    /// they fit on a line, so an ID number is not split. Spaces stay at the end of the line, so
    /// joining the lines gives the text back.
    fn wrap(text: &str, limit: u32) -> Vec<String> {
        let mut tokens: Vec<String> = Vec::new();
        for c in text.chars() {
            let joins = c.is_ascii_graphic()
                && tokens
                    .last()
                    .is_some_and(|t| t.chars().all(|t| t.is_ascii_graphic()));
            match tokens.last_mut() {
                Some(last) if joins => last.push(c),
                _ => tokens.push(c.to_string()),
            }
        }
        let mut lines = vec![String::new()];
        let mut used = 0;
        for token in tokens {
            let width: u32 = token.chars().map(half_ems).sum();
            let is_space = token == " ";
            if used + width > limit && used > 0 && !is_space {
                lines.push(String::new());
                used = 0;
            }
            for c in token.chars() {
                if used + half_ems(c) > limit && used > 0 && !is_space {
                    lines.push(String::new());
                    used = 0;
                }
                lines.last_mut().expect("lines is never empty").push(c);
                used += half_ems(c);
            }
        }
        lines
    }

    /// Splits lines into pages; a paragraph gap at the top of a page is dropped.
    fn paginate<'a, 's>(lines: &'a [Line<'s>]) -> Vec<&'a [Line<'s>]> {
        let mut pages = Vec::new();
        let (mut start, mut y) = (0, TOP_BASELINE + TITLE.leading);
        for (i, line) in lines.iter().enumerate() {
            let step = line.style.leading + line.gap;
            if i > start && y < BOTTOM + step {
                pages.push(&lines[start..i]);
                start = i;
                y = TOP_BASELINE + line.style.leading;
            }
            y -= if i == start { line.style.leading } else { step };
        }
        pages.push(&lines[start..]);
        pages
    }

    /// A page's content stream. Each line is one `Tj`, moved to by `T*` when it continues a
    /// paragraph and by `0 -d Td` when it starts one; [`text`] relies on exactly that.
    fn page_content(lines: &[Line]) -> String {
        let first = lines.first().map_or(&BODY, |l| l.style);
        let mut out = format!(
            "BT\n/F1 {} Tf\n{} TL\n{LEFT} {} Td\n",
            first.size,
            first.leading,
            TOP_BASELINE + first.leading
        );
        let mut size = first.size;
        for (i, line) in lines.iter().enumerate() {
            if line.style.size != size {
                size = line.style.size;
                let _ = write!(out, "/F1 {size} Tf\n{} TL\n", line.style.leading);
            }
            if line.starts_paragraph {
                let gap = if i == 0 { 0 } else { line.gap };
                let _ = writeln!(out, "0 -{} Td", line.style.leading + gap);
            } else {
                out.push_str("T*\n");
            }
            let _ = writeln!(out, "<{}> Tj", ucs2_hex(&line.text));
        }
        out.push_str("ET\n");
        out
    }

    /// Upper-case hex of the UCS-2BE code units of `text` (which must be BMP-only).
    fn ucs2_hex(text: &str) -> String {
        let mut hex = String::with_capacity(text.len() * 4);
        for unit in printable(text).encode_utf16() {
            let _ = write!(hex, "{unit:04X}");
        }
        hex
    }

    /// An uncompressed stream object body.
    fn stream(data: &[u8]) -> Vec<u8> {
        let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream");
        out
    }

    /// Identity ToUnicode CMap for 2-byte UCS-2 codes. A bfrange may not cross a change of the
    /// first byte (ISO 32000-1 9.10.3), hence one range per high byte, at most 100 per block.
    pub(super) fn to_unicode_cmap() -> String {
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let highs: Vec<u32> = (0..=0xFF).collect();
        for block in highs.chunks(100) {
            let _ = writeln!(out, "{} beginbfrange", block.len());
            for high in block {
                let _ = writeln!(out, "<{high:02X}00> <{high:02X}FF> <{high:02X}00>");
            }
            out.push_str("endbfrange\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
        out
    }

    /// Reads back what [`write`] wrote: each `Tj` string, joined into paragraphs by the rule in
    /// [`page_content`]. Not a general PDF text extractor.
    pub(super) fn text(bytes: &[u8]) -> String {
        let mut paragraphs: Vec<String> = Vec::new();
        let mut rest = bytes;
        while let Some(start) = find(rest, b"stream\n") {
            rest = &rest[start + b"stream\n".len()..];
            let Some(end) = find(rest, b"\nendstream") else {
                break;
            };
            let content = String::from_utf8_lossy(&rest[..end]);
            rest = &rest[end + b"\nendstream".len()..];
            if content.contains("begincmap") {
                continue;
            }
            let mut new_paragraph = true;
            let mut positioned = false;
            let mut operand = "";
            for token in content.split_ascii_whitespace() {
                match token {
                    "BT" => positioned = false,
                    "Td" if !positioned => positioned = true,
                    "Td" => new_paragraph = true,
                    "Tj" => {
                        let line = decode_ucs2_hex(operand);
                        match paragraphs.last_mut() {
                            Some(last) if !new_paragraph => last.push_str(&line),
                            _ => paragraphs.push(line),
                        }
                        new_paragraph = false;
                    }
                    _ => operand = token,
                }
            }
        }
        paragraphs.join("\n")
    }

    /// Decodes `<hex>` UCS-2BE; anything malformed becomes U+FFFD.
    fn decode_ucs2_hex(token: &str) -> String {
        let hex = token.trim_start_matches('<').trim_end_matches('>');
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .map(|c| {
                std::str::from_utf8(c)
                    .ok()
                    .and_then(|s| u16::from_str_radix(s, 16).ok())
                    .unwrap_or(0xFFFD)
            })
            .collect();
        String::from_utf16_lossy(&units)
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID_NUMBER: &str = "110101199003077777";
    const MOBILE: &str = "13812345678";

    fn paragraphs() -> Vec<String> {
        vec![
            "根据《关于开展2024年度优秀教师评选工作的通知》要求，经学校推荐、区教育局审核，现将拟表彰人员名单予以公示。".to_string(),
            format!("张三，身份证号{ID_NUMBER}，联系电话{MOBILE}。"),
            "公示期为2024年5月6日至5月12日，如有异议请与区教育局人事科联系。".to_string(),
        ]
    }

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "序号".into(),
                "姓名".into(),
                "身份证号".into(),
                "联系电话".into(),
            ],
            vec!["1".into(), "张三".into(), ID_NUMBER.into(), MOBILE.into()],
            vec![
                "2".into(),
                "李四".into(),
                "110101198511110000".into(),
                "13900001111".into(),
            ],
        ]
    }

    fn expected_document_text(title: &str, paragraphs: &[String]) -> String {
        std::iter::once(title.to_string())
            .chain(paragraphs.iter().cloned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn part_names(bytes: &[u8]) -> Vec<String> {
        let archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect()
    }

    #[test]
    fn same_input_gives_identical_bytes_in_every_format() {
        let p = paragraphs();
        assert_eq!(pdf("关于公示的通知", &p), pdf("关于公示的通知", &p));
        assert_eq!(docx("关于公示的通知", &p), docx("关于公示的通知", &p));
        assert_eq!(xlsx("公示名单", &rows()), xlsx("公示名单", &rows()));
        assert_ne!(pdf("关于公示的通知", &p), pdf("关于公示的通知 ", &p));
    }

    #[test]
    fn pdf_text_recovers_chinese_id_number_and_mobile() {
        let p = paragraphs();
        let text = attachment_text(&pdf("2024年度优秀教师拟表彰名单公示", &p)).unwrap();
        assert_eq!(
            text,
            expected_document_text("2024年度优秀教师拟表彰名单公示", &p)
        );
        assert!(text.contains(ID_NUMBER) && text.contains(MOBILE) && text.contains("区教育局"));
    }

    #[test]
    fn pdf_wraps_long_paragraphs_and_the_oracle_joins_them_again() {
        let long = "这是一段很长的通知正文，".repeat(10);
        let bytes = pdf("通知", std::slice::from_ref(&long));
        let content = String::from_utf8_lossy(&bytes);
        assert!(
            content.matches(" Tj").count() >= 4,
            "long paragraph was not wrapped"
        );
        assert!(content.contains("T*\n"));
        assert_eq!(attachment_text(&bytes).unwrap(), format!("通知\n{long}"));
    }

    #[test]
    fn pdf_keeps_an_id_number_on_one_line_when_wrapping() {
        let paragraph = format!("{}{ID_NUMBER}", "公".repeat(30));
        let bytes = pdf("通知", &[paragraph]);
        let hex: String = ID_NUMBER
            .chars()
            .map(|c| format!("{:04X}", u32::from(c)))
            .collect();
        assert!(String::from_utf8_lossy(&bytes).contains(&format!("<{hex}> Tj")));
    }

    #[test]
    fn pdf_that_overflows_a_page_continues_on_the_next_and_reads_back_whole() {
        let many: Vec<String> = (1..=80)
            .map(|i| format!("第{i}名：王{i}，电话{MOBILE}"))
            .collect();
        let bytes = pdf("名单", &many);
        assert!(String::from_utf8_lossy(&bytes).contains("/Count 3 "));
        assert_eq!(
            attachment_text(&bytes).unwrap(),
            expected_document_text("名单", &many)
        );
    }

    #[test]
    fn pdf_replaces_characters_outside_the_bmp_and_keeps_empty_paragraphs() {
        let bytes = pdf("表情😀", &["".to_string(), "𠀀字".to_string()]);
        assert_eq!(attachment_text(&bytes).unwrap(), "表情?\n\n?字");
    }

    #[test]
    fn pdf_xref_offsets_point_at_their_objects() {
        let bytes = pdf("关于公示的通知", &paragraphs());
        // One char per byte, so string offsets are byte offsets (the header comment is binary).
        let text: String = bytes
            .iter()
            .map(|&b| if b.is_ascii() { char::from(b) } else { '~' })
            .collect();
        let startxref: usize = text
            .rsplit_once("startxref\n")
            .unwrap()
            .1
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[startxref..].starts_with("xref\n0 "));
        let mut lines = text[startxref..].lines().skip(1);
        let count: usize = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert!(count > 8);
        let entries: Vec<&str> = lines.take(count).collect();
        assert_eq!(entries[0], "0000000000 65535 f ");
        for (number, entry) in entries.iter().enumerate().skip(1) {
            assert_eq!(
                entry.len(),
                19,
                "xref entry {number} is not 20 bytes with LF"
            );
            assert!(entry.ends_with(" 00000 n "));
            let offset: usize = entry[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{number} 0 obj\n")),
                "xref entry {number} points at {:?}",
                &text[offset..offset + 12]
            );
        }
        assert!(text.contains(&format!("trailer\n<< /Size {count} /Root 1 0 R")));
        assert!(text.ends_with("%%EOF\n"));
    }

    #[test]
    fn pdf_stream_lengths_match_their_data() {
        let bytes = pdf("关于公示的通知", &paragraphs());
        let text = String::from_utf8_lossy(&bytes);
        let mut streams = 0;
        for (i, _) in text.match_indices("<< /Length ") {
            let rest = &text[i + "<< /Length ".len()..];
            let length: usize = rest[..rest.find(' ').unwrap()].parse().unwrap();
            let data = &rest[rest.find("stream\n").unwrap() + "stream\n".len()..];
            assert!(data[length..].starts_with("\nendstream"));
            streams += 1;
        }
        assert_eq!(streams, 2, "one ToUnicode CMap and one page content stream");
    }

    #[test]
    fn pdf_to_unicode_ranges_stay_within_one_high_byte_and_blocks_hold_at_most_100() {
        let cmap = pdf::to_unicode_cmap();
        let blocks: Vec<usize> = cmap
            .lines()
            .filter_map(|l| l.strip_suffix(" beginbfrange"))
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(blocks, [100, 100, 56]);
        for line in cmap
            .lines()
            .filter(|l| l.starts_with('<') && l.matches('<').count() == 3)
        {
            let codes: Vec<&str> = line
                .split(' ')
                .map(|c| c.trim_matches(['<', '>']))
                .collect();
            assert_eq!(
                codes[0][..2],
                codes[1][..2],
                "range {line} crosses a high byte"
            );
            assert_eq!(codes[0], codes[2], "range {line} is not identity");
        }
    }

    #[test]
    fn docx_text_recovers_chinese_id_number_and_mobile() {
        let p = paragraphs();
        let bytes = docx("关于2024年度优秀教师拟表彰名单的公示", &p);
        let text = attachment_text(&bytes).unwrap();
        assert_eq!(
            text,
            expected_document_text("关于2024年度优秀教师拟表彰名单的公示", &p)
        );
        assert!(text.contains(ID_NUMBER) && text.contains(MOBILE));
    }

    #[test]
    fn xlsx_text_recovers_every_cell_including_full_id_numbers() {
        let text = attachment_text(&xlsx("公示名单", &rows())).unwrap();
        let cells: Vec<String> = rows().concat();
        assert_eq!(text, cells.join("\n"));
        assert!(text.contains(ID_NUMBER) && text.contains(MOBILE));
    }

    #[test]
    fn xml_special_characters_survive_a_round_trip() {
        let tricky = "A&B <公司> \"名称\" 'x' a<b>c &amp;".to_string();
        let docx_text = attachment_text(&docx(&tricky, std::slice::from_ref(&tricky))).unwrap();
        assert_eq!(docx_text, format!("{tricky}\n{tricky}"));
        let xlsx_text = attachment_text(&xlsx("名单", &[vec![tricky.clone()]])).unwrap();
        assert_eq!(xlsx_text, tricky);
        let pdf_text = attachment_text(&pdf(&tricky, &[])).unwrap();
        assert_eq!(pdf_text, tricky);
    }

    #[test]
    fn docx_line_breaks_read_back_as_newlines() {
        let bytes = docx("通知", &["第一行\n第二行".to_string()]);
        assert_eq!(attachment_text(&bytes).unwrap(), "通知\n第一行\n第二行");
    }

    #[test]
    fn zip_archives_open_with_the_zip_reader_and_hold_the_expected_parts() {
        assert_eq!(
            part_names(&docx("通知", &paragraphs())),
            ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        );
        assert_eq!(
            part_names(&xlsx("公示名单", &rows())),
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml"
            ]
        );
        let bytes = xlsx("公示名单", &rows());
        let mut archive = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let entry = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
        assert_eq!(entry.last_modified(), Some(DateTime::DEFAULT));
    }

    #[test]
    fn xlsx_cell_references_run_a_to_z_then_aa() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        let row: Vec<String> = (0..28).map(|i| i.to_string()).collect();
        let bytes = xlsx("宽表", &[row]);
        let mut sheet = String::new();
        let mut archive = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut entry = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
        entry.read_to_string(&mut sheet).unwrap();
        assert!(sheet.contains("<c r=\"A1\"") && sheet.contains("<c r=\"AB1\""));
    }

    #[test]
    fn sheet_names_are_sanitised_for_excel() {
        assert_eq!(sheet_title("2024/05 [名单]: *?\\"), "2024_05 _名单__ ___");
        assert_eq!(sheet_title(&"名".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_title(""), "Sheet1");
        assert_eq!(sheet_title("'公示'"), "公示");
        let bytes = xlsx("A&B:名单", &[]);
        let mut workbook = String::new();
        let mut archive = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        archive
            .by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook)
            .unwrap();
        assert!(workbook.contains("name=\"A&amp;B_名单\""));
    }

    #[test]
    fn bytes_that_are_not_an_attachment_give_none() {
        assert_eq!(
            attachment_text("<html><body>通知</body></html>".as_bytes()),
            None
        );
        assert_eq!(attachment_text(b""), None);
        assert_eq!(attachment_text(b"PK\x03\x04 truncated zip"), None);
        let mut other_zip = ZipWriter::new(Cursor::new(Vec::new()));
        other_zip
            .start_file("readme.txt", SimpleFileOptions::default())
            .unwrap();
        other_zip.write_all("说明".as_bytes()).unwrap();
        assert_eq!(
            attachment_text(&other_zip.finish().unwrap().into_inner()),
            None
        );
    }
}
