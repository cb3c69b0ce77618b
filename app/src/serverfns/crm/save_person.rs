//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::PersonView;

use crate::error::AppResult;

/// Creates a person (empty `id`) or saves an edit.
#[server(prefix = "/api/fn", endpoint = "crm/people/save")]
pub async fn save_person(
    #[server(default)] id: String,
    first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] tax_id: String,
    #[server(default)] city: String,
    #[server(default)] notes: String,
    #[server(default)] owner_id: String,
    #[server(default)] interests: String,
    #[server(default)] allow_duplicates: Option<String>,
) -> AppResult<PersonView> {
    use crate::state::{require, server_state};
    use domain::crm::people::{create_person, update_person, PersonInput};
    let (user, _) = require(types::Module::Crm, types::Action::Edit).await?;
    let input = PersonInput {
        first_name,
        last_name,
        email,
        phone,
        tax_id,
        city,
        notes,
        owner_id,
        interests: super::split_interests(&interests),
    };
    let db = &server_state().db;
    Ok(match id.trim().parse::<i64>() {
        Ok(id) => update_person(db, user.id, types::PersonId(id), &input).await?,
        Err(_) => create_person(db, user.id, &input, None, allow_duplicates.is_some()).await?,
    })
}
