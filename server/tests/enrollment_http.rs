//! The enrollment transaction over real HTTP against a running server, on the backend under test:
//! 200 clients racing for 20 seats, retries with the same idempotency key, the same person twice,
//! the waitlist and its promotion, and the public API's refusals.

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
    let d = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_clients_racing_for_twenty_seats_get_exactly_twenty_and_a_fair_waitlist() {
    let app = TestApp::spawn_unlimited().await;
    let token = token_for(&app, STAFF).await;
    let workshop = create_workshop(&app, &token, 20, "published").await;

    // Client i enrolls person i with key k-i, except: every tenth (i % 10 == 9) sends person i-1
    // again with a key of its own, and i % 10 == 5 retries client i-1's request with its key.
    let plan: Vec<(usize, String)> = (0..200usize)
        .map(|i| match i % 10 {
            9 => (i - 1, format!("k-{i}")),
            5 => (i - 1, format!("k-{}", i - 1)),
            _ => (i, format!("k-{i}")),
        })
        .collect();
    let distinct_people: HashSet<usize> = plan.iter().map(|(p, _)| *p).collect();
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
    for (person, key, status, body) in &answers {
        assert!(
            status == &StatusCode::CREATED || status == &StatusCode::OK,
            "person {person} key {key}: {status} {body}"
        );
    }
    // Every answer for one person names the same enrollment.
    let mut by_person: HashMap<usize, i64> = HashMap::new();
    for (person, _, _, body) in &answers {
        let id = body["id"].as_i64().unwrap();
        assert_eq!(*by_person.entry(*person).or_insert(id), id, "person {person} got two enrollments");
    }
    let created = answers.iter().filter(|a| a.2 == StatusCode::CREATED).count();
    assert_eq!(created, distinct_people.len(), "one creation per person");

    let (status, list) = api(&app, &token, Method::GET, &format!("/workshops/{workshop}/enrollments"), None).await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), distinct_people.len(), "zero duplicates");
    let confirmed: Vec<&Value> = list.iter().filter(|e| e["state"] == "confirmed").collect();
    let waitlisted: Vec<&Value> = list.iter().filter(|e| e["state"] == "waitlisted").collect();
    assert_eq!(confirmed.len(), 20);
    assert_eq!(waitlisted.len(), distinct_people.len() - 20);
    // First come, first served: every seat went to an earlier arrival than any waiting one, and
    // the waitlist positions are 1..n in arrival order.
    let last_confirmed = confirmed.iter().map(|e| e["id"].as_i64().unwrap()).max().unwrap();
    let ids: Vec<i64> = waitlisted.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.iter().all(|id| *id > last_confirmed));
    let positions: Vec<i64> = waitlisted.iter().map(|e| e["waitlist_position"].as_i64().unwrap()).collect();
    assert_eq!(positions, (1..=waitlisted.len() as i64).collect::<Vec<_>>());
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);

    let (_, public) = Client::new()
        .get(app.url(&format!("/api/public/workshops/{workshop}")))
        .send()
        .await
        .map(|r| (r.status(), r))
        .unwrap();
    let public: Value = public.json().await.unwrap();
    assert_eq!(public["seats_left"], 0);
    assert!(public.get("waitlisted").is_none(), "the public sees seats, not the queue");

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
    assert_eq!(status, StatusCode::CREATED);
    let (status, again) = public_enroll(&client, &app, open, 1, "same-key").await;
    assert_eq!((status, &again["id"]), (StatusCode::OK, &first["id"]));
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

    // Paying: only a confirmed seat, once.
    let id = first["id"].as_i64().unwrap();
    let (status, paid) =
        api(&app, &token, Method::POST, &format!("/enrollments/{id}/payment"), Some(json!({"method": "bizum"}))).await;
    assert_eq!(status, StatusCode::OK, "{paid}");
    assert_eq!((paid["payment_status"].as_str(), paid["amount_paid_cents"].as_i64()), (Some("paid"), Some(4500)));
    let (status, _) =
        api(&app, &token, Method::POST, &format!("/enrollments/{id}/payment"), Some(json!({"method": "bizum"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.shutdown().await;
}
