//! Participants of a contract and their attendance at its sessions (present, late or absent,
//! with the check-in time), and the attendance rate per participant.

use types::{
    AttendanceRow, AttendanceStatus, ContractId, FieldIssue, ParticipantView, PersonId, SessionDetail, SessionId,
    SessionState, UserId,
};

use crate::audit;
use crate::clock::{now, to_utc};
use crate::{Db, Error, Result};

/// The participants of a contract, by name, each with the done sessions they attended (present
/// or late) and the done sessions with their attendance taken. One query.
pub async fn participants(db: &Db, contract: ContractId) -> Result<Vec<ParticipantView>> {
    let rows: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT p.id, p.first_name, p.last_name, p.email, \
         (SELECT COUNT(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id \
          WHERE a.person_id = p.id AND s.contract_id = cp.contract_id AND s.state = 'done' \
          AND a.status IN ('present', 'late')) AS attended, \
         (SELECT COUNT(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id \
          WHERE a.person_id = p.id AND s.contract_id = cp.contract_id AND s.state = 'done') AS recorded \
         FROM contract_participants cp JOIN people p ON p.id = cp.person_id WHERE cp.contract_id = $1 \
         ORDER BY p.sort_name, p.id",
    )
    .bind(contract.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last, email, attended, recorded)| ParticipantView {
            person_id: PersonId(id),
            name: format!("{first} {last}").trim().to_string(),
            email,
            attended,
            recorded,
        })
        .collect())
}

/// Adds a person as a participant of a contract (nothing happens if they already are).
pub async fn add_participant(db: &Db, contract: ContractId, person: PersonId) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let c: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM contracts WHERE id = $1").bind(contract.0).fetch_optional(&mut *tx).await?;
    c.ok_or(Error::NotFound)?;
    let p: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE id = $1 AND erased_at IS NULL")
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
    p.ok_or_else(|| Error::field("person_id", FieldIssue::InvalidChoice))?;
    let exists: Option<(i64,)> =
        sqlx::query_as("SELECT person_id FROM contract_participants WHERE contract_id = $1 AND person_id = $2")
            .bind(contract.0)
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        sqlx::query("INSERT INTO contract_participants (contract_id, person_id, added_at) VALUES ($1, $2, $3)")
            .bind(contract.0)
            .bind(person.0)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        crate::reminders::sources::sync_contract_sessions(&mut tx, contract.0).await?;
        record_participant(&mut tx, contract, person, "add").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a participant from a contract; their attendance records go with them.
pub async fn remove_participant(db: &Db, contract: ContractId, person: PersonId) -> Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "DELETE FROM attendance WHERE person_id = $1 AND session_id IN \
         (SELECT id FROM training_sessions WHERE contract_id = $2)",
    )
    .bind(person.0)
    .bind(contract.0)
    .execute(&mut *tx)
    .await?;
    let done = sqlx::query("DELETE FROM contract_participants WHERE contract_id = $1 AND person_id = $2")
        .bind(contract.0)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    crate::reminders::sources::sync_contract_sessions(&mut tx, contract.0).await?;
    record_participant(&mut tx, contract, person, "remove").await?;
    tx.commit().await?;
    Ok(())
}

/// Audits a participant added to or removed from a contract (the person by id: names stay in the
/// CRM, where erasure can reach them).
async fn record_participant(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    contract: ContractId,
    person: PersonId,
    action: &str,
) -> Result<()> {
    let id = Some(person.0.to_string());
    let (before, after) = if action == "add" { (None, id) } else { (id, None) };
    let change = types::FieldChange { field: "person_id".into(), before, after };
    audit::record_changes(
        tx,
        &audit::Entry::of("training", "contract_participants", contract.0, action, None),
        &[change],
    )
    .await
}

/// Person id, first and last name, status and check-in time of one line of a sheet.
type SheetRow = (i64, String, String, Option<String>, Option<i64>);

