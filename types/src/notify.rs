//! Reminders, notifications, the email log and the calendar on the wire.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{ContractId, OrganizationId, RoomId, UserId};

/// When reminders fall due and the digest goes out (local hours of the centre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// A follow-up given as a bare date is due at this hour (0–23).
    pub follow_up_hour: i64,
    /// Hours before a session its reminders go out.
    pub session_lead_hours: i64,
    /// Hours before a workshop its reminders go out.
    pub workshop_lead_hours: i64,
    /// Hour of the daily digest (0–23).
    pub digest_hour: i64,
}

/// One in-app notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The newest notifications of the signed-in user and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    pub unread: i64,
}

/// One email as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailLogView {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub template: String,
    pub status: String,
    pub error: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A reminder in the admin queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRowView {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub due_at: DateTime<Utc>,
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
    pub sent_at: Option<DateTime<Utc>>,
}

/// What the email admin page shows: whether SMTP is set up, the queue and the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAdmin {
    pub smtp_configured: bool,
    /// `host:port` and sender, when configured (never the password).
    pub smtp_summary: String,
    pub settings: ReminderSettings,
    pub pending: i64,
    pub failed: i64,
    pub reminders: Vec<ReminderRowView>,
    pub log: Vec<EmailLogView>,
}

/// What an event in the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Session,
    Workshop,
    FollowUp,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Session => "session",
            EventKind::Workshop => "workshop",
            EventKind::FollowUp => "follow_up",
        }
    }
}

/// One event in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEvent {
    pub kind: EventKind,
    /// The id of the session, workshop or interaction.
    pub id: i64,
    pub title: String,
    pub detail: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
    pub trainer_id: Option<UserId>,
    pub room_id: Option<RoomId>,
    pub organization_id: Option<OrganizationId>,
    /// Where clicking the event goes.
    pub link: String,
    /// Whether the viewer may drag it to another time.
    pub movable: bool,
}

/// The events between two instants and what the filters can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub events: Vec<CalendarEvent>,
    pub trainers: Vec<(UserId, String)>,
    pub rooms: Vec<(RoomId, String)>,
    pub organizations: Vec<(OrganizationId, String)>,
    /// Contracts a new session can be created for (file number, course, client).
    pub contracts: Vec<(ContractId, String)>,
    /// Now, from the server (the browser's clock is not trusted for "today").
    pub now: DateTime<Utc>,
    /// The view shown and the day it is anchored on.
    pub view: CalView,
    pub anchor: NaiveDate,
    /// The first local day shown and how many.
    pub first_day: NaiveDate,
    pub days: i64,
}

/// How the calendar shows a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalView {
    Month,
    Week,
    Day,
    Agenda,
}

impl CalView {
    pub const ALL: [CalView; 4] = [CalView::Month, CalView::Week, CalView::Day, CalView::Agenda];

    pub fn as_str(self) -> &'static str {
        match self {
            CalView::Month => "month",
            CalView::Week => "week",
            CalView::Day => "day",
            CalView::Agenda => "agenda",
        }
    }

    /// The view named `s`; the week for anything else.
    pub fn parse(s: &str) -> CalView {
        match s {
            "month" => CalView::Month,
            "day" => CalView::Day,
            "agenda" => CalView::Agenda,
            _ => CalView::Week,
        }
    }

    pub fn label(self) -> crate::Msg {
        match self {
            CalView::Month => crate::Msg::CalMonth,
            CalView::Week => crate::Msg::CalWeek,
            CalView::Day => crate::Msg::CalDay,
            CalView::Agenda => crate::Msg::CalAgenda,
        }
    }

    /// The local days shown around `anchor`: whole weeks from Monday for the month and the
    /// week, the day itself, or 30 days of agenda.
    pub fn range(self, anchor: NaiveDate) -> (NaiveDate, i64) {
        let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
        match self {
            CalView::Month => (monday(anchor.with_day(1).unwrap_or(anchor)), 42),
            CalView::Week => (monday(anchor), 7),
            CalView::Day => (anchor, 1),
            CalView::Agenda => (anchor, 30),
        }
    }

    /// The anchor of the previous (`-1`) or next (`1`) period.
    pub fn step(self, anchor: NaiveDate, direction: i64) -> NaiveDate {
        match self {
            CalView::Month => {
                let months = if direction < 0 {
                    anchor.checked_sub_months(Months::new(1))
                } else {
                    anchor.checked_add_months(Months::new(1))
                };
                months.unwrap_or(anchor)
            }
            CalView::Week => anchor + Duration::days(7 * direction),
            CalView::Day => anchor + Duration::days(direction),
            CalView::Agenda => anchor + Duration::days(30 * direction),
        }
    }
}

