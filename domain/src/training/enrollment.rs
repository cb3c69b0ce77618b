//! The enrollment transaction: a person takes a seat in a workshop, or a place on its waitlist.
//!
//! Guarantees, on SQLite and PostgreSQL alike:
//! - never more confirmed enrollments than capacity: a seat is taken by the conditional update
//!   `confirmed = confirmed + 1 WHERE confirmed < capacity`, and a CHECK on the table backs it;
//! - never two live enrollments of one person in one workshop: a partial unique index;
//! - a request retried with the same idempotency key answers the first result;
//! - the waitlist is first come, first served (by id), and a freed seat goes to its head in the
//!   transaction that frees it.
//!
//! Writers of one workshop are serialized: SQLite's `BEGIN IMMEDIATE` takes the write lock up
//! front; PostgreSQL takes a transaction-scoped advisory lock on the workshop.

use sqlx::{Any, FromRow, Transaction};
use types::{
    EnrollmentId, EnrollmentOutcome, EnrollmentState, EnrollmentView, FieldIssue, PaymentMethod, PaymentStatus,
    PersonId, UserId, WorkshopId, WorkshopState,
};

use crate::clock::{now, to_utc};
use crate::crm::people::{self, PersonInput};
use crate::crm::timeline;
use crate::validate::EmailAddress;
use crate::{Db, Error, Result};

/// Timeline kinds recorded on the person.
pub const ENROLLED: &str = "enrolled";
pub const WAITLISTED: &str = "waitlisted";
pub const PROMOTED: &str = "enrollment_promoted";
pub const ENROLLMENT_CANCELLED: &str = "enrollment_cancelled";
pub const PAID: &str = "enrollment_paid";
pub const REFUNDED: &str = "enrollment_refunded";

/// Who is being enrolled: a person on record, or someone filling in the public form.
#[derive(Debug, Clone)]
pub enum Enrollee {
    Existing(PersonId),
    /// Matched to an existing person by email; created otherwise.
    New {
        first_name: String,
        last_name: String,
        email: String,
        phone: String,
    },
}

/// Where an enrollment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Staff,
    Public,
    Api,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Staff => "staff",
            Channel::Public => "public",
            Channel::Api => "api",
        }
    }
}

/// One request to enroll.
#[derive(Debug, Clone)]
pub struct EnrollRequest {
    pub workshop_id: WorkshopId,
    pub enrollee: Enrollee,
    /// Sent again with a retry, so the retry answers the first result. At most 100 characters.
    pub idempotency_key: Option<String>,
    pub channel: Channel,
    pub actor: Option<UserId>,
}

/// An enrollee checked before the transaction.
enum ValidEnrollee {
    Existing(i64),
    New(Box<people::ValidPerson>),
}

fn validate(req: &EnrollRequest) -> Result<(ValidEnrollee, Option<String>)> {
    let key = match req.idempotency_key.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k) if k.chars().count() > 100 || k.chars().any(char::is_control) => {
            return Err(Error::field("idempotency_key", FieldIssue::TooLong { max: 100 }))
        }
        Some(k) => Some(k.to_string()),
    };
    let enrollee = match &req.enrollee {
        Enrollee::Existing(id) => ValidEnrollee::Existing(id.0),
        Enrollee::New { first_name, last_name, email, phone } => {
            // The public form needs a way to reach the person: the email is required there.
            if let Err(issue) = EmailAddress::parse(email) {
                let mut fields = vec![types::FieldError { field: "email".into(), issue, detail: None }];
                if first_name.trim().is_empty() {
                    fields.push(types::FieldError {
                        field: "first_name".into(),
                        issue: FieldIssue::Required,
                        detail: None,
                    });
                }
                return Err(Error::Validation(fields));
            }
            let v = people::validate(&PersonInput {
                first_name: first_name.clone(),
                last_name: last_name.clone(),
                email: email.clone(),
                phone: phone.clone(),
                ..Default::default()
            })?;
            ValidEnrollee::New(Box::new(v))
        }
    };
    Ok((enrollee, key))
}

/// Serializes the writers of one workshop until `tx` ends (see the module notes).
pub async fn lock_workshop(db: &Db, tx: &mut Transaction<'static, Any>, id: WorkshopId) -> Result<()> {
    db.lock_key(tx, &format!("workshop:{}", id.0)).await
}

