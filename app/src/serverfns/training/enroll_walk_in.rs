use leptos::prelude::*;
use types::EnrollmentOutcome;

use crate::error::AppResult;

/// The front desk enrolls someone: matched to a person on record by email, or created.
#[server(prefix = "/api/fn", endpoint = "training/workshops/enroll")]
pub async fn enroll_walk_in(
    workshop_id: i64,
    #[server(default)] first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] form_key: String,
) -> AppResult<EnrollmentOutcome> {
    use crate::state::{require, server_state};
    use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
    let (user, _) = require(types::Module::Reception, types::Action::Create).await?;
    let req = EnrollRequest {
        workshop_id: types::WorkshopId(workshop_id),
        enrollee: Enrollee::New { first_name, last_name, email, phone },
        idempotency_key: Some(form_key),
        channel: Channel::Staff,
        actor: Some(user.id),
    };
    Ok(enrollment::enroll_participant(&server_state().db, &req).await?)
}
