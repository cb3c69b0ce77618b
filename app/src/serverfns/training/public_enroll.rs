use leptos::prelude::*;
use types::PublicEnrollment;

use crate::error::AppResult;

/// The public enroll form. No sign-in; the form's key makes a double submit harmless.
#[server(prefix = "/api/fn", endpoint = "public/workshops/enroll")]
pub async fn public_enroll(
    workshop_id: i64,
    #[server(default)] first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] form_key: String,
) -> AppResult<PublicEnrollment> {
    use crate::state::server_state;
    use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
    let req = EnrollRequest {
        workshop_id: types::WorkshopId(workshop_id),
        enrollee: Enrollee::New { first_name, last_name, email, phone },
        idempotency_key: Some(form_key).filter(|k| !k.is_empty()),
        channel: Channel::Public,
        actor: None,
    };
    Ok(enrollment::enroll_participant(&server_state().db, &req).await?.into())
}
