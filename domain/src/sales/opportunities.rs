//! Opportunities: created and edited from a form, moved on the board. A move writes one row (a
//! fractional key between its new neighbours; ids break ties), records the stage change (who,
//! when, from, to) and puts it in the client's timeline, all in one transaction. Two people
//! moving cards at once both succeed and everyone reads the same order afterwards.

use chrono::NaiveDate;
use sqlx::{Any, FromRow, Transaction};
use types::{
    Board, BoardColumn, CourseId, FieldIssue, OpportunityId, OpportunityView, OrganizationId, PersonId,
    StageChangeView, StageId, StageKind, UserId,
};

use super::rank;
use super::stages::list_stages;
use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::{required_text, text};
use crate::crm::timeline;
use crate::error::Problems;
use crate::training::{parse_money, parse_optional_id};
use crate::{Db, Error, Reach, Result};

/// Timeline kinds.
pub const OPPORTUNITY_CREATED: &str = "opportunity_created";
pub const OPPORTUNITY_STAGE: &str = "opportunity_stage";

/// Cards a board column shows before "more".
pub const COLUMN_PAGE: i64 = 50;

/// What the opportunity form sends (ids and numbers as typed).
#[derive(Debug, Clone, Default)]
pub struct OpportunityInput {
    pub organization_id: String,
    pub contact_id: String,
    pub title: String,
    pub value: String,
    pub expected_close: String,
    pub stage_id: String,
    /// Empty for the stage's default.
    pub probability: String,
    pub owner_id: String,
    pub source: String,
    pub lost_reason: String,
    pub course_ids: Vec<String>,
}

struct Valid {
    organization_id: i64,
    contact_id: Option<i64>,
    title: String,
    value_cents: i64,
    expected_close: Option<String>,
    stage_id: i64,
    probability: Option<i64>,
    owner_id: Option<i64>,
    source: String,
    lost_reason: String,
    course_ids: Vec<i64>,
}

type Tx = Transaction<'static, Any>;

async fn exists(tx: &mut Tx, sql: &str, id: i64) -> Result<bool> {
    let row: Option<(i64,)> = sqlx::query_as(sql).bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.is_some())
}

