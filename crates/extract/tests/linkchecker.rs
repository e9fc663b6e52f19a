//! Compares the URLs we extract with those LinkChecker 10.6.0 reports for its own fixtures
//! (`shared/testdata/linkchecker`, see `shared/testdata/README.md`).
//!
//! For every `X.result` whose fixture is markup (HTML, XHTML, WML, PHP) we run `parse_page`;
//! for sitemaps and the URL list we run `parse_sitemap`. The page URL is the first block of the
//! `.result` (the checked page itself) with LinkChecker's placeholders filled in.
//!
//! URLs are compared after a canonical form that both tools agree on in meaning:
//! - the fragment is dropped: LinkChecker keys URLs with fragments only when anchor checking is
//!   on, and a crawler fetches documents, not fragments;
//! - percent-escapes of printable ASCII are decoded and the others upper-cased: LinkChecker
//!   quotes `&`/`$` in paths where the WHATWG URL parser (the `url` crate, browsers) leaves them;
//!   both name the same resource to every server we know;
//! - a URL that cannot be parsed is compared by its raw text.
//!
//! Every fixture must agree exactly, except for the URLs listed in `DELIBERATE_DIFFERENCES`,
//! and those must still differ (so the list cannot go stale).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use url::Url;
use xunwang_extract::{parse_page, parse_sitemap};

/// Placeholder values used to build page URLs (`%(curdir)s` must be an absolute path).
const CURDIR: &str = "/checkout";
const DATADIR: &str = "tests/checker/data";
const PORT: &str = "8000";

struct Deliberate {
    fixture: &'static str,
    /// URLs LinkChecker reports and we do not (LinkChecker placeholder syntax).
    only_linkchecker: &'static [&'static str],
    /// URLs we report and LinkChecker does not.
    only_ours: &'static [&'static str],
}

/// Where we differ from LinkChecker on purpose. Each entry says why.
const DELIBERATE_DIFFERENCES: &[Deliberate] = &[
    // anchor1.html links to anchor2.html#…; with anchor checking on, LinkChecker parses
    // anchor2.html too and reports its links (anchor3.html). We parse one page at a time.
    Deliberate {
        fixture: "anchor1.html",
        only_linkchecker: &["file://%(curdir)s/%(datadir)s/anchor3.html"],
        only_ours: &[],
    },
    // `<link rel=dns-prefetch>` is a connection hint, not a URL to fetch: LinkChecker turns it
    // into dns://host; we skip it (fetching `https://fonts.example.com/` for a preconnect would
    // report a broken link no visitor ever sees).
    Deliberate {
        fixture: "http.html",
        only_linkchecker: &["dns://www.example.org", "dns://linkchecker.github.io"],
        only_ours: &[],
    },
    // LinkChecker's own URL parser rejects `http:`, `http:/`, `http:www.example.com/` and
    // `http:/www.example.com/`. We follow the WHATWG URL standard, as browsers do: a
    // special-scheme URL without `//` whose scheme equals the base's is relative to the base
    // (`http:` is the page itself, which the comparison leaves out).
    Deliberate {
        fixture: "http_slash.html",
        only_linkchecker: &[
            "unparseable: http:",
            "unparseable: http:/",
            "unparseable: http:www.example.com/",
            "unparseable: http:/www.example.com/",
        ],
        only_ours: &[
            "http://localhost:%(port)d/",
            "http://localhost:%(port)d/%(datadir)s/www.example.com/",
            "http://localhost:%(port)d/www.example.com/",
        ],
    },
    // Same fixture as http_slash.html (kept upstream for an old urlunsplit behaviour).
    Deliberate {
        fixture: "http_slash-old-urlunsplit.html",
        only_linkchecker: &[
            "unparseable: http:",
            "unparseable: http:/",
            "unparseable: http:www.example.com/",
            "unparseable: http:/www.example.com/",
        ],
        only_ours: &[
            "http://localhost:%(port)d/",
            "http://localhost:%(port)d/%(datadir)s/www.example.com/",
            "http://localhost:%(port)d/www.example.com/",
        ],
    },
    // The page is ISO-8859-1. LinkChecker rewrites non-UTF-8 percent-escapes as if they were
    // Latin-1 (`%FC` → `%C3%BC`, `%E4` → `ä`); we keep the bytes the page wrote, which are
    // what the server receives from a browser.
    Deliberate {
        fixture: "file_url_quote.html",
        only_linkchecker: &[
            "http://localhost:8001/?quoted=%%C3%%BF",
            "mailto:%%C3%%A4lvin@users.sourceforge.net",
        ],
        only_ours: &[
            "http://localhost:8001/?quoted=%%FC",
            "http://localhost:8001/?quoted=%%FF",
            "mailto:%%E4lvin@users.sourceforge.net",
        ],
    },
    // Same as file_url_quote.html, served over HTTP.
    Deliberate {
        fixture: "http_url_quote.html",
        only_linkchecker: &[
            "http://localhost:8001/?quoted=%%C3%%BF",
            "mailto:%%C3%%A4lvin@users.sourceforge.net",
        ],
        only_ours: &[
            "http://localhost:8001/?quoted=%%FC",
            "http://localhost:8001/?quoted=%%FF",
            "mailto:%%E4lvin@users.sourceforge.net",
        ],
    },
    // `<meta rel=icon href=…>` is not HTML (icons are `<link>`); browsers ignore it, so a
    // broken one would be a finding no visitor can see.
    Deliberate {
        fixture: "misc.html",
        only_linkchecker: &["file://%(curdir)s/%(datadir)s/favicon.ico"],
        only_ours: &[],
    },
];

