//! DOCX writer: the blocks as a Chinese official document (党政机关公文格式, GB/T 9704-2012):
//! A4, margins 37/35/28/26 mm, title in 小标宋 二号, body in 仿宋 三号 with a fixed 28.95 pt
//! line pitch (22 lines a page), 黑体/楷体 headings, page numbers "— 1 —" outside in the footer.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Hyperlink, HyperlinkType, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, Shading,
    ShdType, SpecialIndentType, Table as DocxTable, TableCell, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use crate::doc::{Align, Block, Cell, Inline, Table};
use crate::error::ReportError;
use crate::model::{Bulletin, PeriodInfo, SiteScore};

/// Font families written into the DOCX. The defaults are the families GB/T 9704 names
/// ([`DocxFonts::official`]); Word and LibreOffice substitute an installed CJK font when one is
/// missing. [`DocxFonts::common`] uses the families that ship with Chinese Windows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxFonts {
    /// Title (default "方正小标宋简体").
    pub title: String,
    /// Body text (default "仿宋_GB2312").
    pub body: String,
    /// "一、" headings, attachment labels and table headers (default "黑体").
    pub heading1: String,
    /// "（一）" headings (default "楷体_GB2312").
    pub heading2: String,
    /// Latin letters and digits (default "Times New Roman").
    pub latin: String,
    /// Page numbers (default "宋体").
    pub page_number: String,
}

impl DocxFonts {
    /// The families GB/T 9704 names: 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312.
    pub fn official() -> Self {
        DocxFonts {
            title: "方正小标宋简体".into(),
            body: "仿宋_GB2312".into(),
            heading1: "黑体".into(),
            heading2: "楷体_GB2312".into(),
            latin: "Times New Roman".into(),
            page_number: "宋体".into(),
        }
    }

    /// Families present on every Chinese Windows install: 宋体, 仿宋, 黑体, 楷体.
    pub fn common() -> Self {
        DocxFonts {
            title: "宋体".into(),
            body: "仿宋".into(),
            heading2: "楷体".into(),
            ..DocxFonts::official()
        }
    }
}

impl Default for DocxFonts {
    /// [`DocxFonts::official`].
    fn default() -> Self {
        DocxFonts::official()
    }
}

// Sizes in half-points.
const SIZE_TITLE: usize = 44; // 二号 22 pt
const SIZE_BODY: usize = 32; // 三号 16 pt
const SIZE_NOTE: usize = 28; // 四号 14 pt
const SIZE_PAGE_NUMBER: usize = 28; // 四号
/// 小四 12 pt: the bulletin's attachment tables.
const SIZE_TABLE: usize = 24;
/// 五号 10.5 pt: the denser 检查情况表 tables.
const SIZE_TABLE_SMALL: usize = 21;

// Lengths in twips (1/20 pt; 1 mm = 56.69 twips).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN_TOP: i32 = 2098; // 37 mm
const MARGIN_BOTTOM: i32 = 1984; // 35 mm
const MARGIN_LEFT: i32 = 1587; // 28 mm
const MARGIN_RIGHT: i32 = 1474; // 26 mm
const FOOTER_DIST: i32 = 1304; // 23 mm: the page number sits ~7 mm under the text block
const TEXT_WIDTH: u32 = A4_W - MARGIN_LEFT as u32 - MARGIN_RIGHT as u32;
/// 22 lines in the 225 mm text block: 28.95 pt.
const LINE_BODY: i32 = 579;
const LINE_TITLE: i32 = 700; // 35 pt for a two-line title
const LINE_NOTE: i32 = 480;
/// One 三号 character.
const CHAR: i32 = 320;

struct Style<'a> {
    fonts: &'a DocxFonts,
    table_size: usize,
}

/// The bulletin as a .docx in the official fonts ([`DocxFonts::official`]).
pub fn bulletin_docx(b: &Bulletin) -> Result<Vec<u8>, ReportError> {
    bulletin_docx_with_fonts(b, &DocxFonts::default())
}

/// The bulletin as a .docx with the given font families.
pub fn bulletin_docx_with_fonts(b: &Bulletin, fonts: &DocxFonts) -> Result<Vec<u8>, ReportError> {
    let blocks = crate::bulletin::build(b);
    let style = Style {
        fonts,
        table_size: SIZE_TABLE,
    };
    pack(render(&blocks, &style, b.date), "bulletin")
}

