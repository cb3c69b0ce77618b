//! The enrollment transaction: a person takes a seat in a workshop, or a place on its waitlist.
//!
//! Guarantees, on SQLite and PostgreSQL alike:
//! - never more seats taken than capacity: confirmed enrollments (`confirmed`) and seats held for
//!   public requests awaiting confirmation (`held`, see [`super::requests`]) both count, a seat is
//!   taken by the conditional update `... WHERE confirmed + held < capacity`, and a CHECK on the
//!   table backs it;
//! - never two live enrollments of one person in one workshop: a partial unique index;
//! - a request retried with the same idempotency key answers the first result;
//! - the waitlist is first come, first served (by id), and a freed seat goes to its head in the
//!   transaction that frees it (a cancellation, more capacity, a hold that expired).
//!
//! Writers of one workshop are serialized: SQLite's `BEGIN IMMEDIATE` takes the write lock up
//! front; PostgreSQL takes a transaction-scoped advisory lock on the workshop.

use sqlx::{Any, FromRow, Transaction};
use types::{
    EnrollmentId, EnrollmentOutcome, EnrollmentState, EnrollmentView, FieldIssue, PaymentMethod, PaymentStatus,
    PersonId, UserId, WorkshopId, WorkshopState,
};

use crate::audit;
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
    pub(crate) fn as_str(self) -> &'static str {
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

/// An idempotency key as sent: empty is none; at most 100 characters, no control characters.
pub(crate) fn idempotency_key(raw: Option<&str>) -> Result<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(k) if k.chars().count() > 100 || k.chars().any(char::is_control) => {
            Err(Error::field("idempotency_key", FieldIssue::TooLong { max: 100 }))
        }
        Some(k) => Ok(Some(k.to_string())),
    }
}

/// Someone new as the enroll forms send them: the email is required (it is how the centre
/// reaches them), then the person's own rules.
pub(crate) fn new_enrollee(first_name: &str, last_name: &str, email: &str, phone: &str) -> Result<people::ValidPerson> {
    if let Err(issue) = EmailAddress::parse(email) {
        let mut fields = vec![types::FieldError { field: "email".into(), issue, detail: None }];
        if first_name.trim().is_empty() {
            fields.push(types::FieldError { field: "first_name".into(), issue: FieldIssue::Required, detail: None });
        }
        return Err(Error::Validation(fields));
    }
    people::validate(&PersonInput {
        first_name: first_name.to_string(),
        last_name: last_name.to_string(),
        email: email.to_string(),
        phone: phone.to_string(),
        ..Default::default()
    })
}

fn validate(req: &EnrollRequest) -> Result<(ValidEnrollee, Option<String>)> {
    let key = idempotency_key(req.idempotency_key.as_deref())?;
    let enrollee = match &req.enrollee {
        Enrollee::Existing(id) => ValidEnrollee::Existing(id.0),
        Enrollee::New { first_name, last_name, email, phone } => {
            ValidEnrollee::New(Box::new(new_enrollee(first_name, last_name, email, phone)?))
        }
    };
    Ok((enrollee, key))
}

/// Serializes the writers of one workshop until `tx` ends (see the module notes).
pub async fn lock_workshop(db: &Db, tx: &mut Transaction<'static, Any>, id: WorkshopId) -> Result<()> {
    db.lock_key(tx, &format!("workshop:{}", id.0)).await
}

/// The condition under which a workshop has a free seat.
pub(crate) const SEAT_FREE: &str = "confirmed + held < capacity";

/// Takes a free seat as confirmed (or, with `hold`, as held for a request); false when full.
pub(crate) async fn take_seat(tx: &mut Transaction<'static, Any>, workshop: i64, hold: bool) -> Result<bool> {
    let column = if hold { "held" } else { "confirmed" };
    let seat = sqlx::query(&format!("UPDATE workshops SET {column} = {column} + 1 WHERE id = $1 AND {SEAT_FREE}"))
        .bind(workshop)
        .execute(&mut **tx)
        .await?;
    Ok(seat.rows_affected() == 1)
}

/// Ends the requests of `workshop` whose hold has run out at `at`: they expire, the seats they
/// held go back, and the freed seats go to the head of the waitlist. Returns the seats freed.
pub(crate) async fn release_expired_holds(
    tx: &mut Transaction<'static, Any>,
    workshop: WorkshopId,
    at: i64,
) -> Result<u64> {
    let freed = sqlx::query(
        "UPDATE enrollment_requests SET state = 'expired', updated_at = $1          WHERE workshop_id = $2 AND state = 'pending' AND expires_at <= $1 AND seat_held = 1",
    )
    .bind(at)
    .bind(workshop.0)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query(
        "UPDATE enrollment_requests SET state = 'expired', updated_at = $1          WHERE workshop_id = $2 AND state = 'pending' AND expires_at <= $1",
    )
    .bind(at)
    .bind(workshop.0)
    .execute(&mut **tx)
    .await?;
    if freed > 0 {
        release_held_seats(tx, workshop, freed as i64).await?;
        tracing::info!(workshop_id = workshop.0, freed, "held seats expired");
    }
    Ok(freed)
}

/// Gives back `n` held seats of `workshop`; they go to the head of the waitlist unless the
/// workshop is cancelled.
pub(crate) async fn release_held_seats(tx: &mut Transaction<'static, Any>, workshop: WorkshopId, n: i64) -> Result<()> {
    sqlx::query("UPDATE workshops SET held = held - $1 WHERE id = $2")
        .bind(n)
        .bind(workshop.0)
        .execute(&mut **tx)
        .await?;
    let (state,): (String,) =
        sqlx::query_as("SELECT state FROM workshops WHERE id = $1").bind(workshop.0).fetch_one(&mut **tx).await?;
    if state != WorkshopState::Cancelled.as_str() {
        fill_free_seats(tx, workshop, None).await?;
    }
    Ok(())
}

