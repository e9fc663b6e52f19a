//! The loopback HTTP server: one listener, sites chosen by `Host`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Error;
use crate::app::{App, Body, Request};
use crate::manifest::Manifest;
use crate::scenario::Scenario;
use crate::world::{BuildOptions, World};

/// How to serve.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Seed (else the scenario's).
    pub seed: Option<u64>,
    /// 监测时间点 (else the scenario's, else the wall clock).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Serve one site at `http://127.0.0.1:PORT/` itself: `Some("")` for the first site,
    /// `Some(key)` for another.
    pub single_host: Option<String>,
    /// Record every request for [`App::hits`] (tests of resume and politeness).
    pub record_hits: bool,
    /// Headers added to every answer (name, value).
    pub headers: Vec<(String, String)>,
}

/// A running set of sample sites.
#[derive(Debug)]
pub struct Testsite {
    app: Arc<App>,
    addr: SocketAddr,
    manifest: Manifest,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Testsite {
    /// Binds 127.0.0.1:`port`, builds the world and starts serving it.
    pub async fn start(scenario: &Scenario, opts: &ServeOptions) -> Result<Testsite, Error> {
        let bind: SocketAddr = SocketAddr::from(([127, 0, 0, 1], opts.port));
        let listener = TcpListener::bind(bind)
            .await
            .map_err(|source| Error::Bind { addr: bind, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| Error::Bind { addr: bind, source })?;
        let build = BuildOptions {
            seed: opts.seed,
            now: opts.now,
            single_host: opts
                .single_host
                .clone()
                .map(|k| (k, format!("http://{addr}"))),
        };
        let world = World::build(scenario, &build)?;
        let manifest = Manifest::of(&world, &addr.to_string());
        let app = App::new(world).with_headers(opts.headers.clone());
        let app = Arc::new(if opts.record_hits {
            app.recording_hits()
        } else {
            app
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, app.clone(), stopped));
        Ok(Testsite {
            app,
            addr,
            manifest,
            stop,
            task,
        })
    }

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The ground truth.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The request handler (for tests that bypass the socket).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn accept_loop(listener: TcpListener, app: Arc<App>, mut stopped: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req| handle(app.clone(), req));
                    let _ = http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), svc).await;
                });
            }
        }
    }
}

type Out = BoxBody<Bytes, Infallible>;

/// A reset or a stall ends the connection without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}
impl std::error::Error for Dropped {}

async fn handle(
    app: Arc<App>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Out>, Dropped> {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let host = header("host")
        .or_else(|| req.uri().host().map(str::to_owned))
        .unwrap_or_default();
    let r = Request {
        method: req.method().as_str().to_owned(),
        host,
        path: req.uri().path().to_owned(),
        query: req.uri().query().map(str::to_owned),
        user_agent: header("user-agent").unwrap_or_default(),
        if_none_match: header("if-none-match"),
        range: header("range"),
    };
    // Read (and discard) a bounded request body so keep-alive works after a POST.
    let _ = http_body_util::Limited::new(req.into_body(), 64 * 1024)
        .collect()
        .await;
    let reply = app.handle(&r);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut builder = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        builder = builder.header(*name, value);
    }
    for (name, value) in app.extra_headers() {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body: Out = match reply.body {
        Body::Full(b) => Full::new(b).boxed(),
        Body::Drip {
            data,
            bytes_per_second,
        } => {
            builder = builder.header("content-length", data.len());
            Drip::new(data, bytes_per_second).boxed()
        }
        Body::Stall(d) => {
            tokio::time::sleep(d).await;
            return Err(Dropped);
        }
        Body::Reset => return Err(Dropped),
    };
    Ok(builder
        .body(body)
        .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()).boxed())))
}

/// A body trickled out in ten slices a second.
struct Drip {
    data: Bytes,
    slice: usize,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl Drip {
    fn new(data: Bytes, bytes_per_second: u64) -> Drip {
        let slice = (bytes_per_second / 10).max(1) as usize;
        Drip {
            data,
            slice,
            sleep: Box::pin(tokio::time::sleep(Duration::ZERO)),
        }
    }
}

impl hyper::body::Body for Drip {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.data.is_empty() {
            return Poll::Ready(None);
        }
        if self.sleep.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        let n = self.slice.min(self.data.len());
        let chunk = self.data.split_to(n);
        let next = tokio::time::Instant::now() + Duration::from_millis(100);
        self.sleep.as_mut().reset(next);
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        hyper::body::SizeHint::with_exact(self.data.len() as u64)
    }
}
