//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::InteractionView;

use crate::error::AppResult;

/// Logs an interaction with an organization and/or a person (ids as text; empty for none).
#[server(prefix = "/api/fn", endpoint = "crm/interactions/create")]
pub async fn create_interaction(
    #[server(default)] organization_id: String,
    #[server(default)] person_id: String,
    #[server(default)] occurred_at: String,
    kind: String,
    #[server(default)] description: String,
    #[server(default)] result: String,
    #[server(default)] next_action: String,
    #[server(default)] next_action_at: String,
    #[server(default)] create_reminder: Option<String>,
) -> AppResult<InteractionView> {
    use crate::state::{require, server_state};
    use domain::crm::interactions::{self, InteractionInput};
    let (user, _) = require(types::Module::Crm, types::Action::Edit).await?;
    let state = server_state();
    let input = InteractionInput {
        organization_id: organization_id.trim().parse().ok().map(types::OrganizationId),
        person_id: person_id.trim().parse().ok().map(types::PersonId),
        occurred_at,
        kind,
        description,
        result,
        next_action,
        next_action_at,
        create_reminder: create_reminder.is_some(),
    };
    let tz = types::fmt::time_zone(&state.time_zone);
    Ok(interactions::create_interaction(&state.db, user.id, &input, tz).await?)
}
