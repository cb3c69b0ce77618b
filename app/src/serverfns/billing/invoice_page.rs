use leptos::prelude::*;
use types::InvoicePage;

use crate::error::AppResult;

/// An invoice with its issuer and fiscal records.
#[server(prefix = "/api/fn", endpoint = "billing/invoice")]
pub async fn get_invoice_page(id: i64) -> AppResult<InvoicePage> {
    use crate::state::{require, server_state};
    require(types::Module::Billing, types::Action::View).await?;
    let s = server_state();
    let invoice = domain::billing::invoices::get_invoice(&s.db, types::InvoiceId(id)).await?;
    let issuer = domain::billing::issuers::get_issuer(&s.db, invoice.issuer_id).await?;
    let records = domain::billing::invoices::fiscal_records(&s.db, invoice.id).await?;
    Ok(InvoicePage { invoice, issuer, records, today: domain::clock::today(s.fiscal.tz) })
}
