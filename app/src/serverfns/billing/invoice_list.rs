use leptos::prelude::*;
use types::InvoiceList;

use crate::error::AppResult;

/// A page of invoices, the latest first, all or those in `state` (`draft`, `issued`, `cancelled`).
#[server(prefix = "/api/fn", endpoint = "billing/invoices")]
pub async fn get_invoice_list(
    #[server(default)] state: String,
    #[server(default)] page: String,
) -> AppResult<InvoiceList> {
    use crate::state::{require, server_state};
    require(types::Module::Billing, types::Action::View).await?;
    let s = server_state();
    let state = match state.trim() {
        "" => None,
        raw => Some(
            types::InvoiceState::parse(raw).ok_or(types::ApiError::field("state", types::FieldIssue::InvalidChoice))?,
        ),
    };
    let page = page.trim().parse::<i64>().ok().filter(|p| *p >= 1).unwrap_or(1);
    let per_page = 50;
    let (rows, total) = domain::billing::invoices::list_invoices(&s.db, state, page, per_page).await?;
    let issuers = domain::billing::issuers::list_issuers(&s.db).await?.len() as i64;
    Ok(InvoiceList { rows, total, page, per_page, today: domain::clock::today(s.fiscal.tz), issuers })
}
