use leptos::prelude::*;
use types::InvoiceView;

use crate::error::AppResult;

/// Starts a draft invoicing a contract: its delivered hours not invoiced yet (`hours` empty) or a
/// milestone of `hours`; a plain form's post goes on to the draft's page.
#[server(prefix = "/api/fn", endpoint = "billing/contract/invoice")]
pub async fn invoice_contract(
    contract_id: i64,
    #[server(default)] issuer_id: String,
    #[server(default)] hours: String,
) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Billing, types::Action::Edit).await?;
    let s = server_state();
    let draft = domain::billing::invoices::draft_from_contract(
        &s.db,
        user.id,
        types::ContractId(contract_id),
        &issuer_id,
        &hours,
    )
    .await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{}", draft.id));
    }
    Ok(draft)
}
