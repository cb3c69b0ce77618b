//! The Aula server: connects and migrates the database, creates the first administrator, mounts
//! the Leptos app, the auth form endpoints and the ops endpoints, and runs background workers.

pub mod api;
pub mod assets;
pub mod assistant_routes;
pub mod auth_routes;
pub mod billing_api;
pub mod client;
pub mod crm_routes;
pub mod edge;
pub mod live;
pub mod openapi;
pub mod ops;
pub mod products_api;
pub mod sales_routes;
pub mod settings;
pub mod training_api;
pub mod workers;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use app::state::ServerState;
use app::{shell, App};
use axum::extract::{ConnectInfo, FromRef, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::Db;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::sync::watch;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use types::{ApiError, Locale};

use crate::edge::HttpError;

pub use settings::Settings;

/// The state every axum handler can reach.
#[derive(Clone, FromRef)]
pub struct AxumState {
    pub leptos_options: LeptosOptions,
    pub app: ServerState,
    pub settings: Arc<Settings>,
    /// The reverse proxies whose `X-Forwarded-For` is believed (`AULA_TRUSTED_PROXIES`).
    pub proxies: Arc<Vec<client::IpRange>>,
    /// Fires when the server shuts down (ends live streams).
    pub stop: watch::Receiver<bool>,
}

/// What went wrong while starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] domain::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("invalid setting {0}")]
    Setting(String),
}

/// Connects to the database, migrates it, and creates the first administrator and the demo data
/// as configured.
pub async fn prepare_database(settings: &Settings) -> Result<Db, StartError> {
    let db = Db::connect(&settings.database_url(), settings.max_connections).await?;
    db.migrate().await?;
    tracing::info!(backend = db.backend().name(), "database ready");
    let password = (!settings.admin_password.is_empty()).then_some(settings.admin_password.as_str());
    if let Some(first) =
        domain::bootstrap::ensure_admin(&db, &settings.admin_email, &settings.admin_name, password).await?
    {
        match first.generated_password {
            Some(pw) => tracing::warn!(
                email = %first.user.email,
                "first start: administrator created with password {pw} (shown only this once; change it under My account)"
            ),
            None => tracing::info!(email = %first.user.email, "first start: administrator created"),
        }
    }
    if settings.demo_data {
        let (password, generated) = if settings.demo_password.is_empty() {
            (rand_free_password(), true)
        } else {
            (settings.demo_password.clone(), false)
        };
        let created = domain::demo::seed(&db, &password).await?;
        if created > 0 && generated {
            tracing::warn!("demo users created with password {password} (shown only this once)");
        }
    }
    Ok(db)
}

fn rand_free_password() -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::rngs::OsRng, 16)
}

/// The Leptos options for `settings`: output name, site root (and its file hashes), address.
pub fn leptos_options(settings: &Settings) -> Result<LeptosOptions, StartError> {
    let addr: SocketAddr =
        settings.addr.parse().map_err(|_| StartError::Setting(format!("AULA_ADDR={}", settings.addr)))?;
    let env = std::env::var("LEPTOS_ENV").unwrap_or_else(|_| "PROD".into());
    let hash_file = assets::hash_file(&settings.site_root);
    Ok(LeptosOptions::builder()
        .hash_files(hash_file.is_some())
        .hash_file(hash_file.map(|f| f.to_string_lossy().into()).unwrap_or_else(|| "hash.txt".into()))
        .output_name("aula")
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(if env == "DEV" { leptos::config::Env::DEV } else { leptos::config::Env::PROD })
        .reload_port(std::env::var("LEPTOS_RELOAD_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3001))
        .build())
}

/// Refuses cross-site state changes: every request but GET/HEAD/OPTIONS must come from this
/// site, judged by `Origin` (against `AULA_PUBLIC_URL` when set, else `Host`) or, when a browser
/// sends no `Origin`, by `Sec-Fetch-Site`. Defence in depth on top of `SameSite=Lax` cookies,
/// which a sibling subdomain could get around.
async fn same_origin_only(State(state): State<AxumState>, req: Request, next: Next) -> Response {
    use axum::http::Method;
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let public_host =
        state.settings.public_url.split("://").nth(1).map(|rest| rest.split('/').next().unwrap_or_default());
    let expected = public_host
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .or_else(|| headers.get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_string));
    let allowed = match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        Some(origin) => origin.split("://").nth(1).is_some_and(|host| Some(host) == expected.as_deref()),
        None => !matches!(
            headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
            Some("cross-site") | Some("same-site")
        ),
    };
    if !allowed {
        tracing::warn!(origin = ?headers.get(header::ORIGIN), path = %req.uri().path(), "cross-site request refused");
        return HttpError(ApiError::forbidden()).into_response();
    }
    next.run(req).await
}

