//! Publication dates: every date written in a page's text, the labelled publication date of an
//! article, the date in a CMS URL path, and the year of a list item's `MM-DD` date.
//!
//! All scanning is by hand over bytes; offsets are only ever taken at ASCII digits, so slicing
//! never splits a UTF-8 character, and no input panics.

use chrono::{Datelike, NaiveDate, NaiveTime};
use url::Url;

use crate::PageFacts;

/// Where a [`PublishDate`] was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A `<meta>` tag: `PubDate`, `firstpublishedtime`, `publishdate`, `article:published_time`,
    /// `dc.date`…
    Meta,
    /// A label in the visible text (`发布时间`, `发布日期`, `日期`, `成文日期`, `發布時間`,
    /// `更新时间`…) directly followed by a date.
    Label,
    /// The page URL path (`t20230711_…`, `/2023-07/11/`…).
    Url,
}

/// The publication date of an article page and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublishDate {
    /// The calendar date.
    pub date: NaiveDate,
    /// The time of day (hour and minute, seconds dropped) when the meta tag or the label gives
    /// one right after the date (`2019-09-18 06:23`, `2007-08-20-23:59:59`); `None` otherwise
    /// and always for [`DateSource::Url`].
    pub time: Option<NaiveTime>,
    /// Where it was found.
    pub source: DateSource,
}

impl PublishDate {
    /// How far the date can be trusted: `"high"` when the page states it (a meta tag or a
    /// labelled date in the text), `"medium"` when it is only inferred from the URL path.
    pub fn confidence(&self) -> &'static str {
        match self.source {
            DateSource::Meta | DateSource::Label => "high",
            DateSource::Url => "medium",
        }
    }
}

/// Years outside this range are not taken as dates.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

/// Meta tag names (lowercased) that carry a publication date, most trusted first.
const META_NAMES: &[&str] = &[
    "pubdate",
    "firstpublishedtime",
    "publishdate",
    "publish_date",
    "publishtime",
    "article:published_time",
    "og:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
];

/// Labels whose date is "now" or otherwise not the publication date.
const DECOYS: &[&str] = &[
    "今天是",
    "今天",
    "今日",
    "当前日期",
    "当前时间",
    "當前日期",
    "當前時間",
    "生成时间",
    "生成日期",
    "生成時間",
    "访问时间",
    "系统时间",
    "统计时间",
    "截止时间",
    "截止日期",
    "截至",
];

/// Labels that name the publication date itself.
const PUBLISH_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "發布時間",
    "發布日期",
    "發佈時間",
    "發佈日期",
    "成文日期",
    "印发日期",
    "发文日期",
    "公开日期",
    "公开时间",
    "发稿时间",
    "发表时间",
    "发布于",
];

/// Labels of an update date: legitimate on some sites, but weaker than a publication label.
const UPDATE_LABELS: &[&str] = &["更新时间", "更新日期", "更新時間", "更新日期"];

/// Generic labels: a bare "date"/"time" (decoy prefixes are checked first).
const GENERIC_LABELS: &[&str] = &["日期", "时间", "時間", "Date", "date"];

/// Characters allowed between a label and its date.
const LABEL_SEPARATORS: &[char] = &[
    ' ', '\u{3000}', '\u{a0}', '：', ':', ']', '】', '］', '[', '【', '(', '（', ')', '）', '|',
];

/// Every date written in `s` in a supported format, in order, with the byte offset of its first
/// digit: `2023-07-11`, `2023/7/11`, `2023.07.11`, `2023年7月11日` (spaces around the units
/// allowed). A time after the date is ignored. Bare 8-digit runs (`20230711`) are not dates in
/// free text; impossible dates (`2023-02-30`) and years outside 1900–2099 are skipped.
pub fn find_dates(s: &str) -> Vec<(usize, NaiveDate)> {
    date_spans(s)
        .into_iter()
        .map(|(start, _, date)| (start, date))
        .collect()
}

/// Like [`find_dates`], with the byte just after each date (after `日` and any spaces that
/// follow it): `(start, end, date)`.
pub(crate) fn date_spans(s: &str) -> Vec<(usize, usize, NaiveDate)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        match date_at(b, i) {
            Some((date, end)) => {
                out.push((i, end, date));
                i = end;
            }
            None => {
                // Skip the whole digit run: a date starts at the beginning of one.
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
    }
    out
}

