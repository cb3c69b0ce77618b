//! Where reminders come from. Each source recomputes the reminders of one subject inside the
//! transaction that changed it: follow-ups of interactions, sessions, workshops and single
//! enrollments. Scheduling again moves pending rows (same dedupe key, new due time); recipients
//! who no longer apply and subjects that are cancelled, done or past get their pending rows
//! cancelled. Delivered reminders are not sent again unless their due time changes.

use sqlx::{Any, Transaction};
use types::UserId;

use super::{Channel, NewReminder};
use crate::centre::reminder_settings;
use crate::clock::now;
use crate::Result;

pub const FOLLOW_UP: &str = "follow_up";
pub const SESSION: &str = "session";
pub const WORKSHOP: &str = "workshop";
pub const DIGEST: &str = "digest";

/// Subject types, as stored in `reminders.subject_type`.
pub const INTERACTION_SUBJECT: &str = "interaction";
pub const SESSION_SUBJECT: &str = "session";
pub const WORKSHOP_SUBJECT: &str = "workshop";

type Tx = Transaction<'static, Any>;

/// A staff user gets a reminder in the app and by email.
fn to_user(
    kind: &'static str,
    subject_type: &'static str,
    subject_id: i64,
    user: i64,
    due_at: i64,
) -> [NewReminder; 2] {
    [Channel::InApp, Channel::Email].map(|channel| NewReminder {
        kind,
        subject_type,
        subject_id,
        channel,
        user_id: Some(UserId(user)),
        person_id: None,
        email: String::new(),
        due_at,
    })
}

/// A participant or enrolled person gets a reminder by email.
fn to_person(
    kind: &'static str,
    subject_type: &'static str,
    subject_id: i64,
    person: i64,
    email: String,
    due_at: i64,
) -> NewReminder {
    NewReminder {
        kind,
        subject_type,
        subject_id,
        channel: Channel::Email,
        user_id: None,
        person_id: Some(person),
        email,
        due_at,
    }
}

/// Schedules `wanted` and cancels the subject's other pending reminders.
async fn replace(tx: &mut Tx, subject_type: &str, subject_id: i64, wanted: &[NewReminder]) -> Result<()> {
    let mut keys = Vec::with_capacity(wanted.len());
    for r in wanted {
        super::schedule(&mut **tx, r).await?;
        keys.push(r.dedupe_key());
    }
    let placeholders: Vec<String> = (0..keys.len()).map(|i| format!("${}", i + 4)).collect();
    let not_wanted =
        if keys.is_empty() { String::new() } else { format!(" AND dedupe_key NOT IN ({})", placeholders.join(", ")) };
    let sql = format!(
        "UPDATE reminders SET state = 'cancelled', updated_at = $1 \
         WHERE subject_type = $2 AND subject_id = $3 AND state = 'pending'{not_wanted}"
    );
    let mut q = sqlx::query(&sql).bind(now()).bind(subject_type.to_string()).bind(subject_id);
    for k in keys {
        q = q.bind(k);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// The follow-up of an interaction: due at its next-action time, for its author, while it is
/// open and asked for a reminder.
pub async fn sync_follow_up(tx: &mut Tx, interaction_id: i64) -> Result<()> {
    type Row = (Option<i64>, Option<i64>, i64, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT next_action_at, next_action_done_at, create_reminder, author_id FROM interactions WHERE id = $1",
    )
    .bind(interaction_id)
    .fetch_optional(&mut **tx)
    .await?;
    let wanted: Vec<NewReminder> = match row {
        Some((Some(due), None, 1, Some(author))) => {
            to_user(FOLLOW_UP, INTERACTION_SUBJECT, interaction_id, author, due).into()
        }
        _ => Vec::new(),
    };
    replace(tx, INTERACTION_SUBJECT, interaction_id, &wanted).await
}

/// A session: the lead time before its start, for the trainer and the client's owner (in the
/// app and by email) and for the contract's participants (by email), while it is scheduled and
/// still ahead.
pub async fn sync_session(tx: &mut Tx, session_id: i64) -> Result<()> {
    type Row = (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT s.state, s.starts_at, s.trainer_id, o.owner_id, c.created_by, c.id FROM training_sessions s \
         JOIN contracts c ON c.id = s.contract_id JOIN organizations o ON o.id = c.organization_id WHERE s.id = $1",
    )
    .bind(session_id)
    .fetch_optional(&mut **tx)
    .await?;
    let mut wanted = Vec::new();
    if let Some((state, Some(starts_at), trainer, owner, created_by, contract)) = row {
        if state == "scheduled" && starts_at > now() {
            let lead = reminder_settings(&mut **tx).await?.session_lead_hours * 3600;
            let due = starts_at - lead;
            let mut users: Vec<i64> = trainer.into_iter().chain(owner.or(created_by)).collect();
            users.dedup();
            for u in users {
                wanted.extend(to_user(SESSION, SESSION_SUBJECT, session_id, u, due));
            }
            let people: Vec<(i64, String)> = sqlx::query_as(
                "SELECT p.id, p.email FROM contract_participants cp JOIN people p ON p.id = cp.person_id \
                 WHERE cp.contract_id = $1 AND p.email <> '' ORDER BY p.id",
            )
            .bind(contract)
            .fetch_all(&mut **tx)
            .await?;
            for (person, email) in people {
                wanted.push(to_person(SESSION, SESSION_SUBJECT, session_id, person, email, due));
            }
        }
    }
    replace(tx, SESSION_SUBJECT, session_id, &wanted).await
}

/// Every future session of a contract (its participants changed).
pub async fn sync_contract_sessions(tx: &mut Tx, contract_id: i64) -> Result<()> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM training_sessions WHERE contract_id = $1 AND state = 'scheduled' AND starts_at > $2",
    )
    .bind(contract_id)
    .bind(now())
    .fetch_all(&mut **tx)
    .await?;
    for (id,) in ids {
        sync_session(tx, id).await?;
    }
    Ok(())
}

