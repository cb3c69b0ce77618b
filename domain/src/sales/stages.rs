//! Pipeline stages: managers add, rename, reorder and archive them. There is always exactly one
//! live won stage and one live lost stage, and they stay at the end.

use types::{FieldIssue, StageId, StageKind, StageView};

use crate::audit;
use crate::clock::now;
use crate::crm::fields::required_text;
use crate::error::{is_unique_violation, Problems};
use crate::training::parse_count;
use crate::{Db, Error, Result};

/// What the stage form sends.
#[derive(Debug, Clone, Default)]
pub struct StageInput {
    pub name: String,
    pub probability: String,
    pub rotting_days: String,
}

type Row = (i64, String, String, i64, i64, i64, Option<i64>);

fn view((id, name, kind, position, probability, rotting_days, archived_at): Row) -> StageView {
    StageView {
        id: StageId(id),
        name,
        kind: StageKind::parse(&kind).unwrap_or(StageKind::Open),
        position,
        probability,
        rotting_days,
        archived: archived_at.is_some(),
    }
}

const COLUMNS: &str = "id, name, kind, position, probability, rotting_days, archived_at";

/// The live stages in board order (archived ones too when asked, after them).
pub async fn list_stages(db: &Db, include_archived: bool) -> Result<Vec<StageView>> {
    let filter = if include_archived { "" } else { "WHERE archived_at IS NULL" };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM pipeline_stages {filter} ORDER BY archived_at IS NOT NULL, position, id"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// One stage.
pub async fn get_stage(db: &Db, id: StageId) -> Result<StageView> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM pipeline_stages WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    row.map(view).ok_or(Error::NotFound)
}

fn parse(input: &StageInput) -> Result<(String, i64, i64)> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(&input.name, 60));
    let probability = p.check("probability", parse_count(&input.probability, 0));
    if probability.is_some_and(|v| v > 100) {
        p.add("probability", FieldIssue::OutOfRange { min: 0, max: 100 });
    }
    let rotting = if input.rotting_days.trim().is_empty() {
        Some(0)
    } else {
        p.check("rotting_days", parse_count(&input.rotting_days, 0))
    };
    p.finish()?;
    match (name, probability, rotting) {
        (Some(n), Some(pr), Some(r)) => Ok((n, pr, r)),
        _ => Err(Error::Internal("stage validation let a field through".into())),
    }
}

fn name_taken(e: sqlx::Error) -> Error {
    if is_unique_violation(&e) {
        Error::field("name", FieldIssue::NameTaken)
    } else {
        e.into()
    }
}

/// Adds an open stage just before the won and lost stages.
pub async fn create_stage(db: &Db, input: &StageInput) -> Result<StageView> {
    let (name, probability, rotting) = parse(input)?;
    let mut tx = db.begin_write().await?;
    let (last_open,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(position), 0) FROM pipeline_stages WHERE kind = 'open' AND archived_at IS NULL",
    )
    .fetch_one(&mut *tx)
    .await?;
    let at = now();
    sqlx::query("UPDATE pipeline_stages SET position = position + 1, updated_at = $1 WHERE position > $2 AND archived_at IS NULL")
        .bind(at)
        .bind(last_open)
        .execute(&mut *tx)
        .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO pipeline_stages (name, kind, position, probability, rotting_days, created_at, updated_at) \
         VALUES ($1, 'open', $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&name)
    .bind(last_open + 1)
    .bind(probability)
    .bind(rotting)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(name_taken)?;
    audit::record(&mut tx, &audit::Entry::of("sales", "pipeline_stages", id, "create", None), None).await?;
    tx.commit().await?;
    get_stage(db, StageId(id)).await
}

/// Renames a stage and changes its default probability and rotting threshold.
pub async fn update_stage(db: &Db, id: StageId, input: &StageInput) -> Result<StageView> {
    let (name, probability, rotting) = parse(input)?;
    let mut tx = db.begin_write().await?;
    let before = audit::snapshot(&mut tx, "pipeline_stages", id.0).await?;
    let done = sqlx::query(
        "UPDATE pipeline_stages SET name = $1, probability = $2, rotting_days = $3, updated_at = $4 \
         WHERE id = $5 AND archived_at IS NULL",
    )
    .bind(&name)
    .bind(probability)
    .bind(rotting)
    .bind(now())
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(name_taken)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(&mut tx, &audit::Entry::of("sales", "pipeline_stages", id.0, "update", None), before).await?;
    tx.commit().await?;
    get_stage(db, id).await
}

/// Puts the live stages in the order of `ids` (all of them, the won and lost stages last).
pub async fn reorder_stages(db: &Db, ids: &[StageId]) -> Result<Vec<StageView>> {
    let live = list_stages(db, false).await?;
    let mut given: Vec<i64> = ids.iter().map(|i| i.0).collect();
    given.sort_unstable();
    given.dedup();
    let mut all: Vec<i64> = live.iter().map(|s| s.id.0).collect();
    all.sort_unstable();
    if given != all || ids.len() != live.len() {
        return Err(Error::field("order", FieldIssue::InvalidChoice));
    }
    let kind_of = |id: StageId| live.iter().find(|s| s.id == id).map(|s| s.kind).unwrap_or(StageKind::Open);
    let first_terminal = ids.iter().position(|i| kind_of(*i) != StageKind::Open).unwrap_or(ids.len());
    if ids[first_terminal..].iter().any(|i| kind_of(*i) == StageKind::Open) {
        return Err(Error::field("order", FieldIssue::WrongState));
    }
    let mut tx = db.begin_write().await?;
    let at = now();
    for (n, id) in ids.iter().enumerate() {
        let before = audit::snapshot(&mut tx, "pipeline_stages", id.0).await?;
        sqlx::query("UPDATE pipeline_stages SET position = $1, updated_at = $2 WHERE id = $3")
            .bind(n as i64 + 1)
            .bind(at)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        // Only the stages that changed place are recorded.
        audit::record(&mut tx, &audit::Entry::of("sales", "pipeline_stages", id.0, "update", None), before).await?;
    }
    tx.commit().await?;
    list_stages(db, false).await
}

/// Archives an open stage that holds no opportunities (move them first); the won and lost
/// stages stay.
pub async fn archive_stage(db: &Db, id: StageId) -> Result<()> {
    let stage = get_stage(db, id).await?;
    if stage.kind != StageKind::Open || stage.archived {
        return Err(Error::field("stage", FieldIssue::WrongState));
    }
    let mut tx = db.begin_write().await?;
    let (cards,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM opportunities WHERE stage_id = $1").bind(id.0).fetch_one(&mut *tx).await?;
    if cards > 0 {
        return Err(Error::field("stage", FieldIssue::WrongState));
    }
    let before = audit::snapshot(&mut tx, "pipeline_stages", id.0).await?;
    sqlx::query("UPDATE pipeline_stages SET archived_at = $1, updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, &audit::Entry::of("sales", "pipeline_stages", id.0, "archive", None), before).await?;
    tx.commit().await?;
    Ok(())
}
