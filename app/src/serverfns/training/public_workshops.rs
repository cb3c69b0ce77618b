use leptos::prelude::*;
use types::PublicWorkshop;

use crate::error::AppResult;

/// The public catalogue: published workshops that have not started. No sign-in.
#[server(prefix = "/api/fn", endpoint = "public/workshops/list")]
pub async fn public_workshops() -> AppResult<Vec<PublicWorkshop>> {
    use crate::state::server_state;
    let list = domain::training::workshops::public_workshops(&server_state().db).await?;
    Ok(list.into_iter().map(PublicWorkshop::from).collect())
}
