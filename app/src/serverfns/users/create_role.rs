use leptos::prelude::*;
use types::RoleView;

use crate::error::AppResult;

/// Creates a custom role, starting from the permissions of the role named in `copy_from` (none
/// when empty).
#[server(prefix = "/api/fn", endpoint = "roles/create")]
pub async fn create_role(#[server(default)] name: String, #[server(default)] copy_from: String) -> AppResult<RoleView> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    let db = &server_state().db;
    let perms = match copy_from.trim() {
        "" => types::Perms::NONE,
        key => match domain::roles::find_role(db, key).await {
            Ok(r) => r.perms,
            Err(domain::Error::NotFound) => {
                return Err(domain::Error::field("copy_from", types::FieldIssue::InvalidChoice).into())
            }
            Err(e) => return Err(e.into()),
        },
    };
    Ok(domain::roles::create_role(db, actor.id, &name, perms).await?)
}
