//! In-app notifications: what the bell counts and lists. Delivered reminders write them; a
//! [`Hub`] tells the live streams of this server which users have something new (streams also
//! poll, so a notification written by another server instance shows up too).

use sqlx::{Any, Executor, FromRow};
use tokio::sync::broadcast;
use types::{NotificationList, NotificationView, UserId};

use crate::clock::{now, to_utc};
use crate::{Db, Error, Result};

/// The hub message that means "the pipeline changed" (user ids are positive).
pub const PIPELINE: i64 = -1;

/// Wakes the live notification streams of one server: carries the id of the user concerned.
#[derive(Clone, Debug)]
pub struct Hub(broadcast::Sender<i64>);

impl Default for Hub {
    fn default() -> Self {
        Hub(broadcast::channel(256).0)
    }
}

impl Hub {
    /// Tells the streams of `user` that something changed.
    pub fn notify(&self, user: UserId) {
        let _ = self.0.send(user.0);
    }

    /// Tells the open pipeline boards that a card moved or changed.
    pub fn pipeline_changed(&self) {
        let _ = self.0.send(PIPELINE);
    }

    /// A receiver of changes (for one stream).
    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.0.subscribe()
    }
}

/// A notification to write.
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: &'a str,
    pub reminder_id: Option<i64>,
}

/// Writes a notification. A reminder's notification is one row: delivered again (its time
/// changed and it was re-armed) it comes back unread with the new text.
pub async fn create<'e, E: Executor<'e, Database = Any>>(exec: E, n: &NewNotification<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, title, body, link, reminder_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reminder_id) DO UPDATE SET title = excluded.title, \
         body = excluded.body, link = excluded.link, created_at = excluded.created_at, read_at = NULL",
    )
    .bind(n.user_id)
    .bind(n.kind)
    .bind(n.title)
    .bind(n.body)
    .bind(n.link)
    .bind(n.reminder_id)
    .bind(now())
    .execute(exec)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: i64,
    kind: String,
    title: String,
    body: String,
    link: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// How many unread notifications `user` has.
pub async fn unread_count(db: &Db, user: UserId) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.0)
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// The newest `limit` notifications of `user` and the unread count.
pub async fn list(db: &Db, user: UserId, limit: i64) -> Result<NotificationList> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 \
         ORDER BY id DESC LIMIT {}",
        limit.clamp(1, 200)
    ))
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(|r| NotificationView {
            id: r.id,
            kind: r.kind,
            title: r.title,
            body: r.body,
            link: r.link,
            created_at: to_utc(r.created_at),
            read: r.read_at.is_some(),
        })
        .collect();
    Ok(NotificationList { items, unread: unread_count(db, user).await? })
}

/// Marks one of `user`'s notifications read (someone else's is not found).
pub async fn mark_read(db: &Db, user: UserId, id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL")
        .bind(now())
        .bind(id)
        .bind(user.0)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user.0)
            .fetch_one(db.pool())
            .await?;
        if n == 0 {
            return Err(Error::NotFound);
        }
    }
    Ok(())
}

/// Marks all of `user`'s notifications read; returns how many were unread.
pub async fn mark_all_read(db: &Db, user: UserId) -> Result<u64> {
    let done = sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now())
        .bind(user.0)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
