use leptos::prelude::*;
use types::{OrganizationPage, OrganizationQuery};

use crate::error::AppResult;

/// One page of the client hub's list for `query`.
#[server(prefix = "/api/fn", endpoint = "crm/organizations/list", input = server_fn::codec::Json)]
pub async fn list_organizations(query: OrganizationQuery) -> AppResult<OrganizationPage> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::organizations::list_organizations(&server_state().db, &query).await?)
}
