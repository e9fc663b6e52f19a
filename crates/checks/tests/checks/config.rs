//! The rules file.

use xunwang_checks::{ColumnClass, Config, DEFAULT_RULES, Window};

use crate::support::*;

#[test]
fn the_shipped_rules_are_the_default_and_an_empty_file_keeps_them() {
    let config = Config::default();
    assert_eq!(Config::from_toml("").unwrap(), config);
    assert_eq!(Config::from_toml(DEFAULT_RULES).unwrap(), config);
    assert_eq!(config.windows.news, Window::Days(14));
    assert_eq!(config.windows.notice, Window::Months(6));
    assert_eq!(config.windows.periodic, Window::Days(365));
    assert_eq!(config.windows.home, Window::Days(14));
    assert_eq!(config.windows.unanswered, Window::Months(3));
    assert_eq!(config.windows.interaction_lookback, Window::Years(1));
    assert_eq!(config.interaction.reply_working_days, 5);
    assert_eq!(config.veto.stale_columns, 5);
    assert_eq!(config.veto.long_unupdated_columns, 10);
    assert_eq!(config.veto.empty_columns, 5);
    assert_eq!(config.columns.empty_max_text_len, 50);
    assert_eq!(config.warning.home, Window::Days(10));
}

#[test]
fn every_shipped_value_is_commented_with_its_source() {
    // Each table and each class rule opens with a comment citing the spec or saying it is ours.
    for section in DEFAULT_RULES.split("\n[").skip(1) {
        assert!(
            section.contains("spec") || section.contains("[U]") || section.contains("[S]"),
            "uncited section: [{}",
            section.lines().next().unwrap_or_default()
        );
    }
}

#[test]
fn overriding_one_window_keeps_the_other_defaults() {
    let config = Config::from_toml("[windows]\nnews = \"7d\"\n").unwrap();
    assert_eq!(config.windows.news, Window::Days(7));
    assert_eq!(config.windows.notice, Window::Months(6));
    assert_eq!(config.windows.home, Window::Days(14));
    assert_eq!(config.classes, Config::default().classes);

    // And it is used: a 10-day-old news item is now stale.
    let now = "2024-05-06";
    let pages = [
        home(now),
        column_dated("/xw/", "工作动态", &[], "2024-04-26"),
    ];
    assert!(of(&run(&pages, now), "column.stale").is_empty());
    assert_eq!(
        of(&run_with(&pages, now, &config, None), "column.stale").len(),
        1
    );
}

#[test]
fn a_bad_window_is_a_clear_error_naming_the_value() {
    let err = Config::from_toml("[windows]\nnotice = \"6 months\"\n").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("\"6 months\""), "{message}");
    assert!(message.contains("notice"), "{message}");
    assert!(message.contains("\"14d\""), "{message}");
}

#[test]
fn an_unknown_key_is_an_error_not_a_silent_default() {
    let err = Config::from_toml("[windows]\nnwes = \"7d\"\n").unwrap_err();
    assert!(err.to_string().contains("nwes"), "{err}");
    assert!(Config::from_toml("[windows\n").is_err());
}

#[test]
fn class_rules_can_be_replaced() {
    let config = Config::from_toml(
        r#"
        [[classes]]
        class = "news"
        keywords = ["专题"]
        "#,
    )
    .unwrap();
    assert_eq!(config.classes.len(), 1);
    assert_eq!(config.classify("专题专栏"), ColumnClass::News);
    assert_eq!(config.classify("工作动态"), ColumnClass::Other);
}
