//! The crate's one error type.

/// Why a sitemap could not be read. (HTML parsing never fails: see [`crate::parse_page`].)
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
}
