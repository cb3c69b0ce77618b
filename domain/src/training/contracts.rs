//! Contracts (contrataciones): a course sold to an organization, optionally for another
//! organization's staff (the end client), with planned hours, an hourly price and a unique file
//! number (expediente). The contract page burns its planned hours down against its sessions.

use sqlx::FromRow;
use types::{
    ContractDetail, ContractId, ContractPage, ContractState, ContractView, CourseId, FieldIssue, Modality,
    OrganizationId, PersonId, UserId,
};

use super::{parse_hours, parse_id, parse_money, parse_optional_id, rooms, sessions, trainers};
use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::text;
use crate::crm::timeline;
use crate::crm::{Bind, Filter};
use crate::error::{is_unique_violation, Problems};
use crate::text::fold;
use crate::{Db, Error, Reach, Result};

/// Timeline kinds recorded on the organizations of a contract.
pub const CONTRACT_CREATED: &str = "contract_created";
pub const CONTRACT_STATE: &str = "contract_state";

/// What the contract form sends. Empty hours, price or modality take the course's defaults; an
/// empty file number gets the next `EXP-<year>-<n>`.
#[derive(Debug, Clone, Default)]
pub struct ContractInput {
    pub organization_id: String,
    pub end_client_id: String,
    pub course_id: String,
    pub file_number: String,
    pub hourly_price: String,
    pub planned_hours: String,
    pub modality: String,
    pub state: String,
    pub notes: String,
}

struct Valid {
    organization_id: i64,
    end_client_id: Option<i64>,
    course_id: i64,
    file_number: String,
    hourly_price_cents: i64,
    planned_minutes: i64,
    modality: Modality,
    state: ContractState,
    notes: String,
}

async fn validate(db: &Db, input: &ContractInput) -> Result<Valid> {
    let mut p = Problems::default();
    let organization_id = p.check("organization_id", parse_id(&input.organization_id));
    let end_client_id = p.check("end_client_id", parse_optional_id(&input.end_client_id));
    let course_id = p.check("course_id", parse_id(&input.course_id));
    let file_number = p.check("file_number", text(&input.file_number, 40, false));
    let notes = p.check("notes", text(&input.notes, 5000, true));
    let state = if input.state.trim().is_empty() {
        Some(ContractState::Draft)
    } else {
        p.check("state", ContractState::parse(&input.state).ok_or(FieldIssue::InvalidChoice))
    };
    let mut course = None;
    if let Some(cid) = course_id {
        let found: Option<(i64, i64, String)> =
            sqlx::query_as("SELECT default_minutes, default_hourly_price_cents, modality FROM courses WHERE id = $1")
                .bind(cid)
                .fetch_optional(db.pool())
                .await?;
        match found {
            Some(c) => course = Some(c),
            None => p.add("course_id", FieldIssue::InvalidChoice),
        }
    }
    for (field, id) in [("organization_id", organization_id), ("end_client_id", end_client_id.flatten())] {
        if let Some(id) = id {
            let found: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM organizations WHERE id = $1").bind(id).fetch_optional(db.pool()).await?;
            if found.is_none() {
                p.add(field, FieldIssue::InvalidChoice);
            }
        }
    }
    let (default_minutes, default_price, default_modality) = course.clone().unwrap_or((0, 0, String::new()));
    let hourly_price_cents = if input.hourly_price.trim().is_empty() {
        course.as_ref().map(|_| default_price)
    } else {
        p.check("hourly_price", parse_money(&input.hourly_price))
    };
    let planned_minutes = if input.planned_hours.trim().is_empty() {
        course.as_ref().map(|_| default_minutes)
    } else {
        p.check("planned_hours", parse_hours(&input.planned_hours))
    };
    if planned_minutes == Some(0) {
        p.add("planned_hours", FieldIssue::Required);
    }
    let modality = if input.modality.trim().is_empty() {
        course.as_ref().map(|_| Modality::parse(&default_modality).unwrap_or(Modality::InPerson))
    } else {
        p.check("modality", Modality::parse(&input.modality).ok_or(FieldIssue::InvalidChoice))
    };
    p.finish()?;
    match (
        organization_id,
        end_client_id,
        course_id,
        file_number,
        hourly_price_cents,
        planned_minutes,
        modality,
        state,
        notes,
    ) {
        (Some(o), Some(e), Some(c), Some(f), Some(h), Some(m), Some(md), Some(s), Some(n)) => Ok(Valid {
            organization_id: o,
            end_client_id: e.filter(|e| *e != o),
            course_id: c,
            file_number: f,
            hourly_price_cents: h,
            planned_minutes: m,
            modality: md,
            state: s,
            notes: n,
        }),
        _ => Err(Error::Internal("contract validation let a field through".into())),
    }
}

