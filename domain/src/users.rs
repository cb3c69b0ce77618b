//! User accounts: creation, roles, activation, language and passwords.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::{Any, Executor, FromRow};
use types::{Action, FieldIssue, Locale, Module, Perms, UserId, UserView};

use crate::audit;
use crate::clock::{now, to_utc};
use crate::error::{is_unique_violation, Problems};
use crate::roles::{parse_role_key, role_exists, ADMIN};
use crate::validate::{parse_locale, EmailAddress, NewPassword, PersonName};
use crate::{Db, Error, Result};

/// A stored user, without the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    /// The key of the user's role (`admin`, `staff`… or a custom one).
    pub role: String,
    /// A custom role's name; empty for the built-in ones (shown translated).
    pub role_name: String,
    /// What the role may do.
    pub perms: Perms,
    pub locale: Locale,
    pub active: bool,
    pub created_at: i64,
    pub last_login_at: Option<i64>,
}

impl User {
    /// True when the user's role grants `module.action`.
    pub fn can(&self, module: Module, action: Action) -> bool {
        self.perms.can(module, action)
    }

    /// The form shown to clients.
    pub fn view(&self) -> UserView {
        UserView {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role.clone(),
            role_name: self.role_name.clone(),
            perms: self.perms,
            locale: self.locale,
            active: self.active,
            created_at: to_utc(self.created_at),
            last_login_at: self.last_login_at.map(to_utc),
        }
    }
}

#[derive(FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    locale: String,
    active: i64,
    created_at: i64,
    last_login_at: Option<i64>,
    role_name: Option<String>,
    permissions: Option<String>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: UserId(r.id),
            email: r.email,
            name: r.name,
            role: r.role,
            role_name: r.role_name.unwrap_or_default(),
            perms: r.permissions.as_deref().map(Perms::from_text).unwrap_or(Perms::NONE),
            locale: Locale::parse(&r.locale).unwrap_or_default(),
            active: r.active != 0,
            created_at: r.created_at,
            last_login_at: r.last_login_at,
        }
    }
}

/// A user's columns and their role's name and permissions (usable after SELECT and RETURNING).
pub(crate) const USER_COLUMNS: &str = "id, email, name, role, locale, active, created_at, last_login_at, \
     (SELECT r.name FROM roles r WHERE r.key = users.role) AS role_name, \
     (SELECT r.permissions FROM roles r WHERE r.key = users.role) AS permissions";

/// What the admin form (or the first start) sends to create a user. `Debug` leaves out the password.
#[derive(Clone, Default)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub locale: String,
    pub password: String,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .finish()
    }
}

/// Hashes a password with Argon2id and a fresh salt. CPU-heavy: runs on the blocking pool.
pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(format!("password hashing task failed: {e}")))?
}

