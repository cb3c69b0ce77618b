//! Rooms (aulas) that sessions are held in; a room cannot hold two sessions at once.

use types::{FieldIssue, RoomId, RoomView};

use super::parse_count;
use crate::audit;
use crate::clock::now;
use crate::crm::fields::required_text;
use crate::error::{is_unique_violation, Problems};
use crate::text::fold;
use crate::{Db, Error, Result};

/// Every room, active first, by name.
pub async fn list_rooms(db: &Db) -> Result<Vec<RoomView>> {
    let rows: Vec<(i64, String, i64, i64)> =
        sqlx::query_as("SELECT id, name, capacity, active FROM rooms ORDER BY active DESC, name_folded, id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, capacity, active)| RoomView { id: RoomId(id), name, capacity, active: active != 0 })
        .collect())
}

/// Creates a room (`id` `None`) or renames / resizes / (de)activates one. Names are unique,
/// ignoring case and accents. Audited, for the request's caller.
pub async fn save_room(db: &Db, id: Option<RoomId>, name: &str, capacity: &str, active: bool) -> Result<RoomView> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(name, 100));
    let capacity = if capacity.trim().is_empty() { Some(0) } else { p.check("capacity", parse_count(capacity, 0)) };
    p.finish()?;
    let (Some(name), Some(capacity)) = (name, capacity) else {
        return Err(Error::Internal("room validation let a field through".into()));
    };
    let taken = |e: sqlx::Error| {
        if is_unique_violation(&e) {
            Error::field("name", FieldIssue::NameTaken)
        } else {
            e.into()
        }
    };
    let mut tx = db.begin_write().await?;
    let before = match id {
        Some(id) => audit::snapshot(&mut tx, "rooms", id.0).await?,
        None => None,
    };
    let id = match id {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO rooms (name, name_folded, capacity, active, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(&name)
            .bind(fold(&name))
            .bind(capacity)
            .bind(i64::from(active))
            .bind(now())
            .fetch_one(&mut *tx)
            .await
            .map_err(taken)?;
            id
        }
        Some(id) => {
            let done =
                sqlx::query("UPDATE rooms SET name = $1, name_folded = $2, capacity = $3, active = $4 WHERE id = $5")
                    .bind(&name)
                    .bind(fold(&name))
                    .bind(capacity)
                    .bind(i64::from(active))
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(taken)?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound);
            }
            id.0
        }
    };
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(&mut tx, &audit::Entry::of("training", "rooms", id, action, None), before).await?;
    tx.commit().await?;
    Ok(RoomView { id: RoomId(id), name, capacity, active })
}
