use leptos::prelude::*;
use types::ProposalTemplateView;

use crate::error::AppResult;

/// The live proposal templates by name. Staff and up (the proposal form lists them).
#[server(prefix = "/api/fn", endpoint = "sales/templates/list")]
pub async fn list_proposal_templates() -> AppResult<Vec<ProposalTemplateView>> {
    use crate::state::{require, server_state};
    require(types::Module::Proposals, types::Action::View).await?;
    Ok(domain::sales::proposals::list_templates(&server_state().db).await?)
}

/// Adds a template (`id` empty) or saves one, after checking its `{{variables}}`. Managers.
#[server(prefix = "/api/fn", endpoint = "sales/templates/save")]
pub async fn save_proposal_template(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] body: String,
) -> AppResult<ProposalTemplateView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Proposals, types::Action::Configure).await?;
    let id = id.trim().parse::<i64>().ok().map(types::ProposalTemplateId);
    Ok(domain::sales::proposals::save_template(&server_state().db, user.id, id, &name, &body).await?)
}
