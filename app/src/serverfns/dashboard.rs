use leptos::prelude::*;
use types::DashboardData;

use crate::error::AppResult;

/// The dashboard figures. Any signed-in role.
#[server(prefix = "/api/fn", endpoint = "dashboard")]
pub async fn get_dashboard() -> AppResult<DashboardData> {
    use crate::state::{require_role, server_state};
    use types::Role;
    let (user, _) = require_role(Role::Reception).await?;
    let state = server_state();
    let db = &state.db;
    let (active_users, open_sessions) = if user.role.includes(Role::Manager) {
        (domain::users::count_active_users(db).await?, domain::auth::count_live_sessions(db).await?)
    } else {
        (0, 0)
    };
    let leads = if user.role.includes(Role::Manager) {
        domain::reminders::digest::leads_without_next_action(db, None, 20).await?
    } else if user.role.includes(Role::Staff) {
        domain::reminders::digest::leads_without_next_action(db, Some(user.id), 20).await?
    } else {
        Vec::new()
    };
    Ok(DashboardData {
        now: domain::clock::utc_now(),
        active_users,
        open_sessions,
        database: db.backend().name().to_string(),
        version: state.version.to_string(),
        leads_without_next_action: leads,
    })
}
