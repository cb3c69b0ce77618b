//! What the browser adds to the pages the server rendered. Pages are HTML from the server; the
//! browser's WebAssembly holds this module and the islands (`#[island]`: the palette, the
//! assistant, the pipeline board, the calendar, the proposal editor…), so a page downloads only
//! what it makes interactive (bench/README.md, "Browser bundle").
//!
//! - [`forms`]: every server-function form is sent without leaving the page; refusals show next
//!   to their fields, a success refreshes the page in place or goes where the form says.
//! - [`toasts`]: short confirmations in the corner, also across a navigation.
//! - [`frame`]: the sidebar's collapse (remembered), Escape closes the drawer, the live bell.
//! - [`page`]: refreshing the page in place, fetching, the viewer.

pub mod forms;
pub mod frame;
pub mod live;
pub mod page;
pub mod toasts;

/// Starts the behaviours above; called once by the hydrate entry, before the islands hydrate.
pub fn start() {
    forms::install();
    frame::install();
    toasts::show_flashed();
}
