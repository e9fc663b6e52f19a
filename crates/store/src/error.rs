//! The one error type of this crate.

use std::error::Error as StdError;

/// A boxed underlying cause, so that no driver type leaks into the public API.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// Why a storage operation could not be carried out.
///
/// A broken link is not an error (it is a [`xunwang_core::LinkVerdict`]); a `StoreError` means
/// the database could not do what was asked. Each variant names the failing operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database at `location` could not be opened or created.
    #[error("cannot open database {location}")]
    Open {
        /// The URL or path that was given to `open`.
        location: String,
        /// What went wrong.
        #[source]
        source: Cause,
    },
    /// Schema migration `version` (`name`) failed.
    #[error("schema migration {version} ({name}) failed")]
    Migrate {
        /// The migration's version number.
        version: i64,
        /// The migration's name.
        name: &'static str,
        /// What went wrong.
        #[source]
        source: Cause,
    },
    /// The database was written by a newer xunwang: its schema version is above the known ones.
    #[error("database schema version {found} is newer than this program knows ({known})")]
    SchemaTooNew {
        /// The highest version recorded in the database.
        found: i64,
        /// The highest version this build knows.
        known: i64,
    },
    /// The operation `op` (a `Store` method name such as `commit`) failed in the database.
    #[error("storage operation `{op}` failed")]
    Query {
        /// The `Store` method that failed.
        op: &'static str,
        /// The database error.
        #[source]
        source: Cause,
    },
    /// A stored value could not be read back (bad JSON, timestamp or enum text).
    #[error("storage operation `{op}`: stored {column} is unreadable: {value:?}")]
    Corrupt {
        /// The `Store` method that read it.
        op: &'static str,
        /// The column holding it.
        column: &'static str,
        /// The stored text (possibly shortened).
        value: String,
    },
    /// A value could not be encoded for storage (JSON serialisation failed).
    #[error("storage operation `{op}`: cannot encode {what}")]
    Encode {
        /// The `Store` method that wrote it.
        op: &'static str,
        /// What was being encoded.
        what: &'static str,
        /// The encoder's error.
        #[source]
        source: Cause,
    },
    /// The operation `op` named a run that does not exist.
    #[error("storage operation `{op}`: run {run} does not exist")]
    UnknownRun {
        /// The `Store` method.
        op: &'static str,
        /// The run id asked for.
        run: i64,
    },
}

impl StoreError {
    /// Wraps a database error for operation `op`.
    pub(crate) fn query(op: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |e| StoreError::Query {
            op,
            source: Box::new(e),
        }
    }

    /// A stored value that could not be decoded; long values are shortened.
    pub(crate) fn corrupt(op: &'static str, column: &'static str, value: &str) -> StoreError {
        let value = value.chars().take(200).collect();
        StoreError::Corrupt { op, column, value }
    }
}
