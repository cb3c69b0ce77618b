use leptos::prelude::*;
use types::TodayView;

use crate::error::AppResult;

/// Today's sessions (those the user reaches) and workshops in the centre's zone, for the front
/// desk.
#[server(prefix = "/api/fn", endpoint = "training/today")]
pub async fn get_today() -> AppResult<TodayView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::View).await?;
    let s = server_state();
    let reach = domain::Reach::of(&user, types::Module::Reception);
    Ok(domain::training::today(&s.db, types::fmt::time_zone(&s.time_zone), reach).await?)
}
