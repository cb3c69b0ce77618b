//! The command palette's record search.

mod find_records;

pub use find_records::*;
