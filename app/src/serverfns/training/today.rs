use leptos::prelude::*;
use types::TodayView;

use crate::error::AppResult;

/// Today's sessions and workshops in the centre's zone, for the front desk.
#[server(prefix = "/api/fn", endpoint = "training/today")]
pub async fn get_today() -> AppResult<TodayView> {
    use crate::state::{require_role, server_state};
    require_role(types::Role::Reception).await?;
    let s = server_state();
    Ok(domain::training::today(&s.db, types::fmt::time_zone(&s.time_zone)).await?)
}
