//! Decoding SQLite rows into domain records.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use xunwang_core::{Finding, LinkVerdict, Occurrence};

use crate::codec::{
    from_json, parse_enum_text, parse_opt_time, parse_time, to_u16, to_u32, to_u64,
};
use crate::error::StoreError;
use crate::model::{EntryKind, FrontierRow, PageRecord, Run, RunStatus, TargetRecord};

/// Reads column `col`, mapping a type mismatch to a `Query` error of `op`.
fn get<'r, T>(op: &'static str, row: &'r SqliteRow, col: &'static str) -> Result<T, StoreError>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(col).map_err(StoreError::query(op))
}

pub(super) fn run(op: &'static str, r: &SqliteRow) -> Result<Run, StoreError> {
    let status: &str = get(op, r, "status")?;
    Ok(Run {
        id: get(op, r, "id")?,
        site: get(op, r, "site_id")?,
        started_at: parse_time(op, "runs.started_at", get(op, r, "started_at")?)?,
        finished_at: parse_opt_time(op, "runs.finished_at", get(op, r, "finished_at")?)?,
        status: RunStatus::parse(status)
            .ok_or_else(|| StoreError::corrupt(op, "runs.status", status))?,
        stats: get(op, r, "stats")?,
    })
}

pub(super) fn frontier(op: &'static str, r: &SqliteRow) -> Result<FrontierRow, StoreError> {
    let kind: &str = get(op, r, "kind")?;
    Ok(FrontierRow {
        url: get(op, r, "url")?,
        depth: to_u32(op, "frontier.depth", get(op, r, "depth")?)?,
        kind: EntryKind::parse(kind)
            .ok_or_else(|| StoreError::corrupt(op, "frontier.kind", kind))?,
        done: get(op, r, "done")?,
    })
}

pub(super) fn target(op: &'static str, r: &SqliteRow) -> Result<TargetRecord, StoreError> {
    let redirects: Option<&str> = get(op, r, "redirects")?;
    let outcome: &str = get(op, r, "outcome")?;
    Ok(TargetRecord {
        url: get(op, r, "url")?,
        verdict: match get::<Option<&str>>(op, r, "verdict")? {
            Some(json) => from_json(op, "targets.verdict", json)?,
            None if outcome == "ok" => LinkVerdict::Ok,
            None => return Err(StoreError::corrupt(op, "targets.verdict", "NULL")),
        },
        status: opt_u16(op, "targets.status", get(op, r, "status")?)?,
        redirects: match redirects {
            Some(s) => from_json(op, "targets.redirects", s)?,
            None => Vec::new(),
        },
        attempts: to_u32(op, "targets.attempts", get(op, r, "attempts")?)?,
        checked_at: parse_time(op, "targets.checked_at", get(op, r, "checked_at")?)?,
    })
}

pub(super) fn page(op: &'static str, r: &SqliteRow) -> Result<PageRecord, StoreError> {
    let url: String = get(op, r, "url")?;
    let final_url: Option<String> = get(op, r, "final_url")?;
    Ok(PageRecord {
        final_url: final_url.unwrap_or_else(|| url.clone()),
        status: opt_u16(op, "pages.status", get(op, r, "status")?)?,
        content_type: get(op, r, "content_type")?,
        bytes: to_u64(op, "pages.bytes", get(op, r, "bytes")?)?,
        elapsed_ms: to_u64(op, "pages.elapsed_ms", get(op, r, "elapsed_ms")?)?,
        hash: get(op, r, "hash")?,
        title: get(op, r, "title")?,
        charset: get(op, r, "charset")?,
        etag: get(op, r, "etag")?,
        last_modified: get(op, r, "last_modified")?,
        fetched_at: parse_time(op, "pages.fetched_at", get(op, r, "fetched_at")?)?,
        model: get(op, r, "model")?,
        url,
    })
}

pub(super) fn occurrence(
    op: &'static str,
    r: &SqliteRow,
) -> Result<(String, Occurrence), StoreError> {
    Ok((
        get(op, r, "target_url")?,
        Occurrence {
            page: get(op, r, "page")?,
            element: get(op, r, "element")?,
            attribute: get(op, r, "attribute")?,
            text: get(op, r, "text")?,
        },
    ))
}

/// The `RETURNING id, first_seen` of an upserted finding.
pub(super) fn finding_id(
    op: &'static str,
    r: &SqliteRow,
) -> Result<(i64, chrono::DateTime<chrono::FixedOffset>), StoreError> {
    Ok((
        get(op, r, "id")?,
        parse_time(op, "findings.first_seen", get(op, r, "first_seen")?)?,
    ))
}

pub(super) fn finding(op: &'static str, r: &SqliteRow) -> Result<Finding, StoreError> {
    let kind: &str = get(op, r, "kind")?;
    Ok(Finding {
        kind: kind
            .parse()
            .map_err(|_| StoreError::corrupt(op, "findings.kind", kind))?,
        severity: parse_enum_text(op, "finding_runs.severity", get(op, r, "severity")?)?,
        site: get(op, r, "site")?,
        url: get(op, r, "url")?,
        evidence: from_json(op, "finding_runs.evidence", get(op, r, "evidence")?)?,
        fingerprint: get(op, r, "fingerprint")?,
        first_seen: parse_time(op, "findings.first_seen", get(op, r, "first_seen")?)?,
        last_seen: parse_time(op, "finding_runs.seen_at", get(op, r, "seen_at")?)?,
    })
}

fn opt_u16(
    op: &'static str,
    column: &'static str,
    v: Option<i64>,
) -> Result<Option<u16>, StoreError> {
    v.map(|v| to_u16(op, column, v)).transpose()
}
