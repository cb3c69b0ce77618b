use leptos::prelude::*;
use types::{EnrollForm, PublicEnrollment, PublicWorkshop};

use crate::error::AppResult;

/// One public workshop with a key for its enroll form and, given the key of a form already sent
/// (`answered`), how that enrollment stands now. No sign-in.
#[server(prefix = "/api/fn", endpoint = "public/workshops/get")]
pub async fn get_public_workshop(
    id: i64,
    #[server(default)] answered: String,
) -> AppResult<(EnrollForm<PublicWorkshop>, Option<PublicEnrollment>)> {
    use crate::state::server_state;
    use domain::training::{enrollment, workshops};
    let db = &server_state().db;
    let w = workshops::public_workshop(db, types::WorkshopId(id)).await?;
    let outcome = if answered.trim().is_empty() {
        None
    } else {
        enrollment::by_idempotency_key(db, types::WorkshopId(id), answered.trim()).await?.map(|e| PublicEnrollment {
            id: e.id,
            state: e.state,
            waitlist_position: e.waitlist_position,
            created: false,
            seats_left: w.seats_left(),
        })
    };
    Ok((EnrollForm { subject: w.into(), form_key: domain::training::form_key() }, outcome))
}
