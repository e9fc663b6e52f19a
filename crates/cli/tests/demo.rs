//! `xunwang demo`, the README's main command, runs end to end and agrees with the ground truth.

use std::path::Path;

use calamine::Reader;
use std::process::Command;

#[test]
fn demo_inspects_the_sample_sites_and_matches_the_ground_truth() {
    let out_dir = std::env::temp_dir().join(format!("xunwang-demo-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let out = Command::new(env!("CARGO_BIN_EXE_xunwang"))
        .args(["demo", "--quiet", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The per-kind comparison: every kind this version checks, no miss and no false alarm.
    assert!(
        stdout.contains("link.broken（链接不可用）\t4\t4\t0\t0\t1.00\t1.00"),
        "{stdout}"
    );
    let total = stdout
        .lines()
        .find(|l| l.starts_with("合计："))
        .unwrap_or_else(|| panic!("no total line: {stdout}"));
    assert!(total.ends_with("漏报 0 个，误报 0 个"), "{total}");
    for kind in [
        "column.stale",
        "column.empty",
        "home.stale",
        "identity.site_code_missing",
        "interaction.unanswered",
    ] {
        let row = stdout
            .lines()
            .find(|l| l.starts_with(kind))
            .unwrap_or_else(|| panic!("no row for {kind}: {stdout}"));
        assert!(row.ends_with("\t1.00\t1.00"), "{row}");
    }
    let jsonl = std::fs::read_to_string(out_dir.join("findings.jsonl")).unwrap();
    let broken = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "link.broken")
        .count();
    assert_eq!(broken, 4);

    check_reports(&out_dir, &jsonl);
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// The bulletin states the numbers of scorecards.json, and the rectification list has one row
/// per open finding (issue 6, "Done when").
fn check_reports(out_dir: &Path, jsonl: &str) {
    let cards: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("scorecards.json")).unwrap())
            .unwrap();
    assert_eq!(cards.len(), 5, "{cards:?}");
    for c in &cards {
        assert!(c["site"].is_string(), "{c}");
        let verdict = c["verdict"].as_str().unwrap();
        assert!(verdict == "合格" || verdict == "不合格", "{c}");
        // A vetoed site has no score; a passed one has one.
        assert_eq!(
            c["score"].is_number(),
            verdict == "合格" || c["vetoes"].as_array().is_none_or(|v| v.is_empty()),
            "{c}"
        );
    }
    let checked = cards.len() as u32;
    let passed = cards.iter().filter(|c| c["verdict"] == "合格").count() as u32;
    let rate = format!("{:.1}%", f64::from(passed) * 100.0 / f64::from(checked));

    let text = docx_text(&out_dir.join("bulletin.docx"));
    for want in [
        "一、总体情况".to_owned(),
        "二、存在问题".to_owned(),
        "三、工作要求".to_owned(),
        format!("政府网站{checked}个"),
        format!("合格{passed}个"),
        rate.clone(),
    ] {
        assert!(text.contains(&want), "bulletin.docx lacks {want}: {text}");
    }
    for c in cards.iter().filter(|c| c["verdict"] == "不合格") {
        let name = c["site"].as_str().unwrap();
        assert!(
            text.contains(name),
            "the failed site {name} is not named: {text}"
        );
    }
    for f in ["bulletin.md", "bulletin.html"] {
        let t = std::fs::read_to_string(out_dir.join(f)).unwrap();
        assert!(t.contains(&rate), "{f} lacks {rate}");
    }

    // One row per open finding: everything but notes and links that could not be judged.
    let open = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["severity"] != "info" && v["kind"] != "link.indeterminate")
        .count();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out_dir.join("rectification.xlsx")).unwrap();
    let range = book.worksheet_range("整改清单").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len() - 1, open, "header + one row per open finding");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert!(header.iter().any(|h| h == "整改期限"), "{header:?}");
    let kinds: std::collections::BTreeSet<String> =
        rows[1..].iter().map(|r| r[5].to_string()).collect();
    assert!(
        kinds.contains("link.broken") && kinds.contains("column.empty"),
        "{kinds:?}"
    );

    // LibreOffice opens the .docx (where it is installed).
    match which_office() {
        None => eprintln!("skipped: libreoffice not installed, the .docx was not converted to PDF"),
        Some(office) => {
            let pdf_dir = out_dir.join("pdf");
            let status = Command::new(office)
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&pdf_dir)
                .arg(out_dir.join("bulletin.docx"))
                .output()
                .unwrap();
            assert!(status.status.success(), "{status:?}");
            let pdf = std::fs::read(pdf_dir.join("bulletin.pdf")).unwrap();
            assert!(
                pdf.starts_with(b"%PDF") && pdf.len() > 10_000,
                "{} bytes",
                pdf.len()
            );
        }
    }
}

fn which_office() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|o| {
        Command::new(o)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

/// The text of a .docx body (runs joined, tags dropped).
fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
