//! A workshop's staff page: seats, the walk-in enroll form, the public requests awaiting
//! confirmation, and the enrollments — confirmed, the waitlist in order, cancelled — with
//! payment, refund and cancellation.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{
    EnrollForm, EnrollmentRequestView, EnrollmentState, EnrollmentView, Msg, PaymentMethod, PaymentStatus,
    WorkshopDetail,
};

use super::StateBadge;
use crate::components::field::{FormError, SelectField, TextField};
use crate::components::outcome;
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::record_page;
use crate::serverfns::training::{
    workshop_page, CancelEnrollment, ConfirmRequest, DiscardRequest, EnrollWalkIn, PayEnrollment, RefundEnrollment,
};

#[component]
pub fn WorkshopDetailPage() -> impl IntoView {
    let id = use_id_param();
    let enroll = ServerAction::<EnrollWalkIn>::new();
    let cancel = ServerAction::<CancelEnrollment>::new();
    let pay = ServerAction::<PayEnrollment>::new();
    let refund = ServerAction::<RefundEnrollment>::new();
    let confirm = ServerAction::<ConfirmRequest>::new();
    let discard = ServerAction::<DiscardRequest>::new();
    let page = Resource::new(move || id.get(), workshop_page);
    record_page(page, move |p| view! { <WorkshopDetailView page=p enroll cancel pay refund confirm discard/> })
}

#[component]
fn WorkshopDetailView(
    page: EnrollForm<WorkshopDetail>,
    enroll: ServerAction<EnrollWalkIn>,
    cancel: ServerAction<CancelEnrollment>,
    pay: ServerAction<PayEnrollment>,
    refund: ServerAction<RefundEnrollment>,
    confirm: ServerAction<ConfirmRequest>,
    discard: ServerAction<DiscardRequest>,
) -> impl IntoView {
    let ctx = use_ctx();
    let is_staff = crate::i18n::viewer_can(types::Module::Workshops, types::Action::Edit);
    let is_manager = crate::i18n::viewer_can(types::Module::Workshops, types::Action::Delete);
    let d = page.subject;
    let w = d.workshop.clone();
    let error = failed(enroll);
    let (confirmed, rest): (Vec<_>, Vec<_>) =
        d.enrollments.iter().cloned().partition(|e| e.state == EnrollmentState::Confirmed);
    let (waitlist, cancelled): (Vec<_>, Vec<_>) =
        rest.into_iter().partition(|e| e.state == EnrollmentState::Waitlisted);
    let fill = if w.capacity > 0 { (w.confirmed * 100 / w.capacity).min(100) } else { 0 };
    let fact =
        |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> });
    let open = w.state == types::WorkshopState::Published && w.starts_at > d.now;
    let enroll_label = ctx.t(if w.seats_left() > 0 { Msg::WsEnroll } else { Msg::WsEnrollWaitlist });
    view! {
        <Title text=format!("{} · Aula", w.title)/>
        <header class="page-header page-header-actions">
            <div>
                <p class="breadcrumb"><a href="/workshops">{ctx.t(Msg::WsTitle)}</a></p>
                <h1 data-testid="workshop-title">{w.title.clone()}</h1>
                <p class="muted"><StateBadge state=w.state.as_str() label=w.state.label()/>" "{ctx.long_date(w.starts_at)}" · "{ctx.time(w.starts_at)}"–"{ctx.time(w.ends_at)}</p>
            </div>
            <div class="actions">
                {(w.state == types::WorkshopState::Published).then(|| view! { <a class="btn" href=format!("/talleres/{}", w.id) target="_blank" rel="external noopener">{ctx.t(Msg::WsPublicPage)}</a> })}
                {is_staff.then(|| view! { <a class="btn" href=format!("/workshops/{}/edit", w.id)>{ctx.t(Msg::WsEdit)}</a> })}
            </div>
        </header>
        <div class="split">
            <div class="stack">
                <section class="card">
                    <h2>{ctx.t(Msg::WsSeats)}</h2>
                    <div class="meter" role="meter" aria-label=ctx.t(Msg::WsSeats) aria-valuemin="0" aria-valuemax=w.capacity aria-valuenow=w.confirmed>
                        <span style=format!("width: {fill}%")></span>
                    </div>
                    <p class="seat-line" data-testid="seat-summary">
                        <strong data-testid="seats-confirmed">{w.confirmed}</strong>"/"{w.capacity}" · "
                        <span data-testid="seats-left">{ctx.t(Msg::WsSeatsLeft).replace("{n}", &w.seats_left().to_string())}</span>" · "
                        <span data-testid="seats-waitlisted">{ctx.t(Msg::WsWaitingCount).replace("{n}", &w.waitlisted.to_string())}</span>
                        {(w.held > 0).then(|| view! { " · "<span data-testid="seats-held">{ctx.t(Msg::WsHeld).replace("{n}", &w.held.to_string())}</span> })}
                    </p>
                    {w.below_minimum().then(|| view! {
                        <p class="notice notice-warn">{ctx.t(Msg::WsBelowMinimum).replace("{n}", &w.min_participants.unwrap_or(0).to_string())}</p>
                    })}
                </section>
                <section class="card">
                    <h2>{ctx.t(Msg::WsEnrollTitle)}</h2>
                    {if open {
                        view! {
                            <ActionForm action=enroll attr:class="form" attr:data-testid="enroll-form" attr:novalidate=true
                                attr:data-done-message=outcome::ENROLLED>
                                <FormError error/>
                                <input type="hidden" name="workshop_id" value=w.id.0/>
                                <input type="hidden" name="form_key" value=page.form_key.clone()/>
                                <div class="form-grid">
                                    <TextField name="first_name" label=Msg::PersonFirstName required=true error id_prefix="e-"/>
                                    <TextField name="last_name" label=Msg::PersonLastName error id_prefix="e-"/>
                                    <TextField name="email" label=Msg::FieldEmail kind="email" required=true error id_prefix="e-"/>
                                    <TextField name="phone" label=Msg::OrgPhone kind="tel" error id_prefix="e-"/>
                                </div>
                                <p class="field-error" data-testid="error-workshop_id" data-error-for="workshop_id">{move || error.get().and_then(|e| e.message_for("workshop_id", ctx.locale()))}</p>
                                <button type="submit" class="btn btn-primary">
                                    {enroll_label}
                                </button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <p class="muted">{ctx.t(Msg::ErrNotOpen)}</p> }.into_any()
                    }}
                </section>
            </div>
            <section class="card">
                <dl class="facts">
                    {fact(Msg::WsPlace, w.place.clone())}
                    {fact(Msg::WsPrice, ctx.money(w.price_cents))}
                    {fact(Msg::OrgInterests, w.interest_name.clone().unwrap_or_default())}
                    {fact(Msg::WsMinimum, w.min_participants.map(|m| m.to_string()).unwrap_or_default())}
                    {fact(Msg::WsCollected, ctx.money(d.paid_cents))}
                </dl>
                {(!w.description.is_empty()).then(|| view! { <p class="notes">{w.description.clone()}</p> })}
            </section>
        </div>
        {(!d.requests.is_empty()).then(|| view! { <RequestTable rows=d.requests.clone() confirm discard/> })}
        <section class="card">
            <h2>{ctx.t(Msg::WsConfirmedTitle)}" ("{confirmed.len()}")"</h2>
            <EnrollmentTable rows=confirmed testid="confirmed" cancel pay refund is_manager/>
        </section>
        <section class="card">
            <h2>{ctx.t(Msg::WsWaitlistTitle)}" ("{waitlist.len()}")"</h2>
            <EnrollmentTable rows=waitlist testid="waitlist" cancel pay refund is_manager/>
        </section>
        {(!cancelled.is_empty()).then(|| view! {
            <section class="card">
                <details>
                    <summary>{ctx.t(Msg::WsCancelledTitle)}" ("{cancelled.len()}")"</summary>
                    <EnrollmentTable rows=cancelled.clone() testid="cancelled" cancel pay refund is_manager/>
                </details>
            </section>
        })}
    }
}

