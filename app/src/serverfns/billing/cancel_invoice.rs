use leptos::prelude::*;
use types::InvoiceView;

use crate::error::AppResult;

/// Cancels an issued invoice by an anulación record (managers).
#[server(prefix = "/api/fn", endpoint = "billing/invoice/cancel")]
pub async fn cancel_invoice(id: i64, #[server(default)] reason: String) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Billing, types::Action::Delete).await?;
    let s = server_state();
    let invoice =
        domain::billing::invoices::cancel_invoice(&s.db, user.id, types::InvoiceId(id), &reason, &s.fiscal).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{id}"));
    }
    Ok(invoice)
}
