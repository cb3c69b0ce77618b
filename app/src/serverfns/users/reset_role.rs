use leptos::prelude::*;
use types::RoleView;

use crate::error::AppResult;

/// Puts a built-in role back to its preset permissions.
#[server(prefix = "/api/fn", endpoint = "roles/reset")]
pub async fn reset_role(key: String) -> AppResult<RoleView> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    Ok(domain::roles::reset_role(&server_state().db, actor.id, &key).await?)
}
