//! Centre-wide settings a manager changes in the UI: when reminders fall due and when the daily
//! digest goes out. Stored as key/value rows; a missing row means the default.

use sqlx::{Any, Executor};
use types::{FieldIssue, ReminderSettings};

use crate::clock::now;
use crate::error::Problems;
use crate::Result;

const KEYS: [&str; 4] = ["follow_up_hour", "session_lead_hours", "workshop_lead_hours", "digest_hour"];

/// The defaults: follow-ups at 08:00, sessions and workshops 24 h ahead, digest at 07:00.
pub fn default_settings() -> ReminderSettings {
    ReminderSettings { follow_up_hour: 8, session_lead_hours: 24, workshop_lead_hours: 24, digest_hour: 7 }
}

/// The reminder settings in force.
pub async fn reminder_settings<'e, E: Executor<'e, Database = Any>>(exec: E) -> Result<ReminderSettings> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM centre_settings").fetch_all(exec).await?;
    let mut s = default_settings();
    for (key, value) in rows {
        let Ok(v) = value.parse::<i64>() else { continue };
        match key.as_str() {
            "follow_up_hour" => s.follow_up_hour = v,
            "session_lead_hours" => s.session_lead_hours = v,
            "workshop_lead_hours" => s.workshop_lead_hours = v,
            "digest_hour" => s.digest_hour = v,
            _ => {}
        }
    }
    Ok(s)
}

/// Saves the reminder settings after checking their ranges (hours 0–23, leads 1–336 h); the
/// pending reminders of sessions and workshops move to the new lead times. The changed values
/// are audited.
pub async fn save_reminder_settings(db: &crate::Db, s: &ReminderSettings) -> Result<ReminderSettings> {
    let mut p = Problems::default();
    for (field, v, lo, hi) in [
        ("follow_up_hour", s.follow_up_hour, 0, 23),
        ("session_lead_hours", s.session_lead_hours, 1, 336),
        ("workshop_lead_hours", s.workshop_lead_hours, 1, 336),
        ("digest_hour", s.digest_hour, 0, 23),
    ] {
        if v < lo || v > hi {
            p.add(field, FieldIssue::OutOfRange { min: lo, max: hi });
        }
    }
    p.finish()?;
    let values = [s.follow_up_hour, s.session_lead_hours, s.workshop_lead_hours, s.digest_hour];
    let mut tx = db.begin_write().await?;
    let before = reminder_settings(&mut *tx).await?;
    let at = now();
    for (key, value) in KEYS.iter().zip(values) {
        sqlx::query(
            "INSERT INTO centre_settings (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(*key)
        .bind(value.to_string())
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    // New lead times move the pending reminders (those already sent stay sent).
    for (kind, old_lead, new_lead) in [
        ("session", before.session_lead_hours, s.session_lead_hours),
        ("workshop", before.workshop_lead_hours, s.workshop_lead_hours),
    ] {
        let shift = (old_lead - new_lead) * 3600;
        if shift != 0 {
            sqlx::query(
                "UPDATE reminders SET due_at = due_at + $1, next_attempt_at = next_attempt_at + $1, updated_at = $2 \
                 WHERE kind = $3 AND state = 'pending'",
            )
            .bind(shift)
            .bind(at)
            .bind(kind)
            .execute(&mut *tx)
            .await?;
        }
    }
    let old = [before.follow_up_hour, before.session_lead_hours, before.workshop_lead_hours, before.digest_hour];
    let changes: Vec<types::FieldChange> = KEYS
        .iter()
        .zip(old.into_iter().zip(values))
        .filter(|(_, (a, b))| a != b)
        .map(|(k, (a, b))| types::FieldChange {
            field: k.to_string(),
            before: Some(a.to_string()),
            after: Some(b.to_string()),
        })
        .collect();
    if !changes.is_empty() {
        let entry = crate::audit::Entry::of("admin", "centre_settings", 0, "update", None);
        crate::audit::record_changes(&mut tx, &entry, &changes).await?;
    }
    tx.commit().await?;
    reminder_settings(db.pool()).await
}
