use leptos::prelude::*;

use crate::error::AppResult;

/// Folds organization `merge_id` into `id`. Managers only.
#[server(prefix = "/api/fn", endpoint = "crm/organizations/merge")]
pub async fn merge_organizations(id: i64, merge_id: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    use types::{ApiError, FieldIssue, OrganizationId};
    let (user, _) = require(types::Module::Crm, types::Action::Delete).await?;
    let Ok(merge_id) = merge_id.trim().trim_start_matches('#').parse::<i64>() else {
        return Err(ApiError::field("merge_id", FieldIssue::InvalidChoice).into());
    };
    domain::crm::merge::merge_organizations(&server_state().db, user.id, OrganizationId(id), OrganizationId(merge_id))
        .await?;
    Ok(())
}