/// A session within `reach` with its attendance sheet: every participant of the contract, with
/// what was taken.
pub async fn session_detail(db: &Db, id: SessionId, reach: crate::Reach) -> Result<SessionDetail> {
    let session = super::sessions::session_in_reach(db, id, reach).await?;
    let rows: Vec<SheetRow> = sqlx::query_as(
        "SELECT p.id, p.first_name, p.last_name, a.status, a.checked_in_at FROM contract_participants cp \
         JOIN people p ON p.id = cp.person_id LEFT JOIN attendance a ON a.session_id = $1 AND a.person_id = p.id \
         WHERE cp.contract_id = $2 ORDER BY p.sort_name, p.id",
    )
    .bind(id.0)
    .bind(session.contract_id.0)
    .fetch_all(db.pool())
    .await?;
    let attendance = rows
        .into_iter()
        .map(|(pid, first, last, status, at)| AttendanceRow {
            person_id: PersonId(pid),
            name: format!("{first} {last}").trim().to_string(),
            status: status.as_deref().and_then(AttendanceStatus::parse),
            checked_in_at: at.map(to_utc),
        })
        .collect();
    Ok(SessionDetail { session, attendance })
}

/// Records one participant's attendance at a scheduled or done session. Present and late take
/// the check-in time now (kept if already checked in); absent clears it.
pub async fn record_attendance(
    db: &Db,
    actor: UserId,
    session: SessionId,
    person: PersonId,
    status: &str,
) -> Result<AttendanceRow> {
    let status = AttendanceStatus::parse(status).ok_or_else(|| Error::field("status", FieldIssue::InvalidChoice))?;
    let mut tx = db.begin_write().await?;
    let found: Option<(i64, String)> = sqlx::query_as("SELECT contract_id, state FROM training_sessions WHERE id = $1")
        .bind(session.0)
        .fetch_optional(&mut *tx)
        .await?;
    let (contract, state) = found.ok_or(Error::NotFound)?;
    if !matches!(SessionState::parse(&state), Some(SessionState::Scheduled | SessionState::Done)) {
        return Err(Error::field("session", FieldIssue::WrongState));
    }
    let who: Option<(String, String)> = sqlx::query_as(
        "SELECT p.first_name, p.last_name FROM contract_participants cp JOIN people p ON p.id = cp.person_id \
         WHERE cp.contract_id = $1 AND cp.person_id = $2",
    )
    .bind(contract)
    .bind(person.0)
    .fetch_optional(&mut *tx)
    .await?;
    let (first, last) = who.ok_or_else(|| Error::field("person_id", FieldIssue::InvalidChoice))?;
    let previous: Option<(Option<i64>, String)> =
        sqlx::query_as("SELECT checked_in_at, status FROM attendance WHERE session_id = $1 AND person_id = $2")
            .bind(session.0)
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?;
    let at = now();
    let checked_in_at = match status {
        AttendanceStatus::Absent => None,
        _ => Some(previous.as_ref().and_then(|(c, _)| *c).unwrap_or(at)),
    };
    if previous.is_some() {
        sqlx::query(
            "UPDATE attendance SET status = $1, checked_in_at = $2, recorded_by = $3, recorded_at = $4 \
             WHERE session_id = $5 AND person_id = $6",
        )
        .bind(status.as_str())
        .bind(checked_in_at)
        .bind(actor.0)
        .bind(at)
        .bind(session.0)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO attendance (session_id, person_id, status, checked_in_at, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session.0)
        .bind(person.0)
        .bind(status.as_str())
        .bind(checked_in_at)
        .bind(actor.0)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    let was = previous.as_ref().map(|(_, st)| st.clone());
    if was.as_deref() != Some(status.as_str()) {
        // The sheet's line: whose, and the status before → after (the person by id, as above).
        let changes = [
            types::FieldChange { field: "person_id".into(), before: None, after: Some(person.0.to_string()) },
            types::FieldChange { field: "status".into(), before: was, after: Some(status.as_str().to_string()) },
        ];
        let entry = audit::Entry::of("training", "attendance", session.0, "record", Some(actor));
        audit::record_changes(&mut tx, &entry, &changes).await?;
    }
    tx.commit().await?;
    Ok(AttendanceRow {
        person_id: person,
        name: format!("{first} {last}").trim().to_string(),
        status: Some(status),
        checked_in_at: checked_in_at.map(to_utc),
    })
}
