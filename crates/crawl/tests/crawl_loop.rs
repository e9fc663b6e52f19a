//! The frontier driven the way the engine drives it, over a simulated site with traps.

use url::Url;
use xunwang_crawl::{EntryKind, Frontier, FrontierConfig, Offer, Scope, Skip};

/// Links of a page of a simulated portal: a list of articles, each with an attachment and an
/// image, an external link, a calendar that links next month forever, and a relative link
/// that nests itself (`sub/` on `/x/sub/`).
fn links(page: &Url) -> Vec<(Url, bool)> {
    let mut out = Vec::new();
    let mut add = |href: &str, navigational: bool| {
        out.push((page.join(href).unwrap(), navigational));
    };
    let path = page.path().to_owned();
    match path.as_str() {
        "/" => {
            for i in 0..20 {
                add(&format!("/xwzx/{i}.html"), true);
            }
            add("/hdrl/index.html?month=2026-01", true);
            add("/x/sub/", true);
            add("https://www.gov.cn/", true);
            add("/images/logo.png", false);
        }
        p if p.starts_with("/xwzx/") => {
            add("/", true);
            add(&format!("{}.pdf#page=2", p.trim_end_matches(".html")), true);
            add("/images/logo.png", false);
        }
        "/hdrl/index.html" => {
            let month = page.query().unwrap().trim_start_matches("month=");
            let (y, m) = month.split_once('-').unwrap();
            let (y, m): (u32, u32) = (y.parse().unwrap(), m.parse().unwrap());
            let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            add(&format!("index.html?month={y}-{m:02}"), true);
        }
        p if p.starts_with("/x/") => add("sub/", true),
        _ => {}
    }
    out
}

#[test]
fn a_crawl_over_a_site_with_traps_terminates_and_names_the_traps() {
    let home = Url::parse("http://www.x.gov.cn/").unwrap();
    let config = FrontierConfig {
        max_query_variants: 24,
        ..FrontierConfig::default()
    };
    let mut frontier = Frontier::new(Scope::new(&home, &[]), config);
    assert!(matches!(frontier.offer(&home, 0, true), Offer::New(_)));

    let (mut pages, mut checks, mut skipped) = (0, 0, Vec::new());
    while let Some(entry) = frontier.pop() {
        match entry.kind {
            EntryKind::Check => checks += 1,
            EntryKind::Page => {
                pages += 1;
                for (link, navigational) in links(&entry.url) {
                    if let Offer::Skipped(skip) =
                        frontier.offer(&link, entry.depth + 1, navigational)
                    {
                        skipped.push(skip);
                    }
                }
            }
        }
        assert!(pages + checks < 1_000, "the crawl does not terminate");
    }

    // home + 20 articles + 24 calendar months + /x/sub/ and /x/sub/sub/
    assert_eq!(pages, 1 + 20 + 24 + 2);
    // 20 attachments, the logo, www.gov.cn
    assert_eq!(checks, 22);
    assert_eq!(frontier.pages_accepted(), pages);
    assert_eq!(frontier.seen(), pages + checks);
    assert_eq!(frontier.pending(), 0);
    assert!(skipped.contains(&Skip::Trap("/hdrl/index.html?month".to_owned())));
    assert!(skipped.contains(&Skip::Trap("/x/sub/sub/sub".to_owned())));
    let traps = frontier.traps();
    assert_eq!(traps.len(), 2);
    assert!(traps.iter().all(|(_, refused)| *refused == 1));
}

#[test]
fn a_resumed_crawl_fetches_only_what_was_left() {
    let home = Url::parse("http://www.x.gov.cn/").unwrap();
    let scope = Scope::new(&home, &[]);

    // The first run: the home page fetched, its links accepted, two of them fetched.
    let mut first = Frontier::new(scope.clone(), FrontierConfig::default());
    let mut log = Vec::new(); // what the store holds: (url, depth, kind, done)
    if let Offer::New(e) = first.offer(&home, 0, true) {
        log.push((e.url, e.depth, e.kind, false));
    }
    let mut fetched = 0;
    while fetched < 3 {
        let entry = first.pop().unwrap();
        log.iter_mut().find(|(u, ..)| *u == entry.url).unwrap().3 = true;
        fetched += 1;
        if entry.kind == EntryKind::Page {
            for (link, navigational) in links(&entry.url) {
                if let Offer::New(e) = first.offer(&link, entry.depth + 1, navigational) {
                    log.push((e.url, e.depth, e.kind, false));
                }
            }
        }
    }
    let left: Vec<Url> = std::iter::from_fn(|| first.pop()).map(|e| e.url).collect();

    // After a crash: restore from the log, then the same entries come out, none of the done ones.
    let mut resumed = Frontier::new(scope, FrontierConfig::default());
    for (url, depth, kind, done) in &log {
        resumed.restore(url, *depth, *kind, *done);
    }
    assert_eq!(resumed.pending(), left.len());
    let mut again: Vec<Url> = std::iter::from_fn(|| resumed.pop())
        .map(|e| e.url)
        .collect();
    let mut left = left;
    left.sort();
    again.sort();
    assert_eq!(again, left);
    assert_eq!(resumed.offer(&home, 0, true), Offer::Seen);
}
