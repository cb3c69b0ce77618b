//! Time as stored: UTC Unix seconds.

use chrono::{DateTime, Utc};

/// Now, in UTC Unix seconds.
pub fn now() -> i64 {
    Utc::now().timestamp()
}

/// Stored seconds back to a UTC time (out-of-range values clamp to the epoch).
pub fn to_utc(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
