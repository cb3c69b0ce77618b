use leptos::prelude::*;
use types::OpportunityPage;

use crate::error::AppResult;

/// An opportunity with its stage, courses, stage history and proposals. Staff and up.
#[server(prefix = "/api/fn", endpoint = "sales/opportunity")]
pub async fn get_opportunity_page(id: i64) -> AppResult<OpportunityPage> {
    use crate::state::{require, server_state};
    use domain::sales::opportunities;
    let (user, _) = require(types::Module::Pipeline, types::Action::View).await?;
    let (db, id) = (&server_state().db, types::OpportunityId(id));
    opportunities::opportunity_in_reach(db, id, domain::Reach::of(&user, types::Module::Pipeline)).await?;
    Ok(domain::sales::opportunity_page(db, id).await?)
}
