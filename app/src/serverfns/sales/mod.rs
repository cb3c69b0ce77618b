//! The sales pipeline (staff and up): the board, its columns' further pages, moves, and the
//! opportunity form.

mod board;
mod metrics;
mod move_opportunity;
mod save_opportunity;
mod stages;

pub use board::*;
pub use metrics::*;
pub use move_opportunity::*;
pub use save_opportunity::*;
pub use stages::*;
