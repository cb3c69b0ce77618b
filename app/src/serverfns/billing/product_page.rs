use leptos::prelude::*;
use types::ProductPage;

use crate::error::AppResult;

/// A product with its latest stock moves and the kits its workshops need.
#[server(prefix = "/api/fn", endpoint = "billing/product")]
pub async fn get_product_page(id: i64) -> AppResult<ProductPage> {
    use crate::state::{require, server_state};
    require(types::Module::Products, types::Action::View).await?;
    Ok(domain::billing::products::product_page(&server_state().db, types::ProductId(id)).await?)
}
