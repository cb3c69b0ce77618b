use leptos::prelude::*;
use types::{CalendarData, CalendarEvent};

use crate::error::AppResult;

/// The calendar around `date` (`yyyy-mm-dd`, today when empty) in `view` (`month`, `week`,
/// `day`, `agenda`), with the filters applied (`0` is "any"), and the filter and form choices.
/// Reception sees sessions and workshops; staff also their own follow-ups.
#[server(prefix = "/api/fn", endpoint = "calendar/events")]
pub async fn calendar_events(
    #[server(default)] view: String,
    #[server(default)] date: String,
    #[server(default)] trainer: i64,
    #[server(default)] room: i64,
    #[server(default)] organization: i64,
    #[server(default)] hide_cancelled: bool,
) -> AppResult<CalendarData> {
    use crate::state::{require, server_state};
    use domain::calendar::CalendarFilter;
    let (user, _) = require(types::Module::Calendar, types::Action::View).await?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let view = types::CalView::parse(&view);
    let today = domain::clock::today(tz);
    let anchor = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").unwrap_or(today);
    let filter = CalendarFilter {
        trainer: (trainer > 0).then_some(types::UserId(trainer)),
        room: (room > 0).then_some(types::RoomId(room)),
        organization: (organization > 0).then_some(types::OrganizationId(organization)),
        follow_ups_of: user.can(types::Module::Crm, types::Action::View).then_some(user.id),
        hide_cancelled,
        sessions: domain::Reach::of(&user, types::Module::Calendar),
    };
    Ok(domain::calendar::calendar_data(&s.db, view, anchor, tz, &filter, user.perms).await?)
}

/// Moves a session, workshop or follow-up so it starts at `starts_at` (UTC seconds), through
/// the same rules as its form; a refusal names the clash. Staff and up.
#[server(prefix = "/api/fn", endpoint = "calendar/move")]
pub async fn move_calendar_event(kind: String, id: i64, starts_at: i64) -> AppResult<CalendarEvent> {
    use crate::state::{require, server_state};
    use types::{EventKind, FieldIssue};
    let (user, _) = require(types::Module::Calendar, types::Action::Edit).await?;
    let kind = match kind.as_str() {
        "session" => EventKind::Session,
        "workshop" => EventKind::Workshop,
        "follow_up" => EventKind::FollowUp,
        _ => return Err(domain::Error::field("kind", FieldIssue::InvalidChoice).into()),
    };
    let at = chrono::DateTime::from_timestamp(starts_at, 0)
        .ok_or_else(|| domain::Error::field("starts_at", FieldIssue::InvalidDate))?;
    let s = server_state();
    let tz = types::fmt::time_zone(&s.time_zone);
    let reach = domain::Reach::of(&user, types::Module::Calendar);
    domain::calendar::move_event(&s.db, user.id, reach, kind, id, at, tz).await?;
    Ok(domain::calendar::event(&s.db, kind, id, user.perms, reach).await?)
}
