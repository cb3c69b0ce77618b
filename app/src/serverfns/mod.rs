//! Server functions, one per file, grouped by feature. Each is thin: check the session and role,
//! call `domain`, map the error.

pub mod account;
pub mod assistant;
pub mod audit;
pub mod billing;
pub mod crm;
pub mod dashboard;
pub mod notify;
pub mod sales;
pub mod search;
pub mod training;
pub mod users;
