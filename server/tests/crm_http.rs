//! The CRM core over real HTTP: server functions, server-rendered pages and the CSV export, with
//! the role checks, on a fresh database per test (SQLite or PostgreSQL).

mod common;

use common::*;
use reqwest::{header, Client, StatusCode};
use serde_json::{json, Value};

const STAFF: &str = "javier.moreno@aula.example";
const MANAGER: &str = "marta.iglesias@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

async fn call_json(c: &Client, app: &TestApp, endpoint: &str, body: Value) -> (StatusCode, Value) {
    let res = c
        .post(app.url(&format!("/api/fn/{endpoint}")))
        .header(header::ACCEPT, "application/json")
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn list(c: &Client, app: &TestApp, query: Value) -> Value {
    let (status, body) = call_json(c, app, "crm/organizations/list", json!({ "query": query })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_create_an_organization_after_a_validation_error_and_nothing_half_saved() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let before = list(&c, &app, json!({})).await["total"].as_i64().unwrap();

    let (status, body) = call(
        &c,
        &app,
        "crm/organizations/save",
        &[("legal_name", ""), ("tax_id", "B12345675"), ("email", "no"), ("status", "lead")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["kind"], "validation");
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["legal_name", "tax_id", "email"]);
    assert_eq!(body["fields"][1]["issue"]["code"], "invalid_tax_id");
    assert_eq!(list(&c, &app, json!({})).await["total"].as_i64().unwrap(), before);

    let (status, body) = call(
        &c,
        &app,
        "crm/organizations/save",
        &[
            ("legal_name", "Euskal Encuadernaciones S.L."),
            ("tax_id", "B12345674"),
            ("email", "hola@euskal.example"),
            ("city", "Tolosa"),
            ("status", "lead"),
            ("interests", "Encuadernación, Resina"),
            ("is_contracting", "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = body["id"].as_i64().unwrap();
    assert_eq!(body["tax_id"], "B12345674");
    assert_eq!(body["is_contracting"], true);
    assert_eq!(body["is_end_client"], false);

    // The same email again is a possible duplicate, until confirmed.
    let again = [("legal_name", "Euskal bis"), ("email", "HOLA@euskal.example")];
    let (status, body) = call(&c, &app, "crm/organizations/save", &again).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0], json!({"field": "email", "issue": {"code": "possible_duplicate", "id": id}}));
    let confirmed = [again[0], again[1], ("allow_duplicates", "on")];
    assert_eq!(call(&c, &app, "crm/organizations/save", &confirmed).await.0, StatusCode::OK);

    let (status, html) = page(&c, &app, &format!("/clients/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Euskal Encuadernaciones S.L."), "{html}");
    assert!(html.contains("Encuadernación"));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_crm_is_for_staff_and_above_and_merging_for_managers() {
    let app = TestApp::spawn().await;
    let anonymous = TestApp::client();
    let (status, _) = call_json(&anonymous, &app, "crm/organizations/list", json!({"query": {}})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let res = anonymous.get(app.url("/clients")).send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(anonymous.get(app.url("/clients/export.csv")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    let reception = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let (status, body) = call_json(&reception, &app, "crm/organizations/list", json!({"query": {}})).await;
    assert_eq!((status, body["kind"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    assert_eq!(call(&reception, &app, "crm/organizations/save", &[("legal_name", "X")]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(page(&reception, &app, "/clients").await.0, StatusCode::FORBIDDEN);
    assert_eq!(reception.get(app.url("/clients/export.csv")).send().await.unwrap().status(), StatusCode::FORBIDDEN);

    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let rows = list(&staff, &app, json!({})).await["rows"].as_array().unwrap().clone();
    let (a, b) = (rows[0]["id"].as_i64().unwrap(), rows[1]["id"].as_i64().unwrap());
    let merge = [("id", a.to_string()), ("merge_id", b.to_string())];
    let form: Vec<(&str, &str)> = merge.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(call(&staff, &app, "crm/organizations/merge", &form).await.0, StatusCode::FORBIDDEN);
    let manager = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (status, body) = call(&manager, &app, "crm/organizations/merge", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = call(&manager, &app, "crm/organizations/get", &[("id", &b.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, timeline) = call(
        &manager,
        &app,
        "crm/timeline",
        &[("subject", "organization"), ("id", &a.to_string()), ("kinds", "merged"), ("before", "")],
    )
    .await;
    assert_eq!(timeline["events"].as_array().unwrap().len(), 1, "{timeline}");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hub_searches_filters_and_pages_on_the_server() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    // Demo data has "Ayuntamiento de Zarautz" and "Clínica Dental Ondarreta".
    let found = list(&c, &app, json!({"q": "CLINICA ondarreta"})).await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["rows"][0]["legal_name"], "Clínica Dental Ondarreta S.L.");

    let (status, html) = page(&c, &app, "/clients?q=zarautz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ayuntamiento de Zarautz"));
    assert!(!html.contains("Talleres Urola"), "the search filters the server-rendered list");
    let (_, html) = page(&c, &app, "/clients?status=client&city=bilbao").await;
    assert!(html.contains("Asociación Cultural Arteka"));
    assert!(!html.contains("Gráficas Deusto"), "a lead in Bilbao is filtered out");

    let kpis = call(&c, &app, "crm/kpis", &[]).await.1;
    assert_eq!(kpis["total"], 8);
    assert!(kpis["pending_follow_ups"].as_i64().unwrap() >= 3, "{kpis}");

    let (status, html) = page(&c, &app, "/people?q=inaki").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Iñaki Arrieta Zubia"));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_interaction_logged_on_an_organization_shows_in_its_timeline_page() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let org = list(&c, &app, json!({"q": "arrizul"})).await["rows"][0]["id"].as_i64().unwrap();
    let (status, body) = call(
        &c,
        &app,
        "crm/interactions/create",
        &[
            ("organization_id", &org.to_string()),
            ("kind", "visit"),
            ("description", "Visita de reactivación: interés en PRL"),
            ("result", "follow_up"),
            ("next_action", "Llamar al director"),
            ("next_action_at", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "next_action_at");
    let (status, body) = call(
        &c,
        &app,
        "crm/interactions/create",
        &[
            ("organization_id", &org.to_string()),
            ("kind", "visit"),
            ("description", "Visita de reactivación: interés en PRL"),
            ("result", "follow_up"),
            ("next_action", "Llamar al director"),
            ("next_action_at", "2026-12-01"),
            ("create_reminder", "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["create_reminder"], true);
    let (status, html) = page(&c, &app, &format!("/clients/{org}?tab=timeline")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Visita de reactivación: interés en PRL"), "the timeline is server-rendered:\n{html}");
    let (_, html) = page(&c, &app, &format!("/clients/{org}")).await;
    assert!(html.contains("Llamar al director"), "the open follow-up is on the overview");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_csv_export_follows_the_filters_and_quotes_what_it_must() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    call(&c, &app, "crm/organizations/save", &[("legal_name", "Comas, Comillas \"y\" Cía"), ("status", "lead")]).await;
    let res = c.get(app.url("/clients/export.csv?status=lead")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut lines = body.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with("id,legal_name,trade_name"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "two demo leads and the new one:\n{body}");
    assert!(rows.iter().all(|r| r.contains(",lead,")), "{body}");
    assert!(body.contains("\"Comas, Comillas \"\"y\"\" Cía\""), "{body}");
    app.shutdown().await;
}

/// Uploads `csv` as a multipart form and returns where the server sends the browser.
async fn upload(c: &Client, app: &TestApp, target: &str, csv: Vec<u8>) -> String {
    let form = reqwest::multipart::Form::new()
        .text("target", target.to_string())
        .part("file", reqwest::multipart::Part::bytes(csv).file_name("clientes.csv").mime_str("text/csv").unwrap());
    let res = c.post(app.url("/clients/import/upload")).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[header::LOCATION].to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_csv_import_previews_maps_runs_and_reports_skipped_rows() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    // Windows-1252 with semicolons, as a Spanish spreadsheet saves it; one row lacks its name.
    let csv = b"Raz\xf3n social;CIF;Localidad;Tel\xe9fono\r\nSidrer\xeda Zapiain;;Astigarraga;943 33 00 01\r\n;;Sin nombre;\r\nTalleres Urola bis;B20451134;Azpeitia;\r\n".to_vec();
    let to = upload(&c, &app, "organizations", csv).await;
    assert!(to.starts_with("/clients/import/"), "{to}");
    let id = to.rsplit('/').next().unwrap().to_string();
    let (status, html) = page(&c, &app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Sidrería Zapiain"), "the preview shows the decoded rows");
    assert!(html.contains("Windows-1252"));

    let other = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(page(&other, &app, &to).await.0, StatusCode::NOT_FOUND, "a job is its uploader's");
    let reception = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let res = reception
        .post(app.url(&format!("/clients/import/{id}/run")))
        .form(&[("map_0", "legal_name")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let bad = c
        .post(app.url(&format!("/clients/import/{id}/run")))
        .form(&[("map_0", "city"), ("map_2", "city")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.headers()[header::LOCATION], format!("/clients/import/{id}?error=mapping"));
    let run = c
        .post(app.url(&format!("/clients/import/{id}/run")))
        .form(&[("map_0", "legal_name"), ("map_1", "tax_id"), ("map_2", "city"), ("map_3", "phone")])
        .send()
        .await
        .unwrap();
    assert_eq!(run.status(), StatusCode::SEE_OTHER);
    let mut job = Value::Null;
    for _ in 0..100 {
        job = call(&c, &app, "crm/import/job", &[("id", &id)]).await.1;
        if job["state"] == "finished" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(job["state"], "finished", "{job}");
    assert_eq!(job["summary"]["created"], 1);
    let skipped: Vec<(i64, &str)> = job["summary"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["line"].as_i64().unwrap(), s["fields"][0]["field"].as_str().unwrap()))
        .collect();
    assert_eq!(skipped, [(3, "legal_name"), (4, "tax_id")], "a missing name, and Talleres Urola's CIF");
    let (_, html) = page(&c, &app, &to).await;
    assert!(html.contains("data-testid=\"import-summary\""));
    assert_eq!(list(&c, &app, json!({"q": "zapiain"})).await["total"], 1);

    let wide = format!("{}\n", (0..61).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",")).into_bytes();
    let huge = format!("legal_name\n{}\n", "x".repeat(10_001)).into_bytes();
    for (bytes, error) in [
        (b"   ".to_vec(), "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00".to_vec(), "malformed"),
        (wide, "too_many_columns"),
        (huge, "cell_too_long"),
    ] {
        let to = upload(&c, &app, "organizations", bytes).await;
        assert_eq!(to, format!("/clients/import?error={error}"));
    }
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn people_are_exported_with_their_organizations_and_managers_merge_duplicates() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let res = staff.get(app.url("/people/export.csv?q=urola")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(body.contains("Iñaki,Arrieta Zubia,iarrieta@urola.example"), "{body}");
    assert!(body.contains("Talleres Urola S.L. (manager)"), "{body}");
    assert_eq!(body.lines().count(), 3, "the header and the two contacts at Urola:\n{body}");

    let (_, a) = call(&staff, &app, "crm/people/save", &[("first_name", "Jon"), ("email", "jon@a.example")]).await;
    let (_, b) = call(&staff, &app, "crm/people/save", &[("first_name", "Jon"), ("phone", "943 11 22 33")]).await;
    let (a, b) = (a["id"].as_i64().unwrap().to_string(), b["id"].as_i64().unwrap().to_string());
    let form = [("id", a.as_str()), ("merge_id", b.as_str())];
    assert_eq!(call(&staff, &app, "crm/people/merge", &form).await.0, StatusCode::FORBIDDEN);
    let manager = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(call(&manager, &app, "crm/people/merge", &form).await.0, StatusCode::OK);
    let (_, kept) = call(&manager, &app, "crm/people/get", &[("id", &a)]).await;
    assert_eq!((kept["email"].as_str(), kept["phone"].as_str()), (Some("jon@a.example"), Some("943 11 22 33")));
    assert_eq!(call(&manager, &app, "crm/people/get", &[("id", &b)]).await.0, StatusCode::NOT_FOUND);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_uploaded_import_survives_a_restart_and_its_owner_can_stop_and_undo_it() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let mut csv = String::from("legal_name,city\n");
    for i in 0..600 {
        csv.push_str(&format!("Reinicio {i},Tolosa\n"));
    }
    let to = upload(&c, &app, "organizations", csv.into_bytes()).await;
    let id = to.rsplit('/').next().unwrap().to_string();
    let app = app.restart().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, html) = page(&c, &app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Reinicio 0") && html.contains("data-testid=\"import-mapping\""), "kept across the restart");
    let run = c
        .post(app.url(&format!("/clients/import/{id}/run")))
        .form(&[("map_0", "legal_name"), ("map_1", "city")])
        .send()
        .await
        .unwrap();
    assert_eq!(run.status(), StatusCode::SEE_OTHER);
    // Stopping may come after the end of such a short run: either way the page says which.
    let (status, _) = call(&c, &app, "crm/import/cancel", &[("id", &id)]).await;
    let mut job = Value::Null;
    for _ in 0..100 {
        job = call(&c, &app, "crm/import/job", &[("id", &id)]).await.1;
        if job["state"] != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let state = job["state"].as_str().unwrap().to_string();
    assert!((status == StatusCode::OK && state == "cancelled") || state == "finished", "{status} {job}");
    let created = job["summary"]["created"].as_i64().unwrap();
    assert_eq!(list(&c, &app, json!({"q": "reinicio"})).await["total"], created);
    let (status, removed) = call(&c, &app, "crm/import/undo", &[("id", &id)]).await;
    assert_eq!((status, removed.as_i64()), (StatusCode::OK, Some(created)));
    assert_eq!(list(&c, &app, json!({"q": "reinicio"})).await["total"], 0);
    let (_, html) = page(&c, &app, &to).await;
    assert!(html.contains("Importación deshecha"), "{html}");
    let other = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(call(&other, &app, "crm/import/undo", &[("id", &id)]).await.0, StatusCode::NOT_FOUND);
    app.shutdown().await;
}
