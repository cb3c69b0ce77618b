use leptos::prelude::*;

use crate::error::AppResult;

/// Deletes a custom role that nobody holds.
#[server(prefix = "/api/fn", endpoint = "roles/delete")]
pub async fn delete_role(key: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    Ok(domain::roles::delete_role(&server_state().db, actor.id, &key).await?)
}
