//! Requests from the public form. A visitor's request holds a seat (or, when the workshop is
//! full, a place in the queue) for a while; the visitor confirms by the link emailed to them, and
//! only then are they a person on record with an enrollment. A request not confirmed in time
//! expires and its seat goes back to the waitlist ([`enrollment::release_expired_holds`]).
//!
//! - Held seats count against capacity in the same conditional update as confirmed ones, so
//!   the enrollment transaction's guarantees hold unchanged.
//! - The answer to the form is the same whichever email it names: nothing tells whether the
//!   address is known or already enrolled. The email itself says nothing the visitor typed (no
//!   name), only the workshop and the link, and an address gets at most
//!   [`MAILS_PER_ADDRESS_PER_HOUR`] of them.
//! - The link's token is stored as a SHA-256 only; each mail attempt issues a fresh one.
//! - Without a mail server the requests wait for staff, who confirm or discard them on the
//!   workshop page (a phone call, a visit).

use std::sync::Arc;

use chrono_tz::Tz;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{Any, FromRow, Transaction};
use types::{
    EnrollmentRequestId, EnrollmentRequestView, EnrollmentState, EnrollmentView, FieldIssue, Locale, Msg,
    PublicEnrollment, PublicRequest, RequestState, UserId, WorkshopId, WorkshopState,
};

use super::enrollment::{self, Channel, NewEnrollment};
use crate::clock::{now, to_utc};
use crate::email::{self, Mailer};
use crate::{Db, Error, Result};

/// Confirmation emails one address receives in an hour, whoever asks.
pub const MAILS_PER_ADDRESS_PER_HOUR: i64 = 3;
/// Attempts to send a confirmation email before it is marked failed.
const MAIL_ATTEMPTS: i64 = 3;
/// Seconds after which a mail claim whose sender vanished is taken back.
const MAIL_LEASE_SECS: i64 = 120;
/// Days a finished request is kept (then its personal data goes).
const KEEP_DAYS: i64 = 30;

/// What the public form sends.
#[derive(Debug, Clone)]
pub struct RequestInput {
    pub workshop_id: WorkshopId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    /// Sent again with a retry, so the retry answers the first result.
    pub idempotency_key: Option<String>,
    /// The language of the confirmation email.
    pub locale: Locale,
}

/// A request taken: its id (to send its email) and the answer for the visitor.
#[derive(Debug, Clone)]
pub struct Requested {
    pub id: EnrollmentRequestId,
    pub answer: PublicEnrollment,
    /// An email is queued for it (not when replayed, over the address's limit, or without a
    /// mail server).
    pub mail_queued: bool,
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A token has the shape of one (64 hex digits); anything else is not looked up.
fn token_hash(token: &str) -> Result<String> {
    let t = token.trim();
    if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hash(&t.to_ascii_lowercase()))
    } else {
        Err(Error::NotFound)
    }
}

async fn seats_left(tx: &mut Transaction<'static, Any>, workshop: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT capacity - confirmed - held FROM workshops WHERE id = $1")
        .bind(workshop)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n.max(0))
}

