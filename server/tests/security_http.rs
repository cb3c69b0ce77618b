//! Security findings over real HTTP (issue 16): each test failed before its fix.

mod common;

use common::{call, TestApp, DEMO_PASSWORD};
use reqwest::StatusCode;
use serde_json::Value;

const STAFF: &str = "javier.moreno@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

/// A published workshop of the demo data.
async fn a_workshop(app: &TestApp) -> i64 {
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, list) = call(&staff, app, "training/workshops/list", &[]).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list[0]["id"].as_i64().expect("the demo data has workshops")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reception_cannot_enroll_a_person_on_record_nor_learn_their_name_by_id() {
    let app = TestApp::spawn().await;
    let workshop = a_workshop(&app).await.to_string();
    let reception = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    for person in ["1", "2", "3"] {
        let (status, body) = call(
            &reception,
            &app,
            "training/workshops/enroll-person",
            &[("person_id", person), ("workshop_id", &workshop)],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body, serde_json::json!({"kind": "forbidden"}), "nothing about the person");
    }
    // Staff still enroll people from their page.
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, body) =
        call(&staff, &app, "training/workshops/enroll-person", &[("person_id", "1"), ("workshop_id", &workshop)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reception_calendar_carries_no_client_list_only_the_clients_of_its_events() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let reception = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let month = [("view", "month")];
    let (status, full) = call(&staff, &app, "calendar/events", &month).await;
    assert_eq!(status, StatusCode::OK, "{full}");
    let (status, desk) = call(&reception, &app, "calendar/events", &month).await;
    assert_eq!(status, StatusCode::OK, "{desk}");

    let ids = |v: &Value| -> Vec<i64> {
        v.as_array().unwrap().iter().map(|pair| pair[0].as_i64().unwrap()).collect::<Vec<_>>()
    };
    let of_events: Vec<i64> =
        desk["events"].as_array().unwrap().iter().filter_map(|e| e["organization_id"].as_i64()).collect();
    assert!(!of_events.is_empty(), "the demo month has sessions");
    let offered = ids(&desk["organizations"]);
    assert!(offered.iter().all(|id| of_events.contains(id)), "reception: {offered:?}, events: {of_events:?}");
    assert!(ids(&full["organizations"]).len() > offered.len(), "staff filter on every client");
    assert_eq!(desk["contracts"], serde_json::json!([]));
    assert!(!full["contracts"].as_array().unwrap().is_empty());
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_changed_password_stops_the_api_tokens_and_calendar_feeds_made_before_it() {
    let app = TestApp::spawn().await;
    let token = common::token_for(&app, STAFF).await;
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, feed) = call(&staff, &app, "calendar/feeds/create", &[("scope", "user")]).await;
    assert_eq!(status, StatusCode::OK, "{feed}");
    let feed = feed["path"].as_str().unwrap().to_string();
    let (status, _) = common::api(&app, &token, reqwest::Method::GET, "/organizations", None).await;
    assert_eq!(status, StatusCode::OK, "the token works");
    assert_eq!(TestApp::client().get(app.url(&feed)).send().await.unwrap().status(), StatusCode::OK, "the feed works");

    let new = "otra-contraseña-larga";
    let (status, body) =
        call(&staff, &app, "account/password", &[("current", DEMO_PASSWORD), ("new", new), ("confirm", new)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = common::api(&app, &token, reqwest::Method::GET, "/organizations", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(TestApp::client().get(app.url(&feed)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The session that changed it goes on.
    let (status, _) = call(&staff, &app, "training/workshops/list", &[]).await;
    assert_eq!(status, StatusCode::OK);

    // Signing out everywhere ends that one too.
    let (status, body) = call(&staff, &app, "account/sign-out-everywhere", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = call(&staff, &app, "training/workshops/list", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.shutdown().await;
}

/// A client that keeps cookies and sends from the loopback address `ip` (`127.0.0.x`).
fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap()
}

/// A sign-in form post; answers the status (303 signed in, 401 refused, 429 throttled).
async fn sign_in(c: &reqwest::Client, app: &TestApp, password: &str, forwarded: Option<&str>) -> StatusCode {
    let mut req = c
        .post(app.url("/auth/login"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&[("email", common::ADMIN_EMAIL), ("password", password)]);
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    req.send().await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_guessing_address_is_refused_while_the_admin_signs_in_from_another() {
    let app = TestApp::spawn().await;
    let guesser = client_from("127.0.0.2");
    for _ in 0..5 {
        assert_eq!(sign_in(&guesser, &app, "no-es-esta", None).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&guesser, &app, common::ADMIN_PASSWORD, None).await, StatusCode::TOO_MANY_REQUESTS);
    // A header does not make the guesser someone else: no proxy is trusted.
    assert_eq!(sign_in(&guesser, &app, "no-es-esta", Some("198.51.100.7")).await, StatusCode::TOO_MANY_REQUESTS);
    let owner = client_from("127.0.0.3");
    assert_eq!(sign_in(&owner, &app, common::ADMIN_PASSWORD, None).await, StatusCode::OK);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn behind_a_trusted_proxy_each_forwarded_client_is_throttled_on_its_own() {
    let app = TestApp::spawn_with(|s| s.trusted_proxies = "127.0.0.1".into()).await;
    let proxy = client_from("127.0.0.1");
    // A client that spoofs a hop to the left is still the hop the proxy added.
    for _ in 0..5 {
        let status = sign_in(&proxy, &app, "no-es-esta", Some("10.9.9.9, 203.0.113.5")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&proxy, &app, common::ADMIN_PASSWORD, Some("203.0.113.5")).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in(&proxy, &app, common::ADMIN_PASSWORD, Some("203.0.113.6")).await, StatusCode::OK);
    // From an address that is not the proxy, the header is not believed.
    let other = client_from("127.0.0.4");
    for _ in 0..5 {
        assert_eq!(sign_in(&other, &app, "no-es-esta", Some("203.0.113.6")).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&other, &app, "no-es-esta", Some("203.0.113.99")).await, StatusCode::TOO_MANY_REQUESTS);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn metrics_without_a_token_answer_only_this_machine_and_never_through_a_proxy() {
    let app = TestApp::spawn().await;
    let local = client_from("127.0.0.1");
    assert_eq!(local.get(app.url("/metrics")).send().await.unwrap().status(), StatusCode::OK);
    // A reverse proxy on the same host makes visitors look local: their request is forwarded.
    let proxied = local.get(app.url("/metrics")).header("x-forwarded-for", "198.51.100.4").send().await.unwrap();
    assert_eq!(proxied.status(), StatusCode::FORBIDDEN);
    let proxied = local.get(app.url("/metrics")).header("forwarded", "for=198.51.100.4").send().await.unwrap();
    assert_eq!(proxied.status(), StatusCode::FORBIDDEN);
    app.shutdown().await;

    let app = TestApp::spawn_with(|s| s.metrics_token = "s3cret-de-metricas".into()).await;
    let wrong = local.get(app.url("/metrics")).bearer_auth("s3cret").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = local.get(app.url("/metrics")).bearer_auth("s3cret-de-metricas").send().await.unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_carry_a_content_security_policy_that_their_own_scripts_satisfy() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let mut nonces = Vec::new();
    for path in ["/today", "/clients", "/login", "/no-such-page"] {
        let res = staff.get(app.url(path)).send().await.unwrap();
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        let permissions = res.headers()["permissions-policy"].to_str().unwrap().to_string();
        assert!(permissions.contains("microphone=()") && permissions.contains("geolocation=()"), "{permissions}");
        assert!(res.headers().get("strict-transport-security").is_none(), "no HSTS over plain http");
        let html = res.text().await.unwrap();
        for directive in ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src ")).expect("script-src");
        assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"), "{csp}");
        let nonce = csp.split("'nonce-").nth(1).and_then(|n| n.split('\'').next()).expect("a nonce").to_string();
        // Every inline script that runs carries this render's nonce; data blocks and files need none.
        for tag in html.split("<script").skip(1).map(|t| t.split('>').next().unwrap()) {
            let runs_inline = !tag.contains("src=") && !tag.contains("application/json");
            if runs_inline {
                assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: <script{tag}>");
            }
        }
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 4, "a new nonce for every render");
    app.shutdown().await;

    let app = TestApp::spawn_with(|s| s.public_url = "https://aula.example".into()).await;
    let res = TestApp::client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(res.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
    app.shutdown().await;
}

/// A public enrollment of person `n` into `workshop` from `c`: its status and `Retry-After`.
async fn public_enroll(c: &reqwest::Client, app: &TestApp, workshop: i64, n: usize) -> (StatusCode, Option<String>) {
    let res = c
        .post(app.url(&format!("/api/public/workshops/{workshop}/enrollments")))
        .json(
            &serde_json::json!({"first_name": format!("Persona {n}"), "email": format!("p{n}.{workshop}@example.com")}),
        )
        .send()
        .await
        .unwrap();
    let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    (res.status(), retry)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn public_enrollments_are_limited_per_address_and_per_workshop_with_retry_after() {
    let app = TestApp::spawn_with(|s| {
        s.public_enrollments_per_ip = 3;
        s.public_enrollments_per_workshop = 5;
    })
    .await;
    let workshop = a_workshop(&app).await;
    let script = client_from("127.0.0.5");
    for n in 0..3 {
        assert_eq!(public_enroll(&script, &app, workshop, n).await.0, StatusCode::ACCEPTED);
    }
    let (status, retry) = public_enroll(&script, &app, workshop, 3).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    // Another address enrolls, until the workshop has had its share from everywhere.
    let (a, b) = (client_from("127.0.0.6"), client_from("127.0.0.7"));
    assert_eq!(public_enroll(&a, &app, workshop, 10).await.0, StatusCode::ACCEPTED);
    assert_eq!(public_enroll(&b, &app, workshop, 11).await.0, StatusCode::ACCEPTED);
    assert_eq!(public_enroll(&b, &app, workshop, 12).await.0, StatusCode::TOO_MANY_REQUESTS);
    // Staff enroll at the desk regardless.
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, body) = call(
        &staff,
        &app,
        "training/workshops/enroll",
        &[("workshop_id", &workshop.to_string()), ("first_name", "Ane"), ("email", "ane.desk@example.com")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_public_requests_from_one_address_is_answered_429_in_the_visitors_language_page() {
    let app = TestApp::spawn_with(|s| s.public_requests_per_minute = 5).await;
    let flood = client_from("127.0.0.8");
    for _ in 0..5 {
        let res = flood.get(app.url("/talleres")).header("accept", "text/html").send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = flood.get(app.url("/talleres")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    assert!(res.text().await.unwrap().contains("Demasiadas solicitudes"));
    let res = flood.get(app.url("/api/public/workshops")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.json::<Value>().await.unwrap()["kind"], "rate_limited");
    // Others are served, and so are staff pages.
    let other = client_from("127.0.0.9");
    assert_eq!(other.get(app.url("/talleres")).send().await.unwrap().status(), StatusCode::OK);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_public_form_refuses_a_filled_hidden_field_and_enrolls_nobody() {
    let app = TestApp::spawn().await;
    let workshop = a_workshop(&app).await.to_string();
    let visitor = TestApp::client();
    let form = |website: &'static str| {
        vec![
            ("workshop_id", workshop.clone()),
            ("first_name", "Robot".to_string()),
            ("email", format!("robot{}@example.com", website.len())),
            ("website", website.to_string()),
        ]
    };
    let filled = form("https://spam.example");
    let pairs: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = call(&visitor, &app, "public/workshops/enroll", &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let staff = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, page) = call(&staff, &app, "training/workshops/get", &[("id", &workshop)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.to_string().contains("robot20@example.com"), "nobody enrolled");
    // A person leaves it empty.
    let empty = form("");
    let pairs: Vec<(&str, &str)> = empty.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = call(&visitor, &app, "public/workshops/enroll", &pairs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, page) = call(&staff, &app, "training/workshops/get", &[("id", &workshop)]).await;
    assert!(page.to_string().contains("robot0@example.com"), "the person's request awaits confirmation");
    app.shutdown().await;
}
