use leptos::prelude::*;
use types::InvoiceView;

use crate::error::AppResult;

/// Starts a rectifying draft of an issued invoice (`kind` R1–R5, `mode` substitution or difference);
/// a plain form's post goes on to the draft's form.
#[server(prefix = "/api/fn", endpoint = "billing/invoice/rectify")]
pub async fn rectify_invoice(
    id: i64,
    #[server(default)] kind: String,
    #[server(default)] mode: String,
) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Billing, types::Action::Edit).await?;
    let s = server_state();
    let draft = domain::billing::invoices::rectify(&s.db, user.id, types::InvoiceId(id), &kind, &mode).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{}/edit", draft.id));
    }
    Ok(draft)
}
