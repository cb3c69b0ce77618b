//! The assistant's history and feedback (the answers themselves stream from
//! `POST /api/assistant/ask`).

mod admin;
mod confirm;
mod feedback;
mod history;

pub use admin::*;
pub use confirm::*;
pub use feedback::*;
pub use history::*;
