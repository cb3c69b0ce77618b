use leptos::prelude::*;
use types::UserView;

use crate::error::AppResult;

/// Every user account.
#[server(prefix = "/api/fn", endpoint = "users/list")]
pub async fn list_users() -> AppResult<Vec<UserView>> {
    use crate::state::{require_role, server_state};
    require_role(types::Role::Admin).await?;
    let users = domain::users::list_users(&server_state().db).await?;
    Ok(users.iter().map(|u| u.view()).collect())
}
