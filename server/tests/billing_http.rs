//! Billing over real HTTP: an issuer and an invoice through `/api/v1`, from draft to issued (its
//! Veri*Factu record fetched as XML and validated against the AEAT's schemas), cancelled and
//! rectified; what staff and managers may do (the permission walk covers every role); and
//! nothing changing an issued invoice. Products stocked and sold over the API, never below zero;
//! a counter sale by reception with its simplified invoice's PDF; the accountant's exports.

mod common;

use common::*;
use reqwest::{header, Client, Method, StatusCode};
use serde_json::{json, Value};

const STAFF: &str = "javier.moreno@aula.example";
const MANAGER: &str = "marta.iglesias@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn products_are_stocked_and_sold_over_the_api_and_stock_never_goes_below_zero() {
    let app = TestApp::spawn().await;
    let staff = token_for(&app, STAFF).await;

    let (status, kit) = api(&app, &staff, Method::POST, "/products", Some(product_body("kit-esmaltes", 4))).await;
    assert_eq!(status, StatusCode::CREATED, "{kit}");
    let id = kit["id"].as_i64().unwrap();
    assert_eq!(
        (kit["sku"].as_str(), kit["stock"].as_i64(), kit["vat_bp"].as_i64()),
        (Some("KIT-ESMALTES"), Some(4), Some(2_100))
    );
    let (status, dup) = api(&app, &staff, Method::POST, "/products", Some(product_body("KIT-ESMALTES", 1))).await;
    assert_eq!((status, field(&dup)), (StatusCode::UNPROCESSABLE_ENTITY, "sku"), "{dup}");

    let moves = format!("/products/{id}/stock-moves");
    let (status, sold) = api(&app, &staff, Method::POST, &moves, Some(json!({"kind": "sold", "quantity": 3}))).await;
    assert_eq!(status, StatusCode::CREATED, "{sold}");
    assert_eq!((sold["quantity"].as_i64(), sold["stock_after"].as_i64()), (Some(-3), Some(1)));
    let (status, short) = api(&app, &staff, Method::POST, &moves, Some(json!({"kind": "sold", "quantity": 2}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short["fields"][0]["issue"], json!({"code": "not_enough_stock", "available": 1}), "{short}");
    let (status, bad) = api(&app, &staff, Method::POST, &moves, Some(json!({"kind": "adjusted", "quantity": 5}))).await;
    assert_eq!((status, field(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, "reason"), "{bad}");
    let (status, _) = api(
        &app,
        &staff,
        Method::POST,
        &moves,
        Some(json!({"kind": "received", "quantity": 10, "reason": "Albarán 7"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let (_, list) = api(&app, &staff, Method::GET, &format!("{moves}?limit=10"), None).await;
    let seen: Vec<(&str, i64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["kind"].as_str().unwrap(), m["quantity"].as_i64().unwrap()))
        .collect();
    assert_eq!(seen, [("received", 10), ("sold", -3), ("received", 4)]);
    assert_eq!(list[0]["by"], "Javier Moreno Cano");
    let (_, kit) = api(&app, &staff, Method::GET, &format!("/products/{id}"), None).await;
    assert_eq!(kit["stock"], 11);

    let mut edit = product_body("KIT-ESMALTES", 0);
    edit["price_cents"] = json!(-1);
    let (status, bad) = api(&app, &staff, Method::PUT, &format!("/products/{id}"), Some(edit)).await;
    assert_eq!((status, field(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, "price"), "{bad}");
    let (_, page) = api(&app, &staff, Method::GET, "/products?q=esmal", None).await;
    assert_eq!((page["total"].as_i64(), page["data"][0]["price_cents"].as_i64()), (Some(1), Some(1_250)));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reception_sells_a_kit_at_the_counter_and_hands_over_its_simplified_invoice() {
    let app = TestApp::spawn().await;
    let manager = token_for(&app, MANAGER).await;
    // Reception holds no API token: the counter's tablet uses its session.
    let reception = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let at_counter = |method: Method, path: &str, body: Option<Value>| {
        let mut req = reception.request(method, app.url(&format!("/api/v1{path}")));
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let res = req.send().await.unwrap();
            (res.status(), res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (_, issuer) = api(&app, &manager, Method::POST, "/issuers", Some(issuer_body())).await;
    let iid = issuer["id"].as_i64().unwrap();
    let (_, kit) = api(&app, &manager, Method::POST, "/products", Some(product_body("KIT-MOSTRADOR", 2))).await;
    let pid = kit["id"].as_i64().unwrap();

    let sale = |quantity: i64| json!({"issuer_id": iid, "payment_method": "card", "lines": [{"product_id": pid, "quantity": quantity}]});
    let (status, short) = at_counter(Method::POST, "/sales", Some(sale(3))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short["fields"][0]["field"], "lines.0.quantity");
    assert_eq!(short["fields"][0]["issue"], json!({"code": "not_enough_stock", "available": 2}));
    let (status, sold) = at_counter(Method::POST, "/sales", Some(sale(2))).await;
    assert_eq!(status, StatusCode::CREATED, "{sold}");
    // 2 × 12,50 + 21 % = 30,25, paid by card; the simplified series' first number.
    assert_eq!((sold["invoice_number"].as_str(), sold["total_cents"].as_i64()), (Some("S-000001"), Some(3_025)));
    assert_eq!(sold["lines"][0]["product_id"], pid);
    let id = sold["id"].as_i64().unwrap();

    let res = reception.get(app.url(&format!("/api/v1/sales/{id}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    let (_, text) = domain::testing::pdf_text(&pdf);
    assert!(text.contains("S-000001") && text.contains("30,25"), "{text}");
    let qr = domain::testing::pdf_qr_codes(&pdf, None);
    assert_eq!(qr.len(), 1, "the invoice carries its QR");
    assert!(qr[0].contains("numserie=S-000001"), "{}", qr[0]);

    let (status, _) = at_counter(Method::GET, &format!("/invoices/{}", sold["invoice_id"]), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "reception reads the sale, not the invoice book");
    let (_, kit) = api(&app, &manager, Method::GET, &format!("/products/{pid}"), None).await;
    assert_eq!(kit["stock"], 0);
    let (_, list) = at_counter(Method::GET, "/sales", None).await;
    assert_eq!((list["total"].as_i64(), list["data"][0]["payment_method"].as_str()), (Some(1), Some("card")));
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_accountant_downloads_the_invoices_book_and_the_pdfs_for_a_range() {
    let app = TestApp::spawn().await;
    let manager = token_for(&app, MANAGER).await;
    let staff = token_for(&app, STAFF).await;
    let (_, issuer) = api(&app, &manager, Method::POST, "/issuers", Some(issuer_body())).await;
    let (_, draft) =
        api(&app, &manager, Method::POST, "/invoices", Some(invoice_body(issuer["id"].as_i64().unwrap()))).await;
    let (_, issued) = api(&app, &manager, Method::POST, &format!("/invoices/{}/issue", draft["id"]), None).await;
    let day = issued["issue_date"].as_str().unwrap().to_string();
    let range = format!("from={day}&to={day}");

    let res = download(&app, &staff, &format!("/exports/invoices.csv?{range}")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "staff do not export the books");
    let res = download(&app, &manager, &format!("/exports/invoices.csv?{range}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_string();
    assert_eq!(disposition, format!("attachment; filename=\"facturas-expedidas-{day}-{day}.csv\""));
    let csv = res.text().await.unwrap();
    // The demo centre's own invoice is in the book too; this issuer's has a row per rate.
    let nif = issuer["nif"].as_str().unwrap();
    let ours: Vec<&str> = csv.lines().filter(|l| l.contains(nif)).collect();
    assert_eq!(ours.len(), 2, "{csv}");
    assert!(ours.iter().all(|l| l.contains(";F;000001;F1;") && l.ends_with(";495,01;Emitida")), "{csv}");

    let res = download(&app, &manager, &format!("/exports/invoices.xlsx?{range}")).await;
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let read = domain::testing::xlsx_rows(&res.bytes().await.unwrap());
    assert_eq!(read["rows"].as_array().unwrap().len(), csv.lines().count(), "the same rows as the CSV");
    let res = download(&app, &manager, &format!("/exports/invoices.zip?{range}")).await;
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/zip");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(res.bytes().await.unwrap())).unwrap();
    assert!(zip.file_names().any(|n| n == format!("{nif}/F-000001.pdf")), "{:?}", zip.file_names().collect::<Vec<_>>());

    let res = download(&app, &manager, &format!("/exports/invoices.csv?from={day}&to=2000-01-01")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad: Value = res.json().await.unwrap();
    assert_eq!((field(&bad), bad["fields"][0]["issue"]["code"].as_str()), ("to", Some("end_before_start")));
    let res = download(&app, &manager, &format!("/exports/invoices.pdf?{range}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    app.shutdown().await;
}