/// Resolves who is looking at a page (one session lookup) and hands it to the app through the
/// request extensions. Assets, server functions and ops endpoints skip it.
async fn attach_viewer(State(state): State<AxumState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_page = req.method() == axum::http::Method::GET
        && !["/pkg/", "/icons/", "/api/", "/auth/", "/ics/"].iter().any(|p| path.starts_with(p))
        && !path.ends_with(".csv")
        && ![
            "/healthz",
            "/readyz",
            "/metrics",
            "/sw.js",
            "/register-sw.js",
            "/manifest.webmanifest",
            "/offline.html",
            "/favicon.ico",
        ]
        .contains(&path);
    if !is_page {
        return next.run(req).await;
    }
    let signed_in = match app::state::viewer_for(&state.app, req.headers()).await {
        Ok(viewer) => {
            let signed_in = viewer.user.is_some();
            req.extensions_mut().insert(viewer);
            signed_in
        }
        Err(e) => {
            e.log();
            return unavailable_page();
        }
    };
    let token = signed_in.then(|| app::state::cookie_from_headers(req.headers(), app::state::SESSION_COOKIE)).flatten();
    let Some(mut res) = render_within_timeout(req, next).await else {
        return unavailable_page();
    };
    if let Some(token) = token {
        // The session slides on the server; the cookie's lifetime slides with it.
        let refreshed = auth_routes::cookie(&state, app::state::SESSION_COOKIE, &token, state.app.session.idle_secs);
        res.headers_mut().append(header::SET_COOKIE, refreshed);
    }
    res
}

/// How long a page render may take before it is given up: the browser gets a 503 page, and the
/// stall is logged and counted (`page_render_stalls_total`). Renders are never retried.
const RENDER_TIMEOUT: Duration = Duration::from_secs(10);

/// Renders a page within [`RENDER_TIMEOUT`]; `None` if it did not finish in time.
async fn render_within_timeout(req: Request, next: Next) -> Option<Response> {
    let path = req.uri().path().to_string();
    match tokio::time::timeout(RENDER_TIMEOUT, next.run(req)).await {
        Ok(res) => Some(res),
        Err(_) => {
            metrics::counter!("page_render_stalls_total").increment(1);
            tracing::error!(%path, timeout_secs = RENDER_TIMEOUT.as_secs(), "page render did not finish in time");
            None
        }
    }
}

/// The app's routes, generated once per process. While Leptos generates a route list it holds
/// every resource in the whole process pending (leptos_server's `SuppressResourceLoad`, a global
/// flag; leptos-rs/leptos#4773), so a generation must never overlap a render — as it did when the
/// tests started servers side by side in one process, and a page rendered meanwhile never finished.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// A 503 page for when a page cannot be rendered at all.
fn unavailable_page() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, axum::response::Html(UNAVAILABLE_PAGE)).into_response()
}

/// Notes on every request who sends it (`app::state::ClientIp`, through the trusted proxies), and
/// applies the per-address limit to the public pages and endpoints (`/talleres…`, `/api/public/…`,
/// the public server functions): past it, 429 with `Retry-After` — JSON for programs, a short page
/// for browsers. Enrollments have their own, tighter limits (`app::state::PublicLimits`).
async fn attach_client(
    State(state): State<AxumState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let ip = client::client_ip(peer, req.headers(), &state.proxies);
    req.extensions_mut().insert(app::state::ClientIp(ip));
    let path = req.uri().path();
    let public = path == "/talleres"
        || path.starts_with("/talleres/")
        || path.starts_with("/api/public/")
        || path.starts_with("/api/fn/public/");
    if public {
        if let Err(secs) = state.app.limits.reads_by_ip.check(&ip.to_string()) {
            tracing::warn!(%ip, path, "public rate limit");
            return too_many(req.headers(), secs);
        }
    }
    // The audit log names this address for every write the request makes.
    domain::audit::scope(Some(ip.to_string()), next.run(req)).await
}

