use leptos::prelude::*;
use types::PersonalData;

use crate::error::AppResult;

/// Everything held about a person, for an access request (`crm.export`: it is an export of
/// their data).
#[server(prefix = "/api/fn", endpoint = "crm/people/data")]
pub async fn get_personal_data(id: i64) -> AppResult<PersonalData> {
    use crate::state::{require, server_state};
    require(types::Module::Crm, types::Action::Export).await?;
    Ok(domain::privacy::personal_data(&server_state().db, types::PersonId(id)).await?)
}
