//! The report model: everything a sink needs, filled by the engine/CLI from scorecards and
//! findings. Sinks only read it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One quarterly (or other period) bulletin (通报): the whole input of the bulletin sinks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bulletin {
    /// Title, e.g. "2023年第二季度全市政府网站和政务新媒体检查情况的通报".
    pub title: String,
    /// 发文机关, e.g. "××市人民政府办公室".
    pub issuer: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// The inspected period.
    pub period: PeriodInfo,
    /// The indicator pack the scores come from.
    pub pack: PackInfo,
    /// This period's totals.
    pub overall: Overall,
    /// The previous period's totals when stored (for comparison sentences).
    pub previous: Option<Overall>,
    /// Every checked site, in the order to list them.
    pub sites: Vec<SiteScore>,
    /// 二、存在问题, already ordered by importance.
    pub problems: Vec<ProblemCategory>,
    /// 三、工作要求 paragraphs (plain text; may already contain the deadline).
    pub requirements: Vec<String>,
    /// 整改期限.
    pub deadline: NaiveDate,
    /// Caveats shown at the end (e.g. "以下扣分值为可配置默认值，未经核实：…").
    pub notes: Vec<String>,
}

/// The inspected period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeriodInfo {
    /// Machine code, e.g. "2023Q2".
    pub code: String,
    /// Display label, e.g. "2023年第二季度".
    pub label: String,
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period.
    pub end: NaiveDate,
    /// 监测时间点: the reference day of the freshness checks.
    pub checkpoint: NaiveDate,
}

/// The indicator pack the scores come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackInfo {
    /// Pack id, e.g. "gov-2019".
    pub id: String,
    /// Pack title, e.g. "政府网站与政务新媒体检查指标".
    pub title: String,
    /// Where the pack's rules come from, e.g. "国办秘函〔2019〕19号".
    pub source: String,
    /// Labels of items whose values are configurable defaults, not verified against the source.
    pub unverified: Vec<String>,
}

/// Totals of one period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overall {
    /// Label of the period these totals belong to, e.g. "2023年第一季度".
    pub period_label: String,
    /// Sites in the registry.
    pub sites_total: u32,
    /// Sites checked.
    pub sites_checked: u32,
    /// Checked sites judged 合格.
    pub sites_passed: u32,
    /// 政务新媒体 accounts in the registry.
    pub accounts_total: u32,
    /// Accounts checked.
    pub accounts_checked: u32,
    /// Checked accounts judged 合格.
    pub accounts_passed: u32,
}

impl Overall {
    /// Share of checked sites that passed, as a fraction in `0.0..=1.0`; `None` when none was checked.
    pub fn site_pass_rate(&self) -> Option<f64> {
        ratio(self.sites_passed, self.sites_checked)
    }

    /// Share of checked accounts that passed, as a fraction in `0.0..=1.0`; `None` when none was checked.
    pub fn account_pass_rate(&self) -> Option<f64> {
        ratio(self.accounts_passed, self.accounts_checked)
    }

    /// 抽查比例 of sites (checked / total) as a fraction; `None` when the registry is empty.
    pub fn check_ratio(&self) -> Option<f64> {
        ratio(self.sites_checked, self.sites_total)
    }

    /// 抽查比例 of accounts (checked / total) as a fraction; `None` when there are no accounts.
    pub fn account_check_ratio(&self) -> Option<f64> {
        ratio(self.accounts_checked, self.accounts_total)
    }
}

fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

/// A site's (or account's) conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// 合格.
    #[serde(rename = "合格")]
    Pass,
    /// 不合格.
    #[serde(rename = "不合格")]
    Fail,
}

impl Verdict {
    /// The Chinese label, "合格" or "不合格".
    pub fn label_zh(&self) -> &'static str {
        match self {
            Verdict::Pass => "合格",
            Verdict::Fail => "不合格",
        }
    }
}

/// One checked site's scorecard, as shown in the bulletin and the 检查情况表.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteScore {
    /// Site name, e.g. "重庆市人力资源和社会保障局".
    pub name: String,
    /// Home page URL.
    pub home: String,
    /// 网站标识码 when known.
    pub site_code: Option<String>,
    /// "政府门户网站" / "部门网站".
    pub kind_label: String,
    /// 合格 / 不合格.
    pub verdict: Verdict,
    /// Final score (part 2 + part 3); `None` when vetoed (单项否决: 不再评分).
    pub score: Option<f64>,
    /// Part-2 points lost.
    pub deductions: f64,
    /// Part-3 points gained.
    pub bonus: f64,
    /// Triggered vetoes, e.g. "站点无法访问：监测1周 142 次访问失败 8 次（5.6%）".
    pub vetoes: Vec<String>,
    /// Pre-veto warnings for operators.
    pub warnings: Vec<String>,
    /// The 检查情况表 rows.
    pub items: Vec<ScoreItem>,
    /// Findings dismissed as false positives.
    pub dismissed: Vec<Dismissal>,
}

