//! Conversions between domain values and the text/integer columns every backend stores.
//!
//! Timestamps are RFC 3339 text that keeps the original offset, so a value reads back equal.
//! Verdicts, redirects and evidence are JSON text. Unsigned counters are stored as `i64`.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::StoreError;

/// Timestamp → stored text.
pub(crate) fn time_text(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

/// Stored text → timestamp.
pub(crate) fn parse_time(
    op: &'static str,
    column: &'static str,
    s: &str,
) -> Result<DateTime<FixedOffset>, StoreError> {
    DateTime::parse_from_rfc3339(s).map_err(|_| StoreError::corrupt(op, column, s))
}

/// Optional stored text → optional timestamp.
pub(crate) fn parse_opt_time(
    op: &'static str,
    column: &'static str,
    s: Option<&str>,
) -> Result<Option<DateTime<FixedOffset>>, StoreError> {
    s.map(|s| parse_time(op, column, s)).transpose()
}

/// Value → JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(
    op: &'static str,
    what: &'static str,
    v: &T,
) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Encode {
        op,
        what,
        source: Box::new(e),
    })
}

/// JSON text → value.
pub(crate) fn from_json<T: DeserializeOwned>(
    op: &'static str,
    column: &'static str,
    s: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|_| StoreError::corrupt(op, column, s))
}

/// A serde enum that serialises as a bare string (e.g. `Severity`) → that string.
pub(crate) fn enum_text<T: Serialize>(
    op: &'static str,
    what: &'static str,
    v: &T,
) -> Result<String, StoreError> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(StoreError::Encode {
            op,
            what,
            source: format!("expected a string, got {other}").into(),
        }),
        Err(e) => Err(StoreError::Encode {
            op,
            what,
            source: Box::new(e),
        }),
    }
}

/// Stored string → serde enum that deserialises from a bare string.
pub(crate) fn parse_enum_text<T: DeserializeOwned>(
    op: &'static str,
    column: &'static str,
    s: &str,
) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| StoreError::corrupt(op, column, s))
}

/// Stored integer → `u16` (HTTP status).
pub(crate) fn to_u16(op: &'static str, column: &'static str, v: i64) -> Result<u16, StoreError> {
    u16::try_from(v).map_err(|_| StoreError::corrupt(op, column, &v.to_string()))
}

/// Stored integer → `u32`.
pub(crate) fn to_u32(op: &'static str, column: &'static str, v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| StoreError::corrupt(op, column, &v.to_string()))
}

/// Stored integer → `u64`.
pub(crate) fn to_u64(op: &'static str, column: &'static str, v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| StoreError::corrupt(op, column, &v.to_string()))
}

/// `u64` → stored integer, saturating (a body or duration beyond `i64::MAX` is not real).
pub(crate) fn from_u64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}
