use leptos::prelude::*;

use crate::error::AppResult;

/// Stops a running CSV import of the caller's after the batch in hand (what it imported stays).
/// A plain form's post comes back to the run's page.
#[server(prefix = "/api/fn", endpoint = "crm/import/cancel")]
pub async fn cancel_import(id: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::Create).await?;
    domain::crm::import::cancel_run(&server_state().db, user.id, &id).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/clients/import/{id}"));
    }
    Ok(())
}
