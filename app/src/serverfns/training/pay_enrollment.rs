use leptos::prelude::*;
use types::EnrollmentView;

use crate::error::AppResult;

/// Records the payment of a confirmed seat (amount empty: the workshop's price).
#[server(prefix = "/api/fn", endpoint = "training/enrollments/pay")]
pub async fn pay_enrollment(
    id: i64,
    #[server(default)] amount: String,
    #[server(default)] method: String,
    #[server(default)] reference: String,
) -> AppResult<EnrollmentView> {
    use crate::state::{require, server_state};
    use domain::training::payments::{self, PaymentInput, SimulatedProvider};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    let input = PaymentInput { amount, method, reference };
    Ok(payments::record_payment(&server_state().db, &SimulatedProvider, Some(user.id), types::EnrollmentId(id), &input)
        .await?)
}
