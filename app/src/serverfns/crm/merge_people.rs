use leptos::prelude::*;

use crate::error::AppResult;

/// Folds person `merge_id` into `id`. Managers only.
#[server(prefix = "/api/fn", endpoint = "crm/people/merge")]
pub async fn merge_people(id: i64, merge_id: String) -> AppResult<()> {
    use crate::state::{require, server_state};
    use types::{ApiError, FieldIssue, PersonId};
    let (user, _) = require(types::Module::Crm, types::Action::Delete).await?;
    let Ok(merge_id) = merge_id.trim().trim_start_matches('#').parse::<i64>() else {
        return Err(ApiError::field("merge_id", FieldIssue::InvalidChoice).into());
    };
    domain::crm::merge::merge_people(&server_state().db, user.id, PersonId(id), PersonId(merge_id)).await?;
    Ok(())
}
