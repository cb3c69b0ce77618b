//! The client timeline: one chronological feed per organization and per person.
//!
//! Every module records its own events here with [`record`], under a `kind` of its own and its
//! fields as JSON in `data`; the feed reads this one table, newest first, with a keyset cursor, so
//! adding a kind (enrollments, sessions, opportunity moves, emails, tickets…) changes nothing here.

use sqlx::{Any, Executor, FromRow};
use types::{OrganizationId, PersonId, TimelineEvent, TimelinePage, UserId};

use crate::clock::to_utc;
use crate::crm::{Bind, Filter};
use crate::Result;

/// A record was created.
pub const CREATED: &str = "created";
/// An organization's lifecycle status changed (`from`, `to`).
pub const STATUS_CHANGED: &str = "status_changed";
/// An interaction was logged (its fields in `data`, its id in `ref_id`).
pub const INTERACTION: &str = "interaction";
/// A follow-up was marked done.
pub const FOLLOW_UP_DONE: &str = "follow_up_done";
/// Another record was merged into this one (`name`, `merged_id`).
pub const MERGED: &str = "merged";
/// A person was linked to an organization (`person`, `organization`, `role`).
pub const CONTACT_ADDED: &str = "contact_added";

/// An event to record.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub organization_id: Option<i64>,
    pub person_id: Option<i64>,
    pub kind: &'static str,
    pub at: i64,
    pub actor: Option<UserId>,
    pub ref_id: Option<i64>,
    pub data: serde_json::Value,
}

/// Writes one event (inside the caller's transaction, so it lands with the change it describes).
pub async fn record<'e, E: Executor<'e, Database = Any>>(exec: E, e: NewEvent) -> Result<()> {
    sqlx::query(
        "INSERT INTO timeline_events (organization_id, person_id, kind, at, actor_id, ref_id, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.organization_id)
    .bind(e.person_id)
    .bind(e.kind)
    .bind(e.at)
    .bind(e.actor.map(|a| a.0))
    .bind(e.ref_id)
    .bind(e.data.to_string())
    .execute(exec)
    .await?;
    Ok(())
}

/// Whose timeline.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Organization(OrganizationId),
    Person(PersonId),
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    at: i64,
    organization_id: Option<i64>,
    person_id: Option<i64>,
    actor_name: Option<String>,
    ref_id: Option<i64>,
    data: String,
}

/// A page of `subject`'s timeline, newest first: at most `limit` events of the given `kinds`
/// (all when empty), older than the `before` cursor of a previous page. One query.
pub async fn timeline(
    db: &crate::Db,
    subject: Subject,
    kinds: &[String],
    before: Option<&str>,
    limit: i64,
) -> Result<TimelinePage> {
    let limit = limit.clamp(1, 200);
    let mut f = Filter::default();
    match subject {
        Subject::Organization(id) => {
            let p = f.param(Bind::Int(id.0));
            f.push(format!("e.organization_id = {p}"));
        }
        Subject::Person(id) => {
            let p = f.param(Bind::Int(id.0));
            f.push(format!("e.person_id = {p}"));
        }
    }
    // Kinds are snake_case names; anything else cannot match and is dropped.
    let kinds: Vec<&String> = kinds
        .iter()
        .filter(|k| !k.trim().is_empty() && k.trim().chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .take(20)
        .collect();
    if !kinds.is_empty() {
        let ps: Vec<String> = kinds.iter().map(|k| f.param(Bind::Text(k.trim().to_string()))).collect();
        f.push(format!("e.kind IN ({})", ps.join(", ")));
    }
    if let Some((at, id)) = before.and_then(parse_cursor) {
        let a = f.param(Bind::Int(at));
        let a2 = f.param(Bind::Int(at));
        let i = f.param(Bind::Int(id));
        f.push(format!("(e.at < {a} OR (e.at = {a2} AND e.id < {i}))"));
    }
    let sql = format!(
        "SELECT e.id, e.kind, e.at, e.organization_id, e.person_id, u.name AS actor_name, e.ref_id, e.data \
         FROM timeline_events e LEFT JOIN users u ON u.id = e.actor_id{} ORDER BY e.at DESC, e.id DESC LIMIT {}",
        f.where_clause(),
        limit + 1
    );
    let mut rows: Vec<EventRow> = f.bind_all(sqlx::query_as(&sql)).fetch_all(db.pool()).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_before = if more { rows.last().map(|r| format!("{}.{}", r.at, r.id)) } else { None };
    let events = rows
        .into_iter()
        .map(|r| TimelineEvent {
            id: r.id,
            kind: r.kind,
            at: to_utc(r.at),
            organization_id: r.organization_id.map(OrganizationId),
            person_id: r.person_id.map(PersonId),
            actor_name: r.actor_name,
            ref_id: r.ref_id,
            data: r.data,
        })
        .collect();
    Ok(TimelinePage { events, next_before })
}

fn parse_cursor(s: &str) -> Option<(i64, i64)> {
    let (at, id) = s.split_once('.')?;
    Some((at.parse().ok()?, id.parse().ok()?))
}
