use leptos::prelude::*;
use types::OpportunityView;

use crate::error::AppResult;

/// Moves a card to `stage_id`, between the cards `after_id` (above) and `before_id` (below);
/// `0` for none. The lost stage needs a reason.
#[server(prefix = "/api/fn", endpoint = "sales/move")]
pub async fn move_opportunity(
    id: i64,
    stage_id: i64,
    #[server(default)] after_id: i64,
    #[server(default)] before_id: i64,
    #[server(default)] lost_reason: String,
) -> AppResult<OpportunityView> {
    use crate::state::{require, server_state};
    use domain::sales::opportunities::{self, Drop};
    use types::{OpportunityId, StageId};
    let (user, _) = require(types::Module::Pipeline, types::Action::Edit).await?;
    let s = server_state();
    let to = Drop {
        stage: StageId(stage_id),
        after: (after_id > 0).then_some(OpportunityId(after_id)),
        before: (before_id > 0).then_some(OpportunityId(before_id)),
    };
    let reach = domain::Reach::of(&user, types::Module::Pipeline);
    opportunities::opportunity_in_reach(&s.db, OpportunityId(id), reach).await?;
    let moved = opportunities::move_opportunity(&s.db, user.id, OpportunityId(id), to, Some(&lost_reason)).await?;
    s.hub.pipeline_changed();
    Ok(moved)
}
