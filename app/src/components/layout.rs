//! The frame around every signed-in page: the sidebar, the top bar (palette, bell, language,
//! user), toasts and the assistant.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use types::{Locale, Msg};

use crate::components::assistant::AssistantPanel;
use crate::components::bell::NotificationBell;
use crate::components::guard::path_with_query;
use crate::components::nav::{is_public, Icon, NavIcon, Sidebar};
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
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let location = use_location();
    let user = use_viewer().user.clone().filter(|_| !is_public(&location.pathname.get_untracked()));
    let Some(user) = user else {
        return view! {
            <main id="main" class="bare">{children()}</main>
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        }
        .into_any();
    };
    let initials: String = user.name.split_whitespace().take(2).filter_map(|w| w.chars().next()).collect();
    let collapsed = RwSignal::new(false);
    let palette = RwSignal::new(false);
    // Controls that need the browser (collapse, palette) show once the page is live.
    let live = RwSignal::new(false);
    let drawer: NodeRef<leptos::html::Input> = NodeRef::new();
    Effect::new(move |_| live.set(true));
    #[cfg(feature = "hydrate")]
    browser_behaviour(collapsed, palette, drawer);
    view! {
        <div class="shell" class:nav-collapsed=move || collapsed.get()>
            <input type="checkbox" id="nav-drawer" class="nav-drawer-toggle" node_ref=drawer
                aria-label=ctx.t(Msg::NavOpen) aria-controls="sidebar" data-testid="nav-drawer"/>
            <Sidebar role=user.role collapsed/>
            <label for="nav-drawer" class="nav-scrim" aria-hidden="true"></label>
            <div class="main-col">
                <header class="topbar">
                    <button type="button" class="palette-button" hidden=move || !live.get() data-testid="palette-button"
                        aria-label=ctx.t(Msg::SearchOpen) aria-keyshortcuts="Control+K Meta+K" on:click=move |_| palette.set(true)>
                        <NavIcon icon=Icon::Search/>
                        <span class="palette-button-text">{ctx.t(Msg::SearchOpen)}</span>
                        <kbd>"Ctrl K"</kbd>
                    </button>
                    <div class="topbar-end">
                        <NotificationBell/>
                        <LanguageSwitch/>
                        <a class="user-chip" href="/account" title=user.email.clone() data-testid="user-chip">
                            <span class="avatar" aria-hidden="true">{initials}</span>
                            <span class="user-name">{user.name.clone()}</span>
                            <span class="user-role">{ctx.t(user.role.label())}</span>
                        </a>
                        <form method="post" action="/auth/logout">
                            <button type="submit" class="btn btn-ghost">{ctx.t(Msg::NavSignOut)}</button>
                        </form>
                    </div>
                </header>
                <main id="main" class="content">{children()}</main>
            </div>
            <CommandPalette open=palette role=user.role/>
            <AssistantPanel/>
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        </div>
    }
    .into_any()
}

/// Key under which the browser remembers a collapsed sidebar.
#[cfg(feature = "hydrate")]
const COLLAPSED_KEY: &str = "aula.nav.collapsed";

/// In the browser: the collapsed sidebar is remembered, Ctrl/Cmd+K opens the palette, Escape and
/// every navigation close the drawer.
#[cfg(feature = "hydrate")]
fn browser_behaviour(collapsed: RwSignal<bool>, palette: RwSignal<bool>, drawer: NodeRef<leptos::html::Input>) {
    let storage = || window().local_storage().ok().flatten();
    // After hydration (an effect), so the page first matches what the server rendered.
    Effect::new(move |_| {
        if storage().and_then(|s| s.get_item(COLLAPSED_KEY).ok().flatten()).as_deref() == Some("1") {
            collapsed.set(true);
        }
    });
    Effect::new(move |first: Option<()>| {
        let c = collapsed.get();
        if first.is_some() {
            if let Some(s) = storage() {
                let _ = s.set_item(COLLAPSED_KEY, if c { "1" } else { "0" });
            }
        }
    });
    let close_drawer = move || {
        if let Some(d) = drawer.get_untracked() {
            d.set_checked(false);
        }
    };
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        close_drawer();
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            palette.update(|open| *open = !*open);
        } else if ev.key() == "Escape" {
            close_drawer();
        }
    });
    // The frame lives as long as the page.
    std::mem::forget(handle);
}
