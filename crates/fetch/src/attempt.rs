//! One HTTP attempt: resolve, wait for politeness, send, read a bounded body, classify what
//! went wrong. Retries and redirects are the caller's business (`client.rs`).

use std::net::IpAddr;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{self, HeaderMap};
use url::{Host, Url};
use xunwang_core::{LinkVerdict, Reason};

use crate::client::{Inner, Response, Validators};
use crate::dns::DnsError;
use crate::stats::bump;

/// The method of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
}

/// What to ask.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ask<'a> {
    pub(crate) method: Method,
    /// `Range` header value.
    pub(crate) range: Option<&'static str>,
    pub(crate) validators: Option<&'a Validators>,
    pub(crate) max_body: usize,
    /// Check robots.txt before each hop (false for robots.txt itself).
    pub(crate) robots: bool,
    /// Send this `User-Agent` instead of the configured one (the cloaking comparison asks
    /// as a search spider).
    pub(crate) user_agent: Option<&'a str>,
}

/// An answer that arrived.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) response: Response,
    pub(crate) location: Option<String>,
    pub(crate) retry_after: Option<Duration>,
}

/// An attempt that got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    Dns(DnsError),
    Refused,
    Reset,
    Timeout,
    Tls(String),
    /// Another connect-level failure (unreachable network…): transient.
    Connect(String),
    InvalidUrl(String),
    Other(String),
}

impl Failure {
    /// Worth another attempt.
    pub(crate) fn transient(&self) -> bool {
        matches!(
            self,
            Failure::Refused | Failure::Reset | Failure::Timeout | Failure::Connect(_)
        )
    }

    /// The verdict; `all_refused` when every attempt was refused.
    pub(crate) fn verdict(&self, all_refused: bool) -> LinkVerdict {
        let ind = |reason| LinkVerdict::Indeterminate { reason };
        match self {
            Failure::Dns(DnsError::NotFound) => LinkVerdict::Broken {
                reason: Reason::DnsNotFound,
            },
            Failure::Dns(DnsError::Failed) => ind(Reason::DnsFailed),
            Failure::Refused if all_refused => LinkVerdict::Broken {
                reason: Reason::ConnectionRefused,
            },
            Failure::Refused => ind(Reason::ConnectionRefused),
            Failure::Reset => ind(Reason::ConnectionReset),
            Failure::Timeout => ind(Reason::Timeout),
            Failure::Tls(m) => ind(Reason::Tls(m.clone())),
            Failure::InvalidUrl(m) => ind(Reason::InvalidUrl(m.clone())),
            Failure::Connect(m) | Failure::Other(m) => ind(Reason::Other(m.clone())),
        }
    }
}

/// `host:port`, the politeness key.
pub(crate) fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// `scheme://host:port`, the robots.txt cache key.
pub(crate) fn origin_key(url: &Url) -> String {
    format!("{}://{}", url.scheme(), host_key(url))
}

impl Inner {
    /// One attempt, bounded by the per-attempt deadline (politeness waits excluded).
    pub(crate) async fn attempt(&self, url: &Url, ask: &Ask<'_>) -> Result<Answer, Failure> {
        let (ip, wire) = self.route(url).await?;
        let _permit = self.polite.acquire(&host_key(url), ip).await;
        bump(&self.counters.requests, 1);
        match tokio::time::timeout(self.config.timeout, self.send(wire, ask)).await {
            Ok(r) => r,
            Err(_) => Err(Failure::Timeout),
        }
    }

    /// The IP the request will go to, and the URL to put on the wire (an override's port
    /// replaces the URL's).
    async fn route(&self, url: &Url) -> Result<(Option<IpAddr>, Url), Failure> {
        match url.host() {
            Some(Host::Ipv4(a)) => Ok((Some(a.into()), url.clone())),
            Some(Host::Ipv6(a)) => Ok((Some(a.into()), url.clone())),
            Some(Host::Domain(d)) => {
                // getaddrinfo can block for a long time; bound it like a connect.
                let addrs = tokio::time::timeout(self.config.connect_timeout, self.dns.lookup(d))
                    .await
                    .map_err(|_| Failure::Dns(DnsError::Failed))?
                    .map_err(Failure::Dns)?;
                let mut wire = url.clone();
                if let Some(o) = self.dns.override_for(d)
                    && url.port().is_some_and(|p| p != o.port())
                {
                    let _ = wire.set_port(Some(o.port()));
                }
                Ok((addrs.first().map(|a| a.ip()), wire))
            }
            None => Err(Failure::InvalidUrl(format!("no host in {url}"))),
        }
    }

