use leptos::prelude::*;
use types::RoleView;

use crate::error::AppResult;

/// Every role with its permissions and how many users hold it.
#[server(prefix = "/api/fn", endpoint = "roles/list")]
pub async fn list_roles() -> AppResult<Vec<RoleView>> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Configure).await?;
    Ok(domain::roles::list_roles(&server_state().db).await?)
}
