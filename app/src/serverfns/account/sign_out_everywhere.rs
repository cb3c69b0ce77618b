use leptos::prelude::*;

use crate::error::AppResult;

/// Signs the caller out everywhere: every session (this one too), API token and calendar feed.
#[server(prefix = "/api/fn", endpoint = "account/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> AppResult<()> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    domain::auth::sign_out_everywhere(&server_state().db, user.id).await?;
    Ok(())
}
