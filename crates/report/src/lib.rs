//! Report sinks of xunwang (巡网): the quarterly bulletin (通报) as DOCX, Markdown, HTML and JSON,
//! the per-site 检查情况表, the 整改清单 workbook and hand-drawn SVG charts.
//!
//! Pure rendering: every sink takes the [`Bulletin`] model (or part of it) and returns bytes or a
//! string. Nothing here reads files, the clock or the database.
//!
//! ```
//! let b = xunwang_report::sample_bulletin();
//! let md = xunwang_report::bulletin_markdown(&b);
//! assert!(md.contains("一、总体情况"));
//! let docx = xunwang_report::bulletin_docx(&b).unwrap();
//! assert_eq!(&docx[..2], b"PK");
//! ```
//!
//! The Markdown bulletin references `charts/pass-rate.svg` and `charts/score-bands.svg`; the caller
//! writes those two files next to it from [`chart_pass_rate_svg`] and [`chart_score_bands_svg`]
//! (paths in [`CHART_PASS_RATE_PATH`] and [`CHART_SCORE_BANDS_PATH`]). The HTML bulletin inlines both.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bulletin;
mod chart;
mod doc;
mod docx;
mod error;
mod html;
mod json;
mod markdown;
mod model;
mod sample;
mod sheet;
mod text;
mod xlsx;

pub use bulletin::{ScoreBand, score_band};
pub use chart::{chart_pass_rate_svg, chart_score_bands_svg};
pub use docx::{DocxFonts, bulletin_docx, bulletin_docx_with_fonts, site_sheet_docx};
pub use error::ReportError;
pub use html::{bulletin_html, site_sheet_html};
pub use json::{bulletin_json, scorecards_json};
pub use markdown::{
    CHART_PASS_RATE_PATH, CHART_SCORE_BANDS_PATH, bulletin_markdown, site_sheet_markdown,
};
pub use model::{
    Bulletin, Dismissal, Example, Overall, PackInfo, PeriodInfo, ProblemCategory, RectificationRow,
    ScoreItem, SiteScore, Verdict, percent, score_text,
};
#[doc(hidden)] // test and demo data, not part of the rendering API
pub use sample::sample_bulletin;
pub use xlsx::rectification_xlsx;
