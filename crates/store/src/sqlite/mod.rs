//! The SQLite implementation of [`Store`]: the embedded default (DESIGN.md "Storage").
//!
//! One writer connection and a few reader connections on the same file in WAL mode. Writes are
//! serialised by the one-connection writer pool, so concurrent tasks queue instead of failing
//! with "database is locked"; readers never block the writer. `synchronous=NORMAL` in WAL mode
//! keeps every committed transaction across a process crash (`kill -9`); only an OS crash or
//! power loss can drop the last few.

mod migrate;
mod monitor;
mod rows;
mod scoring;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, SqliteConnection, SqlitePool};
use xunwang_core::{Finding, LinkVerdict, Occurrence};

use crate::codec::{enum_text, from_u64, time_text, to_json};
use crate::error::{Cause, StoreError};
use crate::model::{Commit, FrontierRow, PageRecord, Run, RunId, RunStatus, SiteId, TargetRecord};
use crate::sql;
use crate::store::Store;

/// How long a connection waits for another process's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Reader connections (reads run beside the single writer thanks to WAL).
const READERS: u32 = 4;

/// Prepared statements kept per connection: the fixed ones plus one per multi-row insert
/// size (`sql::MAX_BATCH` each for frontier rows and occurrences).
const STATEMENT_CACHE: usize = 32 + 2 * sql::MAX_BATCH;

/// Storage in one SQLite file.
///
/// Cheap to clone: clones share the connection pools.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    /// Where the database lives when the user names none: `./xunwang.db`.
    pub const DEFAULT_PATH: &str = "xunwang.db";

    /// Opens the database, creating the file if missing, and brings its schema up to date.
    ///
    /// Accepts `sqlite://PATH`, `sqlite:PATH` (both may carry SQLite URI parameters such as
    /// `?mode=memory`) or a bare file path. `sqlite::memory:` gives a private in-memory
    /// database shared by this store's connections (for tests).
    pub async fn open(url_or_path: &str) -> Result<SqliteStore, StoreError> {
        let open_err = |source: Cause| StoreError::Open {
            location: url_or_path.to_owned(),
            source,
        };
        let (options, in_memory) = connect_options(url_or_path).map_err(open_err)?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.clone())
            .await
            .map_err(|e| open_err(Box::new(e)))?;
        migrate::migrate(&writer).await?;
        // An in-memory database lives in a shared cache, where readers and the writer lock
        // each other per table; one connection avoids that.
        let reader = if in_memory {
            writer.clone()
        } else {
            SqlitePoolOptions::new()
                .max_connections(READERS)
                .min_connections(0)
                .connect_lazy_with(options)
        };
        Ok(SqliteStore { writer, reader })
    }

    /// The schema version of the open database (the newest applied migration).
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
            .fetch_one(&self.reader)
            .await
            .map_err(StoreError::query("schema_version"))?;
        Ok(v.unwrap_or(0))
    }

    /// Closes the connections, checkpointing the WAL into the main file.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }

    /// Starts a write transaction on the writer connection.
    async fn begin(
        &self,
        op: &'static str,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        // IMMEDIATE takes the write lock up front, so a second process waits (busy timeout)
        // instead of failing on a read-to-write upgrade.
        self.writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(StoreError::query(op))
    }
}

/// Connection options for `url_or_path`, and whether it names an in-memory database.
fn connect_options(url_or_path: &str) -> Result<(SqliteConnectOptions, bool), Cause> {
    let (options, in_memory) = if url_or_path.starts_with("sqlite:") {
        let rest = url_or_path
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let in_memory = rest.starts_with(":memory:") || rest.contains("mode=memory");
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() && !in_memory {
            return Err("no database file named".into());
        }
        (SqliteConnectOptions::from_str(url_or_path)?, in_memory)
    } else {
        if url_or_path.is_empty() {
            return Err("no database file named".into());
        }
        (
            SqliteConnectOptions::new().filename(Path::new(url_or_path)),
            false,
        )
    };
    let options = options
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .statement_cache_capacity(STATEMENT_CACHE);
    let options = if in_memory {
        options
    } else {
        options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
    };
    Ok((options, in_memory))
}