/// One row of the 检查情况表.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreItem {
    /// "单项否决" / "扣分指标" / "加分指标".
    pub part: String,
    /// 一级指标 group, e.g. "发布解读"; empty for vetoes.
    pub group: String,
    /// 指标, e.g. "栏目不更新".
    pub indicator: String,
    /// 评分细则.
    pub rule: String,
    /// 检查情况 (a sentence; "未发现问题" when clean).
    pub observed: String,
    /// Points deducted (positive) or, on bonus rows, points added; 0 for vetoes.
    pub points: f64,
    /// Evidence URLs.
    pub evidence: Vec<String>,
    /// `false` when the value is a configurable default (marked "※" with a legend).
    pub verified: bool,
    /// Entered by an inspector.
    pub manual: bool,
    /// The inspector, for manual rows.
    pub who: Option<String>,
}

/// A finding dismissed as a false positive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dismissal {
    /// Finding kind (dotted id or its label).
    pub kind: String,
    /// Where the finding was.
    pub url: String,
    /// Why it was dismissed.
    pub reason: String,
    /// Who dismissed it.
    pub by: String,
    /// When (already formatted).
    pub at: String,
}

/// One category of 二、存在问题.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProblemCategory {
    /// e.g. "空白栏目".
    pub title: String,
    /// One sentence, e.g. "部分网站存在空白栏目，栏目开设后长期无内容。".
    pub description: String,
    /// Number of sites with the problem.
    pub sites: u32,
    /// Number of occurrences.
    pub count: u32,
    /// Examples quoted in the bulletin.
    pub examples: Vec<Example>,
}

/// One quoted example of a problem.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    /// Site name.
    pub site: String,
    /// Where.
    pub url: String,
    /// What, e.g. "“通知公告”栏目无内容".
    pub detail: String,
}

/// One row of the 整改清单 spreadsheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RectificationRow {
    /// Site name.
    pub site: String,
    /// Site home page.
    pub site_home: String,
    /// 指标 the finding counts against.
    pub indicator: String,
    /// Dotted finding kind, e.g. "column.empty".
    pub kind: String,
    /// Chinese label of the kind.
    pub kind_label: String,
    /// Severity label.
    pub severity: String,
    /// Where the problem is.
    pub url: String,
    /// Evidence text.
    pub evidence: String,
    /// First seen (already formatted).
    pub first_seen: String,
    /// Last seen (already formatted).
    pub last_seen: String,
    /// 整改期限.
    pub deadline: NaiveDate,
}

/// A rate as a percentage with one decimal, rounded half away from zero on the exact value:
/// 85/88 → "96.6%", 1/8 → "12.5%".
///
/// Exactly 100 % prints as "100%" and exactly 0 % as "0%", as published bulletins write them
/// ("抽查比例100%"). A rate below 100 % never prints as 100: 1999/2000 gives "99.9%", not "100.0%".
/// A zero denominator gives "—".
pub fn percent(num: u32, den: u32) -> String {
    if den == 0 {
        return "—".to_owned();
    }
    if num == den {
        return "100%".to_owned();
    }
    if num == 0 {
        return "0%".to_owned();
    }
    let tenths = rate_tenths(num, den);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// The rate num/den in tenths of a percent, rounded half away from zero with integer
/// arithmetic (no float error at the .x5 boundary), and capped at 999 when num < den.
pub(crate) fn rate_tenths(num: u32, den: u32) -> u64 {
    let (n, d) = (u64::from(num), u64::from(den));
    if d == 0 {
        return 0;
    }
    let t = (n * 2000 + d) / (2 * d);
    if n < d { t.min(999) } else { t }
}

/// A score with at most one decimal, trailing ".0" dropped: 93.333 → "93.3", 100.0 → "100",
/// 92.25 → "92.3" (half away from zero, with a small tolerance for binary representation).
pub fn score_text(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    // 1e-9 absorbs representation error such as 92.25 stored as 92.249999….
    let tenths = (v.abs() * 10.0 + 1e-9).round() as i64;
    let sign = if v < 0.0 && tenths != 0 { "-" } else { "" };
    if tenths % 10 == 0 {
        format!("{sign}{}", tenths / 10)
    } else {
        format!("{sign}{}.{}", tenths / 10, tenths % 10)
    }
}
