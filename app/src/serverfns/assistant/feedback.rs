use leptos::prelude::*;
use types::AssistantExchange;

use crate::error::AppResult;

/// Thumbs up (`1`) or down (`-1`) with an optional comment, on one of the user's own answers.
#[server(prefix = "/api/fn", endpoint = "assistant/feedback")]
pub async fn assistant_feedback(
    id: i64,
    vote: i64,
    #[server(default)] comment: String,
) -> AppResult<AssistantExchange> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Assistant, types::Action::View).await?;
    Ok(domain::assistant::history::set_feedback(&server_state().db, user.id, id, vote, &comment).await?)
}
