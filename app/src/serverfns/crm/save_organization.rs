//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::OrganizationView;

use crate::error::AppResult;

/// Creates an organization (empty `id`) or saves an edit. Checkboxes are present when ticked.
#[server(prefix = "/api/fn", endpoint = "crm/organizations/save")]
pub async fn save_organization(
    #[server(default)] id: String,
    legal_name: String,
    #[server(default)] trade_name: String,
    #[server(default)] country: String,
    #[server(default)] tax_id: String,
    #[server(default)] sector: String,
    #[server(default)] address: String,
    #[server(default)] postal_code: String,
    #[server(default)] city: String,
    #[server(default)] province: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] website: String,
    #[server(default)] notes: String,
    #[server(default)] owner_id: String,
    #[server(default)] status: String,
    #[server(default)] source: String,
    #[server(default)] is_contracting: Option<String>,
    #[server(default)] is_end_client: Option<String>,
    #[server(default)] interests: String,
    #[server(default)] allow_duplicates: Option<String>,
) -> AppResult<OrganizationView> {
    use crate::state::{require, server_state};
    use domain::crm::organizations as orgs;
    let (user, _) = require(types::Module::Crm, types::Action::Edit).await?;
    let input = orgs::OrganizationInput {
        legal_name,
        trade_name,
        country,
        tax_id,
        sector,
        address,
        postal_code,
        city,
        province,
        email,
        phone,
        website,
        notes,
        owner_id,
        status,
        source,
        is_contracting: is_contracting.is_some(),
        is_end_client: is_end_client.is_some(),
        interests: super::split_interests(&interests),
    };
    let db = &server_state().db;
    let saved = match id.trim().parse::<i64>() {
        Ok(id) => orgs::update_organization(db, user.id, types::OrganizationId(id), &input).await?,
        Err(_) => orgs::create_organization(db, user.id, &input, allow_duplicates.is_some()).await?,
    };
    Ok(saved)
}