/// A 429 answer: JSON for a program, a page in the three languages for a browser.
pub fn too_many(headers: &axum::http::HeaderMap, retry_after_secs: u64) -> Response {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if accept.contains("text/html") && !accept.contains("application/json") {
        let mut res = (StatusCode::TOO_MANY_REQUESTS, axum::response::Html(TOO_MANY_PAGE)).into_response();
        if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    HttpError(ApiError::rate_limited(retry_after_secs as i64)).into_response()
}

/// Shown to a browser past a public rate limit.
const TOO_MANY_PAGE: &str = "<!DOCTYPE html><html lang=\"es\"><meta charset=\"utf-8\"><title>Aula</title>\
<h1>Aula</h1><p>Demasiadas solicitudes: espera un momento y vuelve a intentarlo.</p>\
<p lang=\"eu\">Eskaera gehiegi: itxaron pixka bat eta saiatu berriro.</p>\
<p lang=\"en\">Too many requests: wait a moment and try again.</p></html>";

/// Shown when a page cannot even find out who is asking (the database is down).
const UNAVAILABLE_PAGE: &str = "<!DOCTYPE html><html lang=\"es\"><meta charset=\"utf-8\"><title>Aula</title>\
<h1>Aula</h1><p>Servicio no disponible. Zerbitzua ez dago erabilgarri. Service unavailable.</p></html>";

/// Builds the full router over a prepared database.
pub fn router(settings: Arc<Settings>, db: Db, services: &Services) -> Result<Router, StartError> {
    let leptos_options = leptos_options(&settings)?;
    let default_locale = Locale::parse(&settings.default_locale)
        .ok_or_else(|| StartError::Setting(format!("AULA_DEFAULT_LOCALE={}", settings.default_locale)))?;
    if !types::fmt::CENTRE_TIME_ZONES.contains(&settings.time_zone.as_str()) {
        return Err(StartError::Setting(format!(
            "AULA_TIME_ZONE={} (one of {})",
            settings.time_zone,
            types::fmt::CENTRE_TIME_ZONES.join(", ")
        )));
    }
    if !matches!(settings.verifactu_environment.trim(), "production" | "test") {
        return Err(StartError::Setting(format!(
            "AULA_VERIFACTU_ENVIRONMENT={} (production or test)",
            settings.verifactu_environment
        )));
    }
    let proxies = client::parse_ranges(&settings.trusted_proxies)
        .map_err(|bad| StartError::Setting(format!("AULA_TRUSTED_PROXIES: {bad} is not an address or range")))?;
    let app_state = ServerState {
        db,
        session: domain::auth::SessionLifetime {
            idle_secs: settings.session_ttl_hours.max(1) * 3600,
            max_secs: settings.session_max_days.max(1) * 86_400,
        },
        throttle: settings.throttle(),
        time_zone: settings.time_zone.clone(),
        centre_name: settings.centre_name.clone(),
        default_locale,
        version: env!("CARGO_PKG_VERSION"),
        instance: workers::instance_name(),
        hub: services.hub.clone(),
        smtp_summary: services.mailer.as_ref().map(|m| m.summary().to_string()),
        mailer: services.mailer.clone(),
        base_url: settings.base_url(),
        model: domain::assistant::provider::Model::new(settings.ai()),
        limits: Arc::new(settings.public_limits()),
        seat_hold_secs: settings.seat_hold_minutes.clamp(1, 24 * 60) * 60,
        fiscal: settings.fiscal(),
    };
    let state = AxumState {
        leptos_options: leptos_options.clone(),
        app: app_state.clone(),
        settings,
        proxies: Arc::new(proxies),
        stop: services.stop.clone(),
    };
    // Over https, browsers are told to come back only over https for two years.
    let hsts = settings_hsts(&state.settings);
    let routes = route_list();
    let context = {
        let app_state = app_state.clone();
        move || provide_context(app_state.clone())
    };
    let auth = Router::new()
        .route("/auth/login", post(auth_routes::login))
        .route("/auth/logout", post(auth_routes::logout))
        .route("/auth/lang", post(auth_routes::set_language));
    let router = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .merge(auth)
        .route("/clients/export.csv", get(crm_routes::export_organizations))
        .route("/people/export.csv", get(crm_routes::export_people))
        .route("/people/{id}/data.json", get(crm_routes::personal_data))
        .route(
            "/clients/import/upload",
            post(crm_routes::upload_import).layer(axum::extract::DefaultBodyLimit::max(crm_routes::MAX_UPLOAD_BYTES)),
        )
        .route("/clients/import/{id}/run", post(crm_routes::run_import))
        .route("/api/notifications/stream", get(live::notification_stream))
        .route("/api/pipeline/stream", get(live::pipeline_stream))
        .route("/proposals/{id}/pdf", get(sales_routes::proposal_pdf))
        .route("/api/assistant/ask", post(assistant_routes::ask))
        .route("/ics/{file}", get(live::ics_feed))
        .nest("/api/v1", api::routes())
        .nest("/api/public", training_api::public_routes())
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(move |state: State<AxumState>, req: Request| {
            let context = context.clone();
            async move {
                let (root, method, uri, headers) =
                    (&state.leptos_options.site_root, req.method(), req.uri(), req.headers());
                if let Some(file) = assets::static_file(root, method, uri, headers).await {
                    return file;
                }
                let uri = req.uri().clone();
                leptos_axum::file_and_error_handler_with_context::<AxumState, _>(context, shell)(uri, state, req).await
            }
        })
        .layer(middleware::from_fn_with_state(state.clone(), attach_viewer))
        .layer(middleware::from_fn_with_state(state.clone(), attach_client))
        .layer(middleware::from_fn_with_state(state.clone(), same_origin_only))
        .layer(middleware::from_fn(ops::track_requests))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts))
        .with_state(state);
    ops::metrics_handle();
    Ok(router)
}

