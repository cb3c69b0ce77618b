use leptos::prelude::*;
use types::KitWorkshop;

use crate::error::AppResult;

/// The workshops a new product may be handed out at (those still to come).
#[server(prefix = "/api/fn", endpoint = "billing/products/workshops")]
pub async fn get_kit_workshops() -> AppResult<Vec<KitWorkshop>> {
    use crate::state::{require, server_state};
    require(types::Module::Products, types::Action::Create).await?;
    Ok(domain::billing::products::workshop_choices(&server_state().db).await?)
}
