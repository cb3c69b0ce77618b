use leptos::prelude::*;
use types::{EmailAdmin, ReminderSettings};

use crate::error::AppResult;

/// Whether SMTP is configured, the reminder settings, the queue and the email log. Managers.
#[server(prefix = "/api/fn", endpoint = "admin/email")]
pub async fn email_admin_page() -> AppResult<EmailAdmin> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Edit).await?;
    let s = server_state();
    let (pending, failed) = domain::reminders::counts(&s.db).await?;
    Ok(EmailAdmin {
        smtp_configured: s.smtp_summary.is_some(),
        smtp_summary: s.smtp_summary.clone().unwrap_or_default(),
        settings: domain::centre::reminder_settings(s.db.pool()).await?,
        pending,
        failed,
        reminders: domain::reminders::queue(&s.db, 30).await?,
        log: domain::email::recent(&s.db, None, 100).await?,
    })
}

/// Saves when reminders fall due and when the digest goes out. Managers.
#[server(prefix = "/api/fn", endpoint = "admin/reminder-settings")]
pub async fn save_reminder_settings(
    #[server(default)] follow_up_hour: String,
    #[server(default)] session_lead_hours: String,
    #[server(default)] workshop_lead_hours: String,
    #[server(default)] digest_hour: String,
) -> AppResult<ReminderSettings> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Edit).await?;
    // Not a number is out of range: the field gets the allowed range as its message.
    let n = |s: &str| s.trim().parse::<i64>().unwrap_or(i64::MIN);
    let settings = ReminderSettings {
        follow_up_hour: n(&follow_up_hour),
        session_lead_hours: n(&session_lead_hours),
        workshop_lead_hours: n(&workshop_lead_hours),
        digest_hour: n(&digest_hour),
    };
    Ok(domain::centre::save_reminder_settings(&server_state().db, &settings).await?)
}

/// Sends a failed reminder again. Managers.
#[server(prefix = "/api/fn", endpoint = "admin/reminders/retry")]
pub async fn retry_reminder(id: i64) -> AppResult<()> {
    use crate::state::{require, server_state};
    require(types::Module::Admin, types::Action::Edit).await?;
    Ok(domain::reminders::retry(&server_state().db, id).await?)
}
