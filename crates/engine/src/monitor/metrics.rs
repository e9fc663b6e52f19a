//! The daemon's counters in the Prometheus text format, and a tiny HTTP endpoint serving them
//! (`GET /metrics`), so the monitor of 14,000 sites is watched without a UI.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::monitor::stats::MonitorStats;

/// The counters as Prometheus text (format 0.0.4).
pub fn render_metrics(s: &MonitorStats) -> String {
    let g = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
    let rows: [(&str, &str, &str, u64); 15] = [
        (
            "xunwang_monitor_sites",
            "gauge",
            "Sites watched.",
            g(&s.sites),
        ),
        (
            "xunwang_monitor_probes_due_total",
            "counter",
            "Probe slots that fell due.",
            g(&s.probes_due),
        ),
        (
            "xunwang_monitor_probes_done_total",
            "counter",
            "Scheduled probes done.",
            g(&s.probes_done),
        ),
        (
            "xunwang_monitor_probes_failed_total",
            "counter",
            "Scheduled probes that failed.",
            g(&s.probes_failed),
        ),
        (
            "xunwang_monitor_probes_confirmed_total",
            "counter",
            "Failures confirmed by the re-probe.",
            g(&s.probes_confirmed),
        ),
        (
            "xunwang_monitor_probes_skipped_total",
            "counter",
            "Slots skipped because they came up too late.",
            g(&s.probes_skipped),
        ),
        (
            "xunwang_monitor_probes_duplicate_total",
            "counter",
            "Probe results the store already had.",
            g(&s.probes_duplicate),
        ),
        (
            "xunwang_monitor_polls_total",
            "counter",
            "Site polls done.",
            g(&s.polls_done),
        ),
        (
            "xunwang_monitor_poll_pages_total",
            "counter",
            "Pages polled.",
            g(&s.poll_pages),
        ),
        (
            "xunwang_monitor_poll_pages_failed_total",
            "counter",
            "Pages whose poll failed.",
            g(&s.poll_pages_failed),
        ),
        (
            "xunwang_monitor_inspections_total",
            "counter",
            "Scheduled inspections started.",
            g(&s.inspections),
        ),
        (
            "xunwang_monitor_in_flight",
            "gauge",
            "Tasks running.",
            g(&s.in_flight),
        ),
        (
            "xunwang_monitor_queue_length",
            "gauge",
            "Tasks due and waiting for a free slot.",
            g(&s.queued),
        ),
        (
            "xunwang_monitor_unflushed",
            "gauge",
            "Probe results not yet written.",
            g(&s.unflushed),
        ),
        (
            "xunwang_monitor_database_bytes",
            "gauge",
            "Size of the database, bytes.",
            g(&s.database_bytes),
        ),
    ];
    let mut out = String::new();
    for (name, kind, help, v) in rows {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}"
        );
    }
    out
}

/// Serves `GET /metrics` (anything else: 404) on `listener` until `shutdown` completes.
pub async fn serve_metrics<F>(listener: TcpListener, stats: Arc<MonitorStats>, shutdown: F)
where
    F: Future<Output = ()> + Send,
{
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            _ = &mut shutdown => break,
            a = listener.accept() => a,
        };
        let Ok((stream, _)) = accepted else { continue };
        let stats = stats.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                let stats = stats.clone();
                async move {
                    let resp = if req.uri().path() == "/metrics" {
                        Response::builder()
                            .header("content-type", "text/plain; version=0.0.4; charset=utf-8")
                            .body(Full::new(Bytes::from(render_metrics(&stats))))
                    } else {
                        Response::builder()
                            .status(404)
                            .body(Full::new(Bytes::from_static(b"not found\n")))
                    };
                    Ok::<_, Infallible>(resp.unwrap_or_default())
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_has_help_type_and_a_value() {
        let s = MonitorStats::default();
        s.probes_done.store(42, Ordering::Relaxed);
        let text = render_metrics(&s);
        assert!(text.contains("\nxunwang_monitor_probes_done_total 42\n"));
        assert!(text.contains("# TYPE xunwang_monitor_database_bytes gauge"));
        let samples = text.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(
            samples,
            text.lines().filter(|l| l.starts_with("# TYPE")).count()
        );
    }
}
