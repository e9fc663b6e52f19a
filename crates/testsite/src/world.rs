//! The generated world: sites, their columns and items, planted faults, outside hosts.
//!
//! Building a world is cheap (no pages are rendered); every page is a pure function of the
//! world and the request, so a 100,000-page portal costs no memory until it is asked for.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, Timelike};
use xunwang_core::FindingKind;

use crate::Error;
use crate::rng::{Rng, hash, hash_str};
use crate::scenario::{Behaviour, PageEncoding, Scenario, SiteKind, SiteSpec};
use crate::text::{self, Fill};

/// Items per list page (TRS default).
pub const PAGE_SIZE: u32 = 20;
/// Messages per board page.
pub const BOARD_PAGE_SIZE: u32 = 10;

/// What a column publishes, which decides its freshness rule (`spec/indicators.md` V4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnClass {
    /// 动态/要闻: 14-day window.
    News,
    /// 通知公告: 6-month window for first-level columns.
    Notice,
    /// 政策文件: 6-month window for first-level columns.
    Policy,
    /// 人事/规划/统计: should be updated periodically.
    Periodic,
    /// 概况/职能/领导: static.
    Static,
    /// 互动交流: the message board.
    Interaction,
}

/// How a column is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnStyle {
    /// A paginated list of dated items.
    List,
    /// One content page (机构职能).
    Single,
    /// The message board.
    Board,
    /// A channel page aggregating its child columns.
    Channel,
}

/// A 栏目.
#[derive(Debug, Clone)]
pub struct Column {
    /// Short key (`tzgg`).
    pub key: String,
    /// Name shown to readers (通知公告).
    pub name: String,
    /// Class.
    pub class: ColumnClass,
    /// Rendering.
    pub style: ColumnStyle,
    /// 1 for a first-level (navigation) column, 2 below a channel.
    pub level: u8,
    /// The channel above it.
    pub parent: Option<usize>,
    /// Path of the column directory, ending in `/`.
    pub path: String,
    /// Number of items.
    pub count: u32,
    /// Minutes between the newest item and 监测时间点.
    pub newest_min: i64,
    /// Mean minutes between items.
    pub gap_min: i64,
    /// Show 暂无信息 when empty.
    pub placeholder: bool,
    /// Shown as a block on the home page.
    pub on_home: bool,
    /// Title family for periodic columns.
    pub hint: &'static str,
    /// Child columns of a channel.
    pub children: Vec<usize>,
}

/// One list item / article.
#[derive(Debug, Clone)]
pub struct Item {
    /// Column index.
    pub col: usize,
    /// Position in the column, 0 = newest.
    pub k: u32,
    /// Document id used in the URL.
    pub id: u64,
    /// Publish time.
    pub when: DateTime<FixedOffset>,
    /// Title.
    pub title: String,
    /// Root-relative path of the article.
    pub path: String,
}

/// Kinds of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// 身份证号.
    IdNumber,
    /// 手机号.
    Phone,
    /// 银行卡号.
    BankCard,
}

/// Something planted into a page.
#[derive(Debug, Clone)]
pub enum Plant {
    /// A visible gambling spam paragraph.
    Gambling(String),
    /// Porn terms in the meta keywords and description.
    PornMeta(String),
    /// Spam terms in `<title>` and meta keywords.
    TitleHijack(String),
    /// A hidden block of spam links.
    Hidden(&'static str),
    /// A script redirect to a gambling domain.
    JsRedirect,
    /// An ad-network script and a 广告 block.
    Ad,
    /// Unmasked personal data in the page, or in an attached table.
    Personal {
        what: Personal,
        value: String,
        attachment: bool,
    },
    /// Correctly masked personal data (a decoy, not a fault).
    Masked,
    /// A typo (wrong, right).
    Typo(&'static str, &'static str),
    /// An outdated institution name (old, new).
    Outdated(&'static str, &'static str),
    /// A link to a broken target (absolute URL, link text).
    Broken(String, String),
    /// A police report on a gambling crackdown (a decoy: must not be flagged).
    Crackdown,
}

/// A 留言 on the board.
#[derive(Debug, Clone)]
pub struct Message {
    /// Id used in the URL.
    pub id: u64,
    /// Title.
    pub title: String,
    /// Masked author.
    pub author: String,
    /// Posted at.
    pub posted: DateTime<FixedOffset>,
    /// Replied at, if answered.
    pub replied: Option<DateTime<FixedOffset>>,
    /// What it is for the ground truth.
    pub role: MessageRole,
}

/// Why a message is on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageRole {
    /// Answered in time.
    Normal,
    /// Answered later than the working-day limit.
    Slow,
    /// Unanswered for more than 3 months.
    Unanswered,
    /// Unanswered but posted too recently to be late (decoy).
    Pending,
    /// Unanswered, but older than the 1-year window (decoy).
    Ancient,
}