/// What an ICS feed covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedScope {
    /// Everything of one user: their sessions as trainer, their follow-ups, the workshops.
    User,
    Trainer,
    Room,
    Organization,
}

impl FeedScope {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedScope::User => "user",
            FeedScope::Trainer => "trainer",
            FeedScope::Room => "room",
            FeedScope::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Option<FeedScope> {
        match s {
            "user" => Some(FeedScope::User),
            "trainer" => Some(FeedScope::Trainer),
            "room" => Some(FeedScope::Room),
            "organization" => Some(FeedScope::Organization),
            _ => None,
        }
    }
}

/// A calendar subscription as listed (the URL is shown only when created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeedView {
    pub id: i64,
    pub scope: FeedScope,
    pub scope_id: i64,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

/// A feed just created, with its secret URL path (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCalendarFeed {
    pub feed: CalendarFeedView,
    pub path: String,
}

/// The label of an email log status (`sent`, `retrying`, `failed`, `not_configured`).
pub fn email_status_label(status: &str) -> Option<crate::Msg> {
    use crate::Msg;
    Some(match status {
        "sent" => Msg::EmailStatusSent,
        "retrying" => Msg::EmailStatusRetrying,
        "failed" => Msg::EmailStatusFailed,
        "not_configured" => Msg::EmailStatusNotConfigured,
        _ => return None,
    })
}

/// The label of a reminder state.
pub fn reminder_state_label(state: &str) -> Option<crate::Msg> {
    use crate::Msg;
    Some(match state {
        "pending" => Msg::ReminderPending,
        "sending" => Msg::ReminderSending,
        "sent" => Msg::EmailStatusSent,
        "failed" => Msg::EmailStatusFailed,
        "cancelled" => Msg::ReminderCancelled,
        _ => return None,
    })
}

/// The label of a reminder channel (`in_app`, `email`).
pub fn channel_label(channel: &str) -> Option<crate::Msg> {
    match channel {
        "in_app" => Some(crate::Msg::ChannelInApp),
        "email" => Some(crate::Msg::ChannelEmail),
        _ => None,
    }
}

/// The label of a reminder kind or email template.
pub fn reminder_kind_label(kind: &str) -> Option<crate::Msg> {
    use crate::Msg;
    Some(match kind {
        "follow_up" => Msg::KindFollowUp,
        "session" => Msg::KindSession,
        "workshop" => Msg::KindWorkshop,
        "digest" => Msg::KindDigest,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_ranges_start_on_monday_and_cover_whole_weeks() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // November 2026 starts on a Sunday: the month grid starts on Monday 26 October.
        assert_eq!(CalView::Month.range(d("2026-11-24")), (d("2026-10-26"), 42));
        assert_eq!(CalView::Week.range(d("2026-11-29")), (d("2026-11-23"), 7));
        assert_eq!(CalView::Day.range(d("2026-11-24")), (d("2026-11-24"), 1));
        assert_eq!(CalView::Month.step(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(CalView::Week.step(d("2026-11-24"), -1), d("2026-11-17"));
        assert_eq!(CalView::parse("nonsense"), CalView::Week);
    }
}
