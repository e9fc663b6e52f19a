//! Markdown, HTML, SVG and JSON sinks: escaping, charts, shape.

mod common;

use common::{assert_well_formed, chongqing_like};
use xunwang_report::{
    CHART_PASS_RATE_PATH, CHART_SCORE_BANDS_PATH, bulletin_html, bulletin_json, bulletin_markdown,
    chart_pass_rate_svg, chart_score_bands_svg, sample_bulletin, scorecards_json, site_sheet_html,
    site_sheet_markdown,
};

const HOSTILE: &str = "<script>alert(1)</script>|局&\"'";

fn hostile_bulletin() -> xunwang_report::Bulletin {
    let mut b = sample_bulletin();
    b.sites[0].name = HOSTILE.into();
    b.sites[1].home = "javascript:alert(1)".into();
    b.problems[0].examples[0].site = HOSTILE.into();
    b.problems[0].examples[0].url = "javascript:alert(2)".into();
    b
}

#[test]
fn html_escapes_hostile_site_names_and_refuses_javascript_links() {
    let b = hostile_bulletin();
    let html = bulletin_html(&b);
    assert!(!html.contains("<script>"), "no live script tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|局&amp;&quot;&#39;"));
    assert!(
        !html.contains("href=\"javascript:"),
        "javascript: URLs are not links"
    );
    assert!(
        html.contains("javascript:alert(2)"),
        "but are still shown as text"
    );
    let sheet = site_sheet_html(&b.sites[0], &b.period);
    assert!(!sheet.contains("<script>"));
    assert!(sheet.starts_with("<!DOCTYPE html>"));
}

#[test]
fn html_is_self_contained_with_both_charts_inline() {
    let html = bulletin_html(&sample_bulletin());
    assert_eq!(html.matches("<svg ").count(), 2);
    assert!(html.contains("<style>") && html.contains("@page"));
    assert!(
        !html.contains("<link") && !html.contains("<script"),
        "no external resources"
    );
    assert!(html.contains("一、总体情况") && html.contains("三、工作要求"));
    // Each inline chart is well-formed SVG on its own.
    for part in html.split("<svg ").skip(1) {
        let end = part.find("</svg>").expect("svg closes") + "</svg>".len();
        assert_well_formed(&format!("<svg {}", &part[..end]));
    }
}

#[test]
fn markdown_escapes_pipes_and_html_and_references_the_chart_files() {
    let b = hostile_bulletin();
    let md = bulletin_markdown(&b);
    assert!(!md.contains("<script>"));
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|局\\&"),
        "{md}"
    );
    assert!(
        !md.contains("](javascript:"),
        "javascript: URLs are not links"
    );
    assert!(md.contains(&format!("]({CHART_PASS_RATE_PATH})")));
    assert!(md.contains(&format!("]({CHART_SCORE_BANDS_PATH})")));
    // Every table row keeps its column count despite the "|" in a name.
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells == 4 || cells == 6, "broken row: {line}");
    }
}

#[test]
fn markdown_bulletin_reads_like_the_docx() {
    let md = bulletin_markdown(&chongqing_like());
    assert!(md.starts_with("# 2023年第二季度全市政府网站和政务新媒体检查情况的通报\n"));
    assert!(md.contains("## 一、总体情况") && md.contains("### （一）空白栏目"));
    assert!(md.contains("总体合格率分别为96.6%、99.7%"));
    assert!(md.contains("[https://wsjkw.xx.gov.cn/zcjd/](https://wsjkw.xx.gov.cn/zcjd/)"));
}

#[test]
fn site_sheet_markdown_has_evidence_links_and_group_rows() {
    let b = sample_bulletin();
    let s = b.sites.iter().find(|s| s.name == "××市民政局").unwrap();
    let md = site_sheet_markdown(s, &b.period);
    assert!(md.contains("# ××市民政局检查情况表"));
    assert!(md.contains("| 一级指标 | 指标 | 评分细则 | 检查情况 | 扣分 |"));
    assert!(
        md.contains("证据：<br>[https://mzj.xx.gov.cn/zcjd/](https://mzj.xx.gov.cn/zcjd/)"),
        "{md}"
    );
    assert!(md.contains("| 2※ |"), "unverified mark");
}

#[test]
fn charts_are_well_formed_svg_with_escaped_labels() {
    let b = hostile_bulletin();
    for svg in [
        chart_pass_rate_svg(&b.overall),
        chart_score_bands_svg(&b.sites),
    ] {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_well_formed(&svg);
    }
    let pass = chart_pass_rate_svg(&b.overall);
    assert!(pass.contains("83.3%（10/12）") && pass.contains("97.9%（137/140）"));
    let bands = chart_score_bands_svg(&b.sites);
    for label in ["110分及以上", "100—110分", "80—100分", "60—80分", "不合格"] {
        assert!(bands.contains(label), "{label}");
    }
    assert!(
        !bands.contains("未评分"),
        "the empty unscored band is not drawn"
    );
}

#[test]
fn pass_rate_chart_without_accounts_has_one_bar() {
    let mut b = sample_bulletin();
    b.overall.accounts_checked = 0;
    let svg = chart_pass_rate_svg(&b.overall);
    assert!(!svg.contains("政务新媒体"));
    assert_well_formed(&svg);
}

#[test]
fn bulletin_json_round_trips_and_scorecards_have_the_documented_fields() {
    let b = sample_bulletin();
    let back: xunwang_report::Bulletin = serde_json::from_str(&bulletin_json(&b)).unwrap();
    assert_eq!(back.sites.len(), 12);
    assert_eq!(back.deadline, b.deadline);
    let cards: Vec<serde_json::Value> = serde_json::from_str(&scorecards_json(&b.sites)).unwrap();
    assert_eq!(cards.len(), 12);
    assert_eq!(cards[0]["site"], "××市人民政府门户网站");
    assert_eq!(cards[0]["home"], "https://www.xx.gov.cn/");
    assert_eq!(cards[0]["score"], 121.5);
    assert_eq!(cards[0]["verdict"], "合格");
    let vetoed = cards.iter().find(|c| c["score"].is_null()).unwrap();
    assert_eq!(vetoed["verdict"], "不合格");
    assert!(
        vetoed["vetoes"][0]
            .as_str()
            .unwrap()
            .starts_with("站点无法访问")
    );
    assert!(vetoed.get("deductions").is_some() && vetoed.get("bonus").is_some());
}
