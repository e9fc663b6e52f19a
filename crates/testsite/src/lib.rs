//! Sample government sites with known faults (being written).
pub mod attachments;