/// The site footer: what is shown and what is missing.
#[derive(Debug, Clone)]
pub struct Footer {
    /// 网站标识码 shown in the footer.
    pub site_code: Option<String>,
    /// `SiteIDCode` meta tag.
    pub meta_site_code: Option<String>,
    /// ICP备案号.
    pub icp: Option<String>,
    /// 公安备案号 (14 digits).
    pub psb: Option<String>,
    /// 党政机关 badge.
    pub conac: bool,
    /// 我为政府网站找错 entry.
    pub error_report: bool,
    /// 主办单位.
    pub organizer: bool,
}

/// One generated government site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Position in the world.
    pub idx: usize,
    /// Scenario key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Host name.
    pub host: String,
    /// `http://host` (or the loopback origin in single-host mode), no trailing slash.
    pub origin: String,
    /// Portal or department.
    pub kind: SiteKind,
    /// 主办单位.
    pub organizer: String,
    /// Registered 网站标识码.
    pub site_code: String,
    /// Encoding.
    pub encoding: PageEncoding,
    /// Columns.
    pub columns: Vec<Column>,
    /// Footer.
    pub footer: Footer,
    /// Messages, newest first (`None`: no interaction channel at all).
    pub board: Option<Vec<Message>>,
    /// Plants per (column, item).
    pub plants: HashMap<(usize, u32), Vec<Plant>>,
    /// Plants on the home page.
    pub home_plants: Vec<Plant>,
    /// The home page serves spam to search spiders.
    pub cloaking: bool,
    /// The home page links to the lapsed friendly-link domain.
    pub hijacked_friend: bool,
    /// Paths linked from the home page's 专题 block (behaviour entry points).
    pub specials: Vec<(String, String)>,
    /// Items per list column asked for.
    pub items_per_column: u32,
    /// Use the script pager.
    pub script_pager: bool,
}

/// A host of the outside world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsideRole {
    /// A news site; paths under `/old/` are gone.
    News,
    /// An ad network serving a script.
    AdNetwork,
    /// A friendly-link domain that lapsed and now serves gambling (外链变异).
    Lapsed,
    /// A gambling site (target of hidden links and redirects).
    Gambling,
    /// The provincial 政务服务网, often behind a WAF.
    Service,
    /// A filing registry or the national error-report platform.
    Registry,
}

/// The outside world's hosts.
pub const OUTSIDE: &[(&str, OutsideRole, &str)] = &[
    ("news.jcdaily.com.cn", OutsideRole::News, "江城日报"),
    ("cpro.baidustatic.com", OutsideRole::AdNetwork, "广告联盟"),
    (
        "www.jcwhly.com",
        OutsideRole::Lapsed,
        "江城文旅网（已过期域名）",
    ),
    ("www.am-jinsha88.com", OutsideRole::Gambling, "博彩网站"),
    ("www.jczwfw.gov.cn", OutsideRole::Service, "江城政务服务网"),
    (
        "beian.miit.gov.cn",
        OutsideRole::Registry,
        "ICP/IP地址/域名信息备案管理系统",
    ),
    (
        "www.beian.gov.cn",
        OutsideRole::Registry,
        "全国互联网安全管理服务平台",
    ),
    ("bszs.conac.cn", OutsideRole::Registry, "党政机关网站标识"),
    (
        "zfwzzc.www.gov.cn",
        OutsideRole::Registry,
        "我为政府网站找错",
    ),
];

