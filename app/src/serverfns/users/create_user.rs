use leptos::prelude::*;
use types::UserView;

use crate::error::AppResult;

/// Creates a user account.
#[server(prefix = "/api/fn", endpoint = "users/create")]
pub async fn create_user(
    email: String,
    name: String,
    role: String,
    locale: String,
    password: String,
) -> AppResult<UserView> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Configure).await?;
    let new = domain::users::NewUser { email, name, role, locale, password };
    let user = domain::users::create_user(&server_state().db, &new).await?;
    Ok(user.view())
}
