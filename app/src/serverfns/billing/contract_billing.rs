use leptos::prelude::*;
use types::ContractBilling;

use crate::error::AppResult;

/// A contract's invoicing: hours invoiced, its invoices and the issuers.
#[server(prefix = "/api/fn", endpoint = "billing/contract")]
pub async fn get_contract_billing(id: i64) -> AppResult<ContractBilling> {
    use crate::state::{require, server_state};
    require(types::Module::Billing, types::Action::View).await?;
    Ok(domain::billing::invoices::contract_billing(&server_state().db, types::ContractId(id)).await?)
}
