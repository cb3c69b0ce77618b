//! The assistant on the wire: a question and its answer as the history shows them, and the
//! usage figures of the admin page.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
