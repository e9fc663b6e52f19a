//! Scanning collapsed page text: stamps (date + time), month-day dates, labelled values
//! (`主办单位：…`), status words. Every slice is taken at a char boundary found by
//! `char_indices`/`find`, so no input panics.

use chrono::NaiveDate;

use super::Stamp;
use crate::dates::{date_spans, time_at};

/// Characters that may sit between a label and its value.
const LABEL_GAP: &[char] = &[
    '：', ':', ' ', '\u{3000}', '\u{a0}', ']', '】', '］', '|', '\t',
];

/// Characters that end a labelled value (besides whitespace).
const VALUE_STOPS: &[char] = &[
    '|', '｜', '丨', '©', '®', ',', '，', '。', ';', '；', '、', '【', '[', '<', '>',
];

/// Labels that start a new value (a value running into one of them ends there).
const NEXT_LABELS: &[&str] = &[
    "主办",
    "承办",
    "协办",
    "主管",
    "网站标识码",
    "标识码",
    "地址",
    "联系电话",
    "电话",
    "邮箱",
    "电子邮箱",
    "邮编",
    "传真",
    "版权",
    "备案",
    "ICP",
    "技术支持",
    "运维",
    "运行维护",
    "维护单位",
    "联系我们",
    "网站地图",
    "留言人",
    "留言时间",
    "留言标题",
    "提问人",
    "提问时间",
    "来信人",
    "来信时间",
    "咨询人",
    "咨询时间",
    "回复时间",
    "回复单位",
    "回复内容",
    "答复时间",
    "答复单位",
    "答复内容",
    "办结时间",
    "办理状态",
    "处理状态",
    "状态",
    "公网安备",
    "京公网",
    "Copyright",
];

/// Every date in `s` with the time written right after it, and the byte offset of the date.
pub(super) fn stamps(s: &str) -> Vec<(usize, Stamp)> {
    date_spans(s)
        .into_iter()
        .map(|(start, end, date)| {
            (
                start,
                Stamp {
                    date,
                    time: time_at(s, end),
                },
            )
        })
        .collect()
}

/// A stamp at the very start of `s` (after label separators).
pub(super) fn stamp_at_start(s: &str) -> Option<Stamp> {
    let s = s.trim_start_matches(LABEL_GAP);
    stamps(s)
        .into_iter()
        .find(|(o, _)| *o == 0)
        .map(|(_, st)| st)
}

/// The first month-day date in `s`: `06-17`, `[06-17]`, `6月17日`, not part of a longer
/// digit or date run (`2023-06-17`, `027-8262`). Returns `(month, day)`.
pub(super) fn month_day(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0
                && (b[i - 1].is_ascii_digit() || matches!(b[i - 1], b'-' | b'/' | b'.' | b':')))
        {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let next = i + run;
        if run <= 2 {
            let month = number(&b[i..next]);
            let day = if b.get(next) == Some(&b'-') {
                let dl = b[next + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let after = b.get(next + 1 + dl).copied();
                ((1..=2).contains(&dl) && !matches!(after, Some(b'-' | b':' | b'/' | b'.')))
                    .then(|| number(&b[next + 1..next + 1 + dl]))
            } else if b[next..].starts_with("月".as_bytes()) {
                let k = next + "月".len();
                let dl = b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
                ((1..=2).contains(&dl) && b[k + dl..].starts_with("日".as_bytes()))
                    .then(|| number(&b[k..k + dl]))
            } else {
                None
            };
            if let Some(day) = day
                && (1..=12).contains(&month)
                && (1..=31).contains(&day)
            {
                return Some((month, day));
            }
        }
        i = next;
    }
    None
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0u32, |v, c| {
        v.saturating_mul(10).saturating_add(u32::from(c - b'0'))
    })
}

