//! The edge of every HTTP route outside the server functions, in one shape: handlers take the
//! [`Caller`] (the user behind the API token or the session cookie, with their permissions), check
//! a permission with [`Caller::require`], and answer `HttpResult`, using `?` on any failure. Every
//! failure is an [`HttpError`]: the JSON `ApiError` with the status its kind calls for,
//! `Retry-After` when rate-limited and `WWW-Authenticate` when nobody is signed in. Internal errors
//! are logged where they become one (`domain::Error::to_api`) and never shown. The JSON routes read
//! their query, path and body through the extractors below, which refuse in the same shape.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::users::User;
use serde::Serialize;
use types::{Action, ApiError, FieldIssue, Module};

use crate::AxumState;

/// A refused or failed request, answered as its JSON `ApiError`.
#[derive(Debug)]
pub struct HttpError(pub ApiError);

/// What a handler answers.
pub type HttpResult<T = Response> = Result<T, HttpError>;

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, Json(&e)).into_response();
        if let Some(secs) = e.retry_after_secs {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"aula\""));
        }
        res
    }
}

impl From<ApiError> for HttpError {
    fn from(e: ApiError) -> Self {
        HttpError(e)
    }
}

impl From<domain::Error> for HttpError {
    fn from(e: domain::Error) -> Self {
        HttpError(e.to_api())
    }
}

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// An API token in `Authorization: Bearer …`.
    Token,
    /// The browser's session cookie.
    Session,
}

/// The signed-in caller of a request. A request with an `Authorization` header is judged by its
/// token alone (a bad one is refused, never retried with the cookie); otherwise by the session
/// cookie. Nobody signed in is refused with 401 before the handler runs.
pub struct Caller {
    pub user: User,
    pub via: Via,
}

impl FromRequestParts<AxumState> for Caller {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AxumState) -> Result<Self, Self::Rejection> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let secret = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
                .map(str::trim)
                .unwrap_or_default();
            return match domain::api_tokens::authenticate(&state.app.db, secret).await? {
                Some(user) => Ok(Caller { user, via: Via::Token }),
                None => Err(HttpError(ApiError::unauthorized())),
            };
        }
        match app::state::session_from_headers(&state.app, &parts.headers).await? {
            Some((user, _)) => Ok(Caller { user, via: Via::Session }),
            None => Err(HttpError(ApiError::unauthorized())),
        }
    }
}

impl Caller {
    /// The caller if their role grants `module.action`; otherwise 403.
    pub fn require(&self, module: Module, action: Action) -> HttpResult<&User> {
        if self.user.can(module, action) {
            Ok(&self.user)
        } else {
            Err(HttpError(ApiError::forbidden()))
        }
    }
}

// What the JSON routes read and answer, in the same one error.

/// The query string as `T`; a malformed one (say, a parameter given twice) is a 422 naming it.
pub struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|_| HttpError(ApiError::field("query", FieldIssue::Malformed)))
    }
}

/// The `{id}` of the path as text; one that cannot even be decoded is "not found".
pub struct ApiPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ApiPath {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|_| HttpError(ApiError::not_found()))
    }
}

pub fn ok<T: Serialize>(status: StatusCode, body: T) -> HttpResult {
    Ok((status, Json(body)).into_response())
}

/// The body as `T`, or a 422 naming the body as malformed.
pub fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, HttpError> {
    b.map(|Json(v)| v).map_err(|e| {
        tracing::debug!(error = %e, "malformed API body");
        HttpError(ApiError::field("body", FieldIssue::Malformed))
    })
}

/// A numeric id from the path; anything else is "not found".
pub fn id_of(raw: &str) -> Result<i64, HttpError> {
    raw.parse::<i64>().ok().filter(|i| *i > 0).ok_or(HttpError(ApiError::not_found()))
}
