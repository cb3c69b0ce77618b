use leptos::prelude::*;
use types::SessionDetail;

use crate::error::AppResult;

/// A session with its attendance sheet.
#[server(prefix = "/api/fn", endpoint = "training/sessions/get")]
pub async fn session_page(id: i64) -> AppResult<SessionDetail> {
    use crate::state::{require, server_state};
    require(types::Module::Reception, types::Action::View).await?;
    Ok(domain::training::attendance::session_detail(&server_state().db, types::SessionId(id)).await?)
}
