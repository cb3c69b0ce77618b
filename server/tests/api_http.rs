//! The REST API `/api/v1` over real HTTP: API tokens, CRUD with validation, roles, pagination,
//! and the OpenAPI document checked against the answers the server really gives.

mod common;

use common::*;
use reqwest::{header, Client, Method, StatusCode};
use serde_json::{json, Value};

const STAFF: &str = "javier.moreno@aula.example";
const MANAGER: &str = "marta.iglesias@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_token_opens_the_api_until_it_is_revoked() {
    let app = TestApp::spawn().await;
    let res = Client::new().get(app.url("/api/v1/organizations")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"kind": "unauthorized"}));
    assert_eq!(api(&app, "aula_not-a-token", Method::GET, "/organizations", None).await.0, StatusCode::UNAUTHORIZED);

    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (_, created) = call(&c, &app, "account/tokens/create", &[("name", "ERP")]).await;
    let secret = created["secret"].as_str().unwrap();
    assert!(secret.starts_with("aula_"));
    let (status, page) = api(&app, secret, Method::GET, "/organizations", None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["total"], 8);

    let (_, listed) = call(&c, &app, "account/tokens/list", &[]).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(!listed.to_string().contains(secret), "the secret is never listed");
    let id = created["token"]["id"].as_i64().unwrap().to_string();
    assert_eq!(call(&c, &app, "account/tokens/revoke", &[("id", &id)]).await.0, StatusCode::OK);
    assert_eq!(api(&app, secret, Method::GET, "/organizations", None).await.0, StatusCode::UNAUTHORIZED);

    let reception = token_for_reception(&app).await;
    assert_eq!(reception, StatusCode::FORBIDDEN, "reception has no CRM and so no API tokens");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_route_finds_its_caller_the_same_way_a_session_or_a_token_and_a_bad_token_wins_over_a_cookie() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    // The signed-in browser reaches the API with its session, as an integration does with a token.
    let res = staff.get(app.url("/api/v1/organizations")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["total"], 8);
    // A request that names a token is judged by it alone: a bad one is refused despite the cookie.
    let res = staff.get(app.url("/api/v1/organizations")).bearer_auth("aula_not-a-token").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = staff.get(app.url("/people/export.csv")).bearer_auth("aula_not-a-token").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A token opens the session routes too, with its owner's permissions.
    let token = token_for(&app, STAFF).await;
    let res = Client::new().get(app.url("/people/export.csv")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // One error shape everywhere: JSON with the kind, WWW-Authenticate on a 401.
    let res = Client::new().get(app.url("/clients/export.csv")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"kind": "unauthorized"}));
    app.shutdown().await;
}

