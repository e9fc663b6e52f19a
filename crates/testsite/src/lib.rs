//! Sample government websites with known faults, served on loopback.
//!
//! A *scenario* (TOML) describes a city's portal and department sites, the faults planted in
//! them and hostile server behaviours. The generator builds a [`World`] from it: every page
//! is a pure function of the seed, the 监测时间点 and the URL, rendered on request, so the
//! same seed gives identical bytes and a 100,000-page portal costs no disk. The [`Manifest`]
//! is the ground truth: each fault with the URL a correct finding must carry.
//!
//! ```no_run
//! # async fn demo() -> Result<(), xunwang_testsite::Error> {
//! use xunwang_testsite::{Scenario, ServeOptions, Testsite};
//! let site = Testsite::start(&Scenario::default_scenario(), &ServeOptions::default()).await?;
//! println!("{} serves {} faults", site.addr(), site.manifest().faults.len());
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod app;
pub mod attachments;
mod content;
mod manifest;
mod plant;
mod render;
mod rng;
mod scenario;
mod serve;
mod text;
mod truth;
mod world;

use std::net::SocketAddr;

pub use app::{App, Body, Reply, Request, is_browser, is_spider};
pub use manifest::{KindScore, Manifest, ManifestColumn, ManifestFault, ManifestSite};
pub use scenario::{
    Behaviour, City, DEFAULT_SCENARIO, FailMode, FaultSpec, InteractionRules, LARGE_SCENARIO,
    PageEncoding, SMALL_SCENARIO, Scenario, SiteKind, SiteSpec, Windows,
};
pub use serve::{ServeOptions, Testsite};
pub use world::{BuildOptions, ColumnClass, World};

/// What can go wrong when generating or serving the sample sites.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The scenario is invalid.
    #[error("场景 {origin} 无效：{reason}")]
    Scenario {
        /// The file (or flag) it came from.
        origin: String,
        /// What is wrong.
        reason: String,
    },
    /// The listener could not be bound.
    #[error("无法监听 {addr}：{source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}
