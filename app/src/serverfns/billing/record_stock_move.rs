use leptos::prelude::*;
use types::StockMoveView;

use crate::error::AppResult;

/// Records a move of a product's stock: received, sold, adjusted (with its reason) or returned.
#[server(prefix = "/api/fn", endpoint = "billing/product/stock-move")]
pub async fn record_stock_move(
    id: i64,
    #[server(default)] kind: String,
    #[server(default)] quantity: String,
    #[server(default)] reason: String,
) -> AppResult<StockMoveView> {
    use crate::state::{require, server_state};
    use domain::billing::products::{self, StockMoveInput};
    let (user, _) = require(types::Module::Products, types::Action::Edit).await?;
    let input = StockMoveInput { kind, quantity, reason };
    let moved = products::record_stock_move(&server_state().db, user.id, types::ProductId(id), &input).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/products/{id}"));
    }
    Ok(moved)
}
