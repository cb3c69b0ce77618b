use leptos::prelude::*;
use types::PublicEnrollment;

use crate::error::AppResult;

/// The public enroll form. No sign-in; the form's key makes a double submit harmless. It asks
/// for a seat: the seat is held until the visitor confirms by the emailed link, and the answer
/// is the same whichever email was typed. Limited per client address and per workshop;
/// `website` is a field people never see (a form that fills it is a robot's).
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
    use domain::training::requests::{self, RequestInput};
    if !website.is_empty() {
        tracing::warn!(workshop_id, "public enrollment refused: the hidden field was filled");
        return Err(AppError::reject(types::ApiError::field("website", types::FieldIssue::InvalidChoice)));
    }
    let state = server_state();
    state.limits.enroll(client_ip(), workshop_id).map_err(AppError::reject)?;
    let input = RequestInput {
        workshop_id: types::WorkshopId(workshop_id),
        first_name,
        last_name,
        email,
        phone,
        idempotency_key: Some(form_key.clone()).filter(|k| !k.is_empty()),
        locale: crate::state::visitor_locale(),
    };
    let mail = state.request_mail();
    let r = requests::request_enrollment(&state.db, &input, state.seat_hold_secs, mail.mailer.is_some()).await?;
    if r.mail_queued {
        mail.send_soon(r.id);
    }
    // A browser without JavaScript posted the form itself: send it back to the page with the
    // form's key, so the page can tell the visitor how it went.
    if crate::state::from_plain_form() && !form_key.is_empty() {
        leptos_axum::redirect(&format!("/talleres/{workshop_id}?key={form_key}"));
    }
    Ok(r.answer)
}
