//! The assistant on the wire: a question and its answer as the history shows them, and the
//! usage figures of the admin page.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Msg;

/// One question and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistantExchange {
    pub id: i64,
    /// The citation of the record on screen (`W12`), or empty.
    pub subject: String,
    pub question: String,
    /// The answer with its citations written in (`[W12]`).
    pub answer: String,
    /// `false` when the built-in assistant answered ("answered without AI").
    pub by_model: bool,
    /// (citation, link) for each cited fact.
    pub links: Vec<(String, String)>,
    /// −1, 0 or 1.
    pub feedback: i64,
    pub comment: String,
    pub created_at: DateTime<Utc>,
    /// What the assistant proposes to do, if anything; nothing is written until it is confirmed.
    pub action: Option<AssistantAction>,
    /// `proposed`, `done` or `dismissed` (empty without an action).
    pub action_state: String,
    /// Where the confirmed action's result is (the timeline, the opportunity), else empty.
    pub action_href: String,
}

/// An action the assistant proposes. The user may adjust the text fields before confirming;
/// confirming runs it through the same domain functions and role checks as the pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AssistantAction {
    /// Log a follow-up on the record: an interaction whose next action is due on `due`
    /// (a local `YYYY-MM-DD`), with a reminder.
    FollowUp {
        organization_id: Option<i64>,
        person_id: Option<i64>,
        /// Who it is about, for the card.
        about: String,
        next_action: String,
        due: String,
    },
    /// Send an email to a contact through the centre's mail server; it is logged on the timeline.
    Email {
        organization_id: Option<i64>,
        person_id: Option<i64>,
        to: String,
        to_name: String,
        subject: String,
        body: String,
    },
    /// Move an opportunity to another stage (the lost stage asks for a reason).
    MoveOpportunity { opportunity_id: i64, title: String, stage_id: i64, stage_name: String, needs_reason: bool },
}

/// How the assistant has been used over a period, for the admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AssistantUsage {
    pub questions: i64,
    pub by_model: i64,
    pub without_model: i64,
    /// Fallback reason (`not_configured`, `timeout`, `rejected`…) and how often.
    pub reasons: Vec<(String, i64)>,
    pub thumbs_up: i64,
    pub thumbs_down: i64,
    pub users: i64,
    /// The latest answers that got a thumbs down, newest first.
    pub disliked: Vec<AssistantExchange>,
}

/// The assistant's admin page: the provider's settings (never its key), whether it answers,
/// exactly what a question sends it, and the usage and feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AssistantAdmin {
    pub configured: bool,
    /// `{base}/chat/completions`, empty when not configured.
    pub endpoint: String,
    pub model: String,
    pub timeout_secs: i64,
    /// Whether an API key is set (the key itself never leaves the server).
    pub key_set: bool,
    /// `ok`, `not_configured`, `timeout`, `error_status`, `unreachable` or `malformed`.
    pub reachable: String,
    /// The models the endpoint lists, when it answered.
    pub models_listed: i64,
    /// The JSON body a question asked here, with no record open, would send.
    pub sample_request: String,
    /// The fields of each kind of fact put in the prompt.
    pub fact_fields: Vec<String>,
    pub days: i64,
    pub usage: AssistantUsage,
}

/// The translated name of a fallback reason code (`timeout` → "tiempo agotado").
pub fn fallback_reason_label(code: &str) -> Msg {
    match code {
        "action" => Msg::AsstReasonAction,
        "timeout" => Msg::AsstReasonTimeout,
        "error_status" => Msg::AsstReasonErrorStatus,
        "malformed" => Msg::AsstReasonMalformed,
        "unreachable" => Msg::AsstReasonUnreachable,
        "rejected" => Msg::AsstReasonRejected,
        _ => Msg::AsstReasonNotConfigured,
    }
}
