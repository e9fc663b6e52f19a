//! The engine's error type: an inspection that could not run (not a problem it found).

use xunwang_store::StoreError;

/// Why an inspection could not run or complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The site URL cannot be inspected (not http/https, no host).
    #[error("无法检查网址 {url}：{reason}")]
    BadSiteUrl {
        /// The URL as given.
        url: String,
        /// Why.
        reason: String,
    },
    /// The store failed.
    #[error("数据存储失败（{site}）：{source}")]
    Store {
        /// The site being inspected.
        site: String,
        /// The store's error.
        #[source]
        source: StoreError,
    },
}
