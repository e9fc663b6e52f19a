//! The official Chinese working-day calendar: which days are 工作日 once the State Council's
//! holiday arrangements (节假日安排) and adjusted working days (调休上班) are applied.
//!
//! # Source
//!
//! Each year is one JSON file from GitHub `NateScarlet/holiday-cn` (commit d4e53bf2, MIT licence,
//! `data/holidays-cn/LICENSE`), scraped from the 国务院办公厅 notices whose URLs are listed in the
//! file's `papers`:
//!
//! - 2019: <http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm>,
//!   劳动节 change <http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm>
//! - 2020: <http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm>,
//!   春节 extension (COVID-19) <http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm>
//! - 2021: <http://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm>
//! - 2022: <http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm>
//! - 2023: <http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm>
//! - 2024: <https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm>
//! - 2025: <https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm>
//! - 2026: <https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm>
//!
//! The files are embedded in the binary, so nothing is read at run time. When the State Council
//! publishes a new year, [`WorkCalendar::with_year_json`] adds it without a new release.
//!
//! # Rules
//!
//! - A day listed with `isOffDay: true` is a holiday; with `isOffDay: false` a working day
//!   (usually a Saturday or Sunday, 调休上班). Any other day: Monday–Friday work, Saturday–Sunday rest.
//! - A date is *covered* iff its own year has a file. Asking about any other date is an error
//!   ([`CalendarError::UnknownYear`]), never a guess: a missing year is unknown, not holiday-free.
//! - Year Y's file may list days of December Y−1 (the 元旦 arrangement, e.g. 2019's file makes
//!   Saturday 2018-12-29 a working day). Those days are applied on top of year Y−1 when Y−1 is
//!   covered; when it is not (2018 here), they are still unknown, because the rest of that
//!   December is.
//! - Consequence: late December of the last covered year is provisional. The next year's notice
//!   (published around November) may still move days there, as the 2019 notice did for 2018.
//!
//! ```
//! use chrono::NaiveDate;
//! use xunwang_core::WorkCalendar;
//!
//! let calendar = WorkCalendar::official();
//! let date = |s: &str| s.parse::<NaiveDate>().unwrap();
//! // Saturday 2023-10-07 was 调休上班 after the 中秋节、国庆节 holiday.
//! assert!(calendar.is_working_day(date("2023-10-07"))?);
//! // Three working days after Thursday 2023-09-28 fall after the eight-day holiday.
//! assert_eq!(calendar.add_working_days(date("2023-09-28"), 3)?, date("2023-10-09"));
//! assert!(!calendar.covers(date("2027-01-04")));
//! # Ok::<(), xunwang_core::CalendarError>(())
//! ```
use std::collections::btree_map::Entry as BTreeEntry;
use std::collections::hash_map::Entry as HashEntry;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use serde::Deserialize;

/// The embedded year files, one per year, in the `holiday-cn` format.
const OFFICIAL_FILES: [&str; 8] = [
    include_str!("../data/holidays-cn/2019.json"),
    include_str!("../data/holidays-cn/2020.json"),
    include_str!("../data/holidays-cn/2021.json"),
    include_str!("../data/holidays-cn/2022.json"),
    include_str!("../data/holidays-cn/2023.json"),
    include_str!("../data/holidays-cn/2024.json"),
    include_str!("../data/holidays-cn/2025.json"),
    include_str!("../data/holidays-cn/2026.json"),
];

/// A working-day calendar built from one JSON file per year (see the [module docs](self)).
#[derive(Clone)]
pub struct WorkCalendar {
    /// Listed days of each file, by the file's `year`: date → `isOffDay`. Kept per file so that
    /// [`WorkCalendar::with_year_json`] can replace one year and rebuild.
    files: BTreeMap<i32, BTreeMap<NaiveDate, bool>>,
    /// Every listed day of every file: date → is a working day.
    listed: HashMap<NaiveDate, bool>,
}

