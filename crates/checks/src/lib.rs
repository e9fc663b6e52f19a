//! Pure judgements over what was read from a site (DESIGN.md "Data flow"): which columns it
//! has and whether they are fresh or empty, whether the home page is updated, whether the
//! footer carries the required identifiers, and whether the interaction channel answers.
//!
//! Nothing here does I/O or reads the clock: the 监测时间点 `now` and the working-day calendar
//! are arguments, and every keyword list, window and threshold comes from [`Config`], whose
//! defaults ship as data (`rules/site-model.toml`).
//!
//! ```
//! use chrono::DateTime;
//! use xunwang_checks::{Config, PageRecord, SiteInput, check_site};
//! use xunwang_core::WorkCalendar;
//!
//! let home = PageRecord {
//!     url: "http://www.example.gov.cn/".into(),
//!     title: Some("示例市人民政府".into()),
//!     published: None,
//!     model: Default::default(),
//! };
//! let input = SiteInput {
//!     home: "http://www.example.gov.cn/",
//!     pages: std::slice::from_ref(&home),
//!     registered_site_code: None,
//!     article_dates: &[],
//! };
//! let now = DateTime::parse_from_rfc3339("2024-05-06T10:00:00+08:00").unwrap();
//! let checks = check_site(&input, &Config::default(), now, WorkCalendar::official());
//! // An empty footer: no 网站标识码, and no consultation channel anywhere (V5.1).
//! assert!(checks.findings.iter().any(|f| f.kind.id() == "identity.site_code_missing"));
//! assert!(checks.vetoes.iter().any(|v| v.rule == "V5.1"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod columns;
mod config;
mod content;
mod freshness;
mod identity;
mod index;
mod interaction;
mod keys;
mod lexicon;
mod privacy;
mod site;
mod text;
mod veto;

pub use config::{
    ClassRule, ColumnRules, Config, ConfigError, ContentRules, DEFAULT_RULES, InteractionRules,
    WarningTier, Window, Windows,
};
pub use content::{
    Hit, PageInput, PageScan, Scanner, SpamVerdict, content_findings, content_veto, external_hit,
};
pub use lexicon::{
    Category, Lexicon, LexiconError, Normalized, Strength, Term, TermMatch, parse_terms_toml,
    parse_word_list,
};
pub use privacy::{PersonalHit, PersonalKind, find_personal, mask_personal};
pub use site::{
    Column, ColumnClass, NewestItem, PageRecord, SiteChecks, SiteInput, Tallies, check_site,
};
pub use veto::{Veto, VetoThresholds, pre_veto_warnings, vetoes};
