use chrono::NaiveDate;
use url::Url;

use super::{Cues, CuesError, DEFAULT_PAGE_CUES};
use crate::{read_model, read_model_with};

fn page() -> Url {
    Url::parse("http://www.example.gov.cn/tzgg/").unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 6, 20).unwrap()
}

#[test]
fn the_shipped_file_parses_into_the_defaults_with_every_list_filled() {
    let shipped: Cues = toml::from_str(DEFAULT_PAGE_CUES).unwrap();
    assert_eq!(shipped, Cues::default());
    assert_eq!(Cues::from_toml("").unwrap(), Cues::default());

    // Every key in the file is a field and every field is in the file (deny_unknown_fields
    // and the missing-field check of the derive), and no list ships empty or blank.
    let table: toml::Table = DEFAULT_PAGE_CUES.parse().unwrap();
    assert_eq!(table.len(), Cues::KEYS.len());
    for key in Cues::KEYS {
        let list = table[*key].as_array().unwrap();
        assert!(!list.is_empty(), "{key} is empty");
        assert!(
            list.iter().all(|v| !v.as_str().unwrap().trim().is_empty()),
            "{key} has a blank entry"
        );
    }

    // Today's lists, carried over unchanged (sizes and the entries readers depend on).
    let c = Cues::default();
    assert_eq!(c.placeholders.len(), 11);
    assert_eq!(c.placeholders[0], "暂无信息");
    assert_eq!(c.detail_words.len(), 14);
    assert_eq!(c.crumb_labels.len(), 13);
    assert_eq!(c.crumb_labels[7], "当前位置");
    assert_eq!(c.next_labels.len(), 44);
    assert_eq!(c.answered.len(), 6);
    assert_eq!(c.unanswered.len(), 10);
    assert_eq!(c.board_posted_labels.len(), 10);
    assert_eq!(c.board_replied_labels.len(), 7);
    assert_eq!(c.board_author_labels.len(), 8);
    assert_eq!(c.board_status_labels.len(), 4);
    assert_eq!(c.board_reply_labels.len(), 6);
    assert_eq!(c.board_reply_labels_with_colon, ["回复"]);
    assert_eq!(c.board_no_reply.len(), 8);
    assert_eq!(c.more_words.len(), 6);
    assert_eq!(c.pager_words.len(), 6);
    assert_eq!(c.next_words.len(), 7);
    assert_eq!(c.organizer_labels, ["主办单位", "主办"]);
    assert_eq!(c.operator_labels, ["承办单位", "承办"]);
    assert_eq!(c.site_code_labels, ["标识码"]);
    assert_eq!(c.badge_hosts, ["conac.cn", "scopsr.gov.cn"]);
    assert_eq!(c.error_report_hosts, ["zfwzzc.www.gov.cn"]);
}

#[test]
fn an_override_replaces_one_list_and_keeps_every_other_list() {
    let cues = Cues::from_toml(
        r#"
        # an office's own file
        placeholders = ["本栏目信息正在更新"]
        "#,
    )
    .unwrap();
    let defaults = Cues::default();
    assert_eq!(cues.placeholders, ["本栏目信息正在更新"]);
    let expected = Cues {
        placeholders: cues.placeholders.clone(),
        ..defaults
    };
    assert_eq!(cues, expected);
}

#[test]
fn a_new_placeholder_is_seen_only_with_the_override() {
    let html = r#"<div class="list"><ul></ul><p>本栏目信息正在更新</p></div>"#;
    let cues = Cues::from_toml(r#"placeholders = ["本栏目信息正在更新"]"#).unwrap();
    assert_eq!(read_model(html, &page(), day()).placeholder, None);
    let m = read_model_with(html, &page(), day(), &cues);
    assert_eq!(m.placeholder.as_deref(), Some("本栏目信息正在更新"));
    // The replaced list no longer holds the default phrases.
    let old = r#"<div class="list"><ul></ul><p>暂无信息</p></div>"#;
    assert_eq!(
        read_model_with(old, &page(), day(), &cues).placeholder,
        None
    );
    assert_eq!(
        read_model(old, &page(), day()).placeholder.as_deref(),
        Some("暂无信息")
    );
}

#[test]
fn a_new_breadcrumb_label_is_recognised_only_with_the_override() {
    let html = r#"<div class="lm">所在栏目：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
        <div class="box"><h1>关于开展安全检查的通知</h1><p>正文。</p></div>"#;
    let plain = read_model(html, &page(), day());
    assert!(plain.breadcrumb.is_empty());
    assert_eq!(plain.column, None);

    let cues = Cues::from_toml(r#"crumb_labels = ["当前位置", "所在栏目"]"#).unwrap();
    let m = read_model_with(html, &page(), day(), &cues);
    let steps: Vec<&str> = m.breadcrumb.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(steps, ["首页", "通知公告"]);
    assert_eq!(m.column.as_deref(), Some("通知公告"));
}

#[test]
fn read_model_is_read_model_with_the_shipped_cues() {
    let html = r#"<div class="position">当前位置：<a href="/">首页</a> &gt; 通知公告</div>
        <ul><li><a href="./202306/t20230617_1.html">全市安全生产工作会议召开</a><span>2023-06-17</span></li></ul>
        <div class="page">共1页 <a href="index_1.html">下一页</a></div>
        <div class="footer">主办单位：某市人民政府办公室 网站标识码：4201000001</div>"#;
    assert_eq!(
        read_model(html, &page(), day()),
        read_model_with(html, &page(), day(), &Cues::default())
    );
}

#[test]
fn an_unknown_key_is_an_error_naming_it() {
    let err = Cues::from_toml(r#"placeholder = ["本栏目信息正在更新"]"#).unwrap_err();
    assert_eq!(
        err,
        CuesError::UnknownKey {
            key: "placeholder".to_owned()
        }
    );
    assert!(err.to_string().contains("`placeholder`"), "{err}");
}

#[test]
fn a_value_that_is_not_a_list_of_strings_is_an_error_naming_its_key() {
    for text in [
        r#"crumb_labels = "当前位置""#,
        r#"crumb_labels = ["当前位置", 3]"#,
    ] {
        assert_eq!(
            Cues::from_toml(text).unwrap_err(),
            CuesError::NotAList {
                key: "crumb_labels".to_owned()
            }
        );
    }
}

#[test]
fn a_file_that_is_not_toml_is_a_syntax_error() {
    let err = Cues::from_toml("placeholders = [").unwrap_err();
    assert!(matches!(err, CuesError::Syntax { .. }), "{err:?}");
}

#[test]
fn cues_written_back_to_toml_read_the_same() {
    let mut cues = Cues::default();
    cues.more_words.push("更多信息".to_owned());
    let text = toml::to_string(&cues).unwrap();
    assert_eq!(Cues::from_toml(&text).unwrap(), cues);
}

#[test]
fn an_emptied_label_list_reads_nothing_and_does_not_panic() {
    let cues = Cues::from_toml("organizer_labels = []\nsite_code_labels = []").unwrap();
    let html = r#"<div class="footer">主办单位：某市人民政府办公室 网站标识码：4201000001</div>"#;
    let m = read_model_with(html, &page(), day(), &cues);
    assert_eq!(m.footer.organizer, None);
    assert_eq!(m.footer.site_code, None);
    let m = read_model(html, &page(), day());
    assert_eq!(m.footer.organizer.as_deref(), Some("某市人民政府办公室"));
    assert_eq!(m.footer.site_code.as_deref(), Some("4201000001"));
}
