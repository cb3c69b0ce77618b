use leptos::prelude::*;
use types::SessionDetail;

use crate::error::AppResult;

/// A session with its attendance sheet (a session out of the user's reach is not found).
#[server(prefix = "/api/fn", endpoint = "training/sessions/get")]
pub async fn session_page(id: i64) -> AppResult<SessionDetail> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::View).await?;
    let reach = domain::Reach::of(&user, types::Module::Reception);
    Ok(domain::training::attendance::session_detail(&server_state().db, types::SessionId(id), reach).await?)
}
