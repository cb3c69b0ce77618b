//! The frame around every signed-in page: navigation, user menu, language switch, toasts.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use types::{Locale, Msg, Role};

use crate::components::assistant::AssistantPanel;
use crate::components::bell::NotificationBell;
use crate::components::guard::path_with_query;
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

/// The application frame. Shows navigation only to a signed-in user.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let Some(user) = use_viewer().user.clone() else {
        return view! {
            <main id="main" class="bare">{children()}</main>
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        }
        .into_any();
    };
    let is_admin = user.role.includes(Role::Admin);
    let is_manager = user.role.includes(Role::Manager);
    let is_staff = user.role.includes(Role::Staff);
    let initials: String = user.name.split_whitespace().take(2).filter_map(|w| w.chars().next()).collect();
    view! {
        <div class="shell">
            <header class="topbar">
                <a class="brand" href="/">
                    <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                    <span>"Aula"</span>
                </a>
                <nav class="mainnav" aria-label=ctx.t(Msg::NavMain)>
                    <A href="/" exact=true>{ctx.t(Msg::NavDashboard)}</A>
                    <A href="/today">{ctx.t(Msg::TodayTitle)}</A>
                    {is_staff.then(|| view! {
                        <A href="/clients">{ctx.t(Msg::NavClients)}</A>
                        <A href="/pipeline">{ctx.t(Msg::PipeTitle)}</A>
                        <A href="/people">{ctx.t(Msg::NavPeople)}</A>
                        <A href="/contracts">{ctx.t(Msg::CtTitle)}</A>
                    })}
                    <A href="/calendar">{ctx.t(Msg::CalTitle)}</A>
                    <A href="/workshops">{ctx.t(Msg::WsTitle)}</A>
                    {is_staff.then(|| view! { <A href="/courses">{ctx.t(Msg::CoTitle)}</A> })}
                    {is_manager.then(|| view! {
                        <A href="/admin/email">{ctx.t(Msg::EmailAdminTitle)}</A>
                        <A href="/admin/assistant">{ctx.t(Msg::AsstAdminTitle)}</A>
                    })}
                    {is_admin.then(|| view! { <A href="/admin/users">{ctx.t(Msg::NavUsers)}</A> })}
                    <A href="/account">{ctx.t(Msg::NavAccount)}</A>
                </nav>
                <div class="topbar-end">
                    <NotificationBell/>
                    <LanguageSwitch/>
                    <span class="user-chip" title=user.email.clone() data-testid="user-chip">
                        <span class="avatar" aria-hidden="true">{initials}</span>
                        <span class="user-name">{user.name.clone()}</span>
                        <span class="user-role">{ctx.t(user.role.label())}</span>
                    </span>
                    <form method="post" action="/auth/logout">
                        <button type="submit" class="btn btn-ghost">{ctx.t(Msg::NavSignOut)}</button>
                    </form>
                </div>
            </header>
            <main id="main" class="content">{children()}</main>
            <AssistantPanel/>
            <ToastRegion close_label=ctx.t(Msg::ActionClose)/>
        </div>
    }
    .into_any()
}
