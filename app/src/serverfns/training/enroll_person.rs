use leptos::prelude::*;
use types::EnrollmentOutcome;

use crate::error::AppResult;

/// Enrolls a person on record (from their page) into a workshop. Staff and up: the answer names
/// the person, and reception reads no CRM record by id.
#[server(prefix = "/api/fn", endpoint = "training/workshops/enroll-person")]
pub async fn enroll_person(
    person_id: i64,
    workshop_id: String,
    #[server(default)] form_key: String,
) -> AppResult<EnrollmentOutcome> {
    use crate::state::{require, server_state};
    use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
    let (user, _) = require(types::Module::Workshops, types::Action::Create).await?;
    let workshop_id = domain::training::parse_id(&workshop_id)
        .map_err(|issue| crate::error::AppError::reject(types::ApiError::field("workshop_id", issue)))?;
    let req = EnrollRequest {
        workshop_id: types::WorkshopId(workshop_id),
        enrollee: Enrollee::Existing(types::PersonId(person_id)),
        idempotency_key: Some(form_key).filter(|k| !k.is_empty()),
        channel: Channel::Staff,
        actor: Some(user.id),
    };
    Ok(enrollment::enroll_participant(&server_state().db, &req).await?)
}
