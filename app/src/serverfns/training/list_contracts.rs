use leptos::prelude::*;
use types::ContractPage;

use crate::error::AppResult;

/// Contracts, newest first, filtered by text, state and organization (paying or receiving), 50 a
/// page.
#[server(prefix = "/api/fn", endpoint = "training/contracts/list")]
pub async fn list_contracts(
    #[server(default)] q: String,
    #[server(default)] state: String,
    #[server(default)] page: i64,
    #[server(default)] organization: i64,
) -> AppResult<ContractPage> {
    use crate::state::{require, server_state};
    use domain::training::contracts::{self, ContractQuery};
    let (user, _) = require(types::Module::Training, types::Action::View).await?;
    let query = ContractQuery {
        q,
        state: types::ContractState::parse(&state),
        organization: (organization > 0).then_some(types::OrganizationId(organization)),
        page,
        reach: domain::Reach::of(&user, types::Module::Training),
    };
    Ok(contracts::list_contracts(&server_state().db, &query).await?)
}
