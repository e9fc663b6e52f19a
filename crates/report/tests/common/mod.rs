//! Helpers shared by the report tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::{Cursor, Read};

use xunwang_report::{Bulletin, Overall, sample_bulletin};

/// The sample bulletin with 重庆 2023 Q2's totals (spec/indicators.md §5): 88 sites, 85 passed
/// (96.6%), 1146 accounts, 1143 passed (99.7%).
pub fn chongqing_like() -> Bulletin {
    let mut b = sample_bulletin();
    b.overall = Overall {
        period_label: "2023年第二季度".into(),
        sites_total: 88,
        sites_checked: 88,
        sites_passed: 85,
        accounts_total: 1146,
        accounts_checked: 1146,
        accounts_passed: 1143,
    };
    b
}

/// A file of a ZIP package (DOCX/XLSX) as text.
pub fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut f = z.by_name(name).expect("entry present");
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 entry");
    s
}

/// Parses the whole document with quick-xml; panics on malformed XML (mismatched tags, bad
/// entities).
pub fn assert_well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML at {}: {e}", r.buffer_position()))
        {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
}

/// The text of a WordprocessingML part: the contents of every `<w:t>`, unescaped, paragraphs
/// separated by newlines.
pub fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let after = &rest[i..];
        let end = after.find('>').expect("tag closes");
        let tag = &after[..=end];
        rest = &after[end + 1..];
        if tag.starts_with("</w:p>") {
            out.push('\n');
        } else if (tag.starts_with("<w:t>") || tag.starts_with("<w:t ")) && !tag.ends_with("/>") {
            let close = rest.find("</w:t>").expect("w:t closes");
            out.push_str(&quick_xml::escape::unescape(&rest[..close]).expect("valid entities"));
            rest = &rest[close..];
        }
    }
    out
}

/// `soffice`/`libreoffice` on PATH, if any.
pub fn office() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["libreoffice", "soffice"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}
