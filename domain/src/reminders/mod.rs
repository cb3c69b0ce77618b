//! The reminder queue: rows with a due time, delivered by a background worker.
//!
//! Delivery is claimed before it happens: [`claim_due`] moves due rows from `pending` to
//! `sending` in one statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, inside the single-writer
//! `BEGIN IMMEDIATE` on SQLite), so two workers, or two servers on one PostgreSQL, never take the
//! same row. A worker that dies mid-send leaves its rows `sending`; [`recover_stale`] returns them
//! to `pending` after a lease. Failures retry with back-off ([`mark_failed`]) and end `failed`.
//! The scan reads the partial index on `next_attempt_at` of pending rows only, so its cost follows
//! the due rows, not the table.

pub mod deliver;
pub mod digest;
pub mod sources;

use sqlx::{Any, Executor, FromRow};
use types::UserId;

use crate::clock::now;
use crate::{Db, Error, Result};

/// What delivery needs besides the database (here, below both `deliver` and `digest`, which
/// composes the digest for it).
pub struct Delivery<'a> {
    pub db: &'a Db,
    pub mailer: Option<&'a crate::email::Mailer>,
    pub hub: &'a crate::notifications::Hub,
    pub tz: chrono_tz::Tz,
    /// The language of emails to people (who have no account).
    pub default_locale: types::Locale,
    /// The public address, for links in emails (`https://aula.centro.example`).
    pub base_url: &'a str,
    /// Names this worker in claims (host and process).
    pub worker: &'a str,
}

/// A reminder composed for its recipient.
pub struct Composed {
    pub template: &'static str,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub organization_id: Option<i64>,
}

/// Attempts before a reminder ends as failed.
pub const MAX_ATTEMPTS: i64 = 5;

/// Seconds to wait before attempt `n + 1` after `n` failed ones: 1, 5, 15, 60 minutes.
pub fn backoff_secs(attempts: i64) -> i64 {
    match attempts {
        ..=1 => 60,
        2 => 300,
        3 => 900,
        _ => 3600,
    }
}

/// How a reminder reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    InApp,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InApp => "in_app",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "in_app" => Some(Channel::InApp),
            "email" => Some(Channel::Email),
            _ => None,
        }
    }
}

/// A reminder to schedule. `kind` and the subject say what it is about (`follow_up` of an
/// interaction, `session` of a session…); the recipient is a user, or a person by email.
#[derive(Debug, Clone)]
pub struct NewReminder {
    pub kind: &'static str,
    pub subject_type: &'static str,
    pub subject_id: i64,
    pub channel: Channel,
    pub user_id: Option<UserId>,
    pub person_id: Option<i64>,
    pub email: String,
    pub due_at: i64,
}

impl NewReminder {
    /// The same reminder scheduled again has the same key.
    pub fn dedupe_key(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}:{}",
            self.kind,
            self.subject_type,
            self.subject_id,
            self.channel.as_str(),
            self.user_id.map(|u| u.0).unwrap_or(0),
            if self.person_id.is_some() || !self.email.is_empty() {
                format!("{}/{}", self.person_id.unwrap_or(0), self.email)
            } else {
                String::new()
            }
        )
    }
}

/// A reminder as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Reminder {
    pub id: i64,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: i64,
    pub channel: String,
    pub user_id: Option<i64>,
    pub person_id: Option<i64>,
    pub email: String,
    pub due_at: i64,
    pub next_attempt_at: i64,
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, subject_type, subject_id, channel, user_id, person_id, email, due_at, \
     next_attempt_at, state, attempts, last_error, sent_at";

/// A row being sent stays as it is; one sent or failed stays so while its due time is unchanged.
const KEEP: &str = "(reminders.state = 'sending' OR (reminders.state IN ('sent', 'failed') \
     AND reminders.due_at = excluded.due_at))";

/// Schedules a reminder inside the caller's transaction. If the same reminder is already
/// pending, it moves to the new due time. One already sent or failed starts again only when its
/// due time changed (a rescheduled session is announced again); a cancelled one starts again.
pub async fn schedule<'e, E: Executor<'e, Database = Any>>(exec: E, r: &NewReminder) -> Result<()> {
    let at = now();
    sqlx::query(&format!(
        "INSERT INTO reminders (dedupe_key, kind, subject_type, subject_id, channel, user_id, person_id, email, \
         due_at, next_attempt_at, state, attempts, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 'pending', 0, $10, $10) \
         ON CONFLICT (dedupe_key) DO UPDATE SET due_at = excluded.due_at, \
         next_attempt_at = CASE WHEN {KEEP} THEN reminders.next_attempt_at ELSE excluded.due_at END, \
         state = CASE WHEN {KEEP} THEN reminders.state ELSE 'pending' END, \
         attempts = CASE WHEN {KEEP} THEN reminders.attempts ELSE 0 END, \
         last_error = CASE WHEN {KEEP} THEN reminders.last_error ELSE '' END, updated_at = excluded.updated_at"
    ))
    .bind(r.dedupe_key())
    .bind(r.kind)
    .bind(r.subject_type)
    .bind(r.subject_id)
    .bind(r.channel.as_str())
    .bind(r.user_id.map(|u| u.0))
    .bind(r.person_id)
    .bind(&r.email)
    .bind(r.due_at)
    .bind(at)
    .execute(exec)
    .await?;
    Ok(())
}