/// The person with this email (the oldest, if several), or a new one: one person per email,
/// even when two workshops enroll the same new face at once.
pub(crate) async fn person_by_email(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    v: &people::ValidPerson,
    actor: Option<UserId>,
) -> Result<i64> {
    db.lock_key(tx, &format!("person-email:{}", v.email)).await?;
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE email = $1 ORDER BY id LIMIT 1")
        .bind(&v.email)
        .fetch_optional(&mut **tx)
        .await?;
    match found {
        Some((id,)) => Ok(id),
        None => people::insert_valid(tx, actor, v, true).await,
    }
}

/// The live (not cancelled) enrollment of `person` in `workshop`, if any.
pub(crate) async fn live_enrollment(
    tx: &mut Transaction<'static, Any>,
    workshop: i64,
    person: i64,
) -> Result<Option<i64>> {
    let live: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM enrollments WHERE workshop_id = $1 AND person_id = $2 AND state <> 'cancelled'")
            .bind(workshop)
            .bind(person)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(live.map(|(id,)| id))
}

/// What a new enrollment row says.
pub(crate) struct NewEnrollment<'a> {
    pub workshop: i64,
    pub title: &'a str,
    pub person: i64,
    /// Confirmed (its seat already taken) or waitlisted.
    pub state: EnrollmentState,
    pub key: Option<&'a str>,
    pub channel: Channel,
    pub actor: Option<UserId>,
    pub at: i64,
}

/// Writes an enrollment whose seat (if confirmed) is already taken, with its timeline event and
/// its reminders. The insert's own error is returned as is (the caller knows what a unique
/// violation means for it).
pub(crate) async fn insert_enrollment(
    tx: &mut Transaction<'static, Any>,
    e: &NewEnrollment<'_>,
) -> Result<std::result::Result<i64, sqlx::Error>> {
    let inserted: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO enrollments (workshop_id, person_id, state, idempotency_key, source, created_by, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(e.workshop)
    .bind(e.person)
    .bind(e.state.as_str())
    .bind(e.key)
    .bind(e.channel.as_str())
    .bind(e.actor.map(|a| a.0))
    .bind(e.at)
    .fetch_one(&mut **tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(err) => return Ok(Err(err)),
    };
    audit::record(tx, &audit::Entry::of("training", "enrollments", id, "create", e.actor), None).await?;
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(e.person),
            kind: if e.state == EnrollmentState::Confirmed { ENROLLED } else { WAITLISTED },
            at: e.at,
            actor: e.actor,
            ref_id: Some(id),
            data: serde_json::json!({ "workshop": e.title, "workshop_id": e.workshop, "channel": e.channel.as_str() }),
        },
    )
    .await?;
    if e.state == EnrollmentState::Confirmed {
        crate::reminders::sources::sync_enrollment(tx, e.workshop, e.person).await?;
    }
    Ok(Ok(id))
}

/// Enrolls a person into a workshop in one transaction: a seat if one is free, else the end of
/// the waitlist. Retried with the same idempotency key, or sent again for a person who already
/// holds a live enrollment, it answers that enrollment with `created: false`. This is how staff
/// (and their API tokens) enroll: confirmed at once. The public form asks instead
/// ([`super::requests::request_enrollment`]).
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
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE id = $1 AND erased_at IS NULL")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            found.ok_or_else(|| Error::field("person_id", FieldIssue::InvalidChoice))?.0
        }
        ValidEnrollee::New(v) => person_by_email(db, &mut tx, v, req.actor).await?,
    };
    if let Some(id) = live_enrollment(&mut tx, wid, person_id).await? {
        return answer(tx, EnrollmentId(id), false).await;
    }

    release_expired_holds(&mut tx, req.workshop_id, at).await?;
    let state =
        if take_seat(&mut tx, wid, false).await? { EnrollmentState::Confirmed } else { EnrollmentState::Waitlisted };
    let new = NewEnrollment {
        workshop: wid,
        title: &title,
        person: person_id,
        state,
        key: key.as_deref(),
        channel: req.channel,
        actor: req.actor,
        at,
    };
    let id = match insert_enrollment(&mut tx, &new).await? {
        Ok(id) => id,
        // The key was taken meanwhile by a request for another workshop (whose lock is not ours).
        Err(e) if crate::error::is_unique_violation(&e) && key.is_some() => {
            return Err(Error::field("idempotency_key", FieldIssue::KeyReused))
        }
        Err(e) => return Err(e.into()),
    };
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
    let (seats_left,): (i64,) = sqlx::query_as("SELECT capacity - confirmed - held FROM workshops WHERE id = $1")
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
        if !take_seat(tx, workshop.0, false).await? {
            break;
        }
        let at = now();
        let before = audit::snapshot(tx, "enrollments", id).await?;
        sqlx::query("UPDATE enrollments SET state = 'confirmed', updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        audit::record(tx, &audit::Entry::of("training", "enrollments", id, "promote", actor), before).await?;
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
    let before = audit::snapshot(&mut tx, "enrollments", id.0).await?;
    sqlx::query("UPDATE enrollments SET state = 'cancelled', cancelled_at = $1, updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, &audit::Entry::of("training", "enrollments", id.0, "cancel", actor), before).await?;
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