/// Checks `password` against a stored hash, on the blocking pool.
pub async fn verify_password(password: &str, hash: &str) -> Result<bool> {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| Error::Internal(format!("stored hash unreadable: {e}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| Error::Internal(format!("password check task failed: {e}")))?
}

/// The role key a form names, if it is well formed and exists (otherwise a problem on `role`).
async fn check_role(db: &Db, problems: &mut Problems, raw: &str) -> Result<Option<String>> {
    let role = problems.check("role", parse_role_key(raw));
    if let Some(key) = &role {
        if !role_exists(db.pool(), key).await? {
            problems.add("role", FieldIssue::InvalidChoice);
            return Ok(None);
        }
    }
    Ok(role)
}

/// Creates a user after validating every field; a taken email is a field error.
pub async fn create_user(db: &Db, new: &NewUser) -> Result<User> {
    let mut problems = Problems::default();
    let email = problems.check("email", EmailAddress::parse(&new.email));
    let name = problems.check("name", PersonName::parse(&new.name));
    let role = check_role(db, &mut problems, &new.role).await?;
    let locale = if new.locale.trim().is_empty() {
        Some(Locale::default())
    } else {
        problems.check("locale", parse_locale(&new.locale))
    };
    let password = problems.check("password", NewPassword::parse(&new.password));
    problems.finish()?;
    let (Some(email), Some(name), Some(role), Some(locale), Some(password)) = (email, name, role, locale, password)
    else {
        unreachable!("finish() returned Ok, so every field parsed");
    };
    let hash = hash_password(password.as_str()).await?;
    let at = now();
    let mut tx = db.begin_write().await?;
    if !role_exists(&mut *tx, &role).await? {
        return Err(Error::field("role", FieldIssue::InvalidChoice));
    }
    let row: UserRow = sqlx::query_as(&format!(
        "INSERT INTO users (email, name, role, locale, password_hash, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING {USER_COLUMNS}"
    ))
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(role.as_str())
    .bind(locale.tag())
    .bind(hash)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| if is_unique_violation(&e) { Error::field("email", FieldIssue::EmailTaken) } else { e.into() })?;
    audit::record(&mut tx, &audit::Entry::of("admin", "users", row.id, "create", None), None).await?;
    tx.commit().await?;
    tracing::info!(user_id = row.id, role = role.as_str(), "user created");
    Ok(row.into())
}

/// Every user, ordered by name ignoring case and accents, the same on both backends.
pub async fn list_users(db: &Db) -> Result<Vec<User>> {
    let rows: Vec<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY id")).fetch_all(db.pool()).await?;
    let mut users: Vec<User> = rows.into_iter().map(User::from).collect();
    // Sorted here, not in SQL: SQLite compares bytes (Á after Z), PostgreSQL follows its locale.
    users.sort_by_cached_key(|u| (crate::text::fold(&u.name), u.id));
    Ok(users)
}

/// One user by id.
pub async fn find_user(db: &Db, id: UserId) -> Result<User> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    row.map(User::from).ok_or(Error::NotFound)
}

/// How many users may sign in.
pub async fn count_active_users(db: &Db) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE active = 1").fetch_one(db.pool()).await?;
    Ok(n)
}

/// How many users exist at all (zero on a fresh installation).
pub async fn count_users(db: &Db) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(db.pool()).await?;
    Ok(n)
}

/// What an administrator may change on a user.
#[derive(Debug, Clone)]
pub struct UserChange {
    pub name: String,
    pub role: String,
    pub active: bool,
}

/// Changes a user's name, role and activation. An administrator cannot demote or deactivate
/// themself (so there is always one left); deactivating a user ends their sessions.
pub async fn update_user(db: &Db, actor: &User, id: UserId, change: &UserChange) -> Result<User> {
    let mut problems = Problems::default();
    let name = problems.check("name", PersonName::parse(&change.name));
    let role = check_role(db, &mut problems, &change.role).await?;
    if actor.id == id && (role.as_deref().is_some_and(|r| r != ADMIN) || !change.active) {
        problems.add("role", FieldIssue::InvalidChoice);
    }
    problems.finish()?;
    let (Some(name), Some(role)) = (name, role) else { unreachable!("validated above") };
    let mut tx = db.begin_write().await?;
    if !role_exists(&mut *tx, &role).await? {
        return Err(Error::field("role", FieldIssue::InvalidChoice));
    }
    let before = audit::snapshot(&mut tx, "users", id.0).await?;
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "UPDATE users SET name = $1, role = $2, active = $3, updated_at = $4 WHERE id = $5 RETURNING {USER_COLUMNS}"
    ))
    .bind(name.as_str())
    .bind(role.as_str())
    .bind(i64::from(change.active))
    .bind(now())
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let row = row.ok_or(Error::NotFound)?;
    // Checked inside the write transaction, so two admins demoting each other cannot leave none.
    let (admins,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").fetch_one(&mut *tx).await?;
    if admins == 0 {
        return Err(Error::field("role", FieldIssue::InvalidChoice));
    }
    if !change.active {
        delete_sessions_of(&mut *tx, id, None).await?;
    }
    audit::record(&mut tx, &audit::Entry::of("admin", "users", id.0, "update", Some(actor.id)), before).await?;
    tx.commit().await?;
    tracing::info!(user_id = id.0, by = actor.id.0, role = role.as_str(), active = change.active, "user updated");
    Ok(row.into())
}