/// Host of the gambling site.
pub const GAMBLING_HOST: &str = "www.am-jinsha88.com";
/// Host of the lapsed friendly-link domain.
pub const LAPSED_HOST: &str = "www.jcwhly.com";
/// Host of the news site.
pub const NEWS_HOST: &str = "news.jcdaily.com.cn";
/// Host of the ad network.
pub const AD_HOST: &str = "cpro.baidustatic.com";
/// Host of the 政务服务网.
pub const SERVICE_HOST: &str = "www.jczwfw.gov.cn";

/// A fault of the ground truth.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Fault {
    /// Finding kind.
    pub kind: FindingKind,
    /// Home URL of the site.
    pub site: String,
    /// What a correct finding carries.
    pub url: String,
    /// Evidence and parameters.
    pub detail: serde_json::Value,
}

/// Options fixed when the world is built.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Seed (overrides the scenario's).
    pub seed: Option<u64>,
    /// 监测时间点 (overrides the scenario's; else the wall clock).
    pub now: Option<DateTime<FixedOffset>>,
    /// Serve only this site (by key, or the first site if empty) at this origin.
    pub single_host: Option<(String, String)>,
}

/// The whole generated world.
#[derive(Debug, Clone)]
pub struct World {
    /// Scenario name.
    pub scenario: String,
    /// Seed in use.
    pub seed: u64,
    /// 监测时间点.
    pub now: DateTime<FixedOffset>,
    /// City name.
    pub city: String,
    /// Region code.
    pub region_code: String,
    /// Province abbreviation.
    pub province_abbr: String,
    /// Area code.
    pub area_code: String,
    /// Sites.
    pub sites: Vec<Site>,
    /// Behaviours.
    pub behaviours: Vec<Behaviour>,
    /// Ground truth.
    pub faults: Vec<Fault>,
    /// Things that look like faults but are not.
    pub decoys: Vec<Fault>,
    /// Single-host mode: only `sites[0]` is served, at `sites[0].origin`.
    pub single_host: bool,
    /// Windows used for the ground truth.
    pub windows: crate::scenario::Windows,
    /// Working-day limit for replies.
    pub reply_working_days: u32,
    /// Whether the calendar covered every reply date (else weekdays were used).
    pub calendar_fallback: bool,
}

const MIN: i64 = 1;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

impl World {
    /// Builds the world of a scenario.
    pub fn build(scenario: &Scenario, opts: &BuildOptions) -> Result<World, Error> {
        let seed = opts.seed.unwrap_or(scenario.seed);
        let now = opts.now.or(scenario.now).unwrap_or_else(|| {
            chrono::Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
        });
        // Whole seconds only, so the RFC 3339 form round-trips.
        let now = now.with_nanosecond(0).unwrap_or(now);
        let mut world = World {
            scenario: scenario.name.clone(),
            seed,
            now,
            city: scenario.city.name.clone(),
            region_code: scenario.city.region_code.clone(),
            province_abbr: scenario.city.province_abbr.clone(),
            area_code: scenario.city.area_code.clone(),
            sites: Vec::new(),
            behaviours: scenario.behaviours.clone(),
            faults: Vec::new(),
            decoys: Vec::new(),
            single_host: opts.single_host.is_some(),
            windows: scenario.windows.clone(),
            reply_working_days: scenario.interaction.reply_working_days,
            calendar_fallback: false,
        };
        let specs: Vec<&SiteSpec> = match &opts.single_host {
            None => scenario.sites.iter().collect(),
            Some((key, _)) if key.is_empty() => vec![&scenario.sites[0]],
            Some((key, _)) => {
                let found = scenario
                    .sites
                    .iter()
                    .find(|s| &s.key == key)
                    .ok_or_else(|| Error::Scenario {
                        origin: "--single-host".into(),
                        reason: format!("no site `{key}`"),
                    })?;
                vec![found]
            }
        };
        for (idx, spec) in specs.into_iter().enumerate() {
            let origin = match &opts.single_host {
                Some((_, origin)) => origin.trim_end_matches('/').to_owned(),
                None => format!("http://{}", spec.host.to_ascii_lowercase()),
            };
            let site = world.build_site(idx, spec, origin)?;
            world.sites.push(site);
        }
        if world.single_host {
            // Behaviours name real host names; in single-host mode they apply to the one site.
            let host = scenario
                .sites
                .iter()
                .find(|s| s.name == world.sites[0].name)
                .map(|s| s.host.clone())
                .unwrap_or_default();
            world
                .behaviours
                .retain(|b| b.host() == host || b.host() == "*");
        }
        world.attach_specials();
        world.collect_ground_truth();
        Ok(world)
    }

