use leptos::prelude::*;
use types::InvoiceView;

use crate::error::AppResult;

/// Records a payment received against an issued invoice.
#[server(prefix = "/api/fn", endpoint = "billing/invoice/payment")]
pub async fn record_invoice_payment(
    id: i64,
    #[server(default)] amount: String,
    #[server(default)] method: String,
    #[server(default)] paid_on: String,
    #[server(default)] reference: String,
) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    use domain::billing::invoices::{record_payment, PaymentInput};
    let (user, _) = require(types::Module::Billing, types::Action::Edit).await?;
    let s = server_state();
    let input = PaymentInput { amount, method, paid_on, reference };
    let invoice = record_payment(&s.db, user.id, types::InvoiceId(id), &input).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{id}"));
    }
    Ok(invoice)
}
