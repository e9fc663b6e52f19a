//! The text of government attachments (公示名单, 通知 as PDF, DOCX, XLSX, XLS), for the
//! personal-data scan: the scanner looks for unmasked ID numbers, mobiles and bank cards in it.
//!
//! Every reader is bounded: the input by [`DocLimits::max_bytes`] (refused unread), the text by
//! [`DocLimits::max_text_bytes`], PDF pages by [`DocLimits::max_pages`], spreadsheet cells by
//! [`DocLimits::max_cells`], and every decompressed part (zip entry, PDF stream) by
//! [`unpacked_limit`]. Parsers of hostile files may panic; a panic becomes an error.
//!
//! The layout the scanner relies on is documented on [`document_text`].

mod cmap;
mod docx;
mod font;
mod ole;
mod pdf;
mod sheet;

use std::fmt;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::ExtractError;

/// What an attachment is, from its URL's extension or its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// PDF.
    Pdf,
    /// Word 2007+ (Office Open XML).
    Docx,
    /// Excel 2007+ (Office Open XML).
    Xlsx,
    /// Excel 97-2003 (BIFF in an OLE2 compound file).
    Xls,
    /// Word 97-2003 (OLE2 compound file).
    Doc,
    /// Kingsoft WPS Writer.
    Wps,
    /// Kingsoft WPS Spreadsheets.
    Et,
    /// Anything else (or not known).
    Other,
}

impl DocKind {
    /// From a URL path's extension (case-insensitive; query and fragment ignored):
    /// `.pdf .docx .xlsx .xls .doc .wps .et`; `None` otherwise.
    ///
    /// ```
    /// use xunwang_extract::DocKind;
    /// assert_eq!(DocKind::from_path("/zwgk/2024/公示名单.XLSX?v=2"), Some(DocKind::Xlsx));
    /// assert_eq!(DocKind::from_path("https://www.example.gov.cn/a.doc#p1"), Some(DocKind::Doc));
    /// assert_eq!(DocKind::from_path("/index.html"), None);
    /// ```
    pub fn from_path(path: &str) -> Option<DocKind> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or_default();
        let (_, ext) = name.rsplit_once('.')?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "pdf" => DocKind::Pdf,
            "docx" => DocKind::Docx,
            "xlsx" => DocKind::Xlsx,
            "xls" => DocKind::Xls,
            "doc" => DocKind::Doc,
            "wps" => DocKind::Wps,
            "et" => DocKind::Et,
            _ => return None,
        })
    }

    /// From magic bytes: `%PDF-` (within the first KiB, as readers allow), a zip with `word/`
    /// or `xl/` parts, or an OLE2 compound file (`D0 CF 11 E0`) whose streams say Excel
    /// (`Workbook`/`Book`) or Word (`WordDocument`); `None` otherwise (including an encrypted
    /// OOXML package, which is an OLE2 file with neither).
    pub fn sniff(bytes: &[u8]) -> Option<DocKind> {
        if has_pdf_header(bytes) {
            return Some(DocKind::Pdf);
        }
        if bytes.starts_with(ZIP_MAGIC) {
            return docx::sniff_package(bytes);
        }
        if bytes.starts_with(ole::MAGIC) {
            let streams = ole::Streams::of(bytes)?;
            if streams.workbook {
                return Some(DocKind::Xls);
            }
            if streams.word {
                return Some(DocKind::Doc);
            }
        }
        None
    }

    /// The lowercase name, as serialized (`pdf`, `docx`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Pdf => "pdf",
            DocKind::Docx => "docx",
            DocKind::Xlsx => "xlsx",
            DocKind::Xls => "xls",
            DocKind::Doc => "doc",
            DocKind::Wps => "wps",
            DocKind::Et => "et",
            DocKind::Other => "other",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Default [`DocLimits::max_bytes`]: 20 MiB.
pub const DEFAULT_MAX_DOC_BYTES: usize = 20 * 1024 * 1024;
/// Default [`DocLimits::max_text_bytes`]: 4 MiB.
pub const DEFAULT_MAX_DOC_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Default [`DocLimits::max_pages`]: 300.
pub const DEFAULT_MAX_PDF_PAGES: usize = 300;
/// Default [`DocLimits::max_cells`]: 500 000.
pub const DEFAULT_MAX_CELLS: usize = 500_000;

/// How much of an attachment is read.
#[derive(Clone, Debug)]
pub struct DocLimits {
    /// Larger inputs are refused without parsing. Default 20 MiB.
    pub max_bytes: usize,
    /// The text is cut here (on a char boundary). Default 4 MiB.
    pub max_text_bytes: usize,
    /// PDF pages read. Default 300.
    pub max_pages: usize,
    /// Non-empty spreadsheet cells read, all sheets together. Default 500 000.
    pub max_cells: usize,
}

