//! Link verdicts: the tri-state outcome of checking one target (DESIGN.md "Data flow").
//!
//! A link's outcome is data, never an `Err`. **Broken** only when it is definitely broken
//! (404/410, NXDOMAIN, refused on every retry, soft-404); everything a server might do to a robot
//! but not to a person (401/403/412/429/5xx, timeouts, WAF challenges, redirect loops) is
//! **Indeterminate** with a reason and never becomes `link.broken`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a target is broken or could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The server answered with this HTTP status.
    Status(u16),
    /// The host name does not exist (NXDOMAIN).
    DnsNotFound,
    /// Name resolution failed for another reason (timeout, SERVFAIL).
    DnsFailed,
    /// The TCP connection was refused.
    ConnectionRefused,
    /// The connection was reset or closed before a complete answer.
    ConnectionReset,
    /// No answer within the time limit.
    Timeout,
    /// TLS handshake or certificate failure, with the library's message.
    Tls(String),
    /// A WAF or anti-bot challenge answered instead of the page (e.g. 412 + script challenge).
    WafChallenge,
    /// The page answers 200 but says the content does not exist (软 404).
    Soft404,
    /// The redirects return to a URL already visited. Cookie-based WAF redirects loop for
    /// clients without cookies, so a loop alone is not proof that a person cannot reach it.
    RedirectLoop,
    /// More redirects than the hop limit.
    TooManyRedirects,
    /// robots.txt forbids fetching it; not checked.
    RobotsDisallowed,
    /// The URL cannot be requested at all (bad syntax, unsupported scheme).
    InvalidUrl(String),
    /// Any other failure, with its message.
    Other(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Status(code) => write!(f, "HTTP {code}"),
            Reason::DnsNotFound => f.write_str("域名不存在 (NXDOMAIN)"),
            Reason::DnsFailed => f.write_str("域名解析失败"),
            Reason::ConnectionRefused => f.write_str("连接被拒绝"),
            Reason::ConnectionReset => f.write_str("连接被重置"),
            Reason::Timeout => f.write_str("超时"),
            Reason::Tls(msg) => write!(f, "TLS 错误: {msg}"),
            Reason::WafChallenge => f.write_str("防火墙 (WAF) 验证页"),
            Reason::Soft404 => f.write_str("软 404 (页面提示内容不存在)"),
            Reason::RedirectLoop => f.write_str("重定向循环"),
            Reason::TooManyRedirects => f.write_str("重定向次数过多"),
            Reason::RobotsDisallowed => f.write_str("robots.txt 禁止抓取"),
            Reason::InvalidUrl(msg) => write!(f, "链接地址无效: {msg}"),
            Reason::Other(msg) => f.write_str(msg),
        }
    }
}

/// The verdict on one target URL in one run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum LinkVerdict {
    /// The target answered usefully.
    Ok,
    /// Definitely broken: costs points.
    Broken {
        /// Why.
        reason: Reason,
    },
    /// Could not be judged: re-checked later, never costs points.
    Indeterminate {
        /// Why.
        reason: Reason,
    },
}

impl LinkVerdict {
    /// The verdict a final HTTP status implies, before any content check (soft-404).
    ///
    /// 2xx and 3xx-without-location are Ok; 404 and 410 are Broken; every other status is
    /// Indeterminate, including 400 and 405, which servers send to robots they dislike.
    pub fn from_status(status: u16) -> LinkVerdict {
        match status {
            200..=399 => LinkVerdict::Ok,
            404 | 410 => LinkVerdict::Broken {
                reason: Reason::Status(status),
            },
            _ => LinkVerdict::Indeterminate {
                reason: Reason::Status(status),
            },
        }
    }

    /// Short stable label: `ok`, `broken`, `indeterminate`.
    pub fn label(&self) -> &'static str {
        match self {
            LinkVerdict::Ok => "ok",
            LinkVerdict::Broken { .. } => "broken",
            LinkVerdict::Indeterminate { .. } => "indeterminate",
        }
    }

    /// The reason, when not Ok.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            LinkVerdict::Ok => None,
            LinkVerdict::Broken { reason } | LinkVerdict::Indeterminate { reason } => Some(reason),
        }
    }

    /// True for Broken.
    pub fn is_broken(&self) -> bool {
        matches!(self, LinkVerdict::Broken { .. })
    }

    /// True for Indeterminate.
    pub fn is_indeterminate(&self) -> bool {
        matches!(self, LinkVerdict::Indeterminate { .. })
    }
}

/// One redirect hop: the URL requested and the status that sent us on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The URL that answered with a redirect.
    pub url: String,
    /// Its status (301, 302, 303, 307, 308).
    pub status: u16,
}

/// Where a link to a target was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Occurrence {
    /// The page the link is on.
    pub page: String,
    /// The element (`a`, `img`, `script`, `link`, `iframe`…).
    pub element: String,
    /// The attribute (`href`, `src`…).
    pub attribute: String,
    /// The anchor text or alt text, trimmed, possibly empty.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_404_and_410_are_broken_by_status() {
        assert!(LinkVerdict::from_status(404).is_broken());
        assert!(LinkVerdict::from_status(410).is_broken());
        for code in [400, 401, 403, 405, 412, 429, 500, 502, 503, 504] {
            assert!(LinkVerdict::from_status(code).is_indeterminate(), "{code}");
        }
        assert_eq!(LinkVerdict::from_status(200), LinkVerdict::Ok);
    }

    #[test]
    fn verdict_serialises_with_tagged_reason() {
        let v = LinkVerdict::Broken {
            reason: Reason::Status(404),
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"verdict":"broken","reason":{"code":"status","detail":404}}"#
        );
        assert_eq!(serde_json::from_str::<LinkVerdict>(&json).unwrap(), v);
        let v = LinkVerdict::Indeterminate {
            reason: Reason::Timeout,
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<LinkVerdict>(&json).unwrap(), v);
    }
}
