//! Keyword rules, windows and thresholds: data the office can extend without recompiling.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::site::ColumnClass;
use crate::veto::VetoThresholds;

/// The default rules, shipped as data.
pub const DEFAULT_RULES: &str = include_str!("../rules/site-model.toml");

/// A config that could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The TOML is malformed, a key is unknown, or a value has the wrong type (the message
    /// names the key).
    // Not a `#[source]`: the message already carries it, and a chain printer would repeat it.
    #[error("规则文件格式错误：{0}")]
    Toml(toml::de::Error),
    /// A window is not a number followed by `d`, `m` or `y`.
    #[error(
        "时间窗口 {value:?} 无法解析：{reason}；应写作非负整数加单位，如 \"14d\"（天）、\"6m\"（自然月）、\"1y\"（年）"
    )]
    Window {
        /// The value as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl From<toml::de::Error> for ConfigError {
    fn from(e: toml::de::Error) -> ConfigError {
        ConfigError::Toml(e)
    }
}

/// A look-back window ending at the 监测时间点, written `"14d"`, `"6m"` or `"1y"`.
///
/// Windows are inclusive: with 监测时间点 date N, a date d is inside `"14d"` iff d ≥ N − 14 days,
/// and inside `"6m"` iff d ≥ N − 6 calendar months (chrono `checked_sub_months`, which clamps
/// to the month's last day: 2024-08-31 − 6m = 2024-02-29).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Window {
    /// A number of days (`"14d"`).
    Days(u32),
    /// A number of calendar months (`"6m"`).
    Months(u32),
    /// A number of years, i.e. 12 calendar months each (`"1y"`).
    Years(u32),
}

