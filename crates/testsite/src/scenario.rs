//! Scenario files: what sample sites to generate, which faults to plant, which hostile
//! behaviours to switch on. A scenario is TOML; `default.toml` is built in.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use xunwang_core::FindingKind;

use crate::Error;

/// The built-in default scenario (used by `xunwang demo`).
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/default.toml");
/// A 100,000-page portal, for throughput benchmarks.
pub const LARGE_SCENARIO: &str = include_str!("../scenarios/large.toml");
/// A 50-page department site, the small end of the scale.
pub const SMALL_SCENARIO: &str = include_str!("../scenarios/small.toml");

/// A whole scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Human-readable name.
    pub name: String,
    /// Seed; `--seed` overrides it.
    #[serde(default)]
    pub seed: u64,
    /// The 监测时间点; `--now` overrides it; absent means the wall clock at start.
    pub now: Option<DateTime<FixedOffset>>,
    /// The city the sites belong to.
    pub city: City,
    /// Freshness windows the planted faults are measured against.
    #[serde(default)]
    pub windows: Windows,
    /// Message-handling rules the planted interaction faults are measured against.
    #[serde(default)]
    pub interaction: InteractionRules,
    /// The generated government sites.
    #[serde(rename = "site")]
    pub sites: Vec<SiteSpec>,
    /// Hostile behaviours switched on for hosts or paths.
    #[serde(default, rename = "behaviour")]
    pub behaviours: Vec<Behaviour>,
}

/// The city (or province) that runs the sites.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// Its name, e.g. 江城市.
    pub name: String,
    /// The 6-digit GB/T 2260 行政区划代码 used in ID numbers and site codes.
    pub region_code: String,
    /// The province abbreviation used in ICP and 公安 filing numbers, e.g. 鄂.
    #[serde(default = "default_abbr")]
    pub province_abbr: String,
    /// Telephone area code, e.g. 027.
    #[serde(default = "default_area")]
    pub area_code: String,
}

fn default_abbr() -> String {
    "鄂".to_owned()
}
fn default_area() -> String {
    "027".to_owned()
}

/// Freshness windows in days (defaults per `spec/indicators.md` V3/V4; periodic is a
/// configurable default, the spec gives no number).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Windows {
    /// 动态/要闻 columns and the home page: 14 days (V3, V4.1).
    pub news_days: i64,
    /// 通知公告/政策文件 first-level columns: 6 months (V4.1), counted as 180 days.
    pub notice_days: i64,
    /// Periodic columns (人事/规划/统计): unverified default 365 days.
    pub periodic_days: i64,
    /// A message unanswered this long is a veto (V5.2: 3 months), counted as 90 days.
    pub unanswered_days: i64,
    /// Only messages posted this recently count (V5.2: 1 year).
    pub interaction_lookback_days: i64,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            news_days: 14,
            notice_days: 180,
            periodic_days: 365,
            unanswered_days: 90,
            interaction_lookback_days: 365,
        }
    }
}

/// Message-handling rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InteractionRules {
    /// A reply later than this many working days is slow (configurable; 5 by default).
    pub reply_working_days: u32,
}

impl Default for InteractionRules {
    fn default() -> Self {
        InteractionRules {
            reply_working_days: 5,
        }
    }
}

/// Portal or department site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    /// 政府门户网站.
    Portal,
    /// 部门网站.
    Department,
}

/// How a site's pages are encoded and labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageEncoding {
    /// UTF-8, declared in the header and in `<meta>`.
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// GBK bytes, `charset=gbk` in the HTTP header and `gb2312` in `<meta>`.
    GbkHeader,
    /// GBK bytes, declared only in `<meta charset=gb2312>`.
    GbkMeta,
    /// GBK bytes, declared nowhere (statistical detection needed).
    GbkUndeclared,
    /// UTF-8 bytes mislabelled as `gb2312` in the header and `<meta>`.
    #[serde(rename = "utf8-labelled-gbk")]
    Utf8LabelledGbk,
}

/// One generated site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    /// Short stable key (`portal`, `fgw`…).
    pub key: String,
    /// Site name, e.g. 江城市发展和改革委员会.
    pub name: String,
    /// Host name, e.g. `fgw.jiangcheng.gov.cn`.
    pub host: String,
    /// Portal or department.
    pub kind: SiteKind,
    /// 主办单位.
    pub organizer: String,
    /// The registered 网站标识码.
    pub site_code: String,
    /// Encoding and labelling.
    #[serde(default)]
    pub encoding: PageEncoding,
    /// Items per list column (before faults change it).
    #[serde(default = "default_items")]
    pub items_per_column: u32,
    /// Extra news columns under 专题专栏, to scale a site up.
    #[serde(default)]
    pub extra_columns: u32,
    /// Use the TRS `createPageHTML(...)` script pager instead of static links.
    #[serde(default)]
    pub script_pager: bool,
    /// Messages on the board (if it has one).
    #[serde(default = "default_messages")]
    pub messages: u32,
    /// Faults to plant.
    #[serde(default, rename = "fault")]
    pub faults: Vec<FaultSpec>,
}

