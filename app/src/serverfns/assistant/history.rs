use leptos::prelude::*;
use types::AssistantExchange;

use crate::error::AppResult;

/// The signed-in user's latest exchanges about `subject` (`W12`; empty for none), oldest first.
#[server(prefix = "/api/fn", endpoint = "assistant/history")]
pub async fn assistant_history(#[server(default)] subject: String) -> AppResult<Vec<AssistantExchange>> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Assistant, types::Action::View).await?;
    Ok(domain::assistant::history::history(&server_state().db, user.id, subject.trim(), 30).await?)
}
