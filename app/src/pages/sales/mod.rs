//! The sales pipeline: the board and the opportunity form.

pub mod board;
pub mod metrics;
pub mod stages;
