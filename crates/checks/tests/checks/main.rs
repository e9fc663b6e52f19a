//! Tests of the site-model checks over small synthetic sites.

mod support;

mod columns;
mod config;
mod essentials;
mod home;
mod identity;
mod interaction;
mod robustness;
mod staleness;
mod veto;
