//! A contract's page: the hours burn-down (planned, scheduled, delivered and, for who reads
//! billing, invoiced), its sessions with the form to add one (refused with the clashing session
//! when the trainer or room is taken), its participants with their attendance rate, and its
//! invoices with the form that invoices the delivered hours or a milestone.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{ContractBilling, ContractDetail, Msg, SessionState, SessionView};

use super::{id_options, StateBadge};
use crate::components::field::{FormError, SelectField, TextField};
use crate::error::{failed, AppError};
use crate::i18n::{use_ctx, viewer_can};
use crate::pages::billing::InvoiceBadges;
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::record_page;
use crate::serverfns::billing::{get_contract_billing, InvoiceContract};
use crate::serverfns::training::{contract_page, SaveSession, SetParticipant};

#[component]
pub fn ContractDetailPage() -> impl IntoView {
    let id = use_id_param();
    let add_session = ServerAction::<SaveSession>::new();
    let participant = ServerAction::<SetParticipant>::new();
    // The invoicing part only for who reads billing; the rest of the page for everyone else too.
    let billing = viewer_can(types::Module::Billing, types::Action::View);
    let page = Resource::new(
        move || id.get(),
        move |id| async move {
            let detail = contract_page(id).await?;
            let invoicing = if billing { Some(get_contract_billing(id).await?) } else { None };
            Ok::<_, AppError>((detail, invoicing))
        },
    );
    record_page(page, move |(d, b)| view! { <ContractDetailView d b add_session participant/> })
}

/// One bar of the burn-down: `minutes` against the planned hours.
fn bar(ctx: crate::i18n::Ctx, label: Msg, minutes: i64, planned: i64, testid: &'static str) -> impl IntoView {
    let pct = if planned > 0 { (minutes * 100 / planned).min(100) } else { 0 };
    let over = minutes > planned;
    view! {
        <div class="burn-row">
            <span class="burn-label">{ctx.t(label)}</span>
            <div class="meter" class:meter-over=over><span style=format!("width: {pct}%")></span></div>
            <strong class="nowrap" data-testid=testid>{ctx.hours(minutes)}</strong>
        </div>
    }
}

