use std::fmt::Write as _;
use std::io::{Cursor, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use xunwang_testsite::attachments::{docx, pdf, xlsx};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::*;

const ID_NUMBER: &str = "110101199003077777";
const MOBILE: &str = "13812345678";
const CARD: &str = "6222021234567890123";

fn read(bytes: &[u8], hint: Option<DocKind>) -> DocText {
    document_text(bytes, hint, &DocLimits::default()).unwrap()
}

fn notice_paragraphs() -> Vec<String> {
    vec![
        "根据《关于开展2024年度优秀教师评选工作的通知》要求，经学校推荐、区教育局审核，现将拟表彰人员名单予以公示。".to_string(),
        format!("张三，身份证号{ID_NUMBER}，联系电话{MOBILE}。"),
        format!("李四，银行卡号{CARD}。"),
        "公示期为2024年5月6日至5月12日。".to_string(),
    ]
}

fn roster() -> Vec<Vec<String>> {
    [
        ["序号", "姓名", "身份证号", "联系电话", "银行卡号"],
        ["1", "张三", ID_NUMBER, MOBILE, CARD],
        [
            "2",
            "李四",
            "11010119851111000X",
            "13900001111",
            "6217000010001234567",
        ],
    ]
    .iter()
    .map(|row| row.iter().map(|c| c.to_string()).collect())
    .collect()
}

fn tsv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same package with every entry deflated, as Word and Excel write them.
fn deflated(package: &[u8]) -> Vec<u8> {
    let mut archive = ZipArchive::new(Cursor::new(package)).unwrap();
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        writer.start_file(entry.name().unwrap(), options).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A zip package of the given parts.
fn package(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_SHEET: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A docx whose body is `body` (WordprocessingML inside `<w:body>`).
fn docx_with_body(body: &str, method: CompressionMethod) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{NS_W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    );
    package(
        &[
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ],
        method,
    )
}

/// An xlsx with the given worksheets (`<sheetData>` contents, with an optional `<dimension>`)
/// and shared strings.
fn xlsx_with_sheets(sheets: &[(&str, &str)], shared: &[&str]) -> Vec<u8> {
    let mut workbook = format!(r#"<workbook xmlns="{NS_SHEET}" xmlns:r="{NS_R}"><sheets>"#);
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, data)) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            workbook,
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        );
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{n}" Type="{NS_R}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(r#"<worksheet xmlns="{NS_SHEET}">{data}</worksheet>"#).into_bytes(),
        ));
    }
    workbook.push_str("</sheets></workbook>");
    let _ = write!(
        rels,
        r#"<Relationship Id="rIdS" Type="{NS_R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let mut sst = format!(r#"<sst xmlns="{NS_SHEET}">"#);
    for s in shared {
        let _ = write!(sst, "<si><t>{s}</t></si>");
    }
    sst.push_str("</sst>");
    let package_rels = RELS.replace("word/document.xml", "xl/workbook.xml");
    let mut all: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", package_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
    ];
    all.extend(parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())));
    package(&all, CompressionMethod::Deflated)
}

/// A PDF of the given objects (object 1 must be the catalog), with a correct xref table.
fn pdf_file(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(data: &str) -> String {
    format!("<< /Length {} >>\nstream\n{data}\nendstream", data.len())
}

/// A one-page PDF with fonts F1 (Helvetica, WinAnsi, no widths), F2 (Type0 Identity-H with
/// `/W` and a ToUnicode map), F3 (Type0 whose ToUnicode spans the whole 32-bit code space) and
/// F4 (Times, WinAnsi, every glyph half an em wide by `/Widths`).
fn positioned_pdf(content: &str) -> Vec<u8> {
    let to_unicode = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0001> <5F20> <0002> <4E09> endbfchar\n\
        1 beginbfrange <0010> <0019> <0030> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let hostile = "begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfrange <00000000> <FFFFFFFF> <0041> <0000> <FFFF> <0041> endbfrange endcmap";
    pdf_file(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 9 0 R /F4 11 0 R >> >> >>"
            .into(),
        stream(content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
         /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
            .into(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /DW 1000 /W [16 25 500] >>"
            .into(),
        stream(to_unicode),
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
         /DescendantFonts [7 0 R] /ToUnicode 10 0 R >>"
            .into(),
        stream(hostile),
        format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding \
             /FirstChar 32 /LastChar 126 /Widths [{}] >>",
            vec!["500"; 95].join(" ")
        ),
    ])
}

fn linkchecker_data() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/linkchecker/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: LinkChecker fixtures not found at {} (shared/testdata is absent)",
            dir.display()
        );
        None
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

