//! PDF fonts: how a string splits into character codes, the text of each code (`ToUnicode`,
//! else the encoding) and its advance width (ISO 32000-1 §9.5-9.10).

use encoding_rs::{BIG5, EUC_KR, Encoding, GB18030, SHIFT_JIS};
use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, code_value};
use super::pdf::{deref, dict, number};

/// How a font's strings split into codes.
enum Split {
    Fixed(usize),
    /// UTF-16BE: two bytes, four for a surrogate pair.
    Utf16,
    /// A legacy multi-byte encoding: the lead byte says the length.
    Lead(&'static Encoding),
    /// An embedded encoding CMap's code-space ranges.
    Ranges(CMap),
}

/// Text for codes the `ToUnicode` map does not cover.
enum Fallback {
    None,
    /// Simple fonts: the text of each byte under the font's encoding.
    Table(Vec<String>),
    Utf16,
    Legacy(&'static Encoding),
}

/// Glyph widths, in thousandths of text space units before `scale`.
enum Widths {
    /// `/FirstChar` and `/Widths` of a simple font.
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: Option<f32>,
    },
    /// `/DW` and `/W` of a CID font whose codes are CIDs (Identity encodings).
    Cid {
        default: f32,
        ranges: Vec<(u32, u32, f32)>,
    },
    /// Unknown: estimated from the text.
    Estimate,
}

/// Everything needed to turn a font's strings into text and advances.
pub(super) struct Font {
    split: Split,
    to_unicode: Option<CMap>,
    fallback: Fallback,
    widths: Widths,
    /// Glyph space to text space: 1/1000, or a Type 3 font's `/FontMatrix`.
    scale: f32,
    /// Single-byte codes (simple fonts): byte 32 takes word spacing (ISO 32000-1 9.3.3).
    single_byte: bool,
}

impl Font {
    pub(super) fn new(doc: &Document, font: &Dictionary, cap: usize) -> Font {
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|t| deref(doc, t))
            .and_then(|t| t.as_stream().ok())
            .and_then(|s| s.get_plain_content_with_limit(cap).ok())
            .map(|data| CMap::parse(&data))
            .filter(CMap::has_text);
        let subtype = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Type0" {
            Font::composite(doc, font, to_unicode, cap)
        } else {
            Font::simple(doc, font, to_unicode, subtype == b"Type3")
        }
    }

    /// Type 0 (CID-keyed) fonts: the `/Encoding` CMap splits codes; text comes from
    /// `ToUnicode`, else from the CMap's own character set when it is Unicode or a legacy
    /// Chinese/Japanese/Korean encoding.
    fn composite(doc: &Document, font: &Dictionary, to_unicode: Option<CMap>, cap: usize) -> Font {
        let encoding = font.get(b"Encoding").ok().and_then(|e| deref(doc, e));
        let (split, fallback, identity) = match encoding {
            Some(Object::Name(name)) => predefined(name),
            Some(Object::Stream(stream)) => {
                let cmap = stream
                    .get_plain_content_with_limit(cap)
                    .map(|data| CMap::parse(&data))
                    .unwrap_or_default();
                let split = if cmap.has_codespace() {
                    Split::Ranges(cmap)
                } else {
                    Split::Fixed(2)
                };
                (split, Fallback::None, false)
            }
            _ => (Split::Fixed(2), Fallback::None, true),
        };
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|d| deref(doc, d))
            .and_then(|d| d.as_array().ok())
            .and_then(|d| d.first())
            .and_then(|d| dict(doc, d));
        let widths = match descendant {
            Some(cid_font) if identity => cid_widths(doc, cid_font),
            _ => Widths::Estimate,
        };
        Font {
            split,
            to_unicode,
            fallback,
            widths,
            scale: 0.001,
            single_byte: false,
        }
    }

    /// Type 1, TrueType and Type 3 fonts: one byte per code.
    fn simple(doc: &Document, font: &Dictionary, to_unicode: Option<CMap>, type3: bool) -> Font {
        // lopdf knows the standard encodings and glyph names; it is asked without the
        // `ToUnicode` entry, which we read ourselves (see cmap.rs for why).
        let mut plain = font.clone();
        plain.remove(b"ToUnicode");
        plain.set("Type", Object::Name(b"Font".to_vec()));
        let table = plain
            .get_font_encoding(doc)
            .ok()
            .map(|encoding| {
                (0..=255u8)
                    .map(|b| {
                        let text = encoding.bytes_to_string(&[b]).unwrap_or_default();
                        if text.is_empty() && (b.is_ascii_graphic() || b == b' ') {
                            char::from(b).to_string()
                        } else {
                            text
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_else(|| {
                (0..=255u8)
                    .map(|b| match b {
                        b' '..=b'~' => char::from(b).to_string(),
                        _ => String::new(),
                    })
                    .collect()
            });
        let first = font
            .get(b"FirstChar")
            .ok()
            .and_then(|f| deref(doc, f))
            .and_then(|f| f.as_i64().ok())
            .and_then(|f| u32::try_from(f).ok());
        let widths = font
            .get(b"Widths")
            .ok()
            .and_then(|w| deref(doc, w))
            .and_then(|w| w.as_array().ok());
        let missing = font
            .get(b"FontDescriptor")
            .ok()
            .and_then(|d| dict(doc, d))
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(number);
        let widths = match (first, widths) {
            (Some(first), Some(widths)) => Widths::Simple {
                first,
                widths: widths
                    .iter()
                    .take(256)
                    .map(|w| deref(doc, w).and_then(number).unwrap_or(0.0))
                    .collect(),
                missing,
            },
            _ => Widths::Estimate,
        };
        let scale = if type3 {
            font.get(b"FontMatrix")
                .ok()
                .and_then(|m| deref(doc, m))
                .and_then(|m| m.as_array().ok())
                .and_then(|m| m.first())
                .and_then(number)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        Font {
            split: Split::Fixed(1),
            to_unicode,
            fallback: Fallback::Table(table),
            widths,
            scale,
            single_byte: true,
        }
    }

    /// Whether advances come from the font's widths rather than an estimate.
    pub(super) fn measured(&self) -> bool {
        !matches!(self.widths, Widths::Estimate)
    }

    /// Calls `f(text, advance in ems, is the single-byte space)` for each code of `bytes`.
    pub(super) fn each_code(&self, bytes: &[u8], mut f: impl FnMut(&str, f32, bool)) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let len = self.code_len(rest).clamp(1, rest.len());
            let (code_bytes, tail) = rest.split_at(len);
            rest = tail;
            let Some((_, code)) = code_value(code_bytes) else {
                continue;
            };
            let text = self.text(code_bytes, code);
            let width = self.width(code, &text) * self.scale;
            f(&text, width, self.single_byte && code == 32);
        }
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.split {
            Split::Fixed(n) => *n,
            Split::Utf16 => {
                let high = bytes.len() >= 4 && (0xD8..=0xDB).contains(&bytes[0]);
                if high { 4 } else { 2 }
            }
            Split::Lead(encoding) => lead_len(encoding, bytes),
            Split::Ranges(cmap) => cmap.code_len(bytes).unwrap_or(1),
        }
    }

    fn text(&self, code_bytes: &[u8], code: u32) -> String {
        if let Some(text) = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.text(code_bytes.len(), code))
        {
            return text;
        }
        match &self.fallback {
            Fallback::None => String::new(),
            Fallback::Table(table) => table.get(code as usize).cloned().unwrap_or_default(),
            Fallback::Utf16 => {
                let units: Vec<u16> = code_bytes
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            Fallback::Legacy(encoding) => encoding
                .decode_without_bom_handling(code_bytes)
                .0
                .into_owned(),
        }
    }

    /// The advance of a code in glyph units (thousandths of an em for all but Type 3).
    fn width(&self, code: u32, text: &str) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied())
                .or(*missing)
                .unwrap_or_else(|| estimate(text) / self.scale * 0.001),
            Widths::Cid { default, ranges } => {
                let at = ranges.partition_point(|r| r.0 <= code);
                ranges[..at]
                    .last()
                    .filter(|r| code <= r.1)
                    .map_or(*default, |r| r.2)
            }
            Widths::Estimate => estimate(text) / self.scale * 0.001,
        }
    }
}

