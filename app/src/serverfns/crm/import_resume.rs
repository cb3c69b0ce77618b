use leptos::prelude::*;

use crate::error::AppResult;

/// Carries a failed or stopped CSV import of the caller's on from where it stopped.
#[server(prefix = "/api/fn", endpoint = "crm/import/resume")]
pub async fn resume_import(id: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::Create).await?;
    let state = server_state();
    domain::crm::import::resume_run(&state.db, user.id, &id).await?;
    domain::crm::import::drive_soon(state.db.clone(), state.instance.clone(), id.clone());
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/clients/import/{id}"));
    }
    Ok(())
}