    /// The site answering for `host` (case-insensitive, port ignored).
    pub fn site_for_host(&self, host: &str) -> Option<&Site> {
        if self.single_host {
            return self.sites.first();
        }
        let host = host.split(':').next().unwrap_or(host);
        self.sites
            .iter()
            .find(|s| s.host.eq_ignore_ascii_case(host))
    }

    /// The role of an outside host.
    pub fn outside_role(&self, host: &str) -> Option<(OutsideRole, &'static str)> {
        if self.single_host {
            return None;
        }
        let host = host.split(':').next().unwrap_or(host);
        OUTSIDE
            .iter()
            .find(|(h, _, _)| h.eq_ignore_ascii_case(host))
            .map(|(_, r, n)| (*r, *n))
    }

    /// Every host the world answers for (sites, then outside hosts).
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self.sites.iter().map(|s| s.host.clone()).collect();
        if !self.single_host {
            hosts.extend(OUTSIDE.iter().map(|(h, _, _)| (*h).to_owned()));
        }
        hosts
    }

    fn build_site(&mut self, idx: usize, spec: &SiteSpec, origin: String) -> Result<Site, Error> {
        let err = |reason: String| Error::Scenario {
            origin: format!("site `{}`", spec.key),
            reason,
        };
        let portal = spec.kind == SiteKind::Portal;
        let has_board = !spec
            .faults
            .iter()
            .any(|f| f.kind == FindingKind::InteractionNoChannel);
        let mut columns = template_columns(portal, &self.city, has_board);
        for n in 0..spec.extra_columns {
            let parent = columns.iter().position(|c| c.key == "ztzl");
            let path = format!("/ztzl/zt{:02}/", n + 1);
            let name = format!("{}专题", text::TOPICS[n as usize % text::TOPICS.len()]);
            columns.push(col(
                &format!("zt{:02}", n + 1),
                &name,
                ColumnClass::News,
                2,
                parent,
                &path,
                false,
            ));
        }
        for i in 0..columns.len() {
            if let Some(p) = columns[i].parent {
                columns[p].children.push(i);
            }
        }
        let site_seed = hash(&[self.seed, hash_str(&spec.key)]);
        let home_stale = spec.faults.iter().any(|f| f.kind == FindingKind::HomeStale);
        // Freshness of every list column: fresh unless a fault says otherwise.
        for (ci, c) in columns.iter_mut().enumerate() {
            let mut rng = Rng::new(&[site_seed, ci as u64, 1]);
            let (gap_days, window) = match c.class {
                ColumnClass::News => (3, self.windows.news_days),
                ColumnClass::Notice => (9, self.windows.notice_days),
                ColumnClass::Policy => (17, self.windows.notice_days),
                ColumnClass::Periodic => (30, self.windows.periodic_days),
                ColumnClass::Static | ColumnClass::Interaction => (200, i64::MAX / 4),
            };
            c.gap_min = gap_days * DAY + rng.range(0, 12) * HOUR;
            c.count = match c.style {
                ColumnStyle::List => spec.items_per_column,
                ColumnStyle::Single => 1,
                ColumnStyle::Board | ColumnStyle::Channel => 0,
            };
            // Fresh: newest item a few hours to a few days old, well inside the window.
            let fresh_max = (window.min(self.windows.news_days) / 3).max(1);
            c.newest_min = rng.range(3 * HOUR, fresh_max * DAY);
            if c.style == ColumnStyle::Single {
                c.newest_min = rng.range(300, 900) * DAY;
            }
            if home_stale && c.on_home {
                // No item within the home window; notice/policy stay inside their own window.
                let lo = self.windows.news_days + 10;
                c.newest_min = match c.class {
                    ColumnClass::News => (window + rng.range(10, 40)) * DAY,
                    _ => rng.range(lo, (lo + 30).min(self.windows.notice_days - 10)) * DAY,
                };
            }
        }
        for f in &spec.faults {
            match f.kind {
                FindingKind::ColumnStale
                | FindingKind::ColumnEmpty
                | FindingKind::ColumnLongUnupdated => {
                    let key = f
                        .column
                        .as_deref()
                        .ok_or_else(|| err(format!("{} needs `column`", f.kind)))?;
                    let ci = columns
                        .iter()
                        .position(|c| c.key == key && c.style == ColumnStyle::List)
                        .ok_or_else(|| err(format!("no list column `{key}`")))?;
                    let c = &mut columns[ci];
                    let mut rng = Rng::new(&[site_seed, ci as u64, 2]);
                    match f.kind {
                        FindingKind::ColumnEmpty => {
                            c.count = 0;
                            c.placeholder = f.placeholder;
                        }
                        FindingKind::ColumnStale => {
                            let window = match c.class {
                                ColumnClass::News => self.windows.news_days,
                                ColumnClass::Notice | ColumnClass::Policy if c.level == 1 => {
                                    self.windows.notice_days
                                }
                                _ => {
                                    return Err(err(format!(
                                        "column.stale needs a news column or a first-level notice/policy column, `{key}` is neither"
                                    )));
                                }
                            };
                            c.newest_min = (window + rng.range(10, 60)) * DAY + rng.range(0, 600);
                        }
                        _ => {
                            if c.class != ColumnClass::Periodic {
                                return Err(err(format!(
                                    "column.long_unupdated needs a periodic column, `{key}` is not"
                                )));
                            }
                            c.newest_min = (self.windows.periodic_days + rng.range(30, 200)) * DAY
                                + rng.range(0, 600);
                        }
                    }
                }
                _ => {}
            }
        }
        let footer = self.footer(spec)?;
        let mut site = Site {
            idx,
            key: spec.key.clone(),
            name: spec.name.clone(),
            host: spec.host.to_ascii_lowercase(),
            origin,
            kind: spec.kind,
            organizer: spec.organizer.clone(),
            site_code: spec.site_code.clone(),
            encoding: spec.encoding,
            columns,
            footer,
            board: None,
            plants: HashMap::new(),
            home_plants: Vec::new(),
            cloaking: false,
            hijacked_friend: false,
            specials: Vec::new(),
            items_per_column: spec.items_per_column,
            script_pager: spec.script_pager,
        };
        if has_board {
            site.board = Some(self.messages(site_seed, spec)?);
        }
        for f in &spec.faults {
            self.plant(&mut site, site_seed, f).map_err(err)?;
        }
        // Decoys every site has: masked personal data and, on portals, a crackdown report.
        let news = site.first_column(ColumnClass::News);
        let notice = site.first_column(ColumnClass::Notice);
        if let Some(ci) = notice {
            let k = site.free_item(ci, 2);
            site.plants.entry((ci, k)).or_default().push(Plant::Masked);
        }
        if let (true, Some(ci)) = (portal, news) {
            let k = site.free_item(ci, 3);
            site.plants
                .entry((ci, k))
                .or_default()
                .push(Plant::Crackdown);
        }
        Ok(site)
    }

    fn attach_specials(&mut self) {
        for b in &self.behaviours {
            let Some(path) = b.entry_path() else { continue };
            let label = match b {
                Behaviour::RedirectChain { .. } => "旧版栏目（已迁移）",
                Behaviour::RedirectLoop { .. } => "原网站链接",
                Behaviour::Large { .. } => "历年统计资料汇编",
                Behaviour::SlowDrip { .. } => "政务服务事项目录",
                Behaviour::Bomb { .. } => "数据下载",
                Behaviour::CalendarTrap { .. } => "活动日历",
                _ => "专题",
            };
            let host = b.host().to_owned();
            if let Some(site) = self
                .sites
                .iter_mut()
                .find(|s| s.host.eq_ignore_ascii_case(&host))
            {
                site.specials.push((path, label.to_owned()));
            }
        }
    }
}

