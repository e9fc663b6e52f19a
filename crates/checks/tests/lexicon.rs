//! The shipped lexicon against ordinary text: the visible text of the real government pages in
//! `shared/testdata/gov-pages` and the English W3C ACT test cases in
//! `shared/testdata/act-rules` (see `shared/testdata/README.md`). Skipped, with a message, when
//! `shared/testdata` is absent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use url::Url;
use xunwang_checks::{
    Category, Lexicon, Normalized, Strength, Term, parse_terms_toml, parse_word_list,
};
use xunwang_extract::parse_page;

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata");

/// One page of the corpus: its name, its whole visible text (title first) and its text
/// blocks (roughly one per paragraph, cell or list item).
struct Page {
    name: String,
    text: String,
    blocks: Vec<String>,
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// The corpus, or `None` (after saying why) when the shared test data is absent. Read once
/// for all tests of this binary.
fn corpus() -> Option<&'static [Page]> {
    static CORPUS: OnceLock<Option<Vec<Page>>> = OnceLock::new();
    CORPUS.get_or_init(read_corpus).as_deref()
}

fn read_corpus() -> Option<Vec<Page>> {
    let root = Path::new(TESTDATA);
    let gov = root.join("gov-pages");
    let act = root.join("act-rules/testcases");
    if !gov.is_dir() || !act.is_dir() {
        eprintln!(
            "SKIPPED: corpus not found at {} (shared/testdata is absent)",
            root.display()
        );
        return None;
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&gov).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        if name.ends_with("-1.html") {
            files.push(entry.path());
        }
    }
    html_files(&act, &mut files);
    files.sort();
    assert!(files.len() > 1000, "only {} pages", files.len());
    let url = Url::parse("http://www.example.gov.cn/page.html").unwrap();
    let pages = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let html = String::from_utf8_lossy(&bytes);
            let facts = parse_page(&html, &url);
            let title = facts.title.unwrap_or_default();
            let mut blocks: Vec<String> = vec![title.clone()];
            blocks.extend(split_blocks(&html).iter().map(|b| parse_page(b, &url).text));
            blocks.retain(|b| !b.trim().is_empty());
            Page {
                name: path.strip_prefix(root).unwrap().display().to_string(),
                text: format!("{title}\n{}", facts.text),
                blocks,
            }
        })
        .collect();
    Some(pages)
}

