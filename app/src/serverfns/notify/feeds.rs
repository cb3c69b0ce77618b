use leptos::prelude::*;
use types::{CalendarFeedView, NewCalendarFeed};

use crate::error::AppResult;

/// The calendar subscriptions the caller created.
#[server(prefix = "/api/fn", endpoint = "calendar/feeds/list")]
pub async fn list_calendar_feeds() -> AppResult<Vec<CalendarFeedView>> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    Ok(domain::calendar::feeds::list_feeds(&server_state().db, user.id).await?)
}

/// Creates a subscription: `scope` is `user` (the caller's own), `trainer`, `room` or
/// `organization` (staff and up). The secret URL is in this answer only.
#[server(prefix = "/api/fn", endpoint = "calendar/feeds/create")]
pub async fn create_calendar_feed(scope: String, #[server(default)] scope_id: String) -> AppResult<NewCalendarFeed> {
    use crate::state::{server_state, signed_in};
    use types::{FeedScope, FieldIssue};
    let (user, _) = signed_in().await?;
    let scope = FeedScope::parse(&scope).ok_or_else(|| domain::Error::field("scope", FieldIssue::InvalidChoice))?;
    let scope_id = match scope {
        FeedScope::User => user.id.0,
        _ => scope_id.trim().parse::<i64>().map_err(|_| domain::Error::field("scope_id", FieldIssue::Required))?,
    };
    Ok(domain::calendar::feeds::create_feed(&server_state().db, user.id, user.perms, scope, scope_id).await?)
}

/// Revokes a subscription: its URL stops working at once.
#[server(prefix = "/api/fn", endpoint = "calendar/feeds/revoke")]
pub async fn revoke_calendar_feed(id: i64) -> AppResult<()> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    Ok(domain::calendar::feeds::revoke_feed(&server_state().db, user.id, user.perms, id).await?)
}
