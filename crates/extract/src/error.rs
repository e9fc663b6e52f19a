//! The crate's one error type.

/// Why a sitemap or an attachment could not be read. (HTML parsing never fails: see
/// [`crate::parse_page`].)
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The sitemap body is still gzip-compressed (`.xml.gz`); the fetcher must inflate it.
    #[error("sitemap is gzip-compressed (starts with 1f 8b); decompress it before parsing")]
    SitemapCompressed,
    /// The sitemap body is binary (contains NUL bytes), neither XML nor a URL list.
    #[error("sitemap is binary (contains NUL bytes), neither XML nor a plain-text URL list")]
    SitemapBinary,
    /// The sitemap XML is not well-formed.
    #[error("sitemap XML is malformed at byte {position}: {message}")]
    SitemapXml {
        /// Byte offset (in the decoded text) where the parser gave up.
        position: u64,
        /// What the XML parser reported.
        message: String,
    },
    /// The XML document is well-formed but its root is neither `urlset` nor `sitemapindex`.
    #[error("not a sitemap: root element is <{root}>, expected <urlset> or <sitemapindex>")]
    NotASitemap {
        /// Local name of the root element found.
        root: String,
    },
    /// An attachment is larger than [`crate::DocLimits::max_bytes`]; it was refused unread.
    #[error("{kind} attachment is {size} bytes, over the {max}-byte limit; not read")]
    DocumentTooLarge {
        /// What the attachment looked like (magic bytes, else the hint).
        kind: crate::DocKind,
        /// Its size in bytes.
        size: usize,
        /// The limit it exceeded.
        max: usize,
    },
    /// An attachment is password-protected (encrypted PDF, Office file or workbook).
    #[error("{kind} attachment is encrypted (password-protected); its text cannot be read")]
    DocumentEncrypted {
        /// The kind of attachment.
        kind: crate::DocKind,
    },
    /// An attachment in a format whose text is not read yet: legacy Word (`.doc`, and `.wps`
    /// in that format), other OLE2 files, or no document format at all.
    #[error("{kind} attachments are not read yet: {detail}")]
    DocumentUnsupported {
        /// The kind of attachment.
        kind: crate::DocKind,
        /// Which format it is and what would read it.
        detail: String,
    },
    /// An attachment is corrupt, truncated or not the format it claims to be.
    #[error("{kind} attachment is unreadable: {reason}")]
    Document {
        /// The kind of attachment it was read as.
        kind: crate::DocKind,
        /// What the parser reported.
        reason: String,
    },
}
