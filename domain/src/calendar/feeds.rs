//! ICS subscription feeds: a secret URL per user, trainer, room or organization. Only the
//! token's hash is stored; a revoked token stops working at once.

use rand::RngCore;
use sha2::{Digest, Sha256};
use types::{Action, CalendarFeedView, FeedScope, FieldIssue, Module, NewCalendarFeed, Perms, UserId};

use crate::clock::{now, to_utc};
use crate::{Db, Error, Result};

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The URL path of a feed with `token`.
pub fn feed_path(token: &str) -> String {
    format!("/ics/{token}.ics")
}

async fn label(db: &Db, scope: FeedScope, id: i64) -> Result<Option<String>> {
    let sql = match scope {
        FeedScope::User | FeedScope::Trainer => "SELECT name FROM users WHERE id = $1",
        FeedScope::Room => "SELECT name FROM rooms WHERE id = $1",
        FeedScope::Organization => "SELECT legal_name FROM organizations WHERE id = $1",
    };
    let row: Option<(String,)> = sqlx::query_as(sql).bind(id).fetch_optional(db.pool()).await?;
    Ok(row.map(|r| r.0))
}

/// Creates a feed. Anyone signed in may subscribe to their own calendar; who may read the CRM
/// (`crm.view`), unless limited to their own sessions, also to a trainer's, a room's or an
/// organization's.
pub async fn create_feed(
    db: &Db,
    actor: UserId,
    perms: Perms,
    scope: FeedScope,
    scope_id: i64,
) -> Result<NewCalendarFeed> {
    // A role limited to its own sessions in the calendar subscribes to nothing wider.
    let allowed = match scope {
        FeedScope::User => scope_id == actor.0,
        _ => perms.can(Module::Crm, Action::View) && !perms.own_only(Module::Calendar),
    };
    if !allowed {
        return Err(Error::Forbidden);
    }
    let Some(name) = label(db, scope, scope_id).await? else {
        return Err(Error::field("scope_id", FieldIssue::InvalidChoice));
    };
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let at = now();
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO calendar_feeds (token_hash, scope, scope_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(hash(&token))
    .bind(scope.as_str())
    .bind(scope_id)
    .bind(actor.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    crate::audit::record(
        &mut tx,
        &crate::audit::Entry::of("calendar", "calendar_feeds", id, "create", Some(actor)),
        None,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(feed_id = id, by = actor.0, scope = scope.as_str(), "calendar feed created");
    Ok(NewCalendarFeed {
        feed: CalendarFeedView {
            id,
            scope,
            scope_id,
            label: name,
            created_at: to_utc(at),
            last_used_at: None,
            revoked: false,
        },
        path: feed_path(&token),
    })
}

/// The feeds `user` created, newest first (revoked ones included, marked).
pub async fn list_feeds(db: &Db, user: UserId) -> Result<Vec<CalendarFeedView>> {
    type Row = (i64, String, i64, i64, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, scope, scope_id, created_at, last_used_at, revoked_at FROM calendar_feeds WHERE created_by = $1 \
         ORDER BY id DESC LIMIT 100",
    )
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, scope, scope_id, created_at, last_used_at, revoked_at) in rows {
        let Some(scope) = FeedScope::parse(&scope) else { continue };
        out.push(CalendarFeedView {
            id,
            scope,
            scope_id,
            label: label(db, scope, scope_id).await?.unwrap_or_default(),
            created_at: to_utc(created_at),
            last_used_at: last_used_at.map(to_utc),
            revoked: revoked_at.is_some(),
        });
    }
    Ok(out)
}

/// Revokes one of `user`'s feeds (who manages users, `admin.configure`, may revoke anyone's).
pub async fn revoke_feed(db: &Db, user: UserId, perms: Perms, id: i64) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let before = crate::audit::snapshot(&mut tx, "calendar_feeds", id).await?;
    let done = sqlx::query(
        "UPDATE calendar_feeds SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND (created_by = $3 OR $4 = 1)",
    )
    .bind(now())
    .bind(id)
    .bind(user.0)
    .bind(i64::from(perms.can(Module::Admin, Action::Configure)))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    crate::audit::record(
        &mut tx,
        &crate::audit::Entry::of("calendar", "calendar_feeds", id, "revoke", Some(user)),
        before,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The scope of a live feed with `token`, noting its use; `None` for an unknown or revoked one.
pub async fn feed_for_token(db: &Db, token: &str) -> Result<Option<(FeedScope, i64, String)>> {
    if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    // A feed lives while its creator is active and still allowed what it shows.
    let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT f.id, f.scope, f.scope_id, f.created_by FROM calendar_feeds f JOIN users u ON u.id = f.created_by \
         WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.active = 1",
    )
    .bind(hash(token))
    .fetch_optional(db.pool())
    .await?;
    let Some((id, scope, scope_id, created_by)) = row else { return Ok(None) };
    let perms = crate::users::find_user(db, UserId(created_by)).await?.perms;
    let Some(scope) = FeedScope::parse(&scope) else { return Ok(None) };
    if scope != FeedScope::User && !perms.can(Module::Crm, Action::View) {
        return Ok(None);
    }
    sqlx::query("UPDATE calendar_feeds SET last_used_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(label(db, scope, scope_id).await?.map(|name| (scope, scope_id, name)))
}
