//! Signing in and out: password check with throttling, and server-side sessions.
//!
//! A session is a random 256-bit token held by the browser in a cookie; the database keeps only
//! its SHA-256, so a leaked database cannot be replayed as cookies.

use rand::RngCore;
use sha2::{Digest, Sha256};
use types::UserId;

use crate::clock::now;
use crate::users::{verify_password, User, UserRow, USER_COLUMNS};
use crate::validate::EmailAddress;
use crate::{Db, Error, Result};

/// How failed sign-ins are limited. A client (an address) that keeps failing on an account is
/// refused for it, and one that fails on many accounts is refused for all; an account that many
/// clients fail on is only slowed down, never locked, so whoever guesses its password from
/// elsewhere cannot keep its owner out.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures of one client on one account within the window before that client is refused it.
    pub max_per_client: i64,
    /// Failures from one client address, whatever the account, before it is refused any.
    pub max_per_ip: i64,
    /// Failures on one account from all clients before every attempt on it waits `slow_down_ms`.
    pub slow_after: i64,
    pub slow_down_ms: u64,
    pub window_secs: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle { max_per_client: 5, max_per_ip: 30, slow_after: 20, slow_down_ms: 2000, window_secs: 15 * 60 }
    }
}

/// How long a session lasts: it ends after `idle_secs` without use, and `max_secs` after it began
/// however busy it is (whoever holds a copy of the cookie cannot keep it alive for good).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLifetime {
    pub idle_secs: i64,
    pub max_secs: i64,
}

impl SessionLifetime {
    /// The absolute lifetime when none is configured: 30 days.
    pub const DEFAULT_MAX_SECS: i64 = 30 * 86_400;

    /// When a session begun at `created_at` and used at `at` expires.
    fn expires(&self, created_at: i64, at: i64) -> i64 {
        (at + self.idle_secs).min(created_at + self.max_secs)
    }
}

/// A session that ends after `idle_secs` without use, and after the default absolute lifetime.
impl From<i64> for SessionLifetime {
    fn from(idle_secs: i64) -> Self {
        SessionLifetime { idle_secs, max_secs: Self::DEFAULT_MAX_SECS }
    }
}

/// The secret half of a session, as put in the cookie.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SessionToken(hex::encode(bytes))
    }

    /// Wraps a cookie value; `None` unless it has the shape of a token.
    pub fn from_cookie(value: &str) -> Option<Self> {
        (value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())).then(|| SessionToken(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database stores.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(..)")
    }
}

/// Where a sign-in comes from, for throttling and the session list.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: String,
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub user: User,
    pub token: SessionToken,
    /// When the user had signed in before this time, if ever.
    pub previous_login_at: Option<i64>,
}

/// A hash checked when the email is unknown, so that a wrong email takes as long as a wrong
/// password and does not reveal which emails have accounts.
async fn dummy_hash() -> Result<&'static str> {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_try_init(|| crate::users::hash_password("no account has this password")).await.map(String::as_str)
}

/// Checks the email and password and opens a session lasting `lifetime`.
///
/// Refused with `RateLimited` after too many recent failures of this client on that email, or of
/// this client address on any; slowed down (not refused) when the email has many failures from
/// other clients (see [`Throttle`]). A wrong email, a wrong password and a deactivated account all
/// answer `Unauthorized` alike.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password: &str,
    client: &ClientInfo,
    throttle: Throttle,
    lifetime: impl Into<SessionLifetime>,
) -> Result<SignedIn> {
    let lifetime = lifetime.into();
    let email_key = EmailAddress::parse(email)
        .map(|e| e.as_str().to_string())
        .unwrap_or_else(|_| crate::text::clean(email.trim()).to_lowercase().chars().take(254).collect());
    let ip: String = crate::text::clean(&client.ip).chars().take(64).collect();
    let at = now();
    // The attempt counts as a failure until it succeeds: checking and recording in one write
    // transaction means parallel guesses cannot all slip under the limit.
    let mut tx = db.begin_write().await?;
    db.lock_key(&mut tx, &format!("sign-in:{email_key}")).await?;
    let slow = check_throttle(&mut tx, &email_key, &ip, throttle, at).await?;
    sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)")
        .bind(&email_key)
        .bind(&ip)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    if slow {
        tokio::time::sleep(std::time::Duration::from_millis(throttle.slow_down_ms)).await;
    }

    let row: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT id, password_hash, active FROM users WHERE email = $1")
            .bind(&email_key)
            .fetch_optional(db.pool())
            .await?;
    let (user_id, ok) = match row {
        Some((id, hash, active)) => (Some(id), verify_password(password, &hash).await? && active == 1),
        None => {
            verify_password(password, dummy_hash().await?).await?;
            (None, false)
        }
    };
    let Some(user_id) = user_id.filter(|_| ok) else {
        tracing::warn!(ip = %ip, "failed sign-in");
        return Err(Error::Unauthorized);
    };

    let token = SessionToken::generate();
    let mut tx = db.begin_write().await?;
    let (previous_login_at,): (Option<i64>,) =
        sqlx::query_as("SELECT last_login_at FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *tx).await?;
    let row: UserRow =
        sqlx::query_as(&format!("UPDATE users SET last_login_at = $1 WHERE id = $2 RETURNING {USER_COLUMNS}"))
            .bind(at)
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO auth_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(token.hash())
    .bind(user_id)
    .bind(at)
    .bind(lifetime.expires(at, at))
    .bind(&ip)
    .bind(client.user_agent.chars().take(300).collect::<String>())
    .execute(&mut *tx)
    .await?;
    // This attempt and this client's earlier failures on the email are forgiven; other clients'
    // stay counted (a guesser elsewhere gains nothing from the owner signing in).
    sqlx::query("DELETE FROM login_failures WHERE email = $1 AND ip = $2")
        .bind(&email_key)
        .bind(&ip)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(user_id, ip = %ip, "signed in");
    Ok(SignedIn { user: row.into(), token, previous_login_at })
}

