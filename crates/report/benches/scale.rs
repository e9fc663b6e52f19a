//! How the report sinks scale (issue 6): a province-sized bulletin and rectification list.
//!
//! `cargo bench -p xunwang-report --bench scale [-- SITES ROWS]` (defaults 1,000 sites and
//! 50,000 open findings). The baseline is serde_json writing the same data in the same run,
//! so the figures are quoted as ratios on a noisy machine.

use std::time::Instant;

use xunwang_report::{
    Bulletin, RectificationRow, bulletin_docx, bulletin_html, bulletin_markdown,
    rectification_xlsx, sample_bulletin, scorecards_json,
};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let sites: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000);

    let mut b: Bulletin = sample_bulletin();
    let template = b.sites.clone();
    b.sites = (0..sites)
        .map(|i| {
            let mut s = template[i % template.len()].clone();
            s.name = format!("{}{i}", s.name);
            s.home = format!("http://site{i}.example.gov.cn/");
            s
        })
        .collect();
    b.overall.sites_checked = sites as u32;
    b.overall.sites_total = sites as u32;
    let list: Vec<RectificationRow> = (0..rows)
        .map(|i| RectificationRow {
            site: format!("示例{}局", i % sites),
            site_home: format!("http://site{}.example.gov.cn/", i % sites),
            indicator: "功能设计／链接可用性".into(),
            kind: "link.broken".into(),
            kind_label: "链接不可用".into(),
            severity: "严重".into(),
            url: format!("http://site{}.example.gov.cn/a/{i}.html", i % sites),
            evidence: "链接不可用：HTTP 404，出现在 3 个页面".into(),
            first_seen: "2026-11-01 10:00".into(),
            last_seen: "2026-11-28 10:00".into(),
            deadline: b.deadline,
        })
        .collect();

    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let bytes = f();
        let s = t.elapsed().as_secs_f64();
        println!("{name:<28} {s:>8.3} s {:>10} KB", bytes / 1024);
        s
    };
    println!("{sites} sites, {rows} rectification rows");
    let base_b = time("baseline: bulletin JSON", &mut || {
        serde_json::to_vec(&b).unwrap().len()
    });
    let docx = time("bulletin.docx", &mut || bulletin_docx(&b).unwrap().len());
    let md = time("bulletin.md", &mut || bulletin_markdown(&b).len());
    let html = time("bulletin.html", &mut || bulletin_html(&b).len());
    let cards = time("scorecards.json", &mut || scorecards_json(&b.sites).len());
    let base_r = time("baseline: rows JSON", &mut || {
        serde_json::to_vec(&list).unwrap().len()
    });
    let xlsx = time("rectification.xlsx", &mut || {
        rectification_xlsx(&list, &b.period).unwrap().len()
    });
    println!(
        "ratios to the JSON baseline: docx {:.1}×, md {:.1}×, html {:.1}×, scorecards {:.1}×; xlsx {:.1}× rows JSON",
        docx / base_b,
        md / base_b,
        html / base_b,
        cards / base_b,
        xlsx / base_r
    );
}
