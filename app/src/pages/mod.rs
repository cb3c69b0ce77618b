//! One module per page.

pub mod account;
pub mod assistant_admin;
pub mod audit;
pub mod billing;
pub mod crm;
pub mod dashboard;
pub mod errors;
pub mod login;
pub mod notify;
pub mod roles;
pub mod sales;
pub mod training;
pub mod users;
