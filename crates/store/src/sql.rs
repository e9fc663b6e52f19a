//! SQL shared by every backend.
//!
//! Written to run unchanged on SQLite and PostgreSQL: `$N` placeholders, `ON CONFLICT … DO
//! NOTHING / DO UPDATE` with `excluded.`, `RETURNING`, `LIMIT`, `TRUE`/`FALSE`, no
//! backend-only functions. Only DDL differs per backend (see `migrations/`).

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

pub(crate) const UPSERT_SITE: &str = "\
INSERT INTO sites (home, name) VALUES ($1, $2)
ON CONFLICT (home) DO UPDATE SET name = COALESCE(excluded.name, sites.name)
RETURNING id";

pub(crate) const SITE_ID: &str = "SELECT id FROM sites WHERE home = $1";

macro_rules! run_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, site_id, started_at, finished_at, status, stats FROM runs ",
            $tail
        )
    };
}

pub(crate) const UNFINISHED_RUN: &str =
    run_select!("WHERE site_id = $1 AND status = 'running' ORDER BY id DESC LIMIT 1");

pub(crate) const LAST_FINISHED_RUN: &str =
    run_select!("WHERE site_id = $1 AND status = 'finished' ORDER BY id DESC LIMIT 1");

pub(crate) const RUN: &str = run_select!("WHERE id = $1");

pub(crate) const CREATE_RUN: &str =
    "INSERT INTO runs (site_id, started_at, status) VALUES ($1, $2, 'running') RETURNING id";

pub(crate) const FINISH_RUN: &str =
    "UPDATE runs SET finished_at = $2, status = $3, stats = $4 WHERE id = $1";

pub(crate) const FRONTIER: &str =
    "SELECT url, depth, kind, done FROM frontier WHERE run_id = $1 ORDER BY id";

pub(crate) const MARK_DONE: &str =
    "UPDATE frontier SET done = TRUE WHERE run_id = $1 AND url = $2 AND done = FALSE";

pub(crate) const UPSERT_TARGET: &str = "\
INSERT INTO targets (run_id, url, outcome, verdict, status, redirects, attempts, checked_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (run_id, url) DO UPDATE SET
    outcome = excluded.outcome, verdict = excluded.verdict, status = excluded.status,
    redirects = excluded.redirects, attempts = excluded.attempts,
    checked_at = excluded.checked_at";

pub(crate) const TARGETS: &str = "\
SELECT url, outcome, verdict, status, redirects, attempts, checked_at
FROM targets WHERE run_id = $1 ORDER BY id";

pub(crate) const PROBLEM_TARGETS: &str = "\
SELECT url, outcome, verdict, status, redirects, attempts, checked_at
FROM targets WHERE run_id = $1 AND outcome <> 'ok' ORDER BY id";

pub(crate) const UPSERT_PAGE: &str = "\
INSERT INTO pages (run_id, url, final_url, status, content_type, bytes, elapsed_ms, hash,
                   title, charset, etag, last_modified, fetched_at, model)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (run_id, url) DO UPDATE SET
    final_url = excluded.final_url, status = excluded.status,
    content_type = excluded.content_type, bytes = excluded.bytes,
    elapsed_ms = excluded.elapsed_ms, hash = excluded.hash, title = excluded.title,
    charset = excluded.charset, etag = excluded.etag, last_modified = excluded.last_modified,
    fetched_at = excluded.fetched_at, model = excluded.model";

pub(crate) const PAGES: &str = "\
SELECT url, final_url, status, content_type, bytes, elapsed_ms, hash, title, charset, etag,
       last_modified, fetched_at, model
FROM pages WHERE run_id = $1 ORDER BY id";

pub(crate) const PAGE_MODELS: &str = "\
SELECT id, model FROM pages WHERE run_id = $1 AND id > $2 AND model IS NOT NULL
ORDER BY id LIMIT $3";

pub(crate) const DELETE_HITS: &str = "DELETE FROM hits WHERE run_id = $1 AND url = $2";

pub(crate) const INSERT_HIT: &str =
    "INSERT INTO hits (run_id, url, seq, body) VALUES ($1, $2, $3, $4)";

pub(crate) const HITS: &str = "SELECT url, body FROM hits WHERE run_id = $1 ORDER BY url, seq";

pub(crate) const DELETE_OCCURRENCES: &str =
    "DELETE FROM occurrences WHERE run_id = $1 AND target_url = $2";

