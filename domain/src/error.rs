//! Domain errors and how they reach a client.
//!
//! Policy:
//! - Expected outcomes (bad input, missing record, wrong role, throttling) are variants that map
//!   one-to-one onto [`types::ApiError`] kinds; validation carries field codes, never free text.
//! - Constraint violations are turned into field errors where the constraint is checked
//!   ([`is_unique_violation`]), not by matching database messages.
//! - Everything else (database, migration, I/O) is `Internal`: [`Error::to_api`] logs the cause
//!   with `tracing` and hands the client a bare `internal` kind.

use types::{ApiError, ErrorKind, FieldError, FieldIssue};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("not signed in")]
    Unauthorized,
    #[error("conflicting change")]
    Conflict,
    #[error("too many attempts; retry in {retry_after_secs}s")]
    RateLimited { retry_after_secs: i64 },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// A validation error on one field, naming what it refers to.
    pub fn field_detail(field: &str, issue: FieldIssue, detail: String) -> Self {
        Error::Validation(vec![FieldError { field: field.to_string(), issue, detail: Some(detail) }])
    }

    /// A validation error on one field.
    pub fn field(field: &str, issue: FieldIssue) -> Self {
        Error::Validation(vec![FieldError { field: field.to_string(), issue, detail: None }])
    }

    /// The same error with its field `from` named `to` (a line's field inside a larger form).
    pub fn renamed(self, from: &str, to: &str) -> Self {
        match self {
            Error::Validation(fields) => Error::Validation(
                fields
                    .into_iter()
                    .map(|f| if f.field == from { FieldError { field: to.to_string(), ..f } } else { f })
                    .collect(),
            ),
            other => other,
        }
    }

    /// Logs the error where it cannot be answered to anyone (background work, fallbacks).
    pub fn log(&self) {
        let _ = self.to_api();
    }

    /// The wire form of this error. Internal causes are logged here and not passed on.
    pub fn to_api(&self) -> ApiError {
        match self {
            Error::Validation(fields) => ApiError::validation(fields.clone()),
            Error::NotFound => ApiError::not_found(),
            Error::Forbidden => ApiError::forbidden(),
            Error::Unauthorized => ApiError::unauthorized(),
            Error::Conflict => ApiError::new(ErrorKind::Conflict),
            Error::RateLimited { retry_after_secs } => ApiError::rate_limited(*retry_after_secs),
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => {
                tracing::error!(error = %self, "internal error");
                ApiError::internal()
            }
        }
    }
}

/// True when `err` is a unique-constraint violation, on either backend.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Collects field errors and turns them into one `Validation` error.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// Keeps the parsed value, or records its issue under `field`.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, FieldIssue>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(issue) => {
                self.0.push(FieldError { field: field.to_string(), issue, detail: None });
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, issue: FieldIssue) {
        self.0.push(FieldError { field: field.to_string(), issue, detail: None });
    }

    /// Records an error built elsewhere (with its detail).
    pub fn add_error(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// True when a field starting with `prefix` has an issue (`lines.` for any line).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.0.iter().any(|f| f.field.starts_with(prefix))
    }

    /// True when `field` already has an issue.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|f| f.field == field)
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.0))
        }
    }
}
