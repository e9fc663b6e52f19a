//! URL keys: which URLs are the same page, and which are pages of the same list.

use url::Url;

/// Query parameters that only select a page of a list (compared lowercased).
const PAGINATION_PARAMS: &[&str] = &[
    "page",
    "pageno",
    "page_no",
    "pagenum",
    "page_num",
    "pageindex",
    "page_index",
    "pagesize",
    "curpage",
    "cur_page",
    "currentpage",
    "current",
    "p",
    "pn",
    "start",
    "offset",
    "pagecount",
];

/// Extensions of dynamic list scripts, whose query names the column (`list.jsp?catid=12`):
/// for them the query is kept (minus pagination); for any other path it is dropped.
const DYNAMIC_EXTENSIONS: &[&str] = &[
    "jsp", "jspx", "do", "action", "php", "asp", "aspx", "ashx", "cgi",
];

/// Extensions of a directory's index page (`index.html`, `default.aspx`…).
const INDEX_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "shtm", "jsp", "php", "asp", "aspx"];

/// The key of the page itself: host (lowercased), port, path and query; no scheme, no fragment.
pub(crate) fn page_key(raw: &str) -> String {
    match Url::parse(raw.trim()) {
        Ok(url) => {
            let mut key = authority(&url);
            key.push_str(url.path());
            if let Some(q) = url.query().filter(|q| !q.is_empty()) {
                key.push('?');
                key.push_str(q);
            }
            key
        }
        Err(_) => raw.trim().split('#').next().unwrap_or_default().to_owned(),
    }
}

/// The key of the list a URL shows: `/xwdt/gzdt/index_1.html`, `/xwdt/gzdt/index.html`,
/// `/xwdt/gzdt` and `/xwdt/gzdt/` all give `host/xwdt/gzdt/`; `list_2.html` gives `list.html`.
///
/// The fragment is dropped, and so is the query, except for dynamic scripts (`.jsp`, `.aspx`…)
/// whose query names the column: there only pagination parameters are dropped.
pub(crate) fn list_key(raw: &str) -> String {
    let Ok(url) = Url::parse(raw.trim()) else {
        return page_key(raw);
    };
    let mut key = authority(&url);
    let path = url.path();
    let (dir, last) = match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("/", path),
    };
    let lower = last.to_ascii_lowercase();
    let (stem, ext) = match lower.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext),
        None => (lower.as_str(), ""),
    };
    if last.is_empty() || is_index(stem, ext) {
        key.push_str(dir);
    } else if ext.is_empty() {
        // `/xwdt/gzdt` is the directory `/xwdt/gzdt/`.
        key.push_str(path);
        key.push('/');
    } else if let Some(base) = paged_list_stem(stem) {
        key.push_str(dir);
        key.push_str(base);
        key.push('.');
        key.push_str(ext);
    } else {
        key.push_str(path);
    }
    if DYNAMIC_EXTENSIONS.contains(&ext) {
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !PAGINATION_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        pairs.sort();
        if !pairs.is_empty() {
            key.push('?');
            let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            key.push_str(&joined.join("&"));
        }
    }
    key
}

/// `host[:port]`, lowercased by the URL parser; empty for URLs without a host.
fn authority(url: &Url) -> String {
    let mut s = url.host_str().unwrap_or_default().to_owned();
    if let Some(port) = url.port() {
        s.push(':');
        s.push_str(&port.to_string());
    }
    s
}

/// `index`, `index_3`, `default`, `default_2` with an index extension.
fn is_index(stem: &str, ext: &str) -> bool {
    if !INDEX_EXTENSIONS.contains(&ext) {
        return false;
    }
    let base = strip_page_number(stem).unwrap_or(stem);
    base == "index" || base == "default"
}

/// `list_2` → `list`, `more_3` → `more`: numbered pages of a named list file.
fn paged_list_stem(stem: &str) -> Option<&str> {
    strip_page_number(stem).filter(|base| matches!(*base, "list" | "more"))
}

/// `xxx_12` → `xxx`.
fn strip_page_number(stem: &str) -> Option<&str> {
    let (base, n) = stem.rsplit_once('_')?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_pages_and_pagination_pages_share_the_directory_key() {
        let k = list_key("http://www.a.gov.cn/xwdt/gzdt/");
        assert_eq!(k, "www.a.gov.cn/xwdt/gzdt/");
        for url in [
            "http://www.a.gov.cn/xwdt/gzdt/index.html",
            "https://WWW.A.GOV.CN/xwdt/gzdt/index_1.html",
            "http://www.a.gov.cn/xwdt/gzdt/index_12.shtml#top",
            "http://www.a.gov.cn/xwdt/gzdt/default.htm",
            "http://www.a.gov.cn/xwdt/gzdt",
            "http://www.a.gov.cn/xwdt/gzdt/index.html?from=nav",
        ] {
            assert_eq!(list_key(url), k, "{url}");
        }
        assert_eq!(
            list_key("http://www.a.gov.cn/tzgg/list_3.html"),
            "www.a.gov.cn/tzgg/list.html"
        );
        assert_ne!(list_key("http://www.a.gov.cn/xwdt/"), k);
    }

    #[test]
    fn dynamic_list_scripts_keep_their_column_query_but_not_the_page() {
        let a = list_key("http://a.gov.cn/list.jsp?catid=12&page=3");
        assert_eq!(a, "a.gov.cn/list.jsp?catid=12");
        assert_eq!(list_key("http://a.gov.cn/list.jsp?pageNo=1&catid=12"), a);
        assert_ne!(list_key("http://a.gov.cn/list.jsp?catid=13"), a);
    }

    #[test]
    fn page_key_keeps_the_query_and_drops_scheme_and_fragment() {
        assert_eq!(
            page_key("https://a.gov.cn/art/t1.html?id=2#x"),
            "a.gov.cn/art/t1.html?id=2"
        );
        assert_eq!(page_key("not a url#x"), "not a url");
    }
}