/// Enrolls a person into a workshop in one transaction: a seat if one is free, else the end of
/// the waitlist. Retried with the same idempotency key, or sent again for a person who already
/// holds a live enrollment, it answers that enrollment with `created: false`.
pub async fn enroll_participant(db: &Db, req: &EnrollRequest) -> Result<EnrollmentOutcome> {
    let (enrollee, key) = validate(req)?;
    let wid = req.workshop_id.0;
    let mut tx = db.begin_write().await?;
    lock_workshop(db, &mut tx, req.workshop_id).await?;

    if let Some(key) = &key {
        let found: Option<(i64, i64, i64)> =
            sqlx::query_as("SELECT id, workshop_id, person_id FROM enrollments WHERE idempotency_key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((id, workshop, person)) = found {
            let same_person = match &enrollee {
                ValidEnrollee::Existing(p) => *p == person,
                ValidEnrollee::New(v) => {
                    let (email,): (String,) = sqlx::query_as("SELECT email FROM people WHERE id = $1")
                        .bind(person)
                        .fetch_one(&mut *tx)
                        .await?;
                    email == v.email
                }
            };
            if workshop != wid || !same_person {
                return Err(Error::field("idempotency_key", FieldIssue::KeyReused));
            }
            return answer(tx, EnrollmentId(id), false).await;
        }
    }

    let found: Option<(String, i64, String)> =
        sqlx::query_as("SELECT state, starts_at, title FROM workshops WHERE id = $1")
            .bind(wid)
            .fetch_optional(&mut *tx)
            .await?;
    let (state, starts_at, title) = found.ok_or(Error::NotFound)?;
    let at = now();
    if WorkshopState::parse(&state) != Some(WorkshopState::Published) || starts_at <= at {
        return Err(Error::field("workshop_id", FieldIssue::NotOpen));
    }

    let person_id = match &enrollee {
        ValidEnrollee::Existing(id) => {
            let found: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM people WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
            found.ok_or_else(|| Error::field("person_id", FieldIssue::InvalidChoice))?.0
        }
        ValidEnrollee::New(v) => {
            // One person per email, even when two workshops enroll the same new face at once.
            db.lock_key(&mut tx, &format!("person-email:{}", v.email)).await?;
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE email = $1 ORDER BY id LIMIT 1")
                .bind(&v.email)
                .fetch_optional(&mut *tx)
                .await?;
            match found {
                Some((id,)) => id,
                None => people::insert_valid(&mut tx, req.actor, v, true).await?,
            }
        }
    };

    let live: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM enrollments WHERE workshop_id = $1 AND person_id = $2 AND state <> 'cancelled'")
            .bind(wid)
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((id,)) = live {
        return answer(tx, EnrollmentId(id), false).await;
    }

    let seat = sqlx::query("UPDATE workshops SET confirmed = confirmed + 1 WHERE id = $1 AND confirmed < capacity")
        .bind(wid)
        .execute(&mut *tx)
        .await?;
    let state = if seat.rows_affected() == 1 { EnrollmentState::Confirmed } else { EnrollmentState::Waitlisted };
    let inserted: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO enrollments (workshop_id, person_id, state, idempotency_key, source, created_by, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(wid)
    .bind(person_id)
    .bind(state.as_str())
    .bind(&key)
    .bind(req.channel.as_str())
    .bind(req.actor.map(|a| a.0))
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
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(person_id),
            kind: if state == EnrollmentState::Confirmed { ENROLLED } else { WAITLISTED },
            at,
            actor: req.actor,
            ref_id: Some(id),
            data: serde_json::json!({ "workshop": title, "workshop_id": wid, "channel": req.channel.as_str() }),
        },
    )
    .await?;
    if state == EnrollmentState::Confirmed {
        crate::reminders::sources::sync_enrollment(&mut tx, wid, person_id).await?;
    }
    answer(tx, EnrollmentId(id), true).await
}

async fn workshop_title(tx: &mut Transaction<'static, Any>, wid: i64) -> Result<String> {
    let (title,): (String,) =
        sqlx::query_as("SELECT title FROM workshops WHERE id = $1").bind(wid).fetch_one(&mut **tx).await?;
    Ok(title)
}

