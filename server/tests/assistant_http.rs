//! The assistant through the running server: a question streams back as server-sent events and
//! ends with the kept exchange (here without a model: the built-in answer, marked so), which the
//! history lists and which takes feedback; roles and bad input are refused before anything runs.
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

const STAFF: &str = "javier.moreno@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

/// The events of one answer: (name, data) pairs.
async fn ask(c: &reqwest::Client, app: &TestApp, question: &str, subject: &str) -> (StatusCode, Vec<(String, String)>) {
    let res = c
        .post(app.url("/api/assistant/ask"))
        .form(&[("question", question), ("subject", subject)])
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    let events = body
        .split("\n\n")
        .filter_map(|block| {
            let name = block.lines().find_map(|l| l.strip_prefix("event: "))?.to_string();
            let data = block.lines().filter_map(|l| l.strip_prefix("data: ")).collect::<Vec<_>>().join("\n");
            Some((name, data))
        })
        .collect();
    (status, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_question_streams_back_its_answer_which_is_kept_with_its_links_and_feedback() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (_, workshops) = call(&c, &app, "training/workshops/list", &[]).await;
    let w = &workshops[0];
    let subject = format!("W{}", w["id"]);

    let (status, events) = ask(&c, &app, "¿cuántas plazas quedan?", &subject).await;
    assert_eq!(status, StatusCode::OK);
    let (name, data) = events.last().expect("a final event");
    assert_eq!(name, "done", "{events:?}");
    let done: Value = serde_json::from_str(data).unwrap();
    assert_eq!(done["by_model"], false, "no model is configured: the built-in assistant answers");
    let answer = done["answer"].as_str().unwrap();
    assert!(answer.contains(w["title"].as_str().unwrap()) && answer.contains(&format!("[{subject}]")), "{answer}");
    assert_eq!(done["links"][0], serde_json::json!([subject, format!("/workshops/{}", w["id"])]));

    let (_, history) = call(&c, &app, "assistant/history", &[("subject", &subject)]).await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    let id = done["id"].to_string();
    let (status, voted) =
        call(&c, &app, "assistant/feedback", &[("id", &id), ("vote", "1"), ("comment", "Perfecto")]).await;
    assert_eq!(status, StatusCode::OK, "{voted}");
    assert_eq!(voted["feedback"], 1);

    // Bad input and other people's records are refused before anything runs.
    assert_eq!(ask(&c, &app, "  ", &subject).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ask(&c, &app, "hola", "X9").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    assert_eq!(ask(&r, &app, "resume este cliente", "O1").await.0, StatusCode::FORBIDDEN);
    assert_eq!(ask(&r, &app, "¿cuántas plazas quedan?", &subject).await.0, StatusCode::OK);
    assert_eq!(call(&r, &app, "assistant/feedback", &[("id", &id), ("vote", "-1")]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(ask(&TestApp::client(), &app, "hola", "").await.0, StatusCode::UNAUTHORIZED);
    app.shutdown().await;
}
