//! The list of contracts (search and state filter, a plain GET form) and the contract form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{ContractState, ContractView, Modality, Msg, TrainingChoices};

use super::{id_options, StateBadge};
use crate::components::field::{FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::training::{contract_page, get_training_choices, list_contracts, SaveContract};

#[component]
pub fn ContractsPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let state = Memo::new(move |_| query.read().get("state").unwrap_or_default());
    let page = Memo::new(move |_| query.read().get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(0).max(0));
    let list = Resource::new(move || (q.get(), state.get(), page.get()), |(q, s, p)| list_contracts(q, s, p, 0));
    let states =
        choice_options(ctx, ContractState::ALL, ContractState::as_str, ContractState::label, Some(Msg::CtAnyState));
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::CtTitle))/>
        <header class="page-header page-header-actions">
            <h1>{ctx.t(Msg::CtTitle)}</h1>
            <div class="actions"><a class="btn btn-primary" href="/contracts/new" data-testid="new-contract">{ctx.t(Msg::CtNew)}</a></div>
        </header>
        <form method="get" action="/contracts" class="filters card" role="search">
            <div class="field">
                <label for="ct-q">{ctx.t(Msg::HubSearch)}</label>
                <input id="ct-q" name="q" type="search" value=move || q.get()/>
            </div>
            <div class="field">
                <label for="ct-state">{ctx.t(Msg::FieldStatus)}</label>
                <select id="ct-state" name="state">
                    {states.into_iter().map(|(v, t)| {
                        let sel = v == state.get_untracked();
                        view! { <option value=v selected=sel>{t}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn">{ctx.t(Msg::HubFilter)}</button>
        </form>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) if p.items.is_empty() => view! { <section class="card"><p class="muted">{ctx.t(Msg::CtEmpty)}</p></section> }.into_any(),
                    Ok(p) => {
                        let pages = (p.total + 49) / 50;
                        let current = page.get_untracked();
                        let link = move |n: i64| format!("/contracts?q={}&state={}&page={n}", encode(&q.get_untracked()), state.get_untracked());
                        view! {
                            <section class="card">
                                <p class="muted">{ctx.t(Msg::HubCount).replace("{n}", &p.total.to_string())}</p>
                                <ContractTable items=p.items/>
                                {(pages > 1).then(|| view! {
                                    <nav class="pager">
                                        {(current > 0).then(|| view! { <a class="btn btn-small" href=link(current - 1)>"‹"</a> })}
                                        <span>{format!("{} / {pages}", current + 1)}</span>
                                        {(current + 1 < pages).then(|| view! { <a class="btn btn-small" href=link(current + 1)>"›"</a> })}
                                    </nav>
                                })}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A table of contracts (also on the organization page).
#[component]
pub fn ContractTable(items: Vec<ContractView>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="contracts-table">
                <thead><tr>
                    <th scope="col">{ctx.t(Msg::CtFileNumber)}</th>
                    <th scope="col">{ctx.t(Msg::CtCourse)}</th>
                    <th scope="col">{ctx.t(Msg::CtOrganization)}</th>
                    <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::CtHours)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::CtValue)}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|c| view! {
                        <tr data-testid="contract-row">
                            <td class="nowrap"><a class="row-title" href=format!("/contracts/{}", c.id)>{c.file_number.clone()}</a></td>
                            <td>{c.course_title.clone()}</td>
                            <td>
                                <a href=format!("/clients/{}", c.organization_id)>{c.organization_name.clone()}</a>
                                {c.end_client_name.clone().map(|n| view! { <span class="cell-sub">{ctx.t(Msg::CtFor).replace("{name}", &n)}</span> })}
                            </td>
                            <td><StateBadge state=c.state.as_str() label=c.state.label()/></td>
                            <td class="num nowrap" class:over-planned=c.over_planned()>{format!("{} / {}", ctx.hours(c.scheduled_minutes), ctx.hours(c.planned_minutes))}</td>
                            <td class="num nowrap">{ctx.money(c.planned_value_cents())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ContractNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let prefill = query.with_untracked(|q| ContractPrefill {
        organization: q.get("organization").unwrap_or_default(),
        course: q.get("course").unwrap_or_default(),
        hours: q.get("hours").unwrap_or_default(),
        price: q.get("price").unwrap_or_default(),
        notes: q.get("notes").unwrap_or_default(),
    });
    let choices = Resource::new(|| (), |_| get_training_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::CtNew))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/contracts">{ctx.t(Msg::CtTitle)}</a></p>
            <h1>{ctx.t(Msg::CtNew)}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || {
                let prefill = prefill.clone();
                Suspend::new(async move {
                    match choices.await {
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(c) => view! { <ContractForm initial=None choices=c prefill/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ContractEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { Ok::<_, AppError>((contract_page(id).await?, get_training_choices().await?)) },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::CtEdit))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((d, choices)) => {
                        let c = d.contract;
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href="/contracts">{ctx.t(Msg::CtTitle)}</a>" / "
                                    <a href=format!("/contracts/{}", c.id)>{c.file_number.clone()}</a>
                                </p>
                                <h1>{ctx.t(Msg::CtEdit)}</h1>
                            </header>
                            <ContractForm initial=Some(c) choices prefill=ContractPrefill::default()/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Values a new contract starts with, from the query (`?organization=…&course=…&hours=…&price=…
/// &notes=…`): the client page and an accepted proposal link here.
#[derive(Clone, Debug, Default)]
struct ContractPrefill {
    organization: String,
    course: String,
    hours: String,
    price: String,
    notes: String,
}

#[component]
fn ContractForm(initial: Option<ContractView>, choices: TrainingChoices, prefill: ContractPrefill) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveContract>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    let c = initial.clone();
    let v = move |f: &dyn Fn(&ContractView) -> String| c.as_ref().map(f).unwrap_or_default();
    let orgs = id_options(&choices.organizations, Some(ctx.t(Msg::CtChoose)));
    let end_clients = id_options(&choices.organizations, Some(ctx.t(Msg::CtSameAsPayer)));
    let courses: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::CtChoose).to_string()))
        .chain(choices.courses.iter().map(|c| {
            (
                c.id.0.to_string(),
                format!(
                    "{} · {} ({}, {}/h)",
                    c.code,
                    c.title,
                    ctx.hours(c.default_minutes),
                    ctx.money(c.default_hourly_price_cents)
                ),
            )
        }))
        .collect();
    let modalities = choice_options(ctx, Modality::ALL, Modality::as_str, Modality::label, Some(Msg::CtFromCourse));
    let states = choice_options(ctx, ContractState::ALL, ContractState::as_str, ContractState::label, None);
    let or = |given: String, current: String| if given.is_empty() { current } else { given };
    let org_selected = or(prefill.organization, v(&|c| c.organization_id.0.to_string()));
    let course_selected = or(prefill.course, v(&|c| c.course_id.0.to_string()));
    let hours = or(prefill.hours, v(&|c| types::fmt::hours_input(c.planned_minutes)));
    let price = or(prefill.price, v(&|c| types::fmt::money_input(c.hourly_price_cents)));
    let notes = or(prefill.notes, v(&|c| c.notes.clone()));
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="contract-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(if is_new { Msg::CtCreated } else { Msg::CtSaved }) attr:data-done-href="/contracts/{id}">
                <FormError error/>
                <input type="hidden" name="id" value=v(&|c| c.id.0.to_string())/>
                <div class="form-grid">
                    <SelectField name="organization_id" label=Msg::CtOrganization options=orgs selected=org_selected error/>
                    <SelectField name="end_client_id" label=Msg::CtEndClient options=end_clients selected=v(&|c| c.end_client_id.map(|i| i.0.to_string()).unwrap_or_default()) error/>
                    <SelectField name="course_id" label=Msg::CtCourse options=courses selected=course_selected error/>
                    <TextField name="file_number" label=Msg::CtFileNumber hint=Msg::CtFileNumberHint value=v(&|c| c.file_number.clone()) error/>
                    <TextField name="planned_hours" label=Msg::CtPlannedHours hint=Msg::CtDefaultHint value=hours error/>
                    <TextField name="hourly_price" label=Msg::CoHourlyPrice hint=Msg::CtDefaultHint value=price error/>
                    <SelectField name="modality" label=Msg::CoModality options=modalities selected=v(&|c| c.modality.as_str().to_string()) error/>
                    <SelectField name="state" label=Msg::FieldStatus options=states selected=v(&|c| c.state.as_str().to_string()) error/>
                </div>
                <TextArea name="notes" label=Msg::OrgNotes value=notes error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-pending-label=ctx.t(Msg::ActionSaving)>{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
