//! The indicator-pack format (TOML): what a pack says, how it is read and checked.
//!
//! A pack is flat on purpose: `[[veto]]`, `[[group]]`, `[[indicator]]`, `[[rule]]` and `[[bonus]]`
//! tables that refer to each other by id, so a local variant can be written by copying the
//! shipped file and changing numbers. Every item carries `source` and `verified`; an item with
//! `verified = false` holds a configurable default and is marked as such in every report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use xunwang_core::{FindingKind, Severity};

/// The shipped website pack (国办秘函〔2019〕19号, website part).
pub const GOV_CN_2019_WEBSITE: &str = include_str!("../packs/gov-cn-2019-website.toml");
/// The shipped new-media pack (pass/fail on the veto items).
pub const GOV_CN_2019_NEWMEDIA: &str = include_str!("../packs/gov-cn-2019-newmedia.toml");

/// Why a pack could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The TOML does not parse or has unknown fields.
    #[error("指标包 {name} 格式错误")]
    Toml {
        /// File name or pack id.
        name: String,
        /// The parser's message (with line and column).
        #[source]
        source: toml::de::Error,
    },
    /// The pack parses but contradicts itself.
    #[error("指标包 {name} 有误：{message}")]
    Invalid {
        /// File name or pack id.
        name: String,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// No shipped pack has this id.
    #[error(
        "没有名为 {0} 的内置指标包（可用：gov-cn-2019-website、gov-cn-2019-newmedia，或给出 TOML 文件）"
    )]
    Unknown(String),
}

/// What the pack scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Government websites.
    Website,
    /// Government new-media accounts.
    Newmedia,
}

/// How a verdict is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Vetoes, then 100-point deductions, then bonus (spec §1.2).
    Points,
    /// Vetoes only: any veto is 不合格 (national new-media checks, spec §2.1).
    PassFail,
}

/// An indicator pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Stable id, e.g. `gov-cn-2019-website`.
    pub id: String,
    /// Title shown in reports.
    pub title: String,
    /// The document it implements.
    pub source: String,
    /// What it scores.
    pub target: Target,
    /// The scoring rule.
    pub scoring: Scoring,
    /// Single-veto items (单项否决).
    #[serde(default)]
    pub veto: Vec<VetoItem>,
    /// First-level deduction indicators (一级指标) with their points.
    #[serde(default)]
    pub group: Vec<Group>,
    /// Second-level indicators with their points (the per-indicator cap).
    #[serde(default)]
    pub indicator: Vec<Indicator>,
    /// Deduction rules: which findings cost how much under which indicator.
    #[serde(default)]
    pub rule: Vec<Rule>,
    /// Bonus items (加分指标), ticked by an inspector.
    #[serde(default)]
    pub bonus: Vec<BonusItem>,
}

/// The scoring rule of a pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Points or pass/fail.
    pub mode: Mode,
    /// Points of the deduction part (100).
    #[serde(default = "hundred")]
    pub full: f64,
    /// A part-2 score below this is 不合格 (60, "低于60分").
    #[serde(default = "sixty")]
    pub fail_below: f64,
    /// Whether a score exactly at `fail_below` also fails (false in 2019; true under the 2015
    /// 普查 rule).
    #[serde(default)]
    pub fail_at_boundary: bool,
    /// Only a part-2 score strictly above this enters the bonus phase (80, "高于80分").
    #[serde(default = "eighty")]
    pub bonus_above: f64,
    /// Bonus cap (30).
    #[serde(default = "thirty")]
    pub bonus_cap: f64,
    /// Bonus only for 政府门户网站.
    #[serde(default = "yes")]
    pub bonus_portals_only: bool,
    /// Whether department (non-portal) sites are scored on points too (重庆 practice); when
    /// false they are judged on vetoes only.
    #[serde(default = "yes")]
    pub deductions_for_departments: bool,
    /// The group left out for 国务院部门 portals without external services (办事服务); the
    /// rest is scaled back to `full` (75 × 4/3).
    #[serde(default)]
    pub no_service_group: Option<String>,
    /// Where these rules come from.
    pub source: String,
    /// Whether the numbers above are verified in the spec.
    pub verified: bool,
}

fn hundred() -> f64 {
    100.0
}
fn sixty() -> f64 {
    60.0
}
fn eighty() -> f64 {
    80.0
}
fn thirty() -> f64 {
    30.0
}
fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}

