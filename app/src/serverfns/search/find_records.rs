use leptos::prelude::*;
use types::SearchHit;

use crate::error::AppResult;

/// Clients, people, workshops and opportunities whose name holds `q`, as far as the user's role
/// may see them (reception: workshops). Any signed-in role.
#[server(prefix = "/api/fn", endpoint = "search/records")]
pub async fn find_records(#[server(default)] q: String) -> AppResult<Vec<SearchHit>> {
    use crate::state::{server_state, signed_in};
    let (user, _) = signed_in().await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    Ok(domain::search::find_records(&s.db, &user, &q, user.locale, tz).await?)
}