// --- PDF ---------------------------------------------------------------------------------

#[test]
fn testsite_pdf_reads_back_chinese_paragraphs_and_personal_numbers() {
    let paragraphs = notice_paragraphs();
    let bytes = pdf("2024年度优秀教师拟表彰名单公示", &paragraphs);
    let doc = read(&bytes, Some(DocKind::Pdf));
    assert_eq!(doc.kind, DocKind::Pdf);
    assert!(!doc.truncated);
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(lines[0], "2024年度优秀教师拟表彰名单公示");
    // Short paragraphs are one line each; the long first one wraps onto two lines.
    for short in &paragraphs[1..] {
        assert!(
            lines.contains(&short.as_str()),
            "{short:?} not a line of {lines:?}"
        );
    }
    assert_eq!(
        doc.text.replace('\n', ""),
        format!("2024年度优秀教师拟表彰名单公示{}", paragraphs.concat())
    );
}

#[test]
fn pdf_lines_and_spaces_come_from_positions() {
    // Td moves, a new BT block on another baseline, lines placed by `cm` only, a TJ with a
    // word-sized gap and one with kerning, CID text with widths and digits; a 0.2 em gap is a
    // word break when the font has widths (F4), not when advances are estimated (F1).
    let content = "BT /F1 12 Tf 72 700 Td (Hello) Tj 100 0 Td (World ) Tj ET\n\
        BT /F1 12 Tf 72 680 Td (Next) Tj ET\n\
        q 1 0 0 1 72 600 cm BT /F1 12 Tf 0 0 Td (Third) Tj ET Q\n\
        q 1 0 0 1 72 580 cm BT /F1 12 Tf 0 0 Td (Fourth) Tj ET Q\n\
        BT /F1 12 Tf 72 560 Td [(A) -1200 (B)] TJ ( ) Tj [(1) -20 (2)] TJ ET\n\
        BT /F2 10 Tf 72 540 Td <00010002> Tj <0011001000190018> Tj ET\n\
        BT /F2 10 Tf 72 520 Td <00010002> Tj 40 0 Td <0011> Tj ET\n\
        BT /F4 10 Tf 72 500 Td [(is)-200(version)] TJ ( 0)Tj [(1)-200(2)] TJ ET\n\
        BT /F1 10 Tf 72 480 Td [(is)-200(version)] TJ ET";
    let doc = read(&positioned_pdf(content), None);
    assert_eq!(
        doc.text,
        "Hello World \nNext\nThird\nFourth\nA B 12\n张三1098\n张三 1\nis version 01 2\nisversion"
    );
}

