use leptos::prelude::*;
use types::Viewer;

use crate::error::AppResult;

/// Who is looking (or nobody), in which language and time zone. Public: the login page needs it.
#[server(prefix = "/api/fn", endpoint = "viewer")]
pub async fn get_viewer() -> AppResult<Viewer> {
    crate::state::resolve_viewer().await
}
