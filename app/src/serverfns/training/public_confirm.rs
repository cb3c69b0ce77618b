use leptos::prelude::*;
use types::PublicRequest;

use crate::error::AppResult;

/// The visitor confirms their request from the emailed link: a button, not the link itself, so
/// a mail scanner that opens links confirms nothing. Confirming twice answers the same.
/// Limited per client address like every public endpoint.
#[server(prefix = "/api/fn", endpoint = "public/enrollment-requests/confirm")]
pub async fn confirm_public_request(token: String) -> AppResult<PublicRequest> {
    use crate::error::AppError;
    use crate::state::{from_plain_form, server_state};
    let state = server_state();
    let done = domain::training::requests::confirm_by_token(&state.db, &token).await;
    // Without JavaScript the page itself shows how it went (an expired hold included), so go
    // back to it.
    if from_plain_form() && token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        leptos_axum::redirect(&format!("/talleres/confirmar/{token}"));
    }
    done.map_err(AppError::from)
}
