//! Every user-visible Chinese string of the reports, in one place so that a second language
//! can be added by swapping this module.
//!
//! Wording follows published 通报 (spec/indicators.md §5, e.g. 重庆 2023 Q2: "本季度共检查全市政府网站
//! 88个、政务新媒体1146个，抽查比例100%，总体合格率分别为96.6%、99.7%。").

use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- bulletin skeleton

/// 主送机关 used when the model carries none (a municipal office's usual addressees).
pub(crate) const SALUTATION: &str = "各区县（自治县）人民政府，市政府各部门，有关单位：";
pub(crate) const H1_OVERALL: &str = "一、总体情况";
pub(crate) const H1_PROBLEMS: &str = "二、存在问题";
pub(crate) const H1_REQUIREMENTS: &str = "三、工作要求";
pub(crate) const NO_PROBLEMS: &str = "本期检查未发现共性问题。";
pub(crate) const ATTACHMENT: &str = "附件";
pub(crate) const ATTACHMENT_BANDS: &str = "检查得分分布情况";
pub(crate) const ATTACHMENT_SITES: &str = "政府网站检查得分情况";
pub(crate) const NOTES_HEADING: &str = "说明";
pub(crate) const CHART_PASS_RATE: &str = "检查合格率";
pub(crate) const CHART_SCORE_BANDS: &str = "网站得分分布";
pub(crate) const SITES_WORD: &str = "政府网站";
pub(crate) const ACCOUNTS_WORD: &str = "政务新媒体";

// ---------------------------------------------------------------- tables

pub(crate) const COL_NO: &str = "序号";
pub(crate) const COL_SITE: &str = "网站名称";
pub(crate) const COL_KIND: &str = "类型";
pub(crate) const COL_SCORE: &str = "得分";
pub(crate) const COL_VERDICT: &str = "结论";
pub(crate) const COL_BAND: &str = "分数段";
pub(crate) const COL_BAND_COUNT: &str = "网站数量";
pub(crate) const NOT_SCORED: &str = "不再评分";

/// Score band labels, from the top (spec §1.2: 重庆 reports "110分及以上" and "100—110分").
pub(crate) const BAND_LABELS: [&str; 6] = [
    "110分及以上",
    "100—110分",
    "80—100分",
    "60—80分",
    "不合格",
    "未评分",
];

// ---------------------------------------------------------------- site sheet

pub(crate) const SHEET_TITLE_SUFFIX: &str = "检查情况表";
pub(crate) const SHEET_PART_VETO: &str = "单项否决指标";
pub(crate) const SHEET_PART_DEDUCT: &str = "扣分指标";
pub(crate) const SHEET_PART_BONUS: &str = "加分指标";
pub(crate) const COL_GROUP: &str = "一级指标";
pub(crate) const COL_INDICATOR: &str = "指标";
pub(crate) const COL_RULE: &str = "评分细则";
pub(crate) const COL_OBSERVED: &str = "检查情况";
pub(crate) const COL_DEDUCT: &str = "扣分";
pub(crate) const COL_ADD: &str = "加分";
pub(crate) const COL_RESULT: &str = "是否触发";
pub(crate) const VETO_HIT: &str = "否决";
pub(crate) const VETO_CLEAR: &str = "否";
pub(crate) const EVIDENCE: &str = "证据：";
pub(crate) const UNVERIFIED_MARK: &str = "※";
pub(crate) const UNVERIFIED_LEGEND: &str = "注：标“※”的分值为可配置默认值，未经核实。";
pub(crate) const NO_ITEMS: &str = "无。";
pub(crate) const SHEET_NOT_SCORED: &str = "存在单项否决情形，不再对扣分指标和加分指标评分。";
pub(crate) const WARNINGS_HEADING: &str = "预警提示（尚未达到否决标准）";
pub(crate) const DISMISSED_HEADING: &str = "已排除的疑似问题（误报）";
pub(crate) const COL_DISMISS_KIND: &str = "问题类型";
pub(crate) const COL_DISMISS_URL: &str = "地址";
pub(crate) const COL_DISMISS_REASON: &str = "排除理由";
pub(crate) const COL_DISMISS_BY: &str = "处理人";
pub(crate) const COL_DISMISS_AT: &str = "处理时间";
pub(crate) const PART_VETO: &str = "单项否决";
pub(crate) const PART_BONUS: &str = "加分指标";

// ---------------------------------------------------------------- 整改清单

pub(crate) const XLSX_SHEET: &str = "整改清单";
pub(crate) const XLSX_HEADER: [&str; 13] = [
    "序号",
    "网站",
    "网址",
    "指标",
    "问题类型",
    "问题代码",
    "严重程度",
    "问题地址",
    "证据",
    "首次发现",
    "最近发现",
    "整改期限",
    "整改情况",
];

