//! The permission walk: every server function, called by nobody, by a user of each built-in role
//! and by one of a custom role ("Formador/a"), must answer as the table below declares — refused
//! (401 for nobody, 403 for a role without the permission) or let through (anything else). The
//! table must name every server function the server registers, so a new one without a declared
//! permission fails here, and one whose check differs from its declaration fails too. The HTTP
//! routes outside the server functions (the REST API by token, the CSV, PDF and stream endpoints
//! by session, the public ones) get the same walk from their own table, which a scan of the
//! router's source keeps complete.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::sample::sample;
use common::{call, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD};
use leptos::server_fn::ServerFn;
use reqwest::{Client, StatusCode};
use types::{Action, Module, Perm, Perms, Role};

/// Who may call a server function.
#[derive(Debug, Clone, Copy)]
enum Need {
    Anyone,
    SignedIn,
    Perm(Perm),
}

struct Entry {
    path: &'static str,
    need: Need,
    /// Sample arguments: form-encoded as the browser sends them, or as JSON.
    body: fn(bool) -> String,
}

/// The server functions that take their arguments as JSON.
const JSON_INPUT: &[&str] = &["/api/fn/crm/organizations/list"];

/// Arguments the sampler cannot make (a struct of options only encodes to nothing).
const BODIES: &[(&str, &str)] = &[("/api/fn/audit/log", "q[limit]=5")];

macro_rules! need {
    (anyone) => {
        Need::Anyone
    };
    (signed_in) => {
        Need::SignedIn
    };
    ($m:ident $a:ident) => {
        Need::Perm(Perm(Module::$m, Action::$a))
    };
}

macro_rules! server_fns {
    ($($ty:path => $($need:ident)+;)*) => {
        vec![$(Entry {
            path: <$ty as ServerFn>::PATH,
            need: need!($($need)+),
            body: |json| if json {
                serde_json::to_string(&sample::<$ty>()).expect("the sample encodes")
            } else {
                serde_qs::to_string(&sample::<$ty>()).expect("the sample encodes")
            },
        },)*]
    };
}

