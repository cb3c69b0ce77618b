use leptos::prelude::*;
use types::ImportJobView;

use crate::error::AppResult;

/// A CSV import of the caller's: preview and mapping, progress, or what it did.
#[server(prefix = "/api/fn", endpoint = "crm/import/job")]
pub async fn get_import_job(id: String) -> AppResult<ImportJobView> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Crm, types::Action::Create).await?;
    Ok(domain::crm::import::run_view(&server_state().db, user.id, &id).await?)
}
