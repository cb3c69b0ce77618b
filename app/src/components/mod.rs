//! Building blocks shared by the pages.

pub mod field;
pub mod guard;
pub mod layout;
pub mod toast;
