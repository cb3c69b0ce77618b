//! Notifications (every signed-in user), the email and reminder admin (managers), calendar
//! subscriptions and the calendar itself.

mod calendar;
mod email_admin;
mod feeds;
mod notifications;

pub use calendar::*;
pub use email_admin::*;
pub use feeds::*;
pub use notifications::*;
