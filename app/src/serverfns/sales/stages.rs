use leptos::prelude::*;
use types::StageView;

use crate::error::AppResult;

/// The live stages in order (staff read them; managers change them).
#[server(prefix = "/api/fn", endpoint = "sales/stages/list")]
pub async fn list_pipeline_stages() -> AppResult<Vec<StageView>> {
    use crate::state::{require, server_state};
    require(types::Module::Pipeline, types::Action::View).await?;
    Ok(domain::sales::stages::list_stages(&server_state().db, false).await?)
}

/// Adds an open stage (`id` empty) or edits one. Managers.
#[server(prefix = "/api/fn", endpoint = "sales/stages/save")]
pub async fn save_pipeline_stage(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] probability: String,
    #[server(default)] rotting_days: String,
) -> AppResult<StageView> {
    use crate::state::{require, server_state};
    use domain::sales::stages::{self, StageInput};
    require(types::Module::Pipeline, types::Action::Configure).await?;
    let s = server_state();
    let input = StageInput { name, probability, rotting_days };
    let saved = match id.trim().parse::<i64>() {
        Ok(id) => stages::update_stage(&s.db, types::StageId(id), &input).await?,
        Err(_) => stages::create_stage(&s.db, &input).await?,
    };
    s.hub.pipeline_changed();
    Ok(saved)
}

/// Puts the stages in the order of `order` (ids separated by commas). Managers.
#[server(prefix = "/api/fn", endpoint = "sales/stages/reorder")]
pub async fn reorder_pipeline_stages(order: String) -> AppResult<Vec<StageView>> {
    use crate::state::{require, server_state};
    require(types::Module::Pipeline, types::Action::Configure).await?;
    let ids: Vec<types::StageId> = order.split(',').filter_map(|v| v.trim().parse().ok()).map(types::StageId).collect();
    let s = server_state();
    let saved = domain::sales::stages::reorder_stages(&s.db, &ids).await?;
    s.hub.pipeline_changed();
    Ok(saved)
}

/// Archives an empty open stage. Managers.
#[server(prefix = "/api/fn", endpoint = "sales/stages/archive")]
pub async fn archive_pipeline_stage(id: i64) -> AppResult<()> {
    use crate::state::{require, server_state};
    require(types::Module::Pipeline, types::Action::Configure).await?;
    let s = server_state();
    domain::sales::stages::archive_stage(&s.db, types::StageId(id)).await?;
    s.hub.pipeline_changed();
    Ok(())
}
