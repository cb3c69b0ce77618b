//! The sales pipeline (staff and up): the board, its columns' further pages, moves, the
//! opportunity page and form, proposals and their templates.

mod board;
mod metrics;
mod move_opportunity;
mod opportunity_page;
mod proposals;
mod save_opportunity;
mod stages;
mod templates;

pub use board::*;
pub use metrics::*;
pub use move_opportunity::*;
pub use opportunity_page::*;
pub use proposals::*;
pub use save_opportunity::*;
pub use stages::*;
pub use templates::*;
