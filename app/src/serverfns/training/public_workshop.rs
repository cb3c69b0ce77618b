use leptos::prelude::*;
use types::{EnrollForm, PublicEnrollment, PublicWorkshop};

use crate::error::AppResult;

/// One public workshop with a key for its enroll form, given the key of a form already sent
/// (`answered`) the answer that form got, and the centre's name (who is responsible for the
/// data the form collects). No sign-in.
#[server(prefix = "/api/fn", endpoint = "public/workshops/get")]
pub async fn get_public_workshop(
    id: i64,
    #[server(default)] answered: String,
) -> AppResult<(EnrollForm<PublicWorkshop>, Option<PublicEnrollment>, String)> {
    use crate::state::server_state;
    use domain::training::{requests, workshops};
    let state = server_state();
    let w = workshops::public_workshop(&state.db, types::WorkshopId(id)).await?;
    let outcome = match answered.trim() {
        "" => None,
        key => requests::answered(&state.db, w.id, key, state.seat_hold_secs, state.mailer.is_some()).await?,
    };
    Ok((EnrollForm { subject: w.into(), form_key: domain::training::form_key() }, outcome, state.centre_name.clone()))
}