async fn validate(tx: &mut Tx, input: &OpportunityInput) -> Result<Valid> {
    let mut p = Problems::default();
    let organization_id = p.check("organization_id", parse_optional_id(&input.organization_id)).flatten();
    if organization_id.is_none() && !p.has("organization_id") {
        p.add("organization_id", FieldIssue::Required);
    }
    let contact_id = p.check("contact_id", parse_optional_id(&input.contact_id)).flatten();
    let title = p.check("title", required_text(&input.title, 200));
    let value_cents = if input.value.trim().is_empty() { Some(0) } else { p.check("value", parse_money(&input.value)) };
    let expected_close = match input.expected_close.trim() {
        "" => Some(None),
        s => p.check(
            "expected_close",
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                .map_err(|_| FieldIssue::InvalidDate),
        ),
    };
    let stage_id = p.check("stage_id", parse_optional_id(&input.stage_id)).flatten();
    let probability = match input.probability.trim() {
        "" => Some(None),
        s => match s.trim_end_matches('%').trim().parse::<i64>() {
            Ok(v) if (0..=100).contains(&v) => Some(Some(v)),
            _ => {
                p.add("probability", FieldIssue::OutOfRange { min: 0, max: 100 });
                None
            }
        },
    };
    let owner_id = p.check("owner_id", parse_optional_id(&input.owner_id)).flatten();
    let source = match input.source.trim() {
        "" => Some(String::new()),
        s => p.check(
            "source",
            types::LeadSource::parse(s).map(|l| l.as_str().to_string()).ok_or(FieldIssue::InvalidChoice),
        ),
    };
    let lost_reason = p.check("lost_reason", text(&input.lost_reason, 500, true));
    let mut course_ids = Vec::new();
    for c in &input.course_ids {
        match parse_optional_id(c) {
            Ok(Some(id)) => course_ids.push(id),
            Ok(None) => {}
            Err(issue) => p.add("course_ids", issue),
        }
    }
    course_ids.sort_unstable();
    course_ids.dedup();
    // References that do not exist are field errors, not foreign-key failures.
    if let Some(o) = organization_id {
        if !exists(tx, "SELECT id FROM organizations WHERE id = $1", o).await? {
            p.add("organization_id", FieldIssue::InvalidChoice);
        }
    }
    if let Some(c) = contact_id {
        if !exists(tx, "SELECT id FROM people WHERE id = $1", c).await? {
            p.add("contact_id", FieldIssue::InvalidChoice);
        }
    }
    let mut stage_kind = None;
    match stage_id {
        Some(s) => {
            let row: Option<(String,)> =
                sqlx::query_as("SELECT kind FROM pipeline_stages WHERE id = $1 AND archived_at IS NULL")
                    .bind(s)
                    .fetch_optional(&mut **tx)
                    .await?;
            match row {
                Some((k,)) => stage_kind = StageKind::parse(&k),
                None => p.add("stage_id", FieldIssue::InvalidChoice),
            }
        }
        None if !p.has("stage_id") => p.add("stage_id", FieldIssue::Required),
        None => {}
    }
    if let Some(o) = owner_id {
        if !exists(tx, "SELECT id FROM users WHERE id = $1 AND active = 1 AND role <> 'reception'", o).await? {
            p.add("owner_id", FieldIssue::InvalidChoice);
        }
    }
    for c in &course_ids {
        if !exists(tx, "SELECT id FROM courses WHERE id = $1", *c).await? {
            p.add("course_ids", FieldIssue::InvalidChoice);
            break;
        }
    }
    if stage_kind == Some(StageKind::Lost) && lost_reason.as_deref().is_some_and(str::is_empty) {
        p.add("lost_reason", FieldIssue::Required);
    }
    p.finish()?;
    match (organization_id, title, value_cents, expected_close, stage_id, probability, source, lost_reason) {
        (
            Some(organization_id),
            Some(title),
            Some(value_cents),
            Some(expected_close),
            Some(stage_id),
            Some(probability),
            Some(source),
            Some(lost_reason),
        ) => Ok(Valid {
            organization_id,
            contact_id,
            title,
            value_cents,
            expected_close,
            stage_id,
            probability,
            owner_id,
            source,
            lost_reason,
            course_ids,
        }),
        _ => Err(Error::Internal("opportunity validation let a field through".into())),
    }
}

/// The last key of a stage, to append after it.
async fn last_rank(tx: &mut Tx, stage: i64) -> Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT rank FROM opportunities WHERE stage_id = $1 ORDER BY rank DESC, id DESC LIMIT 1")
            .bind(stage)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|r| r.0))
}

async fn stage_name(tx: &mut Tx, id: i64) -> Result<String> {
    let (name,): (String,) =
        sqlx::query_as("SELECT name FROM pipeline_stages WHERE id = $1").bind(id).fetch_one(&mut **tx).await?;
    Ok(name)
}

/// A stage change to record.
struct Change<'a> {
    id: i64,
    org: i64,
    title: &'a str,
    from: Option<i64>,
    to: i64,
    actor: UserId,
    at: i64,
}

/// Records a stage change and its timeline entry.
async fn record_change(tx: &mut Tx, c: Change<'_>) -> Result<()> {
    let Change { id, org, title, from, to, actor, at } = c;
    sqlx::query(
        "INSERT INTO opportunity_stage_changes (opportunity_id, from_stage_id, to_stage_id, actor_id, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(actor.0)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    let from_name = match from {
        Some(f) => Some(stage_name(tx, f).await?),
        None => None,
    };
    let to_name = stage_name(tx, to).await?;
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: Some(org),
            person_id: None,
            kind: if from.is_none() { OPPORTUNITY_CREATED } else { OPPORTUNITY_STAGE },
            at,
            actor: Some(actor),
            ref_id: Some(id),
            data: serde_json::json!({ "title": title, "from": from_name, "to": to_name, "opportunity_id": id }),
        },
    )
    .await
}

