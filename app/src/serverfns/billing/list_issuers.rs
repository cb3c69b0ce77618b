use leptos::prelude::*;
use types::IssuerView;

use crate::error::AppResult;

/// The issuing companies with their series.
#[server(prefix = "/api/fn", endpoint = "billing/issuers")]
pub async fn list_billing_issuers() -> AppResult<Vec<IssuerView>> {
    use crate::state::{require, server_state};
    require(types::Module::Billing, types::Action::View).await?;
    Ok(domain::billing::issuers::list_issuers(&server_state().db).await?)
}
