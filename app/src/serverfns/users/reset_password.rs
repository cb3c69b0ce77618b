use leptos::prelude::*;

use crate::error::AppResult;

/// Sets a new password for a user; their sessions, API tokens and calendar feeds end. Admin only.
#[server(prefix = "/api/fn", endpoint = "users/reset-password")]
pub async fn reset_password(id: i64, password: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (actor, _) = require(types::Module::Admin, types::Action::Configure).await?;
    domain::users::reset_password(&server_state().db, &actor, types::UserId(id), &password).await?;
    Ok(())
}