#[test]
fn pdf_tounicode_range_over_the_whole_code_space_is_fast() {
    let content = "BT /F3 12 Tf 72 700 Td <0000000100020003> Tj ET";
    let started = Instant::now();
    let doc = read(&positioned_pdf(content), None);
    assert_eq!(doc.text, "ABCD");
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn pdf_pages_over_max_pages_are_left_unread() {
    let long: Vec<String> = (0..120).map(|i| format!("第{i}段：公示内容。")).collect();
    let bytes = pdf("通知", &long);
    let all = read(&bytes, None);
    assert!(!all.truncated && all.text.contains("第119段"));
    let limits = DocLimits {
        max_pages: 1,
        ..DocLimits::default()
    };
    let first = document_text(&bytes, None, &limits).unwrap();
    assert!(first.truncated);
    assert!(first.text.contains("第0段") && !first.text.contains("第119段"));
}

#[test]
fn linkchecker_pdf_text_is_read() {
    let Some(dir) = linkchecker_data() else {
        return;
    };
    // LibreOffice 4.1 export: two pages with a TrueType subset font and a ToUnicode map.
    let doc = read(
        &std::fs::read(dir.join("file.pdf")).unwrap(),
        Some(DocKind::Pdf),
    );
    assert_eq!(doc.text, "Link1\nLink2");
}

// --- DOCX --------------------------------------------------------------------------------

#[test]
fn testsite_docx_reads_back_one_paragraph_per_line() {
    let mut paragraphs = notice_paragraphs();
    paragraphs.push("第一行\n第二行".to_string());
    let bytes = docx("关于拟表彰人员的公示", &paragraphs);
    let doc = read(&bytes, Some(DocKind::Docx));
    assert_eq!(doc.kind, DocKind::Docx);
    assert_eq!(
        doc.text,
        format!("关于拟表彰人员的公示\n{}", paragraphs.join("\n"))
    );
    assert!(!doc.truncated);
}

#[test]
fn deflated_docx_and_xlsx_are_read() {
    let paragraphs = notice_paragraphs();
    let docx_bytes = deflated(&docx("公示", &paragraphs));
    let mut archive = ZipArchive::new(Cursor::new(docx_bytes.as_slice())).unwrap();
    let method = archive.by_name("word/document.xml").unwrap().compression();
    assert_eq!(method, CompressionMethod::Deflated);
    assert_eq!(
        read(&docx_bytes, None).text,
        format!("公示\n{}", paragraphs.join("\n"))
    );

    let xlsx_bytes = deflated(&xlsx("公示名单", &roster()));
    let doc = read(&xlsx_bytes, Some(DocKind::Xlsx));
    assert_eq!(doc.text, tsv(&roster()));
}

#[test]
fn docx_tables_tabs_and_text_boxes_are_laid_out_for_the_scanner() {
    let body = r#"
        <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
          <w:r><w:t>姓名</w:t><w:tab/><w:t xml:space="preserve">张三 </w:t></w:r><w:r><w:t>&amp;李四</w:t></w:r></w:p>
        <w:tbl>
          <w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>身份证号</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
                <w:tc><w:p><w:r><w:t>110101199003077777</w:t></w:r></w:p><w:p><w:r><w:t>备注</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>
        <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
          <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
        <w:p/>
        <w:p><w:r><w:t>完</w:t></w:r></w:p>"#;
    let doc = read(&docx_with_body(body, CompressionMethod::Deflated), None);
    assert_eq!(
        doc.text,
        "姓名\t张三 &李四\n序号\t身份证号\n1\t110101199003077777 备注\n文本框\n\n\n完"
    );
}

#[test]
fn docx_part_inflating_past_the_text_limit_is_cut_quickly() {
    // 64 MiB of text deflates to about 64 KiB: the reader stops at max_text_bytes.
    let text = "公".repeat(64 << 20 >> 2);
    let body = format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let bytes = docx_with_body(&body, CompressionMethod::Deflated);
    drop((text, body));
    assert!(bytes.len() < 1 << 20, "bomb is {} bytes", bytes.len());
    let limits = DocLimits {
        max_text_bytes: 1 << 20,
        ..DocLimits::default()
    };
    let started = Instant::now();
    let doc = document_text(&bytes, None, &limits).unwrap();
    assert!(doc.truncated);
    assert!(doc.text.len() <= 1 << 20 && doc.text.len() > (1 << 20) - 4);
    assert!(doc.text.chars().all(|c| c == '公'));
    eprintln!("docx bomb read in {:?}", started.elapsed());

    // Markup without text: the part is read only up to the unpacked limit.
    let empty_runs = "<w:r/>".repeat(4 << 20);
    let bytes = docx_with_body(
        &format!("<w:p>{empty_runs}</w:p>"),
        CompressionMethod::Deflated,
    );
    let limits = DocLimits {
        max_bytes: 1 << 20,
        max_text_bytes: 1 << 20,
        ..DocLimits::default()
    };
    let doc = document_text(&bytes, None, &limits).unwrap();
    assert!(doc.truncated && doc.text.is_empty());
}

#[test]
fn text_is_cut_on_a_char_boundary() {
    let limits = DocLimits {
        max_text_bytes: 10,
        ..DocLimits::default()
    };
    let doc = document_text(&docx("公示名单", &notice_paragraphs()), None, &limits).unwrap();
    // 公示名单 is 12 bytes: three characters fit.
    assert_eq!(doc.text, "公示名");
    assert!(doc.truncated);
}

// --- XLSX / XLS --------------------------------------------------------------------------

#[test]
fn testsite_xlsx_keeps_id_mobile_and_card_digits_exactly() {
    let doc = read(&xlsx("公示名单", &roster()), Some(DocKind::Xlsx));
    assert_eq!(doc.kind, DocKind::Xlsx);
    assert_eq!(doc.text, tsv(&roster()));
    assert!(doc.text.contains(&format!("{ID_NUMBER}\t{MOBILE}\t{CARD}")));
}

#[test]
fn xlsx_values_are_shown_as_excel_displays_them() {
    let sheet1 = r#"<dimension ref="B2:E4"/><sheetData>
        <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>110101199003077777</v></c><c r="D2"><v>13812345678</v></c><c r="E2"><v>6222021234567890</v></c></row>
        <row r="3"><c r="B3"><v>1.0</v></c><c r="C3"><v>0.30000000000000004</v></c><c r="E3"><v>1E+20</v></c></row>
        <row r="4"><c r="B4" s="0"/></row>
        <row r="5"><c r="C5" t="b"><v>1</v></c><c r="D5" t="e"><v>#N/A</v></c><c r="E5" t="s"><v>1</v></c></row>
        </sheetData>"#;
    let sheet2 = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>王五</t></is></c><c r="B1"><v>-2.5</v></c></row></sheetData>"#;
    let bytes = xlsx_with_sheets(
        &[("名单", sheet1), ("第二页", sheet2)],
        &["张三", "第一行\n第二行"],
    );
    let doc = read(&bytes, None);
    assert_eq!(
        doc.text,
        "张三\t110101199003078000\t13812345678\t6222021234567890\n\
         1\t0.3\t\t100000000000000000000\n\
         \tTRUE\t#N/A\t第一行 第二行\n\
         \n\
         王五\t-2.5"
    );
}

#[test]
fn numbers_never_print_in_exponent_form() {
    use super::sheet::number;
    assert_eq!(number(1.0), "1");
    assert_eq!(number(-7.0), "-7");
    assert_eq!(number(1234.5), "1234.5");
    assert_eq!(number(0.1 + 0.2), "0.3");
    assert_eq!(number(1.1010119900307778e17), "110101199003078000");
    assert_eq!(number(6_222_021_234_567_890.0), "6222021234567890");
    assert_eq!(number(1e-7), "0.0000001");
    assert_eq!(
        number(123_456_789_012_345_680_000.0),
        "123456789012346000000"
    );
    assert_eq!(number(f64::NAN), "#NUM!");
}

#[test]
fn max_cells_stops_the_sheet_and_marks_truncated() {
    let limits = DocLimits {
        max_cells: 7,
        ..DocLimits::default()
    };
    let doc = document_text(&xlsx("公示名单", &roster()), None, &limits).unwrap();
    assert!(doc.truncated);
    assert_eq!(
        doc.text,
        "序号\t姓名\t身份证号\t联系电话\t银行卡号\n1\t张三"
    );
}

#[test]
fn legacy_xls_fixture_reads_rows_sheets_and_digits() {
    // tests/fixtures/gongshi.xls, written by make_gongshi_xls.py (xlwt 1.3.0, BIFF8).
    let bytes = fixture("gongshi.xls");
    assert_eq!(DocKind::sniff(&bytes), Some(DocKind::Xls));
    let doc = read(&bytes, Some(DocKind::Xls));
    assert_eq!(doc.kind, DocKind::Xls);
    assert_eq!(
        doc.text,
        "序号\t姓名\t身份证号\t联系电话\t银行卡号\t金额\t日期\n\
         1\t张三\t110101199003077777\t13812345678\t6222021234567890123\t1234.5\t2024-05-06\n\
         2\t李四\t110101199003078000\t13900001111\t6222021234567890\t0.1\t第一行 第二行\n\
         3\t\t空一格\n\
         \n\
         备注\t王五 13700002222"
    );
    // A WPS spreadsheet (.et) in the same BIFF format is read as what it is.
    assert_eq!(read(&bytes, Some(DocKind::Et)).kind, DocKind::Xls);
}

/// An OLE2 file with the given root streams.
fn ole_file(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        file.create_stream(format!("/{name}"))
            .unwrap()
            .write_all(data)
            .unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn biff_record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend_from_slice(&(data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

#[test]
fn xls_declaring_a_huge_grid_is_refused_before_it_is_allocated() {
    let bof = biff_record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let eof = biff_record(0x000A, &[]);
    // DIMENSIONS: rows 0..4 294 967 295, columns 0..255.
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&u32::MAX.to_le_bytes());
    dims.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
    let stream = [bof.clone(), biff_record(0x0200, &dims), eof.clone()].concat();
    let err = document_text(
        &ole_file(&[("Workbook", &stream)]),
        None,
        &DocLimits::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::Document {
                kind: DocKind::Xls,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("cells when expanded"), "{err}");

    // Two NUMBER cells at opposite corners of a 65 536 × 65 536 grid.
    let number = |row: u16, col: u16| {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        biff_record(0x0203, &d)
    };
    let stream = [
        bof.clone(),
        number(0, 0),
        number(u16::MAX, u16::MAX),
        eof.clone(),
    ]
    .concat();
    assert!(super::ole::check_biff_area(&stream, 1 << 22).is_err());
    assert!(super::ole::check_biff_area(&stream[..stream.len() - 4], 1 << 22).is_err());
    let small = [bof.clone(), number(0, 0), number(9, 3), eof.clone()].concat();
    assert_eq!(super::ole::check_biff_area(&small, 40), Ok(()));
    assert!(super::ole::check_biff_area(&small, 39).is_err());

    // FILEPASS (RC4): what follows is ciphertext, so the workbook is reported as encrypted.
    let filepass = biff_record(0x002F, &[1, 0, 1, 0, 1, 0]);
    let stream = [bof, filepass, number(0, 0), eof].concat();
    let err = document_text(
        &ole_file(&[("Workbook", &stream)]),
        None,
        &DocLimits::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ExtractError::DocumentEncrypted { kind: DocKind::Xls }),
        "{err}"
    );
}

#[test]
fn encrypted_office_package_is_reported_as_encrypted() {
    let bytes = ole_file(&[
        ("EncryptionInfo", b"\x04\x00\x04\x00"),
        ("EncryptedPackage", b"x"),
    ]);
    assert_eq!(DocKind::sniff(&bytes), None);
    let err = document_text(&bytes, Some(DocKind::Xlsx), &DocLimits::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::DocumentEncrypted {
                kind: DocKind::Xlsx
            }
        ),
        "{err}"
    );
}

// --- Legacy Word, kinds, limits, hostile input -------------------------------------------

#[test]
fn linkchecker_doc_is_reported_as_not_read_yet() {
    let Some(dir) = linkchecker_data() else {
        return;
    };
    let bytes = std::fs::read(dir.join("file.doc")).unwrap();
    assert_eq!(DocKind::sniff(&bytes), Some(DocKind::Doc));
    let err = document_text(&bytes, Some(DocKind::Doc), &DocLimits::default()).unwrap_err();
    assert!(matches!(
        err,
        ExtractError::DocumentUnsupported {
            kind: DocKind::Doc,
            ..
        }
    ));
    assert!(err.to_string().contains("not read yet"), "{err}");
}

#[test]
fn sniffing_tells_formats_apart_and_magic_bytes_beat_the_hint() {
    let docx_bytes = docx("公示", &notice_paragraphs());
    let xlsx_bytes = xlsx("名单", &roster());
    let pdf_bytes = pdf("公示", &notice_paragraphs());
    assert_eq!(DocKind::sniff(&docx_bytes), Some(DocKind::Docx));
    assert_eq!(DocKind::sniff(&xlsx_bytes), Some(DocKind::Xlsx));
    assert_eq!(DocKind::sniff(&pdf_bytes), Some(DocKind::Pdf));
    assert_eq!(DocKind::sniff(b"<html></html>"), None);
    assert_eq!(read(&docx_bytes, Some(DocKind::Xlsx)).kind, DocKind::Docx);
    assert_eq!(read(&pdf_bytes, Some(DocKind::Doc)).kind, DocKind::Pdf);
    // A PDF behind a few bytes of junk still counts.
    assert_eq!(
        DocKind::sniff(&[b"\xEF\xBB\xBF".as_slice(), &pdf_bytes].concat()),
        Some(DocKind::Pdf)
    );
}

#[test]
fn from_path_reads_known_extensions_only() {
    assert_eq!(DocKind::from_path("/a/b/名单.PDF"), Some(DocKind::Pdf));
    assert_eq!(DocKind::from_path("/a/b.WPS?x=1.pdf"), Some(DocKind::Wps));
    assert_eq!(DocKind::from_path("/a.et"), Some(DocKind::Et));
    assert_eq!(DocKind::from_path("/a.xls#sheet.pdf"), Some(DocKind::Xls));
    assert_eq!(DocKind::from_path("/dir.pdf/index"), None);
    assert_eq!(DocKind::from_path("/file"), None);
    assert_eq!(DocKind::from_path("/a.docm"), None);
}

#[test]
fn kinds_serialize_in_lowercase() {
    assert_eq!(serde_json::to_string(&DocKind::Xlsx).unwrap(), "\"xlsx\"");
    let kind: DocKind = serde_json::from_str("\"wps\"").unwrap();
    assert_eq!(kind, DocKind::Wps);
    assert_eq!(DocKind::Other.to_string(), "other");
}

#[test]
fn file_over_max_bytes_is_refused_without_parsing() {
    let limits = DocLimits {
        max_bytes: 1000,
        ..DocLimits::default()
    };
    // Garbage after the header: parsing would fail differently.
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(1001, b'x');
    let err = document_text(&bytes, Some(DocKind::Docx), &limits).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::DocumentTooLarge {
                kind: DocKind::Pdf,
                size: 1001,
                max: 1000
            }
        ),
        "{err}"
    );
    let err = document_text(&[0; 1001], Some(DocKind::Xls), &limits).unwrap_err();
    assert!(matches!(
        err,
        ExtractError::DocumentTooLarge {
            kind: DocKind::Xls,
            ..
        }
    ));
}

