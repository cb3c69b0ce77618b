//! Hydrates the server-rendered page in the browser.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "export function mark_hydrated() { window.__aula_hydrated = true; }")]
extern "C" {
    fn mark_hydrated();
}

/// Called by the generated loader once the WebAssembly module is ready.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets the browser tests (and curious admins) see that hydration finished.
    mark_hydrated();
}