impl Window {
    /// Parses `"14d"`, `"6m"`, `"1y"` (surrounding spaces allowed).
    pub fn parse(text: &str) -> Result<Window, ConfigError> {
        let error = |reason: &str| ConfigError::Window {
            value: text.to_owned(),
            reason: reason.to_owned(),
        };
        let s = text.trim();
        let Some(unit) = s.chars().last() else {
            return Err(error("为空"));
        };
        let number = &s[..s.len() - unit.len_utf8()];
        if number.is_empty() {
            return Err(error("缺少数字"));
        }
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error("数字部分不是非负整数"));
        }
        let n: u32 = number.parse().map_err(|_| error("数字过大"))?;
        match unit.to_ascii_lowercase() {
            'd' => Ok(Window::Days(n)),
            'm' => Ok(Window::Months(n)),
            'y' => Ok(Window::Years(n)),
            _ => Err(error("单位只能是 d、m 或 y")),
        }
    }

    /// The earliest date inside the window that ends at `today`: d is inside iff d ≥ start.
    pub fn start(self, today: NaiveDate) -> NaiveDate {
        let start = match self {
            Window::Days(n) => today.checked_sub_days(chrono::Days::new(n.into())),
            Window::Months(n) => today.checked_sub_months(Months::new(n)),
            Window::Years(n) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
        };
        start.unwrap_or(NaiveDate::MIN)
    }

    /// The last date inside the window that starts at `from` (`from` + the window): a reply
    /// dated after it is later than the window.
    pub fn end(self, from: NaiveDate) -> NaiveDate {
        let end = match self {
            Window::Days(n) => from.checked_add_days(chrono::Days::new(n.into())),
            Window::Months(n) => from.checked_add_months(Months::new(n)),
            Window::Years(n) => from.checked_add_months(Months::new(n.saturating_mul(12))),
        };
        end.unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` is inside the window ending at `today`.
    pub fn contains(self, date: NaiveDate, today: NaiveDate) -> bool {
        date >= self.start(today)
    }

    /// The window in Chinese for reports (`14 天`, `6 个月`, `1 年`).
    pub fn label_zh(self) -> String {
        match self {
            Window::Days(n) => format!("{n} 天"),
            Window::Months(n) => format!("{n} 个月"),
            Window::Years(n) => format!("{n} 年"),
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Days(n) => write!(f, "{n}d"),
            Window::Months(n) => write!(f, "{n}m"),
            Window::Years(n) => write!(f, "{n}y"),
        }
    }
}

impl FromStr for Window {
    type Err = ConfigError;
    fn from_str(s: &str) -> Result<Window, ConfigError> {
        Window::parse(s)
    }
}

impl TryFrom<String> for Window {
    type Error = ConfigError;
    fn try_from(s: String) -> Result<Window, ConfigError> {
        Window::parse(&s)
    }
}

impl From<Window> for String {
    fn from(w: Window) -> String {
        w.to_string()
    }
}

/// The windows of the freshness and interaction rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Windows {
    /// 动态/要闻 columns (V4.1); default `"14d"`.
    pub news: Window,
    /// First-level 通知公告/政策文件 columns (V4.1); default `"6m"`.
    pub notice: Window,
    /// Periodic columns, 应更新但长期未更新 (V4.2); default `"365d"` (unverified).
    pub periodic: Window,
    /// The home page (V3); default `"14d"`.
    pub home: Window,
    /// A message unanswered longer than this (V5.2); default `"3m"`.
    pub unanswered: Window,
    /// Messages posted within this look-back are judged (V5.2); default `"1y"`.
    pub interaction_lookback: Window,
}

/// One class rule: the column name contains one of `keywords` ⇒ `class`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    /// The class given.
    pub class: ColumnClass,
    /// Substrings of the column name.
    pub keywords: Vec<String>,
}

/// Rules of column discovery and of the empty-column check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnRules {
    /// Breadcrumb steps that name a detail page (`正文`, `详情`…), matched exactly.
    pub detail_crumbs: Vec<String>,
    /// Placeholder phrases (`暂无信息`…): a list item whose title contains one is no item.
    pub placeholders: Vec<String>,
    /// A column with no items is empty only when its main text is shorter than this; default 50.
    pub empty_max_text_len: usize,
}

/// Rules of the interaction checks (V5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionRules {
    /// Link or heading text naming a consultation channel (`留言`, `咨询`, `信箱`…).
    pub channel_keywords: Vec<String>,
    /// Text that makes a channel not count (`信访`, `纪检`, `举报`, V5.1).
    pub channel_exclusions: Vec<String>,
    /// Column names whose messages are not judged (`信访`, `纪检`, `举报`, `访谈`, `征集`, V5.2).
    pub message_exclusions: Vec<String>,
    /// A reply later than this many working days is slow; default 5 (湖南 practice).
    pub reply_working_days: u32,
}

/// The pre-veto warning tier (vendor practice): warn before a single-veto count is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningTier {
    /// Whether warnings are computed at all; default true.
    pub enabled: bool,
    /// Warn when the home page's newest item is older than this; default `"10d"`.
    pub home: Window,
    /// Warn from this many empty columns; default 2.
    pub empty_columns: u32,
    /// Warn from this many long-unupdated columns; default 6.
    pub long_unupdated_columns: u32,
}

/// Rules of the content checks (spam, hidden links, ads, terms, personal data, cloaking,
/// 外链变异): how words found by the lexicon are weighed, and the bounds of the extra reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentRules {
    /// Distinct weak terms one text unit needs to count as spam; default 3.
    pub weak_terms_needed: usize,
    /// Pages published before this date are not judged for outdated institution names.
    pub reform_cutoff: NaiveDate,
    /// An outdated name right after one of these is historical (`原国土资源局`).
    pub historical_prefixes: Vec<String>,
    /// Host suffixes of government sites (`.gov.cn`…).
    pub government_suffixes: Vec<String>,
    /// Links to outside, non-government hosts a hidden block needs to be 暗链 without spam words.
    pub hidden_external_links: usize,
    /// Ad-network hosts (a host or its subdomains; an entry with a `/` also matches the path).
    pub ad_hosts: Vec<String>,
    /// Ordinary third-party script hosts; scripts from other outside hosts are noted.
    pub script_hosts: Vec<String>,
    /// First-level pages compared as browser and as spider, besides the home page.
    pub cloaking_sample: usize,
    /// External pages read for 外链变异 per site.
    pub external_pages: usize,
    /// Bytes read of each external page.
    pub external_max_bytes: usize,
    /// Whether attachments are downloaded and read for personal data.
    pub attachments: bool,
    /// Bytes read of each attachment.
    pub attachment_max_bytes: usize,
    /// Seconds of parsing allowed per attachment.
    pub attachment_seconds: u64,
}

impl ContentRules {
    /// Whether `host` is a government host.
    pub fn is_government(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.government_suffixes.iter().any(|s| {
            let bare = s.trim_start_matches('.');
            host == bare || host.ends_with(s.as_str())
        })
    }

    /// The ad network `url` is served from, when it is one.
    pub fn ad_network(&self, url: &url::Url) -> Option<&str> {
        let host = url.host_str()?.to_ascii_lowercase();
        self.ad_hosts
            .iter()
            .find(|entry| {
                let (h, path) = entry.split_once('/').unwrap_or((entry.as_str(), ""));
                let host_ok = host == h || host.ends_with(&format!(".{h}"));
                host_ok && url.path().trim_start_matches('/').starts_with(path)
            })
            .map(String::as_str)
    }

    /// Whether `host` is an ordinary third-party script host.
    pub fn known_script_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.script_hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    }
}

/// Keyword rules, windows and thresholds for the site-model checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Column class rules, in order; the first match wins.
    pub classes: Vec<ClassRule>,
    /// Column discovery and empty-column rules.
    pub columns: ColumnRules,
    /// Windows.
    pub windows: Windows,
    /// Interaction rules.
    pub interaction: InteractionRules,
    /// Single-veto counts (V4).
    pub veto: VetoThresholds,
    /// The pre-veto warning tier.
    pub warning: WarningTier,
    /// The content checks' rules.
    pub content: ContentRules,
}

impl Default for Config {
    fn default() -> Config {
        static SHIPPED: OnceLock<Config> = OnceLock::new();
        SHIPPED
            .get_or_init(|| toml::from_str(DEFAULT_RULES).expect("the shipped rules parse"))
            .clone()
    }
}

impl Config {
    /// Reads a config; tables and keys left out take the shipped defaults (a key that is set
    /// replaces the default whole, lists included). Unknown keys are an error, so a typo does
    /// not silently fall back to a default.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let user: toml::Table = toml::from_str(text)?;
        let mut merged: toml::Table = toml::from_str(DEFAULT_RULES)?;
        merge(&mut merged, user);
        Ok(toml::Value::Table(merged).try_into()?)
    }

    /// The class of a column named `name`: the first rule with a keyword in the name.
    pub fn classify(&self, name: &str) -> ColumnClass {
        self.classes
            .iter()
            .find(|rule| {
                rule.keywords
                    .iter()
                    .any(|k| !k.is_empty() && name.contains(k))
            })
            .map_or(ColumnClass::Other, |rule| rule.class)
    }
}

/// Puts `over` on top of `base`: tables merge key by key, any other value replaces.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn windows_parse_days_months_and_years() {
        assert_eq!(Window::parse("14d").unwrap(), Window::Days(14));
        assert_eq!(Window::parse(" 6m ").unwrap(), Window::Months(6));
        assert_eq!(Window::parse("1Y").unwrap(), Window::Years(1));
        assert_eq!(Window::Months(6).to_string(), "6m");
    }

    #[test]
    fn bad_windows_are_errors_naming_the_value() {
        for bad in ["", "d", "14", "14x", "-1d", "1.5m", "99999999999d", "十四d"] {
            let err = Window::parse(bad).unwrap_err();
            assert!(
                err.to_string().contains(&format!("{bad:?}")),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn window_start_is_inclusive_and_months_are_calendar_months() {
        let today = date("2024-08-31");
        assert_eq!(Window::Days(14).start(today), date("2024-08-17"));
        assert_eq!(Window::Months(6).start(today), date("2024-02-29"));
        assert_eq!(Window::Years(1).start(today), date("2023-08-31"));
        assert!(Window::Days(14).contains(date("2024-08-17"), today));
        assert!(!Window::Days(14).contains(date("2024-08-16"), today));
        assert_eq!(
            Window::Months(3).end(date("2024-11-30")),
            date("2025-02-28")
        );
    }

    #[test]
    fn shipped_rules_classify_in_order() {
        let config = Config::default();
        assert_eq!(config.classify("工作动态"), ColumnClass::News);
        assert_eq!(config.classify("通知公告"), ColumnClass::Notice);
        assert_eq!(config.classify("政策解读"), ColumnClass::Policy);
        // periodic before policy: 规划计划 is periodic even though it is a kind of 文件.
        assert_eq!(config.classify("规划计划文件"), ColumnClass::Periodic);
        // interaction first: 政策咨询 is a consultation column.
        assert_eq!(config.classify("政策咨询"), ColumnClass::Interaction);
        assert_eq!(config.classify("领导信息"), ColumnClass::Static);
        assert_eq!(config.classify("专题专栏"), ColumnClass::Other);
    }
}
