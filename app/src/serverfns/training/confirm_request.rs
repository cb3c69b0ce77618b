use leptos::prelude::*;
use types::EnrollmentView;

use crate::error::AppResult;

/// Staff confirm a public request on the visitor's behalf (reached by phone, at the desk): the
/// person is found by email or created and takes the held seat.
#[server(prefix = "/api/fn", endpoint = "training/enrollment-requests/confirm")]
pub async fn confirm_request(id: i64) -> AppResult<EnrollmentView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    let id = types::EnrollmentRequestId(id);
    Ok(domain::training::requests::confirm_by_staff(&server_state().db, user.id, id).await?)
}
