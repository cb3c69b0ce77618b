//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::WorkshopView;

use crate::error::AppResult;

/// Creates a workshop (`id` empty) or saves an edit.
#[server(prefix = "/api/fn", endpoint = "training/workshops/save")]
pub async fn save_workshop(
    #[server(default)] id: String,
    #[server(default)] title: String,
    #[server(default)] interest_id: String,
    #[server(default)] description: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] place: String,
    #[server(default)] capacity: String,
    #[server(default)] price: String,
    #[server(default)] state: String,
    #[server(default)] min_participants: String,
) -> AppResult<WorkshopView> {
    use crate::state::{require, server_state};
    use domain::training::workshops::{self, WorkshopInput};
    let (user, _) = require(types::Module::Workshops, types::Action::Edit).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let input = WorkshopInput {
        title,
        interest_id,
        description,
        starts_at,
        ends_at,
        place,
        capacity,
        price,
        state,
        min_participants,
    };
    match id.trim().parse::<i64>() {
        Ok(id) => Ok(workshops::update_workshop(&s.db, user.id, types::WorkshopId(id), &input, tz).await?),
        Err(_) => Ok(workshops::create_workshop(&s.db, user.id, &input, tz).await?),
    }
}