/// Upserts a target verdict; an Ok verdict drops the target's occurrences.
async fn put_target(
    conn: &mut SqliteConnection,
    op: &'static str,
    run: RunId,
    t: &TargetRecord,
) -> Result<(), StoreError> {
    // Most targets are Ok: the `outcome` column says so and the JSON is left out.
    let verdict = match t.verdict {
        LinkVerdict::Ok => None,
        _ => Some(to_json(op, "verdict", &t.verdict)?),
    };
    let redirects = if t.redirects.is_empty() {
        None
    } else {
        Some(to_json(op, "redirects", &t.redirects)?)
    };
    sqlx::query(sql::UPSERT_TARGET)
        .bind(run)
        .bind(&t.url)
        .bind(t.verdict.label())
        .bind(verdict)
        .bind(t.status.map(i64::from))
        .bind(redirects)
        .bind(i64::from(t.attempts))
        .bind(time_text(&t.checked_at))
        .execute(&mut *conn)
        .await
        .map_err(StoreError::query(op))?;
    if t.verdict == LinkVerdict::Ok {
        sqlx::query(sql::DELETE_OCCURRENCES)
            .bind(run)
            .bind(&t.url)
            .execute(&mut *conn)
            .await
            .map_err(StoreError::query(op))?;
    }
    Ok(())
}

/// Upserts a page record.
async fn put_page(
    conn: &mut SqliteConnection,
    op: &'static str,
    run: RunId,
    p: &PageRecord,
) -> Result<(), StoreError> {
    sqlx::query(sql::UPSERT_PAGE)
        .bind(run)
        .bind(&p.url)
        // Usually the same as `url`: stored only when a redirect changed it.
        .bind((p.final_url != p.url).then_some(&p.final_url))
        .bind(p.status.map(i64::from))
        .bind(p.content_type.as_deref())
        .bind(from_u64(p.bytes))
        .bind(from_u64(p.elapsed_ms))
        .bind(p.hash.as_deref())
        .bind(p.title.as_deref())
        .bind(p.charset.as_deref())
        .bind(p.etag.as_deref())
        .bind(p.last_modified.as_deref())
        .bind(time_text(&p.fetched_at))
        .bind(p.model.as_deref())
        .execute(&mut *conn)
        .await
        .map_err(StoreError::query(op))?;
    Ok(())
}

/// Adds frontier rows, ignoring URLs the run already has.
async fn put_frontier(
    conn: &mut SqliteConnection,
    op: &'static str,
    run: RunId,
    rows: &[FrontierRow],
) -> Result<(), StoreError> {
    for chunk in rows.chunks(sql::MAX_BATCH) {
        let mut q = sqlx::query(AssertSqlSafe(sql::enqueue(chunk.len()))).bind(run);
        for r in chunk {
            q = q
                .bind(&r.url)
                .bind(i64::from(r.depth))
                .bind(r.kind.as_str())
                .bind(r.done);
        }
        q.execute(&mut *conn).await.map_err(StoreError::query(op))?;
    }
    Ok(())
}

/// Adds occurrences, skipping those of targets already known Ok in this run.
async fn put_occurrences(
    conn: &mut SqliteConnection,
    op: &'static str,
    run: RunId,
    occurrences: &[(String, Occurrence)],
) -> Result<(), StoreError> {
    for chunk in occurrences.chunks(sql::MAX_BATCH) {
        let mut q = sqlx::query(AssertSqlSafe(sql::insert_occurrences(chunk.len()))).bind(run);
        for (target, o) in chunk {
            q = q
                .bind(target)
                .bind(&o.page)
                .bind(&o.element)
                .bind(&o.attribute)
                .bind(&o.text);
        }
        q.execute(&mut *conn).await.map_err(StoreError::query(op))?;
    }
    Ok(())
}

