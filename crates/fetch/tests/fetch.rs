//! The fetcher against the sample sites and small scripted servers on 127.0.0.1. No test
//! touches the internet: every fetcher here runs with `resolve_only`.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use support::{Action, http, ok_html, refused_addr, serve};
use url::Url;
use xunwang_core::{LinkVerdict, Reason};
use xunwang_fetch::{
    BROWSER_USER_AGENT, CharsetSource, FetchConfig, Fetcher, Validators, parse_resolve,
};
use xunwang_testsite::{PageEncoding, Scenario, ServeOptions, Testsite};

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

/// Fast retries, no robots, hosts `a.test` and `b.test` mapped to `addr`.
fn local(addr: SocketAddr) -> FetchConfig {
    FetchConfig {
        resolve: vec![("a.test".into(), addr), ("b.test".into(), addr)],
        resolve_only: true,
        respect_robots: false,
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(50),
        ..FetchConfig::default()
    }
}

fn fetcher(config: FetchConfig) -> Fetcher {
    Fetcher::new(config).unwrap()
}

async fn testsite() -> Testsite {
    Testsite::start(&Scenario::default_scenario(), &ServeOptions::default())
        .await
        .unwrap()
}

/// Every sample host mapped to the running sites; robots honoured as by default.
fn for_site(t: &Testsite) -> FetchConfig {
    FetchConfig {
        resolve: t
            .manifest()
            .resolve
            .iter()
            .map(|r| parse_resolve(r).unwrap())
            .collect(),
        resolve_only: true,
        backoff_base: Duration::from_millis(20),
        ..FetchConfig::default()
    }
}

fn indeterminate(reason: Reason) -> LinkVerdict {
    LinkVerdict::Indeterminate { reason }
}

#[tokio::test]
async fn statuses_map_to_verdicts_and_only_404_and_410_are_broken() {
    let s = serve(|req, _| {
        let status = req.path.trim_start_matches('/').parse().unwrap_or(200);
        Action::Send(http(status, &[], b"x"))
    })
    .await;
    let f = fetcher(local(s.addr));
    for (code, expected) in [
        (200, LinkVerdict::Ok),
        (
            404,
            LinkVerdict::Broken {
                reason: Reason::Status(404),
            },
        ),
        (
            410,
            LinkVerdict::Broken {
                reason: Reason::Status(410),
            },
        ),
        (403, indeterminate(Reason::Status(403))),
        (500, indeterminate(Reason::Status(500))),
        (401, indeterminate(Reason::Status(401))),
    ] {
        let got = f.get(&url(&format!("http://a.test/{code}")), None).await;
        assert_eq!(got.verdict, expected, "{code}");
        assert_eq!(got.response.unwrap().status, code);
        assert_eq!(got.attempts, 1, "{code} is not retried");
    }
    assert_eq!(s.page_requests().len(), 6, "no retries for any of them");
}

#[tokio::test]
async fn a_port_that_refuses_every_attempt_is_broken_after_the_retries() {
    let addr = refused_addr().await;
    let f = fetcher(local(addr));
    let got = f.get(&url("http://a.test/"), None).await;
    assert_eq!(
        got.verdict,
        LinkVerdict::Broken {
            reason: Reason::ConnectionRefused
        }
    );
    assert_eq!(got.attempts, 3);
    assert!(got.response.is_none());
    assert_eq!(f.stats().retries, 2);
    assert_eq!(f.stats().broken, 1);
}

#[tokio::test]
async fn a_connection_reset_on_every_attempt_is_indeterminate() {
    let s = serve(|_, _| Action::Reset).await;
    let f = fetcher(local(s.addr));
    let got = f.get(&url("http://a.test/page.html"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::ConnectionReset));
    assert_eq!(got.attempts, 3);
    assert_eq!(s.requests().len(), 3, "resets are retried");
}

