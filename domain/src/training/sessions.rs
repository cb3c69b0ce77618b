//! Sessions of a contract: a proposal may be undated; from scheduled on it has a date, a start and
//! an end, and the place its modality needs (an address or a room in person, a video link online,
//! both when mixed). A trainer or a room is never booked into two overlapping sessions.

use chrono::{NaiveDate, NaiveTime};
use sqlx::{Any, FromRow, Transaction};
use types::{ContractId, ContractState, FieldIssue, Modality, RoomId, SessionId, SessionState, SessionView, UserId};

use super::parse_optional_id;
use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::{from_local, parse_website, text};
use crate::crm::timeline;
use crate::error::Problems;
use crate::{Db, Error, Reach, Result};

/// Timeline kind recorded on the contract's organization.
pub const SESSION_CHANGED: &str = "session";

/// What the session form sends: a local date (`YYYY-MM-DD`) and local times (`HH:MM`).
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    pub contract_id: String,
    pub state: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub address: String,
    pub video_link: String,
    pub trainer_id: String,
    pub room_id: String,
    pub notes: String,
}

struct Valid {
    contract_id: i64,
    state: SessionState,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    address: String,
    video_link: String,
    trainer_id: Option<i64>,
    room_id: Option<i64>,
    notes: String,
}

fn parse_time(raw: &str) -> Result<Option<NaiveTime>, FieldIssue> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| FieldIssue::InvalidDate)
}

async fn validate(db: &Db, input: &SessionInput, tz: chrono_tz::Tz) -> Result<(Valid, Modality)> {
    let mut p = Problems::default();
    let contract_id = p.check("contract_id", super::parse_id(&input.contract_id));
    let state = if input.state.trim().is_empty() {
        Some(SessionState::Proposal)
    } else {
        p.check("state", SessionState::parse(&input.state).ok_or(FieldIssue::InvalidChoice))
    };
    let date = if input.date.trim().is_empty() {
        Some(None)
    } else {
        p.check(
            "date",
            NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| FieldIssue::InvalidDate)
                .and_then(|d| match d {
                    Some(d) if !(1900..=2200).contains(&chrono::Datelike::year(&d)) => Err(FieldIssue::InvalidDate),
                    other => Ok(other),
                }),
        )
    };
    let start = p.check("start_time", parse_time(&input.start_time));
    let end = p.check("end_time", parse_time(&input.end_time));
    let address = p.check("address", text(&input.address, 300, false));
    let video_link = if input.video_link.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("video_link", parse_website(&input.video_link))
    };
    let trainer_id = p.check("trainer_id", parse_optional_id(&input.trainer_id));
    let room_id = p.check("room_id", parse_optional_id(&input.room_id));
    let notes = p.check("notes", text(&input.notes, 2000, true));

    let mut modality = Modality::InPerson;
    if let Some(cid) = contract_id {
        let found: Option<(String, String)> = sqlx::query_as("SELECT modality, state FROM contracts WHERE id = $1")
            .bind(cid)
            .fetch_optional(db.pool())
            .await?;
        match found {
            None => p.add("contract_id", FieldIssue::InvalidChoice),
            Some((m, s)) => {
                modality = Modality::parse(&m).unwrap_or(Modality::InPerson);
                let closed =
                    matches!(ContractState::parse(&s), Some(ContractState::Cancelled | ContractState::Completed));
                if closed && !matches!(state, Some(SessionState::Cancelled)) {
                    p.add("contract_id", FieldIssue::WrongState);
                }
            }
        }
    }
    if let Some(Some(t)) = trainer_id {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE id = $1 AND active = 1")
            .bind(t)
            .fetch_optional(db.pool())
            .await?;
        if found.is_none() {
            p.add("trainer_id", FieldIssue::InvalidChoice);
        }
    }
    if let Some(Some(r)) = room_id {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM rooms WHERE id = $1").bind(r).fetch_optional(db.pool()).await?;
        if found.is_none() {
            p.add("room_id", FieldIssue::InvalidChoice);
        }
    }

    // Times: all three or none; required once the session is more than a proposal.
    let dated = matches!(state, Some(SessionState::Scheduled | SessionState::Done));
    let (mut starts_at, mut ends_at) = (None, None);
    if let (Some(date), Some(start), Some(end)) = (date, start, end) {
        let any = date.is_some() || start.is_some() || end.is_some();
        if dated || any {
            if date.is_none() {
                p.add("date", FieldIssue::Required);
            }
            if start.is_none() {
                p.add("start_time", FieldIssue::Required);
            }
            if end.is_none() {
                p.add("end_time", FieldIssue::Required);
            }
        }
        if let (Some(d), Some(s), Some(e)) = (date, start, end) {
            starts_at = from_local(tz, d.and_time(s));
            ends_at = from_local(tz, d.and_time(e));
            if e <= s {
                p.add("end_time", FieldIssue::EndBeforeStart);
            }
        }
    }
    if dated {
        let (has_place, has_link) = (
            address.as_deref().is_some_and(|a| !a.is_empty()) || matches!(room_id, Some(Some(_))),
            video_link.as_deref().is_some_and(|l| !l.is_empty()),
        );
        if matches!(modality, Modality::InPerson | Modality::Mixed) && !has_place && !p.has("address") {
            p.add("address", FieldIssue::Required);
        }
        if matches!(modality, Modality::Online | Modality::Mixed) && !has_link && !p.has("video_link") {
            p.add("video_link", FieldIssue::Required);
        }
    }
    p.finish()?;
    match (contract_id, state, address, video_link, trainer_id, room_id, notes) {
        (
            Some(contract_id),
            Some(state),
            Some(address),
            Some(video_link),
            Some(trainer_id),
            Some(room_id),
            Some(notes),
        ) => Ok((
            Valid { contract_id, state, starts_at, ends_at, address, video_link, trainer_id, room_id, notes },
            modality,
        )),
        _ => Err(Error::Internal("session validation let a field through".into())),
    }
}

