//! Email: the SMTP transport (lettre), configured by the server's settings, and the email log.
//! Without SMTP settings there is no [`Mailer`]; email reminders then end as `not_configured`
//! in the log and the admin page says so.

use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::{Any, Executor, FromRow};
use types::EmailLogView;

use crate::clock::{now, to_utc};
use crate::{Db, Result};

/// How to reach the SMTP server.
#[derive(Clone, Default)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: String,
    /// Never logged or serialized.
    pub password: String,
    /// `none` (plain, for a relay on the same host), `starttls` or `tls`.
    pub security: String,
    /// The sender, e.g. `Aula <aula@centro.example>`.
    pub from: String,
    pub timeout_secs: u64,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &if self.password.is_empty() { "" } else { "[redacted]" })
            .field("security", &self.security)
            .field("from", &self.from)
            .finish()
    }
}

/// Why a mailer could not be built or a message not sent (the text goes to the log and the
/// admin page, never to the recipient).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid sender or recipient address: {0}")]
    Address(String),
    #[error("invalid SMTP setting: {0}")]
    Setting(String),
    #[error("{0}")]
    Smtp(String),
}

/// Sends email through one SMTP server (pooled connections).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    summary: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("server", &self.summary).finish()
    }
}

impl Mailer {
    /// A mailer for `config`; `None` when no host is set.
    pub fn from_config(config: &SmtpConfig) -> std::result::Result<Option<Mailer>, MailError> {
        if config.host.trim().is_empty() {
            return Ok(None);
        }
        let from: Mailbox = config.from.parse().map_err(|_| MailError::Address(config.from.clone()))?;
        let host = config.host.trim();
        let tls = match config.security.as_str() {
            "" | "none" => Tls::None,
            "starttls" | "tls" => {
                let params = TlsParameters::new(host.into()).map_err(|e| MailError::Setting(e.to_string()))?;
                if config.security == "tls" {
                    Tls::Wrapper(params)
                } else {
                    Tls::Required(params)
                }
            }
            other => return Err(MailError::Setting(format!("smtp_security={other}"))),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(config.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(config.timeout_secs.max(1))));
        if !config.username.is_empty() {
            builder = builder.credentials(Credentials::new(config.username.clone(), config.password.clone()));
        }
        let summary = format!(
            "{host}:{} ({}) · {}",
            config.port,
            if config.security.is_empty() { "none" } else { &config.security },
            from
        );
        Ok(Some(Mailer { transport: builder.build(), from, summary }))
    }

    /// `host:port (security) · sender`, for the admin page.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Sends one plain-text message. `message_id` is stable per reminder, so a receiver can
    /// tell a repeated delivery.
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        message_id: &str,
    ) -> std::result::Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_string()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(message_id.to_string()))
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| MailError::Smtp(e.to_string()))?;
        self.transport.send(message).await.map_err(|e| {
            // The server's own words go to the log; the admin page gets the kind and the code.
            tracing::warn!(error = %e, "SMTP delivery failed");
            MailError::Smtp(smtp_problem(&e))
        })?;
        Ok(())
    }
}

/// A short, stable description of an SMTP failure: its kind and reply code.
fn smtp_problem(e: &lettre::transport::smtp::Error) -> String {
    let kind = if e.is_transient() {
        "temporary refusal"
    } else if e.is_permanent() {
        "permanent refusal"
    } else if e.is_timeout() {
        "timeout"
    } else {
        "connection failed"
    };
    match e.status() {
        Some(code) => format!("{kind} ({code})"),
        None => kind.to_string(),
    }
}

/// One email's entry in the log.
pub struct LogEntry<'a> {
    pub reminder_id: Option<i64>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub template: &'a str,
    pub locale: &'a str,
    /// `sent`, `retrying`, `failed` or `not_configured`.
    pub status: &'a str,
    pub error: &'a str,
    pub attempts: i64,
    pub user_id: Option<i64>,
    pub person_id: Option<i64>,
    pub organization_id: Option<i64>,
}

/// Writes or updates (by reminder) an email's log entry.
pub async fn log<'e, E: Executor<'e, Database = Any>>(exec: E, e: &LogEntry<'_>) -> Result<()> {
    let at = now();
    let sent_at = (e.status == "sent").then_some(at);
    sqlx::query(
        "INSERT INTO email_log (reminder_id, recipient, subject, template, locale, status, error, attempts, user_id, \
         person_id, organization_id, created_at, updated_at, sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) \
         ON CONFLICT (reminder_id) DO UPDATE SET recipient = excluded.recipient, subject = excluded.subject, \
         status = excluded.status, error = excluded.error, attempts = excluded.attempts, \
         updated_at = excluded.updated_at, sent_at = excluded.sent_at",
    )
    .bind(e.reminder_id)
    .bind(e.recipient)
    .bind(e.subject)
    .bind(e.template)
    .bind(e.locale)
    .bind(e.status)
    .bind(crate::text::clean(e.error).chars().take(500).collect::<String>())
    .bind(e.attempts)
    .bind(e.user_id)
    .bind(e.person_id)
    .bind(e.organization_id)
    .bind(at)
    .bind(sent_at)
    .execute(exec)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: i64,
    recipient: String,
    subject: String,
    template: String,
    status: String,
    error: String,
    attempts: i64,
    created_at: i64,
    updated_at: i64,
    sent_at: Option<i64>,
}

impl From<Row> for EmailLogView {
    fn from(r: Row) -> Self {
        EmailLogView {
            id: r.id,
            recipient: r.recipient,
            subject: r.subject,
            template: r.template,
            status: r.status,
            error: r.error,
            attempts: r.attempts,
            created_at: to_utc(r.created_at),
            updated_at: to_utc(r.updated_at),
            sent_at: r.sent_at.map(to_utc),
        }
    }
}

/// The newest `limit` log entries, optionally only those with `status`.
pub async fn recent(db: &Db, status: Option<&str>, limit: i64) -> Result<Vec<EmailLogView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, recipient, subject, template, status, error, attempts, created_at, updated_at, sent_at \
         FROM email_log WHERE ($1 = '' OR status = $1) ORDER BY updated_at DESC, id DESC LIMIT {}",
        limit.clamp(1, 500)
    ))
    .bind(status.unwrap_or_default())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
