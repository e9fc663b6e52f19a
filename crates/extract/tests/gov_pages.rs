//! Reads the three real government pages of `shared/testdata/gov-pages` (中国政府网, 山西省人民
//! 政府, 浙江省发改委; see `shared/testdata/README.md`) and compares the heading, the publish
//! date and the footer identifiers with the hand-written `labels.json`.
//!
//! Decisions recorded here:
//! - The heading must be the visible title when `read_model` finds one; two of the pages write
//!   their title in a `<p>`/`<font>` (no `<h1>`/`<h2>`), there `heading` is `None` and the
//!   `<title>` (whitespace removed, site suffix after `_` cut) must be the visible title.
//! - The 中国政府网 page shows no publish date; `publish_date` reads the meta
//!   `firstpublishedtime` `2007-08-20-23:59:59` as 2007-08-20 23:59 (source Meta). We accept it:
//!   it is the CMS publication time, not a decoy; the decoys (the adoption date in the body,
//!   the page-generation time in a meta tag) must not be taken.
//! - Where the page shows a date without a time (浙江: `发布日期：2016-11-22`) the date must match
//!   and the time comes from the `PubDate` meta (09:53).
//! - The page URLs are not in the labels; plausible ones are used (only relative links and URL
//!   dates depend on them).

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;
use url::Url;
use xunwang_extract::{DateSource, find_dates, parse_page, publish_date, read_model};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/testdata/gov-pages"
);

/// A plausible address for each saved page.
fn page_url(file: &str) -> &'static str {
    match file {
        "gne-other-1.html" => "https://www.gov.cn/gongbao/content/2007/content_711039.htm",
        "gne-shanxi-1.html" => "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml",
        "gne-gzggw-1.html" => "http://fzggw.zj.gov.cn/art/2016/11/22/art_1621004_5218776.html",
        other => panic!("unknown page {other}: add its URL"),
    }
}

/// Decodes a saved page with the charset its first bytes declare (UTF-8 when none).
fn decode(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let label = head.split("charset=").skip(1).find_map(|rest| {
        let rest = rest.trim_start_matches(['"', '\'', ' ']);
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!label.is_empty()).then_some(label)
    });
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `2019-09-18 06:23` or `2016-11-22`.
fn visible_time(s: &str) -> (NaiveDate, Option<NaiveTime>) {
    let date = find_dates(s)[0].1;
    let time = s
        .split_whitespace()
        .nth(1)
        .map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap());
    (date, time)
}