/// Takes a request from the public form: holds a seat for `hold_secs` if one is free (else the
/// request will join the waitlist once confirmed) and queues its email when `mail` (a mail
/// server is configured). Retried with the same idempotency key it answers the first result.
pub async fn request_enrollment(db: &Db, input: &RequestInput, hold_secs: i64, mail: bool) -> Result<Requested> {
    let key = enrollment::idempotency_key(input.idempotency_key.as_deref())?;
    let person = enrollment::new_enrollee(&input.first_name, &input.last_name, &input.email, &input.phone)?;
    let wid = input.workshop_id.0;
    let hold_minutes = (hold_secs / 60).max(1);
    let mut tx = db.begin_write().await?;
    enrollment::lock_workshop(db, &mut tx, input.workshop_id).await?;
    if let Some(key) = &key {
        let found: Option<(i64, i64, String, i64)> = sqlx::query_as(
            "SELECT id, workshop_id, email, seat_held FROM enrollment_requests WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((id, workshop, email, seat_held)) = found {
            if workshop != wid || email != person.email {
                return Err(Error::field("idempotency_key", FieldIssue::KeyReused));
            }
            let seats_left = seats_left(&mut tx, wid).await?;
            tx.commit().await?;
            let answer = answer(seat_held == 1, hold_minutes, mail, seats_left);
            return Ok(Requested { id: EnrollmentRequestId(id), answer, mail_queued: false });
        }
    }
    let found: Option<(String, i64)> = sqlx::query_as("SELECT state, starts_at FROM workshops WHERE id = $1")
        .bind(wid)
        .fetch_optional(&mut *tx)
        .await?;
    let (state, starts_at) = found.ok_or(Error::NotFound)?;
    let at = now();
    if WorkshopState::parse(&state) != Some(WorkshopState::Published) || starts_at <= at {
        return Err(Error::field("workshop_id", FieldIssue::NotOpen));
    }
    enrollment::release_expired_holds(&mut tx, input.workshop_id, at).await?;
    let seat_held = enrollment::take_seat(&mut tx, wid, true).await?;
    let (recent,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM enrollment_requests WHERE email = $1 AND created_at > $2 \
         AND mail_state IN ('queued', 'sending', 'sent')",
    )
    .bind(&person.email)
    .bind(at - 3600)
    .fetch_one(&mut *tx)
    .await?;
    let mail_queued = mail && recent < MAILS_PER_ADDRESS_PER_HOUR;
    let inserted: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO enrollment_requests (workshop_id, first_name, last_name, email, phone, locale, seat_held, state, \
         token_hash, idempotency_key, expires_at, mail_state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(wid)
    .bind(&person.first_name)
    .bind(&person.last_name)
    .bind(&person.email)
    .bind(&person.phone)
    .bind(input.locale.tag())
    .bind(i64::from(seat_held))
    // No link exists until its email is sent (each attempt issues one).
    .bind(hash(&new_token()))
    .bind(&key)
    .bind(at + hold_secs)
    .bind(if mail_queued { "queued" } else { "skipped" })
    .bind(at)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        // The key was taken meanwhile by a request for another workshop (whose lock is not ours).
        Err(e) if crate::error::is_unique_violation(&e) && key.is_some() => {
            return Err(Error::field("idempotency_key", FieldIssue::KeyReused))
        }
        Err(e) => return Err(e.into()),
    };
    let seats_left = seats_left(&mut tx, wid).await?;
    tx.commit().await?;
    tracing::info!(request_id = id, workshop_id = wid, seat_held, mail_queued, "public enrollment requested");
    Ok(Requested {
        id: EnrollmentRequestId(id),
        answer: answer(seat_held, hold_minutes, mail, seats_left),
        mail_queued,
    })
}

/// The answer the form with idempotency `key` got, for the page the visitor is sent back to.
pub async fn answered(
    db: &Db,
    workshop: WorkshopId,
    key: &str,
    hold_secs: i64,
    confirm_by_email: bool,
) -> Result<Option<PublicEnrollment>> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT seat_held FROM enrollment_requests WHERE idempotency_key = $1 AND workshop_id = $2")
            .bind(key)
            .bind(workshop.0)
            .fetch_optional(db.pool())
            .await?;
    let Some((seat_held,)) = found else { return Ok(None) };
    let w = super::workshops::get_workshop(db, workshop).await?;
    Ok(Some(answer(seat_held == 1, (hold_secs / 60).max(1), confirm_by_email, w.seats_left())))
}

fn answer(seat_held: bool, hold_minutes: i64, confirm_by_email: bool, seats_left: i64) -> PublicEnrollment {
    PublicEnrollment { status: "pending_confirmation".into(), seat_held, hold_minutes, confirm_by_email, seats_left }
}

#[derive(FromRow)]
struct Row {
    id: i64,
    workshop_id: i64,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    locale: String,
    seat_held: i64,
    state: String,
    expires_at: i64,
    mail_state: String,
    enrollment_id: Option<i64>,
    created_at: i64,
}

