use leptos::prelude::*;
use types::{EnrollForm, PublicWorkshop};

use crate::error::AppResult;

/// One public workshop with a key for its enroll form. No sign-in.
#[server(prefix = "/api/fn", endpoint = "public/workshops/get")]
pub async fn get_public_workshop(id: i64) -> AppResult<EnrollForm<PublicWorkshop>> {
    use crate::state::server_state;
    let w = domain::training::workshops::public_workshop(&server_state().db, types::WorkshopId(id)).await?;
    Ok(EnrollForm { subject: w.into(), form_key: domain::training::form_key() })
}
