use leptos::prelude::*;

use crate::error::AppResult;

/// Changes the caller's password and signs out their other sessions.
#[server(prefix = "/api/fn", endpoint = "account/password")]
pub async fn change_password(current: String, new: String, confirm: String) -> AppResult<()> {
    use crate::state::{server_state, signed_in};
    let (user, token) = signed_in().await?;
    let change = domain::users::PasswordChange { current, new, confirm };
    domain::users::change_password(&server_state().db, user.id, &change, Some(&token.hash())).await?;
    Ok(())
}
