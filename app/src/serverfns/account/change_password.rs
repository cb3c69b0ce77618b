use leptos::prelude::*;

use crate::error::AppResult;

/// Changes the caller's password and signs out their other sessions.
#[server(prefix = "/api/fn", endpoint = "account/password")]
pub async fn change_password(current: String, new: String, confirm: String) -> AppResult<()> {
    use crate::state::{require_role, server_state};
    let (user, token) = require_role(types::Role::Reception).await?;
    let change = domain::users::PasswordChange { current, new, confirm };
    domain::users::change_password(&server_state().db, user.id, &change, Some(&token.hash())).await?;
    Ok(())
}
