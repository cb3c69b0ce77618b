//! The notification bell: the unread count, rendered by the server and then kept live by the
//! server-sent events of `/api/notifications/stream` (the browser reconnects by itself).

use leptos::prelude::*;
use types::Msg;

use crate::i18n::{use_ctx, use_viewer};

/// The unread count shared by the bell and the notifications page.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<i64>);

/// The shared unread count (provided by [`NotificationBell`]).
pub fn use_unread() -> Option<Unread> {
    use_context::<Unread>()
}

/// A link to the notifications with the unread count as a badge.
#[component]
pub fn NotificationBell() -> impl IntoView {
    let ctx = use_ctx();
    let unread = RwSignal::new(use_viewer().unread);
    provide_context(Unread(unread));
    #[cfg(feature = "hydrate")]
    listen(unread);
    let label = move || ctx.t(Msg::NotifBell).replace("{n}", &unread.get().to_string());
    view! {
        <a href="/notifications" class="bell" data-testid="bell" aria-label=label title=label>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>
            </svg>
            <span class="badge" data-testid="unread-count" hidden=move || unread.get() == 0 aria-live="polite">
                {move || { let n = unread.get(); if n > 99 { "99+".to_string() } else { n.to_string() } }}
            </span>
        </a>
    }
}

/// Opens the event stream once for the page's lifetime and copies each `unread` event in.
#[cfg(feature = "hydrate")]
fn listen(unread: RwSignal<i64>) {
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/api/notifications/stream") else { return };
    let on_unread = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if let Some(n) = e.data().as_string().and_then(|s| s.trim().parse::<i64>().ok()) {
            unread.set(n);
        }
    });
    let _ = source.add_event_listener_with_callback("unread", on_unread.as_ref().unchecked_ref());
    // The layout lives as long as the page: the listener and the stream do too.
    on_unread.forget();
    std::mem::forget(source);
}
