//! The public workshop catalogue and a workshop's enroll form: no sign-in, for the centre's
//! website and the front-desk tablet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{EnrollmentState, Msg, PublicEnrollment, PublicRequest, PublicWorkshop, RequestState};

use crate::components::field::TextField;
use crate::components::layout::LanguageSwitch;
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::training::{
    get_public_request, get_public_workshop, public_workshops, ConfirmPublicRequest, PublicEnroll,
};

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

/// A public page's answer for what is not (or no longer) there, with the way back to the catalogue.
#[component]
fn PublicMissing(message: Msg, testid: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="card" data-testid=testid>
            <h1>{ctx.t(message)}</h1>
            <p><a href="/talleres">{ctx.t(Msg::PubAll)}</a></p>
        </section>
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

/// What the visitor is told after sending the form: the same whichever email they typed.
#[component]
fn RequestAnswer(r: PublicEnrollment) -> impl IntoView {
    let ctx = use_ctx();
    let minutes = r.hold_minutes.to_string();
    let text = match (r.confirm_by_email, r.seat_held) {
        (true, true) => ctx.t(Msg::PubCheckEmail),
        (true, false) => ctx.t(Msg::PubCheckEmailQueue),
        (false, true) => ctx.t(Msg::PubCentreConfirms),
        (false, false) => ctx.t(Msg::PubCentreConfirmsQueue),
    }
    .replace("{n}", &minutes);
    view! {
        <div class="notice notice-info" role="status" data-testid="enroll-outcome">
            <p>{text}</p>
            {r.confirm_by_email.then(|| view! { <p class="muted">{ctx.t(Msg::PubCheckSpam)}</p> })}
        </div>
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
                        Err(AppError(e)) if e.kind == types::ErrorKind::NotFound => {
                            view! { <PublicMissing message=Msg::PubGone testid="workshop-gone"/> }.into_any()
                        }
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok((p, answered, centre)) => {
                            view! { <PublicWorkshopView w=p.subject form_key=p.form_key enroll result=answered centre/> }.into_any()
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
    centre: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(enroll);
    let full = w.seats_left == 0;
    let outcome = result.map(|r| view! { <RequestAnswer r/> });
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
                    // The first layer of the information the data protection law requires where
                    // the data is collected (RGPD art. 13, LOPDGDD art. 11).
                    <p class="hint" data-testid="privacy-notice">{ctx.t(Msg::PubPrivacy).replace("{centre}", &centre)}</p>
                </ActionForm>
            </section>
        </div>
    }
}

/// The page the emailed link opens: the workshop and a button that confirms the request (a
/// button, so a mail scanner opening the link confirms nothing), then how it went.
#[component]
pub fn PublicConfirmPage() -> impl IntoView {
    let ctx = use_ctx();
    let params = leptos_router::hooks::use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmPublicRequest>::new();
    let page = Resource::new(move || (token(), confirm.version().get()), |(t, _)| get_public_request(t));
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PubConfirmTitle))/>
        <div class="public">
            <PublicHeader/>
            <p class="breadcrumb"><a href="/talleres">{ctx.t(Msg::PubAll)}</a></p>
            <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(AppError(e)) if e.kind == types::ErrorKind::NotFound => {
                            view! { <PublicMissing message=Msg::PubLinkUnknown testid="request-unknown"/> }.into_any()
                        }
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(r) => view! { <RequestCard r token=token() confirm/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn RequestCard(r: PublicRequest, token: String, confirm: ServerAction<ConfirmPublicRequest>) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(confirm);
    let w = r.workshop.clone();
    let until = ctx.time(r.expires_at);
    let body = match (r.state, r.enrollment) {
        (RequestState::Pending, _) => {
            let (intro, button) = if r.seat_held {
                (Msg::PubConfirmIntro, Msg::PubConfirmButton)
            } else {
                (Msg::PubConfirmQueueIntro, Msg::PubConfirmQueueButton)
            };
            view! {
                <p>{ctx.t(intro).replace("{time}", &until)}</p>
                <ActionForm action=confirm attr:class="form" attr:data-testid="confirm-request-form">
                    <input type="hidden" name="token" value=token/>
                    <p class="field-error" data-testid="error-request">{move || error.get().and_then(|e| e.message_for("request", ctx.locale()).or_else(|| e.message_for("workshop_id", ctx.locale())))}</p>
                    <button type="submit" class="btn btn-primary">{ctx.t(button)}</button>
                </ActionForm>
            }.into_any()
        }
        (RequestState::Confirmed, _) if r.already_enrolled => {
            view! { <p class="notice notice-info" role="status" data-testid="request-outcome">{ctx.t(Msg::PubAlreadyEnrolled)}</p> }.into_any()
        }
        (RequestState::Confirmed, Some((EnrollmentState::Waitlisted, Some(n)))) => view! {
            <p class="notice notice-warn" role="status" data-testid="request-outcome">{ctx.t(Msg::PubWaitlisted).replace("{n}", &n.to_string())}</p>
        }.into_any(),
        (RequestState::Confirmed, _) => view! {
            <p class="notice notice-info" role="status" data-testid="request-outcome">{ctx.t(Msg::PubConfirmed)}</p>
        }.into_any(),
        (RequestState::Expired | RequestState::Discarded, _) => view! {
            <p class="notice notice-warn" role="status" data-testid="request-outcome">{types::FieldIssue::HoldExpired.text(ctx.locale())}</p>
            <p><a class="btn" href=format!("/talleres/{}", w.id)>{ctx.t(Msg::PubEnrollAgain)}</a></p>
        }.into_any(),
    };
    view! {
        <section class="card" data-testid="public-request">
            <p class="muted">{ctx.t(Msg::PubConfirmTitle)}</p>
            <h1 data-testid="workshop-title">{w.title.clone()}</h1>
            <p><strong>{ctx.long_date(w.starts_at)}</strong>", "{ctx.time(w.starts_at)}"–"{ctx.time(w.ends_at)}</p>
            {(!w.place.is_empty()).then(|| view! { <p>{w.place.clone()}</p> })}
            {body}
        </section>
    }
}
