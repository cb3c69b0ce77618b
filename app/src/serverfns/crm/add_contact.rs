//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::PersonView;

use crate::error::AppResult;

/// Creates a person as a contact of organization `organization_id` with a role.
#[server(prefix = "/api/fn", endpoint = "crm/contacts/add")]
pub async fn add_contact(
    organization_id: String,
    first_name: String,
    #[server(default)] last_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] role: String,
    #[server(default)] job_title: String,
    #[server(default)] allow_duplicates: Option<String>,
) -> AppResult<PersonView> {
    use crate::state::{require, server_state};
    use domain::crm::people::{create_person, LinkInput, PersonInput};
    let (user, _) = require(types::Module::Crm, types::Action::Edit).await?;
    let person = PersonInput { first_name, last_name, email, phone, ..Default::default() };
    let link = LinkInput { organization_id, role, job_title };
    Ok(create_person(&server_state().db, user.id, &person, Some(&link), allow_duplicates.is_some()).await?)
}