#[test]
fn wrong_or_unknown_content_gives_a_clear_error() {
    let err = document_text(
        b"<html>404</html>",
        Some(DocKind::Xlsx),
        &DocLimits::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not a zip package"), "{err}");
    let err = document_text(b"plain text", None, &DocLimits::default()).unwrap_err();
    assert!(matches!(
        err,
        ExtractError::DocumentUnsupported {
            kind: DocKind::Other,
            ..
        }
    ));
    let zip_without_parts = package(&[("a.txt", b"x")], CompressionMethod::Stored);
    let err = document_text(
        &zip_without_parts,
        Some(DocKind::Docx),
        &DocLimits::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("without Word"), "{err}");
}

#[test]
fn truncated_and_garbage_bytes_of_every_kind_never_panic() {
    let samples: Vec<(DocKind, Vec<u8>)> = vec![
        (DocKind::Pdf, pdf("公示", &notice_paragraphs())),
        (
            DocKind::Pdf,
            positioned_pdf("BT /F2 10 Tf 72 540 Td <00010002> Tj ET"),
        ),
        (DocKind::Docx, deflated(&docx("公示", &notice_paragraphs()))),
        (DocKind::Xlsx, deflated(&xlsx("名单", &roster()))),
        (DocKind::Xls, fixture("gongshi.xls")),
    ];
    let limits = DocLimits::default();
    for (kind, bytes) in &samples {
        assert!(
            document_text(bytes, Some(*kind), &limits).is_ok(),
            "{kind} sample"
        );
        // Every prefix length in 64 steps, plus the last few bytes cut off.
        let step = (bytes.len() / 64).max(1);
        let cuts = (0..bytes.len())
            .step_by(step)
            .chain(bytes.len().saturating_sub(8)..bytes.len());
        for cut in cuts {
            let result = document_text(&bytes[..cut], Some(*kind), &limits);
            if let Err(ExtractError::Document { reason, .. }) = &result {
                assert!(
                    !reason.contains("panicked"),
                    "{kind} cut at {cut}: {reason}"
                );
            }
        }
        // Bytes flipped in the middle (keeping the header).
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..40 {
            let mut damaged = bytes.clone();
            for _ in 0..16 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let at = 8 + (state as usize) % (damaged.len() - 8);
                damaged[at] = (state >> 32) as u8;
            }
            let _ = document_text(&damaged, Some(*kind), &limits);
        }
    }
    // Garbage behind each magic number is an error.
    let magics: [(&[u8], DocKind); 3] = [
        (b"%PDF-1.7\n", DocKind::Pdf),
        (b"PK\x03\x04", DocKind::Docx),
        (super::ole::MAGIC, DocKind::Xls),
    ];
    for (magic, kind) in magics {
        let garbage = [magic, &[0x5A; 600]].concat();
        assert!(
            document_text(&garbage, Some(kind), &limits).is_err(),
            "{kind} garbage"
        );
        assert!(
            document_text(magic, Some(kind), &limits).is_err(),
            "{kind} magic alone"
        );
    }
    assert!(document_text(b"", None, &limits).is_err());
}

