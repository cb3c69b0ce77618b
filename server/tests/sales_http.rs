//! The pipeline through the running server: who may see and move cards, the live stream that
//! tells other boards to reload, field errors from the opportunity form, and proposals from the
//! form's nested lines to the downloaded PDF.
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

const MANAGER: &str = "marta.iglesias@aula.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_proposal_goes_from_the_form_to_accepted_and_downloads_as_a_pdf_only_for_staff() {
    let app = TestApp::spawn_with(|s| s.centre_name = "Escuela Arteka".into()).await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (_, board) = call(&c, &app, "sales/board", &[]).await;
    let first_stage = board["columns"][0]["stage"]["id"].to_string();
    let (_, choices) = call(&c, &app, "training/choices", &[]).await;
    let org = choices["organizations"][0][0].to_string();
    let org_name = choices["organizations"][0][1].as_str().unwrap().to_string();
    let (c1, c2) = (choices["courses"][0]["id"].to_string(), choices["courses"][1]["id"].to_string());

    // Several courses of interest, as a multiple select sends them.
    let (status, o) = call(
        &c,
        &app,
        "sales/save",
        &[
            ("title", "Carretilleros 2027"),
            ("organization_id", &org),
            ("stage_id", &first_stage),
            ("value", "6.000"),
            ("course_ids[]", &c1),
            ("course_ids[]", &c2),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{o}");
    assert_eq!(o["course_ids"].as_array().unwrap().len(), 2);
    assert_eq!(o["value_cents"], 600_000);
    let opp = o["id"].to_string();

    let (_, templates) = call(&c, &app, "sales/templates/list", &[]).await;
    let template = templates[0]["id"].to_string();
    let mut form = vec![
        ("opportunity_id", opp.as_str()),
        ("template_id", template.as_str()),
        ("issue_date", "2027-04-01"),
        ("valid_until", "2027-04-30"),
        ("discount", "10"),
        ("lines[0][course_id]", c1.as_str()),
        ("lines[0][description]", "Carretilla elevadora"),
        ("lines[0][hours]", "10"),
        ("lines[0][unit_price]", "50"),
        ("lines[1][description]", "Material"),
        ("lines[1][quantity]", "2"),
        ("lines[1][unit_price]", "quince"),
    ];
    let (status, bad) = call(&c, &app, "sales/proposal/save", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    assert_eq!(bad["fields"][0]["field"], "lines.1.unit_price");
    let (_, page) = call(&c, &app, "sales/opportunity", &[("id", &opp)]).await;
    assert_eq!(page["proposals"].as_array().unwrap().len(), 0, "nothing half-saved");

    form.last_mut().unwrap().1 = "15";
    let (status, prop) = call(&c, &app, "sales/proposal/save", &form).await;
    assert_eq!(status, StatusCode::OK, "{prop}");
    // 500 + 30 = 530; −10 % = 477; VAT 21 % = 100,17; total 577,17.
    assert_eq!(prop["total_cents"], 57_717);
    let id = prop["id"].to_string();
    for state in ["sent", "accepted"] {
        let (status, p) = call(&c, &app, "sales/proposal/state", &[("id", &id), ("state", state)]).await;
        assert_eq!((status, p["state"].as_str()), (StatusCode::OK, Some(state)), "{p}");
    }
    let (_, page) = call(&c, &app, "sales/opportunity", &[("id", &opp)]).await;
    assert_eq!(page["stage"]["kind"], "won");

    let res = c.get(app.url(&format!("/proposals/{id}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains(&format!("propuesta-{id}.pdf")));
    let (_, text) = domain::testing::pdf_text(&res.bytes().await.unwrap());
    for expected in
        ["Escuela Arteka", org_name.as_str(), "Carretilla elevadora", "Descuento (10 %)", "577,17 €", "Aceptada"]
    {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert_eq!(c.get(app.url("/proposals/99999/pdf")).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // Reception and strangers get no PDF; only managers write templates, and a bad one says why.
    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    assert_eq!(r.get(app.url(&format!("/proposals/{id}/pdf"))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let anonymous = TestApp::client().get(app.url(&format!("/proposals/{id}/pdf"))).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let tpl = [("name", "Corta"), ("body", "Hola {{clientName}")];
    assert_eq!(call(&c, &app, "sales/templates/save", &tpl).await.0, StatusCode::FORBIDDEN);
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (status, refused) = call(&m, &app, "sales/templates/save", &tpl).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["fields"][0]["field"], "body");
    assert!(refused["fields"][0]["detail"].as_str().unwrap().contains("{{companyName}}"));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sent_proposal_past_its_date_expires_on_its_own() {
    let app = TestApp::spawn_with(|s| s.workers_by_hand = true).await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (_, board) = call(&c, &app, "sales/board", &[]).await;
    let opp = board["columns"][1]["cards"][0]["id"].to_string();
    let form = [
        ("opportunity_id", opp.as_str()),
        ("issue_date", "2026-01-05"),
        ("valid_until", "2026-02-05"),
        ("lines[0][description]", "Curso"),
        ("lines[0][hours]", "4"),
        ("lines[0][unit_price]", "40"),
    ];
    let (status, draft) = call(&c, &app, "sales/proposal/save", &form).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    let id = draft["id"].to_string();
    app.run_workers().await;
    let (_, still) = call(&c, &app, "sales/proposal", &[("id", &id)]).await;
    assert_eq!(still["proposal"]["state"], "draft", "only sent proposals expire");

    call(&c, &app, "sales/proposal/state", &[("id", &id), ("state", "sent")]).await;
    app.run_workers().await;
    let (_, p) = call(&c, &app, "sales/proposal", &[("id", &id)]).await;
    let state = p["proposal"]["state"].as_str().unwrap();
    assert_eq!(state, "expired");
    app.shutdown().await;
}