/// Replaces the content-check hits of `url` in the run.
async fn put_hits(
    conn: &mut SqliteConnection,
    op: &'static str,
    run: RunId,
    url: &str,
    hits: &[String],
) -> Result<(), StoreError> {
    sqlx::query(sql::DELETE_HITS)
        .bind(run)
        .bind(url)
        .execute(&mut *conn)
        .await
        .map_err(StoreError::query(op))?;
    for (seq, body) in hits.iter().enumerate() {
        sqlx::query(sql::INSERT_HIT)
            .bind(run)
            .bind(url)
            .bind(seq as i64)
            .bind(body)
            .execute(&mut *conn)
            .await
            .map_err(StoreError::query(op))?;
    }
    Ok(())
}

impl Store for SqliteStore {
    async fn upsert_site(&self, home: &str, name: Option<&str>) -> Result<SiteId, StoreError> {
        sqlx::query_scalar(sql::UPSERT_SITE)
            .bind(home)
            .bind(name)
            .fetch_one(&self.writer)
            .await
            .map_err(StoreError::query("upsert_site"))
    }

    async fn site_id(&self, home: &str) -> Result<Option<SiteId>, StoreError> {
        sqlx::query_scalar(sql::SITE_ID)
            .bind(home)
            .fetch_optional(&self.reader)
            .await
            .map_err(StoreError::query("site_id"))
    }

