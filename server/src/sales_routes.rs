//! Sales endpoints outside the Leptos app: a proposal's PDF, generated on request.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use types::{Action, Module, ProposalId};

use crate::crm_routes::session_with;
use crate::{api_error, AxumState};

/// `GET /proposals/{id}/pdf`: the proposal as an A4 PDF in the user's language, as a download.
/// Staff and above.
pub async fn proposal_pdf(State(state): State<AxumState>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    let user = match session_with(&state, &headers, Module::Proposals, Action::View).await {
        Ok(u) => u,
        Err(res) => return res,
    };
    let proposal = match domain::sales::proposals::get_proposal(&state.app.db, ProposalId(id)).await {
        Ok(p) => p,
        Err(e) => return api_error(e.to_api()),
    };
    let bytes = domain::sales::pdf::proposal_pdf(&proposal, &state.app.centre_name, user.locale);
    let name = format!("attachment; filename=\"propuesta-{id}.pdf\"");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
