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

const MANAGER: &str = "marta.iglesias@aula.example";

/// The exchange an answer ended with.
fn done(events: &[(String, String)]) -> Value {
    let (name, data) = events.last().expect("a final event");
    assert_eq!(name, "done", "{events:?}");
    serde_json::from_str(data).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_proposed_follow_up_is_written_only_when_its_owner_confirms_it_over_http() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let token = token_for(&app, STAFF).await;
    let (_, orgs) = api(&app, &token, reqwest::Method::GET, "/organizations", None).await;
    let org = orgs["data"][0]["id"].as_i64().expect("an organization");
    let subject = format!("O{org}");
    let count = || {
        let (app, token) = (&app, &token);
        async move {
            let path = format!("/interactions?organization_id={org}");
            let (_, page) = api(app, token, reqwest::Method::GET, &path, None).await;
            page["total"].as_i64().unwrap_or_else(|| panic!("{page}"))
        }
    };
    let before = count().await;

    let x = done(&ask(&c, &app, "Recuérdame llamarles el viernes", &subject).await.1);
    assert_eq!(x["action"]["type"], "follow_up", "{x}");
    assert_eq!(x["action_state"], "proposed");
    assert_eq!(count().await, before, "a proposal writes nothing");
    let id = x["id"].to_string();

    // Reception may not confirm; another user cannot see the proposal.
    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    assert_eq!(call(&r, &app, "assistant/confirm", &[("id", &id)]).await.0, StatusCode::FORBIDDEN);
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(call(&m, &app, "assistant/confirm", &[("id", &id)]).await.0, StatusCode::NOT_FOUND);

    // A bad date is refused on its field, then the adjusted proposal is written once.
    let (status, body) = call(&c, &app, "assistant/confirm", &[("id", &id), ("next_action_at", "mañana")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "next_action_at");
    assert!(!body.to_string().contains("sqlx"));
    let (status, confirmed) =
        call(&c, &app, "assistant/confirm", &[("id", &id), ("next_action", "Llamar por las fechas de enero")]).await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["action_state"], "done");
    assert_eq!(confirmed["action_href"], format!("/clients/{org}?tab=timeline"));
    assert_eq!(count().await, before + 1);
    assert_eq!(call(&c, &app, "assistant/confirm", &[("id", &id)]).await.0, StatusCode::CONFLICT);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_admin_page_says_whether_the_model_answers_and_what_is_sent_but_never_the_key() {
    // A stand-in endpoint that lists two models.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let router = axum::Router::new().route(
        "/v1/models",
        axum::routing::get(|| async { axum::Json(serde_json::json!({ "data": [{ "id": "a" }, { "id": "b" }] })) }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let app = TestApp::spawn_with(|s| {
        s.ai_base_url = base.clone();
        s.ai_model = "smollm2".into();
        s.ai_api_key = "sk-very-secret".into();
        s.ai_timeout_secs = 5;
    })
    .await;
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (status, a) = call(&m, &app, "admin/assistant", &[("days", "7")]).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!((a["configured"].as_bool(), a["reachable"].as_str()), (Some(true), Some("ok")));
    assert_eq!(a["models_listed"], 2);
    assert_eq!(a["endpoint"], format!("{base}/chat/completions"));
    assert_eq!(a["key_set"], true);
    assert_eq!(a["days"], 7);
    let sample: Value = serde_json::from_str(a["sample_request"].as_str().unwrap()).unwrap();
    assert_eq!(sample["model"], "smollm2");
    assert_eq!(sample["stream"], true);
    assert_eq!(sample["messages"][0]["role"], "system");
    assert!(sample["messages"][0]["content"].as_str().unwrap().contains("FACTS:"));
    assert!(!a.to_string().contains("sk-very-secret"), "the key never leaves the server");
    let page = m.get(app.url("/admin/assistant")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"ai-status\"") && !page.contains("sk-very-secret"));

    let s = app.signed_in(STAFF, DEMO_PASSWORD).await;
    assert_eq!(call(&s, &app, "admin/assistant", &[]).await.0, StatusCode::FORBIDDEN);
    app.shutdown().await;

    // Nothing listening: configured but not reachable.
    let app = TestApp::spawn_with(|s| {
        s.ai_base_url = "http://127.0.0.1:9/v1".into();
        s.ai_model = "smollm2".into();
    })
    .await;
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (_, a) = call(&m, &app, "admin/assistant", &[]).await;
    assert_eq!(
        (a["reachable"].as_str(), a["key_set"].as_bool(), a["days"].as_i64()),
        (Some("unreachable"), Some(false), Some(30))
    );
    app.shutdown().await;
}