const SELECT: &str = "SELECT id, workshop_id, first_name, last_name, email, phone, locale, seat_held, state, \
     expires_at, mail_state, enrollment_id, created_at FROM enrollment_requests";

impl Row {
    /// Its state now: a pending request past its hold has expired, even before the sweep.
    fn state_at(&self, at: i64) -> RequestState {
        match RequestState::parse(&self.state).unwrap_or(RequestState::Expired) {
            RequestState::Pending if self.expires_at <= at => RequestState::Expired,
            s => s,
        }
    }
}

impl From<Row> for EnrollmentRequestView {
    fn from(r: Row) -> Self {
        EnrollmentRequestView {
            id: EnrollmentRequestId(r.id),
            workshop_id: WorkshopId(r.workshop_id),
            name: format!("{} {}", r.first_name, r.last_name).trim().to_string(),
            state: r.state_at(now()),
            email: r.email,
            phone: r.phone,
            seat_held: r.seat_held == 1,
            expires_at: to_utc(r.expires_at),
            mail_state: r.mail_state,
            created_at: to_utc(r.created_at),
        }
    }
}

/// The requests of a workshop still awaiting confirmation, oldest first.
pub async fn pending_requests(db: &Db, workshop: WorkshopId) -> Result<Vec<EnrollmentRequestView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE workshop_id = $1 AND state = 'pending' AND expires_at > $2 ORDER BY id"
    ))
    .bind(workshop.0)
    .bind(now())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

async fn fetch(tx: &mut Transaction<'static, Any>, id: i64) -> Result<Row> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    row.ok_or(Error::NotFound)
}

/// The request a link's token names, as its confirmation page shows it.
pub async fn request_by_token(db: &Db, token: &str) -> Result<PublicRequest> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE token_hash = $1"))
        .bind(token_hash(token)?)
        .fetch_optional(db.pool())
        .await?;
    public_view(db, row.ok_or(Error::NotFound)?, false).await
}