/// Refuses the session when its trainer or room has another scheduled or done session that
/// overlaps it, naming the clashing session. Runs inside the writing transaction, after the
/// trainer and room locks.
async fn check_conflicts(
    tx: &mut Transaction<'static, Any>,
    id: Option<i64>,
    v: &Valid,
    tz: chrono_tz::Tz,
) -> Result<()> {
    let (Some(start), Some(end)) = (v.starts_at, v.ends_at) else { return Ok(()) };
    if !matches!(v.state, SessionState::Scheduled | SessionState::Done) {
        return Ok(());
    }
    for (field, column, value, issue) in [
        ("trainer_id", "trainer_id", v.trainer_id, FieldIssue::TrainerBusy),
        ("room_id", "room_id", v.room_id, FieldIssue::RoomBusy),
    ] {
        let Some(value) = value else { continue };
        let clash: Option<Row> = sqlx::query_as(&format!(
            "{SELECT} WHERE s.{column} = $1 AND s.id <> $2 AND s.state IN ('scheduled', 'done') \
             AND s.starts_at < $3 AND s.ends_at > $4 ORDER BY s.starts_at LIMIT 1"
        ))
        .bind(value)
        .bind(id.unwrap_or(0))
        .bind(end)
        .bind(start)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(clash) = clash {
            let clash: SessionView = clash.into();
            return Err(Error::field_detail(field, issue, describe(&clash, tz)));
        }
    }
    Ok(())
}

/// "EXP-2026-0001 · Resina básica · 12/03/2026 10:00–14:00": how a session is named to a user.
pub fn describe(s: &SessionView, tz: chrono_tz::Tz) -> String {
    let when = match (s.starts_at, s.ends_at) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.with_timezone(&tz), b.with_timezone(&tz));
            format!("{} {}–{}", a.format("%d/%m/%Y"), a.format("%H:%M"), b.format("%H:%M"))
        }
        _ => String::new(),
    };
    format!("{} · {} · {when}", s.file_number, s.course_title)
}

