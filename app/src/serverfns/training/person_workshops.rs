use leptos::prelude::*;
use types::PersonWorkshops;

use crate::error::AppResult;

/// A person's enrollments and the workshops open to enroll them in.
#[server(prefix = "/api/fn", endpoint = "training/people/workshops")]
pub async fn get_person_workshops(person_id: i64) -> AppResult<PersonWorkshops> {
    use crate::state::{require, server_state};
    use domain::training::{enrollment, workshops};
    require(types::Module::Crm, types::Action::View).await?;
    let db = &server_state().db;
    let enrollments = enrollment::enrollments_of_person(db, types::PersonId(person_id)).await?;
    let open = workshops::public_workshops(db).await?.into_iter().map(Into::into).collect();
    Ok(PersonWorkshops { enrollments, open, form_key: domain::training::form_key() })
}
