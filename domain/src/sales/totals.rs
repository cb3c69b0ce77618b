//! Proposal arithmetic, shared with the browser: see [`types::totals`].

pub use types::totals::*;
