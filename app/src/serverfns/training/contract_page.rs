use leptos::prelude::*;
use types::ContractDetail;

use crate::error::AppResult;

/// Everything the contract page shows.
#[server(prefix = "/api/fn", endpoint = "training/contracts/get")]
pub async fn contract_page(id: i64) -> AppResult<ContractDetail> {
    use crate::state::{require, server_state};
    require(types::Module::Training, types::Action::View).await?;
    Ok(domain::training::contracts::contract_detail(&server_state().db, types::ContractId(id)).await?)
}
