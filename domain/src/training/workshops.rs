//! Public workshops (talleres): a dated event with seats, sold by the enrollment transaction
//! ([`super::enrollment`]). Seats left are always `capacity - confirmed - held`: `confirmed` is
//! kept by the transactions that confirm and cancel enrollments, `held` by those that hold and
//! release seats for public requests ([`super::requests`]).

use chrono::NaiveTime;
use sqlx::{Any, Executor, FromRow};
use types::{FieldIssue, InterestId, UserId, WorkshopDetail, WorkshopId, WorkshopState, WorkshopView};

use super::{enrollment, parse_count, parse_money, parse_optional_id};
use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::{local_date_time, required_text, text};
use crate::error::Problems;
use crate::{Db, Error, Result};

/// What the workshop form sends. Dates are local to the centre (`YYYY-MM-DDTHH:MM`).
#[derive(Debug, Clone, Default)]
pub struct WorkshopInput {
    pub title: String,
    pub interest_id: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub capacity: String,
    pub price: String,
    pub state: String,
    pub min_participants: String,
}

struct ValidWorkshop {
    title: String,
    interest_id: Option<i64>,
    description: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    capacity: i64,
    price_cents: i64,
    state: WorkshopState,
    min_participants: Option<i64>,
}

fn validate(input: &WorkshopInput, tz: chrono_tz::Tz) -> Result<ValidWorkshop> {
    let mut p = Problems::default();
    let midnight = NaiveTime::MIN;
    let title = p.check("title", required_text(&input.title, 200));
    let interest_id = p.check("interest_id", parse_optional_id(&input.interest_id));
    let description = p.check("description", text(&input.description, 5000, true));
    let starts_at = p.check("starts_at", local_date_time(&input.starts_at, tz, midnight));
    let ends_at = p.check("ends_at", local_date_time(&input.ends_at, tz, midnight));
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            p.add("ends_at", FieldIssue::EndBeforeStart);
        }
    }
    let place = p.check("place", text(&input.place, 300, false));
    let capacity = p.check("capacity", parse_count(&input.capacity, 1));
    let price_cents = p.check("price", parse_money(&input.price));
    let state = if input.state.trim().is_empty() {
        Some(WorkshopState::Draft)
    } else {
        p.check("state", WorkshopState::parse(&input.state).ok_or(FieldIssue::InvalidChoice))
    };
    let min_participants = if input.min_participants.trim().is_empty() {
        Some(None)
    } else {
        p.check("min_participants", parse_count(&input.min_participants, 1)).map(Some)
    };
    if let (Some(Some(min)), Some(cap)) = (min_participants, capacity) {
        if min > cap {
            p.add("min_participants", FieldIssue::InvalidNumber);
        }
    }
    p.finish()?;
    match (title, interest_id, description, starts_at, ends_at, place, capacity, price_cents, state, min_participants) {
        (
            Some(title),
            Some(interest_id),
            Some(description),
            Some(starts_at),
            Some(ends_at),
            Some(place),
            Some(capacity),
            Some(price_cents),
            Some(state),
            Some(min_participants),
        ) => Ok(ValidWorkshop {
            title,
            interest_id,
            description,
            starts_at,
            ends_at,
            place,
            capacity,
            price_cents,
            state,
            min_participants,
        }),
        _ => Err(Error::Internal("workshop validation let a field through".into())),
    }
}

async fn check_interest(tx: &mut sqlx::Transaction<'static, Any>, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM interests WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
        if found.is_none() {
            return Err(Error::field("interest_id", FieldIssue::InvalidChoice));
        }
    }
    Ok(())
}

