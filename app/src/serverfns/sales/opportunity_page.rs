use leptos::prelude::*;
use types::OpportunityPage;

use crate::error::AppResult;

/// An opportunity with its stage, courses, stage history and proposals. Staff and up.
#[server(prefix = "/api/fn", endpoint = "sales/opportunity")]
pub async fn get_opportunity_page(id: i64) -> AppResult<OpportunityPage> {
    use crate::state::{require, server_state};
    require(types::Module::Pipeline, types::Action::View).await?;
    Ok(domain::sales::opportunities::opportunity_page(&server_state().db, types::OpportunityId(id)).await?)
}