fn col(
    key: &str,
    name: &str,
    class: ColumnClass,
    level: u8,
    parent: Option<usize>,
    path: &str,
    on_home: bool,
) -> Column {
    let style = match class {
        ColumnClass::Static => ColumnStyle::Single,
        ColumnClass::Interaction => ColumnStyle::Board,
        _ => ColumnStyle::List,
    };
    Column {
        key: key.into(),
        name: name.into(),
        class,
        style,
        level,
        parent,
        path: path.into(),
        count: 0,
        newest_min: 0,
        gap_min: DAY,
        placeholder: false,
        on_home,
        hint: "",
        children: Vec::new(),
    }
}

fn channel(key: &str, name: &str, path: &str) -> Column {
    let mut c = col(key, name, ColumnClass::Static, 1, None, path, false);
    c.style = ColumnStyle::Channel;
    c
}

/// The TRS-style column tree of a portal or a department site.
fn template_columns(portal: bool, city: &str, board: bool) -> Vec<Column> {
    use ColumnClass as C;
    let short = city.trim_end_matches('市');
    let mut v = Vec::new();
    // 0: news channel
    v.push(channel(
        "xwdt",
        if portal {
            "要闻动态"
        } else {
            "新闻动态"
        },
        "/xwdt/",
    ));
    if portal {
        v.push(col(
            "jcyw",
            &format!("{short}要闻"),
            C::News,
            2,
            Some(0),
            "/xwdt/jcyw/",
            true,
        ));
        v.push(col(
            "bmdt",
            "部门动态",
            C::News,
            2,
            Some(0),
            "/xwdt/bmdt/",
            true,
        ));
        v.push(col(
            "qxdt",
            "区县动态",
            C::News,
            2,
            Some(0),
            "/xwdt/qxdt/",
            false,
        ));
    } else {
        v.push(col(
            "gzdt",
            "工作动态",
            C::News,
            2,
            Some(0),
            "/xwdt/gzdt/",
            true,
        ));
        v.push(col(
            "jcdt",
            "基层动态",
            C::News,
            2,
            Some(0),
            "/xwdt/jcdt/",
            false,
        ));
    }
    v.push(col("tzgg", "通知公告", C::Notice, 1, None, "/tzgg/", true));
    v.push(col("zcwj", "政策文件", C::Policy, 1, None, "/zcwj/", true));
    let gk = v.len();
    v.push(channel(
        "zwgk",
        if portal {
            "政务公开"
        } else {
            "信息公开"
        },
        "/zwgk/",
    ));
    let mut rs = col(
        "rsxx",
        "人事信息",
        C::Periodic,
        2,
        Some(gk),
        "/zwgk/rsxx/",
        false,
    );
    rs.hint = "personnel";
    let mut gh = col(
        "ghjh",
        "规划计划",
        C::Periodic,
        2,
        Some(gk),
        "/zwgk/ghjh/",
        false,
    );
    gh.hint = "plan";
    let mut tj = col(
        "tjsj",
        "统计数据",
        C::Periodic,
        2,
        Some(gk),
        "/zwgk/tjsj/",
        false,
    );
    tj.hint = "stats";
    v.extend([rs, gh, tj]);
    let about = v.len();
    if portal {
        v.push(channel("zjjc", &format!("走进{short}"), "/zjjc/"));
        v.push(col(
            "csgk",
            "城市概况",
            C::Static,
            2,
            Some(about),
            "/zjjc/csgk/",
            false,
        ));
        v.push(col(
            "ldxx",
            "领导信息",
            C::Static,
            2,
            Some(about),
            "/zjjc/ldxx/",
            false,
        ));
        v.push(col(
            "jgzn",
            "机构职能",
            C::Static,
            2,
            Some(about),
            "/zjjc/jgzn/",
            false,
        ));
    } else {
        v.push(channel("jggk", "机构概况", "/jggk/"));
        v.push(col(
            "jgzn",
            "机构职能",
            C::Static,
            2,
            Some(about),
            "/jggk/jgzn/",
            false,
        ));
        v.push(col(
            "ldxx",
            "领导信息",
            C::Static,
            2,
            Some(about),
            "/jggk/ldxx/",
            false,
        ));
        v.push(col(
            "bmgk",
            "部门概况",
            C::Static,
            2,
            Some(about),
            "/jggk/bmgk/",
            false,
        ));
    }
    if board {
        v.push(col(
            "hdjl",
            "互动交流",
            C::Interaction,
            1,
            None,
            "/hdjl/",
            false,
        ));
    }
    v.push(channel("ztzl", "专题专栏", "/ztzl/"));
    v
}