/// Fixture formats we do not parse, with the reason shown in the table.
fn unsupported(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "css" => Some("CSS file (we read CSS inside HTML only)"),
        "markdown" => Some("Markdown"),
        "pdf" | "doc" => Some("PDF/Word (attachment text is a later issue)"),
        "asc" | "txt" if !name.starts_with("urllist") => Some("plain file, no links"),
        _ => None,
    }
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/linkchecker/data")
}

/// Fills LinkChecker's placeholders.
fn fill(s: &str) -> String {
    s.replace("%(curdir)s", CURDIR)
        .replace("%(datadir)s", DATADIR)
        .replace("%(port)d", PORT)
        .replace("%%", "%")
}

/// Decodes `%XX` of printable ASCII (except `%` itself), upper-cases other escapes.
fn canonical_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = &s[i + 1..i + 3];
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                if (0x21..0x7F).contains(&v) && v != b'%' {
                    out.push(v as char);
                } else {
                    out.push('%');
                    out.push_str(&hex.to_ascii_uppercase());
                }
                i += 3;
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn canonical_url(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    canonical_escapes(url.as_str())
}

fn unparseable(raw: &str) -> String {
    format!("unparseable: {raw}")
}

/// Canonical key of a URL written in LinkChecker placeholder syntax.
fn canonical_written(s: &str) -> String {
    let s = fill(s);
    if s.starts_with("unparseable: ") {
        return s;
    }
    Url::parse(&s).map_or_else(|_| unparseable(&s), |u| canonical_url(&u))
}

struct Block {
    url: String,
    cache_key: String,
}

/// Blocks of a `.result` file; each starts at a `url ` line (blank lines between blocks are
/// optional: `sitemap.xml.result` has none).
fn read_result(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut blocks: Vec<Block> = Vec::new();
    for line in text.lines() {
        if let Some(url) = line.strip_prefix("url ") {
            blocks.push(Block {
                url: url.to_string(),
                cache_key: String::new(),
            });
        } else if let (Some(key), Some(block)) =
            (line.strip_prefix("cache key "), blocks.last_mut())
        {
            block.cache_key = key.to_string();
        }
    }
    blocks
}

/// Decodes fixture bytes the way our fetcher would: UTF-8, else the `<meta>` charset.
fn decode_fixture(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let label = head
        .find("charset=")
        .map(|i| {
            head[i + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .unwrap_or_default();
    let encoding =
        encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode(bytes).0.into_owned()
}

fn result_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            result_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "result") {
            out.push(path);
        }
    }
}