#[tokio::test]
async fn a_stalled_server_is_a_timeout_not_a_broken_link() {
    let s = serve(|_, _| Action::Stall).await;
    let f = fetcher(FetchConfig {
        timeout: Duration::from_millis(400),
        retries: 1,
        ..local(s.addr)
    });
    let got = f.get(&url("http://a.test/"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::Timeout));
    assert_eq!(got.attempts, 2, "a timeout is retried");
    assert_eq!(f.stats().timeouts, 1);
}

#[tokio::test]
async fn resolve_only_fails_unmapped_hosts_without_any_request() {
    let s = serve(|_, _| Action::Send(ok_html("hi"))).await;
    let f = fetcher(FetchConfig {
        respect_robots: true,
        ..local(s.addr)
    });
    let got = f.get(&url("http://www.not-mapped.gov.cn/"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::DnsFailed));
    assert_eq!(f.stats().requests, 0);
    assert!(s.requests().is_empty());
    // The mapped host still works, through the same fetcher.
    assert_eq!(
        f.get(&url("http://a.test/"), None).await.verdict,
        LinkVerdict::Ok
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_and_then_succeeds() {
    let s = serve(|_, i| {
        if i == 0 {
            Action::Send(http(429, &[("Retry-After", "1")], b"slow down"))
        } else {
            Action::Send(ok_html("<title>ok</title>"))
        }
    })
    .await;
    let f = fetcher(FetchConfig {
        backoff_max: Duration::from_secs(5),
        ..local(s.addr)
    });
    let got = f.get(&url("http://a.test/"), None).await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    assert_eq!(got.attempts, 2);
    assert_eq!(s.requests().len(), 2);
    assert_eq!(f.stats().retries, 1);
}

#[tokio::test]
async fn a_huge_retry_after_is_capped_by_backoff_max() {
    let s = serve(|_, i| {
        if i == 0 {
            Action::Send(http(503, &[("Retry-After", "86400")], b"maintenance"))
        } else {
            Action::Send(ok_html("back"))
        }
    })
    .await;
    let f = fetcher(local(s.addr)); // backoff_max 50 ms
    let got = tokio::time::timeout(Duration::from_secs(20), f.get(&url("http://a.test/"), None))
        .await
        .expect("Retry-After: 86400 must be capped");
    assert_eq!(got.verdict, LinkVerdict::Ok);
    assert_eq!(got.attempts, 2);
}

#[tokio::test]
async fn persistent_503s_end_indeterminate_after_the_retries() {
    let s = serve(|_, _| Action::Send(http(503, &[], b"busy"))).await;
    let f = fetcher(local(s.addr));
    let got = f.get(&url("http://a.test/"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::Status(503)));
    assert_eq!(got.attempts, 3);
}

#[tokio::test]
async fn a_redirect_chain_is_recorded_hop_by_hop() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    let start = url("http://www.jiangcheng.gov.cn/zwgk/old/index.jsp");
    let got = f.get(&start, None).await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    assert_eq!(got.url, start);
    assert_eq!(got.final_url, url("http://www.jiangcheng.gov.cn/tzgg/"));
    let statuses: Vec<u16> = got.redirects.iter().map(|h| h.status).collect();
    assert_eq!(statuses, vec![301, 302, 307]);
    assert_eq!(got.redirects[0].url, start.as_str());
    assert_eq!(
        got.redirects[1].url,
        "http://www.jiangcheng.gov.cn/zwgk/old/index.jsp?hop=1"
    );
    assert_eq!(got.response.unwrap().status, 200);
}

#[tokio::test]
async fn a_redirect_loop_is_indeterminate() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    let got = f
        .get(&url("http://www.jiangcheng.gov.cn/xxgk/index.jsp"), None)
        .await;
    assert_eq!(got.verdict, indeterminate(Reason::RedirectLoop));
    assert_eq!(got.redirects.len(), 2);
}

