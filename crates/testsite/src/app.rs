//! Request → reply: routing by `Host`, the hostile behaviours, encodings, conditional GET.
//!
//! Everything here is synchronous and free of sockets, so tests can call it directly; the
//! server in `serve.rs` only moves bytes and honours the delays and stalls it is told about.

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::render::{self, Client};
use crate::rng::{hash, hash_bytes};
use crate::scenario::{Behaviour, FailMode, PageEncoding};
use crate::world::{ColumnStyle, Site, World};

/// A request, reduced to what the sites look at.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `HEAD`, `POST`…
    pub method: String,
    /// `Host` header (port included or not).
    pub host: String,
    /// Path, starting with `/`.
    pub path: String,
    /// Raw query string without `?`.
    pub query: Option<String>,
    /// `User-Agent` header.
    pub user_agent: String,
    /// `If-None-Match` header.
    pub if_none_match: Option<String>,
    /// `Range` header.
    pub range: Option<String>,
}

/// How the body goes out.
#[derive(Debug, Clone)]
pub enum Body {
    /// All at once.
    Full(Bytes),
    /// Trickled at a fixed speed.
    Drip {
        /// The bytes.
        data: Bytes,
        /// Speed.
        bytes_per_second: u64,
    },
    /// No answer for a while, then the connection closes.
    Stall(Duration),
    /// The connection closes at once.
    Reset,
}

/// A reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(&'static str, String)>,
    /// Body.
    pub body: Body,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Bytes>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: Body::Full(body.into()),
            delay: Duration::ZERO,
        }
    }

    fn redirect(status: u16, location: String) -> Reply {
        let mut r = Reply::new(
            status,
            "text/html; charset=utf-8",
            format!("<a href=\"{location}\">moved</a>"),
        );
        r.headers.push(("location", location));
        r
    }

    /// The body bytes, if it is a plain body.
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.body {
            Body::Full(b) | Body::Drip { data: b, .. } => Some(b),
            _ => None,
        }
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The sample sites as a request handler, with the state the behaviours need.
#[derive(Debug)]
pub struct App {
    world: Arc<World>,
    counters: Vec<AtomicU64>,
    windows: Mutex<HashMap<usize, (Instant, u32)>>,
    bombs: Vec<OnceLock<Bytes>>,
    /// Requests per `METHOD host/path?query`, when recording is on (tests of resume).
    hits: Option<Mutex<HashMap<String, u64>>>,
    /// Headers added to every answer (e.g. `LinkChecker: …`, which LinkChecker requires before
    /// it will exceed 10 requests per second to a host).
    extra_headers: Vec<(String, String)>,
}

/// Whether a user agent looks like a desktop browser (what a WAF lets through).
pub fn is_browser(ua: &str) -> bool {
    let l = ua.to_ascii_lowercase();
    l.starts_with("mozilla/5.0")
        && ["chrome/", "firefox/", "safari/", "edg/"]
            .iter()
            .any(|b| l.contains(b))
        && ![
            "bot", "spider", "crawl", "curl", "python", "xunwang", "wget", "headless",
        ]
        .iter()
        .any(|b| l.contains(b))
}

/// Whether a user agent is a search spider (what cloaking targets).
pub fn is_spider(ua: &str) -> bool {
    let l = ua.to_ascii_lowercase();
    [
        "baiduspider",
        "sogou",
        "360spider",
        "bytespider",
        "googlebot",
        "bingbot",
        "yisouspider",
    ]
    .iter()
    .any(|s| l.contains(s))
}

const WAF_PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>安全验证</title></head><body>\
<noscript>请开启JavaScript并刷新该页.</noscript><script>var _0x2a=['cookie','location'];document[_0x2a[0]]='__jsl_clearance=1600000000.123|0|abc';location.reload();</script></body></html>\n";

impl App {
    /// A handler for a built world.
    pub fn new(world: World) -> App {
        let n = world.behaviours.len();
        App {
            counters: (0..n).map(|_| AtomicU64::new(0)).collect(),
            windows: Mutex::new(HashMap::new()),
            bombs: (0..n).map(|_| OnceLock::new()).collect(),
            world: Arc::new(world),
            hits: None,
            extra_headers: Vec::new(),
        }
    }

