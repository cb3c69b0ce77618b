use leptos::prelude::*;
use types::CrmKpis;

use crate::error::AppResult;

/// The client hub's figures.
#[server(prefix = "/api/fn", endpoint = "crm/kpis")]
pub async fn get_crm_kpis() -> AppResult<CrmKpis> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    let state = server_state();
    Ok(domain::crm::organizations::kpis(&state.db, types::fmt::time_zone(&state.time_zone)).await?)
}