/// A single-veto item: a count of findings, a measurement ratio, or manual only.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoItem {
    /// `V1`, `V4.1`…
    pub id: String,
    /// 指标, e.g. `栏目不更新`.
    pub indicator: String,
    /// 评分细则 as written in the source.
    pub rule: String,
    /// Finding kinds counted.
    #[serde(default)]
    pub kinds: Vec<FindingKind>,
    /// Only findings of these severities count (all when empty).
    #[serde(default)]
    pub severities: Vec<Severity>,
    /// The item applies at this many findings ("超过(含)N个" = N).
    #[serde(default = "one")]
    pub at_least: u32,
    /// Pre-veto warning from this many findings (below `at_least`).
    #[serde(default)]
    pub warn_at: Option<u32>,
    /// A measured ratio instead of a count: `availability` (failed probes / probes).
    #[serde(default)]
    pub measure: Option<Measure>,
    /// The ratio at which the item applies ("超过(含)5%" = 0.05).
    #[serde(default)]
    pub ratio_at_least: Option<f64>,
    /// Pre-veto warning from this ratio.
    #[serde(default)]
    pub warn_ratio: Option<f64>,
    /// Fewer samples than this cannot decide (7 days × 20 probes = 140).
    #[serde(default)]
    pub min_samples: Option<u32>,
    /// Only an inspector can decide it (泄密, 负面舆情, 服务不实用).
    #[serde(default)]
    pub manual: bool,
    /// Where it comes from.
    pub source: String,
    /// Whether the threshold is verified.
    pub verified: bool,
}

/// A measurement a veto item can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Home-page probes over the availability window.
    Availability,
}

/// A first-level deduction indicator (发布解读, 办事服务, 互动交流, 功能设计).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Name, also its id.
    pub name: String,
    /// Points; deductions under it never exceed them.
    pub points: f64,
    /// Where it comes from.
    pub source: String,
    /// Whether the points are verified.
    pub verified: bool,
}

/// A second-level indicator: its points cap the deductions of its rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id the rules refer to.
    pub id: String,
    /// The group it belongs to.
    pub group: String,
    /// Name shown in reports (指标).
    pub name: String,
    /// Points (the cap).
    pub points: f64,
    /// Where it comes from.
    pub source: String,
    /// Whether the points are verified.
    pub verified: bool,
}

/// A deduction rule: matching findings cost `points` per `per` findings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Id, e.g. `D-政策文件-6m`.
    pub id: String,
    /// The indicator it deducts under.
    pub indicator: String,
    /// 评分细则 shown in reports.
    pub text: String,
    /// Finding kinds it reads (empty: manual only).
    #[serde(default)]
    pub kinds: Vec<FindingKind>,
    /// Only findings whose evidence facts have these values (string comparison).
    #[serde(default)]
    pub facts: BTreeMap<String, String>,
    /// Only findings of these severities (all when empty).
    #[serde(default)]
    pub severities: Vec<Severity>,
    /// `true`: only findings on the home page; `false`: only elsewhere; absent: both.
    #[serde(default)]
    pub on_home: Option<bool>,
    /// Points per batch.
    pub points: f64,
    /// Findings per batch (每N个扣…); a partial batch costs nothing.
    #[serde(default = "one")]
    pub per: u32,
    /// Cap of this rule alone (the indicator caps it anyway).
    #[serde(default)]
    pub max: Option<f64>,
    /// Where it comes from.
    pub source: String,
    /// Whether the points are verified.
    pub verified: bool,
}

/// A bonus item an inspector can tick.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusItem {
    /// Id.
    pub id: String,
    /// Name shown in reports.
    pub name: String,
    /// What earns it.
    pub text: String,
    /// Most points it can give.
    pub points: f64,
    /// Where it comes from.
    pub source: String,
    /// Whether the points are verified.
    pub verified: bool,
}

impl Pack {
    /// A shipped pack by id.
    pub fn shipped(id: &str) -> Result<Pack, PackError> {
        match id {
            "gov-cn-2019-website" => Pack::from_toml(GOV_CN_2019_WEBSITE, id),
            "gov-cn-2019-newmedia" => Pack::from_toml(GOV_CN_2019_NEWMEDIA, id),
            _ => Err(PackError::Unknown(id.to_owned())),
        }
    }

    /// Reads and checks a pack; `name` names it in errors.
    pub fn from_toml(text: &str, name: &str) -> Result<Pack, PackError> {
        let pack: Pack = toml::from_str(text).map_err(|source| PackError::Toml {
            name: name.to_owned(),
            source,
        })?;
        pack.validate(name)?;
        Ok(pack)
    }

