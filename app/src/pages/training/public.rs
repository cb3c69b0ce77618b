//! The public workshop catalogue and a workshop's enroll form: no sign-in, for the centre's
//! website and the front-desk tablet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{EnrollmentState, Msg, PublicEnrollment, PublicWorkshop};

use crate::components::field::TextField;
use crate::components::layout::LanguageSwitch;
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::training::{get_public_workshop, public_workshops, PublicEnroll};

/// The header of the public pages: the centre's name and the language switch.
#[component]
fn PublicHeader() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <header class="public-header">
            <a class="brand" href="/talleres">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>{ctx.t(Msg::PubTitle)}</span>
            </a>
            <LanguageSwitch/>
        </header>
    }
}

#[component]
pub fn PublicCatalogPage() -> impl IntoView {
    let ctx = use_ctx();
    let list = Resource::new(|| (), |_| public_workshops());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PubTitle))/>
        <div class="public">
            <PublicHeader/>
            <h1>{ctx.t(Msg::PubTitle)}</h1>
            <p class="muted">{ctx.t(Msg::PubIntro)}</p>
            <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p class="card muted">{ctx.t(Msg::PubEmpty)}</p> }.into_any(),
                        Ok(items) => view! {
                            <div class="cards cards-wide" data-testid="public-workshops">
                                {items.into_iter().map(|w| view! { <WorkshopCard w/> }).collect_view()}
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn WorkshopCard(w: PublicWorkshop) -> impl IntoView {
    let ctx = use_ctx();
    let full = w.seats_left == 0;
    view! {
        <article class="card workshop-card" data-testid="public-workshop">
            <p class="muted">{w.interest.clone().unwrap_or_default()}</p>
            <h2><a href=format!("/talleres/{}", w.id)>{w.title.clone()}</a></h2>
            <p>{ctx.long_date(w.starts_at)}<br/>{ctx.time(w.starts_at)}"–"{ctx.time(w.ends_at)}{(!w.place.is_empty()).then(|| format!(" · {}", w.place))}</p>
            <p class="seat-line">
                <strong>{ctx.money(w.price_cents)}</strong>" · "
                <span class:seats-full=full data-testid="public-seats-left">
                    {if full { ctx.t(Msg::PubFull).to_string() } else { ctx.t(Msg::WsSeatsLeft).replace("{n}", &w.seats_left.to_string()) }}
                </span>
            </p>
        </article>
    }
}

#[component]
pub fn PublicWorkshopPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let enroll = ServerAction::<PublicEnroll>::new();
    // `?key=` is the key of the form just sent: the server sent the visitor back here.
    let answered = use_query_map().read_untracked().get("key").unwrap_or_default();
    let page = Resource::new(move || id.get(), move |id| get_public_workshop(id, answered.clone()));
    view! {
        <div class="public">
            <PublicHeader/>
            <p class="breadcrumb"><a href="/talleres">{ctx.t(Msg::PubAll)}</a></p>
            <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(AppError(e)) if e.kind == types::ErrorKind::NotFound => view! {
                            <section class="card"><h1>{ctx.t(Msg::PubGone)}</h1><p><a href="/talleres">{ctx.t(Msg::PubAll)}</a></p></section>
                        }.into_any(),
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok((p, answered)) => {
                            view! { <PublicWorkshopView w=p.subject form_key=p.form_key enroll result=answered/> }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn PublicWorkshopView(
    w: PublicWorkshop,
    form_key: String,
    enroll: ServerAction<PublicEnroll>,
    result: Option<PublicEnrollment>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(enroll);
    let full = w.seats_left == 0;
    let outcome = {
        result.map(|r| {
            let (class, text) = match (r.state, r.waitlist_position) {
                (EnrollmentState::Waitlisted, Some(n)) => {
                    ("notice notice-warn", ctx.t(Msg::PubWaitlisted).replace("{n}", &n.to_string()))
                }
                _ => ("notice notice-info", ctx.t(Msg::PubConfirmed).to_string()),
            };
            view! { <p class=class role="status" data-testid="enroll-outcome">{text}</p> }
        })
    };
    view! {
        <Title text=format!("{} · Aula", w.title)/>
        <div class="split">
            <section class="card">
                <p class="muted">{w.interest.clone().unwrap_or_default()}</p>
                <h1 data-testid="workshop-title">{w.title.clone()}</h1>
                <p><strong>{ctx.long_date(w.starts_at)}</strong>", "{ctx.time(w.starts_at)}"–"{ctx.time(w.ends_at)}</p>
                {(!w.place.is_empty()).then(|| view! { <p>{w.place.clone()}</p> })}
                <p class="seat-line">
                    <strong>{ctx.money(w.price_cents)}</strong>" · "
                    <span data-testid="public-seats-left">
                        {if full { ctx.t(Msg::PubFull).to_string() } else { ctx.t(Msg::WsSeatsLeft).replace("{n}", &w.seats_left.to_string()) }}
                    </span>
                </p>
                {(!w.description.is_empty()).then(|| view! { <p class="notes">{w.description.clone()}</p> })}
            </section>
            <section class="card">
                <h2>{if full { ctx.t(Msg::PubJoinWaitlist) } else { ctx.t(Msg::PubEnrollTitle) }}</h2>
                {full.then(|| view! { <p class="muted">{ctx.t(Msg::PubFullIntro)}</p> })}
                {outcome}
                <ActionForm action=enroll attr:class="form" attr:data-testid="public-enroll-form" attr:novalidate=true>
                    <input type="hidden" name="workshop_id" value=w.id.0/>
                    <input type="hidden" name="form_key" value=form_key/>
                    // A field people never see: a robot that fills every field gives itself away.
                    <div class="hp" aria-hidden="true">
                        <label for="website">{ctx.t(Msg::PubLeaveEmpty)}</label>
                        <input id="website" name="website" tabindex="-1" autocomplete="off"/>
                    </div>
                    <TextField name="first_name" label=Msg::PersonFirstName required=true autocomplete="given-name" error/>
                    <TextField name="last_name" label=Msg::PersonLastName autocomplete="family-name" error/>
                    <TextField name="email" label=Msg::FieldEmail kind="email" required=true autocomplete="email" error/>
                    <TextField name="phone" label=Msg::OrgPhone kind="tel" autocomplete="tel" error/>
                    <p class="field-error" data-testid="error-workshop_id">{move || error.get().and_then(|e| e.message_for("workshop_id", ctx.locale()))}</p>
                    <button type="submit" class="btn btn-primary btn-block">
                        {if full { ctx.t(Msg::PubJoinWaitlist) } else { ctx.t(Msg::PubEnroll) }}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}
