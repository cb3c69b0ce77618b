use leptos::prelude::*;
use types::DashboardData;

use crate::error::AppResult;

/// The dashboard figures: the centre's for who reads the reports, their own leads for who reads
/// the CRM. Anyone signed in.
#[server(prefix = "/api/fn", endpoint = "dashboard")]
pub async fn get_dashboard() -> AppResult<DashboardData> {
    use crate::state::{server_state, signed_in};
    use types::{Action, Module};
    let (user, _) = signed_in().await?;
    let state = server_state();
    let db = &state.db;
    let (active_users, open_sessions) = if user.can(Module::Reports, Action::View) {
        (domain::users::count_active_users(db).await?, domain::auth::count_live_sessions(db).await?)
    } else {
        (0, 0)
    };
    let leads = if user.can(Module::Reports, Action::View) {
        domain::reminders::digest::leads_without_next_action(db, None, 20).await?
    } else if user.can(Module::Crm, Action::View) {
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