#[test]
fn real_government_pages_match_their_labels() {
    let dir = Path::new(DIR);
    let Ok(labels) = std::fs::read_to_string(dir.join("labels.json")) else {
        eprintln!(
            "SKIPPED: gov-pages test data not found at {} (shared/testdata is absent)",
            dir.display()
        );
        return;
    };
    let labels: Value = serde_json::from_str(&labels).unwrap();
    let pages = labels["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 3);
    for page in pages {
        let file = str_of(page, "file").unwrap();
        let html = decode(&std::fs::read(dir.join(file)).unwrap());
        let url = Url::parse(page_url(file)).unwrap();
        let reference = NaiveDate::from_ymd_opt(2023, 10, 23).unwrap();
        let model = read_model(&html, &url, reference);
        let facts = parse_page(&html, &url);

        // Heading, or the <title> when the page has no h1/h2 title.
        let title = str_of(page, "title_visible").unwrap();
        match &model.heading {
            Some(h) => assert_eq!(h, title, "{file}: heading"),
            None => {
                let t: String = facts
                    .title
                    .as_deref()
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let t = t.split('_').next().unwrap_or_default();
                assert_eq!(t, title, "{file}: no heading and the <title> differs");
            }
        }

        // Publish date and time.
        let published = publish_date(&facts, &url).unwrap_or_else(|| panic!("{file}: no date"));
        match str_of(page, "publish_time_visible") {
            Some(visible) => {
                let (date, time) = visible_time(visible);
                assert_eq!(published.date, date, "{file}: publish date");
                if time.is_some() {
                    assert_eq!(published.time, time, "{file}: publish time");
                }
                assert_eq!(published.confidence(), "high");
            }
            None => {
                assert_eq!(
                    (published.date, published.time, published.source),
                    (
                        NaiveDate::from_ymd_opt(2007, 8, 20).unwrap(),
                        NaiveTime::from_hms_opt(23, 59, 0),
                        DateSource::Meta
                    ),
                    "{file}: the meta firstpublishedtime"
                );
            }
        }
        let meta_time = page["publish_time_meta"]
            .as_object()
            .and_then(|m| m.values().next())
            .and_then(Value::as_str)
            .unwrap();
        assert_eq!(
            published.date,
            find_dates(meta_time)[0].1,
            "{file}: agrees with the meta"
        );

        // Decoy dates are never the publish date, and never appear in the model.
        let model_json = serde_json::to_string(&model).unwrap();
        for decoy in page["decoys"].as_array().unwrap() {
            for (_, date) in find_dates(decoy.as_str().unwrap()) {
                if Some(date) == str_of(page, "publish_time_visible").map(|v| visible_time(v).0) {
                    continue; // gzggw: the URL date equals the real date
                }
                assert_ne!(published.date, date, "{file}: decoy {decoy} taken");
                let written = date.format("%Y-%m-%d").to_string();
                assert!(
                    !model_json.contains(&written),
                    "{file}: decoy {written} in the model"
                );
            }
        }

        // Footer identifiers.
        let footer = &page["footer"];
        let f = &model.footer;
        assert_eq!(
            f.site_code.as_deref(),
            str_of(footer, "site_id_code"),
            "{file}: site code"
        );
        assert_eq!(f.icp.as_deref(), str_of(footer, "icp"), "{file}: ICP");
        let psb: String = str_of(footer, "public_security_beian")
            .unwrap()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(f.psb.as_deref(), Some(psb.as_str()), "{file}: 公安备案");
        let organizer = str_of(footer, "sponsor").map(|s| {
            s.split_once('：')
                .map_or(s, |(_, name)| name)
                .trim()
                .to_owned()
        });
        assert_eq!(f.organizer, organizer, "{file}: 主办单位");
        let meta_code = str_of(footer, "site_id_code_meta").map(|m| {
            if m.contains("empty") {
                String::new()
            } else {
                m.trim_start_matches("SiteIDCode=").to_owned()
            }
        });
        assert_eq!(f.meta_site_code, meta_code, "{file}: SiteIDCode meta");
        if footer.get("site_id_code_widget").is_some() {
            assert_eq!(f.error_report.as_deref(), Some("_jiucuo_"), "{file}: 找错");
        }
        assert!(
            f.conac.as_deref().is_some_and(|u| u.contains("conac.cn")),
            "{file}: 党政机关 badge"
        );
    }
}

#[test]
fn shanxi_page_breadcrumb_column_and_single_page_pager() {
    let dir = Path::new(DIR);
    let Ok(bytes) = std::fs::read(dir.join("gne-shanxi-1.html")) else {
        eprintln!(
            "SKIPPED: gov-pages test data not found at {}",
            dir.display()
        );
        return;
    };
    let url = Url::parse(page_url("gne-shanxi-1.html")).unwrap();
    let model = read_model(
        &decode(&bytes),
        &url,
        NaiveDate::from_ymd_opt(2019, 9, 20).unwrap(),
    );
    let steps: Vec<_> = model.breadcrumb.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(steps, ["首页", "要闻", "山西要闻"]);
    assert_eq!(model.column.as_deref(), Some("山西要闻"));
    assert!(model.list.is_empty(), "an article page has no list");
    let pager = model.pagination.unwrap();
    assert_eq!((pager.total_pages, pager.pages.len()), (Some(1), 0));
    assert!(model.main_text_len > 500, "{}", model.main_text_len);
    assert!(model.nav.iter().any(|n| n.text == "要闻"));
}

/// Benchmark, not a test: the cost of reading a page's structure (`read_model`, a DOM) next to
/// the streaming pass every page already gets (`parse_page`), on the three real pages, in the
/// same run. `cargo test --release -p xunwang-extract --test gov_pages -- --ignored --nocapture`
#[test]
#[ignore = "a benchmark: run with --ignored --release"]
fn bench_read_model_against_parse_page() {
    if !Path::new(DIR).is_dir() {
        eprintln!("SKIPPED: {DIR} is absent");
        return;
    }
    let reference = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for file in ["gne-other-1.html", "gne-shanxi-1.html", "gne-gzggw-1.html"] {
        let html = decode(&std::fs::read(Path::new(DIR).join(file)).unwrap());
        let url = Url::parse(page_url(file)).unwrap();
        let rounds = 200;
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(parse_page(&html, &url));
        }
        let stream = t.elapsed() / rounds;
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(read_model(&html, &url, reference));
        }
        let model = t.elapsed() / rounds;
        println!(
            "{file}: {} KiB, parse_page {:?}, read_model {:?}, ratio {:.2}",
            html.len() / 1024,
            stream,
            model,
            model.as_secs_f64() / stream.as_secs_f64()
        );
    }
}

/// Benchmark, not a test: what the content facts cost on top of the page model, on the three
/// real pages: `read_page_with` (one parse, both readers) against `read_model_with`.
/// `cargo test --release -p xunwang-extract --test gov_pages bench_read_page -- --ignored --nocapture`
#[test]
#[ignore = "a benchmark: run with --ignored --release"]
fn bench_read_page_against_read_model() {
    if !Path::new(DIR).is_dir() {
        eprintln!("SKIPPED: {DIR} is absent");
        return;
    }
    let reference = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let cues = xunwang_extract::Cues::default();
    for file in ["gne-other-1.html", "gne-shanxi-1.html", "gne-gzggw-1.html"] {
        let html = decode(&std::fs::read(Path::new(DIR).join(file)).unwrap());
        let url = Url::parse(page_url(file)).unwrap();
        let rounds = 40;
        // Interleaved small batches, best of 25 each: a busy machine skews both alike and the
        // minimum is the least disturbed run.
        let (mut model, mut both) = (std::time::Duration::MAX, std::time::Duration::MAX);
        for _ in 0..25 {
            let t = std::time::Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(xunwang_extract::read_model_with(
                    &html, &url, reference, &cues,
                ));
            }
            model = model.min(t.elapsed() / rounds);
            let t = std::time::Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(xunwang_extract::read_page_with(
                    &html, &url, reference, &cues,
                ));
            }
            both = both.min(t.elapsed() / rounds);
        }
        let facts = xunwang_extract::read_page_with(&html, &url, reference, &cues).content;
        println!(
            "{file}: {} KiB, read_model_with {model:?}, read_page_with {both:?}, ratio {:.2} \
             ({} units, {} hidden, {} links, {} scripts)",
            html.len() / 1024,
            both.as_secs_f64() / model.as_secs_f64(),
            facts.units.len(),
            facts.hidden.len(),
            facts.links.len(),
            facts.scripts.len(),
        );
    }
}
