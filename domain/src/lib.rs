//! Aula's business rules and storage, shared by the server, the `#[server]` functions and the
//! background workers. Knows nothing about HTTP or Leptos.

pub mod api_tokens;
pub mod assistant;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod billing;
pub mod bootstrap;
pub mod calendar;
pub mod centre;
pub mod clock;
pub mod crm;
pub mod db;
pub mod demo;
pub mod demo_large;
pub mod email;
pub mod error;
pub mod notifications;
pub(crate) mod pdf;
pub mod privacy;
pub mod rate_limit;
pub mod reach;
pub mod reminders;
pub mod roles;
pub mod sales;
pub mod search;
pub mod testing;
pub mod text;
pub mod training;
pub mod users;
pub mod validate;
pub mod xlsx;

pub use db::{Backend, Db};
pub use error::{Error, Result};
pub use reach::Reach;
