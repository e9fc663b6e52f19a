//! Number formatting, score bands and the model's serde shape.

use xunwang_report::{
    Overall, ScoreBand, Verdict, percent, sample_bulletin, score_band, score_text,
};

#[test]
fn percent_rounds_half_away_from_zero_on_the_exact_value() {
    assert_eq!(percent(85, 88), "96.6%"); // 96.59…, 重庆 2023 Q2
    assert_eq!(percent(1143, 1146), "99.7%"); // 99.738…
    assert_eq!(percent(1, 8), "12.5%"); // exact, no float drift
    assert_eq!(percent(1, 16), "6.3%"); // 6.25 → 6.3 (half away from zero)
    assert_eq!(percent(3, 16), "18.8%"); // 18.75 → 18.8
    assert_eq!(percent(1, 3), "33.3%");
    assert_eq!(percent(2, 3), "66.7%");
    assert_eq!(percent(55, 88), "62.5%");
}

#[test]
fn percent_writes_exact_100_and_0_without_decimals_and_never_rounds_up_to_100() {
    assert_eq!(percent(1146, 1146), "100%");
    assert_eq!(percent(0, 12), "0%");
    assert_eq!(percent(1999, 2000), "99.9%"); // 99.95 would round to 100.0
    assert_eq!(percent(9999, 10000), "99.9%");
}

#[test]
fn percent_of_nothing_is_a_dash() {
    assert_eq!(percent(0, 0), "—");
    assert_eq!(percent(3, 0), "—");
}

#[test]
fn score_text_keeps_at_most_one_decimal_and_drops_trailing_zero() {
    assert_eq!(score_text(93.333), "93.3");
    assert_eq!(score_text(100.0), "100");
    assert_eq!(score_text(121.5), "121.5");
    assert_eq!(score_text(92.25), "92.3");
    assert_eq!(score_text(59.95), "60");
    assert_eq!(score_text(0.0), "0");
    assert_eq!(score_text(109.96), "110");
    assert_eq!(score_text(70.0 * 4.0 / 3.0), "93.3"); // spec §5 fixture (d)
    assert_eq!(score_text(-2.0), "-2");
    assert_eq!(score_text(f64::NAN), "—");
}

#[test]
fn score_bands_split_at_110_100_80_and_verdict() {
    let b = sample_bulletin();
    let band = |name: &str| score_band(b.sites.iter().find(|s| s.name == name).unwrap());
    assert_eq!(band("××市人力资源和社会保障局"), ScoreBand::From110); // exactly 110
    assert_eq!(band("××市交通局"), ScoreBand::From100To110); // 108.5
    assert_eq!(band("××市卫生健康委员会"), ScoreBand::From100To110); // exactly 100
    assert_eq!(band("××市生态环境局"), ScoreBand::From80To100);
    assert_eq!(band("××市文化和旅游发展委员会"), ScoreBand::Below80);
    assert_eq!(band("××市××区人民政府"), ScoreBand::Fail); // vetoed
    assert_eq!(band("××市农业农村委员会"), ScoreBand::Fail); // 56
    let mut s = b.sites[0].clone();
    s.score = Some(109.96); // displayed "110"
    assert_eq!(score_band(&s), ScoreBand::From110);
    assert_eq!(ScoreBand::From100To110.label_zh(), "100—110分");
}

#[test]
fn overall_rates_are_fractions_and_none_without_a_denominator() {
    let o = Overall {
        period_label: "2023年第二季度".into(),
        sites_total: 88,
        sites_checked: 88,
        sites_passed: 85,
        accounts_total: 0,
        accounts_checked: 0,
        accounts_passed: 0,
    };
    assert!((o.site_pass_rate().unwrap() - 85.0 / 88.0).abs() < 1e-12);
    assert_eq!(o.check_ratio(), Some(1.0));
    assert_eq!(o.account_pass_rate(), None);
    assert_eq!(o.account_check_ratio(), None);
}

#[test]
fn verdict_serialises_as_chinese_labels() {
    assert_eq!(serde_json::to_string(&Verdict::Pass).unwrap(), "\"合格\"");
    assert_eq!(serde_json::to_string(&Verdict::Fail).unwrap(), "\"不合格\"");
    assert_eq!(
        serde_json::from_str::<Verdict>("\"不合格\"").unwrap(),
        Verdict::Fail
    );
    assert_eq!(Verdict::Fail.label_zh(), "不合格");
}
