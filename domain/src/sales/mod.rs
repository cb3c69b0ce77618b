//! The sales pipeline: stages a manager configures, opportunities ordered within their stage
//! by fractional keys, the board with its column figures, and the history of stage changes.

pub mod metrics;
pub mod opportunities;
pub mod pdf;
pub mod proposals;
pub mod rank;
pub mod stages;
pub mod templates;
pub mod totals;

use types::{CourseId, OpportunityId};

use crate::clock::{now, to_utc};
use crate::{Db, Result};

/// The opportunity page: the opportunity, its stage, its courses, history and proposals. Here,
/// above both, so that opportunities need not know proposals (which move opportunities).
pub async fn opportunity_page(db: &Db, id: OpportunityId) -> Result<types::OpportunityPage> {
    let opportunity = opportunities::get_opportunity(db, id).await?;
    let stage = stages::get_stage(db, opportunity.stage_id).await?;
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT c.id, c.code, c.title FROM opportunity_courses oc JOIN courses c ON c.id = oc.course_id \
         WHERE oc.opportunity_id = $1 ORDER BY c.code, c.id",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    let courses = rows.into_iter().map(|(i, code, title)| (CourseId(i), code, title)).collect();
    let history = opportunities::stage_history(db, id).await?;
    let proposals = proposals::list_proposals(db, id).await?;
    Ok(types::OpportunityPage { opportunity, stage, courses, history, proposals, now: to_utc(now()) })
}