#[tokio::test]
async fn relative_locations_resolve_and_too_many_hops_are_indeterminate() {
    let s = serve(|req, _| {
        let n: u32 = req.path.trim_start_matches("/r/").parse().unwrap_or(0);
        let next = format!("../r/{}", n + 1);
        Action::Send(http(302, &[("Location", &next)], b""))
    })
    .await;
    let f = fetcher(FetchConfig {
        max_redirects: 3,
        ..local(s.addr)
    });
    let got = f.get(&url("http://a.test/r/0"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::TooManyRedirects));
    assert_eq!(got.redirects.len(), 4);
    assert_eq!(got.redirects[3].url, "http://a.test/r/3");
    let paths: Vec<String> = s.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, vec!["/r/0", "/r/1", "/r/2", "/r/3"]);
}

#[tokio::test]
async fn a_waf_challenge_is_indeterminate_but_a_browser_gets_the_page() {
    let t = testsite().await;
    let home = url("http://www.jczwfw.gov.cn/");
    let f = fetcher(for_site(&t));
    let got = f.get(&home, None).await;
    assert_eq!(got.verdict, indeterminate(Reason::WafChallenge));
    assert_eq!(got.response.unwrap().status, 412);
    assert_eq!(f.stats().waf, 1);
    let browser = fetcher(FetchConfig {
        user_agent: BROWSER_USER_AGENT.into(),
        ..for_site(&t)
    });
    assert_eq!(browser.get(&home, None).await.verdict, LinkVerdict::Ok);
}

#[tokio::test]
async fn a_bare_412_without_a_challenge_body_stays_a_plain_status() {
    let s = serve(|_, _| Action::Send(http(412, &[], b"precondition failed"))).await;
    let f = fetcher(local(s.addr));
    let got = f.get(&url("http://a.test/"), None).await;
    assert_eq!(got.verdict, indeterminate(Reason::Status(412)));
}

#[tokio::test]
async fn a_compression_bomb_is_cut_at_the_body_limit() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    let got = f
        .get(
            &url("http://fgw.jiangcheng.gov.cn/download/data.html"),
            None,
        )
        .await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let r = got.response.unwrap();
    assert!(r.truncated);
    assert_eq!(r.body.len(), xunwang_fetch::DEFAULT_MAX_BODY_BYTES);
    assert_eq!(f.stats().truncated, 1);
}

#[tokio::test]
async fn a_large_page_is_read_whole_under_the_limit_and_cut_above_it() {
    let t = testsite().await;
    let big = url("http://www.jiangcheng.gov.cn/ztzl/tjzl.html");
    let whole = fetcher(for_site(&t)).get(&big, None).await;
    let r = whole.response.unwrap();
    assert!(!r.truncated);
    assert!(r.body.len() >= 3_000_000);
    let cut = fetcher(FetchConfig {
        max_body_bytes: 1 << 20,
        ..for_site(&t)
    })
    .get(&big, None)
    .await;
    assert_eq!(cut.verdict, LinkVerdict::Ok, "an overflow is not an error");
    let r = cut.response.unwrap();
    assert!(r.truncated);
    assert_eq!(r.body.len(), 1 << 20);
}

#[tokio::test]
async fn a_slow_drip_page_within_the_deadline_is_fine() {
    let t = testsite().await;
    let got = fetcher(for_site(&t))
        .get(&url("http://www.jiangcheng.gov.cn/ztzl/fwsx.html"), None)
        .await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let r = got.response.unwrap();
    assert!(!r.truncated && r.body.len() >= 20_000);
}

#[tokio::test]
async fn every_sample_encoding_decodes_to_the_site_name() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    for site in &t.manifest().sites {
        let got = f.get(&url(&site.home), None).await;
        assert_eq!(got.verdict, LinkVerdict::Ok, "{}", site.host);
        let r = got.response.unwrap();
        assert!(r.is_html(), "{}", site.host);
        let d = r.decode();
        let expected = match site.encoding {
            PageEncoding::Utf8 => ("UTF-8", CharsetSource::Header),
            PageEncoding::GbkHeader => ("GBK", CharsetSource::Header),
            PageEncoding::GbkMeta => ("GBK", CharsetSource::Meta),
            PageEncoding::GbkUndeclared => ("GBK", CharsetSource::Detected),
            PageEncoding::Utf8LabelledGbk => ("UTF-8", CharsetSource::Detected),
        };
        assert_eq!((d.encoding, d.source), expected, "{}", site.host);
        assert!(!d.had_errors, "{}", site.host);
        let title = d
            .text
            .split("<title>")
            .nth(1)
            .and_then(|s| s.split("</title>").next())
            .unwrap_or_default();
        assert!(
            title.contains(&site.name),
            "{}: title `{title}` lacks {}",
            site.host,
            site.name
        );
        assert!(d.text.contains("首页"), "{}", site.host);
    }
}