fn default_items() -> u32 {
    24
}
fn default_messages() -> u32 {
    12
}

/// A fault to plant. Which fields matter depends on `kind`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// The finding kind this fault must produce.
    pub kind: FindingKind,
    /// Column key, for column faults and for where to place content faults.
    pub column: Option<String>,
    /// Where: `home`, `article`, `attachment`, `meta`, `body`, `internal`, `external`…
    pub place: Option<String>,
    /// Technique, for hidden links: `display-none`, `offscreen`, `marquee`.
    pub technique: Option<String>,
    /// For `column.empty`: show a 暂无信息 placeholder instead of nothing.
    #[serde(default)]
    pub placeholder: bool,
    /// For `availability.down`: every k-th request fails.
    pub every: Option<u32>,
    /// How many (messages, for interaction faults).
    pub count: Option<u32>,
}

fn root() -> String {
    "/".to_owned()
}

/// What a failing request does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailMode {
    /// HTTP 503.
    #[default]
    Error,
    /// No answer for `stall_secs` (past the 15 s probe limit), then the connection closes.
    Stall,
    /// The connection is closed without an answer.
    Reset,
}

/// A hostile behaviour.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Behaviour {
    /// Every answer waits `ms` ± `jitter_ms`.
    Latency {
        /// Host (exact) or `*`.
        host: String,
        /// Path prefix.
        #[serde(default = "root")]
        path: String,
        /// Base delay.
        ms: u64,
        /// Deterministic jitter amplitude.
        #[serde(default)]
        jitter_ms: u64,
    },
    /// Every `every`-th request (counted per behaviour) fails.
    Flaky {
        /// Host (exact) or `*`.
        host: String,
        /// Path prefix.
        #[serde(default = "root")]
        path: String,
        /// k: requests k, 2k, 3k… fail.
        every: u32,
        /// How they fail.
        #[serde(default)]
        mode: FailMode,
        /// How long a stall lasts.
        #[serde(default = "default_stall")]
        stall_secs: u64,
    },
    /// Above `per_second` requests in one second, answer 429 with `Retry-After`.
    RateLimit {
        /// Host (exact) or `*`.
        host: String,
        /// Path prefix.
        #[serde(default = "root")]
        path: String,
        /// Allowed requests per second.
        per_second: u32,
        /// Seconds in `Retry-After`.
        #[serde(default = "one")]
        retry_after_secs: u32,
    },
    /// A WAF: 412 with a JavaScript challenge for clients that do not look like browsers.
    Waf {
        /// Host (exact) or `*`.
        host: String,
        /// Path prefix.
        #[serde(default = "root")]
        path: String,
    },
    /// `path` redirects `hops` times (301, 302, 307 in turn), then lands on `to`.
    RedirectChain {
        /// Host.
        host: String,
        /// Path of the first hop.
        path: String,
        /// Number of hops.
        hops: u32,
        /// Final target path on the same host.
        to: String,
    },
    /// `path` and `path` + `2` redirect to each other forever.
    RedirectLoop {
        /// Host.
        host: String,
        /// Path.
        path: String,
    },
    /// Missing pages answer 200 with a 页面不存在 page.
    Soft404 {
        /// Host.
        host: String,
    },
    /// A page of `bytes` bytes.
    Large {
        /// Host.
        host: String,
        /// Path.
        path: String,
        /// Size in bytes.
        bytes: u64,
    },
    /// A page trickled out at `bytes_per_second`.
    SlowDrip {
        /// Host.
        host: String,
        /// Path.
        path: String,
        /// Size in bytes.
        bytes: u64,
        /// Speed.
        bytes_per_second: u64,
    },
    /// A gzip compression bomb: small on the wire, `decompressed_mb` MiB when inflated.
    Bomb {
        /// Host.
        host: String,
        /// Path.
        path: String,
        /// Inflated size in MiB.
        decompressed_mb: u64,
    },
    /// An event calendar whose pages link to the next and previous month forever.
    CalendarTrap {
        /// Host.
        host: String,
        /// Path of the calendar page.
        path: String,
    },
    /// robots.txt rules for a host.
    Robots {
        /// Host.
        host: String,
        /// Disallowed path prefixes.
        disallow: Vec<String>,
        /// Crawl-delay seconds.
        crawl_delay: Option<u32>,
    },
}

