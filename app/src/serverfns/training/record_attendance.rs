use leptos::prelude::*;
use types::AttendanceRow;

use crate::error::AppResult;

/// Marks one participant present, late or absent at a session.
#[server(prefix = "/api/fn", endpoint = "training/sessions/attendance")]
pub async fn record_attendance(session_id: i64, person_id: i64, status: String) -> AppResult<AttendanceRow> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    Ok(domain::training::attendance::record_attendance(
        &server_state().db,
        user.id,
        types::SessionId(session_id),
        types::PersonId(person_id),
        &status,
    )
    .await?)
}