impl Default for DocLimits {
    fn default() -> Self {
        DocLimits {
            max_bytes: DEFAULT_MAX_DOC_BYTES,
            max_text_bytes: DEFAULT_MAX_DOC_TEXT_BYTES,
            max_pages: DEFAULT_MAX_PDF_PAGES,
            max_cells: DEFAULT_MAX_CELLS,
        }
    }
}

/// The most one decompressed part may hold (a zip entry, a PDF stream): four times the larger
/// of `max_bytes` and `max_text_bytes` (80 MiB by default). Markup is several times the text it
/// carries, and a deflate bomb can be a thousand times its input.
pub(crate) fn unpacked_limit(limits: &DocLimits) -> usize {
    limits
        .max_bytes
        .max(limits.max_text_bytes)
        .saturating_mul(4)
}

/// The text of an attachment.
#[derive(Clone, Debug, PartialEq)]
pub struct DocText {
    /// What was read (the magic bytes' verdict, else the hint).
    pub kind: DocKind,
    /// The text, laid out as [`document_text`] says.
    pub text: String,
    /// Some limit was hit and part of the document was not read.
    pub truncated: bool,
}

/// The text of an attachment. `hint` (usually [`DocKind::from_path`] of the URL) is used when
/// sniffing cannot tell; the magic bytes win when they disagree.
///
/// Layout, which the personal-data scanner relies on:
/// - PDF: one text line per `\n` (a change of baseline starts a line, so a wrapped paragraph
///   is several lines); a horizontal gap wider than a word space inside a line is one space.
/// - DOCX: one paragraph per `\n`; `w:tab` is `\t`, `w:br` is `\n`; a table row is one line with
///   its cells separated by `\t` (paragraphs inside a cell joined by a space).
/// - XLSX/XLS: one row per line, cells separated by `\t` (an empty cell keeps its `\t`, so
///   columns line up), sheets (hidden ones too) separated by a blank line; empty rows are left
///   out. Values as displayed: integers without `.0`, other numbers to 15 significant digits
///   like Excel, never in exponent form (an 18-digit ID stored as a number comes out as 18
///   digits, the last three as Excel shows them); dates `YYYY-MM-DD[ HH:MM:SS]`. A tab or line
///   break inside a cell becomes a space so that a row stays one line.
///
/// Nothing else is collapsed. The text is cut at [`DocLimits::max_text_bytes`] on a char
/// boundary; then, or when pages or cells were left unread, [`DocText::truncated`] is set.
///
/// ```
/// use xunwang_extract::{DocKind, DocLimits, document_text};
///
/// let err = document_text(b"<html>404</html>", Some(DocKind::Pdf), &DocLimits::default());
/// assert!(err.unwrap_err().to_string().contains("not a PDF"));
/// ```
///
/// # Errors
///
/// [`ExtractError::DocumentTooLarge`] over `max_bytes`; [`ExtractError::DocumentEncrypted`] for
/// a password-protected file; [`ExtractError::DocumentUnsupported`] for legacy Word
/// (`.doc`/`.wps`) and anything not PDF, OOXML or OLE2; [`ExtractError::Document`] for a corrupt
/// file, one that is not what its hint says, or a parser panic (turned into an error; the
/// process's panic hook still reports it on stderr).
pub fn document_text(
    bytes: &[u8],
    hint: Option<DocKind>,
    limits: &DocLimits,
) -> Result<DocText, ExtractError> {
    if bytes.len() > limits.max_bytes {
        // Only the cheap prefix check: the point is not to parse.
        let kind = if has_pdf_header(bytes) {
            DocKind::Pdf
        } else {
            hint.unwrap_or(DocKind::Other)
        };
        return Err(ExtractError::DocumentTooLarge {
            kind,
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let hinted = hint.unwrap_or(DocKind::Other);
    // Third-party parsers (lopdf, calamine, cfb) index into hostile bytes; a panic there is a
    // bug in them, not a reason to take the inspector down.
    let outcome = catch_unwind(AssertUnwindSafe(|| read(bytes, hint, limits)));
    match outcome {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let kind = if has_pdf_header(bytes) {
                DocKind::Pdf
            } else {
                hinted
            };
            Err(ExtractError::Document {
                kind,
                reason: format!("the parser panicked: {message}"),
            })
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// `%PDF-` within the first KiB (ISO 32000-2 7.5.2 puts it first; readers tolerate leading
/// junk such as a BOM or an HTTP header left in the body).
fn has_pdf_header(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn read(bytes: &[u8], hint: Option<DocKind>, limits: &DocLimits) -> Result<DocText, ExtractError> {
    let sniffed = DocKind::sniff(bytes);
    let kind = sniffed.or(hint).unwrap_or(DocKind::Other);
    let is_ole = bytes.starts_with(ole::MAGIC);
    let mut out = TextOut::new(limits.max_text_bytes);
    match sniffed {
        Some(DocKind::Pdf) => pdf::read(bytes, limits, &mut out)?,
        Some(DocKind::Docx) => docx::read(bytes, limits, &mut out)?,
        Some(DocKind::Xlsx) => sheet::read_xlsx(bytes, limits, &mut out)?,
        Some(DocKind::Xls) => sheet::read_xls(bytes, limits, &mut out)?,
        Some(DocKind::Doc) => {
            return Err(ExtractError::DocumentUnsupported {
                kind,
                detail: "legacy Word 97-2003 binary text (.doc, and .wps saved in that format) \
                         is not read yet; only .docx is"
                    .into(),
            });
        }
        // Office 2007+ files with a password are OLE2 wrappers around an encrypted package
        // ([MS-OFFCRYPTO] 2.3.4): EncryptionInfo + EncryptedPackage streams.
        _ if is_ole && ole::Streams::of(bytes).is_some_and(|s| s.encrypted_package) => {
            return Err(ExtractError::DocumentEncrypted { kind });
        }
        _ if is_ole => {
            return Err(ExtractError::DocumentUnsupported {
                kind,
                detail: "an OLE2 file without a Word or Excel stream (e.g. older Kingsoft WPS) \
                         or a damaged one; its text is not read yet"
                    .into(),
            });
        }
        _ => {
            let reason = match kind {
                DocKind::Other => {
                    return Err(ExtractError::DocumentUnsupported {
                        kind,
                        detail: "not a PDF, Office Open XML or OLE2 file".into(),
                    });
                }
                DocKind::Pdf => "not a PDF: no %PDF- header in the first 1024 bytes",
                DocKind::Docx | DocKind::Xlsx if bytes.starts_with(ZIP_MAGIC) => {
                    "a zip file without Word (word/) or Excel (xl/) parts, or a corrupt zip"
                }
                DocKind::Docx | DocKind::Xlsx => "not a zip package (no PK header)",
                DocKind::Xls | DocKind::Doc => "not an OLE2 compound file (no D0 CF 11 E0 header)",
                DocKind::Wps | DocKind::Et => {
                    "neither an OLE2 compound file nor an Office Open XML package"
                }
            };
            return Err(ExtractError::Document {
                kind,
                reason: reason.into(),
            });
        }
    }
    Ok(out.finish(kind))
}

/// The text being built, cut at a byte budget on a char boundary.
pub(crate) struct TextOut {
    text: String,
    max: usize,
    truncated: bool,
}

impl TextOut {
    fn new(max: usize) -> TextOut {
        TextOut {
            text: String::new(),
            max,
            truncated: false,
        }
    }

    /// Appends `s`, or as much of it as fits; after that the output is full.
    pub(crate) fn push_str(&mut self, s: &str) {
        if self.truncated {
            return;
        }
        let room = self.max - self.text.len();
        if s.len() <= room {
            self.text.push_str(s);
        } else {
            self.text.push_str(&s[..s.floor_char_boundary(room)]);
            self.truncated = true;
        }
    }

    /// Appends one character (if it fits).
    pub(crate) fn push(&mut self, c: char) {
        let mut buf = [0; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }

    /// The text limit was reached: readers stop.
    pub(crate) fn is_full(&self) -> bool {
        self.truncated
    }

    /// Marks that part of the document was left unread (another limit was hit).
    pub(crate) fn mark_truncated(&mut self) {
        self.truncated = true;
    }

    /// The last character written, if any.
    pub(crate) fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Nothing written yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The result; trailing line breaks are dropped (every reader ends lines with one).
    fn finish(mut self, kind: DocKind) -> DocText {
        let kept = self.text.trim_end_matches(['\n', '\r']).len();
        self.text.truncate(kept);
        DocText {
            kind,
            text: self.text,
            truncated: self.truncated,
        }
    }
}

/// A zip archive over in-memory bytes (docx, xlsx).
pub(crate) fn open_zip(bytes: &[u8]) -> zip::result::ZipResult<zip::ZipArchive<Cursor<&[u8]>>> {
    zip::ZipArchive::new(Cursor::new(bytes))
}

#[cfg(test)]
#[path = "attachment_tests.rs"]
mod tests;
