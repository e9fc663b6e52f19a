use super::*;

fn term(text: &str, category: Category, strength: Strength) -> Term {
    Term {
        text: text.to_owned(),
        category,
        strength,
        correct: None,
        source: None,
    }
}

fn weak_porn(words: &[&str]) -> Vec<Term> {
    words
        .iter()
        .map(|w| term(w, Category::Porn, Strength::Weak))
        .collect()
}

/// The original spellings found in `text`.
fn found(lexicon: &Lexicon, text: &str) -> Vec<String> {
    let norm = Normalized::new(text);
    lexicon
        .scan(&norm)
        .iter()
        .map(|m| text[m.orig.clone()].to_owned())
        .collect()
}

fn shipped(name: &str) -> Vec<Term> {
    let (_, src) = SHIPPED.iter().find(|(n, _)| *n == name).unwrap();
    parse_terms_toml(src).unwrap()
}

#[test]
fn every_shipped_file_parses_and_says_what_it_is() {
    for (name, src) in SHIPPED {
        let terms = parse_terms_toml(src).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(src.starts_with("# "), "{name} has no header comment");
        assert!(src.contains("source = "), "{name} names no source");
        let empty_by_design = matches!(*name, "names.toml" | "former.toml");
        assert_eq!(terms.is_empty(), empty_by_design, "{name}");
    }
    let lexicon = Lexicon::default();
    assert!(lexicon.terms().len() > 500, "{}", lexicon.terms().len());
}

#[test]
fn every_file_under_rules_lexicon_is_shipped() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/lexicon");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = SHIPPED.iter().map(|(n, _)| (*n).to_owned()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn shipped_terms_keep_their_file_category() {
    for (name, category) in [
        ("gambling.toml", Category::Gambling),
        ("porn.toml", Category::Porn),
        ("ad.toml", Category::Ad),
        ("enforcement.toml", Category::Enforcement),
        ("allow.toml", Category::Allow),
        ("outdated.toml", Category::Outdated),
        ("typos.toml", Category::Typo),
    ] {
        assert!(
            shipped(name)
                .iter()
                .all(|t| t.category == category && t.source.is_some()),
            "{name}"
        );
    }
}

#[test]
fn no_shipped_term_is_listed_twice() {
    let mut seen = HashMap::new();
    for (name, src) in SHIPPED {
        for t in parse_terms_toml(src).unwrap() {
            let folded = Normalized::new(&t.text).text;
            if let Some(other) = seen.insert(folded.clone(), *name) {
                panic!("{folded:?} is in {other} and {name}");
            }
        }
    }
}