/// The year of a month-day date: the item URL's date when it has the same month and day, else
/// the latest such date not after `reference`.
pub(super) fn month_day_date(
    month: u32,
    day: u32,
    url_date: Option<NaiveDate>,
    reference: NaiveDate,
) -> Option<NaiveDate> {
    use chrono::Datelike;
    url_date
        .filter(|d| d.month() == month && d.day() == day)
        .or_else(|| crate::dates::infer_month_day(month, day, reference))
}

/// The text after the first occurrence of one of `labels` (earliest in `text`; the longest
/// label wins at the same place), with the separators after it skipped. With `colon`, the
/// label must be followed by `：` or `:` (after optional spaces).
pub(super) fn after_label<'t>(text: &'t str, labels: &[&str], colon: bool) -> Option<&'t str> {
    let mut best: Option<(usize, usize)> = None;
    for label in labels {
        for (at, _) in text.match_indices(label).take(64) {
            let rest = &text[at + label.len()..];
            if colon {
                let r = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
                if !r.starts_with(['：', ':']) {
                    continue;
                }
            }
            if best.is_none_or(|(b, len)| at < b || (at == b && label.len() > len)) {
                best = Some((at, label.len()));
            }
            break;
        }
    }
    let (at, len) = best?;
    Some(text[at + len..].trim_start_matches(LABEL_GAP))
}

/// A labelled value cut at the first whitespace, stop character or following label.
pub(super) fn cut_value(rest: &str) -> &str {
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || VALUE_STOPS.contains(&c) {
            end = i;
            break;
        }
        if i > 0 && NEXT_LABELS.iter().any(|l| rest[i..].starts_with(l)) {
            end = i;
            break;
        }
        if i >= 200 {
            end = i;
            break;
        }
    }
    rest[..end].trim_matches(['：', ':'])
}

/// The value after the first of `labels` (see [`after_label`]), cut (see [`cut_value`]);
/// `None` when empty.
pub(super) fn label_value(text: &str, labels: &[&str], colon: bool) -> Option<String> {
    let v = cut_value(after_label(text, labels, colon)?);
    (!v.is_empty()).then(|| v.to_owned())
}

/// A text run up to the next label or `max` characters, trimmed (for reply contents).
pub(super) fn run_until_label(rest: &str, max: usize) -> &str {
    let mut end = rest.len();
    for (n, (i, _)) in rest.char_indices().enumerate() {
        if n >= max || (i > 0 && NEXT_LABELS.iter().any(|l| rest[i..].starts_with(l))) {
            end = i;
            break;
        }
    }
    rest[..end].trim()
}

/// A masked name as boards show authors: `张**`, `陈*`, `王＊＊`, `李某某`.
pub(super) fn is_masked_name(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if !(2..=8).contains(&n) {
        return false;
    }
    let stars = s.chars().filter(|c| matches!(c, '*' | '＊' | '×')).count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (stars > 0 && letters > 0 && stars + letters == n)
        || (s.ends_with("某某") || s.ends_with('某')) && n <= 4
}

/// Status words that say a message was answered.
pub(super) const ANSWERED: &[&str] = &["已回复", "已办结", "已答复", "已处理", "已反馈", "已完成"];
/// Status words that say it was not (yet).
pub(super) const UNANSWERED: &[&str] = &[
    "办理中",
    "处理中",
    "未回复",
    "待回复",
    "未办结",
    "受理中",
    "未答复",
    "待处理",
    "待办理",
    "未处理",
];

/// What a status text says: `Some(true)` answered, `Some(false)` not yet, `None` unknown.
pub(super) fn status_answered(s: &str) -> Option<bool> {
    if UNANSWERED.iter().any(|w| s.contains(w)) {
        Some(false)
    } else if ANSWERED.iter().any(|w| s.contains(w)) {
        Some(true)
    } else {
        None
    }
}

/// The status word in `s`, if any (answered or not).
pub(super) fn status_word(s: &str) -> Option<&'static str> {
    UNANSWERED
        .iter()
        .chain(ANSWERED)
        .find(|w| s.contains(*w))
        .copied()
}
