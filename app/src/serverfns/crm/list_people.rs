use leptos::prelude::*;
use types::PersonPage;

use crate::error::AppResult;

/// A page of people matching `q`.
#[server(prefix = "/api/fn", endpoint = "crm/people/list")]
pub async fn list_people(q: String, page: i64) -> AppResult<PersonPage> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::people::list_people(&server_state().db, &q, page).await?)
}