/// One site's 检查情况表 as a .docx.
pub fn site_sheet_docx(s: &SiteScore, period: &PeriodInfo) -> Result<Vec<u8>, ReportError> {
    let blocks = crate::sheet::build(s, period);
    let fonts = DocxFonts::default();
    let style = Style {
        fonts: &fonts,
        table_size: SIZE_TABLE_SMALL,
    };
    pack(render(&blocks, &style, period.end), &s.name)
}

fn pack(docx: Docx, document: &str) -> Result<Vec<u8>, ReportError> {
    let err = |message: String| ReportError::Docx {
        document: document.to_owned(),
        message,
    };
    let mut buf = Cursor::new(Vec::new());
    docx.pack(&mut buf).map_err(|e| err(e.to_string()))?;
    repeat_table_headers(&buf.into_inner()).map_err(|e| err(e.to_string()))
}

/// The header row of every table repeats on each page it runs over (`w:tblHeader`), which
/// docx-rs 0.4.22 cannot write: the package is copied with that one element added to the
/// first row of each table. An 88-site 附件 is unreadable from page 2 without it.
fn repeat_table_headers(docx: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};

    const DOCUMENT: &str = "word/document.xml";
    const ROW_PROPS: &str = "<w:trPr><w:cantSplit /></w:trPr>";
    const HEADER_PROPS: &str = "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";
    let mut input = zip::ZipArchive::new(Cursor::new(docx))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len())));
    for n in 0..input.len() {
        let file = input.by_index_raw(n)?;
        if file.name()? != DOCUMENT {
            out.raw_copy_file(file)?;
            continue;
        }
        drop(file);
        let mut xml = String::new();
        input.by_index(n)?.read_to_string(&mut xml)?;
        let mut marked = String::with_capacity(xml.len() + 64);
        let mut rest = xml.as_str();
        while let Some(at) = rest.find("<w:tbl>") {
            let (before, table) = rest.split_at(at);
            marked.push_str(before);
            // Every table's first row is its header (see `table`).
            match table.find(ROW_PROPS) {
                Some(row) => {
                    marked.push_str(&table[..row]);
                    marked.push_str(HEADER_PROPS);
                    rest = &table[row + ROW_PROPS.len()..];
                }
                None => {
                    marked.push_str(table);
                    rest = "";
                }
            }
        }
        marked.push_str(rest);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(DOCUMENT, options)?;
        out.write_all(marked.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

fn fonts(east_asia: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

fn run(text: &str, font: &str, st: &Style<'_>, size: usize) -> Run {
    Run::new()
        .add_text(text)
        .fonts(fonts(font, &st.fonts.latin))
        .size(size)
}

/// Characters of 二号 type on one line of the 156 mm type area (20 in theory; a bold title
/// face's figures are wider than half a character, and LibreOffice wrapped a 20-wide title).
const TITLE_LINE_WIDTH: f64 = 19.0;

/// Where a long title breaks (GB/T 9704: 回行时要做到词意完整，排列对称): before one of these
/// words, so that no line ends mid-word and no line is left with a single character.
const TITLE_BREAKS: &[&str] = &["政府网站", "检查情况", "情况的通报"];

/// A title's lines: one when it fits, else split before the word that balances the lines best.
fn title_lines(t: &str) -> Vec<String> {
    let width = |s: &str| -> f64 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
            .sum()
    };
    if width(t) <= TITLE_LINE_WIDTH {
        return vec![t.to_owned()];
    }
    let best = TITLE_BREAKS
        .iter()
        .filter_map(|w| t.find(w))
        .filter(|&at| at > 0)
        .map(|at| (at, width(&t[..at]).max(width(&t[at..]))))
        .filter(|(_, w)| *w <= TITLE_LINE_WIDTH)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((at, _)) => vec![t[..at].to_owned(), t[at..].to_owned()],
        None => vec![t.to_owned()],
    }
}

fn body_para() -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(LINE_BODY))
        // Two 三号 characters in twips (docx-rs 0.4.22 does not write w:firstLineChars).
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * CHAR)),
            None,
            None,
        )
        .align(AlignmentType::Both)
}

fn empty_line() -> Paragraph {
    Paragraph::new().line_spacing(exact(LINE_BODY))
}

fn inlines(
    mut p: Paragraph,
    parts: &[Inline],
    font: &str,
    st: &Style<'_>,
    size: usize,
) -> Paragraph {
    for part in parts {
        p = match part {
            Inline::Text(t) => p.add_run(run(t, font, st, size)),
            Inline::Link { text, url } => p.add_hyperlink(
                Hyperlink::new(url, HyperlinkType::External)
                    .add_run(run(text, font, st, size).color("1F4E9A")),
            ),
        };
    }
    p
}

