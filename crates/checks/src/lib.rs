//! Pure judgements over what was read from a site (DESIGN.md "Data flow"): which columns it
//! has and whether they are fresh or empty, whether the home page is updated, whether the
//! footer carries the required identifiers, and whether the interaction channel answers.
//!
//! Nothing here does I/O or reads the clock: the 监测时间点 `now` and the working-day calendar
//! are arguments, and every keyword list, window and threshold comes from [`Config`], whose
//! defaults ship as data (`rules/site-model.toml`).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod config;
mod site;

pub use config::{Config, ConfigError};
pub use site::{
    Column, ColumnClass, NewestItem, PageRecord, SiteChecks, SiteInput, Tallies, check_site,
};
