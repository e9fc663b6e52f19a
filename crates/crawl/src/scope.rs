//! Which URLs belong to the site being inspected.

use std::collections::HashSet;

use url::Url;

use crate::normalize::normalize;

/// The site's scope: the home page's host plus configured aliases.
///
/// Matching is by host only: scheme (http or https) and port do not matter, so
/// `http://www.x.gov.cn/` and `https://www.x.gov.cn:8443/` are both in the scope of
/// `https://www.x.gov.cn/`. A department sub-domain (`fgw.x.gov.cn`) is its own site unless
/// listed as an alias, and `x.gov.cn` is not `www.x.gov.cn` unless listed either.
///
/// Aliases may be written as a host (`bj.gov.cn`, a port is ignored), a URL
/// (`http://bj.gov.cn/`), or a wildcard `*.bj.gov.cn` that covers `bj.gov.cn` and every
/// sub-domain of it. Aliases that cannot be parsed as a host are ignored.
///
/// ```
/// use url::Url;
/// use xunwang_crawl::Scope;
/// let home = Url::parse("https://www.x.gov.cn/").unwrap();
/// let scope = Scope::new(&home, &["x.gov.cn".to_owned()]);
/// assert!(scope.contains(&Url::parse("http://X.gov.cn/a.html").unwrap()));
/// assert!(!scope.contains(&Url::parse("http://fgw.x.gov.cn/").unwrap()));
/// ```
#[derive(Clone, Debug)]
pub struct Scope {
    home: Url,
    hosts: HashSet<String>,
    /// Wildcard aliases as `.suffix`, matching the bare domain and its sub-domains.
    suffixes: Vec<String>,
}

impl Scope {
    /// The scope of the site whose home page is `home`, widened by `aliases`.
    pub fn new(home: &Url, aliases: &[String]) -> Scope {
        let home = normalize(home);
        let mut hosts = HashSet::new();
        if let Some(host) = home.host_str() {
            hosts.insert(canonical_host(host));
        }
        let mut suffixes = Vec::new();
        for alias in aliases {
            let alias = alias.trim();
            if let Some(rest) = alias.strip_prefix("*.") {
                if let Some(host) = parse_host(rest) {
                    suffixes.push(format!(".{host}"));
                }
            } else if let Some(host) = parse_host(alias) {
                hosts.insert(host);
            }
        }
        Scope {
            home,
            hosts,
            suffixes,
        }
    }

    /// Whether `url` is an http(s) URL on the site's host or one of its aliases.
    pub fn contains(&self, url: &Url) -> bool {
        if !matches!(url.scheme(), "http" | "https") {
            return false;
        }
        let Some(host) = url.host_str() else {
            return false;
        };
        let host = canonical_host(host);
        self.hosts.contains(&host)
            || self
                .suffixes
                .iter()
                .any(|s| host.ends_with(s.as_str()) || host == s[1..])
    }

    /// The site's home page (normalised).
    pub fn home(&self) -> &Url {
        &self.home
    }
}

/// Hosts from `url` are already lowercase and punycode; only a trailing dot remains to drop.
fn canonical_host(host: &str) -> String {
    host.trim_end_matches('.').to_owned()
}

/// A host from an alias written as a host, `host:port`, or a URL.
fn parse_host(alias: &str) -> Option<String> {
    if alias.is_empty() {
        return None;
    }
    let url = if alias.contains("://") {
        Url::parse(alias).ok()?
    } else {
        Url::parse(&format!("http://{alias}/")).ok()?
    };
    let host = canonical_host(url.host_str()?);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn scope(home: &str, aliases: &[&str]) -> Scope {
        let aliases: Vec<String> = aliases.iter().map(|s| (*s).to_owned()).collect();
        Scope::new(&url(home), &aliases)
    }

    #[test]
    fn http_and_https_of_the_home_host_are_in_scope() {
        let s = scope("https://www.x.gov.cn/index.html", &[]);
        assert!(s.contains(&url("http://www.x.gov.cn/a.html")));
        assert!(s.contains(&url("https://WWW.X.GOV.CN/b.html")));
        assert!(s.contains(&url("http://www.x.gov.cn:8080/c.html")));
        assert!(s.contains(&url("http://www.x.gov.cn./d.html")));
    }

    #[test]
    fn a_department_sub_domain_is_out_of_scope() {
        let s = scope("http://www.x.gov.cn/", &[]);
        assert!(!s.contains(&url("http://fgw.x.gov.cn/")));
        assert!(!s.contains(&url("http://x.gov.cn/")));
        assert!(!s.contains(&url("http://www.x.gov.cn.evil.com/")));
    }

    #[test]
    fn aliases_in_any_form_are_in_scope() {
        let s = scope(
            "http://www.x.gov.cn/",
            &[
                "x.gov.cn",
                "http://OLD.x.gov.cn:8080/path",
                " y.gov.cn:81 ",
                "北京市.政务",
            ],
        );
        assert!(s.contains(&url("https://x.gov.cn/")));
        assert!(s.contains(&url("http://old.x.gov.cn/")));
        assert!(s.contains(&url("http://y.gov.cn/")));
        assert!(s.contains(&url("http://北京市.政务/a")));
        assert!(!s.contains(&url("http://fgw.x.gov.cn/")));
    }

    #[test]
    fn a_wildcard_alias_covers_the_domain_and_its_sub_domains() {
        let s = scope("http://www.x.gov.cn/", &["*.x.gov.cn"]);
        assert!(s.contains(&url("http://fgw.x.gov.cn/")));
        assert!(s.contains(&url("http://x.gov.cn/")));
        assert!(!s.contains(&url("http://evilx.gov.cn/")));
    }

    #[test]
    fn non_http_urls_are_never_in_scope() {
        let s = scope("http://www.x.gov.cn/", &[]);
        assert!(!s.contains(&url("ftp://www.x.gov.cn/")));
        assert!(!s.contains(&url("mailto:a@www.x.gov.cn")));
    }

    #[test]
    fn the_home_is_kept_normalised() {
        let s = scope("HTTP://WWW.X.GOV.CN:80#top", &[]);
        assert_eq!(s.home().as_str(), "http://www.x.gov.cn/");
    }
}
