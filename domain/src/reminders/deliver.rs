//! Delivering due reminders: claim a batch, compose each from the current data in the
//! recipient's language, write the in-app notification or send the email, log it, and mark the
//! reminder sent or failed. A reminder whose subject no longer applies (the follow-up was done,
//! the session cancelled) is cancelled instead of sent.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use types::{fmt, Locale, Msg, UserId};

use super::sources::{DIGEST, FOLLOW_UP, SESSION, WORKSHOP};
use super::{Reminder, MAX_ATTEMPTS};
use crate::clock::{now, to_utc};
use crate::crm::timeline;
use crate::email;
use crate::notifications::{self, NewNotification};
use crate::{Db, Result};

/// Timeline kind of an email sent to (or failed for) a person.
pub const EMAIL_TIMELINE: &str = "email";

pub use super::{Composed, Delivery};

/// What a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub sent: usize,
    pub failed: usize,
    pub cancelled: usize,
}

/// Claims and delivers up to `limit` reminders due at `at`.
pub async fn deliver_due(d: &Delivery<'_>, at: i64, limit: i64) -> Result<Outcome> {
    let claimed = super::claim_due(d.db, d.worker, at, limit).await?;
    let mut out = Outcome::default();
    for r in claimed {
        match deliver_one(d, &r, at).await {
            Ok(Some(true)) => out.sent += 1,
            Ok(Some(false)) => out.failed += 1,
            Ok(None) => out.cancelled += 1,
            Err(e) => {
                // The database failed mid-delivery: the claim's lease returns the row later.
                e.log();
                out.failed += 1;
            }
        }
    }
    if out != Outcome::default() {
        tracing::info!(sent = out.sent, failed = out.failed, cancelled = out.cancelled, "reminders delivered");
    }
    Ok(out)
}

struct Recipient {
    name: String,
    email: String,
    locale: Locale,
    user_id: Option<i64>,
}

