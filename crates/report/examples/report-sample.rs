//! Writes every sink's output for the sample bulletin into a directory, for the visual check:
//! `cargo run -p xunwang-report --example report-sample -- /tmp/report-check`
//! then `bench/report-visual-check.sh` converts the DOCX to PDF/PNG.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/report-check".into()),
    );
    std::fs::create_dir_all(dir.join("charts"))?;
    let b = xunwang_report::sample_bulletin();
    std::fs::write(
        dir.join("bulletin.docx"),
        xunwang_report::bulletin_docx(&b)?,
    )?;
    std::fs::write(
        dir.join("bulletin.md"),
        xunwang_report::bulletin_markdown(&b),
    )?;
    std::fs::write(dir.join("bulletin.html"), xunwang_report::bulletin_html(&b))?;
    std::fs::write(dir.join("bulletin.json"), xunwang_report::bulletin_json(&b))?;
    std::fs::write(
        dir.join("scorecards.json"),
        xunwang_report::scorecards_json(&b.sites),
    )?;
    std::fs::write(
        dir.join(xunwang_report::CHART_PASS_RATE_PATH),
        xunwang_report::chart_pass_rate_svg(&b.overall),
    )?;
    std::fs::write(
        dir.join(xunwang_report::CHART_SCORE_BANDS_PATH),
        xunwang_report::chart_score_bands_svg(&b.sites),
    )?;
    let site = b
        .sites
        .iter()
        .find(|s| !s.dismissed.is_empty())
        .unwrap_or(&b.sites[0]);
    std::fs::write(
        dir.join("site-sheet.docx"),
        xunwang_report::site_sheet_docx(site, &b.period)?,
    )?;
    std::fs::write(
        dir.join("site-sheet.md"),
        xunwang_report::site_sheet_markdown(site, &b.period),
    )?;
    std::fs::write(
        dir.join("site-sheet.html"),
        xunwang_report::site_sheet_html(site, &b.period),
    )?;
    let vetoed = b
        .sites
        .iter()
        .find(|s| s.score.is_none())
        .unwrap_or(&b.sites[0]);
    std::fs::write(
        dir.join("site-sheet-vetoed.docx"),
        xunwang_report::site_sheet_docx(vetoed, &b.period)?,
    )?;
    let rows: Vec<_> = b
        .problems
        .iter()
        .flat_map(|p| p.examples.iter().map(move |e| (p, e)))
        .map(|(p, e)| xunwang_report::RectificationRow {
            site: e.site.clone(),
            site_home: format!("https://{}/", e.url.split('/').nth(2).unwrap_or_default()),
            indicator: p.title.clone(),
            kind: "column.empty".into(),
            kind_label: p.title.clone(),
            severity: "一般".into(),
            url: e.url.clone(),
            evidence: e.detail.clone(),
            first_seen: "2023-05-02".into(),
            last_seen: "2023-06-30".into(),
            deadline: b.deadline,
        })
        .collect();
    std::fs::write(
        dir.join("rectification.xlsx"),
        xunwang_report::rectification_xlsx(&rows, &b.period)?,
    )?;
    println!("written to {}", dir.display());
    Ok(())
}