async fn lock_resources(db: &Db, tx: &mut Transaction<'static, Any>, v: &Valid) -> Result<()> {
    // Always trainer before room, so two writers cannot wait on each other.
    if let Some(t) = v.trainer_id {
        db.lock_key(tx, &format!("trainer:{t}")).await?;
    }
    if let Some(r) = v.room_id {
        db.lock_key(tx, &format!("room:{r}")).await?;
    }
    Ok(())
}

/// Creates a session (`id` `None`) or saves an edit: reschedule, change trainer or room, mark done
/// or cancelled. The conflict check and the write happen in one transaction.
pub async fn save_session(
    db: &Db,
    actor: UserId,
    id: Option<SessionId>,
    input: &SessionInput,
    tz: chrono_tz::Tz,
) -> Result<SessionView> {
    save_session_within(db, actor, Reach::All, id, input, tz).await
}

/// `save_session` for a user who reaches only some sessions: one limited to their own may edit
/// only the sessions they train (others are not found) and may give a session to nobody but
/// themselves.
pub async fn save_session_within(
    db: &Db,
    actor: UserId,
    reach: Reach,
    id: Option<SessionId>,
    input: &SessionInput,
    tz: chrono_tz::Tz,
) -> Result<SessionView> {
    let (v, _) = validate(db, input, tz).await?;
    if !reach.allows(v.trainer_id.map(UserId)) {
        return Err(Error::field("trainer_id", FieldIssue::OwnOnly));
    }
    let mut tx = db.begin_write().await?;
    if let Some(id) = id {
        let current: Option<(Option<i64>,)> = sqlx::query_as("SELECT trainer_id FROM training_sessions WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if !current.is_some_and(|(t,)| reach.allows(t.map(UserId))) {
            return Err(Error::NotFound);
        }
    }
    lock_resources(db, &mut tx, &v).await?;
    check_conflicts(&mut tx, id.map(|i| i.0), &v, tz).await?;
    let audit_before = match id {
        Some(i) => audit::snapshot(&mut tx, "training_sessions", i.0).await?,
        None => None,
    };
    let at = now();
    let (id, before) = match id {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO training_sessions (contract_id, state, starts_at, ends_at, address, video_link, trainer_id, \
                 room_id, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            )
            .bind(v.contract_id)
            .bind(v.state.as_str())
            .bind(v.starts_at)
            .bind(v.ends_at)
            .bind(&v.address)
            .bind(&v.video_link)
            .bind(v.trainer_id)
            .bind(v.room_id)
            .bind(&v.notes)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            (id, None)
        }
        Some(id) => {
            let before = fetch(&mut tx, id).await?;
            if before.contract_id.0 != v.contract_id {
                return Err(Error::field("contract_id", FieldIssue::InvalidChoice));
            }
            sqlx::query(
                "UPDATE training_sessions SET state = $1, starts_at = $2, ends_at = $3, address = $4, video_link = $5, \
                 trainer_id = $6, room_id = $7, notes = $8, updated_at = $9, sequence = sequence + 1 WHERE id = $10",
            )
            .bind(v.state.as_str())
            .bind(v.starts_at)
            .bind(v.ends_at)
            .bind(&v.address)
            .bind(&v.video_link)
            .bind(v.trainer_id)
            .bind(v.room_id)
            .bind(&v.notes)
            .bind(at)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            (id.0, Some(before))
        }
    };
    let after = fetch(&mut tx, SessionId(id)).await?;
    let changed = before.as_ref().is_none_or(|b| b.state != after.state || b.starts_at != after.starts_at);
    if changed {
        let (org,): (i64,) = sqlx::query_as("SELECT organization_id FROM contracts WHERE id = $1")
            .bind(v.contract_id)
            .fetch_one(&mut *tx)
            .await?;
        timeline::record(
            &mut *tx,
            timeline::NewEvent {
                organization_id: Some(org),
                person_id: None,
                kind: SESSION_CHANGED,
                at,
                actor: Some(actor),
                ref_id: Some(id),
                data: serde_json::json!({
                    "contract_id": v.contract_id,
                    "file_number": after.file_number,
                    "course": after.course_title,
                    "state": after.state.as_str(),
                    "starts_at": v.starts_at,
                    "rescheduled": before.is_some_and(|b| b.starts_at.is_some() && b.starts_at != after.starts_at),
                }),
            },
        )
        .await?;
    }
    crate::reminders::sources::sync_session(&mut tx, id).await?;
    let action = if audit_before.is_some() { "update" } else { "create" };
    audit::record(&mut tx, &audit::Entry::of("training", "training_sessions", id, action, Some(actor)), audit_before)
        .await?;
    tx.commit().await?;
    Ok(after)
}