impl Site {
    /// The home URL (`http://host/`).
    pub fn home(&self) -> String {
        format!("{}/", self.origin)
    }

    /// The first list column of a class.
    pub fn first_column(&self, class: ColumnClass) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.class == class && c.style == ColumnStyle::List && c.count > 0)
    }

    /// The first item index ≥ `from` with no plant yet.
    pub(crate) fn free_item(&self, ci: usize, from: u32) -> u32 {
        let count = self.columns[ci].count.max(1);
        (from..count)
            .find(|k| !self.plants.contains_key(&(ci, *k)))
            .unwrap_or(from.min(count - 1))
    }

    /// Item `k` of column `ci`.
    pub fn item(&self, world: &World, ci: usize, k: u32) -> Item {
        let c = &self.columns[ci];
        let base = hash(&[world.seed, hash_str(&self.key), ci as u64, u64::from(k)]);
        let jitter = (base % (c.gap_min as u64 / 2).max(1)) as i64;
        let mut when =
            world.now - Duration::minutes(c.newest_min + i64::from(k) * c.gap_min + jitter);
        if c.style == ColumnStyle::List {
            // Publish at office hours, as CMS editors do.
            let hour = 8 + (base >> 20) % 10;
            when = when.with_hour(hour as u32).unwrap_or(when);
            if when > world.now - Duration::hours(1) {
                when = world.now - Duration::hours(1) - Duration::minutes((base % 50) as i64);
            }
        }
        let when = when.with_second(0).unwrap_or(when);
        let id = (self.idx as u64 + 1) * 10_000_000 + ci as u64 * 100_000 + u64::from(k);
        let mut rng = Rng::new(&[base, 6]);
        let fill = Fill {
            city: &world.city,
            org: &self.organizer,
            year: when.year(),
            month: when.month(),
        };
        let mut title = text::title(c.class, c.hint, &fill, &mut rng);
        if let Some(plants) = self.plants.get(&(ci, k)) {
            for p in plants {
                match p {
                    Plant::Crackdown => title = "市公安局开展打击治理跨境赌博专项行动".to_string(),
                    Plant::Personal {
                        attachment: true, ..
                    } => {
                        title = format!(
                            "{}年度{}补贴发放名单公示",
                            when.year(),
                            rng.pick(text::TOPICS)
                        );
                    }
                    Plant::Outdated(old, _) => {
                        title = format!(
                            "{}{}召开{}工作会议",
                            world.city,
                            old,
                            rng.pick(text::TOPICS)
                        )
                    }
                    _ => {}
                }
            }
        }
        let path = format!(
            "{}{:04}{:02}/t{:04}{:02}{:02}_{}.html",
            c.path,
            when.year(),
            when.month(),
            when.year(),
            when.month(),
            when.day(),
            id
        );
        Item {
            col: ci,
            k,
            id,
            when,
            title,
            path,
        }
    }

    /// Finds the item an article path names, if it exists.
    pub fn item_at(&self, world: &World, path: &str) -> Option<Item> {
        let file = path.rsplit('/').next()?;
        let id: u64 = file
            .strip_prefix('t')?
            .strip_suffix(".html")?
            .split_once('_')?
            .1
            .parse()
            .ok()?;
        if id / 10_000_000 != self.idx as u64 + 1 {
            return None;
        }
        let ci = ((id / 100_000) % 100) as usize;
        let k = (id % 100_000) as u32;
        let c = self.columns.get(ci)?;
        if c.style != ColumnStyle::List || k >= c.count {
            return None;
        }
        let item = self.item(world, ci, k);
        (item.path == path).then_some(item)
    }

    /// Number of pages of a list column.
    pub fn list_pages(&self, ci: usize) -> u32 {
        let n = self.columns[ci].count;
        n.div_ceil(PAGE_SIZE).max(1)
    }

    /// Plants of an item.
    pub fn plants_of(&self, ci: usize, k: u32) -> &[Plant] {
        self.plants.get(&(ci, k)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Pages this site serves (articles, list pages, static pages, board pages).
    pub fn page_count(&self) -> u64 {
        let mut n = 1u64; // home
        for (ci, c) in self.columns.iter().enumerate() {
            n += match c.style {
                ColumnStyle::List => u64::from(c.count) + u64::from(self.list_pages(ci)),
                ColumnStyle::Single | ColumnStyle::Channel => 1,
                ColumnStyle::Board => {
                    let m = self.board.as_ref().map_or(0, |b| b.len() as u64);
                    m + m.div_ceil(u64::from(BOARD_PAGE_SIZE)).max(1) + 1
                }
            };
        }
        n + 1 // search page
    }
}

/// A file attached to an article.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Root-relative path.
    pub path: String,
    /// Link text.
    pub name: String,
    /// `pdf`, `docx` or `xlsx`.
    pub ext: &'static str,
    /// Holds the planted unmasked personal data.
    pub personal: bool,
}