/// Cuts an HTML page (scripts and styles removed) before each block-level tag: a crude text
/// unit, good enough to count distinct terms per paragraph.
fn split_blocks(html: &str) -> Vec<String> {
    const BLOCKS: &[&str] = &[
        "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table",
        "ul", "ol", "dd", "dt", "section", "article", "header", "footer", "title", "form",
    ];
    let lower = html.to_ascii_lowercase();
    let mut kept = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = ["<script", "<style"]
        .iter()
        .filter_map(|t| lower[at..].find(t).map(|i| (at + i, *t)))
        .min()
    {
        kept.push_str(&html[at..open.0]);
        let close = format!("</{}", &open.1[1..]);
        at = match lower[open.0..].find(&close) {
            Some(i) => open.0 + i + close.len(),
            None => html.len(),
        };
    }
    kept.push_str(&html[at..]);
    let lower = kept.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts = vec![0];
    for (i, _) in lower.match_indices('<') {
        let name_start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
        let name_end = lower[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(lower.len(), |n| name_start + n);
        if BLOCKS.contains(&&lower[name_start..name_end]) {
            cuts.push(i);
        }
    }
    cuts.push(kept.len());
    cuts.windows(2)
        .map(|w| kept[w[0]..w[1]].to_owned())
        .collect()
}

fn shipped_typos() -> Vec<Term> {
    let src = include_str!("../rules/lexicon/typos.toml");
    parse_terms_toml(src).unwrap()
}

fn public_porn_list() -> Option<Vec<Term>> {
    let path = Path::new(TESTDATA).join("sensitive-words/porn-words.txt");
    let src = std::fs::read_to_string(&path).ok()?;
    Some(parse_word_list(
        &src,
        Category::Porn,
        Strength::Weak,
        Some("konsheng/Sensitive-lexicon 色情词库 (MIT)"),
    ))
}

#[test]
fn strong_spam_terms_never_match_ordinary_government_text() {
    let Some(pages) = corpus() else { return };
    let lexicon = Lexicon::default();
    let mut norm = Normalized::default();
    let mut hits = Vec::new();
    for page in pages {
        norm.reset(&page.text);
        for m in lexicon.scan(&norm) {
            let spam = matches!(
                m.term.category,
                Category::Gambling | Category::Porn | Category::Ad
            );
            if spam && m.term.strength == Strength::Strong {
                hits.push(format!("{}: {:?}", page.name, &page.text[m.orig]));
            }
        }
    }
    assert_eq!(hits, Vec::<String>::new());
}

#[test]
fn no_text_block_of_ordinary_text_has_three_weak_spam_terms() {
    // The content judge flags a text unit with three distinct weak terms of one category.
    let Some(pages) = corpus() else { return };
    let lexicon = Lexicon::default();
    let mut norm = Normalized::default();
    for page in pages {
        for block in &page.blocks {
            norm.reset(block);
            for category in [Category::Gambling, Category::Porn, Category::Ad] {
                let weak: BTreeSet<&str> = lexicon
                    .scan(&norm)
                    .into_iter()
                    .filter(|m| m.term.category == category)
                    .map(|m| m.term.text.as_str())
                    .collect();
                assert!(weak.len() < 3, "{}: {weak:?} in {block:?}", page.name);
            }
        }
    }
}

#[test]
fn no_typo_or_outdated_name_occurs_in_ordinary_text() {
    let Some(pages) = corpus() else { return };
    let typos = shipped_typos();
    assert!(typos.len() > 50);
    let lexicon = Lexicon::default();
    let mut norm = Normalized::default();
    let mut hits = Vec::new();
    for page in pages {
        norm.reset(&page.text);
        for typo in &typos {
            if norm.text.contains(&Normalized::new(&typo.text).text) {
                hits.push(format!("{}: typo {}", page.name, typo.text));
            }
        }
        for m in lexicon.scan(&norm) {
            if matches!(m.term.category, Category::Typo | Category::Outdated) {
                hits.push(format!("{}: {:?}", page.name, &page.text[m.orig]));
            }
        }
    }
    assert_eq!(hits, Vec::<String>::new());
}

/// Everyday phrases of government sites that contain a listed word or something close to one.
const ORDINARY_PHRASES: &[&str] = &[
    "2024年成人高考报名工作的通知",
    "市成人教育学院 成人高等教育招生简章",
    "开展成人视力筛查和成人疫苗接种",
    "出台刺激消费、扩大内需的若干措施",
    "盲人按摩师资格考试合格人员名单",
    "中国福利彩票发行管理中心；体育彩票公益金使用情况公告",
    "彩票投注站设置规划",
    "警惕形形色色的电信诈骗手段",
    "打造特色视频栏目，推出特色电影展映",
    "生产性服务业完成投资增长",
    "全市掀起学习高潮",
    "兼职律师管理办法；兼职教师聘任",
    "老旧小区加装电梯工作方案",
    "A片区控制性详细规划批前公示",
    "会议室AV设备采购项目中标公告",
    "农业部门要加强指导，各级文化部门、卫生部门积极参与",
    "防治剧烈土壤侵蚀",
    "深入学习贯彻中国共产党十九大精神",
    "本网站官方网址为 www.example.gov.cn",
    "持之以恒、久久为功",
    "三级医院评审标准",
    "推动性别平等和妇女全面发展",
    "提供个性化服务",
    "建设特色综合体和特色小镇",
    "激情燃烧的岁月",
    "金沙县人民政府 金沙江流域",
    "全年365天不打烊",
    "微信群交流学习 太极拳交流大会",
    "在路口爆炸物排查中",
    "疯狂操作",
    "丁香五月盛开",
    "自然资源和规划局 市场监督管理局 生态环境局 农业农村局 应急管理局",
    "国家卫生健康委员会 文化和旅游部 国家市场监督管理总局",
    "举办插花艺术展",
    "Java developers on the avenue analysed the data analysis; SBJ; adult education",
    "see http://adult-edu.example.cn/sex-ed/ and mail porn@example.cn",
];

#[test]
fn ordinary_government_phrases_are_not_findings() {
    let lexicon = Lexicon::default();
    let mut norm = Normalized::default();
    let mut hits = Vec::new();
    for phrase in ORDINARY_PHRASES {
        norm.reset(phrase);
        for m in lexicon.scan(&norm) {
            if m.term.category != Category::Enforcement {
                hits.push(format!(
                    "{phrase}: {:?} ({:?})",
                    &phrase[m.orig], m.term.category
                ));
            }
        }
    }
    assert_eq!(hits, Vec::<String>::new());
}

#[test]
fn the_public_porn_list_with_the_shipped_allow_list_finds_nothing_in_ordinary_phrases() {
    let Some(mut terms) = public_porn_list() else {
        eprintln!("SKIPPED: shared/testdata/sensitive-words is absent");
        return;
    };
    terms.extend(parse_terms_toml(include_str!("../rules/lexicon/allow.toml")).unwrap());
    let lexicon = Lexicon::new(terms).unwrap();
    let mut norm = Normalized::default();
    let mut hits = Vec::new();
    for phrase in ORDINARY_PHRASES {
        norm.reset(phrase);
        for m in lexicon.scan(&norm) {
            hits.push(format!("{phrase}: {:?}", &phrase[m.orig]));
        }
    }
    assert_eq!(hits, Vec::<String>::new());
}

#[test]
fn the_corpus_has_chinese_government_text() {
    // Guards the tests above against an empty or wrongly decoded corpus.
    let Some(pages) = corpus() else { return };
    let chinese: usize = pages
        .iter()
        .filter(|p| p.name.starts_with("gov-pages"))
        .map(|p| {
            p.text
                .chars()
                .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .count()
        })
        .sum();
    assert!(chinese > 3000, "{chinese} Chinese characters");
}

/// How the public porn list (loaded as weak terms) fares on the corpus, alone and together
/// with the shipped allow and enforcement lists. Prints a report; asserts only that the list
/// was read. `cargo test -p xunwang-checks --test lexicon -- --ignored --nocapture`
#[test]
#[ignore = "report for the lexicon notes, not a check"]
fn public_porn_list_on_the_corpus_report() {
    let Some(pages) = corpus() else { return };
    let Some(list) = public_porn_list() else {
        eprintln!("SKIPPED: sensitive-words/porn-words.txt not found");
        return;
    };
    assert!(list.len() > 500);
    // For comparison: plain substring counts, without the Latin rules or leftmost-longest.
    let mut naive: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut norm = Normalized::default();
    for term in &list {
        let needle = Normalized::new(&term.text).text;
        let count: usize = pages
            .iter()
            .map(|p| {
                norm.reset(&p.text);
                norm.text.matches(needle.as_str()).count()
            })
            .sum();
        if count > 0 {
            naive.insert((count, term.text.clone()));
        }
    }
    eprintln!("== public list as plain substrings (no rules): {naive:?}");
    let alone = Lexicon::new(list.clone()).unwrap();
    let mut with_ours = list;
    for src in [
        include_str!("../rules/lexicon/allow.toml"),
        include_str!("../rules/lexicon/enforcement.toml"),
    ] {
        with_ours.extend(parse_terms_toml(src).unwrap());
    }
    let with_ours = Lexicon::new(with_ours).unwrap();
    let shipped = Lexicon::default();
    for (label, lexicon, category) in [
        ("public list alone", &alone, Category::Porn),
        (
            "public list + shipped allow/enforcement",
            &with_ours,
            Category::Porn,
        ),
        ("shipped lexicon, weak porn", &shipped, Category::Porn),
        (
            "shipped lexicon, weak gambling",
            &shipped,
            Category::Gambling,
        ),
        ("shipped lexicon, weak ad", &shipped, Category::Ad),
    ] {
        let mut total = 0;
        let mut terms: BTreeSet<String> = BTreeSet::new();
        let mut where_found: Vec<String> = Vec::new();
        for page in pages {
            norm.reset(&page.text);
            for m in lexicon.scan(&norm) {
                if m.term.category == category && m.term.strength == Strength::Weak {
                    total += 1;
                    terms.insert(m.term.text.clone());
                    where_found.push(format!("{} {:?}", page.name, &page.text[m.orig]));
                }
            }
        }
        let mut best = (0, String::new(), BTreeSet::new());
        for page in pages {
            for block in &page.blocks {
                norm.reset(block);
                let distinct: BTreeSet<String> = lexicon
                    .scan(&norm)
                    .into_iter()
                    .filter(|m| m.term.category == category && m.term.strength == Strength::Weak)
                    .map(|m| m.term.text.clone())
                    .collect();
                if distinct.len() > best.0 {
                    best = (distinct.len(), page.name.clone(), distinct);
                }
            }
        }
        eprintln!(
            "== {label}: {total} weak matches, {} distinct terms: {terms:?}",
            terms.len()
        );
        for w in &where_found {
            eprintln!("   {w}");
        }
        eprintln!(
            "   most distinct weak terms in one text block: {} ({} {:?})",
            best.0, best.1, best.2
        );
    }
}