// --- Timing (run by hand: cargo test -p xunwang-extract --release -- --ignored --nocapture) -

#[test]
#[ignore = "prints timings; run with --release --ignored --nocapture"]
fn timing_of_a_2mb_pdf_and_a_50k_row_xlsx() {
    let paragraphs: Vec<String> = (0..6000)
        .map(|i| format!("第{i}号：张三，身份证号{ID_NUMBER}，联系电话{MOBILE}，银行卡号{CARD}。"))
        .collect();
    let pdf_bytes = pdf("公示", &paragraphs);
    let started = Instant::now();
    let doc = read(&pdf_bytes, None);
    eprintln!(
        "PDF {} bytes: {:?}, {} text bytes, truncated {}",
        pdf_bytes.len(),
        started.elapsed(),
        doc.text.len(),
        doc.truncated
    );

    let rows: Vec<Vec<String>> = (0..50_000)
        .map(|i| {
            vec![
                i.to_string(),
                "张三".to_string(),
                ID_NUMBER.to_string(),
                MOBILE.to_string(),
                CARD.to_string(),
            ]
        })
        .collect();
    let xlsx_bytes = deflated(&xlsx("名单", &rows));
    let started = Instant::now();
    let doc = read(&xlsx_bytes, None);
    eprintln!(
        "XLSX {} bytes (deflated), 50 000 rows × 5: {:?}, {} text bytes, truncated {}",
        xlsx_bytes.len(),
        started.elapsed(),
        doc.text.len(),
        doc.truncated
    );
}

