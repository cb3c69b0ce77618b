//! The notification bell: the unread count as the server rendered it, kept live in the browser by
//! the server-sent events of `/api/notifications/stream` (`browser::frame`; the browser reconnects
//! by itself). A page refreshed in place after a form (`data-refresh`) gets the server's new count.

use leptos::prelude::*;
use types::Msg;

use crate::i18n::{use_ctx, use_viewer};

/// A link to the notifications with the unread count as a badge.
#[component]
pub fn NotificationBell() -> impl IntoView {
    let ctx = use_ctx();
    let unread = use_viewer().unread;
    let template = ctx.t(Msg::NotifBell);
    let label = template.replace("{n}", &unread.to_string());
    view! {
        <a href="/notifications" class="bell" id="bell" data-refresh data-testid="bell" aria-label=label.clone() title=label
            data-label=template>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/>
            </svg>
            <span class="badge" data-testid="unread-count" hidden=unread == 0 aria-live="polite">
                {if unread > 99 { "99+".to_string() } else { unread.to_string() }}
            </span>
        </a>
    }
}
