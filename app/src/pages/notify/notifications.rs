//! The signed-in user's notifications: newest first, unread ones marked, read one by one or all
//! at once (plain forms, so it works without JavaScript too; with it, the page and the bell refresh
//! in place).

use leptos::prelude::*;
use leptos_meta::Title;
use types::Msg;

use crate::i18n::use_ctx;
use crate::serverfns::notify::{list_notifications, MarkAllNotificationsRead, MarkNotificationRead};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let ctx = use_ctx();
    let read_one = ServerAction::<MarkNotificationRead>::new();
    let read_all = ServerAction::<MarkAllNotificationsRead>::new();
    let list = Resource::new(|| (), |_| list_notifications());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::NotifTitle))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::NotifTitle)}</h1>
            <ActionForm action=read_all attr:class="inline-form">
                <button type="submit" class="btn" data-testid="mark-all-read">{ctx.t(Msg::NotifMarkAllRead)}</button>
            </ActionForm>
        </header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = list.await.unwrap_or(types::NotificationList { items: Vec::new(), unread: 0 });
                if list.items.is_empty() {
                    return view! { <p class="empty" data-testid="notifications-empty">{ctx.t(Msg::NotifEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="notif-list card" data-testid="notifications">
                        {list.items.into_iter().map(|n| {
                            let unread = !n.read;
                            let href = if n.link.is_empty() { None } else { Some(n.link.clone()) };
                            view! {
                                <li class="notif" class:notif-unread=unread data-testid="notification" data-kind=n.kind.clone()>
                                    <div class="notif-body">
                                        <p class="notif-title">
                                            {unread.then(|| view! { <span class="dot" title=ctx.t(Msg::NotifUnreadLabel)></span> })}
                                            {match href {
                                                Some(h) => view! { <a href=h>{n.title.clone()}</a> }.into_any(),
                                                None => view! { <strong>{n.title.clone()}</strong> }.into_any(),
                                            }}
                                        </p>
                                        <p class="notif-text">{n.body.clone()}</p>
                                        <p class="muted"><time datetime=n.created_at.to_rfc3339()>{ctx.date_time(n.created_at)}</time></p>
                                    </div>
                                    {unread.then(|| view! {
                                        <ActionForm action=read_one attr:class="inline-form">
                                            <input type="hidden" name="id" value=n.id/>
                                            <button type="submit" class="btn btn-small" data-testid="mark-read">{ctx.t(Msg::NotifMarkRead)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </Transition>
    }
}
