use leptos::prelude::*;
use types::AuditPage;

use crate::error::AppResult;

/// The history of one CRM record (`organizations` or `people`), newest first: who changed what,
/// before and after. Staff and above, as the record itself.
#[server(prefix = "/api/fn", endpoint = "audit/history")]
pub async fn record_history(entity: String, id: i64, #[server(default)] before: Option<i64>) -> AppResult<AuditPage> {
    use crate::error::AppError;
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    if !matches!(entity.as_str(), "organizations" | "people") {
        return Err(AppError::reject(types::ApiError::field("entity", types::FieldIssue::InvalidChoice)));
    }
    let q =
        types::AuditQuery { entity: Some(entity), entity_id: Some(id), before, limit: Some(50), ..Default::default() };
    Ok(domain::audit::list(&server_state().db, &q).await?)
}