pub(crate) const OCCURRENCES: &str = "\
SELECT target_url, page, element, attribute, text FROM occurrences
WHERE run_id = $1 ORDER BY target_url, page, element, attribute, text";

pub(crate) const UPSERT_FINDING: &str = "\
INSERT INTO findings (site_id, fingerprint, kind, site, url, first_seen, last_seen)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (site_id, fingerprint) DO UPDATE SET
    kind = excluded.kind, site = excluded.site, url = excluded.url,
    last_seen = excluded.last_seen
RETURNING id, first_seen";

pub(crate) const UPSERT_FINDING_RUN: &str = "\
INSERT INTO finding_runs (run_id, finding_id, severity, evidence, seen_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (run_id, finding_id) DO UPDATE SET
    severity = excluded.severity, evidence = excluded.evidence, seen_at = excluded.seen_at";

pub(crate) const FINDINGS: &str = "\
SELECT f.kind, f.site, f.url, f.fingerprint, f.first_seen, r.seen_at, r.severity, r.evidence
FROM finding_runs r JOIN findings f ON f.id = r.finding_id
WHERE r.run_id = $1 ORDER BY f.id";

/// The most rows one multi-row insert carries. Each row count is a distinct statement text,
/// so this bounds the prepared statements to cache per connection.
pub(crate) const MAX_BATCH: usize = 64;

/// `INSERT` of `n` frontier rows (1 ≤ n ≤ [`MAX_BATCH`]), ignoring URLs the run already has.
///
/// Binds `$1` = run id, then per row: url, depth, kind, done.
pub(crate) fn enqueue(n: usize) -> Arc<str> {
    static CACHE: OnceLock<Vec<Arc<str>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        (1..=MAX_BATCH)
            .map(|n| {
                let mut sql =
                    String::from("INSERT INTO frontier (run_id, url, depth, kind, done) VALUES ");
                push_rows(&mut sql, n, 4, "$1, ");
                sql.push_str("\nON CONFLICT (run_id, url) DO NOTHING");
                Arc::from(sql)
            })
            .collect()
    });
    all[n - 1].clone()
}

/// `INSERT` of `n` occurrences (1 ≤ n ≤ [`MAX_BATCH`]), skipping targets already known Ok in
/// this run, so that "occurrences only for non-Ok targets" holds whatever order the engine
/// commits in. (`VALUES` columns are named `column1…` by both SQLite and PostgreSQL; SQLite
/// needs the `WHERE` to parse `INSERT … SELECT … ON CONFLICT`.)
///
/// Binds `$1` = run id, then per row: target url, page, element, attribute, text.
pub(crate) fn insert_occurrences(n: usize) -> Arc<str> {
    static CACHE: OnceLock<Vec<Arc<str>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        (1..=MAX_BATCH)
            .map(|n| {
                let mut sql = String::from(
                    "INSERT INTO occurrences (run_id, target_url, page, element, attribute, text)\n\
                     SELECT $1, v.column1, v.column2, v.column3, v.column4, v.column5\n\
                     FROM (VALUES ",
                );
                push_rows(&mut sql, n, 5, "");
                sql.push_str(
                    ") AS v\nWHERE NOT EXISTS (SELECT 1 FROM targets t\n\
                     WHERE t.run_id = $1 AND t.url = v.column1 AND t.outcome = 'ok')\n\
                     ON CONFLICT DO NOTHING",
                );
                Arc::from(sql)
            })
            .collect()
    });
    all[n - 1].clone()
}

/// Appends `n` parenthesised rows of `width` placeholders each, numbered from `$2`, each row
/// starting with `prefix`.
fn push_rows(sql: &mut String, n: usize, width: usize, prefix: &str) {
    for row in 0..n {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        sql.push_str(prefix);
        for col in 0..width {
            if col > 0 {
                sql.push_str(", ");
            }
            let _ = write!(sql, "${}", 2 + row * width + col);
        }
        sql.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_inserts_number_placeholders_after_the_run_id() {
        assert_eq!(
            &*enqueue(2),
            "INSERT INTO frontier (run_id, url, depth, kind, done) VALUES \
             ($1, $2, $3, $4, $5), ($1, $6, $7, $8, $9)\nON CONFLICT (run_id, url) DO NOTHING"
        );
        let occ = insert_occurrences(MAX_BATCH);
        assert!(occ.contains(&format!("${})", 1 + MAX_BATCH * 5)));
        assert!(!occ.contains(&format!("${}", 2 + MAX_BATCH * 5)));
    }
}
