//! The calendar: sessions, workshops and follow-ups between two instants, filtered by trainer,
//! room or organization; moving an event to another time through the same rules as its form
//! (the trainer/room conflict check, the reminders that follow it); and the ICS feeds.

pub mod feeds;
pub mod ics;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::FromRow;
use types::{
    CalendarEvent, EventKind, FieldIssue, InteractionId, OrganizationId, Perms, RoomId, SessionId, UserId, WorkshopId,
};

use crate::clock::to_utc;
use crate::training::{sessions, workshops};
use crate::{Db, Error, Reach, Result};

/// How long a follow-up lasts in the calendar.
pub const FOLLOW_UP_MINUTES: i64 = 30;

/// Which events to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CalendarFilter {
    pub trainer: Option<UserId>,
    pub room: Option<RoomId>,
    pub organization: Option<OrganizationId>,
    /// Only this user's follow-ups (none when `None` and a trainer or room is chosen).
    pub follow_ups_of: Option<UserId>,
    /// Leave out cancelled sessions and workshops.
    pub hide_cancelled: bool,
    /// Whose sessions: all, or those the user trains.
    pub sessions: Reach,
}

#[derive(FromRow)]
struct SessionRow {
    id: i64,
    state: String,
    starts_at: i64,
    ends_at: i64,
    course: String,
    organization_id: i64,
    organization: String,
    file_number: String,
    trainer_id: Option<i64>,
    trainer: Option<String>,
    room_id: Option<i64>,
    room: Option<String>,
}

/// Events overlapping `[from, to)`, by start. At most 2,000.
pub async fn events_between(
    db: &Db,
    from: i64,
    to: i64,
    f: &CalendarFilter,
    perms: Perms,
) -> Result<Vec<CalendarEvent>> {
    let movable = perms.can(types::Module::Calendar, types::Action::Edit);
    let mut events = Vec::new();
    let sessions: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.state, s.starts_at, s.ends_at, co.title AS course, c.organization_id, o.legal_name AS organization, \
         c.file_number, s.trainer_id, u.name AS trainer, s.room_id, r.name AS room FROM training_sessions s \
         JOIN contracts c ON c.id = s.contract_id JOIN courses co ON co.id = c.course_id \
         JOIN organizations o ON o.id = c.organization_id LEFT JOIN users u ON u.id = s.trainer_id \
         LEFT JOIN rooms r ON r.id = s.room_id \
         WHERE s.starts_at < $1 AND s.ends_at > $2 AND s.state <> 'proposal' \
         AND ($3 = 0 OR s.trainer_id = $3) AND ($4 = 0 OR s.room_id = $4) AND ($5 = 0 OR c.organization_id = $5) \
         AND ($6 = 0 OR s.state <> 'cancelled') AND ($7 = 0 OR s.trainer_id = $7) ORDER BY s.starts_at, s.id LIMIT 2000",
    )
    .bind(to)
    .bind(from)
    .bind(f.trainer.map(|t| t.0).unwrap_or(0))
    .bind(f.room.map(|r| r.0).unwrap_or(0))
    .bind(f.organization.map(|o| o.0).unwrap_or(0))
    .bind(i64::from(f.hide_cancelled))
    .bind(f.sessions.bind())
    .fetch_all(db.pool())
    .await?;
    for s in sessions {
        let detail = [Some(s.organization), Some(s.file_number), s.trainer, s.room]
            .into_iter()
            .flatten()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        events.push(CalendarEvent {
            kind: EventKind::Session,
            id: s.id,
            title: s.course,
            detail,
            starts_at: to_utc(s.starts_at),
            ends_at: to_utc(s.ends_at),
            cancelled: s.state == "cancelled",
            trainer_id: s.trainer_id.map(UserId),
            room_id: s.room_id.map(RoomId),
            organization_id: Some(OrganizationId(s.organization_id)),
            link: format!("/sessions/{}", s.id),
            movable: movable && s.state == "scheduled",
        });
    }
    if f.trainer.is_none() && f.room.is_none() && f.organization.is_none() {
        let rows: Vec<(i64, String, i64, i64, String, String)> = sqlx::query_as(
            "SELECT id, title, starts_at, ends_at, place, state FROM workshops WHERE starts_at < $1 AND ends_at > $2 \
             AND state <> 'draft' AND ($3 = 0 OR state <> 'cancelled') ORDER BY starts_at, id LIMIT 500",
        )
        .bind(to)
        .bind(from)
        .bind(i64::from(f.hide_cancelled))
        .fetch_all(db.pool())
        .await?;
        for (id, title, starts_at, ends_at, place, state) in rows {
            events.push(CalendarEvent {
                kind: EventKind::Workshop,
                id,
                title,
                detail: place,
                starts_at: to_utc(starts_at),
                ends_at: to_utc(ends_at),
                cancelled: state == "cancelled",
                trainer_id: None,
                room_id: None,
                organization_id: None,
                link: format!("/workshops/{id}"),
                movable: movable && state != "cancelled",
            });
        }
    }
    if f.trainer.is_none() && f.room.is_none() && perms.can(types::Module::Crm, types::Action::View) {
        type Row = (i64, String, i64, Option<i64>, Option<String>, Option<i64>, Option<String>, Option<String>);
        let rows: Vec<Row> =
            sqlx::query_as(
                "SELECT i.id, i.next_action, i.next_action_at, i.organization_id, o.legal_name, i.person_id, p.first_name, \
                 p.last_name FROM interactions i LEFT JOIN organizations o ON o.id = i.organization_id \
                 LEFT JOIN people p ON p.id = i.person_id WHERE i.next_action_at IS NOT NULL AND i.next_action_done_at IS NULL \
                 AND i.next_action_at < $1 AND i.next_action_at >= $2 AND ($3 = 0 OR i.organization_id = $3) \
                 AND ($4 = 0 OR i.author_id = $4 OR o.owner_id = $4) ORDER BY i.next_action_at, i.id LIMIT 1000",
            )
            .bind(to)
            .bind(from - FOLLOW_UP_MINUTES * 60)
            .bind(f.organization.map(|o| o.0).unwrap_or(0))
            .bind(f.follow_ups_of.map(|u| u.0).unwrap_or(0))
            .fetch_all(db.pool())
            .await?;
        for (id, action, at, org, org_name, person, first, last) in rows {
            let who = org_name.unwrap_or_else(|| format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default()));
            let link = match (org, person) {
                (Some(o), _) => format!("/clients/{o}"),
                (None, Some(p)) => format!("/people/{p}"),
                _ => String::new(),
            };
            events.push(CalendarEvent {
                kind: EventKind::FollowUp,
                id,
                title: action,
                detail: who.trim().to_string(),
                starts_at: to_utc(at),
                ends_at: to_utc(at + FOLLOW_UP_MINUTES * 60),
                cancelled: false,
                trainer_id: None,
                room_id: None,
                organization_id: org.map(OrganizationId),
                link,
                movable,
            });
        }
    }
    events.sort_by_key(|e| (e.starts_at, e.kind.as_str(), e.id));
    Ok(events)
}

