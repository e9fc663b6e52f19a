//! Scanning collapsed page text: stamps (date + time), month-day dates, labelled values
//! (`主办单位：…`), status words. Every slice is taken at a char boundary found by
//! `char_indices`/`find`, so no input panics.

use chrono::NaiveDate;

use super::Stamp;
use crate::cues::Cues;
use crate::dates::{date_spans, time_at};

/// Characters that may sit between a label and its value.
const LABEL_GAP: &[char] = &[
    '：', ':', ' ', '\u{3000}', '\u{a0}', ']', '】', '］', '|', '\t',
];

/// Characters that end a labelled value (besides whitespace).
const VALUE_STOPS: &[char] = &[
    '|', '｜', '丨', '©', '®', ',', '，', '。', ';', '；', '、', '【', '[', '<', '>',
];

/// `s` cut to at most `max` bytes at a char boundary.
pub(super) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

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
pub(super) fn after_label<'t, L: AsRef<str>>(
    text: &'t str,
    labels: &[L],
    colon: bool,
) -> Option<&'t str> {
    let mut best: Option<(usize, usize)> = None;
    for label in labels {
        let label = label.as_ref();
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

/// A labelled value cut at the first whitespace, stop character or following label (the
/// cues' `next_labels`).
pub(super) fn cut_value<'t>(cues: &Cues, rest: &'t str) -> &'t str {
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || VALUE_STOPS.contains(&c) {
            end = i;
            break;
        }
        if i > 0 && starts_with_any(&rest[i..], &cues.next_labels) {
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
pub(super) fn label_value<L: AsRef<str>>(
    cues: &Cues,
    text: &str,
    labels: &[L],
    colon: bool,
) -> Option<String> {
    let v = cut_value(cues, after_label(text, labels, colon)?);
    (!v.is_empty()).then(|| v.to_owned())
}

/// A text run up to the next label or `max` characters, trimmed (for reply contents).
pub(super) fn run_until_label<'t>(cues: &Cues, rest: &'t str, max: usize) -> &'t str {
    let mut end = rest.len();
    for (n, (i, _)) in rest.char_indices().enumerate() {
        if n >= max || (i > 0 && starts_with_any(&rest[i..], &cues.next_labels)) {
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

/// `s` starts with one of `words`.
fn starts_with_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.starts_with(w.as_str()))
}

/// `s` contains one of `words`.
pub(super) fn contains_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.contains(w.as_str()))
}

/// What a status text says: `Some(true)` answered, `Some(false)` not yet, `None` unknown.
pub(super) fn status_answered(cues: &Cues, s: &str) -> Option<bool> {
    if contains_any(s, &cues.unanswered) {
        Some(false)
    } else if contains_any(s, &cues.answered) {
        Some(true)
    } else {
        None
    }
}

/// The status word in `s`, if any (answered or not).
pub(super) fn status_word<'c>(cues: &'c Cues, s: &str) -> Option<&'c str> {
    cues.unanswered
        .iter()
        .chain(&cues.answered)
        .find(|w| s.contains(w.as_str()))
        .map(String::as_str)
}
