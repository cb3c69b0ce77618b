use leptos::prelude::*;
use types::CancellationView;

use crate::error::AppResult;

/// Cancels an enrollment; a freed seat goes to the head of the waitlist.
#[server(prefix = "/api/fn", endpoint = "training/enrollments/cancel")]
pub async fn cancel_enrollment(id: i64) -> AppResult<CancellationView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    let c = domain::training::enrollment::cancel_enrollment(&server_state().db, Some(user.id), types::EnrollmentId(id))
        .await?;
    Ok(CancellationView { cancelled: c.cancelled, promoted: c.promoted })
}
