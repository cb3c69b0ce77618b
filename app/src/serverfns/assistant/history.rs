use leptos::prelude::*;
use types::AssistantExchange;

use crate::error::AppResult;

/// The signed-in user's latest exchanges about `subject` (`W12`; empty for none), oldest first.
#[server(prefix = "/api/fn", endpoint = "assistant/history")]
pub async fn assistant_history(#[server(default)] subject: String) -> AppResult<Vec<AssistantExchange>> {
    use crate::state::{require_role, server_state};
    let (user, _) = require_role(types::Role::Reception).await?;
    Ok(domain::assistant::history::history(&server_state().db, user.id, subject.trim(), 30).await?)
}
