use leptos::prelude::*;
use types::SaleView;

use crate::error::AppResult;

/// One sale with its lines and invoice.
#[server(prefix = "/api/fn", endpoint = "billing/sale")]
pub async fn get_sale_page(id: i64) -> AppResult<SaleView> {
    use crate::state::{require, server_state};
    require(types::Module::Reception, types::Action::View).await?;
    Ok(domain::billing::sales::get_sale(&server_state().db, types::SaleId(id)).await?)
}
