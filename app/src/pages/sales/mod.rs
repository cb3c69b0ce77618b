//! The sales pipeline: the board, opportunities, proposals and their templates.

pub mod board;
pub mod metrics;
pub mod opportunity;
pub mod proposal;
pub mod stages;
pub mod templates;
