//! The signed-in user's own account.

mod change_password;

pub use change_password::*;
