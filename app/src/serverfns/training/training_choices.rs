use leptos::prelude::*;
use types::TrainingChoices;

use crate::error::AppResult;

/// What the training forms offer: organizations, courses, trainers, rooms and interests.
#[server(prefix = "/api/fn", endpoint = "training/choices")]
pub async fn get_training_choices() -> AppResult<TrainingChoices> {
    use crate::state::{require, server_state};
    require(types::Module::Training, types::Action::View).await?;
    Ok(domain::training::choices(&server_state().db).await?)
}
