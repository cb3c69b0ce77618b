//! Server-side context given to every page render and server function: the database, the
//! settings the UI needs, and who is asking.

use domain::auth::{self, SessionToken, Throttle};
use domain::users::User;
use domain::Db;
use leptos::prelude::*;
use types::{Action, ApiError, Locale, Module, Viewer};

use crate::error::AppError;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "aula_session";
/// The name of the language cookie (used before signing in).
pub const LANG_COOKIE: &str = "aula_lang";

/// What the server shares with the app on every request.
#[derive(Clone, Debug)]
pub struct ServerState {
    pub db: Db,
    /// Sessions end after this long without use, and after an absolute lifetime.
    pub session: auth::SessionLifetime,
    pub throttle: Throttle,
    pub time_zone: String,
    /// The centre's name, printed on proposals.
    pub centre_name: String,
    pub default_locale: Locale,
    pub version: &'static str,
    /// This instance's name among those sharing the database (`host:pid`): who drives a CSV
    /// import.
    pub instance: String,
    /// Wakes the live notification streams.
    pub hub: domain::notifications::Hub,
    /// `host:port (security) · sender` when SMTP is configured.
    pub smtp_summary: Option<String>,
    /// Sends what users send themselves (the assistant's confirmed emails).
    pub mailer: Option<std::sync::Arc<domain::email::Mailer>>,
    /// The public address, for links in feeds.
    pub base_url: String,
    /// The assistant's model (its key stays on the server).
    pub model: domain::assistant::provider::Model,
    /// The limits of what anyone may call without signing in.
    pub limits: std::sync::Arc<PublicLimits>,
    /// Seconds a seat asked for on the public form stays held for confirmation.
    pub seat_hold_secs: i64,
    /// What issuing invoices needs: the zone, the AEAT's environment, the invoicing system.
    pub fiscal: domain::billing::invoices::FiscalContext,
}

impl ServerState {
    /// What sending the public form's confirmation emails needs.
    pub fn request_mail(&self) -> domain::training::requests::Mail {
        domain::training::requests::Mail {
            db: self.db.clone(),
            mailer: self.mailer.clone(),
            base_url: self.base_url.clone(),
            tz: types::fmt::time_zone(&self.time_zone),
            centre_name: self.centre_name.clone(),
        }
    }
}

/// The address a request comes from (the server's middleware puts it on every request, read
/// through the trusted proxies, `AULA_TRUSTED_PROXIES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// Rate limits of the public pages and endpoints, per client address and per workshop.
#[derive(Debug)]
pub struct PublicLimits {
    /// Any public request (catalogue, workshop page, enrollment) of one address.
    pub reads_by_ip: domain::rate_limit::RateLimiter,
    /// Enrollments sent from one address.
    pub enroll_by_ip: domain::rate_limit::RateLimiter,
    /// Enrollments into one workshop, from everywhere.
    pub enroll_by_workshop: domain::rate_limit::RateLimiter,
}

impl PublicLimits {
    /// Takes one public enrollment of `ip` into `workshop`; refused with `RateLimited` (and when
    /// to try again) past either limit.
    pub fn enroll(&self, ip: Option<ClientIp>, workshop: i64) -> Result<(), ApiError> {
        let by_ip = ip.map(|ip| self.enroll_by_ip.check(&ip.0.to_string())).unwrap_or(Ok(()));
        by_ip
            .and_then(|()| self.enroll_by_workshop.check(&workshop.to_string()))
            .map_err(|secs| ApiError::rate_limited(secs as i64))
    }
}

/// The address of the request being served.
pub fn client_ip() -> Option<ClientIp> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<ClientIp>().copied())
}

/// The server state; panics if the server forgot to provide it (a wiring bug, not user input).
pub fn server_state() -> ServerState {
    expect_context::<ServerState>()
}

/// The value of cookie `name` in `headers`.
pub fn cookie_from_headers(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The user behind the session cookie in `headers`, with the token, if the session is live.
pub async fn session_from_headers(
    state: &ServerState,
    headers: &http::HeaderMap,
) -> domain::Result<Option<(User, SessionToken)>> {
    let Some(token) = cookie_from_headers(headers, SESSION_COOKIE).and_then(|v| SessionToken::from_cookie(&v)) else {
        return Ok(None);
    };
    let user = auth::session_user(&state.db, &token, state.session).await?;
    Ok(user.map(|u| (u, token)))
}

/// The language for an anonymous request: cookie, then `Accept-Language`, then the default.
pub fn locale_from_headers(headers: &http::HeaderMap, default: Locale) -> Locale {
    cookie_from_headers(headers, LANG_COOKIE)
        .and_then(|v| Locale::parse(&v))
        .or_else(|| headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok().and_then(Locale::from_accept_language))
        .unwrap_or(default)
}

/// Who is looking at a page requested with `headers`: the signed-in user's language, or the
/// visitor's. The server resolves it once per page request and puts it in the request extensions.
pub async fn viewer_for(state: &ServerState, headers: &http::HeaderMap) -> domain::Result<Viewer> {
    let user = session_from_headers(state, headers).await?.map(|(u, _)| u);
    let locale = user.as_ref().map(|u| u.locale).unwrap_or_else(|| locale_from_headers(headers, state.default_locale));
    let unread = match &user {
        Some(u) => domain::notifications::unread_count(&state.db, u.id).await?,
        None => 0,
    };
    Ok(Viewer { user: user.map(|u| u.view()), locale, time_zone: state.time_zone.clone(), unread })
}

/// The language of an anonymous visitor on this request.
pub fn visitor_locale() -> Locale {
    locale_from_headers(&request_headers(), server_state().default_locale)
}

/// True when a browser without JavaScript posted a form itself (it asks for a page back, so the
/// server function should redirect to one).
pub fn from_plain_form() -> bool {
    request_headers().get(http::header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

fn request_headers() -> http::HeaderMap {
    use_context::<http::request::Parts>().map(|p| p.headers).unwrap_or_default()
}

/// The user signed in on this request, if any.
pub async fn current_user() -> Result<Option<(User, SessionToken)>, AppError> {
    Ok(session_from_headers(&server_state(), &request_headers()).await?)
}

/// The signed-in user, whatever their permissions (their own account, notifications, search):
/// otherwise 401.
pub async fn signed_in() -> Result<(User, SessionToken), AppError> {
    current_user().await?.ok_or_else(|| AppError::reject(ApiError::unauthorized()))
}

/// The signed-in user if their role grants `module.action`: otherwise 401 (nobody) or 403.
pub async fn require(module: Module, action: Action) -> Result<(User, SessionToken), AppError> {
    let (user, token) = signed_in().await?;
    if user.can(module, action) {
        Ok((user, token))
    } else {
        Err(AppError::reject(ApiError::forbidden()))
    }
}
