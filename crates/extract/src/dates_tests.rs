//! Unit tests of the date finders.

use chrono::{NaiveDate, NaiveTime};
use url::Url;

use super::{
    DateSource, PublishDate, find_dates, infer_month_day, publish_date, time_at, url_date,
};
use crate::PageFacts;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn dates(s: &str) -> Vec<NaiveDate> {
    find_dates(s).into_iter().map(|(_, d)| d).collect()
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

fn facts(meta: &[(&str, &str)], text: &str) -> PageFacts {
    PageFacts {
        title: None,
        base: None,
        meta: meta
            .iter()
            .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
            .collect(),
        links: Vec::new(),
        text_len: text.chars().count(),
        text: text.to_owned(),
        robots_nofollow: false,
    }
}

const PLAIN: &str = "https://www.example.gov.cn/zwgk/index.html";

#[test]
fn every_supported_format_is_found_in_order_with_byte_offsets() {
    let s = "甲2023-07-11 乙2023/7/1 丙2023.07.12 丁2023年7月13日 戊2023 年 7 月 14 日";
    let found = find_dates(s);
    assert_eq!(
        found.iter().map(|f| f.1).collect::<Vec<_>>(),
        [
            d(2023, 7, 11),
            d(2023, 7, 1),
            d(2023, 7, 12),
            d(2023, 7, 13),
            d(2023, 7, 14)
        ]
    );
    for (offset, _) in &found {
        assert!(s[*offset..].starts_with("2023"));
    }
    assert_eq!(found[0].0, "甲".len());
}

#[test]
fn a_time_after_the_date_is_ignored() {
    assert_eq!(dates("2023-07-11 08:30:00"), [d(2023, 7, 11)]);
    assert_eq!(dates("2023-07-11T08:30:00+08:00"), [d(2023, 7, 11)]);
    assert_eq!(dates("2023年7月11日10时"), [d(2023, 7, 11)]);
}

#[test]
fn impossible_dates_and_odd_years_are_skipped() {
    assert!(
        dates("2023-02-30 2023-13-01 2023/00/10 2023年4月31日 0999-01-01 3023-01-01").is_empty()
    );
    assert_eq!(dates("2024-02-29 2023-02-29"), [d(2024, 2, 29)]);
}

#[test]
fn mixed_separators_digit_runs_and_copyright_ranges_are_not_dates() {
    assert!(dates("2023-07/11 2023/07-11").is_empty());
    assert!(dates("编号 20230711 与 120230711").is_empty());
    assert!(dates("12023-07-11 2023-07-111 2023-007-11").is_empty());
    assert!(dates("© 2003-2026 Copyright 2003-2026 版权所有 2016-2026").is_empty());
}

#[test]
fn meta_pubdate_is_the_publication_date() {
    let f = facts(&[("pubdate", "2023-07-11 09:30")], "正文");
    assert_eq!(
        publish_date(&f, &url(PLAIN)),
        Some(PublishDate {
            date: d(2023, 7, 11),
            time: Some(hm(9, 30)),
            source: DateSource::Meta
        })
    );
}

#[test]
fn meta_names_are_tried_by_trust_and_compact_meta_dates_parse() {
    let f = facts(
        &[
            ("dc.date", "2020-01-01"),
            ("article:published_time", "2023-07-11T08:00:00+08:00"),
        ],
        "",
    );
    assert_eq!(publish_date(&f, &url(PLAIN)).unwrap().date, d(2023, 7, 11));
    let f = facts(&[("firstpublishedtime", "20230711080000")], "");
    assert_eq!(publish_date(&f, &url(PLAIN)), None, "14 digits is not 8");
    let f = facts(&[("publishdate", "20230711")], "");
    assert_eq!(publish_date(&f, &url(PLAIN)).unwrap().date, d(2023, 7, 11));
}

#[test]
fn meta_beats_label_beats_url() {
    let u = url("https://www.example.gov.cn/xw/202301/t20230105_1.html");
    let both = facts(&[("pubdate", "2023-03-03")], "发布时间：2023-02-02");
    assert_eq!(
        publish_date(&both, &u),
        Some(PublishDate {
            date: d(2023, 3, 3),
            time: None,
            source: DateSource::Meta
        })
    );
    let label = facts(&[("keywords", "2024-01-01")], "发布时间：2023-02-02");
    assert_eq!(
        publish_date(&label, &u),
        Some(PublishDate {
            date: d(2023, 2, 2),
            time: None,
            source: DateSource::Label
        })
    );
    let none = facts(&[], "没有日期");
    assert_eq!(
        publish_date(&none, &u),
        Some(PublishDate {
            date: d(2023, 1, 5),
            time: None,
            source: DateSource::Url
        })
    );
}

#[test]
fn traditional_and_other_labels_are_recognised() {
    for text in [
        "發布時間：2023-07-11",
        "发布日期: 2023年7月11日",
        "成文日期 2023.07.11",
        "【发布时间】2023/7/11",
        "日期：2023-07-11",
    ] {
        let got = publish_date(&facts(&[], text), &url(PLAIN));
        assert_eq!(
            got,
            Some(PublishDate {
                date: d(2023, 7, 11),
                time: None,
                source: DateSource::Label
            }),
            "{text}"
        );
    }
}

#[test]
fn decoy_dates_are_rejected_while_the_publish_label_on_the_same_page_is_chosen() {
    let text = "今天是2026年1月5日 星期一 首页 > 要闻 > 正文 标题 发布时间：2023-07-11 09:00 \
                来源：市政府办公室 正文 版权所有：某市人民政府 2016-2026 页面生成时间：2026-01-05 10:00:00";
    let got = publish_date(&facts(&[], text), &url(PLAIN)).unwrap();
    assert_eq!((got.date, got.source), (d(2023, 7, 11), DateSource::Label));
}

#[test]
fn a_page_with_only_decoys_and_copyright_has_no_date() {
    let text =
        "今天是2026年1月5日 当前日期：2026-01-05 © 2003-2026 页面生成时间：2026-01-05 10:00:00";
    assert_eq!(publish_date(&facts(&[], text), &url(PLAIN)), None);
}

#[test]
fn publish_label_outranks_update_label_even_when_later() {
    let text = "更新时间：2024-01-01 发布时间：2023-07-11";
    assert_eq!(
        publish_date(&facts(&[], text), &url(PLAIN)).unwrap().date,
        d(2023, 7, 11)
    );
    let only_update = "更新时间：2024-01-01 正文";
    assert_eq!(
        publish_date(&facts(&[], only_update), &url(PLAIN))
            .unwrap()
            .date,
        d(2024, 1, 1)
    );
}

#[test]
fn an_unlabelled_body_date_falls_through_to_the_url_date() {
    let text = "为贯彻落实2022年3月1日会议精神，现将有关事项通知如下。";
    let u = url("https://www.example.gov.cn/xw/2023-07/11/content_99.htm");
    assert_eq!(
        publish_date(&facts(&[], text), &u),
        Some(PublishDate {
            date: d(2023, 7, 11),
            time: None,
            source: DateSource::Url
        })
    );
    assert_eq!(publish_date(&facts(&[], text), &url(PLAIN)), None);
}

#[test]
fn month_day_inference_takes_the_latest_date_not_after_the_reference() {
    let reference = d(2026, 1, 5);
    assert_eq!(infer_month_day(12, 30, reference), Some(d(2025, 12, 30)));
    assert_eq!(infer_month_day(1, 5, reference), Some(d(2026, 1, 5)));
    assert_eq!(infer_month_day(1, 4, reference), Some(d(2026, 1, 4)));
    assert_eq!(infer_month_day(1, 6, reference), Some(d(2025, 1, 6)));
    assert_eq!(infer_month_day(2, 29, reference), Some(d(2024, 2, 29)));
    assert_eq!(infer_month_day(2, 30, reference), None);
    assert_eq!(infer_month_day(13, 1, reference), None);
}

#[test]
fn url_dates_come_from_trs_names_and_date_folders() {
    let cases = [
        (
            "https://a.gov.cn/xw/202307/t20230711_123.html",
            Some(d(2023, 7, 11)),
        ),
        (
            "https://a.gov.cn/xw/202306/t20230711_123.html",
            Some(d(2023, 7, 11)),
        ),
        ("https://a.gov.cn/xw/t20230711.shtml", Some(d(2023, 7, 11))),
        ("https://a.gov.cn/2023-07/11/c_1.htm", Some(d(2023, 7, 11))),
        (
            "https://a.gov.cn/content/202307/11/content_5.html",
            Some(d(2023, 7, 11)),
        ),
        (
            "https://a.gov.cn/art/2023/7/11/art_1_2.html",
            Some(d(2023, 7, 11)),
        ),
        (
            "https://a.gov.cn/news/2023-07-11/a.html",
            Some(d(2023, 7, 11)),
        ),
        (
            "https://a.gov.cn/news/20230711/a.html",
            Some(d(2023, 7, 11)),
        ),
        ("https://a.gov.cn/xw/202307/", None),
        ("https://a.gov.cn/xw/202307/index.html", None),
        ("https://a.gov.cn/xw/t20230230_1.html", None),
        ("https://a.gov.cn/xw/at20230711_1.html", None),
        ("https://a.gov.cn/", None),
    ];
    for (u, want) in cases {
        assert_eq!(url_date(&url(u)), want, "{u}");
    }
}

#[test]
fn hostile_input_never_panics() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: Vec<u8> = "0123456789-/.年月日 ：发布时间今天是".bytes().collect();
    for _ in 0..2000 {
        let len = (next() % 64) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                if r % 2 == 0 {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                } else {
                    (r >> 8) as u8
                }
            })
            .collect();
        let s = String::from_utf8_lossy(&bytes);
        let _ = find_dates(&s);
        let _ = publish_date(&facts(&[("pubdate", &s)], &s), &url(PLAIN));
    }
    let digits = "9".repeat(100_000);
    assert!(find_dates(&digits).is_empty());
    let digits = "2023-07-".repeat(10_000);
    let _ = find_dates(&digits);
    for s in [
        "年",
        "月",
        "日",
        "年月日",
        "2023年",
        "2023年7月",
        "2023年7",
        "2023-",
        "2023-7-",
        "2023.",
        "发布时间：",
        "：2023",
    ] {
        let _ = find_dates(s);
        let _ = publish_date(&facts(&[("pubdate", s)], s), &url(PLAIN));
    }
    let _ = url_date(&url(&format!(
        "https://a.gov.cn/t{}/{}",
        "2".repeat(5000),
        "年".repeat(100)
    )));
}

