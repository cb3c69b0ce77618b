//! Building blocks shared by the pages.

pub mod assistant;
pub mod audit;
pub mod bell;
pub mod drag;
pub mod field;
pub mod guard;
pub mod interaction_form;
pub mod layout;
pub mod nav;
pub mod outcome;
pub mod palette;
pub mod preload;
pub mod timeline;
pub mod toast;
