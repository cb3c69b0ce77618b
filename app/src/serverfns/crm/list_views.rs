use leptos::prelude::*;
use types::SavedView;

use crate::error::AppResult;

/// The signed-in user's saved views of the client hub.
#[server(prefix = "/api/fn", endpoint = "crm/views/list")]
pub async fn list_views() -> AppResult<Vec<SavedView>> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::views::list_views(&server_state().db, user.id).await?)
}
