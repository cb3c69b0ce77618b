//! The audit log: a record's history (staff, for the CRM's records), the whole log with its
//! filters and the check of its chain (administrators).

mod audit_log;
mod record_history;
mod verify_audit_log;

pub use audit_log::*;
pub use record_history::*;
pub use verify_audit_log::*;
