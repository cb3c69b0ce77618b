//! The audit log over real HTTP: a write through the API is recorded with its token and address,
//! `GET /api/v1/audit-log` pages it for administrators only, the chain verifies, and a client's
//! history tab shows the edit before → after.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

const STAFF: &str = "javier.moreno@aula.example";

/// An API token of the administrator.
async fn admin_token(app: &TestApp) -> String {
    let c = app.signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, body) = call(&c, app, "account/tokens/create", &[("name", "auditoría")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["secret"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_api_edit_is_in_the_log_with_its_token_and_address_and_only_admins_read_it() {
    let app = TestApp::spawn().await;
    let staff = token_for(&app, STAFF).await;
    let (status, org) = api(
        &app,
        &staff,
        Method::POST,
        "/organizations",
        Some(json!({"legal_name": "Auditada S.L.", "city": "Tolosa"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    let id = org["id"].as_i64().unwrap();
    let (status, _) = api(
        &app,
        &staff,
        Method::PUT,
        &format!("/organizations/{id}"),
        Some(json!({"legal_name": "Auditada S.L.", "city": "Azpeitia"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let (status, _) = api(&app, &staff, Method::GET, "/audit-log", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff do not read the log");
    let admin = admin_token(&app).await;
    let (status, log) =
        api(&app, &admin, Method::GET, &format!("/audit-log?entity=organizations&entity_id={id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let update = &log["entries"][0];
    assert_eq!((update["action"].as_str(), update["via_token"].as_bool()), (Some("update"), Some(true)));
    assert_eq!(update["ip"], "127.0.0.1");
    assert_eq!(update["user_name"], "Javier Moreno Cano");
    assert_eq!(update["changes"], json!([{"field": "city", "before": "Tolosa", "after": "Azpeitia"}]));
    assert_eq!(log["entries"][1]["action"], "create");

    let (_, first) = api(&app, &admin, Method::GET, "/audit-log?limit=2", None).await;
    let next = first["next"].as_i64().expect("more than two entries: the demo centre's and these");
    let (_, second) = api(&app, &admin, Method::GET, &format!("/audit-log?limit=2&before={next}"), None).await;
    assert!(second["entries"][0]["seq"].as_i64().unwrap() < next);
    let (status, _) = api(&app, &admin, Method::GET, "/audit-log?from=not-a-date", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, chain) = api(&app, &admin, Method::GET, "/audit-log/verify", None).await;
    assert_eq!((status, chain["intact"].as_bool()), (StatusCode::OK, Some(true)), "{chain}");

    // The client's page: its history tab, without JavaScript.
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, html) = page(&c, &app, &format!("/clients/{id}?tab=history")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("data-testid=\"org-history\"") && html.contains("Azpeitia") && html.contains("Tolosa"),
        "{html}"
    );
    let reception = app.signed_in("lucia.fernandez@aula.example", DEMO_PASSWORD).await;
    let (status, _) =
        call(&reception, &app, "audit/history", &[("entity", "organizations"), ("id", &id.to_string())]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.shutdown().await;
}
