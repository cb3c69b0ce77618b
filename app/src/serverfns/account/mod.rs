//! The signed-in user's own account: password, API tokens, signing out everywhere.

mod api_tokens;
mod change_password;
mod sign_out_everywhere;

pub use api_tokens::*;
pub use change_password::*;
pub use sign_out_everywhere::*;