/// Reads the enrollment and the seats left inside the transaction, then commits.
async fn answer(mut tx: Transaction<'static, Any>, id: EnrollmentId, created: bool) -> Result<EnrollmentOutcome> {
    let enrollment = fetch_enrollment(&mut tx, id).await?;
    let (seats_left,): (i64,) = sqlx::query_as("SELECT capacity - confirmed FROM workshops WHERE id = $1")
        .bind(enrollment.workshop_id.0)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(EnrollmentOutcome { enrollment, created, seats_left })
}

/// Confirms waitlisted people, head first, while the workshop has free seats. Returns the
/// enrollments it confirmed.
pub(crate) async fn fill_free_seats(
    tx: &mut Transaction<'static, Any>,
    workshop: WorkshopId,
    actor: Option<UserId>,
) -> Result<Vec<EnrollmentId>> {
    let mut promoted = Vec::new();
    loop {
        let head: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, person_id FROM enrollments WHERE workshop_id = $1 AND state = 'waitlisted' ORDER BY id LIMIT 1",
        )
        .bind(workshop.0)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((id, person)) = head else { break };
        let seat = sqlx::query("UPDATE workshops SET confirmed = confirmed + 1 WHERE id = $1 AND confirmed < capacity")
            .bind(workshop.0)
            .execute(&mut **tx)
            .await?;
        if seat.rows_affected() == 0 {
            break;
        }
        let at = now();
        sqlx::query("UPDATE enrollments SET state = 'confirmed', updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        let title = workshop_title(tx, workshop.0).await?;
        timeline::record(
            &mut **tx,
            timeline::NewEvent {
                organization_id: None,
                person_id: Some(person),
                kind: PROMOTED,
                at,
                actor,
                ref_id: Some(id),
                data: serde_json::json!({ "workshop": title, "workshop_id": workshop.0 }),
            },
        )
        .await?;
        crate::reminders::sources::sync_enrollment(tx, workshop.0, person).await?;
        tracing::info!(enrollment_id = id, workshop_id = workshop.0, "waitlisted person confirmed");
        promoted.push(EnrollmentId(id));
    }
    Ok(promoted)
}

/// What a cancellation did: the cancelled enrollment, and whom its seat went to.
#[derive(Debug, Clone)]
pub struct Cancellation {
    pub cancelled: EnrollmentView,
    pub promoted: Vec<EnrollmentView>,
}

/// Cancels an enrollment. A confirmed one frees its seat, which goes to the head of the waitlist
/// in the same transaction. Cancelling a cancelled enrollment is refused.
pub async fn cancel_enrollment(db: &Db, actor: Option<UserId>, id: EnrollmentId) -> Result<Cancellation> {
    let (workshop,) = {
        let found: Option<(i64,)> = sqlx::query_as("SELECT workshop_id FROM enrollments WHERE id = $1")
            .bind(id.0)
            .fetch_optional(db.pool())
            .await?;
        found.ok_or(Error::NotFound)?
    };
    let mut tx = db.begin_write().await?;
    lock_workshop(db, &mut tx, WorkshopId(workshop)).await?;
    let (state, person): (String, i64) =
        sqlx::query_as("SELECT state, person_id FROM enrollments WHERE id = $1").bind(id.0).fetch_one(&mut *tx).await?;
    let state = EnrollmentState::parse(&state).unwrap_or(EnrollmentState::Cancelled);
    if state == EnrollmentState::Cancelled {
        return Err(Error::field("enrollment", FieldIssue::WrongState));
    }
    let at = now();
    sqlx::query("UPDATE enrollments SET state = 'cancelled', cancelled_at = $1, updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    if state == EnrollmentState::Confirmed {
        sqlx::query("UPDATE workshops SET confirmed = confirmed - 1 WHERE id = $1")
            .bind(workshop)
            .execute(&mut *tx)
            .await?;
    }
    let title = workshop_title(&mut tx, workshop).await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(person),
            kind: ENROLLMENT_CANCELLED,
            at,
            actor,
            ref_id: Some(id.0),
            data: serde_json::json!({ "workshop": title, "workshop_id": workshop }),
        },
    )
    .await?;
    if state == EnrollmentState::Confirmed {
        crate::reminders::sources::sync_enrollment(&mut tx, workshop, person).await?;
    }
    let (workshop_state,): (String,) =
        sqlx::query_as("SELECT state FROM workshops WHERE id = $1").bind(workshop).fetch_one(&mut *tx).await?;
    let promoted_ids = if workshop_state == WorkshopState::Cancelled.as_str() {
        Vec::new()
    } else {
        fill_free_seats(&mut tx, WorkshopId(workshop), actor).await?
    };
    let cancelled = fetch_enrollment(&mut tx, id).await?;
    let mut promoted = Vec::new();
    for p in promoted_ids {
        promoted.push(fetch_enrollment(&mut tx, p).await?);
    }
    tx.commit().await?;
    tracing::info!(enrollment_id = id.0, workshop_id = workshop, promoted = promoted.len(), "enrollment cancelled");
    Ok(Cancellation { cancelled, promoted })
}