async fn recipient(db: &Db, r: &Reminder, default_locale: Locale) -> Result<Option<Recipient>> {
    if let Some(user) = r.user_id {
        let row: Option<(String, String, String, i64)> =
            sqlx::query_as("SELECT name, email, locale, active FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(db.pool())
                .await?;
        return Ok(row.filter(|u| u.3 == 1).map(|(name, email, locale, _)| Recipient {
            name,
            email,
            locale: Locale::parse(&locale).unwrap_or_default(),
            user_id: Some(user),
        }));
    }
    let name: Option<(String,)> = match r.person_id {
        Some(p) => {
            sqlx::query_as("SELECT first_name FROM people WHERE id = $1").bind(p).fetch_optional(db.pool()).await?
        }
        None => None,
    };
    Ok(Some(Recipient {
        name: name.map(|n| n.0).unwrap_or_default(),
        email: r.email.clone(),
        locale: default_locale,
        user_id: None,
    }))
}

/// `Some(true)` sent, `Some(false)` failed (maybe to be retried), `None` cancelled.
/// `batch_at` is the time the batch ran for; retries are scheduled from it (or from now if later).
async fn deliver_one(d: &Delivery<'_>, r: &Reminder, batch_at: i64) -> Result<Option<bool>> {
    let Some(to) = recipient(d.db, r, d.default_locale).await? else { return cancel(d.db, r.id).await };
    let composed = match r.kind.as_str() {
        FOLLOW_UP => compose_follow_up(d, r, to.locale).await?,
        SESSION => compose_session(d, r, to.locale).await?,
        WORKSHOP => compose_workshop(d, r, to.locale).await?,
        DIGEST => match to.user_id {
            Some(u) => super::digest::compose(d, UserId(u), to.locale, r.due_at).await?,
            None => None,
        },
        _ => None,
    };
    let Some(c) = composed else { return cancel(d.db, r.id).await };
    let at = now().max(batch_at);
    if r.channel == "in_app" {
        let Some(user) = to.user_id else { return cancel(d.db, r.id).await };
        let title = if c.template == DIGEST { Msg::NotifDigest.text(to.locale).to_string() } else { c.subject.clone() };
        let mut tx = d.db.begin_write().await?;
        notifications::create(
            &mut *tx,
            &NewNotification {
                user_id: user,
                kind: c.template,
                title: &title,
                body: &c.body,
                link: &c.link,
                reminder_id: Some(r.id),
            },
        )
        .await?;
        if !mark_delivered(&mut tx, r, at).await? {
            drop(tx);
            return requeue(d.db, r.id).await;
        }
        tx.commit().await?;
        d.hub.notify(UserId(user));
        return Ok(Some(true));
    }
    let body = email_body(&to, &c, d.base_url);
    let mut entry = email::LogEntry {
        reminder_id: Some(r.id),
        recipient: &to.email,
        subject: &c.subject,
        template: c.template,
        locale: to.locale.tag(),
        status: "sent",
        error: "",
        attempts: r.attempts,
        user_id: to.user_id,
        person_id: r.person_id,
        organization_id: c.organization_id,
    };
    let Some(mailer) = d.mailer else {
        entry.status = "not_configured";
        entry.error = "SMTP is not configured";
        email::log(d.db.pool(), &entry).await?;
        give_up(d.db, r.id, "SMTP is not configured", at).await?;
        return Ok(Some(false));
    };
    let message_id = format!("<reminder-{}.{}@aula>", r.id, r.due_at);
    // The outbox first: a message the server already accepted is never sent again, even if what
    // followed its sending failed (the lease then hands the reminder back, and this finishes it).
    let sent = match outbox_state(d.db, r.id, &message_id).await? {
        OutboxState::Sent => Ok(()),
        OutboxState::ToSend => mailer.send(&to.email, &c.subject, &body, &message_id).await,
    };
    match sent {
        Ok(()) => {
            mark_outbox_sent(d.db, &message_id).await?;
            let mut tx = d.db.begin_write().await?;
            email::log(&mut *tx, &entry).await?;
            record_on_timeline(&mut tx, r, &c, &to, "sent").await?;
            let delivered = mark_delivered(&mut tx, r, at).await?;
            tx.commit().await?;
            if !delivered {
                // Rescheduled while it was being sent: the new time goes out too.
                return requeue(d.db, r.id).await;
            }
            Ok(Some(true))
        }
        Err(e) => {
            let error = e.to_string();
            tracing::warn!(reminder_id = r.id, attempts = r.attempts, error = %error, "email not sent");
            let last = r.attempts >= MAX_ATTEMPTS;
            entry.status = if last { "failed" } else { "retrying" };
            entry.error = &error;
            let mut tx = d.db.begin_write().await?;
            email::log(&mut *tx, &entry).await?;
            if last {
                record_on_timeline(&mut tx, r, &c, &to, "failed").await?;
            }
            tx.commit().await?;
            super::mark_failed(d.db, r.id, &error, at).await?;
            Ok(Some(false))
        }
    }
}

/// Whether the message is still to be sent or the SMTP server already took it.
enum OutboxState {
    ToSend,
    Sent,
}

/// Records that `message_id` is about to be sent (once), and answers whether it already was.
async fn outbox_state(db: &Db, reminder_id: i64, message_id: &str) -> Result<OutboxState> {
    sqlx::query(
        "INSERT INTO email_outbox (message_id, reminder_id, state, created_at) VALUES ($1, $2, 'sending', $3) \
         ON CONFLICT (message_id) DO NOTHING",
    )
    .bind(message_id)
    .bind(reminder_id)
    .bind(now())
    .execute(db.pool())
    .await?;
    let (state,): (String,) = sqlx::query_as("SELECT state FROM email_outbox WHERE message_id = $1")
        .bind(message_id)
        .fetch_one(db.pool())
        .await?;
    if state == "sent" {
        tracing::info!(reminder_id, "reminder email already accepted by the server: finishing without resending");
        return Ok(OutboxState::Sent);
    }
    Ok(OutboxState::ToSend)
}

/// Notes that the SMTP server accepted `message_id`: the smallest write, right after sending.
async fn mark_outbox_sent(db: &Db, message_id: &str) -> Result<()> {
    sqlx::query("UPDATE email_outbox SET state = 'sent', sent_at = $1 WHERE message_id = $2 AND state = 'sending'")
        .bind(now())
        .bind(message_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

async fn record_on_timeline(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    r: &Reminder,
    c: &Composed,
    to: &Recipient,
    status: &str,
) -> Result<()> {
    if r.person_id.is_none() && c.organization_id.is_none() {
        return Ok(());
    }
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: if r.person_id.is_some() { None } else { c.organization_id },
            person_id: r.person_id,
            kind: EMAIL_TIMELINE,
            at: now(),
            actor: None,
            ref_id: Some(r.id),
            data: serde_json::json!({ "subject": c.subject, "template": c.template, "status": status, "recipient": to.email }),
        },
    )
    .await
}

/// Marks a claimed reminder sent if its due time is still the one delivered; `false` when it was
/// rescheduled in the meantime.
async fn mark_delivered(tx: &mut sqlx::Transaction<'static, sqlx::Any>, r: &Reminder, at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE reminders SET state = 'sent', sent_at = $1, last_error = '', updated_at = $1 \
         WHERE id = $2 AND state = 'sending' AND due_at = $3",
    )
    .bind(at)
    .bind(r.id)
    .bind(r.due_at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a claimed reminder back in the queue (its subject changed while it was being sent).
async fn requeue(db: &Db, id: i64) -> Result<Option<bool>> {
    sqlx::query("UPDATE reminders SET state = 'pending', claimed_by = NULL, updated_at = $1 WHERE id = $2 AND state = 'sending'")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(None)
}

async fn cancel(db: &Db, id: i64) -> Result<Option<bool>> {
    sqlx::query("UPDATE reminders SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = 'sending'")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(None)
}

/// Ends a reminder as failed without retrying (nothing a retry could fix).
async fn give_up(db: &Db, id: i64, error: &str, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE reminders SET state = 'failed', last_error = $1, updated_at = $2 WHERE id = $3 AND state = 'sending'",
    )
    .bind(error)
    .bind(at)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

fn email_body(to: &Recipient, c: &Composed, base_url: &str) -> String {
    let l = to.locale;
    let mut s = String::new();
    if !to.name.is_empty() {
        s.push_str(&Msg::MailGreeting.text(l).replace("{name}", &to.name));
        s.push_str("\n\n");
    }
    s.push_str(&c.subject);
    s.push_str("\n\n");
    s.push_str(&c.body);
    if !c.link.is_empty() {
        s.push_str(&format!("\n\n{}: {}{}", Msg::MailOpen.text(l), base_url.trim_end_matches('/'), c.link));
    }
    s.push_str("\n\n-- \n");
    s.push_str(Msg::MailFooter.text(l));
    s.push('\n');
    s
}

fn when(l: Locale, starts: DateTime<Utc>, ends: Option<DateTime<Utc>>, tz: Tz) -> String {
    match ends {
        Some(e) => format!("{} {}–{}", fmt::date(l, starts, tz), fmt::time(starts, tz), fmt::time(e, tz)),
        None => fmt::date_time(l, starts, tz),
    }
}

async fn compose_follow_up(d: &Delivery<'_>, r: &Reminder, l: Locale) -> Result<Option<Composed>> {
    type Row = (
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT i.next_action, i.next_action_at, i.next_action_done_at, i.organization_id, i.person_id, o.legal_name, \
         p.first_name, p.last_name, i.description FROM interactions i LEFT JOIN organizations o ON o.id = i.organization_id \
         LEFT JOIN people p ON p.id = i.person_id WHERE i.id = $1",
    )
    .bind(r.subject_id)
    .fetch_optional(d.db.pool())
    .await?;
    let Some((action, Some(due), None, org, person, org_name, first, last, description)) = row else { return Ok(None) };
    let who = match (org_name, first) {
        (Some(o), Some(f)) => format!("{o} · {f} {}", last.unwrap_or_default()),
        (Some(o), None) => o,
        (None, Some(f)) => format!("{f} {}", last.unwrap_or_default()),
        (None, None) => String::new(),
    };
    let link = match (org, person) {
        (Some(o), _) => format!("/clients/{o}"),
        (None, Some(p)) => format!("/people/{p}"),
        _ => String::new(),
    };
    let template = FOLLOW_UP;
    let subject = if r.channel == "in_app" {
        Msg::NotifFollowUp.text(l).replace("{name}", &action)
    } else {
        Msg::MailFollowUpSubject.text(l).replace("{name}", &action)
    };
    let mut body = format!(
        "{}: {}\n{}: {}",
        Msg::MailWhen.text(l),
        fmt::date_time(l, to_utc(due), d.tz),
        Msg::MailClient.text(l),
        who.trim()
    );
    if !description.is_empty() && r.channel == "email" {
        body.push_str(&format!("\n\n{description}"));
    }
    Ok(Some(Composed { template, subject, body, link, organization_id: org }))
}

async fn compose_session(d: &Delivery<'_>, r: &Reminder, l: Locale) -> Result<Option<Composed>> {
    let Ok(s) = crate::training::sessions::get_session(d.db, types::SessionId(r.subject_id)).await else {
        return Ok(None);
    };
    let (Some(starts), true) = (s.starts_at, s.state == types::SessionState::Scheduled) else { return Ok(None) };
    if starts.timestamp() <= now() - 3600 {
        return Ok(None);
    }
    let (org,): (i64,) = sqlx::query_as("SELECT organization_id FROM contracts WHERE id = $1")
        .bind(s.contract_id.0)
        .fetch_one(d.db.pool())
        .await?;
    let place = [s.room_name.clone().unwrap_or_default(), s.address.clone(), s.video_link.clone()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let date = when(l, starts, s.ends_at, d.tz);
    let subject = if r.channel == "in_app" {
        Msg::NotifSession.text(l).replace("{name}", &s.course_title)
    } else {
        Msg::MailSessionSubject
            .text(l)
            .replace("{name}", &s.course_title)
            .replace("{date}", &fmt::date(l, starts, d.tz))
    };
    let mut body = format!("{}: {date}\n{}: {place}", Msg::MailWhen.text(l), Msg::MailWhere.text(l));
    if let Some(t) = &s.trainer_name {
        body.push_str(&format!("\n{}: {t}", Msg::MailTrainer.text(l)));
    }
    if r.user_id.is_some() {
        body.push_str(&format!("\n{}: {} · {}", Msg::MailClient.text(l), s.organization_name, s.file_number));
    }
    let link = if r.user_id.is_some() { format!("/sessions/{}", s.id) } else { String::new() };
    Ok(Some(Composed { template: SESSION, subject, body, link, organization_id: Some(org) }))
}

async fn compose_workshop(d: &Delivery<'_>, r: &Reminder, l: Locale) -> Result<Option<Composed>> {
    let Ok(w) = crate::training::workshops::get_workshop(d.db, types::WorkshopId(r.subject_id)).await else {
        return Ok(None);
    };
    if !matches!(w.state, types::WorkshopState::Published | types::WorkshopState::Closed)
        || w.starts_at.timestamp() <= now() - 3600
    {
        return Ok(None);
    }
    let subject = if r.channel == "in_app" {
        Msg::NotifWorkshop.text(l).replace("{name}", &w.title)
    } else {
        Msg::MailWorkshopSubject.text(l).replace("{name}", &w.title).replace("{date}", &fmt::date(l, w.starts_at, d.tz))
    };
    let body = format!(
        "{}: {}\n{}: {}",
        Msg::MailWhen.text(l),
        when(l, w.starts_at, Some(w.ends_at), d.tz),
        Msg::MailWhere.text(l),
        w.place
    );
    let link = if r.user_id.is_some() { format!("/workshops/{}", w.id) } else { format!("/talleres/{}", w.id) };
    Ok(Some(Composed { template: WORKSHOP, subject, body, link, organization_id: None }))
}
