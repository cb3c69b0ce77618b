//! Sign-in, sign-out and language switch as plain form posts, so they work without JavaScript.
//! Browsers get a redirect; clients asking for JSON get a JSON answer.

use std::net::SocketAddr;

use app::components::guard::{encode_component, local_path, safe_next};
use app::state::{cookie_from_headers, LANG_COOKIE, SESSION_COOKIE};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use domain::auth::{self, ClientInfo, SessionToken};
use serde::Deserialize;
use types::{ApiError, Locale};

use crate::edge::{HttpError, HttpResult};
use crate::AxumState;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LangForm {
    locale: String,
    next: Option<String>,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

/// A `Set-Cookie` value; the session cookie is `HttpOnly`, and every cookie `Secure` over https.
pub fn cookie(state: &AxumState, name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
    let http_only = if name == SESSION_COOKIE { "; HttpOnly" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age={max_age_secs}; SameSite=Lax{http_only}{secure}"))
        .expect("cookie values are ASCII")
}

fn redirect_with_cookies(to: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut res = Redirect::to(to).into_response();
    for c in cookies {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// `POST /auth/login`: checks the password and opens a session.
pub async fn login(
    State(state): State<AxumState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let json = wants_json(&headers);
    let next = safe_next(form.next.clone());
    let client = ClientInfo {
        ip: crate::client::client_ip(peer, &headers, &state.proxies).to_string(),
        user_agent: headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string(),
    };
    let ttl = state.app.session.idle_secs;
    match auth::sign_in(&state.app.db, &form.email, &form.password, &client, state.app.throttle, state.app.session)
        .await
    {
        Ok(signed) => {
            let cookies = vec![
                cookie(&state, SESSION_COOKIE, signed.token.as_str(), ttl),
                cookie(&state, LANG_COOKIE, signed.user.locale.tag(), 365 * 86400),
            ];
            if json {
                let mut res = Json(signed.user.view()).into_response();
                for c in cookies {
                    res.headers_mut().append(header::SET_COOKIE, c);
                }
                res
            } else {
                redirect_with_cookies(&next, cookies)
            }
        }
        Err(err) => {
            let api = err.to_api();
            if json {
                return HttpError(api).into_response();
            }
            let mut to =
                format!("/login?next={}&email={}", encode_component(&next), encode_component(form.email.trim()));
            match api.kind {
                types::ErrorKind::Unauthorized => to.push_str("&error=invalid"),
                types::ErrorKind::RateLimited => {
                    to.push_str(&format!("&error=throttled&retry={}", api.retry_after_secs.unwrap_or(900)))
                }
                _ => to.push_str("&error=internal"),
            }
            Redirect::to(&to).into_response()
        }
    }
}

/// `POST /auth/logout`: ends the session and clears the cookie.
pub async fn logout(State(state): State<AxumState>, headers: HeaderMap) -> HttpResult {
    if let Some(token) = cookie_from_headers(&headers, SESSION_COOKIE).and_then(|v| SessionToken::from_cookie(&v)) {
        auth::sign_out(&state.app.db, &token).await?;
    }
    let clear = cookie(&state, SESSION_COOKIE, "", 0);
    if wants_json(&headers) {
        let mut res = StatusCode::NO_CONTENT.into_response();
        res.headers_mut().append(header::SET_COOKIE, clear);
        return Ok(res);
    }
    Ok(redirect_with_cookies("/login?signed_out=1", vec![clear]))
}

/// `POST /auth/lang`: switches the UI language (saved on the user when signed in).
pub async fn set_language(
    State(state): State<AxumState>,
    headers: HeaderMap,
    Form(form): Form<LangForm>,
) -> HttpResult {
    let Some(locale) = Locale::parse(&form.locale) else {
        return Err(ApiError::field("locale", types::FieldIssue::InvalidChoice).into());
    };
    if let Some(token) = cookie_from_headers(&headers, SESSION_COOKIE).and_then(|v| SessionToken::from_cookie(&v)) {
        if let Some(user) = auth::session_user(&state.app.db, &token, state.app.session).await? {
            domain::users::set_locale(&state.app.db, user.id, locale.tag()).await?;
        }
    }
    // Unlike after signing in, coming back to the login page itself is fine here.
    let next = local_path(form.next).unwrap_or_else(|| "/".into());
    Ok(redirect_with_cookies(&next, vec![cookie(&state, LANG_COOKIE, locale.tag(), 365 * 86400)]))
}
