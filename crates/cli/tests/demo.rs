//! `xunwang demo`, the README's main command, runs end to end and agrees with the ground truth.

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
    let _ = std::fs::remove_dir_all(&out_dir);
}
