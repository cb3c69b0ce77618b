//! Per-user API tokens for the REST API: created and revoked by their owner, shown once, stored
//! as a SHA-256 only. A token acts with its user's current role, and stops working when the user
//! is deactivated or the token revoked.

use rand::RngCore;
use sha2::{Digest, Sha256};
use types::{ApiTokenView, UserId};

use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::required_text;
use crate::users::{User, UserRow, USER_COLUMNS};
use crate::{Db, Error, Result};

/// Every token starts with this, so leaked ones are easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "aula_";

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new token: its view and the secret, which is shown to the user this once.
pub struct NewToken {
    pub token: ApiTokenView,
    pub secret: String,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken").field("token", &self.token).finish_non_exhaustive()
    }
}

/// Creates a token named `name` for `user`.
pub async fn create_token(db: &Db, user: UserId, name: &str) -> Result<NewToken> {
    let name = required_text(name, 60).map_err(|i| Error::field("name", i))?;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = format!("{TOKEN_PREFIX}{}", hex::encode(bytes));
    let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
    let at = now();
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user.0)
    .bind(&name)
    .bind(hash(&secret))
    .bind(&prefix)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(&mut tx, &audit::Entry::of("admin", "api_tokens", id, "create", Some(user)), None).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.0, token_id = id, "API token created");
    Ok(NewToken { token: ApiTokenView { id, name, prefix, created_at: to_utc(at), last_used_at: None }, secret })
}

/// A user's live tokens, newest first.
pub async fn list_tokens(db: &Db, user: UserId) -> Result<Vec<ApiTokenView>> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, name, prefix, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL \
         ORDER BY id DESC",
    )
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, prefix, created_at, last_used_at)| ApiTokenView {
            id,
            name,
            prefix,
            created_at: to_utc(created_at),
            last_used_at: last_used_at.map(to_utc),
        })
        .collect())
}

/// Revokes one of the user's tokens.
pub async fn revoke_token(db: &Db, user: UserId, id: i64) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let before = audit::snapshot(&mut tx, "api_tokens", id).await?;
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(now())
            .bind(id)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(&mut tx, &audit::Entry::of("admin", "api_tokens", id, "revoke", Some(user)), before).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.0, token_id = id, "API token revoked");
    Ok(())
}

/// The active user behind a live token, if any; notes when it was last used (once a minute).
pub async fn authenticate(db: &Db, secret: &str) -> Result<Option<User>> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    let found: Option<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(hash(secret))
            .fetch_optional(db.pool())
            .await?;
    let Some((token_id, user_id, last_used)) = found else { return Ok(None) };
    let user: Option<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND active = 1"))
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    let at = now();
    if user.is_some() && last_used.is_none_or(|t| at - t >= 60) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(at)
            .bind(token_id)
            .execute(db.pool())
            .await?;
    }
    let user = user.map(User::from);
    if let Some(u) = &user {
        crate::audit::set_caller(u.id, Some(token_id));
    }
    Ok(user)
}