/// Saves a user's UI language.
pub async fn set_locale(db: &Db, id: UserId, locale: &str) -> Result<Locale> {
    let locale = parse_locale(locale).map_err(|i| Error::field("locale", i))?;
    let done = sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
        .bind(locale.tag())
        .bind(now())
        .bind(id.0)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(locale)
}

/// What a user sends to change their own password. No `Debug`: it holds passwords.
#[derive(Clone, Default)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
    pub confirm: String,
}

/// Changes a user's password after checking the current one, signs out every other session
/// (`keep_token_hash` is the one in use) and revokes the user's API tokens and calendar feeds:
/// whoever had the old password may have made them.
pub async fn change_password(
    db: &Db,
    id: UserId,
    change: &PasswordChange,
    keep_token_hash: Option<&str>,
) -> Result<()> {
    let mut problems = Problems::default();
    if change.current.is_empty() {
        problems.add("current", FieldIssue::Required);
    }
    let new = problems.check("new", NewPassword::parse(&change.new));
    if new.is_some() && change.confirm != change.new {
        problems.add("confirm", FieldIssue::PasswordsDiffer);
    }
    problems.finish()?;
    let Some(new) = new else { unreachable!("validated above") };
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT password_hash FROM users WHERE id = $1").bind(id.0).fetch_optional(db.pool()).await?;
    let (stored,) = stored.ok_or(Error::NotFound)?;
    if !verify_password(&change.current, &stored).await? {
        return Err(Error::field("current", FieldIssue::WrongPassword));
    }
    let hash = hash_password(new.as_str()).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    revoke_access(&mut tx, id, keep_token_hash).await?;
    audit::note(&mut tx, &audit::Entry::of("admin", "users", id.0, "change_password", Some(id))).await?;
    tx.commit().await?;
    tracing::info!(user_id = id.0, "password changed");
    Ok(())
}

/// An administrator sets a new password for a user who lost theirs (or whose account was
/// misused): every session of that user ends and their API tokens and calendar feeds are revoked.
pub async fn reset_password(db: &Db, actor: &User, id: UserId, new: &str) -> Result<()> {
    let new = NewPassword::parse(new).map_err(|i| Error::field("password", i))?;
    let hash = hash_password(new.as_str()).await?;
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    revoke_access(&mut tx, id, None).await?;
    audit::note(&mut tx, &audit::Entry::of("admin", "users", id.0, "reset_password", Some(actor.id))).await?;
    tx.commit().await?;
    tracing::info!(user_id = id.0, by = actor.id.0, "password reset");
    Ok(())
}

/// Ends every way in of a user but the session with `keep_token_hash`: sessions, API tokens and
/// calendar feeds. Answers how many of each.
pub(crate) async fn revoke_access(
    tx: &mut sqlx::Transaction<'static, Any>,
    id: UserId,
    keep_token_hash: Option<&str>,
) -> Result<RevokedAccess> {
    let at = now();
    let sessions = delete_sessions_of(&mut **tx, id, keep_token_hash).await?;
    let tokens = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    let feeds = sqlx::query("UPDATE calendar_feeds SET revoked_at = $1 WHERE created_by = $2 AND revoked_at IS NULL")
        .bind(at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(RevokedAccess { sessions, tokens, feeds })
}

/// What [`revoke_access`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokedAccess {
    pub sessions: u64,
    pub tokens: u64,
    pub feeds: u64,
}

/// Ends every session of a user but the one with `keep_token_hash`.
pub(crate) async fn delete_sessions_of<'e, E>(exec: E, id: UserId, keep_token_hash: Option<&str>) -> Result<u64>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(id.0)
        .bind(keep_token_hash.unwrap_or(""))
        .execute(exec)
        .await?;
    Ok(done.rows_affected())
}
