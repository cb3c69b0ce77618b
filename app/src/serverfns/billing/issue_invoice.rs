use leptos::prelude::*;
use types::InvoiceView;

use crate::error::AppResult;

/// Issues a draft: its number, today's date and its Veri*Factu record.
#[server(prefix = "/api/fn", endpoint = "billing/invoice/issue")]
pub async fn issue_invoice(id: i64) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Billing, types::Action::Edit).await?;
    let s = server_state();
    let invoice = domain::billing::invoices::issue_invoice(&s.db, user.id, types::InvoiceId(id), &s.fiscal).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{id}"));
    }
    Ok(invoice)
}