    /// Adds these headers to every answer.
    pub fn with_headers(mut self, headers: Vec<(String, String)>) -> App {
        self.extra_headers = headers;
        self
    }

    /// Headers added to every answer.
    pub fn extra_headers(&self) -> &[(String, String)] {
        &self.extra_headers
    }

    /// Records every request (method, host, path and query) from now on; read with
    /// [`App::hits`]. Off by default: benchmarks should not pay for a shared map.
    pub fn recording_hits(mut self) -> App {
        self.hits = Some(Mutex::new(HashMap::new()));
        self
    }

    /// Requests seen so far, keyed `METHOD host/path?query` (host without port, lowercase).
    /// Empty unless built with [`App::recording_hits`].
    pub fn hits(&self) -> HashMap<String, u64> {
        match &self.hits {
            Some(m) => m.lock().map(|h| h.clone()).unwrap_or_default(),
            None => HashMap::new(),
        }
    }

    /// The key [`App::hits`] uses for a request.
    pub fn hit_key(method: &str, host: &str, path: &str, query: Option<&str>) -> String {
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        match query {
            Some(q) => format!("{method} {host}{path}?{q}"),
            None => format!("{method} {host}{path}"),
        }
    }

    /// The world served.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Answers one request.
    pub fn handle(&self, req: &Request) -> Reply {
        if let Some(hits) = &self.hits
            && let Ok(mut h) = hits.lock()
        {
            let key = App::hit_key(&req.method, &req.host, &req.path, req.query.as_deref());
            *h.entry(key).or_default() += 1;
        }
        let host = req
            .host
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let site_host = self.world.site_for_host(&host).map(|s| s.host.clone());
        // In single-host mode behaviours are keyed by the site's real host name.
        let bhost = if self.world.single_host {
            site_host.clone().unwrap_or(host.clone())
        } else {
            host.clone()
        };
        let mut delay = Duration::ZERO;
        for (i, b) in self.world.behaviours.iter().enumerate() {
            if !b.matches(&bhost, &req.path) {
                continue;
            }
            match b {
                Behaviour::Waf { .. } if !is_browser(&req.user_agent) => {
                    let mut r = Reply::new(412, "text/html; charset=utf-8", WAF_PAGE);
                    r.headers.push(("server", "WAF/2.0".into()));
                    return r;
                }
                Behaviour::RateLimit {
                    per_second,
                    retry_after_secs,
                    ..
                } => {
                    let mut w = self.windows.lock().unwrap_or_else(|e| e.into_inner());
                    let now = Instant::now();
                    let slot = w.entry(i).or_insert((now, 0));
                    if now.duration_since(slot.0) >= Duration::from_secs(1) {
                        *slot = (now, 0);
                    }
                    slot.1 += 1;
                    if slot.1 > *per_second {
                        let mut r = Reply::new(
                            429,
                            "text/html; charset=utf-8",
                            "<h1>429 Too Many Requests</h1>",
                        );
                        r.headers
                            .push(("retry-after", retry_after_secs.to_string()));
                        return r;
                    }
                }
                Behaviour::Flaky {
                    every,
                    mode,
                    stall_secs,
                    ..
                } => {
                    let n = self.counters[i].fetch_add(1, Ordering::Relaxed) + 1;
                    if n.is_multiple_of(u64::from(*every)) {
                        let body = match mode {
                            FailMode::Error => {
                                Body::Full(Bytes::from_static(b"<h1>503 Service Unavailable</h1>"))
                            }
                            FailMode::Stall => Body::Stall(Duration::from_secs(*stall_secs)),
                            FailMode::Reset => Body::Reset,
                        };
                        return Reply {
                            status: 503,
                            headers: vec![("content-type", "text/html".into())],
                            body,
                            delay: Duration::ZERO,
                        };
                    }
                }
                Behaviour::Latency { ms, jitter_ms, .. } => {
                    let n = self.counters[i].fetch_add(1, Ordering::Relaxed);
                    let j = if *jitter_ms > 0 {
                        hash(&[self.world.seed, n]) % (2 * jitter_ms + 1)
                    } else {
                        *jitter_ms
                    };
                    delay += Duration::from_millis((ms + j).saturating_sub(*jitter_ms));
                }
                _ => {}
            }
        }
        let mut reply = self.route(req, &host, &bhost);
        reply.delay += delay;
        self.finish(req, reply)
    }

