//! Canonical URLs for dedup, on top of what the `url` crate already does.
//!
//! `url` (WHATWG parsing) lowercases scheme and host, converts IDN hosts to punycode, removes
//! default ports and resolves dot segments (`research/crates.md` §5). It does not drop the
//! fragment, normalise percent-encoding, or remove session ids; that is done here.

use url::Url;

/// Canonical form of a URL for dedup.
///
/// On top of `url`'s parsing (lowercase scheme and host, IDN → punycode, default port removed,
/// dot segments resolved) this:
///
/// - removes the fragment;
/// - normalises percent-encoding in path and query (RFC 3986 §6.2.2.2): hex digits uppercased,
///   unreserved characters (`A-Za-z0-9-._~`) decoded, reserved ones (`%2F`, `%3D`…) kept encoded;
/// - removes session ids: `;jsessionid=…` path parameters (any case) and the query parameters
///   `jsessionid`, `phpsessid` and `aspsessionid*` (any case). Other parameters such as `sid`
///   are kept: too many CMS use them for content ids;
/// - drops empty query pieces (`a=1&&b=2` → `a=1&b=2`) and an empty query (`?`);
/// - strips a trailing dot from the host (`www.gov.cn.` → `www.gov.cn`);
/// - keeps the order of query parameters (some CMS depend on it).
///
/// The path of an http(s) URL is never empty (`url` gives `/`). Non-http(s) URLs only lose
/// their fragment. The function is idempotent: `normalize(&normalize(u)) == normalize(u)`.
///
/// ```
/// use url::Url;
/// use xunwang_crawl::normalize;
/// let u = Url::parse("HTTP://WWW.Example.GOV.cn:80/a/./b/../%7euser/x.jsp;jsessionid=AB12?id=1&PHPSESSID=z#top").unwrap();
/// assert_eq!(normalize(&u).as_str(), "http://www.example.gov.cn/a/~user/x.jsp?id=1");
/// ```
pub fn normalize(url: &Url) -> Url {
    let mut out = url.clone();
    out.set_fragment(None);
    if !matches!(out.scheme(), "http" | "https") {
        return out;
    }

    if let Some(host) = out.host_str()
        && host.len() > 1
        && host.ends_with('.')
    {
        let trimmed = host.trim_end_matches('.').to_owned();
        // A failure leaves the host as it was; the URL is still valid.
        let _ = out.set_host(Some(&trimmed));
    }

    let path = strip_path_session_ids(&normalize_percent(out.path()));
    if path != out.path() {
        // Setting the path re-runs the parser, so a `%2E%2E` decoded to `..` is resolved too.
        out.set_path(&path);
    }

    if let Some(query) = out.query() {
        let query = normalize_query(query);
        if query.is_empty() {
            out.set_query(None);
        } else if query != out.query().unwrap_or_default() {
            out.set_query(Some(&query));
        }
    }
    out
}

/// RFC 3986 unreserved characters: decoding them never changes what the URL means.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Uppercase every `%xx` escape and decode the unreserved ones. Malformed escapes are kept.
pub(crate) fn normalize_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex_value(bytes[i + 1]), hex_value(bytes[i + 2]))
        {
            let value = hi * 16 + lo;
            if is_unreserved(value) {
                out.push(char::from(value));
            } else {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(hi)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(lo)]));
            }
            i += 3;
            continue;
        }
        // `url` serialises ASCII only, but stay correct for any input: copy whole chars.
        let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Remove `;jsessionid=…` path parameters (Java servlet URL rewriting), in any case.
