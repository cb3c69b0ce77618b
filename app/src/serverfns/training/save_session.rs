//! A form with many fields posts them as the arguments of one server function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use types::SessionView;

use crate::error::AppResult;

/// Creates a session (`id` empty) or saves an edit; refused when the trainer or room is taken,
/// and, for a role limited to its own sessions, when the session is another trainer's.
#[server(prefix = "/api/fn", endpoint = "training/sessions/save")]
pub async fn save_session(
    #[server(default)] id: String,
    #[server(default)] contract_id: String,
    #[server(default)] state: String,
    #[server(default)] date: String,
    #[server(default)] start_time: String,
    #[server(default)] end_time: String,
    #[server(default)] address: String,
    #[server(default)] video_link: String,
    #[server(default)] trainer_id: String,
    #[server(default)] room_id: String,
    #[server(default)] notes: String,
) -> AppResult<SessionView> {
    use crate::state::{require, server_state};
    use domain::training::sessions::{self, SessionInput};
    let (user, _) = require(types::Module::Training, types::Action::Edit).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let input = SessionInput {
        contract_id,
        state,
        date,
        start_time,
        end_time,
        address,
        video_link,
        trainer_id,
        room_id,
        notes,
    };
    let id = id.trim().parse::<i64>().ok().map(types::SessionId);
    let reach = domain::Reach::of(&user, types::Module::Training);
    Ok(sessions::save_session_within(&s.db, user.id, reach, id, &input, tz).await?)
}
