#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use types::SaleView;

use crate::error::AppResult;

/// One line of the counter's form, as chosen (`lines[0][product_id]=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLineForm {
    #[serde(default)]
    pub product_id: String,
    #[serde(default)]
    pub quantity: String,
}

/// Sells at the counter: up to [`SALE_LINES`] product lines, the payment, and a simplified
/// invoice (`F2`) or a full one (`F1`) for a client.
#[server(prefix = "/api/fn", endpoint = "billing/sales/record")]
pub async fn record_sale(
    #[server(default)] issuer_id: String,
    #[server(default)] kind: String,
    #[server(default)] organization_id: String,
    #[server(default)] recipient_name: String,
    #[server(default)] recipient_tax_id: String,
    #[server(default)] recipient_address: String,
    #[server(default)] payment_method: String,
    #[server(default)] reference: String,
    #[server(default)] lines: Vec<SaleLineForm>,
) -> AppResult<SaleView> {
    use crate::state::{require, server_state};
    use domain::billing::sales::{self, SaleInput, SaleLineInput};
    let (user, _) = require(types::Module::Reception, types::Action::Create).await?;
    let s = server_state();
    let lines = lines
        .into_iter()
        .take(SALE_LINES)
        .map(|l| SaleLineInput { product_id: l.product_id, quantity: l.quantity, discount: String::new() })
        .collect();
    let input = SaleInput {
        issuer_id,
        kind,
        organization_id,
        recipient_name,
        recipient_tax_id,
        recipient_address,
        payment_method,
        reference,
        language: String::new(),
        lines,
    };
    let sale = sales::record_sale(&s.db, user.id, &input, &s.fiscal).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/sales/{}", sale.id));
    }
    Ok(sale)
}

/// The product lines the counter's form offers.
pub const SALE_LINES: usize = 4;
