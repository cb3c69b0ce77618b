use leptos::prelude::*;
use types::EnrollmentView;

use crate::error::AppResult;

/// Refunds a paid enrollment (managers).
#[server(prefix = "/api/fn", endpoint = "training/enrollments/refund")]
pub async fn refund_enrollment(id: i64) -> AppResult<EnrollmentView> {
    use crate::state::{require, server_state};
    use domain::training::payments::{self, SimulatedProvider};
    let (user, _) = require(types::Module::Workshops, types::Action::Delete).await?;
    Ok(payments::refund_payment(&server_state().db, &SimulatedProvider, Some(user.id), types::EnrollmentId(id)).await?)
}
