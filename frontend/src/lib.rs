//! Hydrates the server-rendered page in the browser.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "export function mark_hydrated() { window.__aula_hydrated = true; }")]
extern "C" {
    fn mark_hydrated();
}

/// Called by the generated loader once the WebAssembly module is ready. Pages are lazy routes
/// (their code in chunks of their own), so hydration waits for the page's chunk first.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("the page has a body");
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        // Lets the browser tests (and curious admins) see that hydration finished: on the next
        // frame, once the effects hydration scheduled (key bindings, focus) have run.
        leptos::prelude::request_animation_frame(mark_hydrated);
    });
}
