use leptos::prelude::*;

use crate::error::AppResult;

/// Deletes the records a stopped or finished CSV import of the caller's created.
#[server(prefix = "/api/fn", endpoint = "crm/import/undo")]
pub async fn undo_import(id: String) -> AppResult<u64> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::Create).await?;
    let removed = domain::crm::import::undo_run(&server_state().db, user.id, &id).await?;
    if crate::state::from_plain_form() {
        leptos_axum::redirect(&format!("/clients/import/{id}"));
    }
    Ok(removed)
}