    /// The labels of every item whose value is an unverified default, for the reports.
    pub fn unverified(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.scoring.verified {
            out.push("评分规则".to_owned());
        }
        out.extend(
            self.veto
                .iter()
                .filter(|v| !v.verified)
                .map(|v| format!("{} {}", v.id, v.indicator)),
        );
        out.extend(
            self.group
                .iter()
                .filter(|g| !g.verified)
                .map(|g| format!("{}（{}分）", g.name, crate::points_text(g.points))),
        );
        out.extend(
            self.indicator
                .iter()
                .filter(|i| !i.verified)
                .map(|i| format!("{}（{}分）", i.name, crate::points_text(i.points))),
        );
        out.extend(
            self.rule
                .iter()
                .filter(|r| !r.verified)
                .map(|r| r.text.clone()),
        );
        out.extend(
            self.bonus
                .iter()
                .filter(|b| !b.verified)
                .map(|b| format!("加分：{}", b.name)),
        );
        out
    }

    pub(crate) fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator.iter().find(|i| i.id == id)
    }

    pub(crate) fn group(&self, name: &str) -> Option<&Group> {
        self.group.iter().find(|g| g.name == name)
    }

    fn validate(&self, name: &str) -> Result<(), PackError> {
        let bad = |message: String| {
            Err(PackError::Invalid {
                name: name.to_owned(),
                message,
            })
        };
        let s = &self.scoring;
        for (what, v) in [
            ("full", s.full),
            ("fail_below", s.fail_below),
            ("bonus_above", s.bonus_above),
            ("bonus_cap", s.bonus_cap),
        ] {
            if !v.is_finite() || v < 0.0 {
                return bad(format!("scoring.{what} 必须是非负数"));
            }
        }
        let mut ids = std::collections::BTreeSet::new();
        for v in &self.veto {
            if !ids.insert(v.id.as_str()) {
                return bad(format!("单项否决项 {} 重复", v.id));
            }
            if v.measure.is_some() != v.ratio_at_least.is_some() {
                return bad(format!(
                    "单项否决项 {}：measure 与 ratio_at_least 须同时给出",
                    v.id
                ));
            }
            if v.measure.is_none() && v.kinds.is_empty() && !v.manual {
                return bad(format!(
                    "单项否决项 {} 既不读问题类型，也不读测量值，又不是人工项",
                    v.id
                ));
            }
            if v.at_least == 0 {
                return bad(format!("单项否决项 {}：at_least 至少为 1", v.id));
            }
            if let Some(w) = v.warn_at
                && w >= v.at_least
            {
                return bad(format!(
                    "单项否决项 {}：预警数 warn_at 应小于 at_least",
                    v.id
                ));
            }
        }
        if s.mode == Mode::PassFail {
            return Ok(());
        }
        let mut total = 0.0;
        for g in &self.group {
            if !(g.points.is_finite() && g.points > 0.0) {
                return bad(format!("一级指标 {} 的分值必须大于 0", g.name));
            }
            total += g.points;
        }
        if (total - s.full).abs() > 1e-6 {
            return bad(format!(
                "一级指标分值之和为 {}，应等于 scoring.full = {}",
                crate::points_text(total),
                crate::points_text(s.full)
            ));
        }
        if let Some(g) = &s.no_service_group
            && self.group(g).is_none()
        {
            return bad(format!("scoring.no_service_group 指向不存在的一级指标 {g}"));
        }
        let mut ind_ids = std::collections::BTreeSet::new();
        for i in &self.indicator {
            if !ind_ids.insert(i.id.as_str()) {
                return bad(format!("指标 {} 重复", i.id));
            }
            let Some(g) = self.group(&i.group) else {
                return bad(format!("指标 {} 属于不存在的一级指标 {}", i.id, i.group));
            };
            if !(i.points.is_finite() && i.points > 0.0 && i.points <= g.points + 1e-9) {
                return bad(format!(
                    "指标 {} 的分值必须大于 0 且不超过其一级指标 {} 的 {} 分",
                    i.id,
                    g.name,
                    crate::points_text(g.points)
                ));
            }
        }
        let mut rule_ids = std::collections::BTreeSet::new();
        for r in &self.rule {
            if !rule_ids.insert(r.id.as_str()) {
                return bad(format!("扣分规则 {} 重复", r.id));
            }
            if self.indicator(&r.indicator).is_none() {
                return bad(format!(
                    "扣分规则 {} 指向不存在的指标 {}",
                    r.id, r.indicator
                ));
            }
            if !(r.points.is_finite() && r.points > 0.0) || r.per == 0 {
                return bad(format!(
                    "扣分规则 {}：points 必须大于 0，per 至少为 1",
                    r.id
                ));
            }
        }
        for b in &self.bonus {
            if !(b.points.is_finite() && b.points > 0.0) {
                return bad(format!("加分项 {} 的分值必须大于 0", b.id));
            }
        }
        Ok(())
    }
}