/// A date starting at byte `i` (the start of a digit run) and the byte just after it.
fn date_at(b: &[u8], i: usize) -> Option<(NaiveDate, usize)> {
    let (year, j) = digits(b, i, 4, 4)?;
    if let Some(&sep) = b.get(j).filter(|c| matches!(c, b'-' | b'/' | b'.')) {
        let (month, k) = digits(b, j + 1, 1, 2)?;
        if b.get(k) != Some(&sep) {
            return None;
        }
        let (day, end) = digits(b, k + 1, 1, 2)?;
        return Some((ymd(year, month, day)?, end));
    }
    let j = unit(b, j, "年")?;
    let (month, k) = digits(b, j, 1, 2)?;
    let k = unit(b, k, "月")?;
    let (day, end) = digits(b, k, 1, 2)?;
    let end = unit(b, end, "日").unwrap_or(end);
    Some((ymd(year, month, day)?, end))
}

/// A run of `min..=max` ASCII digits starting exactly at `i` (and not followed by another
/// digit): its value and the byte after it.
fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let len = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if len < min || len > max {
        return None;
    }
    let value = b[i..i + len]
        .iter()
        .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
    Some((value, i + len))
}

/// The byte after `unit` at `i`, allowing ASCII spaces on both sides.
fn unit(b: &[u8], i: usize, unit: &str) -> Option<usize> {
    let skip = |mut i: usize| {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    let i = skip(i);
    let rest = b.get(i..)?;
    rest.starts_with(unit.as_bytes())
        .then(|| skip(i + unit.len()))
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year).ok().filter(|y| YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The publication date of an article page: a date `<meta>` first (`PubDate`, `publishdate`,
/// `article:published_time`, `dc.date`…), then a date directly after a label in the visible
/// text (`发布时间`/`发布日期`/`成文日期`/`發布時間`… before a bare `日期`/`时间`, before
/// `更新时间`), then the URL path ([`url_date`]). `None` when nothing reliable is found.
///
/// Decoys are never taken: dates after `今天是`, `当前日期`, `页面生成时间`/`生成时间` and the
/// like, copyright year ranges (`© 2003-2026`, which are not dates), and unlabelled dates in
/// body text.
pub fn publish_date(facts: &PageFacts, page_url: &Url) -> Option<PublishDate> {
    if let Some((date, time)) = meta_date(facts) {
        return Some(PublishDate {
            date,
            time,
            source: DateSource::Meta,
        });
    }
    if let Some((date, time)) = label_date(&facts.text) {
        return Some(PublishDate {
            date,
            time,
            source: DateSource::Label,
        });
    }
    url_date(page_url).map(|date| PublishDate {
        date,
        time: None,
        source: DateSource::Url,
    })
}

fn meta_date(facts: &PageFacts) -> Option<(NaiveDate, Option<NaiveTime>)> {
    META_NAMES.iter().find_map(|want| {
        facts
            .meta
            .iter()
            .filter(|(name, _)| name == want)
            .find_map(|(_, content)| {
                let content = content.trim();
                date_spans(content)
                    .first()
                    .map(|&(_, end, d)| (d, time_at(content, end)))
                    .or_else(|| compact_date(content).map(|d| (d, None)))
            })
    })
}

/// A time of day starting at byte `i` of `s` (just after a date): up to three separators
/// (space, ideographic or no-break space, `T`, `-`), then `H:MM` or `HH:MM` (`：` allowed) or
/// `H时M分`, not followed by another digit. Seconds are dropped. `None` when there is no valid
/// time there.
pub(crate) fn time_at(s: &str, i: usize) -> Option<NaiveTime> {
    let rest = s.get(i..)?;
    let mut chars = rest.char_indices().peekable();
    let mut skipped = 0;
    while let Some(&(_, c)) = chars.peek() {
        if skipped < 3 && matches!(c, ' ' | '\u{3000}' | '\u{a0}' | 'T' | '-') {
            chars.next();
            skipped += 1;
        } else {
            break;
        }
    }
    let start = chars.peek().map_or(rest.len(), |&(k, _)| k);
    let b = rest.as_bytes();
    let (hour, j) = digits(b, start, 1, 2)?;
    let (minute, end) = if let Some(after) = unit(b, j, ":").or_else(|| unit(b, j, "：")) {
        digits(b, after, 2, 2)?
    } else {
        let after = unit(b, j, "时")?;
        let (m, k) = digits(b, after, 1, 2)?;
        (m, unit(b, k, "分").unwrap_or(k))
    };
    if b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `20230711` (exactly eight digits, optionally followed by a time) as a date.
fn compact_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let (_, end) = digits(b, 0, 8, 8)?;
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) && b.get(end) != Some(&b'T') {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits(&b[r.clone()], 0, r.len(), r.len()).map(|d| d.0);
    ymd(n(0..4)?, n(4..6)?, n(6..8)?)
}

/// The best labelled date in `text`: publication labels, then generic ones, then update
/// labels; the first occurrence within a rank.
fn label_date(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let mut best: Option<(u8, NaiveDate, usize)> = None;
    for (offset, end, date) in date_spans(text) {
        let Some(rank) = label_rank(&text[..offset]) else {
            continue;
        };
        if best.is_none_or(|(r, _, _)| rank < r) {
            best = Some((rank, date, end));
        }
    }
    best.map(|(_, d, end)| (d, time_at(text, end)))
}

/// The rank of the label `before` ends with (0 = publication, 1 = generic, 2 = update), or
/// `None` for no label or a decoy.
fn label_rank(before: &str) -> Option<u8> {
    let mut p = before;
    for _ in 0..4 {
        match p.chars().next_back() {
            Some(c) if LABEL_SEPARATORS.contains(&c) => p = &p[..p.len() - c.len_utf8()],
            _ => break,
        }
    }
    let ends = |labels: &[&str]| labels.iter().any(|l| p.ends_with(l));
    if ends(DECOYS) {
        None
    } else if ends(PUBLISH_LABELS) {
        Some(0)
    } else if ends(UPDATE_LABELS) {
        Some(2)
    } else if ends(GENERIC_LABELS) {
        Some(1)
    } else {
        None
    }
}

/// A list item's `month`-`day` date (`[07-11]`) with its year inferred: the latest such date
/// not after `reference` (the page's date or the monitoring time). Reference 2026-01-05 and
/// `12-30` give 2025-12-30; `02-29` goes back to the last leap year. `None` for an impossible
/// month or day.
pub fn infer_month_day(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    (0..8)
        .filter_map(|back| NaiveDate::from_ymd_opt(reference.year() - back, month, day))
        .find(|d| *d <= reference)
}

/// The date in a CMS URL path: a TRS `t20230711_123.html` file name (it wins over any month
/// folder), `/2023-07/11/`, `/202307/11/`, `/2023/07/11/`, `/2023-07-11/` or an `/20230711/`
/// folder. A bare month folder (`/202307/`) is not a date: `None`.
pub fn url_date(page_url: &Url) -> Option<NaiveDate> {
    let segments: Vec<&str> = page_url.path().split('/').collect();
    if let Some(d) = segments.iter().find_map(|s| trs_date(s)) {
        return Some(d);
    }
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| digits(s.as_bytes(), 0, len, len).map(|d| d.0))
            .flatten()
    };
    let day = |s: &str| num(s, 2).or_else(|| num(s, 1));
    for (i, seg) in segments.iter().enumerate() {
        let next = |k: usize| segments.get(i + k).copied().unwrap_or("");
        // 2023-07-11 or 20230711 as a whole segment.
        if seg.len() <= 10
            && let [(0, d)] = find_dates(seg)[..]
        {
            return Some(d);
        }
        if let Some(d) = num(seg, 8).and_then(|_| compact_date(seg)) {
            return Some(d);
        }
        // 2023-07/11
        if let Some((y, m)) = seg.split_once('-')
            && let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), day(next(1)))
            && let Some(date) = ymd(y, m, d)
        {
            return Some(date);
        }
        // 202307/11
        if num(seg, 6).is_some()
            && let (Some(y), Some(m), Some(d)) =
                (num(&seg[..4], 4), num(&seg[4..], 2), day(next(1)))
            && let Some(date) = ymd(y, m, d)
        {
            return Some(date);
        }
        // 2023/07/11 or 2023/7/11
        if let (Some(y), Some(m), Some(d)) = (num(seg, 4), day(next(1)), day(next(2)))
            && let Some(date) = ymd(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// `t20230711_123.html` (or `t20230711.html`): the date after the `t`.
fn trs_date(segment: &str) -> Option<NaiveDate> {
    let b = segment.as_bytes();
    if b.first() != Some(&b't') {
        return None;
    }
    let (_, end) = digits(b, 1, 8, 8)?;
    if !matches!(b.get(end), Some(b'_' | b'.') | None) {
        return None;
    }
    compact_date(&segment[1..end])
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