    async fn unfinished_run(&self, site: SiteId) -> Result<Option<Run>, StoreError> {
        const OP: &str = "unfinished_run";
        let row = sqlx::query(sql::UNFINISHED_RUN)
            .bind(site)
            .fetch_optional(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        row.map(|r| rows::run(OP, &r)).transpose()
    }

    async fn create_run(
        &self,
        site: SiteId,
        started_at: DateTime<FixedOffset>,
    ) -> Result<RunId, StoreError> {
        sqlx::query_scalar(sql::CREATE_RUN)
            .bind(site)
            .bind(time_text(&started_at))
            .fetch_one(&self.writer)
            .await
            .map_err(StoreError::query("create_run"))
    }

    async fn finish_run(
        &self,
        run: RunId,
        at: DateTime<FixedOffset>,
        status: RunStatus,
        stats_json: &str,
    ) -> Result<(), StoreError> {
        const OP: &str = "finish_run";
        let done = sqlx::query(sql::FINISH_RUN)
            .bind(run)
            .bind(time_text(&at))
            .bind(status.as_str())
            .bind(stats_json)
            .execute(&self.writer)
            .await
            .map_err(StoreError::query(OP))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::UnknownRun { op: OP, run });
        }
        Ok(())
    }

    async fn run(&self, run: RunId) -> Result<Option<Run>, StoreError> {
        const OP: &str = "run";
        let row = sqlx::query(sql::RUN)
            .bind(run)
            .fetch_optional(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        row.map(|r| rows::run(OP, &r)).transpose()
    }

    async fn last_finished_run(&self, site: SiteId) -> Result<Option<Run>, StoreError> {
        const OP: &str = "last_finished_run";
        let row = sqlx::query(sql::LAST_FINISHED_RUN)
            .bind(site)
            .fetch_optional(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        row.map(|r| rows::run(OP, &r)).transpose()
    }

    async fn enqueue(&self, run: RunId, rows: &[FrontierRow]) -> Result<(), StoreError> {
        const OP: &str = "enqueue";
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin(OP).await?;
        put_frontier(&mut tx, OP, run, rows).await?;
        tx.commit().await.map_err(StoreError::query(OP))
    }

    async fn frontier(&self, run: RunId) -> Result<Vec<FrontierRow>, StoreError> {
        const OP: &str = "frontier";
        let all = sqlx::query(sql::FRONTIER)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::frontier(OP, r)).collect()
    }

    async fn commit(&self, run: RunId, c: &Commit) -> Result<(), StoreError> {
        self.commit_batch(run, std::slice::from_ref(c)).await
    }

    async fn commit_batch(&self, run: RunId, cs: &[Commit]) -> Result<(), StoreError> {
        const OP: &str = "commit";
        let mut tx = self.begin(OP).await?;
        for c in cs {
            put_target(&mut tx, OP, run, &c.target).await?;
            if let Some(page) = &c.page {
                put_page(&mut tx, OP, run, page).await?;
            }
            sqlx::query(sql::MARK_DONE)
                .bind(run)
                .bind(&c.target.url)
                .execute(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            put_frontier(&mut tx, OP, run, &c.discovered).await?;
            put_occurrences(&mut tx, OP, run, &c.occurrences).await?;
            put_hits(&mut tx, OP, run, &c.target.url, &c.hits).await?;
        }
        tx.commit().await.map_err(StoreError::query(OP))
    }

    async fn update_target(&self, run: RunId, t: &TargetRecord) -> Result<(), StoreError> {
        const OP: &str = "update_target";
        let mut tx = self.begin(OP).await?;
        put_target(&mut tx, OP, run, t).await?;
        tx.commit().await.map_err(StoreError::query(OP))
    }

    async fn targets(&self, run: RunId) -> Result<Vec<TargetRecord>, StoreError> {
        const OP: &str = "targets";
        let all = sqlx::query(sql::TARGETS)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::target(OP, r)).collect()
    }

    async fn problem_targets(&self, run: RunId) -> Result<Vec<TargetRecord>, StoreError> {
        const OP: &str = "problem_targets";
        let all = sqlx::query(sql::PROBLEM_TARGETS)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::target(OP, r)).collect()
    }

    async fn occurrences(&self, run: RunId) -> Result<Vec<(String, Occurrence)>, StoreError> {
        const OP: &str = "occurrences";
        let all = sqlx::query(sql::OCCURRENCES)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::occurrence(OP, r)).collect()
    }

    async fn pages(&self, run: RunId) -> Result<Vec<PageRecord>, StoreError> {
        const OP: &str = "pages";
        let all = sqlx::query(sql::PAGES)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::page(OP, r)).collect()
    }

    async fn page_models(
        &self,
        run: RunId,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        const OP: &str = "page_models";
        sqlx::query_as(sql::PAGE_MODELS)
            .bind(run)
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))
    }

    async fn hits(&self, run: RunId) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as(sql::HITS)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query("hits"))
    }

    async fn save_findings(
        &self,
        site: SiteId,
        run: RunId,
        findings: &[Finding],
    ) -> Result<Vec<Finding>, StoreError> {
        const OP: &str = "save_findings";
        let mut stored = Vec::with_capacity(findings.len());
        let mut tx = self.begin(OP).await?;
        for f in findings {
            let evidence = to_json(OP, "evidence", &f.evidence)?;
            let severity = enum_text(OP, "severity", &f.severity)?;
            let row = sqlx::query(sql::UPSERT_FINDING)
                .bind(site)
                .bind(&f.fingerprint)
                .bind(f.kind.id())
                .bind(&f.site)
                .bind(&f.url)
                .bind(time_text(&f.first_seen))
                .bind(time_text(&f.last_seen))
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            let (id, first_seen) = rows::finding_id(OP, &row)?;
            sqlx::query(sql::UPSERT_FINDING_RUN)
                .bind(run)
                .bind(id)
                .bind(severity)
                .bind(evidence)
                .bind(time_text(&f.last_seen))
                .execute(&mut *tx)
                .await
                .map_err(StoreError::query(OP))?;
            stored.push(Finding {
                first_seen,
                ..f.clone()
            });
        }
        tx.commit().await.map_err(StoreError::query(OP))?;
        Ok(stored)
    }

    async fn findings(&self, run: RunId) -> Result<Vec<Finding>, StoreError> {
        const OP: &str = "findings";
        let all = sqlx::query(sql::FINDINGS)
            .bind(run)
            .fetch_all(&self.reader)
            .await
            .map_err(StoreError::query(OP))?;
        all.iter().map(|r| rows::finding(OP, r)).collect()
    }
}