    fn finish(&self, req: &Request, mut reply: Reply) -> Reply {
        if reply.status == 200
            && let Some(body) = reply.bytes()
        {
            let etag = format!("\"{:016x}\"", etag_hash(body));
            if req.if_none_match.as_deref() == Some(etag.as_str()) {
                return Reply {
                    status: 304,
                    headers: vec![("etag", etag)],
                    body: Body::Full(Bytes::new()),
                    delay: reply.delay,
                };
            }
            reply.headers.push(("etag", etag));
            if let (Some(range), Body::Full(b)) = (&req.range, &reply.body)
                && let Some((a, z)) = parse_range(range, b.len())
            {
                let part = b.slice(a..=z);
                reply
                    .headers
                    .push(("content-range", format!("bytes {a}-{z}/{}", b.len())));
                reply.status = 206;
                reply.body = Body::Full(part);
            }
        }
        reply
    }

    fn route(&self, req: &Request, host: &str, bhost: &str) -> Reply {
        let world = &*self.world;
        if let Some(site) = world.site_for_host(host) {
            if let Some(r) = self.special(req, site, bhost) {
                return r;
            }
            return match self.site_page(req, site) {
                Some(r) => r,
                None => {
                    let soft = world.behaviours.iter().any(|b| matches!(b, Behaviour::Soft404 { host } if host.eq_ignore_ascii_case(bhost)));
                    let html = render::not_found(world, site);
                    self.html(site, if soft { 200 } else { 404 }, html)
                }
            };
        }
        if let Some((role, name)) = world.outside_role(host) {
            return match render::outside(role, name, host, &req.path) {
                Some((body, ct)) => Reply::new(200, ct, body),
                None => Reply::new(404, "text/html; charset=utf-8", "<h1>404 Not Found</h1>"),
            };
        }
        if req.path == "/" {
            return Reply::new(200, "text/html; charset=utf-8", render::directory(world));
        }
        Reply::new(
            404,
            "text/plain; charset=utf-8",
            format!("unknown host `{host}`\n"),
        )
    }

    /// Encodes a page as its site does and labels it (or mislabels it).
    fn html(&self, site: &Site, status: u16, html: String) -> Reply {
        let (ct, bytes): (&str, Bytes) = match site.encoding {
            PageEncoding::Utf8 => ("text/html; charset=utf-8", html.into()),
            PageEncoding::Utf8LabelledGbk => ("text/html; charset=gb2312", html.into()),
            enc => {
                let (b, _, _) = encoding_rs::GBK.encode(&html);
                let ct = if enc == PageEncoding::GbkHeader {
                    "text/html; charset=GBK"
                } else {
                    "text/html"
                };
                (ct, Bytes::from(b.into_owned()))
            }
        };
        Reply::new(status, ct, bytes)
    }

