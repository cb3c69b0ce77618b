#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use types::InvoiceView;

use crate::error::AppResult;

/// One line of the invoice form, as typed (`lines[0][hours]=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineForm {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub unit_price: String,
    #[serde(default)]
    pub discount: String,
    #[serde(default)]
    pub vat: String,
    #[serde(default)]
    pub contract_id: String,
}

/// Creates a draft invoice (`id` empty) or saves a draft's changes; a plain form's post goes on to
/// the invoice's page.
#[server(prefix = "/api/fn", endpoint = "billing/invoice/save")]
pub async fn save_invoice(
    #[server(default)] id: String,
    #[server(default)] issuer_id: String,
    #[server(default)] kind: String,
    #[server(default)] organization_id: String,
    #[server(default)] recipient_name: String,
    #[server(default)] recipient_country: String,
    #[server(default)] recipient_tax_id: String,
    #[server(default)] recipient_address: String,
    #[server(default)] language: String,
    #[server(default)] description: String,
    #[server(default)] notes: String,
    #[server(default)] operation_date: String,
    #[server(default)] due_date: String,
    #[server(default)] lines: Vec<InvoiceLineForm>,
) -> AppResult<InvoiceView> {
    use crate::state::{require, server_state};
    use domain::billing::invoices::{self, DraftInput, InvoiceLineInput};
    let (user, _) = require(types::Module::Billing, types::Action::Edit).await?;
    let s = server_state();
    let input = DraftInput {
        issuer_id,
        kind,
        series_id: String::new(),
        organization_id,
        person_id: String::new(),
        recipient_name,
        recipient_country,
        recipient_tax_id,
        recipient_address,
        language,
        description,
        notes,
        operation_date,
        due_date,
        lines: lines
            .into_iter()
            .map(|l| InvoiceLineInput {
                description: l.description,
                hours: l.hours,
                quantity: l.quantity,
                unit_price: l.unit_price,
                discount: l.discount,
                vat: l.vat,
                contract_id: l.contract_id,
            })
            .collect(),
    };
    let saved = match id.trim().parse::<i64>() {
        Ok(id) => invoices::update_draft(&s.db, user.id, types::InvoiceId(id), &input).await?,
        Err(_) => invoices::create_draft(&s.db, user.id, &input).await?,
    };
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/invoices/{}", saved.id));
    }
    Ok(saved)
}
