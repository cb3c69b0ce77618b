//! `POST /api/assistant/ask`: one question to the assistant, answered as a stream of server-sent
//! events: `token` events with the model's text as it arrives, then one `done` event with the
//! exchange as kept in the history (the checked answer, or the built-in one, with its links), or
//! an `error` event. Closing the connection stops the model.

use std::convert::Infallible;
use std::time::Instant;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::Event;
use axum::response::Response;
use axum::Form;
use domain::assistant::ask::{answer_question, Question};
use domain::assistant::facts::Subject;
use domain::assistant::history;
use serde::Deserialize;
use types::{Action, ApiError, FieldIssue, Module};

use crate::crm_routes::session_with;
use crate::live::sse;
use crate::{api_error, AxumState};

#[derive(Debug, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    pub question: String,
    /// The citation of the record on screen (`W12`), or empty.
    #[serde(default)]
    pub subject: String,
}

pub async fn ask(State(state): State<AxumState>, headers: HeaderMap, Form(form): Form<AskForm>) -> Response {
    let user = match session_with(&state, &headers, Module::Assistant, Action::View).await {
        Ok(u) => u,
        Err(res) => return res,
    };
    let question = form.question.trim().to_string();
    if question.is_empty() || question.chars().count() > 1000 {
        let issue = if question.is_empty() { FieldIssue::Required } else { FieldIssue::TooLong { max: 1000 } };
        return api_error(domain::Error::field("question", issue).to_api());
    }
    let subject = match Subject::parse(&form.subject) {
        Ok(s) => s,
        Err(issue) => return api_error(domain::Error::field("subject", issue).to_api()),
    };
    // Reception asks about workshops only; the facts of anything else are not theirs to see.
    if !user.can(Module::Crm, Action::View) && subject.is_some_and(|s| !matches!(s, Subject::Workshop(_))) {
        return api_error(ApiError::forbidden());
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
    sse(events)
}
