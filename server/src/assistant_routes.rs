//! `POST /api/assistant/ask`: one question to the assistant, answered as a stream of server-sent
//! events: `token` events with the model's text as it arrives, then one `done` event with the
//! exchange as kept in the history (the checked answer, or the built-in one, with its links), or
//! an `error` event. Closing the connection stops the model.

use std::convert::Infallible;
use std::time::Instant;

use axum::extract::State;
use axum::response::sse::Event;
use axum::Form;
use domain::assistant::ask::{answer_question, Question};
use domain::assistant::facts::Subject;
use domain::assistant::history;
use serde::Deserialize;
use types::{Action, ApiError, FieldIssue, Module};

use crate::edge::{Caller, HttpError, HttpResult};
use crate::live::sse;
use crate::AxumState;

#[derive(Debug, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    pub question: String,
    /// The citation of the record on screen (`W12`), or empty.
    #[serde(default)]
    pub subject: String,
}

pub async fn ask(State(state): State<AxumState>, caller: Caller, Form(form): Form<AskForm>) -> HttpResult {
    let user = caller.require(Module::Assistant, Action::View)?.clone();
    let question = form.question.trim().to_string();
    if question.is_empty() || question.chars().count() > 1000 {
        let issue = if question.is_empty() { FieldIssue::Required } else { FieldIssue::TooLong { max: 1000 } };
        return Err(ApiError::field("question", issue).into());
    }
    let subject = Subject::parse(&form.subject).map_err(|issue| HttpError(ApiError::field("subject", issue)))?;
    // Reception asks about workshops only; the facts of anything else are not theirs to see.
    if !user.can(Module::Crm, Action::View) && subject.is_some_and(|s| !matches!(s, Subject::Workshop(_))) {
        return Err(ApiError::forbidden().into());
    }
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let app = state.app.clone();
    let tz = types::fmt::time_zone(&app.time_zone);
    tokio::spawn(async move {
        let started = Instant::now();
        let model = &app.model;
        let tokens = tx.clone();
        let cite = subject.map(|s| s.cite()).unwrap_or_default();
        let previous = history::history(&app.db, user.id, &cite, 3).await.unwrap_or_default();
        let q = Question {
            previous: &previous,
            centre_name: &app.centre_name,
            ..Question::new(&user, subject, &question, tz)
        };
        let result = answer_question(&app.db, &model.client, &model.config, &q, |t| {
            let data = serde_json::json!({ "t": t }).to_string();
            // A closed connection stops the model.
            tokens.send(Event::default().event("token").data(data)).is_ok()
        })
        .await;
        let done = match result {
            Ok(answer) => {
                let ms = started.elapsed().as_millis() as i64;
                history::record(&app.db, user.id, &cite, &question, &answer, &model.config.model, ms).await
            }
            Err(e) => Err(e),
        };
        let event = match done {
            Ok(exchange) => Event::default().event("done").data(serde_json::to_string(&exchange).unwrap_or_default()),
            Err(e) => Event::default().event("error").data(serde_json::to_string(&e.to_api()).unwrap_or_default()),
        };
        let _ = tx.send(event);
    });
    let events =
        futures_util::stream::unfold(
            rx,
            |mut rx| async move { rx.recv().await.map(|e| (Ok::<Event, Infallible>(e), rx)) },
        );
    Ok(sse(events))
}
