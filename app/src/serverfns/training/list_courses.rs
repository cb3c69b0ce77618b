use leptos::prelude::*;
use types::{CourseView, RoomView};

use crate::error::AppResult;

/// The catalogue and the rooms.
#[server(prefix = "/api/fn", endpoint = "training/courses/list")]
pub async fn list_courses() -> AppResult<(Vec<CourseView>, Vec<RoomView>)> {
    use crate::state::{require, server_state};
    require(types::Module::Training, types::Action::View).await?;
    let db = &server_state().db;
    Ok((domain::training::courses::list_courses(db).await?, domain::training::rooms::list_rooms(db).await?))
}
