//! Types shared by the server and the browser: ids, roles, DTOs, the wire error and the
//! translations. Everything here compiles to WebAssembly and depends on serde only.

#[macro_use]
mod macros;

pub mod assistant;
pub mod audit;
pub mod billing;
pub mod crm;
pub mod dto;
pub mod error;
pub mod fmt;
pub mod i18n;
pub mod notify;
pub mod perm;
pub mod privacy;
pub mod role;
pub mod sales;
pub mod search;
pub mod text;
pub mod totals;
pub mod training;

pub use assistant::*;
pub use audit::*;
pub use billing::*;
pub use crm::*;
pub use dto::*;
pub use error::{ApiError, ErrorKind, FieldError, FieldIssue};
pub use i18n::{Locale, Msg};
pub use notify::*;
pub use perm::{role_title, Action, Module, Perm, Perms, RoleView};
pub use privacy::*;
pub use role::Role;
pub use sales::*;
pub use search::{SearchHit, SearchKind};
pub use training::*;

use serde::{Deserialize, Serialize};

/// The id of a user account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
