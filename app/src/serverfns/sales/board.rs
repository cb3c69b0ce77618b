use leptos::prelude::*;
use types::{Board, OpportunityView};

use crate::error::AppResult;

/// The board, filtered by owner (`0` for everyone) and source (empty for any).
#[server(prefix = "/api/fn", endpoint = "sales/board")]
pub async fn pipeline_board(#[server(default)] owner: i64, #[server(default)] source: String) -> AppResult<Board> {
    use crate::state::{require, server_state};
    use domain::sales::opportunities::board;
    let (user, _) = require(types::Module::Pipeline, types::Action::View).await?;
    let filter = filter(&user, owner, source);
    Ok(board(&server_state().db, &filter).await?)
}

/// The next cards of a column after the card (`after_rank`, `after_id`).
#[server(prefix = "/api/fn", endpoint = "sales/column")]
pub async fn pipeline_column(
    stage: i64,
    after_rank: String,
    after_id: i64,
    #[server(default)] owner: i64,
    #[server(default)] source: String,
) -> AppResult<Vec<OpportunityView>> {
    use crate::state::{require, server_state};
    use domain::sales::opportunities::{column_cards, COLUMN_PAGE};
    let (user, _) = require(types::Module::Pipeline, types::Action::Edit).await?;
    let filter = filter(&user, owner, source);
    Ok(column_cards(&server_state().db, types::StageId(stage), &filter, Some((&after_rank, after_id)), COLUMN_PAGE)
        .await?)
}

/// The board's filter from the form (owner `0` and an empty source mean any), within what the
/// user reaches.
#[cfg(feature = "ssr")]
fn filter(user: &domain::users::User, owner: i64, source: String) -> domain::sales::opportunities::BoardFilter {
    domain::sales::opportunities::BoardFilter {
        owner: (owner > 0).then_some(types::UserId(owner)),
        source: Some(source).filter(|s| !s.is_empty()),
        reach: domain::Reach::of(user, types::Module::Pipeline),
    }
}
