use leptos::prelude::*;
use types::CrmChoices;

use crate::error::AppResult;

/// Owners, interests and sectors for the filters and forms.
#[server(prefix = "/api/fn", endpoint = "crm/choices")]
pub async fn get_crm_choices() -> AppResult<CrmChoices> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::choices(&server_state().db).await?)
}