#[test]
fn extracted_urls_match_linkchecker_fixtures() {
    let dir = data_dir();
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED: LinkChecker fixtures not found at {} (shared/testdata is absent)",
            dir.display()
        );
        return;
    }
    let mut results = Vec::new();
    result_files(&dir, &mut results);
    assert!(
        results.len() >= 40,
        "expected the 46 LinkChecker .result files"
    );

    let mut failures = Vec::new();
    let (mut compared, mut exact, mut deliberate, mut skipped) = (0, 0, 0, 0);
    eprintln!(
        "{:<44} {:>5} {:>5} {:>5}  outcome",
        "fixture", "lc", "ours", "both"
    );
    for result in &results {
        let name = result
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".result")
            .to_string();
        let mut fixture = dir.join(&name);
        if !fixture.exists() {
            fixture = dir.join(name.trim_end_matches(".file"));
        }
        let fixture_name = fixture
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if let Some(why) = unsupported(&fixture_name) {
            skipped += 1;
            eprintln!(
                "{name:<44} {:>5} {:>5} {:>5}  not compared: {why}",
                "-", "-", "-"
            );
            continue;
        }
        let mut blocks = read_result(result);
        // The block of the checked page itself: its `url` is absolute and names the fixture.
        let page_block = blocks
            .iter()
            .position(|b| {
                Url::parse(&fill(&b.url))
                    .is_ok_and(|u| u.path().ends_with(&format!("/{fixture_name}")))
            })
            .unwrap_or_else(|| panic!("{name}: no block for the page itself"));
        let page_url = Url::parse(&fill(&blocks.remove(page_block).url)).unwrap();
        let expected: BTreeSet<String> = blocks
            .iter()
            .map(|b| {
                if b.cache_key == "None" {
                    unparseable(&fill(&b.url))
                } else {
                    canonical_written(&b.cache_key)
                }
            })
            .collect();

        let bytes = std::fs::read(&fixture).unwrap();
        let ours: BTreeSet<String> =
            if fixture_name.ends_with(".xml") || fixture_name.starts_with("urllist") {
                let sitemap = parse_sitemap(&bytes).unwrap();
                sitemap
                    .urls
                    .iter()
                    .chain(&sitemap.sitemaps)
                    .map(|s| {
                        page_url
                            .join(s)
                            .map_or_else(|_| unparseable(s), |u| canonical_url(&u))
                    })
                    .collect()
            } else {
                let facts = parse_page(&decode_fixture(&bytes), &page_url);
                facts
                    .links
                    .iter()
                    .map(|l| {
                        l.url
                            .as_ref()
                            .map_or_else(|| unparseable(&l.raw), canonical_url)
                    })
                    .collect()
            };
        compared += 1;
        // LinkChecker merges a link to the page itself into the page's own block, so the
        // page URL is left out on both sides.
        let mut expected = expected;
        let mut ours = ours;
        expected.remove(&canonical_url(&page_url));
        ours.remove(&canonical_url(&page_url));

        let only_lc: BTreeSet<String> = expected.difference(&ours).cloned().collect();
        let only_ours: BTreeSet<String> = ours.difference(&expected).cloned().collect();
        let allowed = DELIBERATE_DIFFERENCES
            .iter()
            .find(|d| d.fixture == fixture_name);
        let (allowed_lc, allowed_ours): (BTreeSet<String>, BTreeSet<String>) = allowed
            .map(|d| {
                (
                    d.only_linkchecker
                        .iter()
                        .map(|s| canonical_written(s))
                        .collect(),
                    d.only_ours.iter().map(|s| canonical_written(s)).collect(),
                )
            })
            .unwrap_or_default();
        let both = expected.intersection(&ours).count();
        let outcome = if only_lc.is_empty() && only_ours.is_empty() && allowed.is_none() {
            exact += 1;
            "exact".to_string()
        } else if allowed.is_some() && only_lc == allowed_lc && only_ours == allowed_ours {
            deliberate += 1;
            format!(
                "deliberate: {} only in LinkChecker, {} only ours",
                only_lc.len(),
                only_ours.len()
            )
        } else {
            failures.push(format!(
                "{name}: only in LinkChecker {only_lc:?} (allowed {allowed_lc:?}); \
                 only ours {only_ours:?} (allowed {allowed_ours:?})"
            ));
            "MISMATCH".to_string()
        };
        eprintln!(
            "{name:<44} {:>5} {:>5} {both:>5}  {outcome}",
            expected.len(),
            ours.len()
        );
    }
    eprintln!(
        "{compared} fixtures compared: {exact} exact, {deliberate} with deliberate differences, \
         {} mismatched; {skipped} not compared",
        failures.len()
    );
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
    for d in DELIBERATE_DIFFERENCES {
        assert!(
            dir.join(d.fixture).exists(),
            "stale DELIBERATE_DIFFERENCES entry {}",
            d.fixture
        );
    }
}
