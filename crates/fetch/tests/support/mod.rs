//! A tiny raw-HTTP server on 127.0.0.1:0 for cases the sample sites do not stage precisely:
//! refused, reset, stalled, counted in-flight requests, scripted status sequences.

#![allow(dead_code)] // each test uses a different part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub host: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to do with a request.
pub enum Action {
    /// Send these bytes (a whole HTTP response) and close.
    Send(Vec<u8>),
    /// Hold the request this long, then send.
    Hold(Duration, Vec<u8>),
    /// Close with a TCP reset.
    Reset,
    /// Never answer.
    Stall,
}

/// A whole response with `Content-Length` and `Connection: close`.
pub fn http(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\n");
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

pub fn ok_html(body: &str) -> Vec<u8> {
    http(
        200,
        &[("Content-Type", "text/html; charset=utf-8")],
        body.as_bytes(),
    )
}

pub struct Server {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    pub max_in_flight: Arc<AtomicUsize>,
}

impl Server {
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests other than robots.txt.
    pub fn page_requests(&self) -> Vec<Seen> {
        self.requests()
            .into_iter()
            .filter(|s| s.path != "/robots.txt")
            .collect()
    }
}

/// Serves with `handler(request, index of this request among all seen so far)`.
pub async fn serve<F>(handler: F) -> Server
where
    F: Fn(&Seen, usize) -> Action + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let handler = Arc::new(handler);
    let (s, m) = (seen.clone(), max_in_flight.clone());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let (seen, max, cur, handler) =
                (s.clone(), m.clone(), in_flight.clone(), handler.clone());
            tokio::spawn(async move {
                let _ = connection(stream, seen, max, cur, handler).await;
            });
        }
    });
    Server {
        addr,
        seen,
        max_in_flight,
    }
}

async fn connection<F>(
    mut stream: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    max: Arc<AtomicUsize>,
    cur: Arc<AtomicUsize>,
    handler: Arc<F>,
) -> std::io::Result<()>
where
    F: Fn(&Seen, usize) -> Action + Send + Sync + 'static,
{
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_owned();
    let path = first.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let req = Seen {
        method,
        path,
        host,
        headers,
    };
    let index = {
        let mut s = seen.lock().unwrap();
        s.push(req.clone());
        s.len() - 1
    };
    let now = cur.fetch_add(1, Ordering::SeqCst) + 1;
    max.fetch_max(now, Ordering::SeqCst);
    let action = handler(&req, index);
    // Count a request out before its answer is written: the client may start the next one
    // as soon as it has read this answer.
    let done = || cur.fetch_sub(1, Ordering::SeqCst);
    let result = match action {
        Action::Send(bytes) => {
            done();
            stream.write_all(&bytes).await
        }
        Action::Hold(d, bytes) => {
            tokio::time::sleep(d).await;
            done();
            stream.write_all(&bytes).await
        }
        Action::Reset => {
            done();
            stream.set_zero_linger()?;
            drop(stream);
            return Ok(());
        }
        Action::Stall => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            done();
            Ok(())
        }
    };
    let _ = stream.shutdown().await;
    result
}

/// A port nothing listens on: bound, then released.
pub async fn refused_addr() -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let a = l.local_addr().unwrap();
    drop(l);
    a
}
