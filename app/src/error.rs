//! The error every server function returns: the wire-safe [`ApiError`], plus the HTTP status it
//! is sent with. Domain errors are mapped here; internal causes are logged by
//! [`domain::Error::to_api`] and never reach the browser.

use leptos::prelude::{Get, ServerAction, Signal};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use types::{ApiError, ErrorKind};

/// A failed server call, as seen by the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AppError(pub ApiError);

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let kind = match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => ErrorKind::Unavailable,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => ErrorKind::Validation,
            _ => ErrorKind::Internal,
        };
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function transport error");
        // Arguments that do not decode are the caller's fault: a 422, not a 500.
        AppError::reject(ApiError::new(kind))
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        AppError::reject(e)
    }
}

#[cfg(feature = "ssr")]
impl From<domain::Error> for AppError {
    fn from(e: domain::Error) -> Self {
        AppError::reject(e.to_api())
    }
}

impl AppError {
    /// Wraps `e` and, on the server, sets the response status to match it.
    pub fn reject(e: ApiError) -> Self {
        #[cfg(feature = "ssr")]
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
        }
        AppError(e)
    }
}

/// The result of every server function.
pub type AppResult<T> = Result<T, AppError>;

/// The error of the last submission of `action`, if it failed.
pub fn failed<A, T>(action: ServerAction<A>) -> Signal<Option<ApiError>>
where
    A: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(AppError(e))) => Some(e),
        _ => None,
    })
}

/// Calls `f` with each result of `action` that arrives after this call. A component that a
/// reload re-creates would otherwise see the result it was re-created for and act on it twice.
pub fn on_result<A, T>(action: ServerAction<A>, f: impl Fn(Result<T, AppError>) + 'static)
where
    A: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    use leptos::prelude::Effect;
    Effect::new(move |seen: Option<()>| {
        let value = action.value().get();
        if seen.is_some() {
            if let Some(result) = value {
                f(result);
            }
        }
    });
}