async fn token_for_reception(app: &TestApp) -> StatusCode {
    let c = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    call(&c, app, "account/tokens/create", &[("name", "x")]).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn organizations_are_created_read_updated_and_deleted_with_422_field_errors() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, STAFF).await;

    let (status, body) =
        api(&app, &token, Method::POST, "/organizations", Some(json!({"legal_name": "", "tax_id": "B12345675"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        json!({"kind": "validation", "fields": [
            {"field": "legal_name", "issue": {"code": "required"}},
            {"field": "tax_id", "issue": {"code": "invalid_tax_id"}}
        ]})
    );
    for bad in [json!({"legal_name": 7}), json!({"legal_name": "X", "colour": "red"}), json!([1, 2])] {
        let (status, body) = api(&app, &token, Method::POST, "/organizations", Some(bad.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["fields"][0], json!({"field": "body", "issue": {"code": "malformed"}}));
    }

    let (status, org) = api(
        &app,
        &token,
        Method::POST,
        "/organizations",
        Some(json!({"legal_name": "Cerámicas Orio S.L.", "tax_id": "B12345674", "city": "Orio", "interests": ["Cerámica"]})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    let id = org["id"].as_i64().unwrap();
    assert_eq!(org["status"], "lead");
    assert_eq!(org["interests"][0]["name"], "Cerámica");

    let (status, got) = api(&app, &token, Method::GET, &format!("/organizations/{id}"), None).await;
    assert_eq!((status, &got), (StatusCode::OK, &org));
    for missing in ["/organizations/999999", "/organizations/abc", "/organizations/-1", "/nothing-here"] {
        let (status, body) = api(&app, &token, Method::GET, missing, None).await;
        assert_eq!((status, body), (StatusCode::NOT_FOUND, json!({"kind": "not_found"})), "{missing}");
    }

    let (status, updated) = api(
        &app,
        &token,
        Method::PUT,
        &format!("/organizations/{id}"),
        Some(json!({"legal_name": "Cerámicas Orio S.L.", "tax_id": "B12345674", "status": "client"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["status"], "client");
    let (_, feed) =
        api(&app, &token, Method::GET, &format!("/organizations/{id}/timeline?kind=status_changed"), None).await;
    assert_eq!(feed["events"].as_array().unwrap().len(), 1, "{feed}");

    assert_eq!(api(&app, &token, Method::DELETE, &format!("/organizations/{id}"), None).await.0, StatusCode::FORBIDDEN);
    let manager = token_for(&app, MANAGER).await;
    assert_eq!(
        api(&app, &manager, Method::DELETE, &format!("/organizations/{id}"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api(&app, &token, Method::GET, &format!("/organizations/{id}"), None).await.0, StatusCode::NOT_FOUND);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn people_contacts_and_interactions_link_up_through_the_api() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, STAFF).await;
    let (_, org) =
        api(&app, &token, Method::POST, "/organizations", Some(json!({"legal_name": "Orio Kultur Elkartea"}))).await;
    let org_id = org["id"].as_i64().unwrap();
    let (status, person) = api(
        &app,
        &token,
        Method::POST,
        "/people",
        Some(json!({"first_name": "Jone", "last_name": "Aizpurua", "email": "jone@orio.example",
                    "organization_id": org_id, "role": "coordinator", "job_title": "Programación"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{person}");
    assert_eq!(person["links"][0]["organization_id"], org_id);
    let person_id = person["id"].as_i64().unwrap();
    let (status, contacts) = api(
        &app,
        &token,
        Method::POST,
        &format!("/organizations/{org_id}/contacts"),
        Some(json!({"person_id": person_id, "role": "billing"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{contacts}");
    assert_eq!(contacts.as_array().unwrap().len(), 2, "two roles of one person");

    let (status, ix) = api(
        &app,
        &token,
        Method::POST,
        "/interactions",
        Some(
            json!({"organization_id": org_id, "person_id": person_id, "kind": "call", "occurred_at": "2026-11-20T10:00",
                    "next_action": "Enviar programa", "next_action_at": "2026-11-27"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{ix}");
    assert_eq!(ix["next_action_at"], "2026-11-27T07:00:00Z");
    let (_, list) = api(&app, &token, Method::GET, &format!("/interactions?person_id={person_id}"), None).await;
    assert_eq!(list["total"], 1);
    let (status, _) = api(&app, &token, Method::GET, "/interactions", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (_, found) = api(&app, &token, Method::GET, "/people?q=AIZPURUA", None).await;
    assert_eq!(found["data"][0]["full_name"], "Jone Aizpurua");
    let (_, interests) = api(&app, &token, Method::POST, "/interests", Some(json!({"name": "Euskera"}))).await;
    assert_eq!(interests["name"], "Euskera");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_have_a_stable_order_and_a_bounded_size() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, STAFF).await;
    for i in 0..7 {
        api(
            &app,
            &token,
            Method::POST,
            "/organizations",
            Some(json!({"legal_name": "Mismo nombre", "city": format!("c{i}")})),
        )
        .await;
    }
    let mut seen = Vec::new();
    for page in 1..=3 {
        let (_, p) =
            api(&app, &token, Method::GET, &format!("/organizations?q=mismo&per_page=3&page={page}"), None).await;
        assert_eq!(p["total"], 7);
        seen.extend(p["data"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()));
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "equal names are ordered by id");
    assert_eq!(seen.len(), 7);
    let (status, body) = api(&app, &token, Method::GET, "/organizations?page=1&page=2", None).await;
    assert_eq!((status, &body["fields"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("query")));
    let (status, body) = api(&app, &token, Method::GET, "/organizations/%FF%FE", None).await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, json!({"kind": "not_found"})));
    let (_, big) = api(&app, &token, Method::GET, "/organizations?per_page=100000&page=-3", None).await;
    assert_eq!((big["per_page"].as_i64(), big["page"].as_i64()), (Some(100), Some(1)));
    app.shutdown().await;
}

/// Checks `value` against the OpenAPI `schema` (the subset the document uses: `$ref`, `type`
/// with null, `enum`, `properties`, `required`, `additionalProperties: false`, `items`).
fn check(doc: &Value, schema: &Value, value: &Value, at: &str) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return check(doc, &doc["components"]["schemas"][name], value, at);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(|t| t.as_str()).collect(),
        _ => vec![],
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    assert!(types.is_empty() || types.contains(&kind), "{at}: {kind} is not {types:?}");
    if let Some(options) = schema["enum"].as_array() {
        assert!(options.contains(value), "{at}: {value} not in {options:?}");
    }
    if let Value::Object(map) = value {
        for req in schema["required"].as_array().into_iter().flatten() {
            assert!(map.contains_key(req.as_str().unwrap()), "{at}: missing {req}");
        }
        for (k, v) in map {
            match schema["properties"].get(k) {
                Some(s) => check(doc, s, v, &format!("{at}.{k}")),
                None => assert!(schema["additionalProperties"] != json!(false), "{at}: undocumented {k}"),
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            check(doc, s, v, &format!("{at}[{i}]"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_openapi_document_describes_what_the_server_answers() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, STAFF).await;
    let doc: Value = Client::new().get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let (_, org) =
        api(&app, &token, Method::POST, "/organizations", Some(json!({"legal_name": "Doc S.L.", "source": "fair"})))
            .await;
    let id = org["id"].as_i64().unwrap();
    let (_, person) =
        api(&app, &token, Method::POST, "/people", Some(json!({"first_name": "Ane", "organization_id": id}))).await;
    let pid = person["id"].as_i64().unwrap();
    api(&app, &token, Method::POST, "/interactions", Some(json!({"organization_id": id, "kind": "note"}))).await;
    let day = (domain::clock::utc_now().date_naive() + chrono::Duration::days(20)).format("%Y-%m-%d").to_string();
    let workshop = json!({
        "title": "Encuadernación japonesa", "starts_at": format!("{day}T10:00"), "ends_at": format!("{day}T13:00"),
        "capacity": 1, "price_cents": 3000, "state": "published",
    });
    let (_, w) = api(&app, &token, Method::POST, "/workshops", Some(workshop.clone())).await;
    let wid = w["id"].as_i64().unwrap();
    let (_, other) = api(&app, &token, Method::POST, "/people", Some(json!({"first_name": "Iker"}))).await;
    let (_, seat) =
        api(&app, &token, Method::POST, &format!("/workshops/{wid}/enrollments"), Some(json!({"person_id": pid})))
            .await;
    let eid = seat["id"].as_i64().unwrap();
    let (_, w2) = api(&app, &token, Method::POST, "/workshops", Some(workshop.clone())).await;
    let w2 = w2["id"].as_i64().unwrap();
    let asked = Client::new()
        .post(app.url(&format!("/api/public/workshops/{w2}/enrollments")))
        .json(&json!({"first_name": "Nerea", "email": "nerea.doc@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let (_, pending) = api(&app, &token, Method::GET, &format!("/workshops/{w2}/enrollment-requests"), None).await;
    let rid = pending[0]["id"].as_i64().unwrap();
    let calls: Vec<(Method, String, &str, &str, Option<Value>)> = vec![
        (
            Method::GET,
            format!("/workshops/{w2}/enrollment-requests"),
            "/workshops/{id}/enrollment-requests",
            "200",
            None,
        ),
        (Method::POST, format!("/enrollment-requests/{rid}/confirm"), "/enrollment-requests/{id}/confirm", "200", None),
        (Method::POST, format!("/enrollment-requests/{rid}/discard"), "/enrollment-requests/{id}/discard", "422", None),
        (Method::GET, "/organizations".into(), "/organizations", "200", None),
        (Method::GET, format!("/organizations/{id}"), "/organizations/{id}", "200", None),
        (Method::GET, format!("/organizations/{id}/contacts"), "/organizations/{id}/contacts", "200", None),
        (Method::GET, format!("/organizations/{id}/timeline"), "/organizations/{id}/timeline", "200", None),
        (Method::GET, "/people".into(), "/people", "200", None),
        (Method::GET, format!("/people/{pid}"), "/people/{id}", "200", None),
        (Method::GET, format!("/people/{pid}/timeline"), "/people/{id}/timeline", "200", None),
        (Method::GET, "/interests".into(), "/interests", "200", None),
        (Method::GET, format!("/interactions?organization_id={id}"), "/interactions", "200", None),
        (Method::GET, "/organizations/424242".into(), "/organizations/{id}", "404", None),
        (Method::POST, "/organizations".into(), "/organizations", "422", Some(json!({"legal_name": ""}))),
        (Method::POST, "/interests".into(), "/interests", "201", Some(json!({"name": "Doc"}))),
        (Method::GET, "/workshops".into(), "/workshops", "200", None),
        (Method::POST, "/workshops".into(), "/workshops", "201", Some(workshop)),
        (
            Method::POST,
            "/workshops".into(),
            "/workshops",
            "422",
            Some(json!({"title": "", "starts_at": "x", "ends_at": "y", "capacity": 0, "price_cents": 0})),
        ),
        (Method::GET, format!("/workshops/{wid}"), "/workshops/{id}", "200", None),
        (Method::GET, format!("/workshops/{wid}/enrollments"), "/workshops/{id}/enrollments", "200", None),
        (
            Method::POST,
            format!("/workshops/{wid}/enrollments"),
            "/workshops/{id}/enrollments",
            "200",
            Some(json!({"person_id": pid})),
        ),
        (
            Method::POST,
            format!("/workshops/{wid}/enrollments"),
            "/workshops/{id}/enrollments",
            "201",
            Some(json!({"person_id": other["id"]})),
        ),
        (
            Method::POST,
            format!("/enrollments/{eid}/payment"),
            "/enrollments/{id}/payment",
            "200",
            Some(json!({"method": "cash"})),
        ),
        (Method::POST, format!("/enrollments/{eid}/cancel"), "/enrollments/{id}/cancel", "200", None),
        (Method::POST, format!("/enrollments/{eid}/cancel"), "/enrollments/{id}/cancel", "422", None),
    ];
    for (method, path, template, code, body) in calls {
        answers_as_documented(&app, &doc, &token, method, &path, template, code, body).await;
    }

    // Billing, as a manager (who may configure issuers and cancel invoices).
    let token = token_for(&app, MANAGER).await;
    let (_, issuer) = api(&app, &token, Method::POST, "/issuers", Some(issuer_body())).await;
    let iid = issuer["id"].as_i64().unwrap();
    let (_, draft) = api(&app, &token, Method::POST, "/invoices", Some(invoice_body(iid))).await;
    let inv = draft["id"].as_i64().unwrap();
    let calls: Vec<(Method, String, &str, &str, Option<Value>)> = vec![
        (Method::GET, "/issuers".into(), "/issuers", "200", None),
        (Method::GET, format!("/issuers/{iid}"), "/issuers/{id}", "200", None),
        (
            Method::POST,
            "/issuers".into(),
            "/issuers",
            "422",
            Some(json!({"legal_name": "", "nif": "x", "address": "", "postal_code": "", "city": ""})),
        ),
        (
            Method::POST,
            format!("/issuers/{iid}/series"),
            "/issuers/{id}/series",
            "201",
            Some(json!({"code": "T2027", "kind": "simplified"})),
        ),
        (Method::POST, "/invoices".into(), "/invoices", "201", Some(invoice_body(iid))),
        (
            Method::POST,
            "/invoices".into(),
            "/invoices",
            "422",
            Some(json!({"issuer_id": iid, "description": "", "lines": []})),
        ),
        (Method::PUT, format!("/invoices/{inv}"), "/invoices/{id}", "200", Some(invoice_body(iid))),
        (Method::GET, "/invoices".into(), "/invoices", "200", None),
        (Method::POST, format!("/invoices/{inv}/issue"), "/invoices/{id}/issue", "200", None),
        (Method::GET, format!("/invoices/{inv}"), "/invoices/{id}", "200", None),
        (
            Method::POST,
            format!("/invoices/{inv}/payments"),
            "/invoices/{id}/payments",
            "201",
            Some(json!({"amount_cents": 10_000, "method": "bizum", "paid_on": "2026-12-01"})),
        ),
        (
            Method::POST,
            format!("/invoices/{inv}/payments"),
            "/invoices/{id}/payments",
            "422",
            Some(json!({"amount_cents": 100_000, "method": "bizum", "paid_on": "2026-12-01"})),
        ),
        (Method::GET, format!("/invoices/{inv}/payments"), "/invoices/{id}/payments", "200", None),
        (
            Method::POST,
            format!("/invoices/{inv}/rectify"),
            "/invoices/{id}/rectify",
            "201",
            Some(json!({"kind": "R4", "mode": "difference"})),
        ),
        (
            Method::POST,
            format!("/invoices/{inv}/cancel"),
            "/invoices/{id}/cancel",
            "200",
            Some(json!({"reason": "Duplicada"})),
        ),
        (
            Method::POST,
            format!("/invoices/{inv}/cancel"),
            "/invoices/{id}/cancel",
            "422",
            Some(json!({"reason": "Otra vez"})),
        ),
        (Method::GET, "/invoices/424242".into(), "/invoices/{id}", "404", None),
    ];
    for (method, path, template, code, body) in calls {
        answers_as_documented(&app, &doc, &token, method, &path, template, code, body).await;
    }

    // Products and their stock.
    let (_, kit) = api(&app, &token, Method::POST, "/products", Some(product_body("KIT-API", 3))).await;
    let pid = kit["id"].as_i64().unwrap();
    let calls: Vec<(Method, String, &str, &str, Option<Value>)> = vec![
        (Method::POST, "/products".into(), "/products", "201", Some(product_body("KIT-OTRO", 0))),
        (Method::POST, "/products".into(), "/products", "422", Some(product_body("KIT-API", 0))),
        (Method::GET, "/products?low=true&inactive=true&q=kit".into(), "/products", "200", None),
        (Method::GET, format!("/products/{pid}"), "/products/{id}", "200", None),
        (Method::PUT, format!("/products/{pid}"), "/products/{id}", "200", Some(product_body("KIT-API", 0))),
        (Method::GET, "/products/424242".into(), "/products/{id}", "404", None),
        (
            Method::POST,
            format!("/products/{pid}/stock-moves"),
            "/products/{id}/stock-moves",
            "201",
            Some(json!({"kind": "sold", "quantity": 2})),
        ),
        (
            Method::POST,
            format!("/products/{pid}/stock-moves"),
            "/products/{id}/stock-moves",
            "422",
            Some(json!({"kind": "sold", "quantity": 2})),
        ),
        (Method::GET, format!("/products/{pid}/stock-moves?limit=5"), "/products/{id}/stock-moves", "200", None),
        (
            Method::POST,
            "/sales".into(),
            "/sales",
            "201",
            Some(json!({"issuer_id": iid, "payment_method": "cash", "lines": [{"product_id": pid}]})),
        ),
        (
            Method::POST,
            "/sales".into(),
            "/sales",
            "422",
            Some(json!({"issuer_id": iid, "payment_method": "cash", "lines": [{"product_id": pid, "quantity": 9}]})),
        ),
        (Method::GET, "/sales".into(), "/sales", "200", None),
        (Method::GET, "/sales/424242".into(), "/sales/{id}", "404", None),
    ];
    for (method, path, template, code, body) in calls {
        answers_as_documented(&app, &doc, &token, method, &path, template, code, body).await;
    }
    app.shutdown().await;
}

/// Calls `path` and checks the answer has `code` and the shape the document gives it there.
#[allow(clippy::too_many_arguments)]
async fn answers_as_documented(
    app: &TestApp,
    doc: &Value,
    token: &str,
    method: Method,
    path: &str,
    template: &str,
    code: &str,
    body: Option<Value>,
) {
    let m = method.as_str().to_lowercase();
    let (status, value) = api(app, token, method, path, body).await;
    assert_eq!(status.as_str(), code, "{path}: {value}");
    let op = &doc["paths"][template][&m];
    assert!(op.is_object(), "{m} {template} is documented");
    let schema = &op["responses"][code]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{m} {template} {code} has a schema");
    check(doc, schema, &value, &format!("{m} {path}"));
}
