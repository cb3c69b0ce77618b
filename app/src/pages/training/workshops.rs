//! The staff list of workshops (upcoming or past) and the workshop form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{CrmChoices, Msg, WorkshopState, WorkshopView};

use super::StateBadge;
use crate::components::field::{FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::crm::get_crm_choices;
use crate::serverfns::training::{list_workshops, workshop_page, SaveWorkshop};

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let past = Memo::new(move |_| query.read().get("past").is_some_and(|p| p == "1"));
    let list = Resource::new(move || past.get(), list_workshops);
    let is_staff = crate::i18n::viewer_can(types::Module::Workshops, types::Action::Edit);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::WsTitle))/>
        <header class="page-header page-header-actions">
            <div>
                <h1>{ctx.t(Msg::WsTitle)}</h1>
                <p class="muted"><a href="/talleres" target="_blank" rel="external noopener">{ctx.t(Msg::WsPublicLink)}</a></p>
            </div>
            {is_staff.then(|| view! {
                <div class="actions"><a class="btn btn-primary" href="/workshops/new" data-testid="new-workshop">{ctx.t(Msg::WsNew)}</a></div>
            })}
        </header>
        <nav class="tabs" role="tablist">
            <a role="tab" class="tab" class:tab-on=move || !past.get() href="/workshops">{ctx.t(Msg::WsUpcoming)}</a>
            <a role="tab" class="tab" class:tab-on=move || past.get() href="/workshops?past=1">{ctx.t(Msg::WsPast)}</a>
        </nav>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(items) if items.is_empty() => view! { <section class="card"><p class="muted">{ctx.t(Msg::WsEmpty)}</p></section> }.into_any(),
                    Ok(items) => view! { <WorkshopTable items/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn WorkshopTable(items: Vec<WorkshopView>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="card">
            <div class="table-wrap">
                <table class="table" data-testid="workshops-table">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::WsFieldTitle)}</th>
                        <th scope="col">{ctx.t(Msg::WsWhen)}</th>
                        <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::WsSeats)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::WsWaitlist)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::WsPrice)}</th>
                    </tr></thead>
                    <tbody>
                        {items.into_iter().map(|w| view! {
                            <tr data-testid="workshop-row">
                                <td>
                                    <a class="row-title" href=format!("/workshops/{}", w.id)>{w.title.clone()}</a>
                                    <span class="cell-sub">{[w.interest_name.clone().unwrap_or_default(), w.place.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</span>
                                </td>
                                <td class="nowrap">{ctx.date_time(w.starts_at)}"–"{ctx.time(w.ends_at)}</td>
                                <td><StateBadge state=w.state.as_str() label=w.state.label()/></td>
                                <td class="num nowrap" data-testid="seats">
                                    {format!("{}/{}", w.confirmed, w.capacity)}
                                    <span class="cell-sub">{ctx.t(Msg::WsSeatsLeft).replace("{n}", &w.seats_left().to_string())}</span>
                                </td>
                                <td class="num">{w.waitlisted}</td>
                                <td class="num nowrap">{ctx.money(w.price_cents)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn WorkshopNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let choices = Resource::new(|| (), |_| get_crm_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::WsNew))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/workshops">{ctx.t(Msg::WsTitle)}</a></p>
            <h1>{ctx.t(Msg::WsNew)}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) => view! { <WorkshopForm initial=None choices=c/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn WorkshopEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { Ok::<_, AppError>((workshop_page(id).await?, get_crm_choices().await?)) },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::WsEdit))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((page, choices)) => {
                        let w = page.subject.workshop;
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href="/workshops">{ctx.t(Msg::WsTitle)}</a>" / "
                                    <a href=format!("/workshops/{}", w.id)>{w.title.clone()}</a>
                                </p>
                                <h1>{ctx.t(Msg::WsEdit)}</h1>
                            </header>
                            <WorkshopForm initial=Some(w) choices/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The workshop form; saving goes to the workshop's page.
#[component]
fn WorkshopForm(initial: Option<WorkshopView>, choices: CrmChoices) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveWorkshop>::new();
    let error = failed(save);
    let w = initial.clone();
    let interests: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::OrgNone).to_string()))
        .chain(choices.interests.iter().map(|i| (i.id.0.to_string(), i.name.clone())))
        .collect();
    let states = choice_options(ctx, WorkshopState::ALL, WorkshopState::as_str, WorkshopState::label, None);
    let v = move |f: &dyn Fn(&WorkshopView) -> String| w.as_ref().map(f).unwrap_or_default();
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="workshop-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(Msg::WsSaved) attr:data-done-href="/workshops/{id}">
                <FormError error/>
                <input type="hidden" name="id" value=v(&|w| w.id.0.to_string())/>
                <div class="form-grid">
                    <TextField name="title" label=Msg::WsFieldTitle required=true value=v(&|w| w.title.clone()) error/>
                    <SelectField name="interest_id" label=Msg::OrgInterests options=interests selected=v(&|w| w.interest_id.map(|i| i.0.to_string()).unwrap_or_default()) error/>
                    <TextField name="starts_at" label=Msg::WsStarts kind="datetime-local" required=true value=v(&|w| types::fmt::input_date_time(w.starts_at, ctx.tz)) error/>
                    <TextField name="ends_at" label=Msg::WsEnds kind="datetime-local" required=true value=v(&|w| types::fmt::input_date_time(w.ends_at, ctx.tz)) error/>
                    <TextField name="place" label=Msg::WsPlace value=v(&|w| w.place.clone()) error/>
                    <TextField name="capacity" label=Msg::WsCapacity kind="number" required=true value=v(&|w| w.capacity.to_string()) error/>
                    <TextField name="price" label=Msg::WsPrice required=true hint=Msg::WsPriceHint value=v(&|w| types::fmt::money_input(w.price_cents)) error/>
                    <TextField name="min_participants" label=Msg::WsMinimum kind="number" value=v(&|w| w.min_participants.map(|m| m.to_string()).unwrap_or_default()) error/>
                    <SelectField name="state" label=Msg::FieldStatus options=states selected=v(&|w| w.state.as_str().to_string()) error/>
                </div>
                <TextArea name="description" label=Msg::WsDescription rows=4 value=v(&|w| w.description.clone()) error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-pending-label=ctx.t(Msg::ActionSaving)>{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