/// Display width in 三号 characters: CJK and full-width count 1, ASCII half.
fn width_chars(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum()
}

fn render(blocks: &[Block], st: &Style<'_>, date: chrono::NaiveDate) -> Docx {
    let f = st.fonts;
    let mut d = Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(FOOTER_DIST),
        )
        .default_fonts(fonts(&f.body, &f.latin))
        .default_size(SIZE_BODY)
        .created_at(&format!("{}T00:00:00Z", date.format("%Y-%m-%d")))
        .footer(Footer::new().add_paragraph(page_number(st, AlignmentType::Right)))
        .even_footer(Footer::new().add_paragraph(page_number(st, AlignmentType::Left)));

    for (i, block) in blocks.iter().enumerate() {
        d = match block {
            Block::Title(t) => {
                let lines = title_lines(t);
                let mut title = run(&lines[0], &f.title, st, SIZE_TITLE);
                for line in &lines[1..] {
                    title = title.add_break(BreakType::TextWrapping).add_text(line);
                }
                d = d.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .line_spacing(exact(LINE_TITLE))
                        .add_run(title),
                );
                // GB/T 9704: one empty line between the title and what follows (a subtitle
                // stays directly under the title and takes the empty line itself).
                if matches!(blocks.get(i + 1), Some(Block::Subtitle(_))) {
                    d
                } else {
                    d.add_paragraph(empty_line())
                }
            }
            Block::Subtitle(t) => d
                .add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .line_spacing(exact(LINE_BODY))
                        .add_run(run(t, &f.heading2, st, SIZE_BODY)),
                )
                .add_paragraph(empty_line()),
            Block::Salutation(t) => d.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact(LINE_BODY))
                    .add_run(run(t, &f.body, st, SIZE_BODY)),
            ),
            Block::Heading1(t) => d.add_paragraph(body_para().keep_next(true).add_run(run(
                t,
                &f.heading1,
                st,
                SIZE_BODY,
            ))),
            Block::Heading2(t) => d.add_paragraph(body_para().keep_next(true).add_run(run(
                t,
                &f.heading2,
                st,
                SIZE_BODY,
            ))),
            Block::Para(parts) => {
                // A long URL cannot break, so justifying the line before it would spread its
                // characters apart; such paragraphs are set flush left instead.
                let p = if parts.iter().any(|i| matches!(i, Inline::Link { .. })) {
                    body_para().align(AlignmentType::Left)
                } else {
                    body_para()
                };
                // GB/T 9704: the signature never stands on a page without body text, so the
                // last body paragraph keeps with the attachment list and the signature.
                let p = if matches!(
                    blocks.get(i + 1),
                    Some(Block::AttachmentList(_) | Block::Signature { .. })
                ) {
                    p.keep_next(true)
                } else {
                    p
                };
                d.add_paragraph(inlines(p, parts, &f.body, st, SIZE_BODY))
            }
            Block::AttachmentList(items) => {
                // GB/T 9704 7.3.4: 正文下空一行左空二字编排"附件："; later items align under the first name.
                d = d.add_paragraph(empty_line().keep_next(true));
                for (i, item) in items.iter().enumerate() {
                    let (label, left) = if i == 0 {
                        ("附件：", 2 * CHAR)
                    } else {
                        ("", 5 * CHAR)
                    };
                    d = d.add_paragraph(
                        Paragraph::new()
                            .keep_next(true)
                            .line_spacing(exact(LINE_BODY))
                            .indent(Some(left), None, None, None)
                            .add_run(run(&format!("{label}{item}"), &f.body, st, SIZE_BODY)),
                    );
                }
                d
            }
            Block::Signature { issuer, date } => signature(d, issuer, date, st),
            Block::PageBreak => d.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact(LINE_BODY))
                    .add_run(Run::new().add_break(BreakType::Page)),
            ),
            Block::AttachmentLabel(t) => d
                .add_paragraph(Paragraph::new().line_spacing(exact(LINE_BODY)).add_run(run(
                    t,
                    &f.heading1,
                    st,
                    SIZE_BODY,
                )))
                .add_paragraph(empty_line()),
            Block::Table(t) => d.add_table(table(t, st)).add_paragraph(empty_line()),
            Block::Chart(_) => d,
            Block::Note(t) => d.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact(LINE_NOTE))
                    .align(AlignmentType::Both)
                    .add_run(run(t, &f.body, st, SIZE_NOTE)),
            ),
        };
    }
    d
}