/// Refuses a client over its limits (`RateLimited`); answers whether the attempt must be slowed
/// down because the account has many failures from everywhere.
async fn check_throttle(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    email: &str,
    ip: &str,
    throttle: Throttle,
    at: i64,
) -> Result<bool> {
    let since = at - throttle.window_secs;
    let (by_client, first_client): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE email = $1 AND ip = $2 AND at > $3")
            .bind(email)
            .bind(ip)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?;
    let (by_ip, first_ip): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE ip = $1 AND at > $2")
            .bind(ip)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?;
    let first = if by_client >= throttle.max_per_client {
        first_client
    } else if by_ip >= throttle.max_per_ip {
        first_ip
    } else {
        let (by_email,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at > $2")
            .bind(email)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?;
        if by_email >= throttle.slow_after {
            tracing::warn!(ip, "sign-in slowed down: many failures on this account");
        }
        return Ok(by_email >= throttle.slow_after);
    };
    let retry_after_secs = (first.unwrap_or(at) + throttle.window_secs - at).max(1);
    tracing::warn!(ip, retry_after_secs, "sign-in throttled");
    Err(Error::RateLimited { retry_after_secs })
}

/// The signed-in user behind a session token, if the session is live and the user active.
/// Extends the session (sliding expiry) at most once a minute, never past its absolute lifetime.
pub async fn session_user(db: &Db, token: &SessionToken, lifetime: impl Into<SessionLifetime>) -> Result<Option<User>> {
    let lifetime = lifetime.into();
    let at = now();
    let hash = token.hash();
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT user_id, last_seen_at, created_at FROM auth_sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(&hash)
    .bind(at)
    .fetch_optional(db.pool())
    .await?;
    let Some((user_id, last_seen_at, created_at)) = row else { return Ok(None) };
    if at >= created_at + lifetime.max_secs {
        return Ok(None);
    }
    let user: Option<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND active = 1"))
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    if user.is_some() && at - last_seen_at >= 60 {
        sqlx::query("UPDATE auth_sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(at)
            .bind(lifetime.expires(created_at, at))
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    let user = user.map(User::from);
    if let Some(u) = &user {
        crate::audit::set_caller(u.id, None);
    }
    Ok(user)
}

/// Ends one session.
pub async fn sign_out(db: &Db, token: &SessionToken) -> Result<()> {
    sqlx::query("DELETE FROM auth_sessions WHERE token_hash = $1").bind(token.hash()).execute(db.pool()).await?;
    Ok(())
}

/// Signs a user out everywhere: every session ends (this one too) and their API tokens and
/// calendar feeds are revoked.
pub async fn sign_out_everywhere(db: &Db, id: UserId) -> Result<crate::users::RevokedAccess> {
    let mut tx = db.begin_write().await?;
    let revoked = crate::users::revoke_access(&mut tx, id, None).await?;
    tx.commit().await?;
    tracing::info!(
        user_id = id.0,
        sessions = revoked.sessions,
        tokens = revoked.tokens,
        feeds = revoked.feeds,
        "signed out everywhere"
    );
    Ok(revoked)
}

/// How many sessions are live now.
pub async fn count_live_sessions(db: &Db) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM auth_sessions WHERE expires_at > $1")
        .bind(now())
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Deletes expired sessions and old failure records; run periodically.
pub async fn purge_expired(db: &Db, throttle: Throttle) -> Result<u64> {
    let at = now();
    let sessions = sqlx::query("DELETE FROM auth_sessions WHERE expires_at <= $1").bind(at).execute(db.pool()).await?;
    let failures = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(at - throttle.window_secs)
        .execute(db.pool())
        .await?;
    Ok(sessions.rows_affected() + failures.rows_affected())
}