/// The parameter runs to the next `;` or the end of its segment.
fn strip_path_session_ids(path: &str) -> String {
    const NEEDLE: &str = ";jsessionid=";
    if !path.to_ascii_lowercase().contains(NEEDLE) {
        return path.to_owned();
    }
    path.split('/')
        .map(|segment| {
            let mut kept = String::with_capacity(segment.len());
            for (i, part) in segment.split(';').enumerate() {
                if i == 0 {
                    kept.push_str(part);
                } else if !part.to_ascii_lowercase().starts_with("jsessionid=") {
                    kept.push(';');
                    kept.push_str(part);
                }
            }
            kept
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a query parameter name is a session id we remove (conservative list).
fn is_session_key(key: &str) -> bool {
    let key = normalize_percent(key).to_ascii_lowercase();
    key == "jsessionid" || key == "phpsessid" || key.starts_with("aspsessionid")
}

/// Normalise escapes, drop session-id parameters and empty pieces, keep the order.
fn normalize_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for piece in query.split('&') {
        if piece.is_empty() {
            continue;
        }
        let key = piece.split('=').next().unwrap_or_default();
        if is_session_key(key) {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&normalize_percent(piece));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(&Url::parse(s).unwrap()).to_string()
    }

    #[test]
    fn normalisation_table_gives_the_canonical_form() {
        let table = [
            // case of scheme and host; path case is significant and kept
            (
                "HTTP://WWW.Beijing.GOV.cn/ZWGK/",
                "http://www.beijing.gov.cn/ZWGK/",
            ),
            // default ports removed, others kept
            ("http://a.gov.cn:80/x", "http://a.gov.cn/x"),
            ("https://a.gov.cn:443/x", "https://a.gov.cn/x"),
            ("http://a.gov.cn:8080/x", "http://a.gov.cn:8080/x"),
            // fragments removed
            ("http://a.gov.cn/x.html#top", "http://a.gov.cn/x.html"),
            ("http://a.gov.cn/x.html#", "http://a.gov.cn/x.html"),
            // dot segments
            (
                "http://a.gov.cn/zwgk/./a/../index.html",
                "http://a.gov.cn/zwgk/index.html",
            ),
            ("http://a.gov.cn/../../x", "http://a.gov.cn/x"),
            // percent-encoding: unreserved decoded, hex uppercased, reserved kept
            ("http://a.gov.cn/%7euser/", "http://a.gov.cn/~user/"),
            ("http://a.gov.cn/%41%62c", "http://a.gov.cn/Abc"),
            ("http://a.gov.cn/a%2fb", "http://a.gov.cn/a%2Fb"),
            ("http://a.gov.cn/a%2Fb", "http://a.gov.cn/a%2Fb"),
            ("http://a.gov.cn/%e4%b8%ad", "http://a.gov.cn/%E4%B8%AD"),
            ("http://a.gov.cn/中文", "http://a.gov.cn/%E4%B8%AD%E6%96%87"),
            ("http://a.gov.cn/s?q=%7e%3d", "http://a.gov.cn/s?q=~%3D"),
            ("http://a.gov.cn/bad%zz", "http://a.gov.cn/bad%zz"),
            // session ids in the path, any case
            (
                "http://a.gov.cn/x.jsp;jsessionid=0A1B2C",
                "http://a.gov.cn/x.jsp",
            ),
            (
                "http://a.gov.cn/x.jsp;JSESSIONID=0A1B2C?id=3",
                "http://a.gov.cn/x.jsp?id=3",
            ),
            (
                "http://a.gov.cn/d;jsessionid=1;v=2/x",
                "http://a.gov.cn/d;v=2/x",
            ),
            // session ids in the query, other parameters and their order kept
            (
                "http://a.gov.cn/x?b=2&jsessionid=abc&a=1",
                "http://a.gov.cn/x?b=2&a=1",
            ),
            ("http://a.gov.cn/x?PHPSESSID=abc", "http://a.gov.cn/x"),
            (
                "http://a.gov.cn/x?id=7&ASPSESSIONIDQSTCTBRA=KLM",
                "http://a.gov.cn/x?id=7",
            ),
            ("http://a.gov.cn/x?sid=7", "http://a.gov.cn/x?sid=7"),
            // empty query and empty pieces
            ("http://a.gov.cn/x?", "http://a.gov.cn/x"),
            ("http://a.gov.cn/x?&&a=1&&", "http://a.gov.cn/x?a=1"),
            // empty path
            ("http://a.gov.cn", "http://a.gov.cn/"),
            // trailing dot in the host
            ("http://a.gov.cn./x", "http://a.gov.cn/x"),
            // IDN host
            ("http://北京市.政务/", "http://xn--1lq90ivtl.xn--zfr164b/"),
        ];
        for (input, want) in table {
            assert_eq!(norm(input), want, "normalising {input}");
        }
    }

    #[test]
    fn normalisation_is_idempotent() {
        let inputs = [
            "HTTP://WWW.Beijing.GOV.cn:80/zwgk/./a/../index.html#x",
            "http://a.gov.cn/%2e%2E/a%2e%2e/b%7E%2f?x=%7e&&jsessionid=1#f",
            "http://a.gov.cn/a;jsessionid=1/b;JSESSIONID=2;x=1?",
            "http://a.gov.cn/中文?q=空 格",
            "http://a.gov.cn/x%25y%2541",
            "http://北京市.政务./路径?",
        ];
        for input in inputs {
            let once = normalize(&Url::parse(input).unwrap());
            let twice = normalize(&once);
            assert_eq!(once, twice, "normalising {input} twice");
        }
    }

    #[test]
    fn decoded_dot_segments_are_resolved() {
        assert_eq!(norm("http://a.gov.cn/a/b/%2E%2E/c"), "http://a.gov.cn/a/c");
    }

    #[test]
    fn non_http_urls_only_lose_their_fragment() {
        assert_eq!(norm("mailto:Ban@Gov.cn#x"), "mailto:Ban@Gov.cn");
    }
}
