//! Charset decoding (DESIGN.md "Fetching rules": decode every page correctly).
//!
//! Order: BOM → HTTP `charset` → `<meta>` in the first 4 KiB → chardetng with the `cn` TLD
//! hint on the first 16 KiB. A declared charset that decodes with errors is second-guessed:
//! pages labelled gb2312 that are really UTF-8 (and the reverse) are common on government
//! sites (research/crates.md §3). Labels go through the WHATWG table, so `gb2312` and `GBK`
//! both mean GBK, whose decoder is the lossless gb18030 decoder.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, WINDOWS_1252};

/// Bytes searched for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;
/// Bytes fed to the statistical detector.
const DETECT_BYTES: usize = 16 * 1024;

/// A body decoded to text.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used, as encoding_rs names it (`UTF-8`, `GBK`, `gb18030`…).
    pub encoding: &'static str,
    /// Where the encoding came from.
    pub source: CharsetSource,
    /// Whether some bytes were malformed and replaced by U+FFFD.
    pub had_errors: bool,
}

/// Where the encoding used for decoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark.
    Bom,
    /// The `charset` parameter of the `Content-Type` header.
    Header,
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` in the document.
    Meta,
    /// Statistical detection (nothing declared, or the declaration was wrong).
    Detected,
}

/// Decodes a body: BOM, then header charset, then `<meta>`, then detection.
pub fn decode(body: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(body) {
        let (text, had_errors) = enc.decode_without_bom_handling(&body[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            source: CharsetSource::Bom,
            had_errors,
        };
    }
    let header = content_type
        .and_then(charset_param)
        .and_then(label_encoding);
    let meta = meta_charset(body).and_then(label_encoding);
    let declared = match (header, meta) {
        // Servers (old Tomcat defaults) send ISO-8859-1 for pages whose `<meta>` says
        // gb2312; the author's declaration is the one that was tested in a browser.
        (Some(h), Some(m)) if h == WINDOWS_1252 && m != WINDOWS_1252 => {
            Some((m, CharsetSource::Meta))
        }
        (Some(h), _) => Some((h, CharsetSource::Header)),
        (None, Some(m)) => Some((m, CharsetSource::Meta)),
        (None, None) => None,
    };
    let Some((enc, source)) = declared else {
        return with(detect(body), body, CharsetSource::Detected);
    };
    // Valid UTF-8 with multi-byte sequences is practically never legacy CJK text, whatever
    // the label says.
    if enc != UTF_8 && is_cjk_legacy(enc) && !body.is_ascii() && std::str::from_utf8(body).is_ok() {
        return with(UTF_8, body, CharsetSource::Detected);
    }
    let first = with(enc, body, source);
    if !first.had_errors {
        return first;
    }
    let guess = detect(body);
    if guess != enc {
        let second = with(guess, body, CharsetSource::Detected);
        if !second.had_errors {
            return second;
        }
    }
    first
}

fn with(enc: &'static Encoding, body: &[u8], source: CharsetSource) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        source,
        had_errors,
    }
}

fn is_cjk_legacy(enc: &'static Encoding) -> bool {
    enc == GBK
        || enc == GB18030
        || enc == encoding_rs::BIG5
        || enc == encoding_rs::EUC_KR
        || enc == encoding_rs::SHIFT_JIS
        || enc == encoding_rs::EUC_JP
}

fn detect(body: &[u8]) -> &'static Encoding {
    let sample = &body[..body.len().min(DETECT_BYTES)];
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() == body.len());
    det.guess(Some(b"cn"), Utf8Detection::Allow)
}

/// The encoding a label names. UTF-16 labels inside a document mean UTF-8 (WHATWG: a
/// document that could read its own `<meta>` as ASCII is not UTF-16).
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    if enc == encoding_rs::REPLACEMENT || enc == encoding_rs::X_USER_DEFINED {
        return None;
    }
    Some(enc)
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// The charset named by the first `<meta>` that names one, in the first 4 KiB.
fn meta_charset(body: &[u8]) -> Option<&str> {
    let head = &body[..body.len().min(META_PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut i = c + 7;
            let skip = |i: &mut usize, set: &[u8]| {
                while *i < tag.len() && set.contains(&tag[*i]) {
                    *i += 1;
                }
            };
            skip(&mut i, b" \t\r\n");
            if i < tag.len() && tag[i] == b'=' {
                i += 1;
                skip(&mut i, b" \t\r\n\"'");
                let v0 = i;
                while i < tag.len() && !b" \t\r\n\"';/>".contains(&tag[i]) {
                    i += 1;
                }
                if i > v0 {
                    // Slice the original bytes: labels are ASCII, so offsets match.
                    return std::str::from_utf8(&head[start + v0..start + i]).ok();
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether a body looks like HTML (for answers without a useful `Content-Type`).
pub fn sniff_html(body: &[u8]) -> bool {
    let body = match Encoding::for_bom(body) {
        Some((_, n)) => &body[n..],
        None => body,
    };
    let head = &body[..body.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let trimmed: &[u8] = {
        let i = lower
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(lower.len());
        &lower[i..]
    };
    const STARTS: [&[u8]; 7] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<meta",
        b"<script",
    ];
    if STARTS.iter().any(|s| trimmed.starts_with(s)) {
        return true;
    }
    // A comment or XML prolog first: look for a root element further on.
    (trimmed.starts_with(b"<!--") || trimmed.starts_with(b"<?xml"))
        && (find(trimmed, b"<html").is_some() || find(trimmed, b"<!doctype html").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GBK.encode(s).0.into_owned()
    }

    const PAGE: &str = "<html><head><title>江城市发展和改革委员会</title></head><body>\
        <p>当前位置：首页 &gt; 通知公告。关于做好二〇二三年度政务公开工作的通知，各区人民政府、市政府各部门。</p></body></html>";

    #[test]
    fn a_bom_wins_over_every_declaration() {
        let mut body = vec![0xEF, 0xBB, 0xBF];
        body.extend_from_slice("<meta charset=gbk>标题".as_bytes());
        let d = decode(&body, Some("text/html; charset=gbk"));
        assert_eq!(d.source, CharsetSource::Bom);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with("标题"));
    }

    #[test]
    fn the_header_charset_is_used_and_gb2312_means_gbk() {
        let d = decode(&gbk(PAGE), Some("text/html; charset=\"GB2312\""));
        assert_eq!(d.source, CharsetSource::Header);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("江城市发展和改革委员会") && !d.had_errors);
    }

    #[test]
    fn a_meta_charset_is_found_in_either_spelling() {
        let a = gbk(&format!("<meta charset='gb2312'>{PAGE}"));
        let d = decode(&a, Some("text/html"));
        assert_eq!((d.source, d.encoding), (CharsetSource::Meta, "GBK"));
        let b = gbk(&format!(
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gbk\">{PAGE}"
        ));
        let d = decode(&b, None);
        assert_eq!((d.source, d.encoding), (CharsetSource::Meta, "GBK"));
        assert!(d.text.contains("通知公告"));
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let d = decode(&gbk(PAGE), Some("text/html"));
        assert_eq!((d.source, d.encoding), (CharsetSource::Detected, "GBK"));
        assert!(d.text.contains("江城市发展和改革委员会"));
    }

    #[test]
    fn utf8_labelled_gb2312_is_decoded_as_utf8() {
        let d = decode(PAGE.as_bytes(), Some("text/html; charset=gb2312"));
        assert_eq!((d.source, d.encoding), (CharsetSource::Detected, "UTF-8"));
        assert!(d.text.contains("江城市发展和改革委员会"));
    }

    #[test]
    fn gbk_labelled_utf8_is_redetected() {
        let d = decode(&gbk(PAGE), Some("text/html; charset=utf-8"));
        assert_eq!((d.source, d.encoding), (CharsetSource::Detected, "GBK"));
        assert!(d.text.contains("江城市发展和改革委员会") && !d.had_errors);
    }

    #[test]
    fn a_four_byte_gb18030_character_survives_a_gb2312_label() {
        let body = GB18030.encode("生僻字𠀀").0.into_owned();
        let d = decode(&body, Some("text/html; charset=gb2312"));
        assert_eq!(d.text, "生僻字𠀀");
        assert!(!d.had_errors);
    }

    #[test]
    fn html_is_sniffed_from_the_first_bytes() {
        assert!(sniff_html(b"  \n<!DOCTYPE HTML><html>"));
        assert!(sniff_html(b"<!-- x --><html>"));
        assert!(!sniff_html(b"%PDF-1.7"));
        assert!(!sniff_html(b"GIF89a"));
    }
}
