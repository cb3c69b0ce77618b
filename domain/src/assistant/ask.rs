//! One question, end to end: gather the facts, ask the model with them (streaming its tokens to
//! the caller), check its answer, and fall back to the built-in assistant when there is no
//! model, when it fails or is too slow, or when its answer does not hold to the facts.

use chrono_tz::Tz;
use types::Locale;

use super::checker::{self, Rejection};
use super::facts::{gather, Subject};
use super::fallback;
use super::provider::{stream_chat, ChatMessage, ProviderConfig, ProviderError};
use super::Facts;
use crate::users::User;
use crate::{Db, Result};

/// Why the built-in assistant answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FallbackReason {
    NotConfigured,
    ModelFailed(ProviderError),
    Rejected(Rejection),
}

/// The answer shown: its text with citations, who wrote it, and the citations' links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    /// `None` when the model's answer passed the check; the reason otherwise.
    pub fallback: Option<FallbackReason>,
    /// (citation, link) for each fact the text cites, in order of first mention.
    pub links: Vec<(String, String)>,
    /// The model's own text when it was refused (kept for the admin page), else empty.
    pub refused_text: String,
}

fn language(locale: Locale) -> &'static str {
    match locale {
        Locale::Es => "Spanish",
        Locale::Eu => "Basque",
        Locale::En => "English",
    }
}

/// The messages sent to the model: the rules, the facts with their ids, and the question.
pub fn messages(question: &str, facts: &Facts, locale: Locale) -> Vec<ChatMessage> {
    let system = format!(
        "You are the assistant of a training centre's CRM. Answer in {} in at most five short sentences, \
         using only the FACTS below. After each statement, cite the id of the fact it comes from in square \
         brackets, like [W12]. Never use an id that is not in the FACTS and never state a number that is not \
         in them. If the FACTS do not answer the question, say so briefly.\n\nFACTS:\n{}",
        language(locale),
        facts.prompt_lines()
    );
    vec![ChatMessage { role: "system", content: system }, ChatMessage { role: "user", content: question.to_string() }]
}

/// The (citation, link) pairs of `text`, first mention first, for facts that have a link.
pub fn links(text: &str, facts: &Facts) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for c in checker::citations(text) {
        if out.iter().any(|(seen, _)| *seen == c) {
            continue;
        }
        if let Some(f) = facts.get(&c) {
            out.push((c, f.href.clone()));
        }
    }
    out
}

/// Answers `question` for `user` about `subject`; `on_token` receives the model's text as it
/// streams and returns `false` to stop it.
#[allow(clippy::too_many_arguments)]
pub async fn answer_question(
    db: &Db,
    client: &reqwest::Client,
    config: &ProviderConfig,
    user: &User,
    subject: Option<Subject>,
    question: &str,
    tz: Tz,
    on_token: impl FnMut(&str) -> bool,
) -> Result<Answer> {
    let facts = gather(db, user, subject, question, tz).await?;
    let locale = user.locale;
    let cite = subject.map(|s| s.cite());
    let fallback_answer = |reason: FallbackReason, refused: String| {
        let reply = fallback::answer(question, &facts, cite.as_deref(), locale, tz);
        Answer { links: links(&reply.text, &facts), text: reply.text, fallback: Some(reason), refused_text: refused }
    };
    if !config.is_configured() {
        return Ok(fallback_answer(FallbackReason::NotConfigured, String::new()));
    }
    match stream_chat(client, config, &messages(question, &facts, locale), on_token).await {
        Err(e) => {
            tracing::warn!(error = %e, "the model gave no answer; the built-in assistant answers");
            Ok(fallback_answer(FallbackReason::ModelFailed(e), String::new()))
        }
        Ok(text) => match checker::check(&text, &facts, question) {
            Ok(()) => Ok(Answer { links: links(&text, &facts), text, fallback: None, refused_text: String::new() }),
            Err(r) => {
                tracing::info!(rejection = ?r, "the model's answer did not hold to the facts");
                Ok(fallback_answer(FallbackReason::Rejected(r), text))
            }
        },
    }
}
