//! The signed-in user's own account: password and API tokens.

mod api_tokens;
mod change_password;

pub use api_tokens::*;
pub use change_password::*;
