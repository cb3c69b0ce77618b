use leptos::prelude::*;
use types::UserView;

use crate::error::AppResult;

/// Changes a user's name, role and activation. `active` is a checkbox: present means on.
#[server(prefix = "/api/fn", endpoint = "users/update")]
pub async fn update_user(id: i64, name: String, role: String, active: Option<String>) -> AppResult<UserView> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    let change = domain::users::UserChange { name, role, active: active.is_some() };
    let user = domain::users::update_user(&server_state().db, &actor, types::UserId(id), &change).await?;
    Ok(user.view())
}