#[derive(FromRow)]
struct Row {
    id: i64,
    workshop_id: i64,
    person_id: i64,
    first_name: String,
    last_name: String,
    email: String,
    state: String,
    position: Option<i64>,
    payment_status: String,
    amount_paid_cents: i64,
    payment_method: Option<String>,
    payment_reference: String,
    created_at: i64,
}

const SELECT: &str = "SELECT e.id, e.workshop_id, e.person_id, p.first_name, p.last_name, p.email, e.state, \
     CASE WHEN e.state = 'waitlisted' THEN (SELECT COUNT(*) FROM enrollments q WHERE q.workshop_id = e.workshop_id \
     AND q.state = 'waitlisted' AND q.id <= e.id) END AS position, e.payment_status, e.amount_paid_cents, \
     e.payment_method, e.payment_reference, e.created_at FROM enrollments e JOIN people p ON p.id = e.person_id";

impl From<Row> for EnrollmentView {
    fn from(r: Row) -> Self {
        EnrollmentView {
            id: EnrollmentId(r.id),
            workshop_id: WorkshopId(r.workshop_id),
            person_id: PersonId(r.person_id),
            person_name: format!("{} {}", r.first_name, r.last_name).trim().to_string(),
            email: r.email,
            state: EnrollmentState::parse(&r.state).unwrap_or(EnrollmentState::Cancelled),
            waitlist_position: r.position,
            payment_status: PaymentStatus::parse(&r.payment_status).unwrap_or(PaymentStatus::Pending),
            amount_paid_cents: r.amount_paid_cents,
            payment_method: r.payment_method.as_deref().and_then(PaymentMethod::parse),
            payment_reference: r.payment_reference,
            created_at: to_utc(r.created_at),
        }
    }
}

async fn fetch_enrollment(tx: &mut Transaction<'static, Any>, id: EnrollmentId) -> Result<EnrollmentView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE e.id = $1")).bind(id.0).fetch_optional(&mut **tx).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// One enrollment.
pub async fn get_enrollment(db: &Db, id: EnrollmentId) -> Result<EnrollmentView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE e.id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// The enrollment in `workshop` made by the request with idempotency `key`, if any: how a visitor
/// who sent the public form learns where they stand.
pub async fn by_idempotency_key(db: &Db, workshop: WorkshopId, key: &str) -> Result<Option<EnrollmentView>> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE e.idempotency_key = $1 AND e.workshop_id = $2"))
        .bind(key)
        .bind(workshop.0)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(Into::into))
}

/// The enrollments of a workshop: confirmed first (in order of arrival), then the waitlist in
/// order, then cancelled ones.
pub async fn list_enrollments(db: &Db, workshop: WorkshopId) -> Result<Vec<EnrollmentView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE e.workshop_id = $1 ORDER BY CASE e.state WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 \
         ELSE 2 END, e.id"
    ))
    .bind(workshop.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The enrollments of a person, newest workshop first, each with its workshop's title. Two queries.
pub async fn enrollments_of_person(db: &Db, person: PersonId) -> Result<Vec<(EnrollmentView, String)>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} JOIN workshops w ON w.id = e.workshop_id WHERE e.person_id = $1 \
         ORDER BY w.starts_at DESC, e.id DESC LIMIT 100"
    ))
    .bind(person.0)
    .fetch_all(db.pool())
    .await?;
    let titles: Vec<(i64, String)> = sqlx::query_as(
        "SELECT w.id, w.title FROM workshops w WHERE w.id IN (SELECT workshop_id FROM enrollments WHERE person_id = $1)",
    )
    .bind(person.0)
    .fetch_all(db.pool())
    .await?;
    let titles: std::collections::HashMap<i64, String> = titles.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let title = titles.get(&r.workshop_id).cloned().unwrap_or_default();
            (r.into(), title)
        })
        .collect())
}
