use leptos::prelude::*;
use types::WorkshopView;

use crate::error::AppResult;

/// Upcoming workshops (soonest first), or past ones with `past`.
#[server(prefix = "/api/fn", endpoint = "training/workshops/list")]
pub async fn list_workshops(#[server(default)] past: bool) -> AppResult<Vec<WorkshopView>> {
    use crate::state::{require, server_state};
    use domain::training::workshops::{self, WorkshopScope};
    require(types::Module::Workshops, types::Action::View).await?;
    let scope = if past { WorkshopScope::Past } else { WorkshopScope::Upcoming };
    Ok(workshops::list_workshops(&server_state().db, scope).await?)
}
