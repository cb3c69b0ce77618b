use leptos::prelude::*;

use crate::error::AppResult;

/// Staff discard a public request (a duplicate, a prank); its held seat goes back.
#[server(prefix = "/api/fn", endpoint = "training/enrollment-requests/discard")]
pub async fn discard_request(id: i64) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    let id = types::EnrollmentRequestId(id);
    Ok(domain::training::requests::discard_request(&server_state().db, user.id, id).await?)
}