#[derive(FromRow)]
struct Row {
    id: i64,
    contract_id: i64,
    file_number: String,
    course_title: String,
    organization_name: String,
    state: String,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    address: String,
    video_link: String,
    trainer_id: Option<i64>,
    trainer_name: Option<String>,
    room_id: Option<i64>,
    room_name: Option<String>,
    notes: String,
}

const SELECT: &str = "SELECT s.id, s.contract_id, c.file_number, co.title AS course_title, \
     o.legal_name AS organization_name, s.state, s.starts_at, s.ends_at, s.address, s.video_link, s.trainer_id, \
     u.name AS trainer_name, s.room_id, r.name AS room_name, s.notes FROM training_sessions s \
     JOIN contracts c ON c.id = s.contract_id JOIN courses co ON co.id = c.course_id \
     JOIN organizations o ON o.id = c.organization_id LEFT JOIN users u ON u.id = s.trainer_id \
     LEFT JOIN rooms r ON r.id = s.room_id";

impl From<Row> for SessionView {
    fn from(r: Row) -> Self {
        SessionView {
            id: SessionId(r.id),
            contract_id: ContractId(r.contract_id),
            file_number: r.file_number,
            course_title: r.course_title,
            organization_name: r.organization_name,
            state: SessionState::parse(&r.state).unwrap_or(SessionState::Proposal),
            starts_at: r.starts_at.map(to_utc),
            ends_at: r.ends_at.map(to_utc),
            address: r.address,
            video_link: r.video_link,
            trainer_id: r.trainer_id.map(UserId),
            trainer_name: r.trainer_name,
            room_id: r.room_id.map(RoomId),
            room_name: r.room_name,
            notes: r.notes,
        }
    }
}

async fn fetch(tx: &mut Transaction<'static, Any>, id: SessionId) -> Result<SessionView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE s.id = $1")).bind(id.0).fetch_optional(&mut **tx).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// One session.
pub async fn get_session(db: &Db, id: SessionId) -> Result<SessionView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE s.id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// One session, if `reach` takes it in; otherwise not found, like a session that does not exist.
pub async fn session_in_reach(db: &Db, id: SessionId, reach: Reach) -> Result<SessionView> {
    let session = get_session(db, id).await?;
    if reach.allows(session.trainer_id) {
        Ok(session)
    } else {
        Err(Error::NotFound)
    }
}

/// The sessions of a contract within `reach`: dated ones by date, then undated proposals.
pub async fn sessions_of_contract(db: &Db, id: ContractId, reach: Reach) -> Result<Vec<SessionView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE s.contract_id = $1 AND ($2 = 0 OR s.trainer_id = $2) \
         ORDER BY CASE WHEN s.starts_at IS NULL THEN 1 ELSE 0 END, s.starts_at, s.id"
    ))
    .bind(id.0)
    .bind(reach.bind())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Scheduled and done sessions within `reach` that overlap `[from, to)`, by start (the day's
/// sessions for attendance, the assistant's facts).
pub async fn sessions_between(db: &Db, from: i64, to: i64, reach: Reach) -> Result<Vec<SessionView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE s.state IN ('scheduled', 'done') AND s.starts_at < $1 AND s.ends_at > $2 \
         AND ($3 = 0 OR s.trainer_id = $3) ORDER BY s.starts_at, s.id LIMIT 500"
    ))
    .bind(to)
    .bind(from)
    .bind(reach.bind())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