/// Why the calendar cannot answer, or why a year file was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The date's year has no holiday file, so whether it is a working day is unknown.
    #[error("没有 {} 年的节假日安排数据，无法判断 {date} 是否为工作日", date.year())]
    UnknownYear {
        /// The first date that could not be decided.
        date: NaiveDate,
    },
    /// The year file for `year` is malformed: bad field, bad date, a day outside the year, or a
    /// day that contradicts another file.
    #[error("{year} 年节假日数据有误：{reason}")]
    Data {
        /// The `year` of the rejected file.
        year: i32,
        /// What is wrong, naming the offending date or field.
        reason: String,
    },
    /// An input is not JSON, or has no integer `year`, so its year is not known.
    #[error("第 {} 个节假日文件无法读取：{reason}", .input + 1)]
    Json {
        /// 0-based position of the input in the slice given to
        /// [`WorkCalendar::from_year_json`]; 0 for [`WorkCalendar::with_year_json`].
        input: usize,
        /// The JSON parser's message.
        reason: String,
    },
}

/// Just enough of a file to name its year in later errors.
#[derive(Deserialize)]
struct RawYear {
    year: i32,
}

/// One `<year>.json` of `holiday-cn`; `$schema`, `$id`, `papers` and day names are not needed.
#[derive(Deserialize)]
struct RawYearFile {
    days: Vec<RawDay>,
}

/// One listed day.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDay {
    date: String,
    is_off_day: bool,
}

/// The calendar date of `at` in Beijing time (UTC+8), whatever offset `at` was written in: the
/// day a 监测时间点 falls on, which every window (2 weeks, 6 months, working days) counts from.
pub fn china_date(at: DateTime<FixedOffset>) -> NaiveDate {
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap_or(*at.offset());
    at.with_timezone(&beijing).date_naive()
}

impl WorkCalendar {
    /// The embedded official calendar, 2019–2026, parsed once on first use.
    pub fn official() -> &'static WorkCalendar {
        static OFFICIAL: OnceLock<WorkCalendar> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            WorkCalendar::from_year_json(&OFFICIAL_FILES)
                .expect("the embedded holiday files are valid (checked by the tests)")
        })
    }

    /// Builds a calendar from `holiday-cn` year files only (no embedded data); each year at most once.
    pub fn from_year_json(files: &[&str]) -> Result<WorkCalendar, CalendarError> {
        let mut parsed = BTreeMap::new();
        for (input, json) in files.iter().enumerate() {
            let (year, days) = parse_year_file(input, json)?;
            match parsed.entry(year) {
                BTreeEntry::Vacant(slot) => {
                    slot.insert((input, days));
                }
                BTreeEntry::Occupied(first) => {
                    return Err(CalendarError::Data {
                        year,
                        reason: format!(
                            "第 {} 个和第 {} 个文件都是 {year} 年的数据",
                            first.get().0 + 1,
                            input + 1
                        ),
                    });
                }
            }
        }
        Self::build(
            parsed
                .into_iter()
                .map(|(year, (_, days))| (year, days))
                .collect(),
        )
    }

    /// This calendar plus one more year file; a file for a year already present replaces it.
    ///
    /// Replacing lets an office's own copy of a year keep working after a release embeds it.
    pub fn with_year_json(&self, json: &str) -> Result<WorkCalendar, CalendarError> {
        let (year, days) = parse_year_file(0, json)?;
        let mut files = self.files.clone();
        files.insert(year, days);
        Self::build(files)
    }

    /// Whether `date`'s year has a file, i.e. whether the other methods can answer for it.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.files.contains_key(&date.year())
    }

    /// Whether `date` is a working day; [`CalendarError::UnknownYear`] if it is not covered.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        if !self.covers(date) {
            return Err(CalendarError::UnknownYear { date });
        }
        Ok(match self.listed.get(&date) {
            Some(&working) => working,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        })
    }

    /// The `n`-th working day strictly after `start`; `start` itself when `n` is 0.
    ///
    /// `start` need not be covered; every day after it up to the answer must be.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut date = start;
        let mut found = 0;
        while found < n {
            date = next_day(date)?;
            if self.is_working_day(date)? {
                found += 1;
            }
        }
        Ok(date)
    }

    /// How many working days `d` satisfy `from < d <= to`; 0 when `to <= from`.
    ///
    /// `from` need not be covered; every day after it up to `to` must be.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let mut count = 0;
        let mut date = from;
        while date < to {
            date = next_day(date)?;
            if self.is_working_day(date)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Merges the files' listed days, rejecting a date that two files arrange differently.
    fn build(
        files: BTreeMap<i32, BTreeMap<NaiveDate, bool>>,
    ) -> Result<WorkCalendar, CalendarError> {
        let mut listed = HashMap::new();
        let mut listed_by = HashMap::new();
        for (&year, days) in &files {
            for (&date, &off) in days {
                let working = !off;
                match listed.entry(date) {
                    HashEntry::Vacant(slot) => {
                        slot.insert(working);
                        listed_by.insert(date, year);
                    }
                    HashEntry::Occupied(existing) if *existing.get() != working => {
                        return Err(CalendarError::Data {
                            year,
                            reason: format!(
                                "{date} 与 {} 年文件的安排矛盾（一处为休息日，一处为工作日）",
                                listed_by[&date]
                            ),
                        });
                    }
                    HashEntry::Occupied(_) => {}
                }
            }
        }
        Ok(WorkCalendar { files, listed })
    }
}

