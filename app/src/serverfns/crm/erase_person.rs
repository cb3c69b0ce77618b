use leptos::prelude::*;
use types::ErasureReport;

use crate::error::AppResult;

/// Erases a person's personal data (right to erasure), once `confirm` is ticked. Who may delete
/// CRM records (`crm.delete`).
#[server(prefix = "/api/fn", endpoint = "crm/people/erase")]
pub async fn erase_person(id: i64, #[server(default)] confirm: Option<String>) -> AppResult<ErasureReport> {
    use crate::state::{require, server_state};
    use types::{ApiError, FieldIssue};
    let (user, _) = require(types::Module::Crm, types::Action::Delete).await?;
    if confirm.is_none() {
        return Err(ApiError::field("confirm", FieldIssue::Required).into());
    }
    Ok(domain::privacy::erase_person(&server_state().db, user.id, types::PersonId(id)).await?)
}