#[test]
fn meta_and_label_times_are_kept_with_hour_and_minute() {
    let cases = [
        (
            facts(&[("pubdate", "2019-09-18 06:23")], ""),
            Some(hm(6, 23)),
        ),
        (
            facts(&[("firstpublishedtime", "2007-08-20-23:59:59")], ""),
            Some(hm(23, 59)),
        ),
        (
            facts(
                &[("article:published_time", "2023-07-11T08:05:00+08:00")],
                "",
            ),
            Some(hm(8, 5)),
        ),
        (
            facts(&[], "发布时间：2023-06-17 09:51 来源：办公厅"),
            Some(hm(9, 51)),
        ),
        (facts(&[], "发布时间：2023年6月17日 9时5分"), Some(hm(9, 5))),
        (facts(&[], "发布日期：2016-11-22 浏览次数："), None),
        (facts(&[("pubdate", "2023-07-11 25:00")], ""), None),
        (facts(&[("pubdate", "2023-07-11 12:345")], ""), None),
    ];
    for (f, want) in cases {
        let got = publish_date(&f, &url(PLAIN)).unwrap();
        assert_eq!(got.time, want, "{:?} {:?}", f.meta, f.text);
    }
    let from_url = publish_date(
        &facts(&[], ""),
        &url("https://a.gov.cn/xw/202307/t20230711_1.html"),
    )
    .unwrap();
    assert_eq!(from_url.time, None);
}

#[test]
fn stated_dates_are_high_confidence_and_url_dates_medium() {
    let meta = publish_date(&facts(&[("pubdate", "2023-07-11")], ""), &url(PLAIN)).unwrap();
    let label = publish_date(&facts(&[], "发布时间：2023-07-11"), &url(PLAIN)).unwrap();
    let from_url = publish_date(
        &facts(&[], ""),
        &url("https://a.gov.cn/xw/202307/t20230711_1.html"),
    )
    .unwrap();
    assert_eq!(meta.confidence(), "high");
    assert_eq!(label.confidence(), "high");
    assert_eq!(from_url.confidence(), "medium");
}

#[test]
fn time_at_never_panics_on_odd_input() {
    for s in [
        "", " ", "\u{3000}", "1", "12:", "12:3", "时", "9时", "T", "---12:30", "　1:05",
    ] {
        for i in 0..=s.len() + 1 {
            let _ = time_at(s, i);
        }
    }
    assert_eq!(time_at("　1:05", 0), Some(hm(1, 5)));
}
