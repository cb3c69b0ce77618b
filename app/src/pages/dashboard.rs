//! The first page after signing in: today, the user's role and the state of the installation.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Action, Module, Msg};

use crate::i18n::{use_ctx, use_viewer};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::dashboard::get_dashboard;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = use_ctx();
    let user = use_viewer().user.clone().expect("guarded by RequireSignIn");
    let data = Resource::new(|| (), |_| get_dashboard());
    let greeting =
        ctx.t(Msg::DashGreeting).replace("{name}", user.name.split_whitespace().next().unwrap_or(&user.name));
    let is_manager = user.can(Module::Reports, Action::View);
    let sets_up_email = user.can(Module::Admin, Action::Edit);
    let is_admin = user.can(Module::Admin, Action::Configure);
    let reads_crm = user.can(Module::Crm, Action::View);
    let role_title = user.role_title(use_ctx().locale);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::NavDashboard))/>
        <header class="page-header">
            <h1 data-testid="greeting">{greeting}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || {
                let ctx = use_ctx();
                let role_title = role_title.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorNotice error=e.0/> }.into_any(),
                        Ok(d) => {
                            view! {
                                <div class="cards">
                                    <article class="card kpi">
                                        <h2>{ctx.t(Msg::DashToday)}</h2>
                                        <p class="kpi-value kpi-date" data-testid="today">{ctx.long_date(d.now)}</p>
                                    </article>
                                    <article class="card kpi">
                                        <h2>{ctx.t(Msg::DashYourRole)}</h2>
                                        <p class="kpi-value kpi-text">{role_title.clone()}</p>
                                    </article>
                                    {is_manager.then(|| view! {
                                        <article class="card kpi">
                                            <h2>{ctx.t(Msg::DashActiveUsers)}</h2>
                                            <p class="kpi-value" data-testid="active-users">{d.active_users}</p>
                                        </article>
                                        <article class="card kpi">
                                            <h2>{ctx.t(Msg::DashSessions)}</h2>
                                            <p class="kpi-value">{d.open_sessions}</p>
                                        </article>
                                    })}
                                </div>
                                <div class="cards cards-wide">
                                    {reads_crm.then(|| view! {
                                        <article class="card" data-testid="leads-without-next-action">
                                            <h2>{ctx.t(Msg::DigestNoNextAction)}</h2>
                                            {if d.leads_without_next_action.is_empty() {
                                                view! { <p class="muted">{ctx.t(Msg::EmailNone)}</p> }.into_any()
                                            } else {
                                                view! {
                                                    <ul class="link-list">
                                                        {d.leads_without_next_action.iter().map(|(id, name)| view! {
                                                            <li><a href=format!("/clients/{id}")>{name.clone()}</a></li>
                                                        }).collect_view()}
                                                    </ul>
                                                }.into_any()
                                            }}
                                        </article>
                                    })}
                                    <article class="card">
                                        <h2>{ctx.t(Msg::DashShortcuts)}</h2>
                                        <ul class="link-list">
                                            {is_admin.then(|| view! { <li><a href="/admin/users">{ctx.t(Msg::DashManageUsers)}</a></li> })}
                                            <li><a href="/calendar">{ctx.t(Msg::CalTitle)}</a></li>
                                            <li><a href="/notifications">{ctx.t(Msg::NotifTitle)}</a></li>
                                            {sets_up_email.then(|| view! { <li><a href="/admin/email">{ctx.t(Msg::EmailAdminTitle)}</a></li> })}
                                            <li><a href="/account">{ctx.t(Msg::DashEditAccount)}</a></li>
                                        </ul>
                                    </article>
                                    <article class="card">
                                        <h2>{ctx.t(Msg::DashSystem)}</h2>
                                        <dl class="facts">
                                            <dt>{ctx.t(Msg::DashDatabase)}</dt>
                                            <dd>{d.database.clone()}</dd>
                                            <dt>{ctx.t(Msg::DashVersion)}</dt>
                                            <dd>{d.version.clone()}</dd>
                                            <dt>{ctx.t(Msg::DashTimeZone)}</dt>
                                            <dd>{ctx.tz.name()}</dd>
                                        </dl>
                                    </article>
                                </div>
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