    fn special(&self, req: &Request, site: &Site, bhost: &str) -> Option<Reply> {
        let world = &*self.world;
        for (i, b) in world.behaviours.iter().enumerate() {
            if !b.host().eq_ignore_ascii_case(bhost) || b.path() != req.path {
                continue;
            }
            let q = parse_query(req.query.as_deref());
            match b {
                Behaviour::RedirectChain { path, hops, to, .. } => {
                    let hop: u32 = q.get("hop").and_then(|h| h.parse().ok()).unwrap_or(0);
                    let status = [301, 302, 307][(hop % 3) as usize];
                    let next = if hop + 1 < *hops {
                        format!("{}{path}?hop={}", site.origin, hop + 1)
                    } else {
                        format!("{}{to}", site.origin)
                    };
                    return Some(Reply::redirect(status, next));
                }
                Behaviour::RedirectLoop { path, .. } => {
                    let next = if q.contains_key("loop") {
                        format!("{}{path}", site.origin)
                    } else {
                        format!("{}{path}?loop=b", site.origin)
                    };
                    return Some(Reply::redirect(302, next));
                }
                Behaviour::Large { bytes, .. } => {
                    return Some(self.html(site, 200, render::large(world, site, *bytes)));
                }
                Behaviour::SlowDrip {
                    bytes,
                    bytes_per_second,
                    ..
                } => {
                    let mut r = self.html(site, 200, render::large(world, site, *bytes));
                    if let Body::Full(data) = r.body {
                        r.body = Body::Drip {
                            data,
                            bytes_per_second: *bytes_per_second,
                        };
                    }
                    return Some(r);
                }
                Behaviour::Bomb {
                    decompressed_mb, ..
                } => {
                    let data = self.bombs[i].get_or_init(|| bomb(*decompressed_mb)).clone();
                    let mut r = Reply::new(200, "text/html; charset=utf-8", data);
                    r.headers.push(("content-encoding", "gzip".into()));
                    return Some(r);
                }
                Behaviour::CalendarTrap { path, .. } => {
                    let month = q.get("month").cloned().unwrap_or_else(|| "2023-01".into());
                    let day = q.get("day").and_then(|d| d.parse().ok());
                    return Some(self.html(
                        site,
                        200,
                        render::calendar(world, site, path, &month, day),
                    ));
                }
                _ => {}
            }
        }
        None
    }

    fn site_page(&self, req: &Request, site: &Site) -> Option<Reply> {
        let world = &*self.world;
        let path = req.path.as_str();
        let client = if is_spider(&req.user_agent) {
            Client::Spider
        } else {
            Client::Normal
        };
        match path {
            "/" | "/index.html" | "/index.htm" => {
                return Some(self.html(site, 200, render::home(world, site, client)));
            }
            "/robots.txt" => {
                return Some(Reply::new(
                    200,
                    "text/plain; charset=utf-8",
                    render::robots(world, site),
                ));
            }
            "/sitemap.xml" => {
                return Some(Reply::new(
                    200,
                    "application/xml",
                    render::sitemap(world, site),
                ));
            }
            "/search/" | "/search/index.html" => {
                // Browsers submit a form in the page's encoding: GBK sites read GBK queries.
                let gbk = matches!(
                    site.encoding,
                    PageEncoding::GbkHeader | PageEncoding::GbkMeta | PageEncoding::GbkUndeclared
                );
                let q = parse_query_as(req.query.as_deref(), gbk);
                let word = q.get("searchword").cloned().unwrap_or_default();
                return Some(self.html(site, 200, render::search(world, site, &word)));
            }
            _ => {}
        }
        if let Some(asset) = path.strip_prefix("/images/") {
            return static_asset(asset);
        }
        // The column whose directory is the longest prefix of the path.
        let (ci, c) = site
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| path.starts_with(&c.path))
            .max_by_key(|(_, c)| c.path.len())?;
        let rest = &path[c.path.len()..];
        let list_page = |rest: &str| -> Option<u32> {
            match rest {
                "" | "index.html" => Some(0),
                r => r
                    .strip_prefix("index_")?
                    .strip_suffix(".html")?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0),
            }
        };
        match c.style {
            ColumnStyle::Channel => (rest.is_empty() || rest == "index.html")
                .then(|| self.html(site, 200, render::channel(world, site, ci))),
            ColumnStyle::Single => (rest.is_empty() || rest == "index.html")
                .then(|| self.html(site, 200, render::single(world, site, ci))),
            ColumnStyle::Board => {
                if req.method == "POST" && rest == "submit" {
                    return Some(self.html(site, 200, render::message_submitted(world, site)));
                }
                if rest == "form.html" {
                    return Some(self.html(site, 200, render::message_form(world, site, ci)));
                }
                let msgs = site.board.as_deref().unwrap_or(&[]);
                if let Some(n) = list_page(rest) {
                    let pages = (msgs.len() as u32)
                        .div_ceil(crate::world::BOARD_PAGE_SIZE)
                        .max(1);
                    return (n < pages)
                        .then(|| self.html(site, 200, render::board(world, site, ci, n)));
                }
                let id: u64 = rest.strip_suffix(".html")?.parse().ok()?;
                let m = msgs.iter().find(|m| m.id == id)?;
                Some(self.html(site, 200, render::message(world, site, ci, m)))
            }
            ColumnStyle::List => {
                if let Some(n) = list_page(rest) {
                    return (n < site.list_pages(ci))
                        .then(|| self.html(site, 200, render::list(world, site, ci, n)));
                }
                if let Some(item) = site.item_at(world, path) {
                    let mut r = self.html(site, 200, render::article(world, site, &item));
                    r.headers.push((
                        "last-modified",
                        item.when
                            .with_timezone(&chrono::Utc)
                            .format("%a, %d %b %Y %H:%M:%S GMT")
                            .to_string(),
                    ));
                    return Some(r);
                }
                self.attachment(site, path)
            }
        }
    }

    fn attachment(&self, site: &Site, path: &str) -> Option<Reply> {
        let world = &*self.world;
        let file = path.rsplit('/').next()?;
        let (stem, ext) = file.rsplit_once('.')?;
        let digits = stem.strip_prefix("P0")?.split('_').next()?;
        let id: u64 = digits.get(8..)?.parse().ok()?;
        let ci = ((id / 100_000) % 100) as usize;
        let k = (id % 100_000) as u32;
        if id / 10_000_000 != site.idx as u64 + 1
            || ci >= site.columns.len()
            || k >= site.columns[ci].count
        {
            return None;
        }
        let att = site
            .attachments(world, ci, k)
            .into_iter()
            .find(|a| a.path == path)?;
        let item = site.item(world, ci, k);
        let bytes = crate::content::attachment_bytes(world, site, &item, &att);
        let ct = match ext {
            "pdf" => "application/pdf",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        };
        Some(Reply::new(200, ct, bytes))
    }
}

