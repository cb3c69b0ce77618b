use leptos::prelude::*;
use types::AttendanceRow;

use crate::error::AppResult;

/// Marks one participant present, late or absent at a session within the user's reach.
#[server(prefix = "/api/fn", endpoint = "training/sessions/attendance")]
pub async fn record_attendance(session_id: i64, person_id: i64, status: String) -> AppResult<AttendanceRow> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::Edit).await?;
    let db = &server_state().db;
    let reach = domain::Reach::of(&user, types::Module::Reception);
    domain::training::sessions::session_in_reach(db, types::SessionId(session_id), reach).await?;
    Ok(domain::training::attendance::record_attendance(
        db,
        user.id,
        types::SessionId(session_id),
        types::PersonId(person_id),
        &status,
    )
    .await?)
}
