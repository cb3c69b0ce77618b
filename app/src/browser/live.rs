//! Server-sent events in the browser: the bell's unread count and the pipeline's "changed".

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// Opens `url` and calls `on_data` with the data of every `event`; the browser reconnects by
/// itself. The caller keeps the stream (and closes it) or lets it live with the page.
pub fn subscribe(url: &str, event: &str, on_data: impl Fn(String) + 'static) -> Option<web_sys::EventSource> {
    let source = web_sys::EventSource::new(url).ok()?;
    let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        on_data(e.data().as_string().unwrap_or_default());
    });
    source.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref()).ok()?;
    // The listener lives as long as the stream.
    listener.forget();
    Some(source)
}
