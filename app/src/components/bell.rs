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
    let source = super::live::subscribe("/api/notifications/stream", "unread", move |data| {
        if let Ok(n) = data.trim().parse::<i64>() {
            unread.set(n);
        }
    });
    // The layout lives as long as the page: so does the stream.
    std::mem::forget(source);
}
