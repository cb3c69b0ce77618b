use leptos::prelude::*;
use types::RoomView;

use crate::error::AppResult;

/// Creates a room (`id` empty) or saves an edit (managers).
#[server(prefix = "/api/fn", endpoint = "training/rooms/save")]
pub async fn save_room(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] capacity: String,
    #[server(default)] active: Option<String>,
) -> AppResult<RoomView> {
    use crate::state::{require, server_state};
    require(types::Module::Training, types::Action::Configure).await?;
    let id = id.trim().parse::<i64>().ok().map(types::RoomId);
    Ok(domain::training::rooms::save_room(&server_state().db, id, &name, &capacity, active.is_some()).await?)
}
