//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::CourseView;

use crate::error::AppResult;

/// Creates a course (`id` empty) or saves an edit (managers).
#[server(prefix = "/api/fn", endpoint = "training/courses/save")]
pub async fn save_course(
    #[server(default)] id: String,
    #[server(default)] code: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] default_hours: String,
    #[server(default)] default_hourly_price: String,
    #[server(default)] modality: String,
    #[server(default)] interests: String,
    #[server(default)] active: Option<String>,
) -> AppResult<CourseView> {
    use crate::state::{require, server_state};
    use domain::training::courses::{self, CourseInput};
    require(types::Module::Training, types::Action::Configure).await?;
    let input = CourseInput {
        code,
        title,
        description,
        default_hours,
        default_hourly_price,
        modality,
        interests: crate::serverfns::crm::split_interests(&interests),
        active: active.is_some(),
    };
    let id = id.trim().parse::<i64>().ok().map(types::CourseId);
    Ok(courses::save_course(&server_state().db, id, &input).await?)
}
