use leptos::prelude::*;
use types::ChainReport;

use crate::error::AppResult;

/// Walks the audit log's chain of hashes and says whether it is intact. Administrators only.
#[server(prefix = "/api/fn", endpoint = "audit/verify")]
pub async fn verify_audit_log() -> AppResult<ChainReport> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::View).await?;
    Ok(domain::audit::verify(&server_state().db).await?)
}