#[test]
fn no_outdated_name_is_part_of_a_current_name() {
    let (_, src) = SHIPPED.iter().find(|(n, _)| *n == "outdated.toml").unwrap();
    let table: toml::Table = toml::from_str(src).unwrap();
    let mut current: Vec<String> = table["current"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert!(current.len() > 40);
    let pairs = shipped("outdated.toml");
    // The replacement texts name current bodies too.
    current.extend(pairs.iter().filter_map(|t| t.correct.clone()));
    for pair in &pairs {
        for name in &current {
            assert!(
                !name.contains(&pair.text),
                "old name {:?} is part of current name {name:?}",
                pair.text
            );
        }
    }
    // And with the whole shipped lexicon (allow entries included), no current name reads as
    // an outdated one.
    let lexicon = Lexicon::default();
    for name in &current {
        let hits: Vec<_> = lexicon
            .scan(&Normalized::new(name))
            .into_iter()
            .filter(|m| m.term.category == Category::Outdated)
            .map(|m| m.term.text.clone())
            .collect();
        assert!(hits.is_empty(), "{name:?} reads as outdated: {hits:?}");
    }
}

#[test]
fn every_typo_and_outdated_pair_has_a_different_correct_form() {
    let lexicon = Lexicon::default();
    for t in shipped("typos.toml")
        .into_iter()
        .chain(shipped("outdated.toml"))
    {
        let correct = t.correct.as_deref().unwrap();
        assert!(!correct.is_empty() && correct != t.text, "{t:?}");
        // The correct form itself is never a finding.
        let hits: Vec<_> = lexicon
            .scan(&Normalized::new(correct))
            .into_iter()
            .filter(|m| matches!(m.term.category, Category::Typo | Category::Outdated))
            .map(|m| m.term.text.clone())
            .collect();
        assert!(hits.is_empty(), "{correct:?} reads as {hits:?}");
    }
}

#[test]
fn spam_spellings_from_hijacked_pages_are_found_with_the_shipped_lexicon() {
    // Spellings from spec/indicators.md §0.1 and their evasive variants.
    let lexicon = Lexicon::default();
    for (text, expected) in [
        (
            "365娱乐app官方版下载_外围365bet网址",
            &["365娱乐", "365bet"][..],
        ),
        ("足球365是什么意思_beat365官方", &["足球365", "beat365"]),
        ("澳門金沙博彩娛樂平台", &["澳門金沙", "博彩娛樂"]),
        ("澳 门 金 沙", &["澳 门 金 沙"]),
        ("澳.门.金.沙", &["澳.门.金.沙"]),
        ("澳\u{200B}门金沙", &["澳\u{200B}门金沙"]),
        ("必赢体育人民政府办公厅", &["必赢体育"]),
        ("ＵｅｄＢｅｔ体育", &["ＵｅｄＢｅｔ"]),
        ("ｗｗｗ性色ＡＶ", &["性色ＡＶ"]),
        ("明升ms88注册", &["明升ms88"]),
        ("访问３６５ｂｅｔ网址", &["３６５ｂｅｔ"]),
    ] {
        assert_eq!(found(&lexicon, text), expected, "{text:?}");
    }
}

#[test]
fn latin_terms_match_only_as_whole_tokens() {
    let lexicon = Lexicon::new(weak_porn(&["anal", "sb", "av", "adult", "porn"])).unwrap();
    for text in [
        "data analysis",
        "analog",
        "sbj",
        "java",
        "avenue",
        "Adultery",
        "pornography",
        "AVE",
        "2av",
    ] {
        assert_eq!(found(&lexicon, text), Vec::<String>::new(), "{text:?}");
    }
    assert_eq!(found(&lexicon, "an anal test"), ["anal"]);
    assert_eq!(found(&lexicon, "SB!"), ["SB"]);
    assert_eq!(found(&lexicon, "国产AV在线"), ["AV"]);
    assert_eq!(found(&lexicon, "ａｄｕｌｔ video"), ["ａｄｕｌｔ"]);
}

#[test]
fn pure_latin_terms_never_match_inside_urls() {
    let lexicon = Lexicon::new(weak_porn(&["adult", "porn", "sb"])).unwrap();
    for text in [
        "见 http://adult-edu.example.cn/ 网站",
        "www.adult.com",
        "adult.example.org",
        "mail adult@example.cn",
        "path/adult/list",
        "https://x.cn/?q=porn",
    ] {
        assert_eq!(found(&lexicon, text), Vec::<String>::new(), "{text:?}");
    }
    // Outside the token it still counts; a sentence's full stop is not a domain.
    assert_eq!(
        found(&lexicon, "adult 见 http://adult.example.cn/"),
        ["adult"]
    );
    assert_eq!(found(&lexicon, "for adult. Then"), ["adult"]);
}

#[test]
fn mixed_terms_follow_the_edge_rule_at_their_latin_edges_only() {
    let gambling = |w: &str| term(w, Category::Gambling, Strength::Strong);
    let lexicon = Lexicon::new(vec![gambling("365bet"), gambling("www性色av")]).unwrap();
    assert_eq!(found(&lexicon, "外围365bet网址"), ["365bet"]);
    assert_eq!(found(&lexicon, "1365bet"), Vec::<String>::new());
    assert_eq!(found(&lexicon, "365bets"), Vec::<String>::new());
    // A mixed term is not held to the URL rule.
    assert_eq!(found(&lexicon, "访问www性色av.com"), ["www性色av"]);
    assert_eq!(found(&lexicon, "xwww性色av"), Vec::<String>::new());
}

#[test]
fn matches_are_leftmost_longest_and_do_not_overlap() {
    let lexicon = Lexicon::new(vec![
        term("澳门", Category::Gambling, Strength::Weak),
        term("澳门金沙", Category::Gambling, Strength::Strong),
        term("金沙博彩", Category::Gambling, Strength::Strong),
        term("博彩", Category::Gambling, Strength::Weak),
    ])
    .unwrap();
    let norm = Normalized::new("澳门金沙博彩");
    let texts: Vec<_> = lexicon
        .scan(&norm)
        .iter()
        .map(|m| m.term.text.as_str())
        .collect();
    assert_eq!(texts, ["澳门金沙", "博彩"]);
}

#[test]
fn allow_terms_swallow_what_they_contain_and_are_not_reported() {
    let lexicon = Lexicon::new(vec![
        term("成人", Category::Porn, Strength::Weak),
        term("成人教育", Category::Allow, Strength::Weak),
    ])
    .unwrap();
    assert_eq!(found(&lexicon, "成人教育学院"), Vec::<String>::new());
    assert_eq!(found(&lexicon, "成人 教育"), Vec::<String>::new());
    assert_eq!(found(&lexicon, "成人视频"), ["成人"]);
}

#[test]
fn a_shorter_term_is_tried_when_the_longest_is_rejected() {
    let lexicon = Lexicon::new(vec![
        term("x性色", Category::Porn, Strength::Strong),
        term("x性色av", Category::Porn, Strength::Strong),
    ])
    .unwrap();
    assert_eq!(found(&lexicon, "x性色avi"), ["x性色"]);
    assert_eq!(found(&lexicon, "x性色av"), ["x性色av"]);
}

#[test]
fn matches_carry_the_term_and_both_ranges() {
    let lexicon =
        Lexicon::new(vec![term("澳门金沙", Category::Gambling, Strength::Strong)]).unwrap();
    let original = "欢迎 澳 門 金 沙";
    let norm = Normalized::new(original);
    let matches = lexicon.scan(&norm);
    assert_eq!(matches.len(), 1);
    assert_eq!(&norm.text[matches[0].norm.clone()], "澳门金沙");
    assert_eq!(&original[matches[0].orig.clone()], "澳 門 金 沙");
    assert_eq!(matches[0].term.category, Category::Gambling);
}

#[test]
fn duplicate_terms_are_kept_once_preferring_allow_then_strong() {
    let lexicon = Lexicon::new(vec![
        term("博彩", Category::Gambling, Strength::Weak),
        term("博彩", Category::Gambling, Strength::Strong),
        term("ＢＥＴ", Category::Gambling, Strength::Strong),
        term("bet", Category::Allow, Strength::Weak),
        term("赌博", Category::Gambling, Strength::Strong),
        term("賭博", Category::Porn, Strength::Strong),
    ])
    .unwrap();
    let kept: Vec<_> = lexicon
        .terms()
        .iter()
        .map(|t| (t.text.as_str(), t.category, t.strength))
        .collect();
    assert_eq!(
        kept,
        [
            ("博彩", Category::Gambling, Strength::Strong),
            ("bet", Category::Allow, Strength::Weak),
            ("赌博", Category::Gambling, Strength::Strong),
        ]
    );
}

#[test]
fn a_term_that_folds_to_nothing_is_an_error() {
    let err = Lexicon::new(vec![term("\u{200B} ", Category::Porn, Strength::Weak)]).unwrap_err();
    assert!(matches!(err, LexiconError::EmptyTerm { .. }), "{err}");
}

#[test]
fn parse_terms_toml_reads_groups_and_pairs() {
    let terms = parse_terms_toml(
        r#"
category = "gambling"
source = "file"

[[terms]]
strength = "weak"
words = ["博彩", " 赌场 "]

[[terms]]
category = "allow"
strength = "weak"
source = "group"
words = ["福利彩票"]

[[pairs]]
category = "typo"
wrong = "中国入民"
right = "中国人民"
"#,
    )
    .unwrap();
    assert_eq!(terms.len(), 4);
    assert_eq!(terms[1].text, "赌场");
    assert_eq!(terms[1].source.as_deref(), Some("file"));
    assert_eq!(
        (terms[2].category, terms[2].source.as_deref()),
        (Category::Allow, Some("group"))
    );
    assert_eq!(terms[3].category, Category::Typo);
    assert_eq!(terms[3].strength, Strength::Strong);
    assert_eq!(terms[3].correct.as_deref(), Some("中国人民"));
}

#[test]
fn parse_terms_toml_errors_name_the_line() {
    let err = parse_terms_toml("[[terms]]\nstrength = \"weak\"\nwords = [\"a\"]\n").unwrap_err();
    assert!(
        matches!(err, LexiconError::MissingCategory { line: 1 }),
        "{err}"
    );
    let err = parse_terms_toml(
        "category = \"porn\"\n[[terms]]\nstrength = \"weak\"\nwords = [\n  \"a\",\n  \" \",\n]\n",
    )
    .unwrap_err();
    assert!(matches!(err, LexiconError::EmptyWord { line: 6 }), "{err}");
    let err =
        parse_terms_toml("category = \"porn\"\n[[terms]]\nstrenght = \"weak\"\n").unwrap_err();
    assert!(err.to_string().contains("strenght"), "{err}");
    let err = parse_terms_toml("category = \"spam\"\n").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn parse_word_list_skips_comments_blanks_and_repeats() {
    let terms = parse_word_list(
        "# a list\n博彩\n\n  赌场 \n博彩\n#comment\nsb\n",
        Category::Porn,
        Strength::Weak,
        Some("test list"),
    );
    let texts: Vec<_> = terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["博彩", "赌场", "sb"]);
    assert!(
        terms
            .iter()
            .all(|t| t.category == Category::Porn && t.source.as_deref() == Some("test list"))
    );
}
