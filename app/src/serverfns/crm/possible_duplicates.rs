use leptos::prelude::*;
use types::DuplicateCandidate;

use crate::error::AppResult;

/// Organizations that look like `id` (same tax id, email, phone or name).
#[server(prefix = "/api/fn", endpoint = "crm/organizations/duplicates")]
pub async fn possible_duplicates(id: i64) -> AppResult<Vec<DuplicateCandidate>> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::organizations::possible_duplicates(&server_state().db, types::OrganizationId(id)).await?)
}
