#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::ProductView;

use crate::error::AppResult;

/// Adds a product (`id` empty, with its initial stock) or saves an edit of one.
#[server(prefix = "/api/fn", endpoint = "billing/products/save")]
pub async fn save_product(
    #[server(default)] id: String,
    #[server(default)] sku: String,
    #[server(default)] name: String,
    #[server(default)] description: String,
    #[server(default)] price: String,
    #[server(default)] vat: String,
    #[server(default)] low_stock_threshold: String,
    #[server(default)] initial_stock: String,
    #[server(default)] active: String,
    #[server(default)] workshop_ids: Vec<String>,
) -> AppResult<ProductView> {
    use crate::state::{require, server_state};
    use domain::billing::products::{self, ProductInput};
    let id = id.trim().parse::<i64>().ok().map(types::ProductId);
    let need = if id.is_some() { types::Action::Edit } else { types::Action::Create };
    let (user, _) = require(types::Module::Products, need).await?;
    let input = ProductInput {
        sku,
        name,
        description,
        price,
        vat,
        low_stock_threshold,
        active: active == "on",
        workshop_ids,
        initial_stock,
    };
    let saved = products::save_product(&server_state().db, user.id, id, &input).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/products/{}", saved.id));
    }
    Ok(saved)
}
