use leptos::prelude::*;
use types::NotificationList;

use crate::error::AppResult;

/// The signed-in user's newest notifications and their unread count.
#[server(prefix = "/api/fn", endpoint = "notifications/list")]
pub async fn list_notifications() -> AppResult<NotificationList> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    Ok(domain::notifications::list(&server_state().db, user.id, 50).await?)
}

/// Marks one of the caller's notifications read.
#[server(prefix = "/api/fn", endpoint = "notifications/read")]
pub async fn mark_notification_read(id: i64) -> AppResult<()> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    let s = server_state();
    domain::notifications::mark_read(&s.db, user.id, id).await?;
    s.hub.notify(user.id);
    Ok(())
}

/// Marks all the caller's notifications read.
#[server(prefix = "/api/fn", endpoint = "notifications/read-all")]
pub async fn mark_all_notifications_read() -> AppResult<i64> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    let s = server_state();
    let n = domain::notifications::mark_all_read(&s.db, user.id).await?;
    s.hub.notify(user.id);
    Ok(n as i64)
}