impl Site {
    /// The attachments of item `k` of column `ci`.
    pub fn attachments(&self, world: &World, ci: usize, k: u32) -> Vec<Attachment> {
        let c = &self.columns[ci];
        let item = self.item(world, ci, k);
        let dir = &item.path[..item.path.rfind('/').map_or(0, |i| i + 1)];
        let stamp = item.when.format("%Y%m%d");
        let personal = self.plants_of(ci, k).iter().any(|p| {
            matches!(
                p,
                Plant::Personal {
                    attachment: true,
                    ..
                }
            )
        });
        if personal {
            return vec![Attachment {
                path: format!("{dir}P0{stamp}{}_1.xlsx", item.id),
                name: "附件：名单.xlsx".into(),
                ext: "xlsx",
                personal: true,
            }];
        }
        let h = hash(&[world.seed, hash_str(&self.key), ci as u64, u64::from(k), 7]);
        let eligible = matches!(
            c.class,
            ColumnClass::Notice | ColumnClass::Policy | ColumnClass::Periodic
        );
        if !eligible || !h.is_multiple_of(3) {
            return Vec::new();
        }
        let ext = ["pdf", "docx", "xlsx"][((h >> 8) % 3) as usize];
        let name = match ext {
            "pdf" => "附件：实施方案.pdf",
            "docx" => "附件：申报表.docx",
            _ => "附件：汇总表.xlsx",
        };
        vec![Attachment {
            path: format!("{dir}P0{stamp}{}_1.{ext}", item.id),
            name: name.into(),
            ext,
            personal: false,
        }]
    }
}
