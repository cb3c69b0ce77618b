use leptos::prelude::*;
use types::OrganizationDetail;

use crate::error::AppResult;

/// Everything the organization page shows.
#[server(prefix = "/api/fn", endpoint = "crm/organizations/get")]
pub async fn get_organization(id: i64) -> AppResult<OrganizationDetail> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::organizations::organization_detail(&server_state().db, types::OrganizationId(id)).await?)
}