/// "2023年7月11日" (GB/T 9704: Arabic numerals, no leading zeros).
pub(crate) fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 一, 二, … 九十九 for "（一）" headings.
pub(crate) fn zh_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => {
            let ones = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{ones}", DIGITS[n / 10])
        }
        _ => n.to_string(),
    }
}

/// The scope word of the title ("全市", "全省", …), so the body can say "全市政府网站".
pub(crate) fn scope_of(title: &str) -> &'static str {
    ["全市", "全省", "全区", "全县", "全州", "全盟", "全国"]
        .into_iter()
        .find(|s| title.contains(s))
        .unwrap_or("")
}

/// "本季度" for a quarter code ("2023Q2"), "本月" for a month ("2023-07"), else "本期".
pub(crate) fn period_word(code: &str) -> &'static str {
    if code.contains('Q') || code.contains('q') {
        "本季度"
    } else if code.contains('H') || code.contains('h') {
        "本半年"
    } else if code.len() == 7 && code.as_bytes().get(4) == Some(&b'-') {
        "本月"
    } else {
        "本期"
    }
}

/// The opening paragraph. `with_accounts` false leaves 政务新媒体 out (none was checked).
pub(crate) fn intro(
    scope: &str,
    period_label: &str,
    pack_title: &str,
    checkpoint: NaiveDate,
    with_accounts: bool,
) -> String {
    let pack = pack_title.trim_matches(|c| c == '《' || c == '》');
    let basis = if pack.is_empty() {
        "按照有关工作要求".to_owned()
    } else {
        format!("按照《{pack}》和有关工作要求")
    };
    let what = if with_accounts {
        "政府网站和政务新媒体"
    } else {
        "政府网站"
    };
    format!(
        "{basis}，{period_label}对{scope}{what}开展了检查（监测时间点为{}）。现将有关情况通报如下：",
        date_zh(checkpoint)
    )
}

/// The opening numbers sentence of 一、总体情况.
pub(crate) struct Totals<'a> {
    pub word: &'a str,
    pub scope: &'a str,
    pub sites_checked: u32,
    pub sites_passed: u32,
    pub site_ratio: Option<String>,
    pub site_rate: String,
    /// `None` when no account was checked: the sentence then says nothing about 政务新媒体.
    pub accounts: Option<AccountTotals>,
}

pub(crate) struct AccountTotals {
    pub checked: u32,
    pub passed: u32,
    pub ratio: Option<String>,
    pub rate: String,
}

pub(crate) fn totals_sentence(t: &Totals<'_>) -> String {
    let Totals {
        word,
        scope,
        sites_checked,
        sites_passed,
        ..
    } = *t;
    match &t.accounts {
        None => {
            let ratio = t
                .site_ratio
                .as_ref()
                .map(|r| format!("抽查比例{r}，"))
                .unwrap_or_default();
            format!(
                "{word}共检查{scope}政府网站{sites_checked}个，{ratio}合格{sites_passed}个，总体合格率为{}。",
                t.site_rate
            )
        }
        Some(a) => {
            let ratio = match (&t.site_ratio, &a.ratio) {
                (Some(s), Some(r)) if s == r => format!("抽查比例{s}，"),
                (Some(s), Some(r)) => format!("抽查比例分别为{s}、{r}，"),
                (Some(s), None) => format!("网站抽查比例{s}，"),
                (None, Some(r)) => format!("政务新媒体抽查比例{r}，"),
                (None, None) => String::new(),
            };
            format!(
                "{word}共检查{scope}政府网站{sites_checked}个、政务新媒体{}个，{ratio}合格网站{sites_passed}个、合格政务新媒体{}个，总体合格率分别为{}、{}。",
                a.checked, a.passed, t.site_rate, a.rate
            )
        }
    }
}

/// "上升1.1个百分点" / "下降0.4个百分点" / "持平" for a change in tenths of a percentage point.
pub(crate) fn change_zh(delta_tenths: i64) -> String {
    let abs = delta_tenths.unsigned_abs();
    let pts = if abs.is_multiple_of(10) {
        format!("{}", abs / 10)
    } else {
        format!("{}.{}", abs / 10, abs % 10)
    };
    match delta_tenths {
        0 => "持平".to_owned(),
        d if d > 0 => format!("上升{pts}个百分点"),
        _ => format!("下降{pts}个百分点"),
    }
}