/// Creates a workshop.
pub async fn create_workshop(db: &Db, actor: UserId, input: &WorkshopInput, tz: chrono_tz::Tz) -> Result<WorkshopView> {
    let v = validate(input, tz)?;
    let mut tx = db.begin_write().await?;
    check_interest(&mut tx, v.interest_id).await?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO workshops (title, interest_id, description, starts_at, ends_at, place, capacity, price_cents, \
         state, min_participants, confirmed, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $12) RETURNING id",
    )
    .bind(&v.title)
    .bind(v.interest_id)
    .bind(&v.description)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(&v.place)
    .bind(v.capacity)
    .bind(v.price_cents)
    .bind(v.state.as_str())
    .bind(v.min_participants)
    .bind(actor.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(&mut tx, &audit::Entry::of("training", "workshops", id, "create", Some(actor)), None).await?;
    crate::reminders::sources::sync_workshop(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(workshop_id = id, by = actor.0, "workshop created");
    get_workshop(db, WorkshopId(id)).await
}

/// Saves an edit of a workshop. Capacity cannot go below the seats taken (confirmed and held); raising it
/// confirms waitlisted people, first come first served, in the same transaction.
pub async fn update_workshop(
    db: &Db,
    actor: UserId,
    id: WorkshopId,
    input: &WorkshopInput,
    tz: chrono_tz::Tz,
) -> Result<WorkshopView> {
    let v = validate(input, tz)?;
    let mut tx = db.begin_write().await?;
    enrollment::lock_workshop(db, &mut tx, id).await?;
    check_interest(&mut tx, v.interest_id).await?;
    enrollment::release_expired_holds(&mut tx, id, now()).await?;
    let found: Option<(i64,)> = sqlx::query_as("SELECT confirmed + held FROM workshops WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
    let (taken,) = found.ok_or(Error::NotFound)?;
    if v.capacity < taken {
        return Err(Error::field("capacity", FieldIssue::AtLeast { n: taken }));
    }
    let before = audit::snapshot(&mut tx, "workshops", id.0).await?;
    sqlx::query(
        "UPDATE workshops SET title = $1, interest_id = $2, description = $3, starts_at = $4, ends_at = $5, \
         place = $6, capacity = $7, price_cents = $8, state = $9, min_participants = $10, updated_at = $11, \
         sequence = sequence + 1 WHERE id = $12",
    )
    .bind(&v.title)
    .bind(v.interest_id)
    .bind(&v.description)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(&v.place)
    .bind(v.capacity)
    .bind(v.price_cents)
    .bind(v.state.as_str())
    .bind(v.min_participants)
    .bind(now())
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, &audit::Entry::of("training", "workshops", id.0, "update", Some(actor)), before).await?;
    if v.state != WorkshopState::Cancelled {
        enrollment::fill_free_seats(&mut tx, id, Some(actor)).await?;
    }
    crate::reminders::sources::sync_workshop(&mut tx, id.0).await?;
    tx.commit().await?;
    get_workshop(db, id).await
}

#[derive(FromRow)]
struct Row {
    id: i64,
    title: String,
    interest_id: Option<i64>,
    interest_name: Option<String>,
    description: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    capacity: i64,
    price_cents: i64,
    state: String,
    min_participants: Option<i64>,
    confirmed: i64,
    held: i64,
    waitlisted: i64,
}

const SELECT: &str = "SELECT w.id, w.title, w.interest_id, i.name AS interest_name, w.description, w.starts_at, \
     w.ends_at, w.place, w.capacity, w.price_cents, w.state, w.min_participants, w.confirmed, w.held, \
     (SELECT COUNT(*) FROM enrollments e WHERE e.workshop_id = w.id AND e.state = 'waitlisted') AS waitlisted \
     FROM workshops w LEFT JOIN interests i ON i.id = w.interest_id";

impl From<Row> for WorkshopView {
    fn from(r: Row) -> Self {
        WorkshopView {
            id: WorkshopId(r.id),
            title: r.title,
            interest_id: r.interest_id.map(InterestId),
            interest_name: r.interest_name,
            description: r.description,
            starts_at: to_utc(r.starts_at),
            ends_at: to_utc(r.ends_at),
            place: r.place,
            capacity: r.capacity,
            price_cents: r.price_cents,
            state: WorkshopState::parse(&r.state).unwrap_or(WorkshopState::Draft),
            min_participants: r.min_participants,
            confirmed: r.confirmed,
            held: r.held,
            waitlisted: r.waitlisted,
        }
    }
}

/// One workshop with its seat counts, read through `exec` (a pool or a transaction).
pub async fn fetch_workshop<'e, E: Executor<'e, Database = Any>>(exec: E, id: WorkshopId) -> Result<WorkshopView> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE w.id = $1")).bind(id.0).fetch_optional(exec).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// One workshop with its seat counts.
pub async fn get_workshop(db: &Db, id: WorkshopId) -> Result<WorkshopView> {
    fetch_workshop(db.pool(), id).await
}

/// Which workshops a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopScope {
    /// Not yet over, any state, soonest first.
    Upcoming,
    /// Already over, latest first.
    Past,
}

/// Workshops for staff: upcoming (soonest first) or past (latest first), at most 200.
pub async fn list_workshops(db: &Db, scope: WorkshopScope) -> Result<Vec<WorkshopView>> {
    let sql = match scope {
        WorkshopScope::Upcoming => format!("{SELECT} WHERE w.ends_at >= $1 ORDER BY w.starts_at, w.id LIMIT 200"),
        WorkshopScope::Past => format!("{SELECT} WHERE w.ends_at < $1 ORDER BY w.starts_at DESC, w.id DESC LIMIT 200"),
    };
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(now()).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The public catalogue: published workshops that have not started, soonest first.
pub async fn public_workshops(db: &Db) -> Result<Vec<WorkshopView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE w.state = 'published' AND w.starts_at > $1 ORDER BY w.starts_at, w.id LIMIT 200"
    ))
    .bind(now())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A published, not yet started workshop for the public page; anything else is not found.
pub async fn public_workshop(db: &Db, id: WorkshopId) -> Result<WorkshopView> {
    let w = get_workshop(db, id).await?;
    if w.state == WorkshopState::Published && w.starts_at.timestamp() > now() {
        Ok(w)
    } else {
        Err(Error::NotFound)
    }
}

/// Everything the staff workshop page shows: the workshop, its enrollments (confirmed, then the
/// waitlist in order, then cancelled), the public requests awaiting confirmation and what has
/// been paid.
pub async fn workshop_detail(db: &Db, id: WorkshopId) -> Result<WorkshopDetail> {
    let workshop = get_workshop(db, id).await?;
    let enrollments = enrollment::list_enrollments(db, id).await?;
    let requests = super::requests::pending_requests(db, id).await?;
    let paid_cents = enrollments
        .iter()
        .filter(|e| e.payment_status == types::PaymentStatus::Paid)
        .map(|e| e.amount_paid_cents)
        .sum();
    Ok(WorkshopDetail { workshop, now: crate::clock::utc_now(), enrollments, requests, paid_cents })
}