/// Every server function and the permission it needs.
fn declared() -> Vec<Entry> {
    use app::serverfns::*;
    server_fns! {
        account::ChangePassword => signed_in;
        account::SignOutEverywhere => signed_in;
        account::CreateApiToken => Crm View;
        account::ListApiTokens => Crm View;
        account::RevokeApiToken => Crm View;
        assistant::AssistantAdminPage => Assistant Configure;
        assistant::ConfirmAssistantAction => Assistant Create;
        assistant::DismissAssistantAction => Assistant Create;
        assistant::AssistantFeedback => Assistant View;
        assistant::AssistantHistory => Assistant View;
        audit::RecordHistory => Crm View;
        audit::AuditLog => Admin View;
        audit::VerifyAuditLog => Admin View;
        billing::AddSeries => Billing Configure;
        billing::CancelInvoice => Billing Delete;
        billing::GetContractBilling => Billing View;
        billing::InvoiceContract => Billing Edit;
        billing::GetInvoiceChoices => Billing View;
        billing::GetInvoiceList => Billing View;
        billing::GetInvoicePage => Billing View;
        billing::GetKitWorkshops => Products Create;
        billing::GetProductList => Products View;
        billing::GetProductPage => Products View;
        billing::GetSaleChoices => Reception View;
        billing::GetSalePage => Reception View;
        billing::IssueInvoice => Billing Edit;
        billing::ListBillingIssuers => Billing View;
        billing::RecordInvoicePayment => Billing Edit;
        billing::RecordSale => Reception Create;
        billing::RecordStockMove => Products Edit;
        billing::RectifyInvoice => Billing Edit;
        billing::SaveInvoice => Billing Edit;
        billing::SaveIssuer => Billing Configure;
        billing::SaveProduct => Products Create;
        crm::GetCrmChoices => Crm View;
        crm::AddContact => Crm Edit;
        crm::CancelImport => Crm Create;
        crm::GetImportJob => Crm Create;
        crm::ResumeImport => Crm Create;
        crm::UndoImport => Crm Create;
        crm::CreateInteraction => Crm Edit;
        crm::CompleteFollowUp => Crm Edit;
        crm::GetCrmKpis => Crm View;
        crm::PossibleDuplicates => Crm View;
        crm::GetPersonalData => Crm Export;
        crm::ErasePerson => Crm Delete;
        crm::GetOrganization => Crm View;
        crm::ListOrganizations => Crm View;
        crm::MergeOrganizations => Crm Delete;
        crm::SaveOrganization => Crm Edit;
        crm::GetPerson => Crm View;
        crm::ListPeople => Crm View;
        crm::MergePeople => Crm Delete;
        crm::SavePerson => Crm Edit;
        crm::GetTimeline => Crm View;
        crm::DeleteView => Crm View;
        crm::ListViews => Crm View;
        crm::SaveView => Crm View;
        dashboard::GetDashboard => signed_in;
        notify::EmailAdminPage => Admin Edit;
        notify::SaveReminderSettings => Admin Edit;
        notify::RetryReminder => Admin Edit;
        notify::CalendarEvents => Calendar View;
        notify::CreateCalendarFeed => signed_in;
        notify::ListCalendarFeeds => signed_in;
        notify::RevokeCalendarFeed => signed_in;
        notify::MoveCalendarEvent => Calendar Edit;
        notify::ListNotifications => signed_in;
        notify::MarkNotificationRead => signed_in;
        notify::MarkAllNotificationsRead => signed_in;
        sales::PipelineBoard => Pipeline View;
        sales::PipelineColumn => Pipeline Edit;
        sales::GetPipelineMetrics => Pipeline View;
        sales::MoveOpportunity => Pipeline Edit;
        sales::GetOpportunityPage => Pipeline View;
        sales::GetProposalPage => Proposals View;
        sales::SaveProposal => Proposals Edit;
        sales::SetProposalState => Proposals Edit;
        sales::SaveOpportunity => Pipeline Edit;
        sales::ArchivePipelineStage => Pipeline Configure;
        sales::ListPipelineStages => Pipeline View;
        sales::ReorderPipelineStages => Pipeline Configure;
        sales::SavePipelineStage => Pipeline Configure;
        sales::ListProposalTemplates => Proposals View;
        sales::SaveProposalTemplate => Proposals Configure;
        search::FindRecords => signed_in;
        training::ConfirmPublicRequest => anyone;
        training::GetPublicRequest => anyone;
        training::PublicEnroll => anyone;
        training::GetPublicWorkshop => anyone;
        training::PublicWorkshops => anyone;
        training::GetTrainingChoices => Training View;
        training::ContractPage => Training View;
        training::ListContracts => Training View;
        training::SetParticipant => Training Edit;
        training::SaveContract => Training Edit;
        training::ListCourses => Training View;
        training::SaveCourse => Training Configure;
        training::ConfirmRequest => Reception Edit;
        training::DiscardRequest => Reception Edit;
        training::CancelEnrollment => Reception Edit;
        training::PayEnrollment => Reception Edit;
        training::RefundEnrollment => Workshops Delete;
        training::GetPersonWorkshops => Crm View;
        training::SaveRoom => Training Configure;
        training::RecordAttendance => Reception Edit;
        training::SessionPage => Reception View;
        training::SaveSession => Training Edit;
        training::GetToday => Reception View;
        training::EnrollWalkIn => Reception Create;
        training::EnrollPerson => Workshops Create;
        training::WorkshopPage => Workshops View;
        training::ListWorkshops => Workshops View;
        training::SaveWorkshop => Workshops Edit;
        users::CreateRole => Admin Configure;
        users::DeleteRole => Admin Configure;
        users::ListRoles => Admin Configure;
        users::ResetRole => Admin Configure;
        users::SaveRole => Admin Configure;
        users::CreateUser => Admin Configure;
        users::ListUsers => Admin Configure;
        users::ResetPassword => Admin Configure;
        users::UpdateUser => Admin Configure;
    }
}

/// The permissions of the custom role the walk creates: a trainer's, limited to their own sessions.
fn trainer_perms() -> Perms {
    Perms::of([
        Perm(Module::Training, Action::View),
        Perm(Module::Reception, Action::View),
        Perm(Module::Reception, Action::Edit),
        Perm(Module::Calendar, Action::View),
    ])
    .with_own_only(Module::Training)
    .with_own_only(Module::Reception)
    .with_own_only(Module::Calendar)
}

/// A caller of the walk: who, their permissions (`None`: nobody signed in) and how to sign in again.
struct Caller {
    who: &'static str,
    perms: Option<Perms>,
    login: Option<(&'static str, &'static str)>,
    /// Signed in with a session cookie (none for nobody).
    client: Client,
    /// An API token of the same user (empty for nobody).
    token: String,
}

