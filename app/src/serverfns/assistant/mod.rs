//! The assistant's history and feedback (the answers themselves stream from
//! `POST /api/assistant/ask`).

mod feedback;
mod history;

pub use feedback::*;
pub use history::*;
