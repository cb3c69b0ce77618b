//! Building blocks shared by the pages.

pub mod assistant;
pub mod bell;
pub mod drag;
pub mod field;
pub mod guard;
pub mod interaction_form;
pub mod layout;
pub mod live;
pub mod nav;
pub mod palette;
pub mod timeline;
pub mod toast;