/// The ETag of a body: FNV-1a of its first MiB, mixed with its length. Hashes the bytes as
/// sent, without decoding them (GBK bodies are not UTF-8).
fn etag_hash(b: &[u8]) -> u64 {
    hash_bytes(&b[..b.len().min(1 << 20)]) ^ b.len() as u64
}

fn static_asset(name: &str) -> Option<Reply> {
    // A 1×1 transparent GIF stands in for every image.
    const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    match name.rsplit_once('.')?.1 {
        "css" => Some(Reply::new(
            200,
            "text/css",
            "body{font-family:\"Microsoft YaHei\",SimSun;}\n",
        )),
        "png" | "jpg" | "gif" => Some(Reply::new(200, "image/gif", Bytes::from_static(GIF))),
        _ => None,
    }
}

fn parse_range(range: &str, len: usize) -> Option<(usize, usize)> {
    let spec = range.strip_prefix("bytes=")?;
    let (a, z) = spec.split_once('-')?;
    if len == 0 {
        return None;
    }
    let a: usize = a.trim().parse().ok()?;
    let z: usize = if z.trim().is_empty() {
        len - 1
    } else {
        z.trim().parse().ok()?
    };
    (a <= z && a < len).then_some((a, z.min(len - 1)))
}

/// Query parameters, percent-decoded as UTF-8 (GBK where the bytes are not UTF-8).
pub(crate) fn parse_query(q: Option<&str>) -> HashMap<String, String> {
    parse_query_as(q, false)
}

/// Query parameters, percent-decoded as GBK when `gbk`, else as UTF-8 falling back to GBK.
pub(crate) fn parse_query_as(q: Option<&str>, gbk: bool) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for pair in q.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| -> String {
            let s = s.replace('+', " ");
            let bytes: Vec<u8> = percent_encoding::percent_decode_str(&s).collect();
            if gbk {
                return encoding_rs::GBK.decode(&bytes).0.into_owned();
            }
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => encoding_rs::GBK.decode(e.as_bytes()).0.into_owned(),
            }
        };
        out.insert(decode(k), decode(v));
    }
    out
}

/// A gzip body that inflates to `mb` MiB of HTML whitespace.
fn bomb(mb: u64) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(b"<!DOCTYPE html><html><head><title>bomb</title></head><body>");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..mb {
        let _ = enc.write_all(&chunk);
    }
    let _ = enc.write_all(b"</body></html>");
    Bytes::from(enc.finish().unwrap_or_default())
}
