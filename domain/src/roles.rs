//! Roles: named sets of permissions. The four built-in roles start as presets
//! (`Perms::preset`) the centre may edit; admins add custom roles (say "Formador/a") and tick
//! their permissions. The administrators' role always has every permission, so the installation
//! can never be locked out of its own settings. Every change is audited.

use sqlx::{Any, FromRow, Transaction};
use types::{FieldIssue, Perms, Role, RoleView, UserId};

use crate::audit;
use crate::clock::now;
use crate::{Db, Error, Result};

/// The key of the administrators' role.
pub const ADMIN: &str = "admin";

const NAME_MAX: u32 = 60;

#[derive(FromRow)]
struct RoleRow {
    id: i64,
    key: String,
    name: String,
    permissions: String,
    builtin: i64,
    users: i64,
}

impl From<RoleRow> for RoleView {
    fn from(r: RoleRow) -> Self {
        RoleView {
            key: r.key,
            name: r.name,
            builtin: r.builtin != 0,
            perms: Perms::from_text(&r.permissions),
            users: r.users,
        }
    }
}

const ROLE_COLUMNS: &str = "r.id, r.key, r.name, r.permissions, r.builtin, \
     (SELECT COUNT(*) FROM users u WHERE u.role = r.key) AS users";

/// A role key from a form: what `users.role` may hold (lowercase letters, digits and dashes).
pub fn parse_role_key(raw: &str) -> std::result::Result<String, FieldIssue> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(FieldIssue::Required);
    }
    if key.len() > 64 || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(FieldIssue::InvalidChoice);
    }
    Ok(key.to_string())
}

/// True when a role with `key` exists: for a form's validation, and again inside the write
/// transaction that saves the user, so a role deleted meanwhile cannot be assigned.
pub(crate) async fn role_exists<'e, E: sqlx::Executor<'e, Database = Any>>(e: E, key: &str) -> Result<bool> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM roles WHERE key = $1").bind(key).fetch_optional(e).await?;
    Ok(found.is_some())
}

/// One role by key.
pub async fn find_role(db: &Db, key: &str) -> Result<RoleView> {
    let row: Option<RoleRow> = sqlx::query_as(&format!("SELECT {ROLE_COLUMNS} FROM roles r WHERE r.key = $1"))
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
    row.map(RoleView::from).ok_or(Error::NotFound)
}

/// Every role: the built-in ones in their order (admin, manager, staff, reception), then the
/// custom ones by name.
pub async fn list_roles(db: &Db) -> Result<Vec<RoleView>> {
    let rows: Vec<RoleRow> =
        sqlx::query_as(&format!("SELECT {ROLE_COLUMNS} FROM roles r")).fetch_all(db.pool()).await?;
    let mut roles: Vec<RoleView> = rows.into_iter().map(RoleView::from).collect();
    roles.sort_by_cached_key(|r| {
        let order =
            Role::parse(&r.key).map(|b| Role::ALL.iter().position(|x| *x == b).unwrap_or(0)).unwrap_or(Role::ALL.len());
        (order, crate::text::fold(&r.name), r.key.clone())
    });
    Ok(roles)
}

async fn find_row(tx: &mut Transaction<'static, Any>, key: &str) -> Result<RoleRow> {
    let row: Option<RoleRow> = sqlx::query_as(&format!("SELECT {ROLE_COLUMNS} FROM roles r WHERE r.key = $1"))
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    row.ok_or(Error::NotFound)
}

fn parse_name(raw: &str) -> std::result::Result<String, FieldIssue> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(FieldIssue::Required)
    } else if name.chars().count() > NAME_MAX as usize {
        Err(FieldIssue::TooLong { max: NAME_MAX })
    } else {
        Ok(name)
    }
}

/// The key made from a role's name: "Formador/a" → `formador-a`.
fn key_of(name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut key = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    let key = key.trim_end_matches('-').chars().take(48).collect::<String>();
    if key.is_empty() {
        "rol".to_string()
    } else {
        key
    }
}