#[tokio::test]
async fn robots_disallow_is_honoured_without_a_request_and_sitemaps_are_listed() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    let before = f.stats().requests;
    let got = f
        .get(&url("http://www.jiangcheng.gov.cn/private/a.html"), None)
        .await;
    assert_eq!(got.verdict, indeterminate(Reason::RobotsDisallowed));
    assert_eq!(got.attempts, 0);
    assert!(got.response.is_none());
    assert_eq!(
        f.stats().requests - before,
        1,
        "only robots.txt was requested"
    );
    let sitemaps = f
        .robots_sitemaps(&url("http://www.jiangcheng.gov.cn/tzgg/"))
        .await;
    assert_eq!(
        sitemaps,
        vec![url("http://www.jiangcheng.gov.cn/sitemap.xml")]
    );
    assert_eq!(f.stats().requests - before, 1, "robots.txt is cached");
    // Switched off, the same URL is requested.
    let off = fetcher(FetchConfig {
        respect_robots: false,
        ..for_site(&t)
    });
    let got = off
        .get(&url("http://www.jiangcheng.gov.cn/private/a.html"), None)
        .await;
    assert!(got.response.is_some());
}

#[tokio::test]
async fn robots_txt_is_fetched_once_per_host_and_a_404_allows_everything() {
    let s = serve(|req, _| {
        if req.path == "/robots.txt" {
            Action::Send(http(404, &[], b"no"))
        } else {
            Action::Send(ok_html("page"))
        }
    })
    .await;
    let f = fetcher(FetchConfig {
        respect_robots: true,
        ..local(s.addr)
    });
    let mut tasks = Vec::new();
    for i in 0..6 {
        let f = f.clone();
        tasks.push(tokio::spawn(async move {
            f.get(&url(&format!("http://a.test/p{i}")), None).await
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().verdict, LinkVerdict::Ok);
    }
    let robots = s
        .requests()
        .iter()
        .filter(|r| r.path == "/robots.txt")
        .count();
    assert_eq!(robots, 1);
    assert_eq!(s.page_requests().len(), 6);
}

#[tokio::test]
async fn robots_disallow_for_our_token_blocks_and_other_agents_rules_do_not() {
    let s = serve(|req, _| {
        if req.path == "/robots.txt" {
            Action::Send(http(
                200,
                &[("Content-Type", "text/plain")],
                b"User-agent: Baiduspider\nDisallow: /\n\nUser-agent: xunwang\nDisallow: /secret/\n",
            ))
        } else {
            Action::Send(ok_html("page"))
        }
    })
    .await;
    let f = fetcher(FetchConfig {
        respect_robots: true,
        ..local(s.addr)
    });
    let secret = f.get(&url("http://a.test/secret/x"), None).await;
    assert_eq!(secret.verdict, indeterminate(Reason::RobotsDisallowed));
    let open = f.get(&url("http://a.test/open"), None).await;
    assert_eq!(open.verdict, LinkVerdict::Ok);
    assert_eq!(f.stats().robots_disallowed, 1);
}

/// Many requests to one host: never more than `per_host_concurrency` at once.
#[tokio::test]
async fn per_host_concurrency_never_exceeds_the_limit() {
    let s = serve(|_, _| Action::Hold(Duration::from_millis(250), ok_html("slow"))).await;
    let f = fetcher(FetchConfig {
        per_host_concurrency: 2,
        per_ip_concurrency: 100,
        ..local(s.addr)
    });
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let f = f.clone();
            tokio::spawn(async move { f.get(&url(&format!("http://a.test/{i}")), None).await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().verdict, LinkVerdict::Ok);
    }
    assert_eq!(s.requests().len(), 8);
    assert_eq!(s.max_in_flight.load(Ordering::SeqCst), 2);
}

/// Two host names on one address (集约化): the per-IP limit binds across them.
#[tokio::test]
async fn per_ip_concurrency_binds_across_host_names_on_one_address() {
    let s = serve(|_, _| Action::Hold(Duration::from_millis(250), ok_html("slow"))).await;
    let f = fetcher(FetchConfig {
        per_host_concurrency: 4,
        per_ip_concurrency: 3,
        ..local(s.addr)
    });
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let f = f.clone();
            let host = if i % 2 == 0 { "a.test" } else { "b.test" };
            tokio::spawn(async move { f.get(&url(&format!("http://{host}/{i}")), None).await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().verdict, LinkVerdict::Ok);
    }
    let hosts: std::collections::HashSet<String> =
        s.requests().into_iter().map(|r| r.host).collect();
    assert_eq!(hosts.len(), 2, "both names reached the server: {hosts:?}");
    assert_eq!(s.max_in_flight.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_refused_head_falls_back_to_a_ranged_get() {
    let s = serve(|req, _| {
        if req.method == "HEAD" {
            Action::Send(http(405, &[("Allow", "GET")], b""))
        } else {
            Action::Send(http(
                206,
                &[
                    ("Content-Range", "bytes 0-1023/50000"),
                    ("Content-Type", "application/pdf"),
                ],
                &[b'%'; 1024],
            ))
        }
    })
    .await;
    let f = fetcher(local(s.addr));
    let got = f.check(&url("http://a.test/file.pdf")).await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let r = got.response.unwrap();
    assert_eq!(r.status, 206);
    assert_eq!(r.body.len(), 1024);
    let seen = s.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].method, "HEAD");
    assert_eq!(seen[1].method, "GET");
    assert_eq!(seen[1].header("range"), Some("bytes=0-1023"));
}

#[tokio::test]
async fn a_head_answer_is_taken_when_it_is_clear() {
    let s = serve(|req, _| match req.path.as_str() {
        "/gone.pdf" => Action::Send(http(404, &[], b"")),
        _ => Action::Send(http(200, &[("Content-Type", "application/pdf")], b"")),
    })
    .await;
    let f = fetcher(local(s.addr));
    let ok = f.check(&url("http://a.test/file.pdf")).await;
    assert_eq!(ok.verdict, LinkVerdict::Ok);
    assert!(ok.response.unwrap().body.is_empty());
    let gone = f.check(&url("http://a.test/gone.pdf")).await;
    assert!(gone.verdict.is_broken());
    let methods: Vec<String> = s.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, vec!["HEAD", "HEAD"]);
}

#[tokio::test]
async fn a_check_that_ignores_the_range_reads_at_most_64_kib() {
    let big = Arc::new(vec![b'a'; 1 << 20]);
    let counter = Arc::new(AtomicUsize::new(0));
    let c = counter.clone();
    let s = serve(move |req, _| {
        c.fetch_add(1, Ordering::SeqCst);
        if req.method == "HEAD" {
            Action::Send(http(501, &[], b""))
        } else {
            Action::Send(http(200, &[("Content-Type", "application/zip")], &big))
        }
    })
    .await;
    let got = fetcher(local(s.addr))
        .check(&url("http://a.test/a.zip"))
        .await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let r = got.response.unwrap();
    assert!(r.truncated);
    assert_eq!(r.body.len(), 64 * 1024);
    assert_eq!(counter.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_conditional_get_reports_not_modified() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    let home = url("http://www.jiangcheng.gov.cn/");
    let first = f.get(&home, None).await.response.unwrap();
    let etag = first.etag.clone().expect("the sample sites send ETags");
    let v = Validators {
        etag: Some(etag),
        last_modified: None,
    };
    let again = f.get(&home, Some(&v)).await;
    assert_eq!(again.verdict, LinkVerdict::Ok);
    let r = again.response.unwrap();
    assert_eq!(r.status, 304);
    assert!(r.not_modified && r.body.is_empty());
}

#[tokio::test]
async fn the_flaky_site_is_read_despite_its_503s() {
    let t = testsite().await;
    let f = fetcher(for_site(&t));
    // Every tenth request to www.jcwlj.com fails with 503; twenty pages meet two of them.
    for i in 0..20 {
        let got = f.get(&url("http://www.jcwlj.com/"), None).await;
        assert_eq!(got.verdict, LinkVerdict::Ok, "request {i}");
    }
    assert!(f.stats().retries >= 1, "a 503 was retried");
}

#[tokio::test]
async fn the_honest_user_agent_and_chinese_accept_language_are_sent() {
    let s = serve(|_, _| Action::Send(ok_html("x"))).await;
    let f = fetcher(local(s.addr));
    f.get(&url("http://a.test/"), None).await;
    let seen = &s.requests()[0];
    assert_eq!(
        seen.header("user-agent"),
        Some(xunwang_fetch::DEFAULT_USER_AGENT)
    );
    assert!(seen.header("accept-language").unwrap().starts_with("zh-CN"));
}

#[tokio::test]
async fn get_with_sends_the_given_user_agent_once_and_bounds_the_body() {
    let s = serve(|_, _| Action::Send(ok_html(&"正文".repeat(5_000)))).await;
    let f = fetcher(local(s.addr));
    let got = f
        .get_with(
            &url("http://a.test/"),
            Some(xunwang_fetch::SPIDER_USER_AGENT),
            Some(1_000),
        )
        .await;
    let resp = got.response.unwrap();
    assert!(resp.truncated);
    assert!(resp.body.len() <= 1_000);
    let seen = s.requests();
    assert_eq!(seen.len(), 1, "one user-agent header, one request");
    assert_eq!(
        seen[0].header("user-agent"),
        Some(xunwang_fetch::SPIDER_USER_AGENT)
    );
    // The override is per request: the next plain GET is honest again.
    f.get(&url("http://a.test/"), None).await;
    assert_eq!(
        s.requests()[1].header("user-agent"),
        Some(xunwang_fetch::DEFAULT_USER_AGENT)
    );
}

#[test]
fn a_bad_configuration_is_an_error_not_a_panic() {
    let err = Fetcher::new(FetchConfig {
        per_ip_concurrency: 0,
        ..FetchConfig::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("per_ip_concurrency"));
}

#[tokio::test]
async fn a_head_that_resets_the_connection_falls_back_to_get() {
    let s = serve(|req, _| {
        if req.method == "HEAD" {
            Action::Reset
        } else {
            Action::Send(http(
                206,
                &[("Content-Range", "bytes 0-9/10")],
                b"0123456789",
            ))
        }
    })
    .await;
    let got = fetcher(local(s.addr))
        .check(&url("http://a.test/doc.docx"))
        .await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let methods: Vec<String> = s.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods.last().map(String::as_str), Some("GET"));
    assert!(methods.iter().filter(|m| *m == "HEAD").count() >= 1);
}

#[tokio::test]
async fn a_303_during_a_check_continues_with_get_and_other_redirects_keep_head() {
    let s = serve(|req, _| match req.path.as_str() {
        "/a" => Action::Send(http(301, &[("Location", "/b")], b"")),
        "/b" => Action::Send(http(303, &[("Location", "/c")], b"")),
        _ => Action::Send(http(206, &[("Content-Range", "bytes 0-2/3")], b"abc")),
    })
    .await;
    let got = fetcher(local(s.addr)).check(&url("http://a.test/a")).await;
    assert_eq!(got.verdict, LinkVerdict::Ok);
    let statuses: Vec<u16> = got.redirects.iter().map(|h| h.status).collect();
    assert_eq!(statuses, vec![301, 303]);
    assert_eq!(got.final_url, url("http://a.test/c"));
    let methods: Vec<String> = s.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, vec!["HEAD", "HEAD", "GET"]);
}
