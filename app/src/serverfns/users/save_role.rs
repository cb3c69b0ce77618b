use leptos::prelude::*;
use types::RoleView;

use crate::error::AppResult;

/// Saves a role's ticked permissions (`perms[]`, `module.action` each) and a custom role's name.
#[server(prefix = "/api/fn", endpoint = "roles/save")]
pub async fn save_role(
    key: String,
    #[server(default)] name: Option<String>,
    #[server(default)] perms: Vec<String>,
) -> AppResult<RoleView> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    let set = types::Perms::parse_all(&perms)
        .ok_or_else(|| domain::Error::field("perms", types::FieldIssue::InvalidChoice))?;
    Ok(domain::roles::update_role(&server_state().db, actor.id, &key, name.as_deref(), set).await?)
}