/// "与2023年第一季度相比，政府网站合格率上升8.3个百分点（上期为75.0%）"; `first` false drops
/// the "与…相比，" lead-in for the second clause.
pub(crate) fn comparison(
    prev_label: &str,
    what: &str,
    prev_rate: &str,
    change: &str,
    first: bool,
) -> String {
    let lead = if first {
        format!("与{prev_label}相比，")
    } else {
        String::new()
    };
    format!("{lead}{what}合格率{change}（上期为{prev_rate}）")
}

pub(crate) fn names_list(names: &[&str]) -> String {
    names.join("、")
}

pub(crate) fn band_top(n: usize, names: &str) -> String {
    if n == 0 {
        "本期没有得分110分及以上的网站".to_owned()
    } else {
        format!("得分110分及以上的网站有{n}个，分别是：{names}")
    }
}

pub(crate) fn band_high(n: usize, names: &str) -> String {
    if n == 0 {
        "没有得分在100—110分的网站".to_owned()
    } else {
        format!("得分在100—110分的网站有{n}个，分别是：{names}")
    }
}

pub(crate) fn above_100(n: usize, share: &str) -> String {
    format!("得分100分及以上的网站共{n}个，占检查网站总数的{share}。")
}

pub(crate) fn failed_intro(n: usize) -> String {
    format!("检查不合格的网站{n}个：")
}

pub(crate) fn no_failed() -> &'static str {
    "本期检查未发现不合格网站。"
}

pub(crate) fn fail_reason_low_score(score: &str) -> String {
    format!("扣分指标得分{score}分，低于60分")
}

pub(crate) const FAIL_REASON_UNKNOWN: &str = "判定为不合格";

pub(crate) fn problem_counts(sites: u32, count: u32) -> String {
    format!("本期检查发现{sites}个网站存在此类问题，共{count}处。")
}

pub(crate) const EXAMPLES_LEAD: &str = "例如：";

pub(crate) fn example(site: &str, detail: &str) -> (String, String) {
    (format!("{site}（网址："), format!("），{detail}"))
}

pub(crate) fn deadline_sentence(deadline: NaiveDate, issuer: &str) -> String {
    format!(
        "请有关单位对照检查发现的问题，于{}前完成整改，并将整改情况报送{issuer}。",
        date_zh(deadline)
    )
}

pub(crate) fn attachment_item(i: usize, title: &str) -> String {
    format!("{i}．{title}")
}

pub(crate) fn attachment_label(i: usize) -> String {
    format!("{ATTACHMENT}{i}")
}

pub(crate) fn pack_note(title: &str, id: &str, source: &str) -> String {
    format!("评分依据：{title}（规则包 {id}；来源：{source}）。")
}

pub(crate) fn unverified_note(labels: &str) -> String {
    format!("以下指标的扣分值为可配置默认值，未经核实：{labels}。")
}

// ---------------------------------------------------------------- site sheet sentences

pub(crate) fn sheet_subtitle(period_label: &str, start: NaiveDate, end: NaiveDate) -> String {
    format!("（{period_label}：{}至{}）", date_zh(start), date_zh(end))
}

/// The identity line of a 检查情况表, split around the home-page link: (before, after).
pub(crate) fn sheet_identity(
    code: Option<&str>,
    kind: &str,
    checkpoint: NaiveDate,
) -> (String, String) {
    let code = code
        .map(|c| format!("；网站标识码：{c}"))
        .unwrap_or_default();
    (
        "网址：".to_owned(),
        format!(
            "{code}；类型：{kind}；监测时间点：{}。",
            date_zh(checkpoint)
        ),
    )
}

pub(crate) fn sheet_conclusion_vetoed() -> &'static str {
    "检查结论：不合格。网站存在单项否决情形，不再对其他指标评分。"
}

pub(crate) fn sheet_conclusion(
    verdict: &str,
    score: &str,
    part2: &str,
    deductions: &str,
    bonus: &str,
) -> String {
    format!(
        "检查结论：{verdict}，得分{score}分（扣分指标得分{part2}分，扣{deductions}分；加分{bonus}分）。"
    )
}

pub(crate) fn sheet_total(deductions: &str, bonus: &str, score: &str) -> String {
    format!("合计：扣分{deductions}分，加分{bonus}分，总分{score}分。")
}

pub(crate) fn manual_mark(who: Option<&str>) -> String {
    match who {
        Some(w) => format!("（人工录入：{w}）"),
        None => "（人工录入）".to_owned(),
    }
}

pub(crate) fn more_evidence(n: usize) -> String {
    format!("（另有{n}条，见整改清单）")
}

pub(crate) fn veto_heading(n: usize) -> String {
    format!("存在单项否决情形{n}项：")
}
