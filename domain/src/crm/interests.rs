//! Interests: the segmentation categories (Resina, Encuadernación, PRL…) attached to
//! organizations and people, and later to courses and workshops.

use std::collections::HashMap;

use sqlx::{Any, Executor, Transaction};
use types::{InterestId, InterestView};

use crate::audit;
use crate::clock::now;
use crate::text::fold;
use crate::{Db, Result};

/// Every interest, by name.
pub async fn list_interests(db: &Db) -> Result<Vec<InterestView>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM interests ORDER BY name_folded, id").fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|(id, name)| InterestView { id: InterestId(id), name }).collect())
}

/// The id of the interest called `name` (ignoring case and accents), created if missing.
pub(crate) async fn ensure_interest(tx: &mut Transaction<'static, Any>, name: &str) -> Result<i64> {
    let folded = fold(name);
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM interests WHERE name_folded = $1")
        .bind(&folded)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((id,)) = found {
        return Ok(id);
    }
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO interests (name, name_folded, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(name)
            .bind(&folded)
            .bind(now())
            .fetch_one(&mut **tx)
            .await?;
    Ok(id)
}

/// Creates an interest (or finds the one with that name).
pub async fn create_interest(db: &Db, name: &str) -> Result<InterestView> {
    let name = crate::crm::fields::required_text(name, 60).map_err(|i| crate::Error::field("name", i))?;
    let mut tx = db.begin_write().await?;
    let id = ensure_interest(&mut tx, &name).await?;
    tx.commit().await?;
    let (name,): (String,) =
        sqlx::query_as("SELECT name FROM interests WHERE id = $1").bind(id).fetch_one(db.pool()).await?;
    Ok(InterestView { id: InterestId(id), name })
}

/// Replaces an organization's interests with `names`.
pub(crate) async fn set_organization_interests(
    tx: &mut Transaction<'static, Any>,
    organization_id: i64,
    names: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM organization_interests WHERE organization_id = $1")
        .bind(organization_id)
        .execute(&mut **tx)
        .await?;
    for name in names {
        let id = ensure_interest(tx, name).await?;
        sqlx::query("INSERT INTO organization_interests (organization_id, interest_id) VALUES ($1, $2)")
            .bind(organization_id)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces a person's interests with `names`.
pub(crate) async fn set_person_interests(
    tx: &mut Transaction<'static, Any>,
    person_id: i64,
    names: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM person_interests WHERE person_id = $1").bind(person_id).execute(&mut **tx).await?;
    for name in names {
        let id = ensure_interest(tx, name).await?;
        sqlx::query("INSERT INTO person_interests (person_id, interest_id) VALUES ($1, $2)")
            .bind(person_id)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A row of `organizations` or `people` for the audit log, with its interests' names
/// (`interests`: "PRL, Resina"), so a change of interests is recorded with the other fields.
pub(crate) async fn audit_snapshot(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    id: i64,
) -> Result<Option<serde_json::Value>> {
    let Some(mut row) = audit::snapshot(tx, table, id).await? else { return Ok(None) };
    let names = match table {
        "organizations" => of_organization(&mut **tx, id).await?,
        _ => of_person(&mut **tx, id).await?,
    };
    let names = names.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ");
    if let serde_json::Value::Object(fields) = &mut row {
        fields.insert("interests".into(), serde_json::Value::from(names));
    }
    Ok(Some(row))
}

/// An organization's interests.
pub(crate) async fn of_organization<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    id: i64,
) -> Result<Vec<InterestView>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT i.id, i.name FROM organization_interests oi JOIN interests i ON i.id = oi.interest_id \
         WHERE oi.organization_id = $1 ORDER BY i.name_folded",
    )
    .bind(id)
    .fetch_all(exec)
    .await?;
    Ok(rows.into_iter().map(|(id, name)| InterestView { id: InterestId(id), name }).collect())
}

/// A person's interests.
pub(crate) async fn of_person<'e, E: Executor<'e, Database = Any>>(exec: E, id: i64) -> Result<Vec<InterestView>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT i.id, i.name FROM person_interests pi JOIN interests i ON i.id = pi.interest_id \
         WHERE pi.person_id = $1 ORDER BY i.name_folded",
    )
    .bind(id)
    .fetch_all(exec)
    .await?;
    Ok(rows.into_iter().map(|(id, name)| InterestView { id: InterestId(id), name }).collect())
}

/// The interests of many organizations at once (one query), by organization id.
pub(crate) async fn of_organizations<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<InterestView>>> {
    let mut map: HashMap<i64, Vec<InterestView>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    // The ids are integers from the database, so listing them inline is safe.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT oi.organization_id, i.id, i.name FROM organization_interests oi \
         JOIN interests i ON i.id = oi.interest_id WHERE oi.organization_id IN ({list}) ORDER BY i.name_folded"
    ))
    .fetch_all(exec)
    .await?;
    for (org, id, name) in rows {
        map.entry(org).or_default().push(InterestView { id: InterestId(id), name });
    }
    Ok(map)
}
