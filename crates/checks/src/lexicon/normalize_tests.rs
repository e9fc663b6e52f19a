use super::*;

/// The original text behind the first occurrence of `needle` in the folded text.
fn behind<'a>(original: &'a str, needle: &str) -> &'a str {
    let norm = Normalized::new(original);
    let at = norm
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", norm.text));
    &original[norm.original(at..at + needle.len())]
}

#[test]
fn full_width_letters_and_digits_become_lower_case_ascii() {
    assert_eq!(Normalized::new("３６５ｂｅｔ").text, "365bet");
    assert_eq!(Normalized::new("ＵｅｄＢｅｔ体育").text, "uedbet体育");
    assert_eq!(Normalized::new("ManBetX").text, "manbetx");
    assert_eq!(behind("访问３６５ｂｅｔ网址", "365bet"), "３６５ｂｅｔ");
}

#[test]
fn ideographic_and_no_break_spaces_become_spaces() {
    assert_eq!(Normalized::new("a\u{3000}b\u{00A0}c").text, "a b c");
}

#[test]
fn traditional_characters_become_simplified() {
    assert_eq!(Normalized::new("澳門金沙娛樂").text, "澳门金沙娱乐");
    assert_eq!(behind("歡迎：澳門金沙", "澳门金沙"), "澳門金沙");
}

#[test]
fn zero_width_characters_inside_a_term_are_dropped() {
    let original = "澳\u{200B}门\u{200D}金\u{FEFF}沙\u{00AD}";
    assert_eq!(Normalized::new(original).text, "澳门金沙");
    assert_eq!(
        behind(original, "澳门金沙"),
        "澳\u{200B}门\u{200D}金\u{FEFF}沙"
    );
    assert_eq!(Normalized::new("a\u{200C}b\u{2060}c\u{FE0F}").text, "abc");
}

#[test]
fn separators_between_ideographs_are_dropped() {
    for original in [
        "澳 门 金 沙",
        "澳.门.金.沙",
        "澳*门-金_沙",
        "澳|门/金\\沙",
        "澳~门·金•沙",
        "澳．门＊金＿沙",
        "澳\u{3000}门\u{00A0}金\t沙",
        "澳 . 门 · 金  沙",
    ] {
        assert_eq!(Normalized::new(original).text, "澳门金沙", "{original:?}");
        assert_eq!(behind(original, "澳门金沙"), original);
    }
}

#[test]
fn a_long_run_of_separators_is_kept() {
    assert_eq!(Normalized::new("澳 -- 门").text, "澳 -- 门");
}

#[test]
fn sentence_punctuation_is_never_bridged() {
    assert_eq!(Normalized::new("社会性。交通").text, "社会性。交通");
    assert_eq!(Normalized::new("成人，教育").text, "成人,教育");
    for punct in [
        "、", "；", "：", "！", "？", "「", "」", "“", "”", "（", "）", "\n",
    ] {
        let original = format!("澳门{punct}金沙");
        assert!(
            !Normalized::new(&original).text.contains("澳门金沙"),
            "{original:?} was bridged"
        );
    }
}

#[test]
fn separators_next_to_latin_or_digits_are_kept() {
    assert_eq!(Normalized::new("2024年 3月").text, "2024年 3月");
    assert_eq!(Normalized::new("a b").text, "a b");
    assert_eq!(Normalized::new("体育 365").text, "体育 365");
}

#[test]
fn literal_character_references_are_decoded() {
    assert_eq!(Normalized::new("澳&nbsp;门").text, "澳门");
    assert_eq!(Normalized::new("&#x6FB3;&#38376;金沙").text, "澳门金沙");
    assert_eq!(Normalized::new("a&amp;b &lt;").text, "a&b <");
    assert_eq!(
        behind("访问&#x6FB3;&#38376;金沙", "澳门金沙"),
        "&#x6FB3;&#38376;金沙"
    );
    // Not references: left as written.
    for text in [
        "a&b",
        "&nbsp",
        "&unknown;",
        "&#;",
        "&#xzz;",
        "&#-1;",
        "&#0;",
        "&",
    ] {
        assert_eq!(Normalized::new(text).text, text);
    }
}

#[test]
fn offsets_map_every_character_back() {
    let original = "Ａ\u{200B}門 门ｂ&amp;c";
    let norm = Normalized::new(original);
    assert_eq!(norm.text, "a门门b&c");
    let mut pieces = Vec::new();
    for (at, c) in norm.text.char_indices() {
        pieces.push(&original[norm.original(at..at + c.len_utf8())]);
    }
    assert_eq!(pieces, ["Ａ", "門", "门", "ｂ", "&amp;", "c"]);
    assert_eq!(norm.original(0..norm.text.len()), 0..original.len());
    assert_eq!(norm.original(4..4), 10..10);
}

#[test]
fn unchanged_text_keeps_its_offsets_and_adds_no_segments() {
    let original = "国务院办公厅关于印发政府网站发展指引的通知 2017";
    let norm = Normalized::new(original);
    assert_eq!(norm.text, original);
    assert_eq!(norm.map, [(0, 0), (original.len(), original.len())]);
    assert_eq!(norm.original(9..18), 9..18);
}

#[test]
fn reset_reuses_the_buffer_and_forgets_the_previous_text() {
    let mut norm = Normalized::new("ＡＢＣ 澳 门");
    norm.reset("xyz");
    assert_eq!(norm.text, "xyz");
    assert_eq!(norm.original(0..3), 0..3);
    norm.reset("");
    assert_eq!(norm.text, "");
    assert_eq!(norm.original(0..0), 0..0);
}

#[test]
fn ranges_past_the_end_are_clamped() {
    let norm = Normalized::new("ａｂ");
    assert_eq!(norm.original(0..99), 0..6);
    assert_eq!(norm.original(50..99), 6..6);
}

#[test]
fn invisible_characters_alone_fold_to_nothing() {
    let norm = Normalized::new("\u{200B}\u{FEFF}");
    assert_eq!(norm.text, "");
    assert_eq!(norm.original(0..0), 6..6);
}