/// 发文机关署名 and 成文日期 for a document without a seal (GB/T 9704 7.3.5.2): the issuer right-
/// spaced two characters, the date on the next line starting two characters further right; when
/// the date is the longer, the date is right-spaced two characters and the issuer moves left.
fn signature(d: Docx, issuer: &str, date: &str, st: &Style<'_>) -> Docx {
    let (wi, wd) = (width_chars(issuer), width_chars(date));
    let (mut issuer_right, mut date_right) = (2.0, wi - wd);
    if date_right < 2.0 {
        date_right = 2.0;
        issuer_right = 4.0 + wd - wi;
    }
    let twips = |chars: f64| (chars * f64::from(CHAR)).round() as i32;
    let line = |text: &str, right: f64| {
        Paragraph::new()
            .align(AlignmentType::Right)
            .line_spacing(exact(LINE_BODY))
            .indent(None, None, Some(twips(right)), None)
            .add_run(run(text, &st.fonts.body, st, SIZE_BODY))
    };
    d.add_paragraph(empty_line().keep_next(true))
        .add_paragraph(line(issuer, issuer_right).keep_next(true))
        .add_paragraph(line(date, date_right))
}

/// "— 1 —" in 四号 宋体, one character in from the outer edge (GB/T 9704 7.5).
fn page_number(st: &Style<'_>, align: AlignmentType) -> Paragraph {
    let font = fonts(&st.fonts.page_number, &st.fonts.page_number);
    let r = || Run::new().fonts(font.clone()).size(SIZE_PAGE_NUMBER);
    let one = SIZE_PAGE_NUMBER as i32 * 10; // one 四号 character in twips
    let p = Paragraph::new().align(align);
    let p = match align {
        AlignmentType::Left => p.indent(Some(one), None, None, None),
        _ => p.indent(None, None, Some(one), None),
    };
    p.add_run(r().add_text("— "))
        .add_run(r().add_field_char(FieldCharType::Begin, false))
        .add_run(r().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(r().add_field_char(FieldCharType::Separate, false))
        .add_run(r().add_text("1"))
        .add_run(r().add_field_char(FieldCharType::End, false))
        .add_run(r().add_text(" —"))
}

fn table(t: &Table, st: &Style<'_>) -> DocxTable {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let widths: Vec<usize> = t
        .widths
        .iter()
        .map(|w| (TEXT_WIDTH * w / total) as usize)
        .collect();
    let cell_para = |align: Align| {
        Paragraph::new()
            .align(match align {
                Align::Left => AlignmentType::Left,
                Align::Center => AlignmentType::Center,
            })
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(260)
                    .before(0)
                    .after(0),
            )
    };
    let header = TableRow::new(
        t.header
            .iter()
            .zip(&widths)
            .map(|(h, &w)| {
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill("D9D9D9"),
                    )
                    // keep_next keeps the header row on the page of the first body row.
                    .add_paragraph(
                        cell_para(Align::Center)
                            .keep_next(true)
                            .add_run(run(h, &st.fonts.heading1, st, st.table_size).bold()),
                    )
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for r in &t.rows {
        let cells = r
            .iter()
            .zip(&widths)
            .map(|(c, &w)| cell(c, w, st, &cell_para))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    DocxTable::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn cell(c: &Cell, width: usize, st: &Style<'_>, para: &dyn Fn(Align) -> Paragraph) -> TableCell {
    let mut tc = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if c.merged_up {
        return tc
            .vertical_merge(VMergeType::Continue)
            .add_paragraph(para(c.align));
    }
    tc = tc.vertical_merge(VMergeType::Restart);
    for line in &c.lines {
        tc = tc.add_paragraph(inlines(
            para(c.align),
            line,
            &st.fonts.body,
            st,
            st.table_size,
        ));
    }
    if c.lines.is_empty() {
        tc = tc.add_paragraph(para(c.align));
    }
    tc
}

#[cfg(test)]
mod tests {
    use super::title_lines;

    #[test]
    fn long_titles_break_before_a_word_and_short_ones_stay_whole() {
        assert_eq!(
            title_lines("2026年第四季度全市政府网站检查情况的通报"),
            ["2026年第四季度全市", "政府网站检查情况的通报"]
        );
        assert_eq!(
            title_lines("2023年第二季度全市政府网站和政务新媒体检查情况的通报"),
            ["2023年第二季度全市", "政府网站和政务新媒体检查情况的通报"]
        );
        assert_eq!(title_lines("江城市检查情况表"), ["江城市检查情况表"]);
        // Nothing to break before: left whole rather than cut mid-word.
        let odd = "一二三四五六七八九十一二三四五六七八九十一二三";
        assert_eq!(title_lines(odd), [odd]);
    }
}