fn file_number_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e) {
        Error::field("file_number", FieldIssue::CodeTaken)
    } else {
        e.into()
    }
}

/// The next free `EXP-<year>-<nnnn>` for the year of `at`.
async fn next_file_number(tx: &mut sqlx::Transaction<'static, sqlx::Any>, at: i64) -> Result<String> {
    use chrono::Datelike;
    let year = to_utc(at).year();
    let prefix = format!("exp-{year}-");
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contracts WHERE file_number_folded LIKE $1")
        .bind(format!("{prefix}%"))
        .fetch_one(&mut **tx)
        .await?;
    let mut n = count + 1;
    loop {
        let candidate = format!("EXP-{year}-{n:04}");
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM contracts WHERE file_number_folded = $1")
            .bind(fold(&candidate))
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// Creates a contract and records it on the timeline of its organization (and end client).
pub async fn create_contract(db: &Db, actor: UserId, input: &ContractInput) -> Result<ContractView> {
    let v = validate(db, input).await?;
    let mut tx = db.begin_write().await?;
    let at = now();
    let file_number =
        if v.file_number.is_empty() { next_file_number(&mut tx, at).await? } else { v.file_number.clone() };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO contracts (file_number, file_number_folded, organization_id, end_client_id, course_id, \
         hourly_price_cents, planned_minutes, modality, state, notes, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(&file_number)
    .bind(fold(&file_number))
    .bind(v.organization_id)
    .bind(v.end_client_id)
    .bind(v.course_id)
    .bind(v.hourly_price_cents)
    .bind(v.planned_minutes)
    .bind(v.modality.as_str())
    .bind(v.state.as_str())
    .bind(&v.notes)
    .bind(actor.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(file_number_taken)?;
    let (course,): (String,) =
        sqlx::query_as("SELECT title FROM courses WHERE id = $1").bind(v.course_id).fetch_one(&mut *tx).await?;
    for org in std::iter::once(v.organization_id).chain(v.end_client_id) {
        timeline::record(
            &mut *tx,
            timeline::NewEvent {
                organization_id: Some(org),
                person_id: None,
                kind: CONTRACT_CREATED,
                at,
                actor: Some(actor),
                ref_id: Some(id),
                data: serde_json::json!({ "file_number": file_number, "course": course, "contract_id": id }),
            },
        )
        .await?;
    }
    audit::record(&mut tx, &audit::Entry::of("training", "contracts", id, "create", Some(actor)), None).await?;
    tx.commit().await?;
    tracing::info!(contract_id = id, by = actor.0, "contract created");
    get_contract(db, ContractId(id)).await
}

/// Saves an edit of a contract; a state change is recorded on the timeline.
pub async fn update_contract(db: &Db, actor: UserId, id: ContractId, input: &ContractInput) -> Result<ContractView> {
    let mut v = validate(db, input).await?;
    let before = get_contract(db, id).await?;
    if v.file_number.is_empty() {
        v.file_number = before.file_number.clone();
    }
    let mut tx = db.begin_write().await?;
    let audit_before = audit::snapshot(&mut tx, "contracts", id.0).await?;
    let at = now();
    sqlx::query(
        "UPDATE contracts SET file_number = $1, file_number_folded = $2, organization_id = $3, end_client_id = $4, \
         course_id = $5, hourly_price_cents = $6, planned_minutes = $7, modality = $8, state = $9, notes = $10, \
         updated_at = $11 WHERE id = $12",
    )
    .bind(&v.file_number)
    .bind(fold(&v.file_number))
    .bind(v.organization_id)
    .bind(v.end_client_id)
    .bind(v.course_id)
    .bind(v.hourly_price_cents)
    .bind(v.planned_minutes)
    .bind(v.modality.as_str())
    .bind(v.state.as_str())
    .bind(&v.notes)
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(file_number_taken)?;
    if before.state != v.state {
        timeline::record(
            &mut *tx,
            timeline::NewEvent {
                organization_id: Some(v.organization_id),
                person_id: None,
                kind: CONTRACT_STATE,
                at,
                actor: Some(actor),
                ref_id: Some(id.0),
                data: serde_json::json!({
                    "file_number": v.file_number, "from": before.state.as_str(), "to": v.state.as_str(),
                }),
            },
        )
        .await?;
    }
    audit::record(&mut tx, &audit::Entry::of("training", "contracts", id.0, "update", Some(actor)), audit_before)
        .await?;
    tx.commit().await?;
    get_contract(db, id).await
}

#[derive(FromRow)]
struct Row {
    id: i64,
    file_number: String,
    organization_id: i64,
    organization_name: String,
    end_client_id: Option<i64>,
    end_client_name: Option<String>,
    course_id: i64,
    course_title: String,
    hourly_price_cents: i64,
    planned_minutes: i64,
    modality: String,
    state: String,
    notes: String,
    scheduled_minutes: Option<i64>,
    delivered_minutes: Option<i64>,
    created_at: i64,
}

const SELECT: &str = "SELECT c.id, c.file_number, c.organization_id, o.legal_name AS organization_name, \
     c.end_client_id, ec.legal_name AS end_client_name, c.course_id, co.title AS course_title, c.hourly_price_cents, \
     c.planned_minutes, c.modality, c.state, c.notes, \
     (SELECT CAST(SUM((s.ends_at - s.starts_at) / 60) AS BIGINT) FROM training_sessions s WHERE s.contract_id = c.id \
      AND s.state IN ('scheduled', 'done')) AS scheduled_minutes, \
     (SELECT CAST(SUM((s.ends_at - s.starts_at) / 60) AS BIGINT) FROM training_sessions s WHERE s.contract_id = c.id \
      AND s.state = 'done') AS delivered_minutes, c.created_at \
     FROM contracts c JOIN organizations o ON o.id = c.organization_id \
     LEFT JOIN organizations ec ON ec.id = c.end_client_id JOIN courses co ON co.id = c.course_id";

impl From<Row> for ContractView {
    fn from(r: Row) -> Self {
        ContractView {
            id: ContractId(r.id),
            file_number: r.file_number,
            organization_id: OrganizationId(r.organization_id),
            organization_name: r.organization_name,
            end_client_id: r.end_client_id.map(OrganizationId),
            end_client_name: r.end_client_name,
            course_id: CourseId(r.course_id),
            course_title: r.course_title,
            hourly_price_cents: r.hourly_price_cents,
            planned_minutes: r.planned_minutes,
            modality: Modality::parse(&r.modality).unwrap_or(Modality::InPerson),
            state: ContractState::parse(&r.state).unwrap_or(ContractState::Draft),
            notes: r.notes,
            scheduled_minutes: r.scheduled_minutes.unwrap_or(0),
            delivered_minutes: r.delivered_minutes.unwrap_or(0),
            created_at: to_utc(r.created_at),
        }
    }
}

/// One contract with its hours.
pub async fn get_contract(db: &Db, id: ContractId) -> Result<ContractView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE c.id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    row.map(Into::into).ok_or(Error::NotFound)
}

/// What the contract list filters on.
#[derive(Debug, Clone, Default)]
pub struct ContractQuery {
    /// File number, course or organization name, any part.
    pub q: String,
    pub state: Option<ContractState>,
    /// Contracts where this organization pays or receives.
    pub organization: Option<OrganizationId>,
    pub page: i64,
    /// Whose contracts: all, or those with a session the user trains.
    pub reach: Reach,
}

/// The condition that a contract (`c`) has a session trained by the user bound as `{p}`.
fn trained_by(p: &str) -> String {
    format!("EXISTS (SELECT 1 FROM training_sessions ts WHERE ts.contract_id = c.id AND ts.trainer_id = {p})")
}

/// Refuses, as not found, a contract `reach` does not take in: one limited to their own sessions
/// reaches the contracts where they train a session.
pub async fn contract_in_reach(db: &Db, id: ContractId, reach: Reach) -> Result<()> {
    let found: Option<(i64,)> =
        sqlx::query_as(&format!("SELECT c.id FROM contracts c WHERE c.id = $1 AND ($2 = 0 OR {})", trained_by("$2")))
            .bind(id.0)
            .bind(reach.bind())
            .fetch_optional(db.pool())
            .await?;
    found.map(|_| ()).ok_or(Error::NotFound)
}

/// Contracts, newest first, 50 a page, with the total.
pub async fn list_contracts(db: &Db, query: &ContractQuery) -> Result<ContractPage> {
    let mut f = Filter::default();
    if let Some(s) = query.state {
        let p = f.param(Bind::Text(s.as_str().into()));
        f.push(format!("c.state = {p}"));
    }
    if let Some(o) = query.organization {
        let p = f.param(Bind::Int(o.0));
        f.push(format!("(c.organization_id = {p} OR c.end_client_id = {p})"));
    }
    if let Reach::Own(user) = query.reach {
        let p = f.param(Bind::Int(user.0));
        f.push(trained_by(&p));
    }
    for word in fold(&query.q).split_whitespace().take(6) {
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let p = f.param(Bind::Text(format!("%{escaped}%")));
        f.push(format!(
            "(c.file_number_folded LIKE {p} ESCAPE '\\' OR o.sort_name LIKE {p} ESCAPE '\\' \
             OR co.sort_title LIKE {p} ESCAPE '\\')"
        ));
    }
    let from =
        "FROM contracts c JOIN organizations o ON o.id = c.organization_id JOIN courses co ON co.id = c.course_id";
    let total: i64 = f
        .bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) {from}{}", f.where_clause())))
        .fetch_one(db.pool())
        .await?;
    let page = query.page.max(0);
    let rows: Vec<Row> = f
        .bind_all(sqlx::query_as(&format!(
            "{SELECT}{} ORDER BY c.created_at DESC, c.id DESC LIMIT 50 OFFSET {}",
            f.where_clause(),
            page * 50
        )))
        .fetch_all(db.pool())
        .await?;
    Ok(ContractPage { items: rows.into_iter().map(Into::into).collect(), total })
}

/// Everything the contract page shows, with the sessions `reach` takes in (a contract with none
/// of them is not found).
pub async fn contract_detail(db: &Db, id: ContractId, reach: Reach) -> Result<ContractDetail> {
    contract_in_reach(db, id, reach).await?;
    let contract = get_contract(db, id).await?;
    let sessions = sessions::sessions_of_contract(db, id, reach).await?;
    let participants = super::attendance::participants(db, id).await?;
    // Candidates: contacts of the end client (or of the payer when there is none).
    let org = contract.end_client_id.unwrap_or(contract.organization_id);
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT DISTINCT p.id, p.first_name, p.last_name FROM organization_people op JOIN people p ON p.id = op.person_id \
         WHERE op.organization_id = $1 AND p.id NOT IN (SELECT person_id FROM contract_participants WHERE contract_id = $2) \
         ORDER BY p.first_name, p.last_name, p.id LIMIT 500",
    )
    .bind(org.0)
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    let candidates =
        rows.into_iter().map(|(pid, f, l)| (PersonId(pid), format!("{f} {l}").trim().to_string())).collect();
    Ok(ContractDetail {
        contract,
        sessions,
        participants,
        candidates,
        // A trainer limited to their own sessions can give one to nobody else.
        trainers: trainers(db).await?.into_iter().filter(|(t, _)| reach.allows(Some(*t))).collect(),
        rooms: rooms::list_rooms(db).await?.into_iter().filter(|r| r.active).collect(),
    })
}
