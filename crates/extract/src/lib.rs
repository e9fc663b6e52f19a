//! Pure parsing for xunwang: HTML pages to facts (links with element, attribute, text and
//! hidden context; title; meta tags; visible text length), publication dates, the page model
//! (breadcrumb, menus, list items and blocks, pagination, footer identifiers, board, forms:
//! [`read_model`]; the words it looks for are data, [`Cues`], shipped as [`DEFAULT_PAGE_CUES`]
//! and extensible with [`Cues::from_toml`]) and sitemaps to URL lists;
//! attachments (PDF, DOCX, XLSX, XLS) to their text for the personal-data scan: [`document_text`].
//!
//! Nothing here does I/O or judges: the fetcher has already decoded the bytes, and the crawler
//! and the checks decide what the facts mean (DESIGN.md "Data flow").
//!
//! ```
//! use url::Url;
//! use xunwang_extract::{LinkKind, parse_page, parse_sitemap};
//!
//! let page = Url::parse("https://www.example.gov.cn/").unwrap();
//! let facts = parse_page(
//!     r#"<div style="display: none"><a href="http://casino.example/">x</a></div>
//!        <img src="/logo.png" alt="政府网">"#,
//!     &page,
//! );
//! assert!(facts.links[0].hidden);
//! assert_eq!(facts.links[1].kind, LinkKind::Resource);
//! assert_eq!(facts.links[1].url.as_ref().unwrap().as_str(), "https://www.example.gov.cn/logo.png");
//!
//! let sitemap = parse_sitemap(b"<urlset><url><loc>https://www.example.gov.cn/a</loc></url></urlset>").unwrap();
//! assert_eq!(sitemap.urls, ["https://www.example.gov.cn/a"]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod attachment;
mod cues;
mod dates;
mod entities;
mod error;
mod model;
mod page;
mod pager;
mod sitemap;
mod syntax;

pub use attachment::{
    DEFAULT_MAX_CELLS, DEFAULT_MAX_DOC_BYTES, DEFAULT_MAX_DOC_TEXT_BYTES, DEFAULT_MAX_PDF_PAGES,
    DocKind, DocLimits, DocText, document_text,
};
pub use cues::{Cues, CuesError, DEFAULT_PAGE_CUES};
pub use dates::{DateSource, PublishDate, find_dates, infer_month_day, publish_date, url_date};
pub use error::ExtractError;
pub use model::suspect::{
    AdSlot, ContentFacts, FrameFact, HiddenGroup, Hiding, LinkFact, Redirect, Region, ScriptFact,
    TextUnit,
};
pub use model::{
    Crumb, Footer, Form, FormPurpose, ItemDateSource, ListBlock, ListItem, MessageDetail,
    MessageRow, NavLink, PageModel, Pagination, Stamp, read_model, read_model_with,
};
pub use model::{ReadPage, read_page_with};
pub use page::{
    Link, LinkKind, MAX_LINK_TEXT_CHARS, MAX_TEXT_BYTES, MAX_TITLE_CHARS, PageFacts, parse_page,
};
pub use pager::{MAX_PAGER_PAGES, ScriptPager, script_pagers};
pub use sitemap::{Sitemap, parse_sitemap};
