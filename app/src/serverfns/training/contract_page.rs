use leptos::prelude::*;
use types::ContractDetail;

use crate::error::AppResult;

/// Everything the contract page shows (a contract out of the user's reach is not found).
#[server(prefix = "/api/fn", endpoint = "training/contracts/get")]
pub async fn contract_page(id: i64) -> AppResult<ContractDetail> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Training, types::Action::View).await?;
    let reach = domain::Reach::of(&user, types::Module::Training);
    Ok(domain::training::contracts::contract_detail(&server_state().db, types::ContractId(id), reach).await?)
}