/// Estimated advance in thousandths of an em: half for ASCII, full for anything else.
fn estimate(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 500.0 } else { 1000.0 })
        .sum::<f32>()
        .max(500.0)
}

/// Splitting and fallback text for a predefined CMap name (ISO 32000-1 Table 118), and whether
/// its codes are CIDs.
fn predefined(name: &[u8]) -> (Split, Fallback, bool) {
    let name = String::from_utf8_lossy(name);
    if name.starts_with("Identity") {
        return (Split::Fixed(2), Fallback::None, true);
    }
    if name.starts_with("Uni") && (name.contains("UCS2") || name.contains("UTF16")) {
        return (Split::Utf16, Fallback::Utf16, false);
    }
    let legacy = if name.starts_with("GB") {
        Some(GB18030)
    } else if name.contains("B5") {
        Some(BIG5)
    } else if name.contains("RKSJ") {
        Some(SHIFT_JIS)
    } else if name.starts_with("KSC") {
        Some(EUC_KR)
    } else {
        None
    };
    match legacy {
        Some(encoding) => (Split::Lead(encoding), Fallback::Legacy(encoding), false),
        None => (Split::Fixed(2), Fallback::None, false),
    }
}

/// Code length by lead byte in a legacy multi-byte encoding.
fn lead_len(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let lead = bytes[0];
    if encoding == SHIFT_JIS {
        return if matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) {
            2
        } else {
            1
        };
    }
    if lead < 0x81 || lead == 0xFF {
        return 1;
    }
    // GB18030 four-byte sequences have a digit as second byte.
    if encoding == GB18030 && bytes.get(1).is_some_and(u8::is_ascii_digit) {
        return 4;
    }
    2
}

/// `/DW` and `/W` of a CIDFont (ISO 32000-1 9.7.4.3).
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let default = cid_font
        .get(b"DW")
        .ok()
        .and_then(|d| deref(doc, d))
        .and_then(number)
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(w) = cid_font
        .get(b"W")
        .ok()
        .and_then(|w| deref(doc, w))
        .and_then(|w| w.as_array().ok())
    {
        let mut i = 0;
        while i < w.len() && ranges.len() < 1 << 18 {
            let Some(first) = deref(doc, &w[i]).and_then(|f| f.as_i64().ok()) else {
                break;
            };
            let first = u32::try_from(first).unwrap_or(0);
            match w.get(i + 1).and_then(|x| deref(doc, x)) {
                Some(Object::Array(list)) => {
                    for (k, width) in list.iter().enumerate().take(1 << 16) {
                        let width = deref(doc, width).and_then(number).unwrap_or(default);
                        let cid = first.saturating_add(k as u32);
                        ranges.push((cid, cid, width));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = last.as_i64().ok().and_then(|l| u32::try_from(l).ok());
                    let width = w.get(i + 2).and_then(|x| deref(doc, x)).and_then(number);
                    if let (Some(last), Some(width)) = (last, width) {
                        ranges.push((first, last.max(first), width));
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Cid { default, ranges }
}
