//! The audit log on the wire: entries with their changed fields, a page of them, the filters,
//! and whether the chain is intact.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::UserId;

/// One field an entry changed: its value before and after (`None`: empty, or absent on a
/// creation or a deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One write: who, when, from where, what, and the fields it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its place in the chain, 1, 2, 3…
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub user_name: Option<String>,
    /// Made through an API token rather than a session.
    pub via_token: bool,
    pub ip: String,
    pub module: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub changes: Vec<FieldChange>,
    /// The values of its changes were removed by a person's erasure (the field names stay).
    #[serde(default)]
    pub redacted: bool,
}

/// Entries newest first; `next` is the cursor of the following page (`before=`), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<i64>,
}

/// What to list: all filters optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub user_id: Option<i64>,
    pub module: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Entries before this `seq` (the previous page's `next`).
    pub before: Option<i64>,
    pub limit: Option<i64>,
}

/// Whether the chain of hashes holds from the first entry to the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    /// Entries checked (up to the first broken one).
    pub entries: i64,
    pub intact: bool,
    /// The `seq` where the chain first fails.
    pub first_broken: Option<i64>,
}
