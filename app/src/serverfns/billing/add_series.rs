use leptos::prelude::*;
use types::IssuerView;

use crate::error::AppResult;

/// Adds a numbering series to an issuer (managers).
#[server(prefix = "/api/fn", endpoint = "billing/issuers/series")]
pub async fn add_series(
    issuer_id: i64,
    #[server(default)] code: String,
    #[server(default)] kind: String,
) -> AppResult<IssuerView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Billing, types::Action::Configure).await?;
    Ok(domain::billing::issuers::add_series(&server_state().db, user.id, types::IssuerId(issuer_id), &code, &kind)
        .await?)
}