/// One event as the calendar shows it to a user whose sessions are `reach`.
pub async fn event(db: &Db, kind: EventKind, id: i64, perms: Perms, reach: Reach) -> Result<CalendarEvent> {
    let (from, to) = match kind {
        EventKind::Session => {
            let s = sessions::get_session(db, SessionId(id)).await?;
            (s.starts_at.ok_or(Error::NotFound)?, s.ends_at.ok_or(Error::NotFound)?)
        }
        EventKind::Workshop => {
            let w = workshops::get_workshop(db, WorkshopId(id)).await?;
            (w.starts_at, w.ends_at)
        }
        EventKind::FollowUp => {
            let i = crate::crm::interactions::get_interaction(db, InteractionId(id)).await?;
            let at = i.next_action_at.ok_or(Error::NotFound)?;
            (at, at)
        }
    };
    let f = CalendarFilter { sessions: reach, ..CalendarFilter::default() };
    let all = events_between(db, from.timestamp(), to.timestamp() + 1, &f, perms).await?;
    all.into_iter().find(|e| e.kind == kind && e.id == id).ok_or(Error::NotFound)
}

/// Moves an event so it starts at `starts_at`, keeping its length. Sessions go through the
/// session rules (conflicts of trainer and room, a refusal naming the clash); workshops through
/// theirs; follow-ups get a new next-action time. Reminders follow in the same transaction. A
/// user who reaches only their own sessions moves only those.
pub async fn move_event(
    db: &Db,
    actor: UserId,
    reach: Reach,
    kind: EventKind,
    id: i64,
    starts_at: DateTime<Utc>,
    tz: Tz,
) -> Result<()> {
    let fmt_local = |at: DateTime<Utc>| at.with_timezone(&tz);
    match kind {
        EventKind::Session => {
            let s = sessions::session_in_reach(db, SessionId(id), reach).await?;
            let (Some(old_start), Some(old_end)) = (s.starts_at, s.ends_at) else {
                return Err(Error::field("starts_at", FieldIssue::WrongState));
            };
            if s.state != types::SessionState::Scheduled {
                return Err(Error::field("starts_at", FieldIssue::WrongState));
            }
            let start = fmt_local(starts_at);
            let end = fmt_local(starts_at + (old_end - old_start));
            if end.date_naive() != start.date_naive() {
                return Err(Error::field("end_time", FieldIssue::EndBeforeStart));
            }
            let input = sessions::SessionInput {
                contract_id: s.contract_id.0.to_string(),
                state: s.state.as_str().into(),
                date: start.format("%Y-%m-%d").to_string(),
                start_time: start.format("%H:%M").to_string(),
                end_time: end.format("%H:%M").to_string(),
                address: s.address,
                video_link: s.video_link,
                trainer_id: s.trainer_id.map(|t| t.0.to_string()).unwrap_or_default(),
                room_id: s.room_id.map(|r| r.0.to_string()).unwrap_or_default(),
                notes: s.notes,
            };
            sessions::save_session_within(db, actor, reach, Some(s.id), &input, tz).await?;
        }
        EventKind::Workshop => {
            let w = workshops::get_workshop(db, WorkshopId(id)).await?;
            if w.state == types::WorkshopState::Cancelled {
                return Err(Error::field("starts_at", FieldIssue::WrongState));
            }
            let input = workshops::WorkshopInput {
                title: w.title,
                interest_id: w.interest_id.map(|i| i.0.to_string()).unwrap_or_default(),
                description: w.description,
                starts_at: fmt_local(starts_at).format("%Y-%m-%dT%H:%M").to_string(),
                ends_at: fmt_local(starts_at + (w.ends_at - w.starts_at)).format("%Y-%m-%dT%H:%M").to_string(),
                place: w.place,
                capacity: w.capacity.to_string(),
                price: types::fmt::money_input(w.price_cents),
                state: w.state.as_str().into(),
                min_participants: w.min_participants.map(|m| m.to_string()).unwrap_or_default(),
            };
            workshops::update_workshop(db, actor, w.id, &input, tz).await?;
        }
        EventKind::FollowUp => {
            crate::crm::interactions::reschedule_follow_up(db, actor, InteractionId(id), starts_at.timestamp()).await?;
        }
    }
    Ok(())
}