/// Nobody, a user of each built-in role and one of a custom role ("Formador/a", made as an
/// admin would on the roles page), each signed in and holding an API token.
async fn callers(app: &TestApp) -> Vec<Caller> {
    let admin = app.signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, body) = call(&admin, app, "roles/create", &[("name", "Formador/a"), ("copy_from", "")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut form = vec![("key".to_string(), "formador-a".to_string())];
    form.extend(trainer_perms().names().map(|n| ("perms[]".to_string(), n)));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, body) = call(&admin, app, "roles/save", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let trainer = [
        ("email", "iker.formador@aula.example"),
        ("name", "Iker Formador"),
        ("role", "formador-a"),
        ("locale", "es"),
        ("password", DEMO_PASSWORD),
    ];
    let (status, body) = call(&admin, app, "users/create", &trainer).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let everyone = domain::users::list_users(app.db()).await.unwrap();
    let mut callers =
        vec![Caller { who: "nobody", perms: None, login: None, client: TestApp::client(), token: String::new() }];
    for (who, email, password, perms) in [
        ("admin", ADMIN_EMAIL, ADMIN_PASSWORD, Perms::preset(Role::Admin)),
        ("manager", "marta.iglesias@aula.example", DEMO_PASSWORD, Perms::preset(Role::Manager)),
        ("staff", "javier.moreno@aula.example", DEMO_PASSWORD, Perms::preset(Role::Staff)),
        ("reception", "lucia.fernandez@aula.example", DEMO_PASSWORD, Perms::preset(Role::Reception)),
        ("formador-a", "iker.formador@aula.example", DEMO_PASSWORD, trainer_perms()),
    ] {
        let id = everyone.iter().find(|u| u.email == email).unwrap().id;
        let token = domain::api_tokens::create_token(app.db(), id, "permisos").await.unwrap().secret;
        let client = app.signed_in(email, password).await;
        callers.push(Caller { who, perms: Some(perms), login: Some((email, password)), client, token });
    }
    callers
}

/// The answer `caller` should get from a route that needs `need`: `Some` refusal, or `None` for
/// anything but a refusal.
fn expected(need: Need, caller: &Caller) -> Option<StatusCode> {
    match (need, caller.perms) {
        (Need::Anyone, _) => None,
        (_, None) => Some(StatusCode::UNAUTHORIZED),
        (Need::SignedIn, Some(_)) => None,
        (Need::Perm(p), Some(perms)) => (!perms.has(p)).then_some(StatusCode::FORBIDDEN),
    }
}

impl Caller {
    async fn sign_in_again(&mut self, app: &TestApp) {
        if let Some((email, password)) = self.login {
            self.client = app.signed_in(email, password).await;
        }
    }
}

#[test]
fn the_table_names_every_registered_server_function_once() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    let declared: Vec<&str> = declared().iter().map(|e| e.path).collect();
    assert_names_all(&declared, &registered, "server function");
}

