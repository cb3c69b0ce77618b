use leptos::prelude::*;
use types::AssistantExchange;

use crate::error::AppResult;

/// Confirms the action proposed in one of the user's own answers, with the fields the user may
/// adjust (empty keeps the proposal's): the follow-up's next action and date, the email's
/// subject and body, the reason a lost opportunity needs.
#[server(prefix = "/api/fn", endpoint = "assistant/confirm")]
pub async fn confirm_assistant_action(
    id: i64,
    #[server(default)] next_action: String,
    #[server(default)] next_action_at: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
    #[server(default)] lost_reason: String,
) -> AppResult<AssistantExchange> {
    use crate::state::{require, server_state};
    use domain::assistant::actions::{confirm, ActionEdits};
    let (user, _) = require(types::Module::Assistant, types::Action::Create).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let edits = ActionEdits { next_action, due: next_action_at, subject, body, lost_reason };
    let done = confirm(&s.db, s.mailer.as_deref(), &user, id, &edits, tz).await?;
    if done.moved_opportunity {
        s.hub.pipeline_changed();
    }
    Ok(done.exchange)
}

/// Dismisses the action proposed in one of the user's own answers.
#[server(prefix = "/api/fn", endpoint = "assistant/dismiss")]
pub async fn dismiss_assistant_action(id: i64) -> AppResult<AssistantExchange> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Assistant, types::Action::Create).await?;
    Ok(domain::assistant::actions::dismiss(&server_state().db, &user, id).await?)
}
