use leptos::prelude::*;
use types::UsersAdmin;

use crate::error::AppResult;

/// Every user account, and the roles they may be given.
#[server(prefix = "/api/fn", endpoint = "users/list")]
pub async fn list_users() -> AppResult<UsersAdmin> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Configure).await?;
    let db = &server_state().db;
    let users = domain::users::list_users(db).await?;
    let roles = domain::roles::list_roles(db).await?;
    Ok(UsersAdmin { users: users.iter().map(|u| u.view()).collect(), roles })
}
