use leptos::prelude::*;
use types::{AuditPage, AuditQuery};

use crate::error::AppResult;

/// The audit log, newest first, with the admin page's filters. Administrators only.
#[server(prefix = "/api/fn", endpoint = "audit/log")]
pub async fn audit_log(q: AuditQuery) -> AppResult<AuditPage> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::View).await?;
    Ok(domain::audit::list(&server_state().db, &q).await?)
}
