use leptos::prelude::*;

use crate::error::AppResult;

/// Adds (`remove` empty) or removes a participant of a contract.
#[server(prefix = "/api/fn", endpoint = "training/contracts/participant")]
pub async fn set_participant(
    contract_id: i64,
    #[server(default)] person_id: String,
    #[server(default)] remove: Option<String>,
) -> AppResult<()> {
    use crate::state::{require, server_state};
    use domain::training::attendance;
    let (user, _) = require(types::Module::Training, types::Action::Edit).await?;
    let person = domain::training::parse_id(&person_id)
        .map_err(|issue| crate::error::AppError::reject(types::ApiError::field("person_id", issue)))?;
    let (db, contract, person) = (&server_state().db, types::ContractId(contract_id), types::PersonId(person));
    domain::training::contracts::contract_in_reach(db, contract, domain::Reach::of(&user, types::Module::Training))
        .await?;
    if remove.is_some() {
        attendance::remove_participant(db, contract, person).await?;
    } else {
        attendance::add_participant(db, contract, person).await?;
    }
    Ok(())
}