async fn public_view(db: &Db, r: Row, already_enrolled: bool) -> Result<PublicRequest> {
    let workshop = super::workshops::get_workshop(db, WorkshopId(r.workshop_id)).await?;
    let enrollment = match r.enrollment_id {
        Some(e) => match enrollment::get_enrollment(db, types::EnrollmentId(e)).await {
            Ok(e) => Some((e.state, e.waitlist_position)),
            Err(Error::NotFound) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    Ok(PublicRequest {
        workshop: workshop.into(),
        state: r.state_at(now()),
        seat_held: r.seat_held == 1,
        expires_at: to_utc(r.expires_at),
        enrollment,
        already_enrolled,
    })
}

/// What confirming did.
struct Confirmed {
    row: Row,
    /// The address already had a live enrollment in the workshop (its hold went back).
    already_enrolled: bool,
}

/// Confirms the request a link's token names (the visitor's click): the person is found by email
/// or created, and enrolled on the held seat (or on the waitlist). Confirming twice answers the
/// same; an expired hold is refused (`HoldExpired`).
pub async fn confirm_by_token(db: &Db, token: &str) -> Result<PublicRequest> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM enrollment_requests WHERE token_hash = $1")
        .bind(token_hash(token)?)
        .fetch_optional(db.pool())
        .await?;
    let (id,) = found.ok_or(Error::NotFound)?;
    let done = confirm(db, id, None).await?;
    public_view(db, done.row, done.already_enrolled).await
}

/// Confirms a request on the visitor's behalf (staff who reached them by phone or at the desk).
pub async fn confirm_by_staff(db: &Db, actor: UserId, id: EnrollmentRequestId) -> Result<EnrollmentView> {
    let done = confirm(db, id.0, Some(actor)).await?;
    let enrollment = done.row.enrollment_id.ok_or_else(|| Error::Internal("confirmed without enrollment".into()))?;
    enrollment::get_enrollment(db, types::EnrollmentId(enrollment)).await
}

async fn confirm(db: &Db, id: i64, actor: Option<UserId>) -> Result<Confirmed> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT workshop_id FROM enrollment_requests WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let (wid,) = found.ok_or(Error::NotFound)?;
    let workshop = WorkshopId(wid);
    let mut tx = db.begin_write().await?;
    enrollment::lock_workshop(db, &mut tx, workshop).await?;
    let at = now();
    let r = fetch(&mut tx, id).await?;
    match r.state_at(at) {
        RequestState::Confirmed => {
            tx.commit().await?;
            return Ok(Confirmed { row: r, already_enrolled: false });
        }
        RequestState::Expired => {
            // Its seat goes back now (the sweep may not have passed yet).
            enrollment::release_expired_holds(&mut tx, workshop, at).await?;
            tx.commit().await?;
            return Err(Error::field("request", FieldIssue::HoldExpired));
        }
        RequestState::Discarded => return Err(Error::field("request", FieldIssue::HoldExpired)),
        RequestState::Pending => {}
    }
    let (state, starts_at, title): (String, i64, String) =
        sqlx::query_as("SELECT state, starts_at, title FROM workshops WHERE id = $1")
            .bind(wid)
            .fetch_one(&mut *tx)
            .await?;
    if WorkshopState::parse(&state) != Some(WorkshopState::Published) || starts_at <= at {
        end_request(&mut tx, &r, RequestState::Discarded, at).await?;
        tx.commit().await?;
        return Err(Error::field("workshop_id", FieldIssue::NotOpen));
    }
    let person = enrollment::new_enrollee(&r.first_name, &r.last_name, &r.email, &r.phone)?;
    let person_id = enrollment::person_by_email(db, &mut tx, &person, actor).await?;
    let (enrollment_id, already_enrolled) = match enrollment::live_enrollment(&mut tx, wid, person_id).await? {
        Some(live) => {
            if r.seat_held == 1 {
                enrollment::release_held_seats(&mut tx, workshop, 1).await?;
            }
            (live, true)
        }
        None => {
            let state = if r.seat_held == 1 {
                // The held seat becomes a confirmed one: the seats taken stay the same.
                sqlx::query("UPDATE workshops SET held = held - 1, confirmed = confirmed + 1 WHERE id = $1")
                    .bind(wid)
                    .execute(&mut *tx)
                    .await?;
                EnrollmentState::Confirmed
            } else if enrollment::take_seat(&mut tx, wid, false).await? {
                EnrollmentState::Confirmed
            } else {
                EnrollmentState::Waitlisted
            };
            let new = NewEnrollment {
                workshop: wid,
                title: &title,
                person: person_id,
                state,
                key: None,
                channel: Channel::Public,
                actor,
                at,
            };
            (enrollment::insert_enrollment(&mut tx, &new).await??, false)
        }
    };
    sqlx::query(
        "UPDATE enrollment_requests SET state = 'confirmed', enrollment_id = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(enrollment_id)
    .bind(at)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    // The address's other requests for this workshop have nothing left to do: their seats go back.
    let siblings: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE workshop_id = $1 AND email = $2 AND state = 'pending' AND id <> $3"))
            .bind(wid)
            .bind(&r.email)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    for s in &siblings {
        end_request(&mut tx, s, RequestState::Discarded, at).await?;
    }
    let row = fetch(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(request_id = id, workshop_id = wid, enrollment_id, already_enrolled, "public enrollment confirmed");
    Ok(Confirmed { row, already_enrolled })
}

/// Ends a pending request (`Discarded` or `Expired`) and gives back the seat it held.
async fn end_request(tx: &mut Transaction<'static, Any>, r: &Row, state: RequestState, at: i64) -> Result<()> {
    let ended =
        sqlx::query("UPDATE enrollment_requests SET state = $1, updated_at = $2 WHERE id = $3 AND state = 'pending'")
            .bind(state.as_str())
            .bind(at)
            .bind(r.id)
            .execute(&mut **tx)
            .await?;
    if ended.rows_affected() == 1 && r.seat_held == 1 {
        enrollment::release_held_seats(tx, WorkshopId(r.workshop_id), 1).await?;
    }
    Ok(())
}

/// Discards a pending request (staff: a duplicate, a prank); its seat goes back.
pub async fn discard_request(db: &Db, actor: UserId, id: EnrollmentRequestId) -> Result<()> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT workshop_id FROM enrollment_requests WHERE id = $1")
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    let (wid,) = found.ok_or(Error::NotFound)?;
    let mut tx = db.begin_write().await?;
    enrollment::lock_workshop(db, &mut tx, WorkshopId(wid)).await?;
    let r = fetch(&mut tx, id.0).await?;
    if RequestState::parse(&r.state) != Some(RequestState::Pending) {
        return Err(Error::field("request", FieldIssue::WrongState));
    }
    end_request(&mut tx, &r, RequestState::Discarded, now()).await?;
    tx.commit().await?;
    tracing::info!(request_id = id.0, by = actor.0, "public enrollment request discarded");
    Ok(())
}

/// Expires every request whose hold has run out at `at`, one workshop per transaction, and gives
/// the seats back. Returns the seats freed. The background sweep; the enrollment transactions
/// also expire a workshop's stale holds before they look for a seat.
pub async fn expire_due(db: &Db, at: i64) -> Result<u64> {
    let workshops: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT workshop_id FROM enrollment_requests WHERE state = 'pending' AND expires_at <= $1",
    )
    .bind(at)
    .fetch_all(db.pool())
    .await?;
    let mut freed = 0;
    for (wid,) in workshops {
        let mut tx = db.begin_write().await?;
        enrollment::lock_workshop(db, &mut tx, WorkshopId(wid)).await?;
        freed += enrollment::release_expired_holds(&mut tx, WorkshopId(wid), at).await?;
        tx.commit().await?;
    }
    Ok(freed)
}

