//! Notifications, the email and reminder admin, calendar subscriptions and the calendar.

pub mod calendar;
pub mod email_admin;
pub mod feeds;
pub mod notifications;
