//! Billing over real HTTP: an issuer and an invoice through `/api/v1`, from draft to issued (its
//! Veri*Factu record fetched as XML and validated against the AEAT's schemas), cancelled and
//! rectified; what staff and managers may do (the permission walk covers every role); and
//! nothing changing an issued invoice.

mod common;

use common::*;
use reqwest::{header, Client, Method, StatusCode};
use serde_json::{json, Value};

const STAFF: &str = "javier.moreno@aula.example";
const MANAGER: &str = "marta.iglesias@aula.example";

/// `GET /api/v1{path}` with `token`: a file the API answers (a PDF, the records' XML).
async fn download(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    Client::new().get(app.url(&format!("/api/v1{path}"))).bearer_auth(token).send().await.unwrap()
}

/// The field a 422 names first.
fn field(answer: &Value) -> &str {
    answer["fields"][0]["field"].as_str().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_invoice_goes_from_draft_to_issued_to_cancelled_with_its_records_valid_xml() {
    let app = TestApp::spawn().await;
    let manager = token_for(&app, MANAGER).await;
    let staff = token_for(&app, STAFF).await;

    let (status, bad) = api(
        &app,
        &manager,
        Method::POST,
        "/issuers",
        Some(json!({"legal_name": "X", "nif": "B1234567X", "address": "a", "postal_code": "1", "city": "c"})),
    )
    .await;
    assert_eq!((status, field(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, "nif"), "{bad}");
    let (status, _) = api(&app, &staff, Method::POST, "/issuers", Some(issuer_body())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff do not configure issuers");
    let (status, issuer) = api(&app, &manager, Method::POST, "/issuers", Some(issuer_body())).await;
    assert_eq!(status, StatusCode::CREATED, "{issuer}");
    let iid = issuer["id"].as_i64().unwrap();
    assert_eq!(issuer["series"].as_array().unwrap().len(), 3);

    // A bad line is named; nothing is saved.
    let (_, before) = api(&app, &staff, Method::GET, "/invoices", None).await;
    let mut body = invoice_body(iid);
    body["lines"][1]["vat"] = json!("16");
    let (status, bad) = api(&app, &staff, Method::POST, "/invoices", Some(body)).await;
    assert_eq!((status, field(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, "lines.1.vat"), "{bad}");
    let (_, list) = api(&app, &staff, Method::GET, "/invoices", None).await;
    assert_eq!(list["total"], before["total"]);

    let (status, draft) = api(&app, &staff, Method::POST, "/invoices", Some(invoice_body(iid))).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(
        (draft["state"].as_str(), draft["number"].is_null(), draft["total_cents"].as_i64()),
        (Some("draft"), true, Some(49_501))
    );
    assert_eq!(draft["kind"], "F1");

    let (status, issued) = api(&app, &staff, Method::POST, &format!("/invoices/{id}/issue"), None).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    assert_eq!(issued["number"], "F-000001");
    assert_eq!(issued["records"][0]["kind"], "alta");
    assert_eq!(issued["records"][0]["status"], "pending");
    let (status, again) = api(&app, &staff, Method::PUT, &format!("/invoices/{id}"), Some(invoice_body(iid))).await;
    assert_eq!((status, field(&again)), (StatusCode::UNPROCESSABLE_ENTITY, "state"), "an issued invoice never changes");

    let res = download(&app, &staff, &format!("/invoices/{id}/record.xml")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/xml; charset=utf-8");
    let xml = res.text().await.unwrap();
    domain::testing::validate_verifactu(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let res = download(&app, &staff, &format!("/invoices/{id}/pdf")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(res.headers()[header::CONTENT_DISPOSITION], "attachment; filename=\"factura-F-000001.pdf\"");
    let pdf = res.bytes().await.unwrap();
    let (_, text) = domain::testing::pdf_text(&pdf);
    assert!(text.contains("F-000001") && text.contains("VERI*FACTU"), "{text}");
    let codes = domain::testing::pdf_qr_codes(&pdf, None);
    assert_eq!(codes.len(), 1, "one QR");
    assert!(
        codes[0].starts_with("https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?"),
        "production by default: {codes:?}"
    );
    // No producer configured: the issuer runs its own installation.
    let nif = issuer["nif"].as_str().unwrap();
    assert!(
        xml.contains(&format!(
            "<sf:SistemaInformatico><sf:NombreRazon>Formación Ficticia SL</sf:NombreRazon><sf:NIF>{nif}</sf:NIF>"
        )),
        "{xml}"
    );

    let (status, _) =
        api(&app, &staff, Method::POST, &format!("/invoices/{id}/cancel"), Some(json!({"reason": "Duplicada"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff do not cancel invoices");
    let (status, cancelled) =
        api(&app, &manager, Method::POST, &format!("/invoices/{id}/cancel"), Some(json!({"reason": "Duplicada"})))
            .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!((cancelled["state"].as_str(), cancelled["number"].as_str()), (Some("cancelled"), Some("F-000001")));
    let kinds: Vec<&str> =
        cancelled["records"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["alta", "anulacion"]);
    assert_eq!(cancelled["records"][1]["previous_fingerprint"], cancelled["records"][0]["fingerprint"]);
    let xml = download(&app, &manager, &format!("/invoices/{id}/record.xml")).await.text().await.unwrap();
    domain::testing::validate_verifactu(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));

    let (status, bad) = api(
        &app,
        &manager,
        Method::POST,
        &format!("/invoices/{id}/rectify"),
        Some(json!({"kind": "R4", "mode": "difference"})),
    )
    .await;
    assert_eq!(
        (status, field(&bad)),
        (StatusCode::UNPROCESSABLE_ENTITY, "state"),
        "a cancelled invoice is not rectified"
    );
    let (_, list) = api(&app, &staff, Method::GET, "/invoices?state=cancelled", None).await;
    assert_eq!((list["total"].as_i64(), list["data"][0]["number"].as_str()), (Some(1), Some("F-000001")));
    let (status, bad) = api(&app, &staff, Method::GET, "/invoices?state=paid", None).await;
    assert_eq!((status, field(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, "state"));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_configured_producer_signs_the_records_and_a_rectifying_invoice_takes_its_own_series() {
    let producer = domain::crm::fields::spanish_cif('B', 7_654_321);
    let nif = producer.clone();
    let app = TestApp::spawn_with(move |s| {
        s.verifactu_environment = "test".into();
        s.verifactu_producer_name = "Desarrollos Ficticios SL".into();
        s.verifactu_producer_nif = nif;
        s.verifactu_installation = "Donostia-1".into();
    })
    .await;
    let manager = token_for(&app, MANAGER).await;
    let (_, issuer) = api(&app, &manager, Method::POST, "/issuers", Some(issuer_body())).await;
    let iid = issuer["id"].as_i64().unwrap();
    let (_, draft) = api(&app, &manager, Method::POST, "/invoices", Some(invoice_body(iid))).await;
    let id = draft["id"].as_i64().unwrap();
    api(&app, &manager, Method::POST, &format!("/invoices/{id}/issue"), None).await;
    let (status, rect) = api(
        &app,
        &manager,
        Method::POST,
        &format!("/invoices/{id}/rectify"),
        Some(json!({"kind": "R1", "mode": "substitution"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{rect}");
    assert_eq!(
        (rect["kind"].as_str(), rect["rectifies"].as_i64(), rect["rectification"].as_str()),
        (Some("R1"), Some(id), Some("substitution"))
    );
    let rid = rect["id"].as_i64().unwrap();
    let (status, rect) = api(&app, &manager, Method::POST, &format!("/invoices/{rid}/issue"), None).await;
    assert_eq!(status, StatusCode::OK, "{rect}");
    assert_eq!((rect["number"].as_str(), rect["rectifies_number"].as_str()), (Some("R-000001"), Some("F-000001")));
    let xml = download(&app, &manager, &format!("/invoices/{rid}/record.xml")).await.text().await.unwrap();
    domain::testing::validate_verifactu(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert!(
        xml.contains(&format!("<sf:NombreRazon>Desarrollos Ficticios SL</sf:NombreRazon><sf:NIF>{producer}</sf:NIF>")),
        "{xml}"
    );
    assert!(xml.contains("<sf:NumeroInstalacion>Donostia-1</sf:NumeroInstalacion>"), "{xml}");
    assert!(xml.contains("<sf:TipoRectificativa>S</sf:TipoRectificativa>"), "{xml}");
    let res = download(&app, &manager, &format!("/invoices/{rid}/pdf")).await;
    let pdf = res.bytes().await.unwrap();
    let (_, text) = domain::testing::pdf_text(&pdf);
    assert!(
        text.contains("Factura rectificativa") && text.contains("Rectifica la factura F-000001 (por sustitución)."),
        "{text}"
    );
    let codes = domain::testing::pdf_qr_codes(&pdf, None);
    assert!(
        codes[0].starts_with("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?")
            && codes[0].contains("numserie=R-000001"),
        "{codes:?}"
    );
    app.shutdown().await;
}