async fn write_courses(tx: &mut Tx, id: i64, courses: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM opportunity_courses WHERE opportunity_id = $1").bind(id).execute(&mut **tx).await?;
    for c in courses {
        sqlx::query("INSERT INTO opportunity_courses (opportunity_id, course_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*c)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Creates an opportunity at the end of its stage.
pub async fn create_opportunity(db: &Db, actor: UserId, input: &OpportunityInput) -> Result<OpportunityView> {
    let mut tx = db.begin_write().await?;
    let v = validate(&mut tx, input).await?;
    let rank = rank::between(last_rank(&mut tx, v.stage_id).await?.as_deref(), None);
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO opportunities (organization_id, contact_id, title, value_cents, expected_close, stage_id, probability, \
         owner_id, source, lost_reason, rank, stage_entered_at, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $12) RETURNING id",
    )
    .bind(v.organization_id)
    .bind(v.contact_id)
    .bind(&v.title)
    .bind(v.value_cents)
    .bind(v.expected_close.clone())
    .bind(v.stage_id)
    .bind(v.probability)
    .bind(v.owner_id.or(Some(actor.0)))
    .bind(&v.source)
    .bind(&v.lost_reason)
    .bind(&rank)
    .bind(at)
    .bind(actor.0)
    .fetch_one(&mut *tx)
    .await?;
    write_courses(&mut tx, id, &v.course_ids).await?;
    record_change(
        &mut tx,
        Change { id, org: v.organization_id, title: &v.title, from: None, to: v.stage_id, actor, at },
    )
    .await?;
    audit::record(&mut tx, &audit::Entry::of("sales", "opportunities", id, "create", Some(actor)), None).await?;
    tx.commit().await?;
    get_opportunity(db, OpportunityId(id)).await
}

/// Saves an edit; a new stage puts the card at the end of that stage and is recorded.
pub async fn update_opportunity(
    db: &Db,
    actor: UserId,
    id: OpportunityId,
    input: &OpportunityInput,
) -> Result<OpportunityView> {
    let mut tx = db.begin_write().await?;
    let audit_before = audit::snapshot(&mut tx, "opportunities", id.0).await?;
    let v = validate(&mut tx, input).await?;
    let before: Option<(i64, String)> = sqlx::query_as("SELECT stage_id, rank FROM opportunities WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
    let (old_stage, old_rank) = before.ok_or(Error::NotFound)?;
    let at = now();
    let moved = old_stage != v.stage_id;
    let rank = if moved { rank::between(last_rank(&mut tx, v.stage_id).await?.as_deref(), None) } else { old_rank };
    sqlx::query(
        "UPDATE opportunities SET organization_id = $1, contact_id = $2, title = $3, value_cents = $4, expected_close = $5, \
         stage_id = $6, probability = $7, owner_id = $8, source = $9, lost_reason = $10, rank = $11, \
         stage_entered_at = CASE WHEN $12 = 1 THEN $13 ELSE stage_entered_at END, updated_at = $13 WHERE id = $14",
    )
    .bind(v.organization_id)
    .bind(v.contact_id)
    .bind(&v.title)
    .bind(v.value_cents)
    .bind(v.expected_close.clone())
    .bind(v.stage_id)
    .bind(v.probability)
    .bind(v.owner_id)
    .bind(&v.source)
    .bind(&v.lost_reason)
    .bind(&rank)
    .bind(i64::from(moved))
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    write_courses(&mut tx, id.0, &v.course_ids).await?;
    if moved {
        record_change(
            &mut tx,
            Change {
                id: id.0,
                org: v.organization_id,
                title: &v.title,
                from: Some(old_stage),
                to: v.stage_id,
                actor,
                at,
            },
        )
        .await?;
    }
    audit::record(&mut tx, &audit::Entry::of("sales", "opportunities", id.0, "update", Some(actor)), audit_before)
        .await?;
    tx.commit().await?;
    get_opportunity(db, id).await
}

/// Where a card is dropped: its stage and the cards it lands between (either may be absent: the
/// start or the end of the column).
#[derive(Debug, Clone, Copy)]
pub struct Drop {
    pub stage: StageId,
    pub after: Option<OpportunityId>,
    pub before: Option<OpportunityId>,
}

/// Moves a card. Moving to the lost stage needs a reason (unless it has one already).
pub async fn move_opportunity(
    db: &Db,
    actor: UserId,
    id: OpportunityId,
    to: Drop,
    lost_reason: Option<&str>,
) -> Result<OpportunityView> {
    let mut tx = db.begin_write().await?;
    let audit_before = audit::snapshot(&mut tx, "opportunities", id.0).await?;
    let current: Option<(i64, i64, String, String)> =
        sqlx::query_as("SELECT stage_id, organization_id, title, lost_reason FROM opportunities WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (from_stage, org, title, old_reason) = current.ok_or(Error::NotFound)?;
    let kind: Option<(String,)> =
        sqlx::query_as("SELECT kind FROM pipeline_stages WHERE id = $1 AND archived_at IS NULL")
            .bind(to.stage.0)
            .fetch_optional(&mut *tx)
            .await?;
    let kind =
        kind.and_then(|k| StageKind::parse(&k.0)).ok_or_else(|| Error::field("stage_id", FieldIssue::InvalidChoice))?;
    let reason = lost_reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).unwrap_or(old_reason);
    if kind == StageKind::Lost && reason.is_empty() {
        return Err(Error::field("lost_reason", FieldIssue::Required));
    }
    // Neighbours are read inside the write lock (SQLite: the single writer; PostgreSQL: the rows
    // are locked below), so the key lands between their current keys.
    if db.backend() == crate::Backend::Postgres {
        sqlx::query("SELECT id FROM opportunities WHERE stage_id = $1 FOR UPDATE")
            .bind(to.stage.0)
            .fetch_all(&mut *tx)
            .await?;
    }
    let after = neighbour(&mut tx, to.after, id, to.stage).await?;
    let before = neighbour(&mut tx, to.before, id, to.stage).await?;
    let mut key = key_between(&after, &before);
    if key.as_ref().is_none_or(|k| k.len() > rank::MAX_LEN) {
        // Equal or crowded keys: spread the column, then place the card again.
        rebalance(&mut tx, to.stage.0, id.0).await?;
        let after = neighbour(&mut tx, to.after, id, to.stage).await?;
        let before = neighbour(&mut tx, to.before, id, to.stage).await?;
        key = key_between(&after, &before);
    }
    let key = key.unwrap_or_else(|| rank::between(None, None));
    let at = now();
    let moved = from_stage != to.stage.0;
    sqlx::query(
        "UPDATE opportunities SET stage_id = $1, rank = $2, lost_reason = $3, \
         stage_entered_at = CASE WHEN $4 = 1 THEN $5 ELSE stage_entered_at END, updated_at = $5 WHERE id = $6",
    )
    .bind(to.stage.0)
    .bind(&key)
    .bind(&reason)
    .bind(i64::from(moved))
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if moved {
        record_change(
            &mut tx,
            Change { id: id.0, org, title: &title, from: Some(from_stage), to: to.stage.0, actor, at },
        )
        .await?;
    }
    audit::record(&mut tx, &audit::Entry::of("sales", "opportunities", id.0, "move", Some(actor)), audit_before)
        .await?;
    tx.commit().await?;
    get_opportunity(db, id).await
}

/// A key between two neighbours; `None` when their keys leave no room (equal or out of order).
fn key_between(after: &Option<(String, i64)>, before: &Option<(String, i64)>) -> Option<String> {
    match (after, before) {
        (Some(a), Some(b)) if a.0 >= b.0 => None,
        _ => Some(rank::between(after.as_ref().map(|a| a.0.as_str()), before.as_ref().map(|b| b.0.as_str()))),
    }
}

/// The key and id of a neighbour of a drop, if it is (still) in the target stage.
async fn neighbour(
    tx: &mut Tx,
    n: Option<OpportunityId>,
    moving: OpportunityId,
    stage: StageId,
) -> Result<Option<(String, i64)>> {
    match n {
        None => Ok(None),
        Some(n) if n == moving => Err(Error::field("position", FieldIssue::InvalidChoice)),
        Some(n) => {
            let row: Option<(String, i64)> = sqlx::query_as("SELECT rank, stage_id FROM opportunities WHERE id = $1")
                .bind(n.0)
                .fetch_optional(&mut **tx)
                .await?;
            Ok(row.filter(|r| r.1 == stage.0).map(|r| (r.0, n.0)))
        }
    }
}

/// Gives every card of a stage (but `moving`) a fresh, evenly spaced key in its current order.
async fn rebalance(tx: &mut Tx, stage: i64, moving: i64) -> Result<()> {
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM opportunities WHERE stage_id = $1 AND id <> $2 ORDER BY rank, id")
            .bind(stage)
            .bind(moving)
            .fetch_all(&mut **tx)
            .await?;
    for ((id,), key) in ids.iter().zip(rank::spread(ids.len())) {
        sqlx::query("UPDATE opportunities SET rank = $1 WHERE id = $2").bind(key).bind(*id).execute(&mut **tx).await?;
    }
    tracing::info!(stage, cards = ids.len(), "pipeline column rebalanced");
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: i64,
    title: String,
    organization_id: i64,
    organization_name: String,
    contact_id: Option<i64>,
    contact_first: Option<String>,
    contact_last: Option<String>,
    value_cents: i64,
    expected_close: Option<String>,
    stage_id: i64,
    probability: Option<i64>,
    stage_probability: i64,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    source: String,
    lost_reason: String,
    rank: String,
    stage_entered_at: i64,
    created_at: i64,
}

const SELECT: &str = "SELECT o.id, o.title, o.organization_id, org.legal_name AS organization_name, o.contact_id, \
     p.first_name AS contact_first, p.last_name AS contact_last, o.value_cents, o.expected_close, o.stage_id, o.probability, \
     s.probability AS stage_probability, o.owner_id, u.name AS owner_name, o.source, o.lost_reason, o.rank, \
     o.stage_entered_at, o.created_at FROM opportunities o JOIN organizations org ON org.id = o.organization_id \
     JOIN pipeline_stages s ON s.id = o.stage_id LEFT JOIN people p ON p.id = o.contact_id \
     LEFT JOIN users u ON u.id = o.owner_id";

fn view(r: Row, course_ids: Vec<CourseId>) -> OpportunityView {
    OpportunityView {
        id: OpportunityId(r.id),
        title: r.title,
        organization_id: OrganizationId(r.organization_id),
        organization_name: r.organization_name,
        contact_id: r.contact_id.map(PersonId),
        contact_name: r.contact_first.map(|f| format!("{f} {}", r.contact_last.unwrap_or_default()).trim().to_string()),
        value_cents: r.value_cents,
        expected_close: r.expected_close.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        stage_id: StageId(r.stage_id),
        probability: r.probability.unwrap_or(r.stage_probability),
        probability_override: r.probability,
        owner_id: r.owner_id.map(UserId),
        owner_name: r.owner_name,
        source: r.source,
        lost_reason: r.lost_reason,
        course_ids,
        rank: r.rank,
        stage_entered_at: to_utc(r.stage_entered_at),
        created_at: to_utc(r.created_at),
    }
}

/// One opportunity with its courses.
pub async fn get_opportunity(db: &Db, id: OpportunityId) -> Result<OpportunityView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE o.id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    let row = row.ok_or(Error::NotFound)?;
    Ok(view(row, course_ids_of(db, id).await?))
}

async fn course_ids_of(db: &Db, id: OpportunityId) -> Result<Vec<CourseId>> {
    let courses: Vec<(i64,)> =
        sqlx::query_as("SELECT course_id FROM opportunity_courses WHERE opportunity_id = $1 ORDER BY course_id")
            .bind(id.0)
            .fetch_all(db.pool())
            .await?;
    Ok(courses.into_iter().map(|c| CourseId(c.0)).collect())
}

/// One opportunity if `reach` takes it in (the user owns it); otherwise not found, like one that
/// does not exist.
pub async fn opportunity_in_reach(db: &Db, id: OpportunityId, reach: Reach) -> Result<OpportunityView> {
    let o = get_opportunity(db, id).await?;
    if reach.allows(o.owner_id) {
        Ok(o)
    } else {
        Err(Error::NotFound)
    }
}

/// Refuses a save that would give an opportunity to someone else, for a user limited to their
/// own: the owner must be themselves (empty on a new one, which then is theirs).
pub fn check_owner(reach: Reach, input: &OpportunityInput, creating: bool) -> Result<()> {
    let Reach::Own(me) = reach else { return Ok(()) };
    match parse_optional_id(&input.owner_id) {
        Ok(Some(o)) if o == me.0 => Ok(()),
        Ok(None) if creating => Ok(()),
        _ => Err(Error::field("owner_id", FieldIssue::OwnOnly)),
    }
}

/// Which cards the board shows.
#[derive(Debug, Clone, Default)]
pub struct BoardFilter {
    pub owner: Option<UserId>,
    pub source: Option<String>,
    /// Whose cards the user reaches at all: a user limited to their own sees theirs whatever
    /// the owner filter says.
    pub reach: Reach,
}

/// The board filter as SQL on `$a` (owner, 0 for any) and `$b` (source, empty for any).
fn filter_sql(a: usize, b: usize) -> String {
    format!(" AND (${a} = 0 OR o.owner_id = ${a}) AND (${b} = '' OR o.source = ${b})")
}

impl BoardFilter {
    fn owner_bind(&self) -> i64 {
        match self.reach {
            Reach::Own(u) => u.0,
            Reach::All => self.owner.map(|o| o.0).unwrap_or(0),
        }
    }

    fn source_bind(&self) -> String {
        self.source.clone().unwrap_or_default()
    }
}

/// A page of a column's cards in board order, after the card `after` (`rank`, `id`) if given.
pub async fn column_cards(
    db: &Db,
    stage: StageId,
    f: &BoardFilter,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<OpportunityView>> {
    let sql = format!(
        "{SELECT} WHERE o.stage_id = $1 AND (o.rank > $2 OR (o.rank = $2 AND o.id > $3)){} ORDER BY o.rank, o.id LIMIT {}",
        filter_sql(4, 5),
        limit.clamp(1, 500)
    );
    let rows = sqlx::query_as::<_, Row>(&sql)
        .bind(stage.0)
        .bind(after.map(|a| a.0).unwrap_or("").to_string())
        .bind(after.map(|a| a.1).unwrap_or(0))
        .bind(f.owner_bind())
        .bind(f.source_bind())
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(|r| view(r, Vec::new())).collect())
}

/// The board: every live stage with its first cards and its figures over all its cards.
pub async fn board(db: &Db, f: &BoardFilter) -> Result<Board> {
    let stages = list_stages(db, false).await?;
    let sql = format!(
        "SELECT o.stage_id, COUNT(*), CAST(COALESCE(SUM(o.value_cents), 0) AS BIGINT), \
         CAST(COALESCE(SUM(o.value_cents * COALESCE(o.probability, s.probability)), 0) AS BIGINT) FROM opportunities o \
         JOIN pipeline_stages s ON s.id = o.stage_id WHERE 1 = 1{} GROUP BY o.stage_id",
        filter_sql(1, 2)
    );
    let figures: Vec<(i64, i64, i64, i64)> =
        sqlx::query_as(&sql).bind(f.owner_bind()).bind(f.source_bind()).fetch_all(db.pool()).await?;
    let mut columns = Vec::with_capacity(stages.len());
    for stage in stages {
        let (count, total, weighted) =
            figures.iter().find(|r| r.0 == stage.id.0).map(|r| (r.1, r.2, r.3)).unwrap_or((0, 0, 0));
        let cards = column_cards(db, stage.id, f, None, COLUMN_PAGE).await?;
        // Σ value × percent / 100, rounded half up once, on the total.
        columns.push(BoardColumn { stage, cards, count, total_cents: total, weighted_cents: (weighted + 50) / 100 });
    }
    Ok(Board { columns, now: to_utc(now()) })
}

/// The stage changes of an opportunity, oldest first.
pub async fn stage_history(db: &Db, id: OpportunityId) -> Result<Vec<StageChangeView>> {
    let rows: Vec<(Option<String>, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT f.name, t.name, u.name, c.at FROM opportunity_stage_changes c LEFT JOIN pipeline_stages f ON f.id = c.from_stage_id \
         JOIN pipeline_stages t ON t.id = c.to_stage_id LEFT JOIN users u ON u.id = c.actor_id \
         WHERE c.opportunity_id = $1 ORDER BY c.at, c.id",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(from_stage, to_stage, actor_name, at)| StageChangeView {
            from_stage,
            to_stage,
            actor_name,
            at: to_utc(at),
        })
        .collect())
}

/// The opportunities of an organization within `reach`, newest first (at most 50).
pub async fn of_organization(db: &Db, id: OrganizationId, reach: Reach) -> Result<Vec<OpportunityView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE o.organization_id = $1 AND ($2 = 0 OR o.owner_id = $2) ORDER BY o.id DESC LIMIT 50"
    ))
    .bind(id.0)
    .bind(reach.bind())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id = OpportunityId(r.id);
        out.push(view(r, course_ids_of(db, id).await?));
    }
    Ok(out)
}
