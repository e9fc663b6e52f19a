//! SQL shared by every backend.
//!
//! Written to run unchanged on SQLite and PostgreSQL: `$N` placeholders, `ON CONFLICT … DO
//! NOTHING / DO UPDATE` with `excluded.`, `RETURNING`, `LIMIT`, `TRUE`/`FALSE`, no
//! backend-only functions. Only DDL differs per backend (see `migrations/`).

pub(crate) const UPSERT_SITE: &str = "\
INSERT INTO sites (home, name) VALUES ($1, $2)
ON CONFLICT (home) DO UPDATE SET name = COALESCE(excluded.name, sites.name)
RETURNING id";

pub(crate) const SITE_ID: &str = "SELECT id FROM sites WHERE home = $1";

macro_rules! run_select {
    ($tail:literal) => {
        concat!("SELECT id, site_id, started_at, finished_at, status, stats FROM runs ", $tail)
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

pub(crate) const ENQUEUE: &str = "\
INSERT INTO frontier (run_id, url, depth, kind, done) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (run_id, url) DO NOTHING";

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
SELECT url, verdict, status, redirects, attempts, checked_at
FROM targets WHERE run_id = $1 ORDER BY id";

pub(crate) const UPSERT_PAGE: &str = "\
INSERT INTO pages (run_id, url, final_url, status, content_type, bytes, elapsed_ms, hash,
                   title, charset, etag, last_modified, fetched_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (run_id, url) DO UPDATE SET
    final_url = excluded.final_url, status = excluded.status,
    content_type = excluded.content_type, bytes = excluded.bytes,
    elapsed_ms = excluded.elapsed_ms, hash = excluded.hash, title = excluded.title,
    charset = excluded.charset, etag = excluded.etag, last_modified = excluded.last_modified,
    fetched_at = excluded.fetched_at";

pub(crate) const PAGES: &str = "\
SELECT url, final_url, status, content_type, bytes, elapsed_ms, hash, title, charset, etag,
       last_modified, fetched_at
FROM pages WHERE run_id = $1 ORDER BY id";

/// Inserts an occurrence unless the target is already known Ok in this run, so that the
/// "occurrences only for non-Ok targets" rule holds whatever order the engine commits in.
/// (SQLite needs the WHERE clause to parse `INSERT … SELECT … ON CONFLICT`.)
pub(crate) const INSERT_OCCURRENCE: &str = "\
INSERT INTO occurrences (run_id, target_url, page, element, attribute, text)
SELECT $1, $2, $3, $4, $5, $6
WHERE NOT EXISTS (
    SELECT 1 FROM targets WHERE run_id = $1 AND url = $2 AND outcome = 'ok')
ON CONFLICT DO NOTHING";

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
