#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::IssuerView;

use crate::error::AppResult;

/// Adds an issuer (`id` empty, with its series F, S and R) or saves its data (managers).
#[server(prefix = "/api/fn", endpoint = "billing/issuers/save")]
pub async fn save_issuer(
    #[server(default)] id: String,
    #[server(default)] legal_name: String,
    #[server(default)] nif: String,
    #[server(default)] address: String,
    #[server(default)] postal_code: String,
    #[server(default)] city: String,
    #[server(default)] province: String,
    #[server(default)] iban: String,
    #[server(default)] email: String,
    #[server(default)] regime: String,
) -> AppResult<IssuerView> {
    use crate::state::{require, server_state};
    use domain::billing::issuers::{save_issuer, IssuerInput};
    let (user, _) = require(types::Module::Billing, types::Action::Configure).await?;
    let input = IssuerInput { legal_name, nif, address, postal_code, city, province, iban, email, regime };
    let id = id.trim().parse::<i64>().ok().map(types::IssuerId);
    Ok(save_issuer(&server_state().db, user.id, id, &input).await?)
}