/// Deletes finished requests (confirmed, expired, discarded) older than 30 days: their personal
/// data is not kept longer than needed. Returns how many.
pub async fn purge_finished(db: &Db, at: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM enrollment_requests WHERE state <> 'pending' AND updated_at < $1")
        .bind(at - KEEP_DAYS * 86_400)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// What sending confirmation emails needs.
#[derive(Clone, Debug)]
pub struct Mail {
    pub db: Db,
    pub mailer: Option<Arc<Mailer>>,
    /// The public address the link starts with.
    pub base_url: String,
    pub tz: Tz,
    pub centre_name: String,
}

impl Mail {
    /// Sends request `id`'s email in the background: the visitor's answer does not wait for the
    /// mail server, and a failure is retried by [`send_queued`].
    pub fn send_soon(&self, id: EnrollmentRequestId) {
        let mail = self.clone();
        tokio::spawn(async move {
            if let Err(e) = send_confirmation(&mail, id).await {
                e.log();
            }
        });
    }
}

/// A claimed email: the request and the fresh link token it carries.
struct Claimed {
    row: Row,
    token: String,
    attempts: i64,
}

/// Takes the request's email for sending, with a fresh link: only one sender gets it, and only
/// while the request is pending.
async fn claim(db: &Db, id: i64, at: i64) -> Result<Option<Claimed>> {
    let token = new_token();
    let claimed = sqlx::query(
        "UPDATE enrollment_requests SET mail_state = 'sending', mail_claimed_at = $1, \
         mail_attempts = mail_attempts + 1, token_hash = $2 WHERE id = $3 AND state = 'pending' AND expires_at > $1 \
         AND (mail_state = 'queued' OR (mail_state = 'sending' AND mail_claimed_at < $4))",
    )
    .bind(at)
    .bind(hash(&token))
    .bind(id)
    .bind(at - MAIL_LEASE_SECS)
    .execute(db.pool())
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(None);
    }
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_one(db.pool()).await?;
    let (attempts,): (i64,) = sqlx::query_as("SELECT mail_attempts FROM enrollment_requests WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await?;
    Ok(Some(Claimed { row, token, attempts }))
}

/// The confirmation email: the workshop, the link and until when it holds. Nothing the visitor
/// typed is in it.
fn compose(m: &Mail, r: &Row, title: &str, starts_at: i64, token: &str) -> (String, String, Locale) {
    let l = Locale::parse(&r.locale).unwrap_or_default();
    let link = format!("{}/talleres/confirmar/{token}", m.base_url.trim_end_matches('/'));
    let until = types::fmt::time(to_utc(r.expires_at), m.tz);
    let subject = Msg::ReqMailSubject.text(l).replace("{workshop}", title);
    let next = if r.seat_held == 1 { Msg::ReqMailHeld } else { Msg::ReqMailQueue };
    let body = format!(
        "{}\n\n{}\n{link}\n\n{}\n\n{}\n{}",
        Msg::ReqMailIntro
            .text(l)
            .replace("{workshop}", title)
            .replace("{date}", &types::fmt::date_time(l, to_utc(starts_at), m.tz)),
        next.text(l).replace("{time}", &until),
        Msg::ReqMailIgnore.text(l),
        Msg::MailFooter.text(l),
        m.centre_name,
    );
    (subject, body, l)
}

/// Sends the confirmation email of request `id` if it is queued (or its sender vanished).
/// Returns whether the mail server accepted it. A failure is retried by [`send_queued`].
pub async fn send_confirmation(m: &Mail, id: EnrollmentRequestId) -> Result<bool> {
    let Some(mailer) = m.mailer.as_deref() else { return Ok(false) };
    let Some(c) = claim(&m.db, id.0, now()).await? else { return Ok(false) };
    let (title, starts_at): (String, i64) = sqlx::query_as("SELECT title, starts_at FROM workshops WHERE id = $1")
        .bind(c.row.workshop_id)
        .fetch_one(m.db.pool())
        .await?;
    let (subject, body, locale) = compose(m, &c.row, &title, starts_at, &c.token);
    let message_id = format!("<enrollment-request-{}.{}@aula>", c.row.id, c.attempts);
    let sent = mailer.send(&c.row.email, &subject, &body, &message_id).await;
    let (state, error) = match &sent {
        Ok(()) => ("sent", String::new()),
        Err(e) if c.attempts >= MAIL_ATTEMPTS => ("failed", e.to_string()),
        Err(e) => ("queued", e.to_string()),
    };
    sqlx::query("UPDATE enrollment_requests SET mail_state = $1 WHERE id = $2 AND mail_state = 'sending'")
        .bind(state)
        .bind(id.0)
        .execute(m.db.pool())
        .await?;
    let log_status = match state {
        "sent" => "sent",
        "failed" => "failed",
        _ => "retrying",
    };
    email::log(
        m.db.pool(),
        &email::LogEntry {
            reminder_id: None,
            recipient: &c.row.email,
            subject: &subject,
            template: "enrollment_request",
            locale: locale.tag(),
            status: log_status,
            error: &error,
            attempts: c.attempts,
            user_id: None,
            person_id: None,
            organization_id: None,
        },
    )
    .await?;
    if !error.is_empty() {
        tracing::warn!(request_id = id.0, attempts = c.attempts, error = %error, "confirmation email not sent");
    }
    Ok(sent.is_ok())
}

/// Sends up to `limit` queued confirmation emails (new ones whose first try failed, or whose
/// sender vanished). Returns how many the server accepted.
pub async fn send_queued(m: &Mail, limit: i64) -> Result<usize> {
    if m.mailer.is_none() {
        return Ok(0);
    }
    let at = now();
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM enrollment_requests WHERE state = 'pending' AND expires_at > $1 \
         AND (mail_state = 'queued' OR (mail_state = 'sending' AND mail_claimed_at < $2)) ORDER BY id LIMIT $3",
    )
    .bind(at)
    .bind(at - MAIL_LEASE_SECS)
    .bind(limit)
    .fetch_all(m.db.pool())
    .await?;
    let mut sent = 0;
    for (id,) in ids {
        if send_confirmation(m, EnrollmentRequestId(id)).await? {
            sent += 1;
        }
    }
    Ok(sent)
}
