use leptos::prelude::*;
use types::{EnrollForm, WorkshopDetail};

use crate::error::AppResult;

/// The staff workshop page: the workshop, its enrollments and a key for the walk-in form.
#[server(prefix = "/api/fn", endpoint = "training/workshops/get")]
pub async fn workshop_page(id: i64) -> AppResult<EnrollForm<WorkshopDetail>> {
    use crate::state::{require, server_state};
    require(types::Module::Workshops, types::Action::View).await?;
    let detail = domain::training::workshops::workshop_detail(&server_state().db, types::WorkshopId(id)).await?;
    Ok(EnrollForm { subject: detail, form_key: domain::training::form_key() })
}
