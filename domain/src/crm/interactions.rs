//! Interactions: every call, meeting, email, WhatsApp, visit or note with an organization and/or
//! a person, with its result and the next action (the follow-up a reminder is built from).

use chrono::NaiveTime;
use sqlx::FromRow;
use types::{
    FieldIssue, InteractionId, InteractionKind, InteractionResult, InteractionView, OrganizationId, PersonId, UserId,
};

use super::fields::{local_date_time, text};
use super::timeline;
use crate::audit;
use crate::clock::{now, to_utc};
use crate::error::Problems;
use crate::{Db, Error, Result};

/// What a form or an API call sends to log an interaction. Dates are local to the centre
/// (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`); an empty `occurred_at` means now.
#[derive(Debug, Clone, Default)]
pub struct InteractionInput {
    pub organization_id: Option<OrganizationId>,
    pub person_id: Option<PersonId>,
    pub occurred_at: String,
    pub kind: String,
    pub description: String,
    pub result: String,
    pub next_action: String,
    pub next_action_at: String,
    pub create_reminder: bool,
}

/// Logs an interaction, records it on the timeline of its organization and person, and keeps the
/// organization's "last interaction" up to date. A next action needs its date and the other way
/// round; a reminder needs a next-action date.
pub async fn create_interaction(
    db: &Db,
    actor: UserId,
    input: &InteractionInput,
    tz: chrono_tz::Tz,
) -> Result<InteractionView> {
    let mut p = Problems::default();
    if input.organization_id.is_none() && input.person_id.is_none() {
        p.add("organization_id", FieldIssue::Required);
    }
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    let occurred_at = if input.occurred_at.trim().is_empty() {
        Some(now())
    } else {
        p.check("occurred_at", local_date_time(&input.occurred_at, tz, noon))
    };
    let kind = p.check("kind", InteractionKind::parse(&input.kind).ok_or(FieldIssue::InvalidChoice));
    let description = p.check("description", text(&input.description, 5000, true));
    let result = if input.result.trim().is_empty() {
        Some(InteractionResult::Pending)
    } else {
        p.check("result", InteractionResult::parse(&input.result).ok_or(FieldIssue::InvalidChoice))
    };
    let next_action = p.check("next_action", text(&input.next_action, 300, false));
    let hour = crate::centre::reminder_settings(db.pool()).await?.follow_up_hour.clamp(0, 23) as u32;
    let follow_up_time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
    let next_action_at = if input.next_action_at.trim().is_empty() {
        Some(None)
    } else {
        p.check("next_action_at", local_date_time(&input.next_action_at, tz, follow_up_time)).map(Some)
    };
    if next_action.as_deref().is_some_and(|a| !a.is_empty()) && matches!(next_action_at, Some(None)) {
        p.add("next_action_at", FieldIssue::Required);
    }
    if next_action.as_deref() == Some("") && matches!(next_action_at, Some(Some(_))) {
        p.add("next_action", FieldIssue::Required);
    }
    if input.create_reminder && matches!(next_action_at, Some(None)) && !p.has("next_action_at") {
        p.add("next_action_at", FieldIssue::Required);
    }
    p.finish()?;
    let (Some(occurred_at), Some(kind), Some(description), Some(result), Some(next_action), Some(next_action_at)) =
        (occurred_at, kind, description, result, next_action, next_action_at)
    else {
        unreachable!("validated above")
    };

    let mut tx = db.begin_write().await?;
    let mut org_name = None;
    if let Some(org) = input.organization_id {
        let found: Option<(String,)> = sqlx::query_as("SELECT legal_name FROM organizations WHERE id = $1")
            .bind(org.0)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((name,)) = found else { return Err(Error::field("organization_id", FieldIssue::InvalidChoice)) };
        org_name = Some(name);
    }
    if let Some(person) = input.person_id {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE id = $1 AND erased_at IS NULL")
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(Error::field("person_id", FieldIssue::InvalidChoice));
        }
    }
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO interactions (organization_id, person_id, occurred_at, kind, description, result, next_action, \
         next_action_at, create_reminder, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(input.organization_id.map(|o| o.0))
    .bind(input.person_id.map(|p| p.0))
    .bind(occurred_at)
    .bind(kind.as_str())
    .bind(&description)
    .bind(result.as_str())
    .bind(&next_action)
    .bind(next_action_at)
    .bind(i64::from(input.create_reminder))
    .bind(actor.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(&mut tx, &audit::Entry::of("crm", "interactions", id, "create", Some(actor)), None).await?;
    if let Some(org) = input.organization_id {
        sqlx::query(
            "UPDATE organizations SET last_interaction_at = $1 WHERE id = $2 \
             AND (last_interaction_at IS NULL OR last_interaction_at < $1)",
        )
        .bind(occurred_at)
        .bind(org.0)
        .execute(&mut *tx)
        .await?;
    }
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: input.organization_id.map(|o| o.0),
            person_id: input.person_id.map(|p| p.0),
            kind: timeline::INTERACTION,
            at: occurred_at,
            actor: Some(actor),
            ref_id: Some(id),
            data: serde_json::json!({
                "kind": kind.as_str(),
                "result": result.as_str(),
                "description": description,
                "next_action": next_action,
                "next_action_at": next_action_at,
                "organization": org_name,
            }),
        },
    )
    .await?;
    crate::reminders::sources::sync_follow_up(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(interaction_id = id, by = actor.0, "interaction logged");
    get_interaction(db, InteractionId(id)).await
}

