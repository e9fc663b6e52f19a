//! A tiny embedded migrator (no `sqlx::migrate!`, so no `macros` feature and no second
//! driver build for the proc-macro host; research/crates.md §6).
//!
//! Migrations are append-only and applied in version order inside one `BEGIN IMMEDIATE`
//! transaction, so two processes opening the same file cannot both apply them.

use sqlx::{Connection, SqlitePool};

use crate::error::StoreError;

/// One schema change.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Every SQLite migration, oldest first.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "page_model",
        sql: include_str!("../../migrations/sqlite/0002_page_model.sql"),
    },
    Migration {
        version: 3,
        name: "content_hits",
        sql: include_str!("../../migrations/sqlite/0003_content_hits.sql"),
    },
    Migration {
        version: 4,
        name: "scoring",
        sql: include_str!("../../migrations/sqlite/0004_scoring.sql"),
    },
    Migration {
        version: 5,
        name: "monitor",
        sql: include_str!("../../migrations/sqlite/0005_monitor.sql"),
    },
];

const CREATE_TABLE: &str = "\
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)";

/// Brings the schema up to date; returns how many migrations were applied.
pub(crate) async fn migrate(pool: &SqlitePool) -> Result<usize, StoreError> {
    const OP: &str = "migrate";
    let mut conn = pool.acquire().await.map_err(StoreError::query(OP))?;
    let mut tx = conn
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(StoreError::query(OP))?;
    sqlx::raw_sql(CREATE_TABLE)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::query(OP))?;
    let found: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::query(OP))?;
    let found = found.unwrap_or(0);
    let known = latest_version();
    if found > known {
        return Err(StoreError::SchemaTooNew { found, known });
    }
    let mut applied = 0;
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        let fail = |e: sqlx::Error| StoreError::Migrate {
            version: m.version,
            name: m.name,
            source: Box::new(e),
        };
        sqlx::raw_sql(m.sql).execute(&mut *tx).await.map_err(fail)?;
        sqlx::query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
            .bind(m.version)
            .bind(m.name)
            .execute(&mut *tx)
            .await
            .map_err(fail)?;
        applied += 1;
    }
    tx.commit().await.map_err(StoreError::query(OP))?;
    Ok(applied)
}

/// The newest schema version this build knows.
pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}
