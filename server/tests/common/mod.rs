//! The real server over real HTTP for the integration tests: one fresh database per test.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

pub mod sample;

use aula_server::{start, Running, Settings};
use domain::testing::TestDb;
use reqwest::{header, redirect, Client, StatusCode};
use serde_json::Value;

pub const ADMIN_EMAIL: &str = "admin@aula.local";
pub const ADMIN_PASSWORD: &str = "admin-test-password";
pub const DEMO_PASSWORD: &str = "demo-test-password";

pub struct TestApp {
    pub base: String,
    pub running: Option<Running>,
    settings: Settings,
    _db: TestDb,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let db = TestDb::new().await;
        static N: AtomicUsize = AtomicUsize::new(0);
        let data_dir =
            std::env::temp_dir().join(format!("aula-http-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
        let mut settings = Settings {
            addr: "127.0.0.1:0".into(),
            database_url: db.url.clone(),
            site_root: data_dir.join("site").to_string_lossy().into_owned(),
            data_dir,
            admin_email: ADMIN_EMAIL.into(),
            admin_password: ADMIN_PASSWORD.into(),
            demo_data: true,
            demo_password: DEMO_PASSWORD.into(),
            ..Settings::default()
        };
        adjust(&mut settings);
        let running = start(settings.clone(), false).await.expect("server starts");
        TestApp { base: format!("http://{}", running.addr), running: Some(running), settings, _db: db }
    }

    /// Stops the server and starts a new one on the same database (a restart, or another
    /// instance taking over). Its address changes.
    pub async fn restart(mut self) -> TestApp {
        if let Some(r) = self.running.take() {
            r.shutdown().await;
        }
        let running = start(self.settings.clone(), false).await.expect("server starts again");
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
        self
    }

    /// Settings that send email through the SMTP server on loopback port `port` (a real one: the
    /// test's `domain::testing::SmtpSink`).
    pub fn use_smtp(s: &mut Settings, port: u16) {
        s.smtp_host = "127.0.0.1".into();
        s.smtp_port = port;
        s.smtp_security = "none".into();
        s.smtp_from = "Aula <aula@centro.example>".into();
    }

    /// A server whose public rate limits stay out of the way of a test about something else
    /// (a race for seats, thousands of renders), all from one loopback address.
    pub async fn spawn_unlimited() -> TestApp {
        Self::spawn_with(|s| {
            s.public_requests_per_minute = 1_000_000;
            s.public_enrollments_per_ip = 1_000_000;
            s.public_enrollments_per_workshop = 1_000_000;
        })
        .await
    }

    /// One round of the background workers (housekeeping, then the reminder service), for a
    /// server spawned with `workers_by_hand`: the test says when they run instead of waiting.
    pub async fn run_workers(&self) {
        self.running.as_ref().expect("the server runs").run_workers_once().await;
    }

    /// The test's database, for setting up what no page does (an API token for any role).
    pub fn db(&self) -> &domain::Db {
        &self._db.db
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client that keeps cookies, does not follow redirects and asks for HTML like a browser.
    pub fn client() -> Client {
        let mut headers = header::HeaderMap::new();
        headers.insert(header::ACCEPT, header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"));
        Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap()
    }

    /// A client signed in as `email`.
    pub async fn signed_in(&self, email: &str, password: &str) -> Client {
        let c = Self::client();
        let res = c
            .post(self.url("/auth/login"))
            .form(&[("email", email), ("password", password), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
        c
    }

    pub async fn shutdown(mut self) {
        if let Some(r) = self.running.take() {
            r.shutdown().await;
        }
    }
}

/// A page as `c` gets it: its status and HTML.
pub async fn page(c: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

pub async fn call(c: &Client, app: &TestApp, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let res = c
        .post(app.url(&format!("/api/fn/{endpoint}")))
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Signs in as `email` and creates an API token through the account page's server function.
pub async fn token_for(app: &TestApp, email: &str) -> String {
    let c = app.signed_in(email, DEMO_PASSWORD).await;
    let (status, body) = call(&c, app, "account/tokens/create", &[("name", "integración")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["secret"].as_str().unwrap().to_string()
}

/// A request to `/api/v1{path}` with `token`, and its status and JSON answer.
pub async fn api(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = Client::new().request(method, app.url(&format!("/api/v1{path}"))).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// An issuing company as the API takes it: a valid CIF, an IBAN, under Veri*Factu.
pub fn issuer_body() -> Value {
    serde_json::json!({
        "legal_name": "Formación Ficticia SL",
        "nif": domain::crm::fields::spanish_cif('B', 1_234_567),
        "address": "Calle Mayor 1",
        "postal_code": "20001",
        "city": "Donostia",
        "province": "Gipuzkoa",
        "iban": "ES91 2100 0418 4502 0005 1332",
    })
}

/// A product's API body: a kit at 12,50 € + 21 % VAT with `stock` units to start with.
pub fn product_body(sku: &str, stock: i64) -> Value {
    serde_json::json!({
        "sku": sku,
        "name": format!("Kit {sku}"),
        "price_cents": 1_250,
        "vat": "21",
        "low_stock_threshold": 1,
        "initial_stock": stock,
    })
}

/// A full-invoice draft of `issuer` as the API takes it: 7 h 30 of exempt training at 60 €/h and
/// 3 kits at 12,40 € with 21 % VAT, to a company with a valid CIF (total 495,01 €).
pub fn invoice_body(issuer: i64) -> Value {
    serde_json::json!({
        "issuer_id": issuer,
        "recipient_name": "Construcciones Ejemplo SA",
        "recipient_tax_id": domain::crm::fields::spanish_cif('A', 2_345_678),
        "recipient_address": "Polígono Industrial 4, 20100 Errenteria",
        "description": "Formación en prevención de riesgos laborales",
        "lines": [
            {"description": "Curso PRL (7,5 h)", "hours": "7,5", "unit_price_cents": 6000, "vat": "exempt"},
            {"description": "Kit de seguridad", "quantity": 3, "unit_price_cents": 1240, "vat": "21"},
        ],
    })
}