/// `declared` names each of `present` exactly once, and nothing else.
fn assert_names_all<T: Ord + Clone + std::fmt::Debug>(declared: &[T], present: &BTreeSet<T>, what: &str) {
    let unique: BTreeSet<T> = declared.iter().cloned().collect();
    assert_eq!(unique.len(), declared.len(), "a {what} is declared twice");
    let missing: Vec<_> = present.difference(&unique).collect();
    assert!(missing.is_empty(), "{what}s without a declared permission: {missing:?}");
    let stale: Vec<_> = unique.difference(present).collect();
    assert!(stale.is_empty(), "declared but not there: {stale:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_server_function_refuses_exactly_the_callers_its_permission_leaves_out() {
    let app = TestApp::spawn_unlimited().await;
    let mut callers = callers(&app).await;

    let mut wrong = Vec::new();
    let (mut refused, mut let_through) = (0, 0);
    for entry in declared() {
        let json = JSON_INPUT.contains(&entry.path);
        let body =
            BODIES.iter().find(|(p, _)| *p == entry.path).map(|(_, b)| b.to_string()).unwrap_or((entry.body)(json));
        let content_type = if json { "application/json" } else { "application/x-www-form-urlencoded" };
        for caller in &mut callers {
            let res = caller
                .client
                .post(app.url(entry.path))
                .header(reqwest::header::ACCEPT, "application/json")
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = res.status();
            match expected(entry.need, caller) {
                Some(code) if status != code => wrong.push(format!(
                    "{} as {}: {status}, expected {code} (unauthorized success)",
                    entry.path, caller.who
                )),
                None if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN => {
                    let text = res.text().await.unwrap_or_default();
                    wrong.push(format!("{} as {}: {status} (wrongful refusal) {text}", entry.path, caller.who))
                }
                Some(_) => refused += 1,
                None => let_through += 1,
            }
            if entry.path.ends_with("/sign-out-everywhere") {
                caller.sign_in_again(&app).await;
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong answers:\n{}", wrong.len(), wrong.join("\n"));
    // The walk is not empty: most calls are refused to someone and let through to someone else.
    assert!(refused > 200 && let_through > 200, "refused {refused}, let through {let_through}");
    app.shutdown().await;
}

/// How an HTTP route finds its caller.
#[derive(Debug, Clone, Copy, PartialEq)]
enum By {
    /// `Authorization: Bearer` with an API token.
    Token,
    /// The session cookie.
    Session,
    /// Nobody: a public route (walked by the anonymous caller only).
    Public,
}

use reqwest::Method;

const fn p(m: Module, a: Action) -> Need {
    Need::Perm(Perm(m, a))
}

/// Every HTTP route outside the pages and server functions, and what it needs.
const ROUTES: &[(Method, &str, By, Need)] = &[
    (Method::GET, "/api/v1/openapi.json", By::Public, Need::Anyone),
    (Method::GET, "/api/v1/organizations", By::Token, p(Module::Crm, Action::View)),
    (Method::POST, "/api/v1/organizations", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/organizations/{id}", By::Token, p(Module::Crm, Action::View)),
    (Method::PUT, "/api/v1/organizations/{id}", By::Token, p(Module::Crm, Action::Edit)),
    (Method::DELETE, "/api/v1/organizations/{id}", By::Token, p(Module::Crm, Action::Delete)),
    (Method::GET, "/api/v1/organizations/{id}/contacts", By::Token, p(Module::Crm, Action::View)),
    (Method::POST, "/api/v1/organizations/{id}/contacts", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/organizations/{id}/timeline", By::Token, p(Module::Crm, Action::View)),
    (Method::GET, "/api/v1/people", By::Token, p(Module::Crm, Action::View)),
    (Method::POST, "/api/v1/people", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/people/{id}", By::Token, p(Module::Crm, Action::View)),
    (Method::PUT, "/api/v1/people/{id}", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/people/{id}/timeline", By::Token, p(Module::Crm, Action::View)),
    (Method::GET, "/api/v1/interests", By::Token, p(Module::Crm, Action::View)),
    (Method::POST, "/api/v1/interests", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/interactions", By::Token, p(Module::Crm, Action::View)),
    (Method::POST, "/api/v1/interactions", By::Token, p(Module::Crm, Action::Edit)),
    (Method::GET, "/api/v1/audit-log", By::Token, p(Module::Admin, Action::View)),
    (Method::GET, "/api/v1/audit-log/verify", By::Token, p(Module::Admin, Action::View)),
    (Method::GET, "/api/v1/workshops", By::Token, p(Module::Workshops, Action::View)),
    (Method::POST, "/api/v1/workshops", By::Token, p(Module::Workshops, Action::Edit)),
    (Method::GET, "/api/v1/workshops/{id}", By::Token, p(Module::Workshops, Action::View)),
    (Method::PUT, "/api/v1/workshops/{id}", By::Token, p(Module::Workshops, Action::Edit)),
    (Method::GET, "/api/v1/workshops/{id}/enrollments", By::Token, p(Module::Workshops, Action::View)),
    (Method::POST, "/api/v1/workshops/{id}/enrollments", By::Token, p(Module::Reception, Action::Create)),
    (Method::POST, "/api/v1/enrollments/{id}/cancel", By::Token, p(Module::Reception, Action::Edit)),
    (Method::POST, "/api/v1/enrollments/{id}/payment", By::Token, p(Module::Reception, Action::Edit)),
    (Method::GET, "/api/v1/workshops/{id}/enrollment-requests", By::Token, p(Module::Reception, Action::Edit)),
    (Method::POST, "/api/v1/enrollment-requests/{id}/confirm", By::Token, p(Module::Reception, Action::Edit)),
    (Method::POST, "/api/v1/enrollment-requests/{id}/discard", By::Token, p(Module::Reception, Action::Edit)),
    (Method::GET, "/api/v1/issuers", By::Token, p(Module::Billing, Action::View)),
    (Method::POST, "/api/v1/issuers", By::Token, p(Module::Billing, Action::Configure)),
    (Method::GET, "/api/v1/issuers/{id}", By::Token, p(Module::Billing, Action::View)),
    (Method::PUT, "/api/v1/issuers/{id}", By::Token, p(Module::Billing, Action::Configure)),
    (Method::POST, "/api/v1/issuers/{id}/series", By::Token, p(Module::Billing, Action::Configure)),
    (Method::GET, "/api/v1/invoices", By::Token, p(Module::Billing, Action::View)),
    (Method::POST, "/api/v1/invoices", By::Token, p(Module::Billing, Action::Create)),
    (Method::GET, "/api/v1/invoices/{id}", By::Token, p(Module::Billing, Action::View)),
    (Method::PUT, "/api/v1/invoices/{id}", By::Token, p(Module::Billing, Action::Edit)),
    (Method::POST, "/api/v1/invoices/{id}/issue", By::Token, p(Module::Billing, Action::Edit)),
    (Method::POST, "/api/v1/invoices/{id}/cancel", By::Token, p(Module::Billing, Action::Delete)),
    (Method::POST, "/api/v1/invoices/{id}/rectify", By::Token, p(Module::Billing, Action::Edit)),
    (Method::GET, "/api/v1/invoices/{id}/record.xml", By::Token, p(Module::Billing, Action::View)),
    (Method::GET, "/api/v1/invoices/{id}/pdf", By::Token, p(Module::Billing, Action::View)),
    (Method::GET, "/api/v1/invoices/{id}/payments", By::Token, p(Module::Billing, Action::View)),
    (Method::POST, "/api/v1/invoices/{id}/payments", By::Token, p(Module::Billing, Action::Edit)),
    (Method::GET, "/api/v1/exports/{file}", By::Token, p(Module::Billing, Action::Export)),
    (Method::GET, "/api/v1/products", By::Token, p(Module::Products, Action::View)),
    (Method::POST, "/api/v1/products", By::Token, p(Module::Products, Action::Create)),
    (Method::GET, "/api/v1/products/{id}", By::Token, p(Module::Products, Action::View)),
    (Method::PUT, "/api/v1/products/{id}", By::Token, p(Module::Products, Action::Edit)),
    (Method::GET, "/api/v1/products/{id}/stock-moves", By::Token, p(Module::Products, Action::View)),
    (Method::POST, "/api/v1/products/{id}/stock-moves", By::Token, p(Module::Products, Action::Edit)),
    (Method::GET, "/api/v1/sales", By::Token, p(Module::Reception, Action::View)),
    (Method::POST, "/api/v1/sales", By::Token, p(Module::Reception, Action::Create)),
    (Method::GET, "/api/v1/sales/{id}", By::Token, p(Module::Reception, Action::View)),
    (Method::GET, "/api/v1/sales/{id}/pdf", By::Token, p(Module::Reception, Action::View)),
    (Method::GET, "/api/public/workshops", By::Public, Need::Anyone),
    (Method::GET, "/api/public/workshops/{id}", By::Public, Need::Anyone),
    (Method::POST, "/api/public/workshops/{id}/enrollments", By::Public, Need::Anyone),
    (Method::GET, "/api/public/enrollment-requests/{token}", By::Public, Need::Anyone),
    (Method::POST, "/api/public/enrollment-requests/{token}/confirm", By::Public, Need::Anyone),
    (Method::GET, "/healthz", By::Public, Need::Anyone),
    (Method::GET, "/readyz", By::Public, Need::Anyone),
    (Method::GET, "/metrics", By::Public, Need::Anyone),
    (Method::POST, "/auth/login", By::Public, Need::Anyone),
    (Method::POST, "/auth/logout", By::Public, Need::Anyone),
    (Method::POST, "/auth/lang", By::Public, Need::Anyone),
    (Method::GET, "/ics/{file}", By::Public, Need::Anyone),
    (Method::GET, "/clients/export.csv", By::Session, p(Module::Crm, Action::Export)),
    (Method::GET, "/people/export.csv", By::Session, p(Module::Crm, Action::Export)),
    (Method::GET, "/people/{id}/data.json", By::Session, p(Module::Crm, Action::Export)),
    (Method::POST, "/clients/import/upload", By::Session, p(Module::Crm, Action::Create)),
    (Method::POST, "/clients/import/{id}/run", By::Session, p(Module::Crm, Action::Create)),
    (Method::GET, "/api/notifications/stream", By::Session, Need::SignedIn),
    (Method::GET, "/api/pipeline/stream", By::Session, p(Module::Pipeline, Action::View)),
    (Method::GET, "/proposals/{id}/pdf", By::Session, p(Module::Proposals, Action::View)),
    (Method::POST, "/api/assistant/ask", By::Session, p(Module::Assistant, Action::View)),
];

/// The routes the router's source declares: `.route("path", get(…).post(…))` in the files that
/// build it, with the prefix each is nested under.
fn declared_in_source() -> BTreeSet<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
    let mut found = BTreeSet::new();
    for (file, prefixes) in [
        ("api.rs", BTreeMap::from([("routes", "/api/v1")])),
        ("training_api.rs", BTreeMap::from([("v1_routes", "/api/v1"), ("public_routes", "/api/public")])),
        ("billing_api.rs", BTreeMap::from([("v1_routes", "/api/v1")])),
        ("products_api.rs", BTreeMap::from([("v1_routes", "/api/v1")])),
        ("lib.rs", BTreeMap::new()),
    ] {
        let text = std::fs::read_to_string(format!("{root}{file}")).unwrap();
        let mut prefix = "";
        // A route's call may span lines: join the text and split at each `.route(`.
        for (i, chunk) in text.split(".route(").enumerate() {
            if i > 0 {
                let path = chunk.trim_start().trim_start_matches('"').split('"').next().unwrap().to_string();
                let call: String = chunk.split(")\n").next().unwrap_or(chunk).to_string();
                for m in ["get", "post", "put", "delete", "patch"] {
                    if call.contains(&format!("{m}(")) {
                        found.insert((m.to_uppercase(), format!("{prefix}{path}")));
                    }
                }
            }
            if let Some(f) = chunk.rsplit("pub fn ").next().filter(|_| chunk.contains("pub fn ")) {
                let name = f.split('(').next().unwrap_or_default();
                prefix = prefixes.get(name).copied().unwrap_or(prefix);
            }
        }
    }
    found
}

#[test]
fn the_route_table_names_every_route_the_router_declares() {
    let table: Vec<(String, String)> = ROUTES.iter().map(|(m, p, _, _)| (m.to_string(), p.to_string())).collect();
    let source = declared_in_source();
    assert!(source.len() > 40, "the scan found the routes: {source:?}");
    assert_names_all(&table, &source, "route");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_http_route_refuses_exactly_the_callers_its_permission_leaves_out() {
    let app = TestApp::spawn_unlimited().await;
    let callers = callers(&app).await;

    let mut wrong = Vec::new();
    let mut walked = 0;
    for (method, path, by, need) in ROUTES {
        let url = app.url(&path.replace("{id}", "1").replace("{token}", "x").replace("{file}", "x.ics"));
        for caller in &callers {
            if *by == By::Public && caller.perms.is_some() {
                continue;
            }
            let who = caller.who;
            let mut req = match by {
                By::Token => Client::new().request(method.clone(), &url).bearer_auth(&caller.token),
                _ => caller.client.request(method.clone(), &url),
            };
            // The body each route reads: JSON for the API, a form for the session routes.
            req = match (method.clone(), by, path.ends_with("/upload")) {
                (Method::GET, _, _) => req,
                (_, By::Session, true) => req.multipart(reqwest::multipart::Form::new().text("kind", "organizations")),
                (_, By::Session, false) => req.form(&[("question", "¿Qué talleres hay?")]),
                _ => req.header(reqwest::header::CONTENT_TYPE, "application/json").body("{}"),
            };
            let res = req.send().await.unwrap();
            let status = res.status();
            drop(res); // a stream's body never ends
            walked += 1;
            match expected(*need, caller) {
                Some(code) if status != code => {
                    wrong.push(format!("{method} {path} as {who}: {status}, expected {code}"))
                }
                None if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN => {
                    wrong.push(format!("{method} {path} as {who}: {status} (wrongful refusal)"))
                }
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong answers:\n{}", wrong.len(), wrong.join("\n"));
    assert!(walked > 200, "{walked} requests");
    app.shutdown().await;
}