fn default_stall() -> u64 {
    20
}
fn one() -> u32 {
    1
}

impl Behaviour {
    /// The host this behaviour applies to.
    pub fn host(&self) -> &str {
        match self {
            Behaviour::Latency { host, .. }
            | Behaviour::Flaky { host, .. }
            | Behaviour::RateLimit { host, .. }
            | Behaviour::Waf { host, .. }
            | Behaviour::RedirectChain { host, .. }
            | Behaviour::RedirectLoop { host, .. }
            | Behaviour::Soft404 { host }
            | Behaviour::Large { host, .. }
            | Behaviour::SlowDrip { host, .. }
            | Behaviour::Bomb { host, .. }
            | Behaviour::CalendarTrap { host, .. }
            | Behaviour::Robots { host, .. } => host,
        }
    }

    /// The path (prefix) it applies to.
    pub fn path(&self) -> &str {
        match self {
            Behaviour::Latency { path, .. }
            | Behaviour::Flaky { path, .. }
            | Behaviour::RateLimit { path, .. }
            | Behaviour::Waf { path, .. }
            | Behaviour::RedirectChain { path, .. }
            | Behaviour::RedirectLoop { path, .. }
            | Behaviour::Large { path, .. }
            | Behaviour::SlowDrip { path, .. }
            | Behaviour::Bomb { path, .. }
            | Behaviour::CalendarTrap { path, .. } => path,
            Behaviour::Soft404 { .. } | Behaviour::Robots { .. } => "/",
        }
    }

    /// Whether a request for `host` and `path` is subject to it.
    pub fn matches(&self, host: &str, path: &str) -> bool {
        (self.host() == "*" || self.host().eq_ignore_ascii_case(host))
            && path.starts_with(self.path())
    }

    /// The path a page should link to so that a crawler meets this behaviour, if any.
    pub fn entry_path(&self) -> Option<String> {
        match self {
            Behaviour::RedirectChain { path, .. }
            | Behaviour::RedirectLoop { path, .. }
            | Behaviour::Large { path, .. }
            | Behaviour::SlowDrip { path, .. }
            | Behaviour::Bomb { path, .. } => Some(path.clone()),
            Behaviour::CalendarTrap { path, .. } => Some(format!("{path}?month=2023-01")),
            _ => None,
        }
    }
}

impl Scenario {
    /// Parses a scenario from TOML text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Scenario, Error> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| Error::Scenario {
            origin: origin.to_owned(),
            reason: e.to_string(),
        })?;
        scenario.validate(origin)?;
        Ok(scenario)
    }

    /// The built-in default scenario.
    pub fn default_scenario() -> Scenario {
        Scenario::from_toml(DEFAULT_SCENARIO, "default.toml").expect("built-in scenario is valid")
    }

    fn validate(&self, origin: &str) -> Result<(), Error> {
        let err = |reason: String| Error::Scenario {
            origin: origin.to_owned(),
            reason,
        };
        if self.sites.is_empty() {
            return Err(err("no [[site]]".into()));
        }
        if self.city.region_code.len() != 6
            || !self.city.region_code.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err(format!(
                "region_code `{}` is not 6 digits",
                self.city.region_code
            )));
        }
        let mut hosts = std::collections::HashSet::new();
        for site in &self.sites {
            if !hosts.insert(site.host.to_ascii_lowercase()) {
                return Err(err(format!("host `{}` is used twice", site.host)));
            }
            if site.host.contains([':', '/']) || site.host.is_empty() {
                return Err(err(format!("`{}` is not a host name", site.host)));
            }
            if site.items_per_column > 99_999 {
                return Err(err(format!(
                    "site `{}`: items_per_column above 99999",
                    site.key
                )));
            }
            if site.extra_columns > 80 {
                return Err(err(format!("site `{}`: extra_columns above 80", site.key)));
            }
        }
        for b in &self.behaviours {
            match b {
                Behaviour::Flaky { every: 0, .. } => {
                    return Err(err("flaky: every must be ≥ 1".into()));
                }
                Behaviour::RedirectChain { hops: 0, .. } => {
                    return Err(err("redirect_chain: hops must be ≥ 1".into()));
                }
                Behaviour::SlowDrip {
                    bytes_per_second: 0,
                    ..
                } => {
                    return Err(err("slow_drip: bytes_per_second must be ≥ 1".into()));
                }
                Behaviour::Bomb {
                    decompressed_mb, ..
                } if *decompressed_mb > 4096 => {
                    return Err(err("bomb: decompressed_mb above 4096".into()));
                }
                _ => {}
            }
            if !b.path().starts_with('/') {
                return Err(err(format!(
                    "behaviour path `{}` must start with /",
                    b.path()
                )));
            }
        }
        Ok(())
    }
}
