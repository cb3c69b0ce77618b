//! One question, end to end: gather the facts, ask the model with them (streaming its tokens to
//! the caller), check its answer, and fall back to the built-in assistant when there is no
//! model, when it fails or is too slow, or when its answer does not hold to the facts.

use chrono_tz::Tz;
use types::{AssistantExchange, Locale};

use super::actions;
use super::checker;
use super::facts::{gather, Subject};
use super::fallback;
use super::provider::{stream_chat, ChatMessage, ProviderConfig};
use super::Facts;
use crate::users::User;
use crate::{Db, Result};

pub use super::{Answer, FallbackReason};

/// A question as asked: by whom, about which record, after which earlier exchanges.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    pub user: &'a User,
    pub subject: Option<Subject>,
    pub text: &'a str,
    pub tz: Tz,
    /// The earlier exchanges of this conversation (same user and record), oldest first; the
    /// model sees the last few, so that "¿y la semana que viene?" follows on.
    pub previous: &'a [AssistantExchange],
    /// Signs drafted emails.
    pub centre_name: &'a str,
}

impl<'a> Question<'a> {
    /// A question with no earlier exchanges.
    pub fn new(user: &'a User, subject: Option<Subject>, text: &'a str, tz: Tz) -> Self {
        Question { user, subject, text, tz, previous: &[], centre_name: "" }
    }
}

fn language(locale: Locale) -> &'static str {
    match locale {
        Locale::Es => "Spanish",
        Locale::Eu => "Basque",
        Locale::En => "English",
    }
}

/// How many earlier exchanges the model sees.
const CONTEXT_EXCHANGES: usize = 3;

/// The messages sent to the model: the rules, the facts with their ids, the last exchanges of
/// the conversation, and the question.
pub fn messages(question: &str, facts: &Facts, locale: Locale, previous: &[AssistantExchange]) -> Vec<ChatMessage> {
    let system = format!(
        "You are the assistant of a training centre's CRM. Answer in {} in at most five short sentences, \
         using only the FACTS below. After each statement, cite the id of the fact it comes from in square \
         brackets, like [W12]. Never use an id that is not in the FACTS and never state a number that is not \
         in them. If the FACTS do not answer the question, say so briefly.\n\nFACTS:\n{}",
        language(locale),
        facts.prompt_lines()
    );
    let mut out = vec![ChatMessage { role: "system", content: system }];
    for x in previous.iter().rev().take(CONTEXT_EXCHANGES).rev() {
        out.push(ChatMessage { role: "user", content: x.question.clone() });
        out.push(ChatMessage { role: "assistant", content: x.answer.clone() });
    }
    out.push(ChatMessage { role: "user", content: question.to_string() });
    out
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

/// Answers `q`; `on_token` receives the model's text as it streams and returns `false` to stop
/// it. A question that asks for an action gets the action's proposal instead (no model).
pub async fn answer_question(
    db: &Db,
    client: &reqwest::Client,
    config: &ProviderConfig,
    q: &Question<'_>,
    on_token: impl FnMut(&str) -> bool,
) -> Result<Answer> {
    let (user, question, tz) = (q.user, q.text, q.tz);
    let facts = gather(db, user, q.subject, question, tz).await?;
    let locale = user.locale;
    let cite = q.subject.map(|s| s.cite());
    if let Some(proposal) = actions::propose(db, user, q.subject, question, q.centre_name, tz).await? {
        let (text, action) = match proposal {
            Ok(a) => (actions::proposal_text(&a, cite.as_deref(), locale), Some(a)),
            Err(why) => (why.text(locale).to_string(), None),
        };
        return Ok(Answer {
            links: links(&text, &facts),
            text,
            fallback: Some(FallbackReason::Action),
            refused_text: String::new(),
            action,
        });
    }
    let fallback_answer = |reason: FallbackReason, refused: String| {
        let reply = fallback::answer(question, &facts, cite.as_deref(), locale, tz);
        Answer {
            links: links(&reply.text, &facts),
            text: reply.text,
            fallback: Some(reason),
            refused_text: refused,
            action: None,
        }
    };
    if !config.is_configured() {
        return Ok(fallback_answer(FallbackReason::NotConfigured, String::new()));
    }
    match stream_chat(client, config, &messages(question, &facts, locale, q.previous), on_token).await {
        Err(e) => {
            tracing::warn!(error = %e, "the model gave no answer; the built-in assistant answers");
            Ok(fallback_answer(FallbackReason::ModelFailed(e), String::new()))
        }
        Ok(text) => match checker::check(&text, &facts, question) {
            Ok(()) => Ok(Answer {
                links: links(&text, &facts),
                text,
                fallback: None,
                refused_text: String::new(),
                action: None,
            }),
            Err(r) => {
                tracing::info!(rejection = ?r, "the model's answer did not hold to the facts");
                Ok(fallback_answer(FallbackReason::Rejected(r), text))
            }
        },
    }
}
