use leptos::prelude::*;
use types::PersonView;

use crate::error::AppResult;

/// One person with their organizations and interests.
#[server(prefix = "/api/fn", endpoint = "crm/people/get")]
pub async fn get_person(id: i64) -> AppResult<PersonView> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::View).await?;
    Ok(domain::crm::people::get_person(&server_state().db, types::PersonId(id)).await?)
}
