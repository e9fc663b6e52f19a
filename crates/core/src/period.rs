//! Inspection periods: the quarter (or half year, or year) a bulletin covers, and its
//! 监测时间点 (the checkpoint the windows end at).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The span a bulletin reports on: `2023Q2`, `2023H1` or `2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Span {
    Quarter(u8),
    Half(u8),
    Year,
}

/// Why a period code could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` 不是检查周期（应写作 2023Q2、2023H1 或 2023）")]
pub struct BadPeriod(pub String);

impl Period {
    /// The quarter `q` (1–4) of `year`.
    pub fn quarter(year: i32, q: u8) -> Option<Period> {
        (1..=4).contains(&q).then_some(Period {
            year,
            span: Span::Quarter(q),
        })
    }

    /// The quarter that contains `date`.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            span: Span::Quarter((date.month0() / 3 + 1) as u8),
        }
    }

    /// The period just before this one, of the same length (`2023Q1` → `2022Q4`).
    pub fn previous(self) -> Period {
        let span = self.span;
        match span {
            Span::Quarter(1) => Period {
                year: self.year - 1,
                span: Span::Quarter(4),
            },
            Span::Quarter(q) => Period {
                year: self.year,
                span: Span::Quarter(q - 1),
            },
            Span::Half(1) => Period {
                year: self.year - 1,
                span: Span::Half(2),
            },
            Span::Half(h) => Period {
                year: self.year,
                span: Span::Half(h - 1),
            },
            Span::Year => Period {
                year: self.year - 1,
                span: Span::Year,
            },
        }
    }

    /// The first day.
    pub fn start(self) -> NaiveDate {
        let month = match self.span {
            Span::Quarter(q) => u32::from(q - 1) * 3 + 1,
            Span::Half(h) => u32::from(h - 1) * 6 + 1,
            Span::Year => 1,
        };
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("valid first day")
    }

    /// The last day.
    pub fn end(self) -> NaiveDate {
        let next_month = match self.span {
            Span::Quarter(q) => u32::from(q) * 3 + 1,
            Span::Half(h) => u32::from(h) * 6 + 1,
            Span::Year => 13,
        };
        let next = if next_month > 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, next_month, 1)
        };
        next.and_then(|d| d.pred_opt()).expect("valid last day")
    }

    /// Whether `date` falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The default 监测时间点: the last day of the period, or `today` while the period runs.
    pub fn checkpoint(self, today: NaiveDate) -> NaiveDate {
        if self.contains(today) {
            today
        } else {
            self.end()
        }
    }

    /// The period as a bulletin names it: `2023年第二季度`, `2023年上半年`, `2023年度`.
    pub fn label_zh(self) -> String {
        match self.span {
            Span::Quarter(q) => {
                let n = ["一", "二", "三", "四"][usize::from(q - 1)];
                format!("{}年第{n}季度", self.year)
            }
            Span::Half(1) => format!("{}年上半年", self.year),
            Span::Half(_) => format!("{}年下半年", self.year),
            Span::Year => format!("{}年度", self.year),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Span::Quarter(q) => write!(f, "{}Q{q}", self.year),
            Span::Half(h) => write!(f, "{}H{h}", self.year),
            Span::Year => write!(f, "{}", self.year),
        }
    }
}

impl FromStr for Period {
    type Err = BadPeriod;

    fn from_str(s: &str) -> Result<Period, BadPeriod> {
        let bad = || BadPeriod(s.to_owned());
        let t = s.trim();
        if t.len() < 4 || !t.is_char_boundary(4) {
            return Err(bad());
        }
        let (year, rest) = t.split_at(4);
        let year: i32 = year.parse().map_err(|_| bad())?;
        if !(1990..=2200).contains(&year) {
            return Err(bad());
        }
        let rest = rest.trim_start_matches('-');
        let span = match rest.as_bytes() {
            [] => Span::Year,
            [b'Q' | b'q', d @ b'1'..=b'4'] => Span::Quarter(d - b'0'),
            [b'H' | b'h', d @ b'1'..=b'2'] => Span::Half(d - b'0'),
            _ => return Err(bad()),
        };
        Ok(Period { year, span })
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_halves_and_years_parse_and_print() {
        for code in ["2023Q2", "2023H1", "2023", "2024Q4", "2023H2"] {
            let p: Period = code.parse().unwrap();
            assert_eq!(p.to_string(), code);
        }
        assert_eq!("2023q2".parse::<Period>().unwrap().to_string(), "2023Q2");
        for bad in [
            "2023Q5",
            "2023Q0",
            "23Q2",
            "2023H3",
            "Q2",
            "",
            "2023Q22",
            "二〇二三",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_labels_and_previous() {
        let q2: Period = "2023Q2".parse().unwrap();
        assert_eq!((q2.start(), q2.end()), (d(2023, 4, 1), d(2023, 6, 30)));
        assert_eq!(q2.label_zh(), "2023年第二季度");
        assert_eq!(q2.previous().to_string(), "2023Q1");
        let q1: Period = "2024Q1".parse().unwrap();
        assert_eq!(q1.previous().to_string(), "2023Q4");
        assert_eq!(q1.end(), d(2024, 3, 31));
        let q4: Period = "2023Q4".parse().unwrap();
        assert_eq!(q4.end(), d(2023, 12, 31));
        let h1: Period = "2023H1".parse().unwrap();
        assert_eq!((h1.start(), h1.end()), (d(2023, 1, 1), d(2023, 6, 30)));
        assert_eq!(h1.previous().to_string(), "2022H2");
        assert_eq!(Period::quarter_of(d(2026, 11, 28)).to_string(), "2026Q4");
    }

    #[test]
    fn checkpoint_is_today_inside_the_period_and_the_last_day_after_it() {
        let q2: Period = "2023Q2".parse().unwrap();
        assert_eq!(q2.checkpoint(d(2023, 5, 20)), d(2023, 5, 20));
        assert_eq!(q2.checkpoint(d(2023, 7, 11)), d(2023, 6, 30));
    }
}
