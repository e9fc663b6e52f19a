//! The single-veto rules V3, V4 and V5 (spec §1.3) read from the tallies, and the pre-veto
//! warning tier.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::WarningTier;
use crate::site::Tallies;
use crate::text;

/// The counts at which V4 vetoes a site. "超过(含)N个" means ≥ N.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoThresholds {
    /// V4.1: stale 动态/要闻 and first-level 通知公告/政策文件 columns; default 5.
    pub stale_columns: u32,
    /// V4.2: long-unupdated columns; default 10.
    pub long_unupdated_columns: u32,
    /// V4.3: empty columns; default 5.
    pub empty_columns: u32,
}

impl Default for VetoThresholds {
    /// The thresholds of the 2019 indicators (spec §1.3 V4, `[V-copy]`).
    fn default() -> VetoThresholds {
        VetoThresholds {
            stale_columns: 5,
            long_unupdated_columns: 10,
            empty_columns: 5,
        }
    }
}

/// A single-veto rule that applies (or, in the warning list, is close to applying).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// The rule: `V1` (content), `V3`, `V4.1`, `V4.2`, `V4.3`, `V5.1` or `V5.2`.
    pub rule: String,
    /// Why, in Chinese.
    pub reason: String,
}

impl Veto {
    fn new(rule: &str, reason: String) -> Veto {
        Veto {
            rule: rule.to_owned(),
            reason,
        }
    }
}

/// The single-veto rules that apply, in rule order.
pub fn vetoes(tallies: &Tallies, home_stale: bool, thresholds: &VetoThresholds) -> Vec<Veto> {
    let mut out = Vec::new();
    if home_stale {
        out.push(Veto::new("V3", text::VETO_HOME.to_owned()));
    }
    if tallies.stale_columns >= thresholds.stale_columns {
        out.push(Veto::new(
            "V4.1",
            text::veto_stale(tallies.stale_columns, thresholds.stale_columns),
        ));
    }
    if tallies.long_unupdated_columns >= thresholds.long_unupdated_columns {
        out.push(Veto::new(
            "V4.2",
            text::veto_long_unupdated(
                tallies.long_unupdated_columns,
                thresholds.long_unupdated_columns,
            ),
        ));
    }
    if tallies.empty_columns >= thresholds.empty_columns {
        out.push(Veto::new(
            "V4.3",
            text::veto_empty(tallies.empty_columns, thresholds.empty_columns),
        ));
    }
    if !tallies.has_channel {
        out.push(Veto::new("V5.1", text::VETO_NO_CHANNEL.to_owned()));
    }
    if tallies.unanswered_messages > 0 {
        out.push(Veto::new(
            "V5.2",
            text::veto_unanswered(tallies.unanswered_messages),
        ));
    }
    out
}

/// Rules close to a veto (vendor practice, spec §1.3): the home page older than the warning
/// window but not yet stale, and V4.2 / V4.3 counts at the warning tier but below the veto.
pub fn pre_veto_warnings(
    tallies: &Tallies,
    home_stale: bool,
    today: NaiveDate,
    tier: &WarningTier,
    thresholds: &VetoThresholds,
) -> Vec<Veto> {
    let mut out = Vec::new();
    if !tier.enabled {
        return out;
    }
    if let Some(newest) = tallies.home_newest
        && !home_stale
        && !tier.home.contains(newest, today)
    {
        out.push(Veto::new(
            "V3",
            text::warn_home(newest, &tier.home.label_zh()),
        ));
    }
    let n = tallies.long_unupdated_columns;
    if n >= tier.long_unupdated_columns && n < thresholds.long_unupdated_columns {
        out.push(Veto::new(
            "V4.2",
            text::warn_long_unupdated(n, thresholds.long_unupdated_columns),
        ));
    }
    let n = tallies.empty_columns;
    if n >= tier.empty_columns && n < thresholds.empty_columns {
        out.push(Veto::new(
            "V4.3",
            text::warn_empty(n, thresholds.empty_columns),
        ));
    }
    out
}
