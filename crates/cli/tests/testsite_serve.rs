//! `xunwang testsite serve` end to end: it prints the address and the host mapping, writes the
//! manifest, and answers by `Host` header.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn serve_prints_the_mapping_writes_the_manifest_and_answers() {
    let dir = std::env::temp_dir().join(format!("xunwang-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("m.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xunwang"))
        .args([
            "testsite",
            "serve",
            "--port",
            "0",
            "--now",
            "2026-11-28T10:00:00+08:00",
            "--manifest",
        ])
        .arg(&manifest)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut addr = None;
    let mut lines = Vec::new();
    for _ in 0..40 {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(rest) = line.trim().strip_prefix("监听 http://") {
            addr = Some(rest.trim_end_matches('/').to_owned());
        }
        let done = line.contains("Ctrl-C");
        lines.push(line);
        if done {
            break;
        }
    }
    let addr = addr.unwrap_or_else(|| panic!("no address printed: {lines:?}"));
    let text = lines.concat();
    assert!(
        text.contains(&format!("www.jiangcheng.gov.cn={addr}")),
        "{text}"
    );
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!(m["now"], "2026-11-28T10:00:00+08:00");
    assert!(m["faults"].as_array().unwrap().len() >= 20);

    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: www.jiangcheng.gov.cn\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        resp.starts_with("HTTP/1.1 200"),
        "{}",
        &resp[..resp.len().min(200)]
    );
    assert!(resp.contains("<title>江城市人民政府</title>"));
}

#[test]
fn a_missing_scenario_file_is_a_clear_error_with_exit_status_1() {
    let out = Command::new(env!("CARGO_BIN_EXE_xunwang"))
        .args([
            "testsite",
            "serve",
            "--port",
            "0",
            "--scenario",
            "/nonexistent/scenario.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/scenario.toml"), "{err}");
}