#[derive(FromRow)]
struct Row {
    id: i64,
    organization_id: Option<i64>,
    organization_name: Option<String>,
    person_id: Option<i64>,
    first_name: Option<String>,
    last_name: Option<String>,
    occurred_at: i64,
    kind: String,
    description: String,
    result: String,
    next_action: String,
    next_action_at: Option<i64>,
    next_action_done_at: Option<i64>,
    create_reminder: i64,
    author_id: Option<i64>,
    author_name: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.organization_id, o.legal_name AS organization_name, i.person_id, p.first_name, \
     p.last_name, i.occurred_at, i.kind, i.description, i.result, i.next_action, i.next_action_at, \
     i.next_action_done_at, i.create_reminder, i.author_id, u.name AS author_name FROM interactions i \
     LEFT JOIN organizations o ON o.id = i.organization_id LEFT JOIN people p ON p.id = i.person_id \
     LEFT JOIN users u ON u.id = i.author_id";

impl From<Row> for InteractionView {
    fn from(r: Row) -> Self {
        InteractionView {
            id: InteractionId(r.id),
            organization_id: r.organization_id.map(OrganizationId),
            organization_name: r.organization_name,
            person_id: r.person_id.map(PersonId),
            person_name: r.first_name.map(|f| format!("{f} {}", r.last_name.unwrap_or_default()).trim().to_string()),
            occurred_at: to_utc(r.occurred_at),
            kind: InteractionKind::parse(&r.kind).unwrap_or(InteractionKind::Note),
            description: r.description,
            result: InteractionResult::parse(&r.result).unwrap_or(InteractionResult::Pending),
            next_action: r.next_action,
            next_action_at: r.next_action_at.map(to_utc),
            next_action_done: r.next_action_done_at.is_some(),
            create_reminder: r.create_reminder != 0,
            author_id: r.author_id.map(UserId),
            author_name: r.author_name,
        }
    }
}

/// One interaction.
pub async fn get_interaction(db: &Db, id: InteractionId) -> Result<InteractionView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE i.id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// Open follow-ups (next actions not done), soonest first: of one organization, one person, or
/// all when both are `None`. One query.
pub async fn open_follow_ups(
    db: &Db,
    organization: Option<OrganizationId>,
    person: Option<PersonId>,
    limit: i64,
) -> Result<Vec<InteractionView>> {
    let (condition, id) = match (organization, person) {
        (Some(o), _) => ("AND i.organization_id = $1", o.0),
        (None, Some(p)) => ("AND i.person_id = $1", p.0),
        (None, None) => ("AND $1 = $1", 0),
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.next_action_at IS NOT NULL AND i.next_action_done_at IS NULL {condition} \
         ORDER BY i.next_action_at, i.id LIMIT {}",
        limit.clamp(1, 500)
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Marks a follow-up done and records it on the timeline.
pub async fn complete_follow_up(db: &Db, actor: UserId, id: InteractionId) -> Result<InteractionView> {
    let mut tx = db.begin_write().await?;
    let found: Option<(Option<i64>, Option<i64>, String)> =
        sqlx::query_as("SELECT organization_id, person_id, next_action FROM interactions WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (org, person, action) = found.ok_or(Error::NotFound)?;
    let at = now();
    let before = audit::snapshot(&mut tx, "interactions", id.0).await?;
    let done = sqlx::query(
        "UPDATE interactions SET next_action_done_at = $1, updated_at = $1 WHERE id = $2 \
         AND next_action_at IS NOT NULL AND next_action_done_at IS NULL",
    )
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict);
    }
    audit::record(&mut tx, &audit::Entry::of("crm", "interactions", id.0, "complete_follow_up", Some(actor)), before)
        .await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: org,
            person_id: person,
            kind: timeline::FOLLOW_UP_DONE,
            at,
            actor: Some(actor),
            ref_id: Some(id.0),
            data: serde_json::json!({ "next_action": action }),
        },
    )
    .await?;
    crate::reminders::sources::sync_follow_up(&mut tx, id.0).await?;
    tx.commit().await?;
    get_interaction(db, id).await
}

/// Moves an open follow-up to another time (from the calendar); its reminder moves with it.
pub async fn reschedule_follow_up(db: &Db, actor: UserId, id: InteractionId, at: i64) -> Result<InteractionView> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE interactions SET next_action_at = $1, updated_at = $2 WHERE id = $3 \
         AND next_action_at IS NOT NULL AND next_action_done_at IS NULL",
    )
    .bind(at)
    .bind(now())
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        let exists: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM interactions WHERE id = $1").bind(id.0).fetch_optional(&mut *tx).await?;
        return Err(if exists.is_some() {
            Error::field("next_action_at", FieldIssue::WrongState)
        } else {
            Error::NotFound
        });
    }
    crate::reminders::sources::sync_follow_up(&mut tx, id.0).await?;
    tx.commit().await?;
    tracing::info!(interaction_id = id.0, by = actor.0, "follow-up rescheduled");
    get_interaction(db, id).await
}

/// The interactions of an organization or a person, newest first, `limit` from `offset`, with the
/// total. Two queries.
pub async fn list_interactions(
    db: &Db,
    organization: Option<OrganizationId>,
    person: Option<PersonId>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<InteractionView>, i64)> {
    let (condition, id) = match (organization, person) {
        (Some(o), _) => ("i.organization_id = $1", o.0),
        (None, Some(p)) => ("i.person_id = $1", p.0),
        (None, None) => return Err(Error::field("organization_id", FieldIssue::Required)),
    };
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM interactions i WHERE {condition}"))
        .bind(id)
        .fetch_one(db.pool())
        .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE {condition} ORDER BY i.occurred_at DESC, i.id DESC LIMIT {} OFFSET {}",
        limit.clamp(1, 100),
        offset.max(0)
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}