/// What a page may use of the device: the camera (scanning a QR at the front desk) and nothing
/// else that a page could ask for.
const PERMISSIONS_POLICY: &str =
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), display-capture=()";

/// `Strict-Transport-Security` when Aula is served over https (`AULA_PUBLIC_URL`); over plain http
/// a value browsers ignore is not sent either (an empty header is dropped by the layer).
fn settings_hsts(settings: &Settings) -> Option<HeaderValue> {
    settings.secure_cookies().then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"))
}

/// How long in-flight requests may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// What the routes and the workers share: the mailer (if SMTP is configured) and the hub that
/// wakes live notification streams.
pub struct Services {
    pub mailer: Option<Arc<domain::email::Mailer>>,
    pub hub: domain::notifications::Hub,
    pub stop: watch::Receiver<bool>,
}

impl Services {
    /// Builds the services `settings` describe.
    pub fn new(settings: &Settings, stop: watch::Receiver<bool>) -> Result<Services, StartError> {
        let mailer = domain::email::Mailer::from_config(&settings.smtp())
            .map_err(|e| StartError::Setting(e.to_string()))?
            .map(Arc::new);
        match &mailer {
            Some(m) => tracing::info!(smtp = m.summary(), "email enabled"),
            None => tracing::warn!("email is off: AULA_SMTP_HOST is not set"),
        }
        Ok(Services { mailer, hub: Default::default(), stop })
    }
}

/// A running server, for tests and for `main`.
pub struct Running {
    pub addr: SocketAddr,
    pub db: Db,
    stop: watch::Sender<bool>,
    handle: tokio::task::JoinHandle<()>,
    housekeeping: workers::Housekeeping,
    reminder_service: Arc<workers::ReminderService>,
}

impl Running {
    /// One round of each background worker, now, as their loops would run it: housekeeping,
    /// then the reminder service's scan. For a server started with `workers_by_hand`.
    pub async fn run_workers_once(&self) {
        self.housekeeping.tick().await;
        let worker = workers::instance_name();
        self.reminder_service.tick(&worker, &mut String::new(), &self.stop.subscribe()).await;
    }

