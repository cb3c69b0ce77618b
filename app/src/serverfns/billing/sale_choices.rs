use leptos::prelude::*;
use types::SaleChoices;

use crate::error::AppResult;

/// What the counter's sale form offers (issuers, products on sale, and the clients on record to
/// those who may read the CRM) and today's sales.
#[server(prefix = "/api/fn", endpoint = "billing/sales/choices")]
pub async fn get_sale_choices() -> AppResult<SaleChoices> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Reception, types::Action::View).await?;
    let s = server_state();
    let mut choices = domain::billing::sales::sale_choices(&s.db, s.fiscal.tz).await?;
    // The clients on record are the CRM's: without it, a full invoice's client is typed in.
    if !user.can(types::Module::Crm, types::Action::View) {
        choices.clients.clear();
    }
    Ok(choices)
}
