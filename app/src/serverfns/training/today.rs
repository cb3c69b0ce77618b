use leptos::prelude::*;
use types::TodayView;

use crate::error::AppResult;

/// Today's sessions and workshops in the centre's zone, for the front desk.
#[server(prefix = "/api/fn", endpoint = "training/today")]
pub async fn get_today() -> AppResult<TodayView> {
    use crate::state::{require, server_state};
    require(types::Module::Reception, types::Action::View).await?;
    let s = server_state();
    Ok(domain::training::today(&s.db, types::fmt::time_zone(&s.time_zone)).await?)
}
