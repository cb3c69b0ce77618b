use leptos::prelude::*;
use types::SaleChoices;

use crate::error::AppResult;

/// What the counter's sale form offers (issuers, products on sale, clients) and today's sales.
#[server(prefix = "/api/fn", endpoint = "billing/sales/choices")]
pub async fn get_sale_choices() -> AppResult<SaleChoices> {
    use crate::state::{require, server_state};
    require(types::Module::Reception, types::Action::View).await?;
    let s = server_state();
    Ok(domain::billing::sales::sale_choices(&s.db, s.fiscal.tz).await?)
}