    async fn send(&self, url: Url, ask: &Ask<'_>) -> Result<Answer, Failure> {
        let https = url.scheme() == "https";
        let method = match ask.method {
            Method::Get => reqwest::Method::GET,
            Method::Head => reqwest::Method::HEAD,
        };
        let accept = if ask.range.is_some() || ask.method == Method::Head {
            "*/*"
        } else {
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        };
        let mut rb = self
            .client
            .request(method, url)
            .header(header::ACCEPT, accept)
            .header(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.5");
        if let Some(r) = ask.range {
            rb = rb.header(header::RANGE, r);
        }
        if let Some(ua) = ask.user_agent {
            rb = rb.header(header::USER_AGENT, ua);
        }
        if let Some(v) = ask.validators {
            if let Some(e) = &v.etag {
                rb = rb.header(header::IF_NONE_MATCH, e.as_str());
            }
            if let Some(lm) = &v.last_modified {
                rb = rb.header(header::IF_MODIFIED_SINCE, lm.as_str());
            }
        }
        let mut resp = rb.send().await.map_err(|e| classify(&e, https))?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_owned())
        };
        let mut body = BytesMut::new();
        let mut truncated = false;
        if ask.method == Method::Get {
            loop {
                match resp.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = ask.max_body - body.len();
                        if chunk.len() > room {
                            body.extend_from_slice(&chunk[..room]);
                            truncated = true;
                            break;
                        }
                        body.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) => return Err(classify(&e, https)),
                }
            }
        }
        drop(resp);
        bump(&self.counters.bytes, body.len() as u64);
        if truncated {
            bump(&self.counters.truncated, 1);
        }
        let not_modified = status == 304 && ask.validators.is_some();
        if not_modified {
            bump(&self.counters.not_modified, 1);
        }
        Ok(Answer {
            location: text(header::LOCATION).filter(|l| !l.is_empty()),
            retry_after: retry_after(&headers),
            response: Response {
                status,
                content_type: text(header::CONTENT_TYPE),
                content_length: text(header::CONTENT_LENGTH).and_then(|v| v.parse().ok()),
                etag: text(header::ETAG),
                last_modified: text(header::LAST_MODIFIED),
                body: Bytes::from(body),
                truncated,
                not_modified,
            },
        })
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// What a reqwest error means for the verdict. The io::Error kind, deep in the source chain,
/// tells refused from reset; hyper's "connection closed before message completed" is a reset.
fn classify(e: &reqwest::Error, https: bool) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    let mut messages = vec![e.to_string()];
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(d) = s.downcast_ref::<DnsError>() {
            return Failure::Dns(*d);
        }
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused => return Failure::Refused,
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                    return Failure::Reset;
                }
                K::TimedOut => return Failure::Timeout,
                _ => {}
            }
        }
        messages.push(s.to_string());
        source = s.source();
    }
    let all = messages.join(": ");
    let lower = all.to_ascii_lowercase();
    let innermost = messages.last().cloned().unwrap_or_default();
    if lower.contains("connection closed before message completed")
        || lower.contains("connection reset")
        || lower.contains("incomplete message")
        || lower.contains("unexpected eof")
    {
        return Failure::Reset;
    }
    if https
        && (lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
            || lower.contains("alert"))
    {
        return Failure::Tls(innermost);
    }
    if e.is_connect() {
        return Failure::Connect(innermost);
    }
    Failure::Other(innermost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(120);
        h.insert(
            header::RETRY_AFTER,
            httpdate::fmt_http_date(later).parse().unwrap(),
        );
        let d = retry_after(&h).unwrap();
        assert!(
            d > Duration::from_secs(100) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        h.insert(
            header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
    }

    #[test]
    fn refused_is_broken_only_when_every_attempt_was_refused() {
        assert!(Failure::Refused.verdict(true).is_broken());
        assert!(Failure::Refused.verdict(false).is_indeterminate());
        assert!(Failure::Dns(DnsError::NotFound).verdict(false).is_broken());
        assert!(
            Failure::Dns(DnsError::Failed)
                .verdict(false)
                .is_indeterminate()
        );
        assert!(Failure::Timeout.transient() && !Failure::Tls("x".into()).transient());
    }

    #[test]
    fn keys_carry_the_default_port() {
        let u = Url::parse("https://WWW.Example.gov.cn/a").unwrap();
        assert_eq!(host_key(&u), "www.example.gov.cn:443");
        assert_eq!(origin_key(&u), "https://www.example.gov.cn:443");
    }
}