/// Moves the pending reminders of a subject (a rescheduled session) by `delta` seconds.
pub async fn shift_for_subject<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    subject_type: &str,
    subject_id: i64,
    delta: i64,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE reminders SET due_at = due_at + $1, next_attempt_at = next_attempt_at + $1, updated_at = $2 \
         WHERE subject_type = $3 AND subject_id = $4 AND state = 'pending'",
    )
    .bind(delta)
    .bind(now())
    .bind(subject_type)
    .bind(subject_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

/// Cancels the pending reminders of a subject (a cancelled session, a completed follow-up).
pub async fn cancel_for_subject<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    subject_type: &str,
    subject_id: i64,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE reminders SET state = 'cancelled', updated_at = $1 \
         WHERE subject_type = $2 AND subject_id = $3 AND state = 'pending'",
    )
    .bind(now())
    .bind(subject_type)
    .bind(subject_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

/// Claims up to `limit` reminders due at `at` for `worker`: they move to `sending` and count an
/// attempt. No two callers ever get the same reminder.
pub async fn claim_due(db: &Db, worker: &str, at: i64, limit: i64) -> Result<Vec<Reminder>> {
    let lock = match db.backend() {
        crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        crate::Backend::Sqlite => "",
    };
    let mut tx = db.begin_write().await?;
    let rows: Vec<Reminder> = sqlx::query_as(&format!(
        "UPDATE reminders SET state = 'sending', claimed_by = $1, claimed_at = $2, attempts = attempts + 1, \
         updated_at = $2 WHERE id IN (SELECT id FROM reminders WHERE state = 'pending' AND next_attempt_at <= $2 \
         ORDER BY next_attempt_at, id LIMIT {}{lock}) RETURNING {COLUMNS}",
        limit.clamp(1, 1000)
    ))
    .bind(worker)
    .bind(at)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows)
}

/// Marks a claimed reminder delivered.
pub async fn mark_sent(db: &Db, id: i64, at: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE reminders SET state = 'sent', sent_at = $1, last_error = '', updated_at = $1 \
         WHERE id = $2 AND state = 'sending'",
    )
    .bind(at)
    .bind(id)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// Records a failed delivery: back to pending after the back-off, or failed for good after
/// [`MAX_ATTEMPTS`]. `error` is kept for the admin list (never shown to the recipient).
pub async fn mark_failed(db: &Db, id: i64, error: &str, at: i64) -> Result<()> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT attempts FROM reminders WHERE id = $1 AND state = 'sending'")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let (attempts,) = found.ok_or(Error::Conflict)?;
    let error: String = crate::text::clean(error).chars().take(500).collect();
    let (state, next) =
        if attempts >= MAX_ATTEMPTS { ("failed", at) } else { ("pending", at + backoff_secs(attempts)) };
    sqlx::query(
        "UPDATE reminders SET state = $1, next_attempt_at = $2, last_error = $3, updated_at = $4 \
         WHERE id = $5 AND state = 'sending'",
    )
    .bind(state)
    .bind(next)
    .bind(&error)
    .bind(at)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Returns to `pending` the reminders claimed before `at - lease_secs` and never finished (their
/// worker stopped mid-send). Returns how many.
pub async fn recover_stale(db: &Db, at: i64, lease_secs: i64) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE reminders SET state = 'pending', claimed_by = NULL, updated_at = $1 \
         WHERE state = 'sending' AND claimed_at < $2",
    )
    .bind(at)
    .bind(at - lease_secs)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// One reminder.
pub async fn get(db: &Db, id: i64) -> Result<Reminder> {
    let row: Option<Reminder> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM reminders WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.ok_or(Error::NotFound)
}

/// The reminders of a subject, oldest due first.
pub async fn for_subject(db: &Db, subject_type: &str, subject_id: i64) -> Result<Vec<Reminder>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reminders WHERE subject_type = $1 AND subject_id = $2 ORDER BY due_at, id"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(db.pool())
    .await?)
}

/// How many reminders wait (pending or being sent) and how many ended failed.
pub async fn counts(db: &Db) -> Result<(i64, i64)> {
    let (pending, failed): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN state IN ('pending', 'sending') THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) FROM reminders",
    )
    .fetch_one(db.pool())
    .await?;
    Ok((pending, failed))
}

/// The admin queue: failed reminders first (newest first), then the next ones due.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<types::ReminderRowView>> {
    type Row = (i64, String, String, Option<String>, String, i64, String, i64, String, Option<i64>);
    let select = "SELECT r.id, r.kind, r.channel, u.email, r.email, r.due_at, r.state, r.attempts, r.last_error, \
                  r.sent_at FROM reminders r LEFT JOIN users u ON u.id = r.user_id";
    let limit = limit.clamp(1, 500);
    let mut rows: Vec<Row> = sqlx::query_as(&format!(
        "{select} WHERE r.state = 'failed' ORDER BY r.updated_at DESC, r.id DESC LIMIT {limit}"
    ))
    .fetch_all(db.pool())
    .await?;
    let next: Vec<Row> = sqlx::query_as(&format!(
        "{select} WHERE r.state IN ('pending', 'sending') ORDER BY r.next_attempt_at, r.id LIMIT {limit}"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.extend(next);
    Ok(rows
        .into_iter()
        .map(|(id, kind, channel, user_email, email, due_at, state, attempts, last_error, sent_at)| {
            types::ReminderRowView {
                id,
                kind,
                recipient: if channel == "in_app" {
                    user_email.clone().unwrap_or_default()
                } else {
                    user_email.unwrap_or(email)
                },
                channel,
                due_at: crate::clock::to_utc(due_at),
                state,
                attempts,
                last_error,
                sent_at: sent_at.map(crate::clock::to_utc),
            }
        })
        .collect())
}

/// Sends a failed reminder again from now, with a fresh count of attempts.
pub async fn retry(db: &Db, id: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE reminders SET state = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1 \
         WHERE id = $2 AND state = 'failed'",
    )
    .bind(now())
    .bind(id)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