impl fmt::Debug for WorkCalendar {
    /// Years and the number of listed days, not the hundreds of entries.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("years", &self.files.keys().collect::<Vec<_>>())
            .field("listed_days", &self.listed.len())
            .finish()
    }
}

/// Parses one year file: its year, and its listed days (date → `isOffDay`).
fn parse_year_file(
    input: usize,
    json: &str,
) -> Result<(i32, BTreeMap<NaiveDate, bool>), CalendarError> {
    let RawYear { year } = serde_json::from_str(json).map_err(|e| CalendarError::Json {
        input,
        reason: e.to_string(),
    })?;
    let data_error = |reason: String| CalendarError::Data { year, reason };
    let file: RawYearFile = serde_json::from_str(json).map_err(|e| data_error(e.to_string()))?;
    let mut days = BTreeMap::new();
    for day in file.days {
        let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").map_err(|e| {
            data_error(format!(
                "日期 {:?} 无法解析（应为 YYYY-MM-DD）：{e}",
                day.date
            ))
        })?;
        // The notice for year Y also arranges the 元旦 days in December of Y-1 (2019.json lists
        // 2018-12-29..31); nothing else outside Y is expected.
        let in_range = date.year() == year || (date.year() == year - 1 && date.month() == 12);
        if !in_range {
            return Err(data_error(format!(
                "日期 {date} 不属于 {year} 年（也不在 {} 年 12 月）",
                year - 1
            )));
        }
        if let Some(previous) = days.insert(date, day.is_off_day)
            && previous != day.is_off_day
        {
            return Err(data_error(format!("日期 {date} 出现两次且安排不一致")));
        }
    }
    Ok((year, days))
}

