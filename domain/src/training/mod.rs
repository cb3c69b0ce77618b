//! Training operations: the course catalogue, rooms, contracts with their sessions, participants
//! and attendance, and public workshops sold by the enrollment transaction (staff) and by
//! confirmed requests from the public form.
//!
//! Permissions are checked by the callers (server functions, API routes); functions here take the
//! acting user's id to record who did what.

pub mod attendance;
pub mod contracts;
pub mod courses;
pub mod enrollment;
pub mod payments;
pub mod requests;
pub mod rooms;
pub mod sessions;
pub mod workshops;

use types::FieldIssue;

pub use types::totals::{parse_hours, parse_money};

/// A whole number of at least `min`.
pub fn parse_count(raw: &str, min: i64) -> Result<i64, FieldIssue> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(FieldIssue::Required);
    }
    let n: i64 = s.parse().map_err(|_| FieldIssue::InvalidNumber)?;
    if n < min {
        return Err(FieldIssue::AtLeast { n: min });
    }
    if n > 1_000_000 {
        return Err(FieldIssue::InvalidNumber);
    }
    Ok(n)
}

/// An optional record id from a form: empty is `None`, anything else must be a number.
pub fn parse_optional_id(raw: &str) -> Result<Option<i64>, FieldIssue> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<i64>().map(Some).map_err(|_| FieldIssue::InvalidChoice)
}

/// A required record id from a form.
pub fn parse_id(raw: &str) -> Result<i64, FieldIssue> {
    parse_optional_id(raw)?.ok_or(FieldIssue::Required)
}

/// A fresh random key for a form, sent back as its idempotency key: submitting the same form
/// twice (a double click, a retry after a timeout) enrolls once.
pub fn form_key() -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::thread_rng(), 24)
}

/// The trainers sessions can be given to: active users who are not reception.
pub async fn trainers(db: &crate::Db) -> crate::Result<Vec<(types::UserId, String)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM users WHERE active = 1 AND role <> 'reception' ORDER BY name, id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(id, name)| (types::UserId(id), name)).collect())
}

/// What the training forms offer: organizations (by name), active courses, trainers, active
/// rooms and interests.
pub async fn choices(db: &crate::Db) -> crate::Result<types::TrainingChoices> {
    let interests = crate::crm::interests::list_interests(db).await?;
    Ok(types::TrainingChoices {
        organizations: crate::crm::organizations::names(db).await?,
        courses: courses::list_courses(db).await?.into_iter().filter(|c| c.active).collect(),
        trainers: trainers(db).await?,
        rooms: rooms::list_rooms(db).await?.into_iter().filter(|r| r.active).collect(),
        interests: interests.into_iter().map(|i| (i.id, i.name)).collect(),
    })
}

/// Today's scheduled sessions within `reach` and live workshops, in the centre's zone `tz`.
pub async fn today(db: &crate::Db, tz: chrono_tz::Tz, reach: crate::Reach) -> crate::Result<types::TodayView> {
    let now = crate::clock::utc_now();
    let day = now.with_timezone(&tz).date_naive();
    let start = crate::crm::fields::from_local(tz, day.and_time(chrono::NaiveTime::MIN)).unwrap_or(now.timestamp());
    let end = start + 86_400;
    let sessions = sessions::sessions_between(db, start, end, reach).await?;
    let workshops = workshops::list_workshops(db, workshops::WorkshopScope::Upcoming)
        .await?
        .into_iter()
        .filter(|w| w.starts_at.timestamp() < end && w.state != types::WorkshopState::Draft)
        .collect();
    Ok(types::TodayView { now, sessions, workshops })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_the_way_people_in_spain_type_it() {
        assert_eq!(parse_money("45"), Ok(4500));
        assert_eq!(parse_money("45,5"), Ok(4550));
        assert_eq!(parse_money("45.50"), Ok(4550));
        assert_eq!(parse_money("1.234,56 €"), Ok(123456));
        assert_eq!(parse_money("1,234.56"), Ok(123456));
        assert_eq!(parse_money("0,05"), Ok(5));
        assert_eq!(parse_money(""), Err(FieldIssue::Required));
        assert_eq!(parse_money("4,555"), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_money("-3"), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_money("abc"), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_money("9999999999"), Err(FieldIssue::InvalidNumber));
    }

    #[test]
    fn hours_become_minutes_and_back_through_the_form_text() {
        assert_eq!(parse_hours("12"), Ok(720));
        assert_eq!(parse_hours("1,5"), Ok(90));
        assert_eq!(parse_hours("0,25"), Ok(15));
        assert_eq!(parse_hours("2.33"), Ok(140));
        assert_eq!(parse_hours(&types::fmt::hours_input(90)), Ok(90));
        assert_eq!(parse_hours(&types::fmt::hours_input(15)), Ok(15));
    }

    #[test]
    fn counts_refuse_what_is_not_a_whole_number_above_the_minimum() {
        assert_eq!(parse_count("20", 1), Ok(20));
        assert_eq!(parse_count("0", 1), Err(FieldIssue::AtLeast { n: 1 }));
        assert_eq!(parse_count("2.5", 1), Err(FieldIssue::InvalidNumber));
        assert_eq!(parse_count(" ", 1), Err(FieldIssue::Required));
    }
}
