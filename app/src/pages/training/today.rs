//! Today at the centre, for the front desk: the day's sessions (to take attendance) and workshops
//! (to check seats and payments).

use leptos::prelude::*;
use leptos_meta::Title;
use types::Msg;

use super::contract_detail::when;
use super::StateBadge;
use crate::error::AppError;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::training::get_today;

#[component]
pub fn TodayPage() -> impl IntoView {
    let ctx = use_ctx();
    let data = Resource::new(|| (), |_| get_today());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::TodayTitle))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(t) => view! {
                        <header class="page-header">
                            <h1>{ctx.t(Msg::TodayTitle)}</h1>
                            <p class="muted">{ctx.long_date(t.now)}</p>
                        </header>
                        <div class="split">
                            <section class="card">
                                <h2>{ctx.t(Msg::CtSessions)}</h2>
                                {if t.sessions.is_empty() {
                                    view! { <p class="muted">{ctx.t(Msg::TodayNoSessions)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list big-links" data-testid="today-sessions">
                                            {t.sessions.into_iter().map(|s| view! {
                                                <li>
                                                    <a href=format!("/sessions/{}", s.id)>{s.course_title.clone()}</a>
                                                    <span class="cell-sub">{when(ctx, &s)}" · "{s.organization_name.clone()}{s.room_name.clone().map(|r| format!(" · {r}"))}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card">
                                <h2>{ctx.t(Msg::WsTitle)}</h2>
                                {if t.workshops.is_empty() {
                                    view! { <p class="muted">{ctx.t(Msg::TodayNoWorkshops)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list big-links">
                                            {t.workshops.into_iter().map(|w| view! {
                                                <li>
                                                    <a href=format!("/workshops/{}", w.id)>{w.title.clone()}</a>
                                                    " "<StateBadge state=w.state.as_str() label=w.state.label()/>
                                                    <span class="cell-sub">{ctx.time(w.starts_at)}" · "{format!("{}/{}", w.confirmed, w.capacity)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