/// Whether a workshop's reminders go out, and when.
async fn workshop_due(tx: &mut Tx, workshop_id: i64) -> Result<Option<(i64, Option<i64>)>> {
    let row: Option<(String, i64, Option<i64>)> =
        sqlx::query_as("SELECT state, starts_at, created_by FROM workshops WHERE id = $1")
            .bind(workshop_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((state, starts_at, owner)) = row else { return Ok(None) };
    if !(state == "published" || state == "closed") || starts_at <= now() {
        return Ok(None);
    }
    let lead = reminder_settings(&mut **tx).await?.workshop_lead_hours * 3600;
    Ok(Some((starts_at - lead, owner)))
}

/// A workshop: the lead time before its start, for its owner (in the app and by email) and its
/// confirmed people (by email), while it is published or closed and still ahead.
pub async fn sync_workshop(tx: &mut Tx, workshop_id: i64) -> Result<()> {
    let mut wanted = Vec::new();
    if let Some((due, owner)) = workshop_due(tx, workshop_id).await? {
        if let Some(owner) = owner {
            wanted.extend(to_user(WORKSHOP, WORKSHOP_SUBJECT, workshop_id, owner, due));
        }
        let people: Vec<(i64, String)> = sqlx::query_as(
            "SELECT p.id, p.email FROM enrollments e JOIN people p ON p.id = e.person_id \
             WHERE e.workshop_id = $1 AND e.state = 'confirmed' AND p.email <> '' ORDER BY e.id",
        )
        .bind(workshop_id)
        .fetch_all(&mut **tx)
        .await?;
        for (person, email) in people {
            wanted.push(to_person(WORKSHOP, WORKSHOP_SUBJECT, workshop_id, person, email, due));
        }
    }
    replace(tx, WORKSHOP_SUBJECT, workshop_id, &wanted).await
}

/// One person's reminder of a workshop, after they enrolled, were promoted or cancelled: a
/// confirmed seat gets one, anything else loses it. Touches one row, so the enrollment
/// transaction stays short.
pub async fn sync_enrollment(tx: &mut Tx, workshop_id: i64, person_id: i64) -> Result<()> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT e.state, p.email FROM enrollments e JOIN people p ON p.id = e.person_id \
         WHERE e.workshop_id = $1 AND e.person_id = $2 ORDER BY e.id DESC LIMIT 1",
    )
    .bind(workshop_id)
    .bind(person_id)
    .fetch_optional(&mut **tx)
    .await?;
    let confirmed = matches!(&row, Some((state, email)) if state == "confirmed" && !email.is_empty());
    let due = if confirmed { workshop_due(tx, workshop_id).await? } else { None };
    match (due, row) {
        (Some((due, _)), Some((_, email))) => {
            super::schedule(&mut **tx, &to_person(WORKSHOP, WORKSHOP_SUBJECT, workshop_id, person_id, email, due)).await
        }
        _ => {
            sqlx::query(
                "UPDATE reminders SET state = 'cancelled', updated_at = $1 WHERE subject_type = $2 \
                 AND subject_id = $3 AND person_id = $4 AND state = 'pending'",
            )
            .bind(now())
            .bind(WORKSHOP_SUBJECT)
            .bind(workshop_id)
            .bind(person_id)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }
    }
}
