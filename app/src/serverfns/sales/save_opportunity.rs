//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::OpportunityView;

use crate::error::AppResult;

/// Creates an opportunity (`id` empty) or saves an edit.
#[server(prefix = "/api/fn", endpoint = "sales/save")]
pub async fn save_opportunity(
    #[server(default)] id: String,
    #[server(default)] organization_id: String,
    #[server(default)] contact_id: String,
    #[server(default)] title: String,
    #[server(default)] value: String,
    #[server(default)] expected_close: String,
    #[server(default)] stage_id: String,
    #[server(default)] probability: String,
    #[server(default)] owner_id: String,
    #[server(default)] source: String,
    #[server(default)] lost_reason: String,
    #[server(default)] course_ids: Vec<String>,
) -> AppResult<OpportunityView> {
    use crate::state::{require, server_state};
    use domain::sales::opportunities::{self, OpportunityInput};
    let (user, _) = require(types::Module::Pipeline, types::Action::Edit).await?;
    let s = server_state();
    let input = OpportunityInput {
        organization_id,
        contact_id,
        title,
        value,
        expected_close,
        stage_id,
        probability,
        owner_id,
        source,
        lost_reason,
        course_ids,
    };
    let reach = domain::Reach::of(&user, types::Module::Pipeline);
    let saved = match id.trim().parse::<i64>() {
        Ok(id) => {
            let id = types::OpportunityId(id);
            opportunities::opportunity_in_reach(&s.db, id, reach).await?;
            opportunities::check_owner(reach, &input, false)?;
            opportunities::update_opportunity(&s.db, user.id, id, &input).await?
        }
        Err(_) => {
            opportunities::check_owner(reach, &input, true)?;
            opportunities::create_opportunity(&s.db, user.id, &input).await?
        }
    };
    s.hub.pipeline_changed();
    Ok(saved)
}