/// The day after `date`; past chrono's last date nothing is known.
fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt().ok_or(CalendarError::UnknownYear { date })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn official_is_working(s: &str) -> bool {
        WorkCalendar::official().is_working_day(date(s)).unwrap()
    }

    /// A fake 2027 notice: 元旦 on Friday, Saturday 2026-12-26 moved to a working day.
    const FAKE_2027: &str = r#"{
        "year": 2027,
        "papers": [],
        "days": [
            {"name": "元旦", "date": "2026-12-26", "isOffDay": false},
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true}
        ]
    }"#;

    #[test]
    fn official_calendar_covers_exactly_2019_to_2026() {
        let calendar = WorkCalendar::official();
        assert!(!calendar.covers(date("2018-12-31")));
        assert!(calendar.covers(date("2019-01-01")));
        assert!(calendar.covers(date("2026-12-31")));
        assert!(!calendar.covers(date("2027-01-01")));
    }

    #[test]
    fn saturday_after_national_day_2023_was_a_working_day() {
        assert!(official_is_working("2023-10-07"));
        assert!(official_is_working("2023-10-08"));
    }

    #[test]
    fn monday_of_national_day_2023_was_a_holiday() {
        assert!(!official_is_working("2023-10-02"));
    }

    #[test]
    fn saturday_before_spring_festival_2026_is_a_working_day() {
        assert!(official_is_working("2026-02-14"));
    }

    #[test]
    fn national_day_2026_is_a_holiday() {
        assert!(!official_is_working("2026-10-01"));
    }

    #[test]
    fn unlisted_days_follow_the_weekly_rule() {
        // 2019-04-06/07 are 清明 weekend days the file does not list: rest days anyway.
        assert!(!official_is_working("2019-04-06"));
        assert!(!official_is_working("2019-04-07"));
        assert!(official_is_working("2024-03-11"));
        assert!(official_is_working("2024-03-15"));
        assert!(!official_is_working("2024-03-16"));
    }

    #[test]
    fn covid_extension_of_spring_festival_2020_is_applied() {
        // The 2020-01-27 notice extended the holiday to 2020-02-02, cancelling the working
        // Saturday 2020-02-01 of the original arrangement.
        assert!(!official_is_working("2020-01-31"));
        assert!(!official_is_working("2020-02-01"));
        assert!(official_is_working("2020-02-03"));
    }

    #[test]
    fn adding_working_days_skips_national_day_2023_and_counts_its_working_weekend() {
        let calendar = WorkCalendar::official();
        let thursday = date("2023-09-28");
        assert_eq!(calendar.add_working_days(thursday, 0).unwrap(), thursday);
        assert_eq!(
            calendar.add_working_days(thursday, 1).unwrap(),
            date("2023-10-07")
        );
        assert_eq!(
            calendar.add_working_days(thursday, 2).unwrap(),
            date("2023-10-08")
        );
        assert_eq!(
            calendar.add_working_days(thursday, 3).unwrap(),
            date("2023-10-09")
        );
        // Starting on a holiday counts from the next working day too.
        assert_eq!(
            calendar.add_working_days(date("2023-10-02"), 1).unwrap(),
            date("2023-10-07")
        );
    }

    #[test]
    fn working_days_between_counts_a_plain_week_as_five() {
        let calendar = WorkCalendar::official();
        let days = calendar.working_days_between(date("2024-03-10"), date("2024-03-17"));
        assert_eq!(days.unwrap(), 5);
    }

    #[test]
    fn working_days_between_excludes_from_includes_to_and_is_zero_backwards() {
        let calendar = WorkCalendar::official();
        let (mon, tue) = (date("2024-03-11"), date("2024-03-12"));
        assert_eq!(calendar.working_days_between(mon, tue).unwrap(), 1);
        assert_eq!(calendar.working_days_between(mon, mon).unwrap(), 0);
        assert_eq!(calendar.working_days_between(tue, mon).unwrap(), 0);
        // Across National Day 2023: only 10-07, 10-08 and 10-09 work after Thursday 09-28.
        let across = calendar.working_days_between(date("2023-09-28"), date("2023-10-09"));
        assert_eq!(across.unwrap(), 3);
    }

    #[test]
    fn working_days_between_agrees_with_add_working_days() {
        let calendar = WorkCalendar::official();
        let start = date("2019-12-20");
        for n in [0, 1, 7, 30, 250] {
            let end = calendar.add_working_days(start, n).unwrap();
            assert_eq!(
                calendar.working_days_between(start, end).unwrap(),
                n,
                "n = {n}"
            );
        }
    }

    #[test]
    fn dates_in_2027_are_an_unknown_year_not_a_guess() {
        let calendar = WorkCalendar::official();
        let (new_year, monday) = (date("2027-01-01"), date("2027-01-04"));
        assert!(matches!(
            calendar.is_working_day(monday),
            Err(CalendarError::UnknownYear { date: d }) if d == monday
        ));
        // Thursday 2026-12-31 is the last known working day; the next one is unknown.
        assert!(matches!(
            calendar.add_working_days(date("2026-12-30"), 2),
            Err(CalendarError::UnknownYear { date: d }) if d == new_year
        ));
        assert!(matches!(
            calendar.working_days_between(date("2026-12-30"), monday),
            Err(CalendarError::UnknownYear { date: d }) if d == new_year
        ));
        assert!(matches!(
            calendar.is_working_day(date("2018-12-28")),
            Err(CalendarError::UnknownYear { .. })
        ));
    }

    #[test]
    fn unknown_year_message_names_the_date() {
        let err = WorkCalendar::official()
            .is_working_day(date("2027-01-04"))
            .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("2027-01-04"), "{message}");
        assert!(message.contains("2027 年"), "{message}");
    }

    #[test]
    fn with_year_json_adds_a_2027_and_applies_its_december_days_to_2026() {
        let calendar = WorkCalendar::official().with_year_json(FAKE_2027).unwrap();
        assert!(calendar.covers(date("2027-06-01")));
        assert!(!calendar.is_working_day(date("2027-01-01")).unwrap());
        assert!(calendar.is_working_day(date("2027-01-04")).unwrap());
        assert!(calendar.is_working_day(date("2026-12-26")).unwrap());
        // The official years are still there; the official calendar itself is unchanged.
        assert!(calendar.is_working_day(date("2026-02-14")).unwrap());
        assert!(!WorkCalendar::official().covers(date("2027-01-01")));
        assert!(
            !WorkCalendar::official()
                .is_working_day(date("2026-12-26"))
                .unwrap()
        );
    }

    #[test]
    fn with_year_json_replaces_a_year_already_present() {
        let plain_2023 = r#"{"year": 2023, "papers": [], "days": []}"#;
        let calendar = WorkCalendar::official().with_year_json(plain_2023).unwrap();
        assert!(calendar.is_working_day(date("2023-10-02")).unwrap());
        assert!(!calendar.is_working_day(date("2023-10-07")).unwrap());
    }

    #[test]
    fn previous_december_days_apply_once_that_year_is_covered() {
        // 2019.json makes Saturday 2018-12-29 a working day and Monday 2018-12-31 a holiday;
        // 2018 itself is unknown until a 2018 file is added.
        let official = WorkCalendar::official();
        assert!(!official.covers(date("2018-12-29")));
        let empty_2018 = r#"{"year": 2018, "papers": [], "days": []}"#;
        let calendar = official.with_year_json(empty_2018).unwrap();
        assert!(calendar.is_working_day(date("2018-12-29")).unwrap());
        assert!(!calendar.is_working_day(date("2018-12-31")).unwrap());
        assert!(calendar.is_working_day(date("2018-12-28")).unwrap());
    }

    #[test]
    fn from_year_json_covers_only_the_given_years() {
        let calendar = WorkCalendar::from_year_json(&[FAKE_2027]).unwrap();
        assert!(calendar.covers(date("2027-03-01")));
        assert!(!calendar.covers(date("2026-12-26")));
        assert!(
            WorkCalendar::from_year_json(&[])
                .unwrap()
                .is_working_day(date("2024-03-11"))
                .is_err()
        );
    }

    #[test]
    fn input_that_is_not_json_is_rejected_naming_its_position() {
        let err = WorkCalendar::from_year_json(&[FAKE_2027, "{\"year\": 2028, "]).unwrap_err();
        assert!(
            matches!(err, CalendarError::Json { input: 1, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("第 2 个"), "{err}");
        let err = WorkCalendar::official()
            .with_year_json(r#"{"days": []}"#)
            .unwrap_err();
        assert!(
            matches!(err, CalendarError::Json { input: 0, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn malformed_days_are_a_data_error_naming_the_year_and_the_date() {
        let cases = [
            (
                r#"{"year": 2027, "days": [{"date": "2027-13-01", "isOffDay": true}]}"#,
                "2027-13-01",
            ),
            (
                r#"{"year": 2027, "days": [{"date": "2025-05-01", "isOffDay": true}]}"#,
                "2025-05-01",
            ),
            (
                r#"{"year": 2027, "days": [{"date": "2026-11-30", "isOffDay": true}]}"#,
                "2026-11-30",
            ),
            (
                r#"{"year": 2027, "days": [{"date": "2027-01-01"}]}"#,
                "isOffDay",
            ),
            (r#"{"year": 2027, "days": "none"}"#, "line 1"),
            (
                r#"{"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true},
                                          {"date": "2027-01-01", "isOffDay": false}]}"#,
                "2027-01-01",
            ),
        ];
        for (json, needle) in cases {
            let err = WorkCalendar::official().with_year_json(json).unwrap_err();
            assert!(
                matches!(err, CalendarError::Data { year: 2027, .. }),
                "{json}: {err:?}"
            );
            let message = err.to_string();
            assert!(
                message.contains("2027 年") && message.contains(needle),
                "{json}: {message}"
            );
        }
    }

    #[test]
    fn the_same_year_twice_is_a_data_error() {
        let err = WorkCalendar::from_year_json(&[FAKE_2027, FAKE_2027]).unwrap_err();
        assert!(
            matches!(err, CalendarError::Data { year: 2027, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn files_that_contradict_each_other_are_a_data_error() {
        let holiday_2026 = r#"{"year": 2026, "days": [{"date": "2026-12-26", "isOffDay": true}]}"#;
        let err = WorkCalendar::from_year_json(&[holiday_2026, FAKE_2027]).unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, CalendarError::Data { year: 2027, .. }),
            "{err:?}"
        );
        assert!(
            message.contains("2026-12-26") && message.contains("2026 年"),
            "{message}"
        );
    }

    #[test]
    fn debug_output_lists_years_not_every_day() {
        let debug = format!("{:?}", WorkCalendar::official());
        assert!(debug.contains("2019") && debug.contains("2026"), "{debug}");
        assert!(!debug.contains("2023-10-07"), "{debug}");
    }

    /// Every day listed in the shared test data, read independently of the embedded copy, gets
    /// the answer its file gives. A 2018 file with no days is added so that 2019's December
    /// entries are answerable too.
    #[test]
    fn embedded_calendar_matches_every_listed_day_of_the_shared_test_data() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/testdata/holidays-cn"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!(
                "skipped: the shared holiday test data is not at {dir}, so the embedded copy cannot be cross-checked"
            );
            return;
        };
        let empty_2018 = r#"{"year": 2018, "days": []}"#;
        let calendar = WorkCalendar::official().with_year_json(empty_2018).unwrap();
        let mut years = Vec::new();
        let mut checked = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let Ok(year) = stem.parse::<i32>() else {
                continue;
            };
            years.push(year);
            let text = std::fs::read_to_string(&path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                value["year"].as_i64(),
                Some(i64::from(year)),
                "{}",
                path.display()
            );
            for day in value["days"].as_array().unwrap() {
                let listed = date(day["date"].as_str().unwrap());
                let off = day["isOffDay"].as_bool().unwrap();
                let working = calendar.is_working_day(listed).unwrap();
                assert_eq!(working, !off, "{listed} in {}", path.display());
                checked += 1;
            }
            let january_first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            assert!(
                WorkCalendar::official().covers(january_first),
                "{year} is not embedded"
            );
        }
        years.sort_unstable();
        assert_eq!(years, (2019..=2026).collect::<Vec<_>>());
        assert!(checked > 250, "only {checked} listed days checked");
    }

    /// Every day of 2019–2026: whether it is a working day, and the working-day count from
    /// 2018-12-31 to it, agree with a count made independently from the shared test data
    /// (listed days as listed, other days Monday to Friday).
    #[test]
    fn working_day_counts_agree_with_the_official_calendar_on_every_day_of_2019_to_2026() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/testdata/holidays-cn"
        );
        if std::fs::metadata(dir).is_err() {
            eprintln!(
                "skipped: the shared holiday test data is not at {dir}, so the counts cannot be cross-checked"
            );
            return;
        }
        let mut listed = std::collections::HashMap::new();
        for year in 2019..=2026 {
            let text = std::fs::read_to_string(format!("{dir}/{year}.json")).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            for day in value["days"].as_array().unwrap() {
                let working = !day["isOffDay"].as_bool().unwrap();
                listed.insert(date(day["date"].as_str().unwrap()), working);
            }
        }
        let calendar = WorkCalendar::official();
        let start = date("2018-12-31");
        let mut day = date("2019-01-01");
        let mut count = 0u32;
        let mut days = 0;
        while day <= date("2026-12-31") {
            let expected = listed
                .get(&day)
                .copied()
                .unwrap_or(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun));
            assert_eq!(calendar.is_working_day(day).unwrap(), expected, "{day}");
            count += u32::from(expected);
            assert_eq!(
                calendar.working_days_between(start, day).unwrap(),
                count,
                "working days from {start} to {day}"
            );
            day = day.succ_opt().unwrap();
            days += 1;
        }
        assert_eq!(days, 2922);
        // 2019 had 250 working days (国办发明电〔2018〕15号 arrangement).
        assert_eq!(
            calendar
                .working_days_between(start, date("2019-12-31"))
                .unwrap(),
            250
        );
        assert!(calendar.is_working_day(date("2027-01-04")).is_err());
    }

    #[test]
    fn china_date_is_the_day_in_beijing_whatever_the_offset() {
        let at = |s| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            china_date(at("2026-11-28T10:00:00+08:00")),
            date("2026-11-28")
        );
        // 20:00 UTC is 04:00 the next day in Beijing.
        assert_eq!(china_date(at("2026-11-28T20:00:00Z")), date("2026-11-29"));
        assert_eq!(china_date(at("2026-11-28T15:59:59Z")), date("2026-11-28"));
    }
}