    /// Stops accepting, finishes in-flight requests and the workers, closes the pool.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        self.wait().await;
    }

    /// Waits until the server stops (after a shutdown signal).
    pub async fn wait(self) {
        let _ = self.handle.await;
        self.db.close().await;
        tracing::info!("stopped");
    }
}

/// Prepares the database, binds `settings.addr` (port 0 picks a free one) and serves in the
/// background until `shutdown` or, with `on_signal`, until SIGINT/SIGTERM.
pub async fn start(settings: Settings, on_signal: bool) -> Result<Running, StartError> {
    let settings = Arc::new(settings);
    let db = prepare_database(&settings).await?;
    let (stop, stop_rx) = watch::channel(false);
    let services = Services::new(&settings, stop_rx.clone())?;
    let router = router(settings.clone(), db.clone(), &services)?;
    let listener = tokio::net::TcpListener::bind(&settings.addr)
        .await
        .map_err(|source| StartError::Bind { addr: settings.addr.clone(), source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: settings.addr.clone(), source })?;
    let tz: chrono_tz::Tz = settings.time_zone.parse().map_err(|_| StartError::Setting(settings.time_zone.clone()))?;
    let housekeeping = workers::Housekeeping { db: db.clone(), throttle: settings.throttle(), tz };
    let reminder_service = Arc::new(workers::ReminderService {
        db: db.clone(),
        mailer: services.mailer.clone(),
        hub: services.hub.clone(),
        tz,
        default_locale: Locale::parse(&settings.default_locale).unwrap_or_default(),
        base_url: settings.base_url(),
        centre_name: settings.centre_name.clone(),
        interval: Duration::from_secs(settings.reminder_interval_secs.max(1)),
        // Longer than a whole batch can take (50 emails × the SMTP timeout).
        lease_secs: 1800,
    });
    let (sweeper, reminders) = if settings.workers_by_hand {
        (None, None)
    } else {
        let every = Duration::from_secs(settings.housekeeping_interval_secs.max(1));
        (
            Some(workers::spawn_housekeeping(housekeeping.clone(), every, stop_rx.clone())),
            Some(workers::spawn_reminder_service(reminder_service.clone(), stop_rx.clone())),
        )
    };
    let backups = (!settings.backup_dir.trim().is_empty()).then(|| {
        workers::spawn_backups(
            db.clone(),
            settings.database_url(),
            domain::backup::BackupSchedule {
                dir: std::path::PathBuf::from(settings.backup_dir.trim()),
                keep: settings.backup_keep.max(1),
            },
            Duration::from_secs(settings.backup_interval_hours.max(1) * 3600),
            stop_rx.clone(),
        )
    });
    let mut serve_stop = stop_rx;
    let signal_stop = stop.clone();
    let handle = tokio::spawn(async move {
        let shutdown = async move {
            if on_signal {
                tokio::select! {
                    _ = shutdown_signal() => { let _ = signal_stop.send(true); }
                    _ = serve_stop.changed() => {}
                }
            } else {
                let _ = serve_stop.changed().await;
            }
        };
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            let _ = drained_tx.send(());
        };
        let serve = axum::serve(listener, service).with_graceful_shutdown(shutdown);
        // In-flight requests get a grace period; a client holding a connection open does not
        // keep the server up forever.
        let grace = async move {
            let _ = drained_rx.await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        tokio::select! {
            result = serve => if let Err(e) = result {
                tracing::error!(error = %e, "server stopped with an error");
            },
            _ = grace => tracing::warn!("connections still open after {SHUTDOWN_GRACE:?}; closing them"),
        }
        if let Some(s) = sweeper {
            let _ = s.await;
        }
        if let Some(b) = backups {
            let _ = b.await;
        }
        // A batch in flight may be waiting on SMTP: give it a while, then let the lease return it.
        if let Some(r) = reminders {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(20), r).await;
        }
    });
    tracing::info!("Aula listening on http://{addr}");
    Ok(Running { addr, db, stop, handle, housekeeping, reminder_service })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
