//! Keyword rules, windows and thresholds: data the office can extend without recompiling.

use serde::{Deserialize, Serialize};

/// The default rules, shipped as data.
pub const DEFAULT_RULES: &str = include_str!("../rules/site-model.toml");

/// A config that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The TOML is malformed or a value has the wrong type.
    #[error("规则文件格式错误：{0}")]
    Toml(#[from] toml::de::Error),
}

/// Keyword rules, windows and thresholds for the site-model checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {}

impl Default for Config {
    fn default() -> Config {
        Config::from_toml(DEFAULT_RULES).expect("the shipped rules parse")
    }
}

impl Config {
    /// Reads a config; fields left out take the shipped defaults.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Ok(toml::from_str(text)?)
    }
}
