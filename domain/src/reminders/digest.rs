//! The daily digest: once a day, at the centre's digest hour, every active user gets (in the app
//! and by email) their overdue follow-ups and today's, the sessions and workshops of the next
//! 24 hours, and their leads without a next action. Digests are reminders like any other: the
//! dedupe key holds the user and the local date, so each user gets one per day however many
//! servers schedule it. An empty digest is not sent.

use chrono::{Datelike, NaiveTime, TimeZone};
use chrono_tz::Tz;
use types::{fmt, Locale, Msg, OrganizationId, UserId};

use super::sources::DIGEST;
use super::{schedule, Channel, Composed, Delivery, NewReminder};
use crate::centre::reminder_settings;
use crate::clock::to_utc;
use crate::crm::fields::from_local;
use crate::{Db, Result};

/// Subject type of a digest: the local day, as `yyyymmdd`.
pub const DAY_SUBJECT: &str = "day";

/// Schedules today's digests if the digest hour has come (idempotent). Returns how many
/// reminders it wrote or confirmed.
pub async fn schedule_digests(db: &Db, at: i64, tz: Tz) -> Result<usize> {
    let settings = reminder_settings(db.pool()).await?;
    let local = tz.timestamp_opt(at, 0).single().unwrap_or_else(|| tz.timestamp_opt(0, 0).unwrap()).naive_local();
    let hour = NaiveTime::from_hms_opt(settings.digest_hour.clamp(0, 23) as u32, 0, 0).unwrap_or_default();
    let Some(due) = from_local(tz, local.date().and_time(hour)) else { return Ok(0) };
    if at < due {
        return Ok(0);
    }
    let day = i64::from(local.year()) * 10_000 + i64::from(local.month()) * 100 + i64::from(local.day());
    let users: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE active = 1 AND role <> 'reception' ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    let mut tx = db.begin_write().await?;
    for (user,) in &users {
        for channel in [Channel::InApp, Channel::Email] {
            schedule(
                &mut *tx,
                &NewReminder {
                    kind: DIGEST,
                    subject_type: DAY_SUBJECT,
                    subject_id: day,
                    channel,
                    user_id: Some(UserId(*user)),
                    person_id: None,
                    email: String::new(),
                    due_at: due,
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(users.len() * 2)
}

/// Open leads (organizations with status lead) of `owner` (or everyone's) without an open
/// follow-up, oldest first.
pub async fn leads_without_next_action(
    db: &Db,
    owner: Option<UserId>,
    limit: i64,
) -> Result<Vec<(OrganizationId, String)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT o.id, o.legal_name FROM organizations o WHERE o.status = 'lead' AND ($1 = 0 OR o.owner_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.organization_id = o.id AND i.next_action_at IS NOT NULL \
         AND i.next_action_done_at IS NULL) ORDER BY o.created_at, o.id LIMIT {}",
        limit.clamp(1, 500)
    ))
    .bind(owner.map(|u| u.0).unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id, name)| (OrganizationId(id), name)).collect())
}

/// The digest of `user` for the local day of `due_at`; `None` when there is nothing to say.
pub async fn compose(d: &Delivery<'_>, user: UserId, l: Locale, due_at: i64) -> Result<Option<Composed>> {
    let db = d.db;
    let local = d.tz.timestamp_opt(due_at, 0).single().map(|t| t.naive_local()).unwrap_or_default();
    let midnight = NaiveTime::from_hms_opt(0, 0, 0).unwrap_or_default();
    let day_start = from_local(d.tz, local.date().and_time(midnight)).unwrap_or(due_at);
    let day_end =
        local.date().succ_opt().and_then(|next| from_local(d.tz, next.and_time(midnight))).unwrap_or(due_at + 86_400);
    let follow_ups: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT i.next_action, i.next_action_at, o.legal_name FROM interactions i \
         LEFT JOIN organizations o ON o.id = i.organization_id \
         WHERE i.next_action_at IS NOT NULL AND i.next_action_done_at IS NULL AND i.next_action_at < $1 \
         AND (i.author_id = $2 OR o.owner_id = $2) ORDER BY i.next_action_at, i.id LIMIT 200",
    )
    .bind(day_end)
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    let (overdue, today): (Vec<_>, Vec<_>) = follow_ups.into_iter().partition(|f| f.1 < day_start);
    let horizon = due_at + 86_400;
    let sessions: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT co.title, o.legal_name, s.starts_at FROM training_sessions s JOIN contracts c ON c.id = s.contract_id \
         JOIN courses co ON co.id = c.course_id JOIN organizations o ON o.id = c.organization_id \
         WHERE s.state = 'scheduled' AND s.starts_at >= $1 AND s.starts_at < $2 \
         AND (s.trainer_id = $3 OR o.owner_id = $3) ORDER BY s.starts_at, s.id LIMIT 100",
    )
    .bind(due_at)
    .bind(horizon)
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    let workshops: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT title, place, starts_at FROM workshops WHERE state IN ('published', 'closed') \
         AND starts_at >= $1 AND starts_at < $2 AND created_by = $3 ORDER BY starts_at, id LIMIT 100",
    )
    .bind(due_at)
    .bind(horizon)
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    let leads = leads_without_next_action(db, Some(user), 50).await?;
    let upcoming = sessions.len() + workshops.len();
    if overdue.is_empty() && today.is_empty() && upcoming == 0 && leads.is_empty() {
        return Ok(None);
    }
    let tz = d.tz;
    let mut body = Msg::DigestCounts
        .text(l)
        .replace("{n}", &overdue.len().to_string())
        .replace("{total}", &today.len().to_string())
        .replace("{from}", &upcoming.to_string())
        .replace("{to}", &leads.len().to_string());
    let follow_up_line = |(action, at, org): &(String, i64, Option<String>)| {
        format!(
            "- {} · {action}{}",
            fmt::date_time(l, to_utc(*at), tz),
            org.as_ref().map(|o| format!(" · {o}")).unwrap_or_default()
        )
    };
    let mut section = |title: Msg, lines: Vec<String>| {
        if !lines.is_empty() {
            body.push_str(&format!("\n\n{}:\n{}", title.text(l), lines.join("\n")));
        }
    };
    section(Msg::DigestOverdue, overdue.iter().map(follow_up_line).collect());
    section(Msg::DigestToday, today.iter().map(follow_up_line).collect());
    let mut next: Vec<(i64, String)> =
        sessions
            .iter()
            .map(|(course, org, at)| (*at, format!("- {} · {course} · {org}", fmt::date_time(l, to_utc(*at), tz))))
            .chain(workshops.iter().map(|(title, place, at)| {
                (*at, format!("- {} · {title} · {place}", fmt::date_time(l, to_utc(*at), tz)))
            }))
            .collect();
    next.sort();
    section(Msg::DigestUpcoming, next.into_iter().map(|(_, s)| s).collect());
    section(Msg::DigestNoNextAction, leads.iter().map(|(_, name)| format!("- {name}")).collect());
    let date = fmt::long_date(l, to_utc(due_at), tz);
    let subject = Msg::MailDigestSubject.text(l).replace("{date}", &date);
    Ok(Some(Composed { template: DIGEST, subject, body, link: "/".into(), organization_id: None }))
}
