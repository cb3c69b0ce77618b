//! The browser's entry point (islands mode): called by the loader (`public/hydrate.js`) once the
//! WebAssembly is ready, before it hydrates the page's islands.

use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the reactive runtime for the islands and what every page adds (`app::browser`).
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::browser::start();
}
