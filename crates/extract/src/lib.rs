//! Pure parsing for xunwang: HTML pages to facts (links with element, attribute, text and hidden context; title; meta), sitemaps
#![forbid(unsafe_code)]
#![deny(missing_docs)]
