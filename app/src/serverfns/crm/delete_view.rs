use leptos::prelude::*;

use crate::error::AppResult;

/// Deletes one of the signed-in user's saved views.
#[server(prefix = "/api/fn", endpoint = "crm/views/delete")]
pub async fn delete_view(id: i64) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::views::delete_view(&server_state().db, user.id, id).await?)
}
