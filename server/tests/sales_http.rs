//! The pipeline through the running server: who may see and move cards, the live stream that
//! tells other boards to reload, and field errors from the opportunity form.
mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

const STAFF: &str = "javier.moreno@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_move_cards_other_boards_hear_of_it_and_reception_sees_no_pipeline() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, board) = call(&c, &app, "sales/board", &[]).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    let stages: Vec<String> =
        board["columns"].as_array().unwrap().iter().map(|c| c["stage"]["id"].to_string()).collect();
    assert_eq!(stages.len(), 6);
    let (_, choices) = call(&c, &app, "training/choices", &[]).await;
    let org = choices["organizations"][0][0].to_string();

    let (status, bad) = call(
        &c,
        &app,
        "sales/save",
        &[("title", ""), ("organization_id", &org), ("stage_id", &stages[0]), ("value", "x")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    let fields: Vec<&str> = bad["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "value"]);

    let (status, created) = call(
        &c,
        &app,
        "sales/save",
        &[("title", "PRL para Arteka"), ("organization_id", &org), ("stage_id", &stages[0]), ("value", "1.200,00")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["value_cents"], 120_000);
    let id = created["id"].to_string();

    // Another open board listens; the move wakes it.
    let mut stream = c.get(app.url("/api/pipeline/stream")).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let (status, moved) = call(&c, &app, "sales/move", &[("id", &id), ("stage_id", &stages[2])]).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["stage_id"].to_string(), stages[2]);
    let chunk =
        tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await.expect("an event").unwrap().unwrap();
    assert!(String::from_utf8_lossy(&chunk).contains("event: changed"));

    let (status, refused) = call(&c, &app, "sales/move", &[("id", &id), ("stage_id", &stages[5])]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the lost stage needs a reason: {refused}");
    assert_eq!(refused["fields"][0]["field"], "lost_reason");

    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    assert_eq!(call(&r, &app, "sales/board", &[]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(call(&r, &app, "sales/move", &[("id", &id), ("stage_id", &stages[1])]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(r.get(app.url("/api/pipeline/stream")).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let anonymous: Value =
        TestApp::client().get(app.url("/api/pipeline/stream")).send().await.unwrap().json().await.unwrap();
    assert_eq!(anonymous["kind"], "unauthorized");
    drop(stream);
    app.shutdown().await;
}
