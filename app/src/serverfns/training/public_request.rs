use leptos::prelude::*;
use types::PublicRequest;

use crate::error::AppResult;

/// The request the emailed link names, for its confirmation page. No sign-in: the link's token
/// is the visitor's proof.
#[server(prefix = "/api/fn", endpoint = "public/enrollment-requests/get")]
pub async fn get_public_request(token: String) -> AppResult<PublicRequest> {
    use crate::state::server_state;
    Ok(domain::training::requests::request_by_token(&server_state().db, &token).await?)
}
