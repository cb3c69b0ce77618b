//! The assistant for managers: how the model is set and whether it answers, exactly what a
//! question sends it, and how the assistant has been used and rated over a period.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{fallback_reason_label, AssistantAdmin, Msg};

use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::assistant::assistant_admin_page;

const PERIODS: [i64; 3] = [7, 30, 90];

#[component]
pub fn AssistantAdminPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let days = Memo::new(move |_| {
        query.get().get("days").and_then(|d| d.parse::<i64>().ok()).filter(|d| PERIODS.contains(d)).unwrap_or(30)
    });
    let page = Resource::new(move || days.get(), assistant_admin_page);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::AsstAdminTitle))/>
        <header class="page-header"><h1>{ctx.t(Msg::AsstAdminTitle)}</h1></header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(a) => view! { <AdminView a/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e.0/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AdminView(a: AssistantAdmin) -> impl IntoView {
    let ctx = use_ctx();
    let status = if !a.configured {
        view! { <div class="notice notice-warn" data-testid="ai-status" data-state="not_configured">{ctx.t(Msg::AsstAdminNotConfigured)}</div> }.into_any()
    } else if a.reachable == "ok" {
        view! { <div class="notice notice-info" data-testid="ai-status" data-state="ok">{ctx.t(Msg::AsstAdminReachable).replace("{n}", &a.models_listed.to_string())}</div> }.into_any()
    } else {
        let reason = ctx.t(fallback_reason_label(&a.reachable));
        view! { <div class="notice notice-error" data-testid="ai-status" data-state=a.reachable.clone()>{ctx.t(Msg::AsstAdminUnreachable).replace("{reason}", reason)}</div> }.into_any()
    };
    let u = a.usage;
    let figure = |label: Msg, value: i64, id: &'static str| {
        view! {
            <article class="card kpi">
                <h2 class="kpi-label">{ctx.t(label)}</h2>
                <p class="kpi-value" data-testid=id>{value}</p>
            </article>
        }
    };
    view! {
        {status}
        <div class="admin-email-grid">
            <section class="card" data-testid="ai-provider">
                <h2>{ctx.t(Msg::AsstAdminProvider)}</h2>
                <dl class="facts">
                    <dt>{ctx.t(Msg::AsstAdminEndpoint)}</dt><dd><code>{if a.endpoint.is_empty() { "—".to_string() } else { a.endpoint.clone() }}</code></dd>
                    <dt>{ctx.t(Msg::AsstAdminProvider)}</dt><dd>{if a.model.is_empty() { "—".to_string() } else { a.model.clone() }}</dd>
                    <dt>{ctx.t(Msg::AsstAdminTimeout)}</dt><dd>{format!("{} s", a.timeout_secs)}</dd>
                    <dt>{ctx.t(Msg::AsstAdminKey)}</dt>
                    <dd data-testid="ai-key">{ctx.t(if a.key_set { Msg::AsstAdminKeySet } else { Msg::AsstAdminKeyUnset })}</dd>
                </dl>
            </section>
            <section class="card" data-testid="ai-sent">
                <h2>{ctx.t(Msg::AsstAdminSent)}</h2>
                <p>{ctx.t(Msg::AsstAdminSentHelp)}</p>
                <ul>{a.fact_fields.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                <details>
                    <summary>{ctx.t(Msg::AsstAdminSample)}</summary>
                    <pre class="assistant-sample" data-testid="ai-sample">{a.sample_request}</pre>
                </details>
            </section>
        </div>
        <section class="card" data-testid="ai-usage">
            <h2>{ctx.t(Msg::AsstAdminUsage)}</h2>
                <nav class="chips" aria-label=ctx.t(Msg::AsstAdminUsage)>
                    {PERIODS.iter().map(|d| view! {
                        <a class="chip" class:chip-on=a.days == *d aria-current=(a.days == *d).then_some("page")
                            href=format!("/admin/assistant?days={d}")>{ctx.t(Msg::AsstAdminDays).replace("{n}", &d.to_string())}</a>
                    }).collect_view()}
                </nav>
            <div class="cards">
                {figure(Msg::AsstAdminQuestions, u.questions, "ai-questions")}
                {figure(Msg::AsstAdminByModel, u.by_model, "ai-by-model")}
                {figure(Msg::AsstAdminWithout, u.without_model, "ai-without")}
                {figure(Msg::AsstHelpful, u.thumbs_up, "ai-up")}
                {figure(Msg::AsstNotHelpful, u.thumbs_down, "ai-down")}
                {figure(Msg::AsstAdminUsers, u.users, "ai-users")}
            </div>
            {(!u.reasons.is_empty()).then(|| view! {
                <h3>{ctx.t(Msg::AsstAdminReasons)}</h3>
                <ul data-testid="ai-reasons">
                    {u.reasons.into_iter().map(|(code, n)| view! { <li>{format!("{} · {n}", ctx.t(fallback_reason_label(&code)))}</li> }).collect_view()}
                </ul>
            })}
            <h3>{ctx.t(Msg::AsstAdminDisliked)}</h3>
            {if u.disliked.is_empty() {
                view! { <p class="muted">{ctx.t(Msg::AsstAdminNoDisliked)}</p> }.into_any()
            } else {
                view! {
                    <ul class="assistant-disliked" data-testid="ai-disliked">
                        {u.disliked.into_iter().map(|x| view! {
                            <li>
                                <p><strong>{x.question}</strong>" · "{ctx.date_time(x.created_at)}</p>
                                <p class="assistant-disliked-answer">{x.answer}</p>
                                {(!x.comment.is_empty()).then(|| view! { <p class="muted">"“"{x.comment}"”"</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
