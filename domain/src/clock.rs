//! Time as stored: UTC Unix seconds, read from the process's one clock.
//!
//! The clock is the system's, unless the process starts it at a fixed instant: the environment
//! variable `AULA_CLOCK_START` (RFC 3339 or `YYYY-MM-DD HH:MM:SS`, UTC), or [`start_at`] before
//! the first reading (the tests do, see `testing`). A started clock runs on from that instant at
//! the pace of the monotonic clock, so timeouts and ordering behave as usual. Every piece of
//! Aula that needs the time reads it here, never from the system directly (a test checks).

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};

static START: OnceLock<Option<(DateTime<Utc>, Instant)>> = OnceLock::new();

/// Parses an instant as `AULA_CLOCK_START` gives it.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok().map(|n| n.and_utc()))
}

fn start() -> &'static Option<(DateTime<Utc>, Instant)> {
    START.get_or_init(|| {
        std::env::var("AULA_CLOCK_START").ok().and_then(|s| parse_instant(&s)).map(|at| (at, Instant::now()))
    })
}

/// Starts the clock at `at` unless it was already read or started; answers whether it now runs
/// from `at`.
pub fn start_at(at: DateTime<Utc>) -> bool {
    START.set(Some((at, Instant::now()))).is_ok() || start().is_some_and(|(s, _)| s == at)
}

/// Now, as a UTC time.
pub fn utc_now() -> DateTime<Utc> {
    match start() {
        Some((at, since)) => *at + since.elapsed(),
        None => Utc::now(),
    }
}

/// Now, in UTC Unix seconds.
pub fn now() -> i64 {
    utc_now().timestamp()
}

/// Today's date in `tz`.
pub fn today(tz: chrono_tz::Tz) -> NaiveDate {
    utc_now().with_timezone(&tz).date_naive()
}

/// The stored seconds at which `day` starts in `tz` and at which the next day starts.
pub fn day_bounds(day: NaiveDate, tz: chrono_tz::Tz) -> (i64, i64) {
    use chrono::TimeZone;
    let start = |d: NaiveDate| {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        // A day whose midnight does not exist (a DST jump at 00:00) starts an hour later.
        tz.from_local_datetime(&midnight)
            .earliest()
            .or_else(|| tz.from_local_datetime(&(midnight + chrono::Duration::hours(1))).earliest())
            .map(|t| t.timestamp())
            .unwrap_or_else(|| midnight.and_utc().timestamp())
    };
    (start(day), start(day + chrono::Duration::days(1)))
}

/// Stored seconds back to a UTC time (out-of-range values clamp to the epoch).
pub fn to_utc(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
