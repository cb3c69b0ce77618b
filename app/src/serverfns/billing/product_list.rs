use leptos::prelude::*;
use types::ProductView;

use crate::error::AppResult;

/// The products on sale (`show` empty), those low on stock (`low`) or all of them (`all`),
/// narrowed by `q` (words of the SKU or the name).
#[server(prefix = "/api/fn", endpoint = "billing/products")]
pub async fn get_product_list(
    #[server(default)] show: String,
    #[server(default)] q: String,
) -> AppResult<Vec<ProductView>> {
    use crate::state::{require, server_state};
    use domain::billing::products::{list_products, ProductQuery};
    require(types::Module::Products, types::Action::View).await?;
    let query = ProductQuery { q, low_only: show == "low", include_inactive: show == "all" };
    Ok(list_products(&server_state().db, &query).await?)
}
