//! Saved views: a user's named sets of client-hub filters.

use types::{FieldIssue, OrganizationQuery, SavedView, UserId};

use super::fields::required_text;
use crate::clock::now;
use crate::error::is_unique_violation;
use crate::{Db, Error, Result};

/// A user's saved views, by name.
pub async fn list_views(db: &Db, user: UserId) -> Result<Vec<SavedView>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, query FROM saved_views WHERE user_id = $1 ORDER BY name, id")
            .bind(user.0)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(id, name, query)| SavedView { id, name, query }).collect())
}

/// Saves `query` (without its page) under `name`; a name already used by this user is refused.
pub async fn save_view(db: &Db, user: UserId, name: &str, query: &OrganizationQuery) -> Result<SavedView> {
    let name = required_text(name, 60).map_err(|i| Error::field("name", i))?;
    let query = crate::text::clean(&query.with_page(1).to_query_string());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO saved_views (user_id, name, query, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user.0)
    .bind(&name)
    .bind(&query)
    .bind(now())
    .fetch_one(db.pool())
    .await
    .map_err(|e| if is_unique_violation(&e) { Error::field("name", FieldIssue::NameTaken) } else { e.into() })?;
    Ok(SavedView { id, name, query })
}

/// Deletes one of the user's saved views.
pub async fn delete_view(db: &Db, user: UserId, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user.0)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
