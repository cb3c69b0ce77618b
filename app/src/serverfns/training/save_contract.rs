//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::ContractView;

use crate::error::AppResult;

/// Creates a contract (`id` empty) or saves an edit.
#[server(prefix = "/api/fn", endpoint = "training/contracts/save")]
pub async fn save_contract(
    #[server(default)] id: String,
    #[server(default)] organization_id: String,
    #[server(default)] end_client_id: String,
    #[server(default)] course_id: String,
    #[server(default)] file_number: String,
    #[server(default)] hourly_price: String,
    #[server(default)] planned_hours: String,
    #[server(default)] modality: String,
    #[server(default)] state: String,
    #[server(default)] notes: String,
) -> AppResult<ContractView> {
    use crate::state::{require, server_state};
    use domain::training::contracts::{self, ContractInput};
    let (user, _) = require(types::Module::Training, types::Action::Edit).await?;
    let input = ContractInput {
        organization_id,
        end_client_id,
        course_id,
        file_number,
        hourly_price,
        planned_hours,
        modality,
        state,
        notes,
    };
    let db = &server_state().db;
    match id.trim().parse::<i64>() {
        Ok(id) => {
            let id = types::ContractId(id);
            contracts::contract_in_reach(db, id, domain::Reach::of(&user, types::Module::Training)).await?;
            Ok(contracts::update_contract(db, user.id, id, &input).await?)
        }
        Err(_) => Ok(contracts::create_contract(db, user.id, &input).await?),
    }
}
