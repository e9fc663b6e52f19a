//! Name resolution we do ourselves, so that the per-IP limit knows the address before the
//! request, and reqwest connects to that same address (it asks this resolver too).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// How long a successful lookup is reused.
const OK_TTL: Duration = Duration::from_secs(300);
/// How long a failed lookup is reused.
const FAIL_TTL: Duration = Duration::from_secs(60);

/// Why a name did not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DnsError {
    /// The name does not exist (NXDOMAIN / no address).
    NotFound,
    /// Anything else (timeout, SERVFAIL, not in the override map with `resolve_only`).
    Failed,
}

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DnsError::NotFound => "name not found",
            DnsError::Failed => "name resolution failed",
        })
    }
}

impl std::error::Error for DnsError {}

type Entry = (Instant, Result<Vec<SocketAddr>, DnsError>);

/// Overrides, then a cache over the system resolver.
#[derive(Debug)]
pub(crate) struct Dns {
    overrides: HashMap<String, SocketAddr>,
    resolve_only: bool,
    cache: Mutex<HashMap<String, Entry>>,
    /// Set once the system resolver has answered any name: until then an NXDOMAIN may be a
    /// broken resolver configuration rather than a gone domain.
    works: AtomicBool,
}

impl Dns {
    pub(crate) fn new(overrides: &[(String, SocketAddr)], resolve_only: bool) -> Dns {
        Dns {
            overrides: overrides
                .iter()
                .map(|(h, a)| (h.to_ascii_lowercase(), *a))
                .collect(),
            resolve_only,
            cache: Mutex::new(HashMap::new()),
            works: AtomicBool::new(false),
        }
    }

    /// The override for a host, if any.
    pub(crate) fn override_for(&self, host: &str) -> Option<SocketAddr> {
        self.overrides.get(&host.to_ascii_lowercase()).copied()
    }

    /// Addresses for a host name (port 0 unless overridden).
    pub(crate) async fn lookup(&self, host: &str) -> Result<Vec<SocketAddr>, DnsError> {
        let host = host.to_ascii_lowercase();
        if let Some(a) = self.overrides.get(&host) {
            return Ok(vec![*a]);
        }
        if self.resolve_only {
            return Err(DnsError::Failed);
        }
        if let Some((at, r)) = self.lock().get(&host)
            && at.elapsed() < if r.is_ok() { OK_TTL } else { FAIL_TTL }
        {
            return gate(r.clone(), self.works.load(Ordering::Relaxed));
        }
        let result = match tokio::net::lookup_host((host.as_str(), 0)).await {
            Ok(addrs) => {
                let v: Vec<SocketAddr> = addrs.collect();
                if v.is_empty() {
                    Err(DnsError::NotFound)
                } else {
                    Ok(v)
                }
            }
            Err(e) => Err(classify(&e)),
        };
        match &result {
            Ok(_) => self.works.store(true, Ordering::Relaxed),
            Err(e) => tracing::debug!(host = %host, error = %e, "dns lookup failed"),
        }
        self.lock().insert(host, (Instant::now(), result.clone()));
        gate(result, self.works.load(Ordering::Relaxed))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An NXDOMAIN is proof that a domain is gone (a Broken link) only when the resolver has been
/// seen to work: on a machine whose DNS is misconfigured every name is "not found", and calling
/// every external link broken would be the worst kind of false alarm.
fn gate(
    r: Result<Vec<SocketAddr>, DnsError>,
    resolver_works: bool,
) -> Result<Vec<SocketAddr>, DnsError> {
    match r {
        Err(DnsError::NotFound) if !resolver_works => Err(DnsError::Failed),
        other => other,
    }
}

/// getaddrinfo reports NXDOMAIN as EAI_NONAME ("Name or service not known", or
/// "nodename nor servname provided" on BSDs) and a name without addresses as EAI_NODATA;
/// everything else (EAI_AGAIN, EAI_FAIL) is not proof that the name is gone.
fn classify(e: &std::io::Error) -> DnsError {
    let msg = e.to_string().to_ascii_lowercase();
    if msg.contains("name or service not known")
        || msg.contains("nodename nor servname")
        || msg.contains("no address associated")
        || msg.contains("no such host")
    {
        DnsError::NotFound
    } else {
        DnsError::Failed
    }
}

/// The resolver handed to reqwest: the same cache, so it connects where we counted.
#[derive(Debug, Clone)]
pub(crate) struct SharedResolver(pub(crate) Arc<Dns>);

impl Resolve for SharedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let dns = self.0.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            match dns.lookup(&host).await {
                Ok(v) => Ok(Box::new(v.into_iter()) as Addrs),
                Err(e) => Err(Box::new(e) as Box<dyn std::error::Error + Send + Sync>),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_counts_only_once_the_resolver_has_answered_something() {
        assert_eq!(gate(Err(DnsError::NotFound), false), Err(DnsError::Failed));
        assert_eq!(gate(Err(DnsError::NotFound), true), Err(DnsError::NotFound));
        assert_eq!(gate(Err(DnsError::Failed), true), Err(DnsError::Failed));
        let a: SocketAddr = "127.0.0.1:9".parse().unwrap();
        assert_eq!(gate(Ok(vec![a]), false), Ok(vec![a]));
    }

    #[tokio::test]
    async fn resolve_only_refuses_unknown_names_and_serves_overrides() {
        let a: SocketAddr = "127.0.0.1:9".parse().unwrap();
        let dns = Dns::new(&[("A.example".into(), a)], true);
        assert_eq!(dns.lookup("a.EXAMPLE").await, Ok(vec![a]));
        assert_eq!(dns.lookup("b.example").await, Err(DnsError::Failed));
    }
}
