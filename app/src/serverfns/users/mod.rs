//! Administration of user accounts. Admin only.

mod create_user;
mod list_users;
mod reset_password;
mod update_user;

pub use create_user::*;
pub use list_users::*;
pub use reset_password::*;
pub use update_user::*;
