//! The official Chinese working-day calendar (placeholder: being written).
use chrono::NaiveDate;

/// Working-day calendar.
#[derive(Debug, Clone)]
pub struct WorkCalendar;

/// Calendar error.
#[derive(Debug, thiserror::Error)]
#[error("calendar")]
pub struct CalendarError;

impl WorkCalendar {
    /// Placeholder.
    pub fn is_working_day(&self, _d: NaiveDate) -> Result<bool, CalendarError> {
        Err(CalendarError)
    }
}
