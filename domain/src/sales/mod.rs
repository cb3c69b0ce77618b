//! The sales pipeline: stages a manager configures, opportunities ordered within their stage
//! by fractional keys, the board with its column figures, and the history of stage changes.

pub mod metrics;
pub mod opportunities;
pub mod pdf;
pub mod proposals;
pub mod rank;
pub mod stages;
pub mod templates;
pub mod totals;
