use leptos::prelude::*;
use types::SavedView;

use crate::error::AppResult;

/// Saves the hub's current filters (`query`, as in its address) under `name`.
#[server(prefix = "/api/fn", endpoint = "crm/views/save")]
pub async fn save_view(name: String, #[server(default)] query: String) -> AppResult<SavedView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    let query = types::OrganizationQuery::from_query_string(&query);
    Ok(domain::crm::views::save_view(&server_state().db, user.id, &name, &query).await?)
}
