use leptos::prelude::*;
use types::{ApiTokenView, CreatedApiToken};

use crate::error::AppResult;

/// The caller's live API tokens. Staff and above (the API is the CRM's).
#[server(prefix = "/api/fn", endpoint = "account/tokens/list")]
pub async fn list_api_tokens() -> AppResult<Vec<ApiTokenView>> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::api_tokens::list_tokens(&server_state().db, user.id).await?)
}

/// Creates an API token for the caller; its secret is in this answer only.
#[server(prefix = "/api/fn", endpoint = "account/tokens/create")]
pub async fn create_api_token(name: String) -> AppResult<CreatedApiToken> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    let new = domain::api_tokens::create_token(&server_state().db, user.id, &name).await?;
    Ok(CreatedApiToken { token: new.token, secret: new.secret })
}

/// Revokes one of the caller's API tokens.
#[server(prefix = "/api/fn", endpoint = "account/tokens/revoke")]
pub async fn revoke_api_token(id: i64) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::api_tokens::revoke_token(&server_state().db, user.id, id).await?)
}
