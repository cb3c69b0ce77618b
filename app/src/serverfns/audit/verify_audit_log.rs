use leptos::prelude::*;
use types::ChainReport;

use crate::error::AppResult;

/// Walks the audit log's chain of hashes and says whether it is intact. Administrators only.
#[server(prefix = "/api/fn", endpoint = "audit/verify")]
pub async fn verify_audit_log() -> AppResult<ChainReport> {
    use crate::state::{require_role, server_state};
    require_role(types::Role::Admin).await?;
    Ok(domain::audit::verify(&server_state().db).await?)
}