/// The calendar page's data for `view` around the local day `anchor`: its events and what its
/// filters and its "new session" form choose from.
pub async fn calendar_data(
    db: &Db,
    view: types::CalView,
    anchor: chrono::NaiveDate,
    tz: Tz,
    f: &CalendarFilter,
    perms: Perms,
) -> Result<types::CalendarData> {
    let (first_day, days) = view.range(anchor);
    let midnight = |d: chrono::NaiveDate| {
        crate::crm::fields::from_local(tz, d.and_hms_opt(0, 0, 0).unwrap_or_default()).unwrap_or_default()
    };
    let (from, to) = (midnight(first_day), midnight(first_day + chrono::Duration::days(days)));
    let events = events_between(db, from, to, f, perms).await?;
    let choices = crate::training::choices(db).await?;
    // Reception schedules nothing and reads no client list: its filter offers the clients of the
    // events it sees, and its new-session form (which it cannot send) no contracts.
    let staff = perms.can(types::Module::Crm, types::Action::View);
    let organizations = if staff {
        choices.organizations
    } else {
        let seen: std::collections::HashSet<OrganizationId> = events.iter().filter_map(|e| e.organization_id).collect();
        choices.organizations.into_iter().filter(|(id, _)| seen.contains(id)).collect()
    };
    let contracts: Vec<(i64, String, String, String)> = if staff {
        sqlx::query_as(
            "SELECT c.id, c.file_number, co.title, o.legal_name FROM contracts c JOIN courses co ON co.id = c.course_id \
             JOIN organizations o ON o.id = c.organization_id WHERE c.state IN ('confirmed', 'in_progress') \
             ORDER BY o.sort_name, c.id LIMIT 2000",
        )
        .fetch_all(db.pool())
        .await?
    } else {
        Vec::new()
    };
    Ok(types::CalendarData {
        events,
        trainers: choices.trainers.into_iter().filter(|(t, _)| f.sessions.allows(Some(*t))).collect(),
        rooms: choices.rooms.into_iter().map(|r| (r.id, r.name)).collect(),
        organizations,
        contracts: contracts
            .into_iter()
            .map(|(id, file, course, org)| (types::ContractId(id), format!("{file} · {course} · {org}")))
            .collect(),
        now: to_utc(crate::clock::now()),
        view,
        anchor,
        first_day,
        days,
    })
}
