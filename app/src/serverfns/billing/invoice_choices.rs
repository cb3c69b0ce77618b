use leptos::prelude::*;
use types::InvoiceFormChoices;

use crate::error::AppResult;

/// What the invoice form offers: the issuers and the clients on record.
#[server(prefix = "/api/fn", endpoint = "billing/choices")]
pub async fn get_invoice_choices() -> AppResult<InvoiceFormChoices> {
    use crate::state::{require, server_state};
    require(types::Module::Billing, types::Action::View).await?;
    let s = server_state();
    Ok(InvoiceFormChoices {
        issuers: domain::billing::issuers::list_issuers(&s.db).await?,
        clients: domain::crm::organizations::names(&s.db).await?,
    })
}