/// The public form's requests awaiting the visitor's confirmation: staff confirm one for them
/// (reached by phone, at the desk) or discard it.
#[component]
fn RequestTable(
    rows: Vec<EnrollmentRequestView>,
    confirm: ServerAction<ConfirmRequest>,
    discard: ServerAction<DiscardRequest>,
) -> impl IntoView {
    let ctx = use_ctx();
    let mail = |state: &str| {
        ctx.t(match state {
            "sent" => Msg::WsMailSent,
            "sending" => Msg::WsMailSending,
            "failed" => Msg::WsMailFailed,
            "skipped" => Msg::WsMailSkipped,
            _ => Msg::WsMailQueued,
        })
    };
    view! {
        <section class="card">
            <h2>{ctx.t(Msg::WsRequests)}" ("{rows.len()}")"</h2>
            <p class="muted">{ctx.t(Msg::WsRequestsHint)}</p>
            <div class="table-wrap">
                <table class="table" data-testid="requests-table">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::FieldName)}</th>
                        <th scope="col">{ctx.t(Msg::WsSeats)}</th>
                        <th scope="col">{ctx.t(Msg::WsRequestedAt)}</th>
                        <th scope="col"><span class="sr-only">{ctx.t(Msg::WsActions)}</span></th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-testid="request-row">
                                <td>
                                    {r.name.clone()}
                                    <span class="cell-sub">{r.email.clone()}{(!r.phone.is_empty()).then(|| format!(" · {}", r.phone))}</span>
                                </td>
                                <td>
                                    {if r.seat_held {
                                        ctx.t(Msg::WsRequestUntil).replace("{time}", &ctx.time(r.expires_at))
                                    } else {
                                        ctx.t(Msg::WsRequestQueue).to_string()
                                    }}
                                    <span class="cell-sub">{mail(&r.mail_state)}</span>
                                </td>
                                <td class="nowrap">{ctx.date_time(r.created_at)}</td>
                                <td class="row-actions">
                                    <ActionForm action=confirm attr:class="inline-form" attr:data-done-message=outcome::REQUEST_CONFIRMED>
                                        <input type="hidden" name="id" value=r.id.0/>
                                        <button type="submit" class="btn btn-small btn-primary" data-testid="confirm-request">{ctx.t(Msg::WsRequestConfirm)}</button>
                                    </ActionForm>
                                    <ActionForm action=discard attr:class="inline-form" attr:data-done-toast=ctx.t(Msg::WsRequestDiscarded)>
                                        <input type="hidden" name="id" value=r.id.0/>
                                        <button type="submit" class="btn btn-small btn-ghost" data-testid="discard-request">{ctx.t(Msg::WsRequestDiscard)}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn EnrollmentTable(
    rows: Vec<EnrollmentView>,
    testid: &'static str,
    cancel: ServerAction<CancelEnrollment>,
    pay: ServerAction<PayEnrollment>,
    refund: ServerAction<RefundEnrollment>,
    is_manager: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    if rows.is_empty() {
        return view! { <p class="muted" data-testid=format!("{testid}-empty")>{ctx.t(Msg::WsNoEnrollments)}</p> }
            .into_any();
    }
    let methods = choice_options(ctx, PaymentMethod::ALL, PaymentMethod::as_str, PaymentMethod::label, None);
    let no_error = Signal::derive(|| None);
    view! {
        <div class="table-wrap">
            <table class="table" data-testid=format!("{testid}-table")>
                <thead><tr>
                    {(testid == "waitlist").then(|| view! { <th scope="col" class="num">"#"</th> })}
                    <th scope="col">{ctx.t(Msg::FieldName)}</th>
                    <th scope="col">{ctx.t(Msg::WsPayment)}</th>
                    <th scope="col">{ctx.t(Msg::WsEnrolledAt)}</th>
                    <th scope="col"><span class="sr-only">{ctx.t(Msg::WsActions)}</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let methods = methods.clone();
                        let payable = e.state == EnrollmentState::Confirmed && e.payment_status == PaymentStatus::Pending;
                        let refundable = is_manager && e.payment_status == PaymentStatus::Paid;
                        let live = e.state != EnrollmentState::Cancelled;
                        let payment = match e.payment_status {
                            PaymentStatus::Paid => format!("{} · {}", ctx.money(e.amount_paid_cents), e.payment_method.map(|m| ctx.t(m.label())).unwrap_or_default()),
                            other => ctx.t(other.label()).to_string(),
                        };
                        view! {
                            <tr data-testid="enrollment-row">
                                {e.waitlist_position.map(|n| view! { <td class="num" data-testid="position">{n}</td> })}
                                <td>
                                    <a href=format!("/people/{}", e.person_id)>{e.person_name.clone()}</a>
                                    <span class="cell-sub">{e.email.clone()}</span>
                                </td>
                                <td>
                                    <span class=format!("badge badge-{}", e.payment_status.as_str())>{payment}</span>
                                    {(!e.payment_reference.is_empty()).then(|| view! { <span class="cell-sub">{e.payment_reference.clone()}</span> })}
                                </td>
                                <td class="nowrap">{ctx.date_time(e.created_at)}</td>
                                <td class="row-actions">
                                    {payable.then(|| view! {
                                        <details class="inline-details">
                                            <summary class="btn btn-small" data-testid="pay-open">{ctx.t(Msg::WsPay)}</summary>
                                            <ActionForm action=pay attr:class="form form-inline" attr:data-testid="pay-form" attr:data-done-message=outcome::PAID>
                                                <input type="hidden" name="id" value=e.id.0/>
                                                <SelectField name="method" label=Msg::WsPayMethod options=methods error=no_error id_prefix="p-"/>
                                                <TextField name="amount" label=Msg::WsPayAmount hint=Msg::WsPayAmountHint error=no_error id_prefix="p-"/>
                                                <TextField name="reference" label=Msg::WsPayReference error=no_error id_prefix="p-"/>
                                                <button type="submit" class="btn btn-primary btn-small">{ctx.t(Msg::WsPayConfirm)}</button>
                                            </ActionForm>
                                        </details>
                                    })}
                                    {refundable.then(|| view! {
                                        <ActionForm action=refund attr:class="inline-form" attr:data-done-message=outcome::REFUNDED>
                                            <input type="hidden" name="id" value=e.id.0/>
                                            <button type="submit" class="btn btn-small">{ctx.t(Msg::WsRefund)}</button>
                                        </ActionForm>
                                    })}
                                    {live.then(|| view! {
                                        <ActionForm action=cancel attr:class="inline-form" attr:data-done-message=outcome::CANCELLED>
                                            <input type="hidden" name="id" value=e.id.0/>
                                            <button type="submit" class="btn btn-small btn-ghost" data-testid="cancel-enrollment">{ctx.t(Msg::WsCancel)}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