/// Creates a custom role with `perms`. Its name must be new (also against the built-in roles'
/// keys, so "Staff" cannot shadow one).
pub async fn create_role(db: &Db, actor: UserId, name: &str, perms: Perms) -> Result<RoleView> {
    let name = parse_name(name).map_err(|i| Error::field("name", i))?;
    let key = key_of(&name);
    let mut tx = db.begin_write().await?;
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM roles WHERE key = $1 OR LOWER(name) = LOWER($2)")
        .bind(&key)
        .bind(&name)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() || Role::parse(&key).is_some() {
        return Err(Error::field("name", FieldIssue::NameTaken));
    }
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO roles (key, name, permissions, builtin, created_at, updated_at) \
         VALUES ($1, $2, $3, 0, $4, $4) RETURNING id",
    )
    .bind(&key)
    .bind(&name)
    .bind(perms.to_text())
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(&mut tx, &audit::Entry::of("admin", "roles", id, "create", Some(actor)), None).await?;
    let role = find_row(&mut tx, &key).await?.into();
    tx.commit().await?;
    tracing::info!(role = key, by = actor.0, "role created");
    Ok(role)
}

/// Saves what a role may do (and a custom role's name, when given). The administrators' role
/// cannot be changed.
pub async fn update_role(db: &Db, actor: UserId, key: &str, name: Option<&str>, perms: Perms) -> Result<RoleView> {
    let mut tx = db.begin_write().await?;
    let row = find_row(&mut tx, key).await?;
    if row.key == ADMIN {
        return Err(Error::field("permissions", FieldIssue::RoleLocked));
    }
    let name = match name {
        Some(n) if row.builtin == 0 => parse_name(n).map_err(|i| Error::field("name", i))?,
        _ => row.name.clone(),
    };
    if name != row.name {
        let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM roles WHERE LOWER(name) = LOWER($1) AND id <> $2")
            .bind(&name)
            .bind(row.id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(Error::field("name", FieldIssue::NameTaken));
        }
    }
    let before = audit::snapshot(&mut tx, "roles", row.id).await?;
    sqlx::query("UPDATE roles SET name = $1, permissions = $2, updated_at = $3 WHERE id = $4")
        .bind(&name)
        .bind(perms.to_text())
        .bind(now())
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, &audit::Entry::of("admin", "roles", row.id, "update", Some(actor)), before).await?;
    let role = find_row(&mut tx, key).await?.into();
    tx.commit().await?;
    tracing::info!(role = key, by = actor.0, "role updated");
    Ok(role)
}

/// Puts a built-in role back to its preset.
pub async fn reset_role(db: &Db, actor: UserId, key: &str) -> Result<RoleView> {
    let preset = Role::parse(key).ok_or(Error::NotFound)?;
    update_role(db, actor, key, None, Perms::preset(preset)).await
}

/// Deletes a custom role nobody holds.
pub async fn delete_role(db: &Db, actor: UserId, key: &str) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let row = find_row(&mut tx, key).await?;
    if row.builtin != 0 {
        return Err(Error::field("role", FieldIssue::WrongState));
    }
    if row.users > 0 {
        return Err(Error::field("role", FieldIssue::RoleInUse { n: row.users }));
    }
    let before = audit::snapshot(&mut tx, "roles", row.id).await?;
    sqlx::query("DELETE FROM roles WHERE id = $1").bind(row.id).execute(&mut *tx).await?;
    audit::record(&mut tx, &audit::Entry::of("admin", "roles", row.id, "delete", Some(actor)), before).await?;
    tx.commit().await?;
    tracing::info!(role = key, by = actor.0, "role deleted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_key_is_made_from_its_name() {
        assert_eq!(key_of("Formador/a"), "formador-a");
        assert_eq!(key_of("  Coordinación  Bilbao "), "coordinacion-bilbao");
        assert_eq!(key_of("¿?"), "rol");
        assert_eq!(parse_role_key("staff"), Ok("staff".to_string()));
        assert_eq!(parse_role_key("Root; DROP"), Err(FieldIssue::InvalidChoice));
    }
}
