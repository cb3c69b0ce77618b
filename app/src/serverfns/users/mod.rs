//! Administration of user accounts and of the roles they hold (`admin.configure`).

mod create_role;
mod create_user;
mod delete_role;
mod list_roles;
mod list_users;
mod reset_password;
mod reset_role;
mod save_role;
mod update_user;

pub use create_role::*;
pub use create_user::*;
pub use delete_role::*;
pub use list_roles::*;
pub use list_users::*;
pub use reset_password::*;
pub use reset_role::*;
pub use save_role::*;
pub use update_user::*;
