//! Indicator packs and scoring of xunwang (巡网): a site's findings, measurements and an
//! inspector's manual inputs → a [`Scorecard`] (单项否决, 100-point 扣分 with caps, 30-point 加分,
//! 合格/不合格), following 国办秘函〔2019〕19号 (spec §1.2).
//!
//! Pure and deterministic: no I/O, no clock, so stored findings can be re-scored at any time.
//!
//! ```
//! use xunwang_rules::{Pack, SiteInput, SiteProfile, Verdict, score};
//! let pack = Pack::shipped("gov-cn-2019-website").unwrap();
//! let input = SiteInput {
//!     profile: SiteProfile { home: "http://www.example.gov.cn/".into(), name: "示例市人民政府".into(), ..Default::default() },
//!     ..Default::default()
//! };
//! let card = score(&pack, &input);
//! assert_eq!(card.verdict, Verdict::Pass);
//! assert_eq!(card.score, Some(100.0));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod input;
mod pack;
mod score;
mod text;

pub use input::{Availability, Manual, Measurements, SiteInput, SiteKind, SiteProfile, Stamp};
pub use pack::{
    BonusItem, GOV_CN_2019_NEWMEDIA, GOV_CN_2019_WEBSITE, Group, Indicator, Measure, Mode, Pack,
    PackError, Rule, Scoring, Target, VetoItem,
};
pub use score::{
    BonusLine, Dismissed, GroupLine, IndicatorLine, ManualLine, RuleLine, Scorecard, Verdict,
    VetoLine, score,
};

/// Points as reports write them: at most two decimals, no trailing zeros (`5`, `0.1`, `93.33`).
pub fn points_text(p: f64) -> String {
    let s = format!("{:.2}", (p * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}
