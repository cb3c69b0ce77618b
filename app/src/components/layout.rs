//! The frame around every signed-in page: the sidebar, the top bar (palette, bell, language,
//! user), toasts and the assistant.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use types::{Locale, Msg};

use crate::components::assistant::AssistantPanel;
use crate::components::bell::NotificationBell;
use crate::components::guard::path_with_query;
use crate::components::nav::{is_public, Sidebar};
use crate::components::palette::CommandPalette;
use crate::components::toast::ToastRegion;
use crate::i18n::{use_ctx, use_viewer};

/// Buttons that switch the UI language; a plain form, so it works without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let location = use_location();
    let next = move || path_with_query(&location.pathname.get(), &location.search.get());
    let current = ctx.locale();
    view! {
        <form method="post" action="/auth/lang" class="lang-switch" aria-label=ctx.t(Msg::NavLanguage)>
            <input type="hidden" name="next" value=next/>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="submit"
                            name="locale"
                            value=l.tag()
                            lang=l.tag()
                            title=l.native_name()
                            aria-pressed=(l == current).to_string()
                            data-testid=format!("lang-{}", l.tag())
                        >
                            {l.tag().to_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The application frame. A signed-in user gets the sidebar, the top bar and the command
/// palette; the public pages (`/talleres…`, `/login`) and anonymous visitors get the page alone.
/// All of it is the server's HTML: the palette and the assistant are islands, the collapse, the
/// drawer's Escape and the bell's live count are `browser::frame`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let location = use_location();
    let user = use_viewer().user.clone().filter(|_| !is_public(&location.pathname.get_untracked()));
    let Some(user) = user else {
        return view! {
            <main id="main" class="bare" data-refresh>{children()}</main>
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        }
        .into_any();
    };
    let initials: String = user.name.split_whitespace().take(2).filter_map(|w| w.chars().next()).collect();
    view! {
        <div class="shell">
            <input type="checkbox" id="nav-drawer" class="nav-drawer-toggle"
                aria-label=ctx.t(Msg::NavOpen) aria-controls="sidebar" data-testid="nav-drawer"/>
            <Sidebar perms=user.perms/>
            <label for="nav-drawer" class="nav-scrim" aria-hidden="true"></label>
            <div class="main-col">
                <header class="topbar">
                    <CommandPalette perms=user.perms/>
                    <div class="topbar-end">
                        <NotificationBell/>
                        <LanguageSwitch/>
                        <a class="user-chip" href="/account" title=user.email.clone() data-testid="user-chip">
                            <span class="avatar" aria-hidden="true">{initials}</span>
                            <span class="user-name">{user.name.clone()}</span>
                            <span class="user-role">{user.role_title(ctx.locale)}</span>
                        </a>
                        <form method="post" action="/auth/logout">
                            <button type="submit" class="btn btn-ghost">{ctx.t(Msg::NavSignOut)}</button>
                        </form>
                    </div>
                </header>
                <main id="main" class="content" data-refresh>{children()}</main>
            </div>
            {user.can(types::Module::Assistant, types::Action::View).then(|| view! { <AssistantPanel/> })}
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        </div>
    }
    .into_any()
}