#[test]
#[ignore = "mutation smoke test; run with --release --ignored --nocapture"]
fn mutated_samples_neither_panic_nor_hang() {
    let samples: Vec<(DocKind, Vec<u8>)> = vec![
        (DocKind::Pdf, pdf("公示", &notice_paragraphs())),
        (
            DocKind::Pdf,
            positioned_pdf("BT /F2 10 Tf 72 540 Td <00010002> Tj ET"),
        ),
        (DocKind::Docx, deflated(&docx("公示", &notice_paragraphs()))),
        (DocKind::Xlsx, deflated(&xlsx("名单", &roster()))),
        (DocKind::Xls, fixture("gongshi.xls")),
        // Stored entries: damage reaches the XML parsers instead of failing inflation.
        (DocKind::Docx, docx("公示", &notice_paragraphs())),
        (DocKind::Xlsx, xlsx("名单", &roster())),
    ];
    let limits = DocLimits::default();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (kind, bytes) in &samples {
        let (mut panics, mut errors, mut slowest) = (0, 0, std::time::Duration::ZERO);
        for round in 0..3000 {
            let mut damaged = bytes.clone();
            let flips = 1 + (next() % 64) as usize;
            for _ in 0..flips {
                let at = (next() as usize) % damaged.len();
                damaged[at] = next() as u8;
            }
            if round % 3 == 0 {
                let cut = (next() as usize) % damaged.len();
                damaged.truncate(cut.max(1));
            }
            let started = Instant::now();
            match document_text(&damaged, Some(*kind), &limits) {
                Err(ExtractError::Document { reason, .. }) if reason.contains("panicked") => {
                    panics += 1;
                    eprintln!("{kind} round {round}: {reason}");
                }
                Err(_) => errors += 1,
                Ok(_) => {}
            }
            slowest = slowest.max(started.elapsed());
        }
        eprintln!(
            "{kind}: 3000 mutations, {errors} errors, {panics} caught panics, slowest {slowest:?}"
        );
    }
}