#[component]
fn ContractDetailView(
    d: ContractDetail,
    b: Option<ContractBilling>,
    add_session: ServerAction<SaveSession>,
    participant: ServerAction<SetParticipant>,
) -> impl IntoView {
    let ctx = use_ctx();
    let c = d.contract.clone();
    let fact =
        |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> });
    let candidates = id_options(&d.candidates, Some(ctx.t(Msg::CtChoose)));
    let no_candidates = d.candidates.is_empty();
    view! {
        <Title text=format!("{} · Aula", c.file_number)/>
        <header class="page-header page-header-actions">
            <div>
                <p class="breadcrumb"><a href="/contracts">{ctx.t(Msg::CtTitle)}</a></p>
                <h1 data-testid="contract-title">{c.file_number.clone()}" · "{c.course_title.clone()}</h1>
                <p class="muted">
                    <StateBadge state=c.state.as_str() label=c.state.label()/>" "
                    <a href=format!("/clients/{}", c.organization_id)>{c.organization_name.clone()}</a>
                    {c.end_client_name.clone().zip(c.end_client_id).map(|(n, id)| view! { " → " <a href=format!("/clients/{id}")>{n}</a> })}
                </p>
            </div>
            <div class="actions"><a class="btn" href=format!("/contracts/{}/edit", c.id)>{ctx.t(Msg::CtEdit)}</a></div>
        </header>
        <div class="split">
            <section class="card" data-testid="burn-down">
                <h2>{ctx.t(Msg::CtBurnDown)}</h2>
                {bar(ctx, Msg::CtPlanned, c.planned_minutes, c.planned_minutes, "hours-planned")}
                {bar(ctx, Msg::CtScheduled, c.scheduled_minutes, c.planned_minutes, "hours-scheduled")}
                {bar(ctx, Msg::CtDelivered, c.delivered_minutes, c.planned_minutes, "hours-delivered")}
                {b.as_ref().map(|b| bar(ctx, Msg::CtInvoiced, b.invoiced_minutes, c.planned_minutes, "hours-invoiced"))}
                {c.over_planned().then(|| view! {
                    <p class="notice notice-warn" data-testid="over-planned">
                        {ctx.t(Msg::CtOverPlanned).replace("{n}", &ctx.hours(c.scheduled_minutes - c.planned_minutes))}
                    </p>
                })}
            </section>
            <section class="card">
                <dl class="facts">
                    {fact(Msg::CtCourse, c.course_title.clone())}
                    {fact(Msg::CoModality, ctx.t(c.modality.label()).to_string())}
                    {fact(Msg::CoHourlyPrice, ctx.money(c.hourly_price_cents))}
                    {fact(Msg::CtValue, ctx.money(c.planned_value_cents()))}
                    {fact(Msg::FieldCreated, ctx.date(c.created_at))}
                </dl>
                {(!c.notes.is_empty()).then(|| view! { <p class="notes">{c.notes.clone()}</p> })}
            </section>
        </div>
        {b.map(|b| view! { <ContractInvoices contract_id=c.id.0 b/> })}
        <section class="card">
            <h2>{ctx.t(Msg::CtSessions)}" ("{d.sessions.len()}")"</h2>
            <SessionTable sessions=d.sessions.clone()/>
        </section>
        <div class="split">
            <section class="card">
                <h2>{ctx.t(Msg::CtAddSession)}</h2>
                <SessionForm contract_id=c.id.0 d=d.clone() action=add_session initial=None/>
            </section>
            <section class="card">
                <h2>{ctx.t(Msg::CtParticipants)}" ("{d.participants.len()}")"</h2>
                {if d.participants.is_empty() {
                    view! { <p class="muted">{ctx.t(Msg::CtNoParticipants)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="link-list" data-testid="participants">
                            {d.participants.iter().cloned().map(|p| view! {
                                <li data-testid="participant">
                                    <a href=format!("/people/{}", p.person_id)>{p.name.clone()}</a>
                                    <span class="cell-sub" data-testid="attendance-rate">
                                        {match p.attendance_percent() {
                                            Some(pct) => ctx.t(Msg::CtAttendanceRate).replace("{n}", &pct.to_string()).replace("{total}", &p.recorded.to_string()),
                                            None => ctx.t(Msg::CtNoAttendanceYet).to_string(),
                                        }}
                                    </span>
                                    <ActionForm action=participant attr:class="inline-form">
                                        <input type="hidden" name="contract_id" value=c.id.0/>
                                        <input type="hidden" name="person_id" value=p.person_id.0/>
                                        <input type="hidden" name="remove" value="on"/>
                                        <button type="submit" class="btn btn-small btn-ghost">{ctx.t(Msg::CtRemove)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {if no_candidates {
                    view! { <p class="muted">{ctx.t(Msg::CtNoCandidates)}</p> }.into_any()
                } else {
                    let no_error = Signal::derive(|| None);
                    view! {
                        <ActionForm action=participant attr:class="form form-inline" attr:data-testid="participant-form">
                            <input type="hidden" name="contract_id" value=c.id.0/>
                            <SelectField name="person_id" label=Msg::CtAddParticipant options=candidates error=no_error id_prefix="pa-"/>
                            <button type="submit" class="btn">{ctx.t(Msg::CtAdd)}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

/// When a session is: `12/03/2026 10:00–14:00`, or "not dated yet".
pub fn when(ctx: crate::i18n::Ctx, s: &SessionView) -> String {
    match (s.starts_at, s.ends_at) {
        (Some(a), Some(b)) => format!("{}–{}", ctx.date_time(a), ctx.time(b)),
        _ => ctx.t(Msg::SeUndated).to_string(),
    }
}

#[component]
fn SessionTable(sessions: Vec<SessionView>) -> impl IntoView {
    let ctx = use_ctx();
    if sessions.is_empty() {
        return view! { <p class="muted">{ctx.t(Msg::CtNoSessions)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="sessions-table">
                <thead><tr>
                    <th scope="col">{ctx.t(Msg::SeWhen)}</th>
                    <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                    <th scope="col">{ctx.t(Msg::SeTrainer)}</th>
                    <th scope="col">{ctx.t(Msg::SePlace)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::CtHours)}</th>
                </tr></thead>
                <tbody>
                    {sessions.into_iter().map(|s| {
                        let place = [s.room_name.clone().unwrap_or_default(), s.address.clone(), s.video_link.clone()]
                            .into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ");
                        view! {
                            <tr data-testid="session-row" class:row-inactive=s.state == SessionState::Cancelled>
                                <td class="nowrap"><a class="row-title" href=format!("/sessions/{}", s.id)>{when(ctx, &s)}</a></td>
                                <td><StateBadge state=s.state.as_str() label=s.state.label()/></td>
                                <td>{s.trainer_name.clone().unwrap_or_default()}</td>
                                <td>{place}</td>
                                <td class="num nowrap">{(s.minutes() > 0).then(|| ctx.hours(s.minutes()))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The session form: add one to a contract, or edit one (`initial`).
#[component]
pub fn SessionForm(
    contract_id: i64,
    d: ContractDetail,
    action: ServerAction<SaveSession>,
    initial: Option<SessionView>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(action);
    let editing = initial.is_some();
    let s = initial.clone();
    let v = move |f: &dyn Fn(&SessionView) -> String| s.as_ref().map(f).unwrap_or_default();
    let states = choice_options(ctx, SessionState::ALL, SessionState::as_str, SessionState::label, None);
    let trainers = id_options(&d.trainers, Some(ctx.t(Msg::OrgNone)));
    let rooms: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::OrgNone).to_string()))
        .chain(d.rooms.iter().map(|r| (r.id.0.to_string(), r.name.clone())))
        .collect();
    let default_state =
        if editing { v(&|s| s.state.as_str().to_string()) } else { SessionState::Scheduled.as_str().to_string() };
    view! {
        <ActionForm action attr:class="form" attr:data-testid="session-form" attr:novalidate=true attr:data-done-toast=ctx.t(Msg::SeSaved)>
            <FormError error/>
            <input type="hidden" name="id" value=v(&|s| s.id.0.to_string())/>
            <input type="hidden" name="contract_id" value=contract_id/>
            <div class="form-grid">
                <SelectField name="state" label=Msg::FieldStatus options=states selected=default_state error id_prefix="s-"/>
                <TextField name="date" label=Msg::IxDate kind="date" value=v(&|s| s.starts_at.map(|a| types::fmt::input_date(a, ctx.tz)).unwrap_or_default()) error id_prefix="s-"/>
                <TextField name="start_time" label=Msg::SeStart kind="time" value=v(&|s| s.starts_at.map(|a| types::fmt::time(a, ctx.tz)).unwrap_or_default()) error id_prefix="s-"/>
                <TextField name="end_time" label=Msg::SeEnd kind="time" value=v(&|s| s.ends_at.map(|a| types::fmt::time(a, ctx.tz)).unwrap_or_default()) error id_prefix="s-"/>
                <SelectField name="trainer_id" label=Msg::SeTrainer options=trainers selected=v(&|s| s.trainer_id.map(|t| t.0.to_string()).unwrap_or_default()) error id_prefix="s-"/>
                <SelectField name="room_id" label=Msg::SeRoom options=rooms selected=v(&|s| s.room_id.map(|r| r.0.to_string()).unwrap_or_default()) error id_prefix="s-"/>
                <TextField name="address" label=Msg::OrgAddress value=v(&|s| s.address.clone()) error id_prefix="s-"/>
                <TextField name="video_link" label=Msg::SeVideoLink kind="url" value=v(&|s| s.video_link.clone()) error id_prefix="s-"/>
            </div>
            <TextField name="notes" label=Msg::OrgNotes value=v(&|s| s.notes.clone()) error id_prefix="s-"/>
            <p class="field-error" data-testid="error-contract_id" data-error-for="contract_id">{move || error.get().and_then(|e| e.message_for("contract_id", ctx.locale()))}</p>
            <button type="submit" class="btn btn-primary">{ctx.t(Msg::ActionSave)}</button>
        </ActionForm>
    }
}

/// The contract's invoices and, for who edits billing, the form that invoices its hours.
#[component]
fn ContractInvoices(contract_id: i64, b: ContractBilling) -> impl IntoView {
    let ctx = use_ctx();
    let invoice = ServerAction::<InvoiceContract>::new();
    let error = failed(invoice);
    let issuers = id_options(&b.issuers, None);
    view! {
        <section class="card" data-testid="contract-invoices">
            <h2>{ctx.t(Msg::CtInvoices)}</h2>
            {(!b.invoices.is_empty()).then(|| view! {
                <ul class="link-list">
                    {b.invoices.iter().map(|i| view! {
                        <li data-testid="contract-invoice">
                            <a href=format!("/invoices/{}", i.id)>{i.number.clone().unwrap_or_else(|| ctx.t(Msg::InvoiceDraft).to_string())}</a>
                            " · "{ctx.money(i.total_cents)}" "<InvoiceBadges state=i.state collection=None/>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(viewer_can(types::Module::Billing, types::Action::Edit) && !b.issuers.is_empty()).then(|| view! {
                <ActionForm action=invoice attr:class="form form-wide" attr:data-testid="contract-invoice-form" attr:novalidate=true
                    attr:data-done-href="/invoices/{id}">
                    <FormError error/>
                    <input type="hidden" name="contract_id" value=contract_id/>
                    <p class="hint">{ctx.t(Msg::CtInvoiceHint)}</p>
                    <div class="form-grid">
                        <SelectField name="issuer_id" label=Msg::BillIssuer options=issuers error id_prefix="ci-"/>
                        <TextField name="hours" label=Msg::CtInvoiceMilestone error id_prefix="ci-"/>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary" data-testid="contract-invoice-submit">{ctx.t(Msg::CtInvoiceDelivered)}</button>
                        </div>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}
