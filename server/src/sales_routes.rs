//! Sales endpoints outside the Leptos app: a proposal's PDF, generated on request.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use types::{Action, Module, ProposalId};

use crate::edge::{Caller, HttpResult};
use crate::AxumState;

/// `GET /proposals/{id}/pdf`: the proposal as an A4 PDF in the user's language, as a download.
/// Who may view proposals (within what they reach).
pub async fn proposal_pdf(State(state): State<AxumState>, caller: Caller, Path(id): Path<i64>) -> HttpResult {
    let user = caller.require(Module::Proposals, Action::View)?;
    let reach = domain::Reach::of(user, Module::Proposals);
    let proposal = domain::sales::proposals::proposal_in_reach(&state.app.db, ProposalId(id), reach).await?;
    let bytes = domain::sales::pdf::proposal_pdf(&proposal, &state.app.centre_name, user.locale);
    let name = format!("attachment; filename=\"propuesta-{id}.pdf\"");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
