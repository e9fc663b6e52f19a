//! The crate's one error type.

/// Why a document could not be rendered. Rendering text never fails; only packing a binary
/// container (DOCX/XLSX) can.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The DOCX package could not be written.
    #[error("写入 Word 文档“{document}”失败：{message}")]
    Docx {
        /// Which document (e.g. "bulletin", or the site name of a 检查情况表).
        document: String,
        /// The underlying error.
        message: String,
    },
    /// The XLSX workbook could not be written.
    #[error("写入 Excel 表格“{document}”失败：{message}")]
    Xlsx {
        /// Which workbook (e.g. "整改清单").
        document: String,
        /// The underlying error.
        message: String,
    },
}
