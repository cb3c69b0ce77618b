//! The enrollment transaction over real HTTP against a running server, on the backend under test:
//! 200 clients racing for 20 seats held for them, retries with the same idempotency key, the same
//! person twice, the confirmation by the emailed link (real SMTP), the waitlist and its
//! promotion, and the public API's refusals.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use common::*;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use tokio::sync::Barrier;

const STAFF: &str = "javier.moreno@aula.example";

/// A local date-time `days` from now, as the API takes it.
fn in_days(days: i64, hour: u32) -> String {
    let d = domain::clock::utc_now().date_naive() + chrono::Duration::days(days);
    format!("{}T{hour:02}:00", d.format("%Y-%m-%d"))
}

async fn create_workshop(app: &TestApp, token: &str, capacity: i64, state: &str) -> i64 {
    let (status, w) = api(
        app,
        token,
        Method::POST,
        "/workshops",
        Some(json!({
            "title": "Taller de resina epoxi",
            "starts_at": in_days(14, 17),
            "ends_at": in_days(14, 20),
            "place": "Aula 1",
            "capacity": capacity,
            "price_cents": 4500,
            "state": state,
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{w}");
    assert_eq!(w["seats_left"], capacity);
    w["id"].as_i64().unwrap()
}

async fn public_enroll(client: &Client, app: &TestApp, workshop: i64, person: usize, key: &str) -> (StatusCode, Value) {
    let res = client
        .post(app.url(&format!("/api/public/workshops/{workshop}/enrollments")))
        .header("Idempotency-Key", key)
        .json(&json!({
            "first_name": format!("Cliente{person}"),
            "last_name": "Carrera",
            "email": format!("cliente{person}@example.com"),
        }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The public form's pending requests of `workshop`, oldest first.
async fn pending(app: &TestApp, token: &str, workshop: i64) -> Vec<Value> {
    let (status, list) =
        api(app, token, Method::GET, &format!("/workshops/{workshop}/enrollment-requests"), None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_clients_racing_for_twenty_seats_hold_exactly_twenty_and_end_in_a_fair_waitlist() {
    let app = TestApp::spawn_unlimited().await;
    let token = token_for(&app, STAFF).await;
    let workshop = create_workshop(&app, &token, 20, "published").await;

    // Client i asks for person i with key k-i, except: every tenth (i % 10 == 9) sends person i-1
    // again with a key of its own, and i % 10 == 5 retries client i-1's request with its key.
    let plan: Vec<(usize, String)> = (0..200usize)
        .map(|i| match i % 10 {
            9 => (i - 1, format!("k-{i}")),
            5 => (i - 1, format!("k-{}", i - 1)),
            _ => (i, format!("k-{i}")),
        })
        .collect();
    let distinct_people: HashSet<usize> = plan.iter().map(|(p, _)| *p).collect();
    let distinct_keys: HashSet<&String> = plan.iter().map(|(_, k)| k).collect();
    let app = Arc::new(app);
    let start = Arc::new(Barrier::new(plan.len()));
    let mut tasks = Vec::new();
    for (person, key) in plan.clone() {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            let client = Client::new();
            start.wait().await;
            let (status, body) = public_enroll(&client, &app, workshop, person, &key).await;
            (person, key, status, body)
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    let mut held_by_key: HashMap<String, bool> = HashMap::new();
    for (person, key, status, body) in &answers {
        assert_eq!(status, &StatusCode::ACCEPTED, "person {person} key {key}: {body}");
        assert_eq!(body["status"], "pending_confirmation");
        let held = body["seat_held"].as_bool().unwrap();
        assert_eq!(*held_by_key.entry(key.clone()).or_insert(held), held, "a retry answers the first result");
    }
    assert_eq!(held_by_key.values().filter(|h| **h).count(), 20, "exactly twenty seats held");
    let (_, w) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}"), None).await;
    assert_eq!((w["confirmed"].as_i64(), w["held"].as_i64(), w["seats_left"].as_i64()), (Some(0), Some(20), Some(0)));
    let (_, public) = Client::new()
        .get(app.url(&format!("/api/public/workshops/{workshop}")))
        .send()
        .await
        .map(|r| (r.status(), r))
        .unwrap();
    let public: Value = public.json().await.unwrap();
    assert_eq!(public["seats_left"], 0, "held seats are taken seats");
    assert!(public.get("waitlisted").is_none() && public.get("held").is_none(), "the public sees seats, not the queue");

    // Staff confirm every request, oldest first (the visitors' links do the same, see below).
    let requests = pending(&app, &token, workshop).await;
    assert_eq!(requests.len(), distinct_keys.len(), "one request per key");
    for r in &requests {
        let id = r["id"].as_i64().unwrap();
        let (status, body) = api(&app, &token, Method::POST, &format!("/enrollment-requests/{id}/confirm"), None).await;
        // A person's second request was withdrawn when their first was confirmed.
        assert!(status == StatusCode::OK || status == StatusCode::UNPROCESSABLE_ENTITY, "{status} {body}");
    }
    assert!(pending(&app, &token, workshop).await.is_empty());

    let (status, list) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}/enrollments"), None).await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), distinct_people.len(), "zero duplicates");
    let confirmed: Vec<&Value> = list.iter().filter(|e| e["state"] == "confirmed").collect();
    let waitlisted: Vec<&Value> = list.iter().filter(|e| e["state"] == "waitlisted").collect();
    assert_eq!(confirmed.len(), 20);
    assert_eq!(waitlisted.len(), distinct_people.len() - 20);
    let positions: Vec<i64> = waitlisted.iter().map(|e| e["waitlist_position"].as_i64().unwrap()).collect();
    assert_eq!(positions, (1..=waitlisted.len() as i64).collect::<Vec<_>>());
    let (_, w) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}"), None).await;
    assert_eq!((w["confirmed"].as_i64(), w["held"].as_i64(), w["seats_left"].as_i64()), (Some(20), Some(0), Some(0)));

    // A cancellation frees a seat for the head of the waitlist, in the same request.
    let first = confirmed[0]["id"].as_i64().unwrap();
    let (status, c) = api(&app, &token, Method::POST, &format!("/enrollments/{first}/cancel"), None).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(c["promoted"][0]["id"], waitlisted[0]["id"]);
    let (_, w) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}"), None).await;
    assert_eq!((w["confirmed"].as_i64(), w["seats_left"].as_i64()), (Some(20), Some(0)));
    assert_eq!(w["waitlisted"].as_i64(), Some(waitlisted.len() as i64 - 1));
    let app = Arc::try_unwrap(app).ok().expect("no task holds the app");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_visitor_confirms_by_the_emailed_link_with_or_without_javascript() {
    let sink = domain::testing::SmtpSink::start(0);
    let port = sink.port;
    let app = TestApp::spawn_with(|s| {
        TestApp::use_smtp(s, port);
        s.public_url = "https://aula.example".into();
    })
    .await;
    let token = token_for(&app, STAFF).await;
    let workshop = create_workshop(&app, &token, 2, "published").await;
    let client = Client::new();
    let (status, body) = public_enroll(&client, &app, workshop, 1, "link-1").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!((body["seat_held"].as_bool(), body["confirm_by_email"].as_bool()), (Some(true), Some(true)));
    let (status, body) = public_enroll(&client, &app, workshop, 2, "link-2").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");

    // The demo centre's reminders go through the same server: look at the confirmations only.
    let mut mails = Vec::new();
    for _ in 0..100 {
        mails = sink.messages().into_iter().filter(|m| m.contains("Subject: Confirma tu inscripción")).collect();
        if mails.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let to: Vec<&str> = mails.iter().filter_map(|m| m.lines().find(|l| l.starts_with("To: "))).collect();
    assert_eq!(to.len(), 2, "one confirmation email per request: {to:?}");
    let link_in = |to: &str| {
        let m = mails.iter().find(|m| m.contains(&format!("To: {to}"))).expect("an email to that address");
        let link = m.lines().find(|l| l.starts_with("https://aula.example/talleres/confirmar/")).expect("the link");
        link.trim().trim_start_matches("https://aula.example").to_string()
    };

    // Without JavaScript: the page, its button (a form), back to the page, confirmed.
    let browser = TestApp::client();
    let path = link_in("cliente1@example.com");
    let page = browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Confirma tu inscripción") && html.contains("Taller de resina epoxi"), "{html}");
    assert!(html.contains("<form") && !html.contains(".wasm") && !html.contains("hydrate.js"), "no code: {html}");
    let token_value = path.rsplit('/').next().unwrap().to_string();
    let res = browser
        .post(app.url("/api/fn/public/enrollment-requests/confirm"))
        .form(&[("token", token_value.as_str())])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], path.as_str());
    let html = browser.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Tu plaza está confirmada"), "{html}");

    // A program: the public API's confirmation answers JSON, the same when sent twice.
    let other = link_in("cliente2@example.com");
    let t2 = other.rsplit('/').next().unwrap();
    for _ in 0..2 {
        let res = client.post(app.url(&format!("/api/public/enrollment-requests/{t2}/confirm"))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        assert_eq!((body["state"].as_str(), body["enrollment"][0].as_str()), (Some("confirmed"), Some("confirmed")));
    }
    let res = client.get(app.url(&format!("/api/public/enrollment-requests/{}", "0".repeat(64)))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, w) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}"), None).await;
    assert_eq!((w["confirmed"].as_i64(), w["held"].as_i64()), (Some(2), Some(0)));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_public_api_refuses_bad_input_closed_workshops_and_reused_keys_with_json() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, STAFF).await;
    let open = create_workshop(&app, &token, 2, "published").await;
    let draft = create_workshop(&app, &token, 2, "draft").await;
    let client = Client::new();

    let res = client
        .post(app.url(&format!("/api/public/workshops/{open}/enrollments")))
        .json(&json!({"first_name": "", "email": "no-es-un-email"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["fields"][0], json!({"field": "email", "issue": {"code": "invalid_email"}}));

    let (status, body) = public_enroll(&client, &app, draft, 1, "d-1").await;
    assert_eq!(
        (status, body["fields"][0]["issue"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("not_open"))
    );
    let (status, _) = public_enroll(&client, &app, 999_999, 1, "x-1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = client.get(app.url(&format!("/api/public/workshops/{draft}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "a draft is not public");

    let (status, first) = public_enroll(&client, &app, open, 1, "same-key").await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, again) = public_enroll(&client, &app, open, 1, "same-key").await;
    assert_eq!((status, &again), (StatusCode::ACCEPTED, &first));
    assert_eq!(pending(&app, &token, open).await.len(), 1, "the retry asked for nothing more");
    let (status, body) = public_enroll(&client, &app, open, 2, "same-key").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["issue"]["code"], "key_reused");

    let res = client
        .post(app.url(&format!("/api/public/workshops/{open}/enrollments")))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Staff confirm the request for the visitor; then paying: only a confirmed seat, once.
    let request = pending(&app, &token, open).await[0]["id"].as_i64().unwrap();
    let (status, e) = api(&app, &token, Method::POST, &format!("/enrollment-requests/{request}/confirm"), None).await;
    assert_eq!((status, e["state"].as_str()), (StatusCode::OK, Some("confirmed")), "{e}");
    let id = e["id"].as_i64().unwrap();
    let (status, paid) =
        api(&app, &token, Method::POST, &format!("/enrollments/{id}/payment"), Some(json!({"method": "bizum"}))).await;
    assert_eq!(status, StatusCode::OK, "{paid}");
    assert_eq!((paid["payment_status"].as_str(), paid["amount_paid_cents"].as_i64()), (Some("paid"), Some(4500)));
    let (status, _) =
        api(&app, &token, Method::POST, &format!("/enrollments/{id}/payment"), Some(json!({"method": "bizum"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.shutdown().await;
}
