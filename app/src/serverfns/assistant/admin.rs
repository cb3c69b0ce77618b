use leptos::prelude::*;
use types::AssistantAdmin;

use crate::error::AppResult;

/// The assistant's admin page: the model's settings (never its key), whether it answers, what a
/// question sends it, and the usage and feedback of the last `days` days. Managers.
#[server(prefix = "/api/fn", endpoint = "admin/assistant")]
pub async fn assistant_admin_page(#[server(default)] days: i64) -> AppResult<AssistantAdmin> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Assistant, types::Action::Configure).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let days = if days <= 0 { 30 } else { days };
    Ok(domain::assistant::admin::overview(&s.db, &s.model, &user, days, tz).await?)
}
