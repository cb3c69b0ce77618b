use leptos::prelude::*;
use types::PipelineMetrics;

use crate::error::AppResult;

/// The pipeline metrics over the last twelve months. Staff and up.
#[server(prefix = "/api/fn", endpoint = "sales/metrics")]
pub async fn get_pipeline_metrics() -> AppResult<PipelineMetrics> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Pipeline, types::Action::View).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let reach = domain::Reach::of(&user, types::Module::Pipeline);
    Ok(domain::sales::metrics::pipeline_metrics(&s.db, tz, 12, reach).await?)
}
