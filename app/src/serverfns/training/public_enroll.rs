use leptos::prelude::*;
use types::PublicEnrollment;

use crate::error::AppResult;

/// The public enroll form. No sign-in; the form's key makes a double submit harmless. Limited
/// per client address and per workshop; `website` is a field people never see (a form that fills
/// it is a robot's).
#[server(prefix = "/api/fn", endpoint = "public/workshops/enroll")]
pub async fn public_enroll(
    workshop_id: i64,
    #[server(default)] first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] form_key: String,
    #[server(default)] website: String,
) -> AppResult<PublicEnrollment> {
    use crate::error::AppError;
    use crate::state::{client_ip, server_state};
    use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
    if !website.is_empty() {
        tracing::warn!(workshop_id, "public enrollment refused: the hidden field was filled");
        return Err(AppError::reject(types::ApiError::field("website", types::FieldIssue::InvalidChoice)));
    }
    server_state().limits.enroll(client_ip(), workshop_id).map_err(AppError::reject)?;
    let req = EnrollRequest {
        workshop_id: types::WorkshopId(workshop_id),
        enrollee: Enrollee::New { first_name, last_name, email, phone },
        idempotency_key: Some(form_key.clone()).filter(|k| !k.is_empty()),
        channel: Channel::Public,
        actor: None,
    };
    let outcome = enrollment::enroll_participant(&server_state().db, &req).await?;
    // A browser without JavaScript posted the form itself: send it back to the page with the
    // form's key, so the page can tell the visitor how it went.
    let from_plain_form = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers.get(http::header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"))
    });
    if from_plain_form && !form_key.is_empty() {
        leptos_axum::redirect(&format!("/talleres/{workshop_id}?key={form_key}"));
    }
    Ok(outcome.into())
}
