use leptos::prelude::*;
use types::InteractionView;

use crate::error::AppResult;

/// Marks a follow-up done.
#[server(prefix = "/api/fn", endpoint = "crm/interactions/done")]
pub async fn complete_follow_up(id: i64) -> AppResult<InteractionView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::Edit).await?;
    Ok(domain::crm::interactions::complete_follow_up(&server_state().db, user.id, types::InteractionId(id)).await?)
}
