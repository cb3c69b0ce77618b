//! An opportunity's page (facts, courses of interest, stage history, proposals) and its edit
//! form; the fields are shared with the board's new-opportunity form.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{ApiError, ContactLink, LeadSource, Msg, OpportunityPage, OpportunityView, StageView, TrainingChoices};

use crate::components::field::{FormError, SelectField, TextField};
use crate::components::preload::PreloadIsland;
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::pages::training::StateBadge;
use crate::serverfns::crm::get_organization;
use crate::serverfns::sales::{get_opportunity_page, list_pipeline_stages, SaveOpportunity};
use crate::serverfns::training::get_training_choices;

#[component]
pub fn OpportunityDetailPage() -> impl IntoView {
    let id = use_id_param();
    let page = Resource::new(move || id.get(), get_opportunity_page);
    record_page(page, move |p| view! { <OpportunityView p/> })
}

#[component]
fn OpportunityView(p: OpportunityPage) -> impl IntoView {
    let ctx = use_ctx();
    let o = p.opportunity.clone();
    let days = (p.now - o.stage_entered_at).num_days().max(0);
    let fact =
        |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> });
    let stage_label = format!("{} · {}", p.stage.name, ctx.t(Msg::PipeDays).replace("{n}", &days.to_string()));
    view! {
        <Title text=format!("{} · Aula", o.title)/>
        <header class="page-header page-header-actions">
            <div>
                <p class="breadcrumb"><a href="/pipeline">{ctx.t(Msg::PipeTitle)}</a></p>
                <h1 data-testid="opportunity-title">{o.title.clone()}</h1>
                <p class="muted">
                    <a href=format!("/clients/{}", o.organization_id)>{o.organization_name.clone()}</a>
                    " · " <span data-testid="opportunity-stage">{stage_label}</span>
                </p>
            </div>
            <div class="actions">
                <a class="btn" href=format!("/opportunities/{}/edit", o.id) data-testid="edit-opportunity">{ctx.t(Msg::OppEdit)}</a>
                <a class="btn btn-primary" href=format!("/opportunities/{}/proposals/new", o.id) data-testid="new-proposal">{ctx.t(Msg::PropNew)}</a>
            </div>
        </header>
        <div class="split">
            <section class="card">
                <dl class="facts">
                    {fact(Msg::OppValue, ctx.money(o.value_cents))}
                    {fact(Msg::OppProbability, format!("{} %", o.probability))}
                    {fact(Msg::OppExpectedClose, o.expected_close.map(|d| types::fmt::day(ctx.locale(), d)).unwrap_or_default())}
                    {fact(Msg::OppContact, o.contact_name.clone().unwrap_or_default())}
                    {fact(Msg::OppOwner, o.owner_name.clone().unwrap_or_default())}
                    {fact(Msg::OppSource, types::LeadSource::parse(&o.source).map(|s| ctx.t(s.label()).to_string()).unwrap_or_default())}
                    {fact(Msg::OppLostReason, o.lost_reason.clone())}
                    {fact(Msg::FieldCreated, ctx.date(o.created_at))}
                </dl>
                <h2>{ctx.t(Msg::OppCourses)}</h2>
                {if p.courses.is_empty() {
                    view! { <p class="muted">"—"</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list" data-testid="opportunity-courses">
                            {p.courses.iter().map(|(_, code, title)| view! { <li>{format!("{code} · {title}")}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section class="card">
                <h2>{ctx.t(Msg::OppHistory)}</h2>
                <ol class="plain-list history" data-testid="stage-history">
                    {p.history.iter().rev().map(|h| {
                        let what = match &h.from_stage {
                            Some(f) => format!("{f} → {}", h.to_stage),
                            None => h.to_stage.clone(),
                        };
                        view! {
                            <li>
                                <strong>{what}</strong>
                                <span class="cell-sub">{ctx.date_time(h.at)}{h.actor_name.clone().map(|n| format!(" · {n}"))}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        </div>
        <section class="card">
            <h2>{ctx.t(Msg::OppProposals)}</h2>
            {if p.proposals.is_empty() {
                view! { <p class="muted">{ctx.t(Msg::OppNoProposals)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="proposals-table">
                            <thead><tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{ctx.t(Msg::PropIssueDate)}</th>
                                <th scope="col">{ctx.t(Msg::PropValidUntil)}</th>
                                <th scope="col">{ctx.t(Msg::PropTemplate)}</th>
                                <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropTotal)}</th>
                            </tr></thead>
                            <tbody>
                                {p.proposals.iter().map(|x| view! {
                                    <tr data-testid="proposal-row">
                                        <td><a class="row-title" href=format!("/proposals/{}", x.id)>{ctx.t(Msg::PropNumbered).replace("{n}", &x.id.to_string())}</a></td>
                                        <td class="nowrap">{types::fmt::day(ctx.locale(), x.issue_date)}</td>
                                        <td class="nowrap">{types::fmt::day(ctx.locale(), x.valid_until)}</td>
                                        <td>{x.template_name.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td><StateBadge state=x.state.as_str() label=x.state.label()/></td>
                                        <td class="num nowrap">{ctx.money(x.total_cents)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn OpportunityEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let save = ServerAction::<SaveOpportunity>::new();
    let error = failed(save);
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let page = get_opportunity_page(id).await?;
            let contacts = get_organization(page.opportunity.organization_id.0).await?.contacts;
            Ok::<_, AppError>((page, contacts, get_training_choices().await?, list_pipeline_stages().await?))
        },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::OppEdit))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((p, contacts, choices, stages)) => {
                        let o = p.opportunity;
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>" / "
                                    <a href=format!("/opportunities/{}", o.id)>{o.title.clone()}</a>
                                </p>
                                <h1>{ctx.t(Msg::OppEdit)}</h1>
                            </header>
                            <section class="card">
                                <ActionForm action=save attr:class="form form-grid" attr:data-testid="opportunity-form" attr:novalidate=true
                                    attr:data-done-toast=ctx.t(Msg::OppSaved) attr:data-done-href="/opportunities/{id}">
                                    <FormError error/>
                                    <input type="hidden" name="id" value=o.id.0.to_string()/>
                                    <OpportunityFields choices stages initial=Some(o.clone()) contacts error/>
                                    <div class="form-actions">
                                        <button type="submit" class="btn btn-primary" data-testid="opportunity-save" disabled=move || save.pending().get()>{ctx.t(Msg::ActionSave)}</button>
                                        <a class="btn" href=format!("/opportunities/{}", o.id)>{ctx.t(Msg::ActionCancel2)}</a>
                                    </div>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The opportunity's fields, for the board's new form and the edit page. Courses of interest
/// are a multiple choice (`course_ids[]`). The contact is one of the organization's people
/// (`contacts`, those of the initial organization); the list follows the organization chosen.
#[component]
pub fn OpportunityFields(
    choices: TrainingChoices,
    stages: Vec<StageView>,
    initial: Option<OpportunityView>,
    #[prop(optional)] contacts: Vec<ContactLink>,
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let o = initial.clone();
    let v = move |f: &dyn Fn(&OpportunityView) -> String| o.as_ref().map(f).unwrap_or_default();
    let orgs: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(choices.organizations.iter().map(|(id, n)| (id.0.to_string(), n.clone())))
        .collect();
    let stage_options: Vec<(String, String)> = stages.iter().map(|s| (s.id.0.to_string(), s.name.clone())).collect();
    let none = (String::new(), "—".to_string());
    let owners: Vec<(String, String)> = std::iter::once(none.clone())
        .chain(choices.trainers.iter().map(|(id, n)| (id.0.to_string(), n.clone())))
        .collect();
    let sources: Vec<(String, String)> = std::iter::once(none)
        .chain(LeadSource::ALL.iter().map(|s| (s.as_str().to_string(), ctx.t(s.label()).to_string())))
        .collect();
    let chosen: Vec<i64> = initial.as_ref().map(|o| o.course_ids.iter().map(|c| c.0).collect()).unwrap_or_default();
    let course_error = crate::components::field::field_error(error, "course_ids");
    let contact = initial.as_ref().and_then(|o| o.contact_id).map(|p| p.0.to_string()).unwrap_or_default();
    let is_edit = initial.is_some();
    view! {
        <TextField name="title" label=Msg::OppTitle required=true value=v(&|o| o.title.clone()) error id_prefix="opp-"/>
        <PreloadIsland island="organization_contact"/>
        <OrganizationContact organizations=orgs organization=v(&|o| o.organization_id.0.to_string())
            contacts=contact_options(contacts) contact error=error.get_untracked()/>
        <TextField name="value" label=Msg::OppValue value=v(&|o| types::fmt::money_input(o.value_cents)) error id_prefix="opp-"/>
        <TextField name="expected_close" label=Msg::OppExpectedClose kind="date" value=v(&|o| o.expected_close.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()) error id_prefix="opp-"/>
        <SelectField name="stage_id" label=Msg::OppStage options=stage_options selected=v(&|o| o.stage_id.0.to_string()) error id_prefix="opp-"/>
        <TextField name="probability" label=Msg::OppProbability kind="number" value=v(&|o| o.probability_override.map(|p| p.to_string()).unwrap_or_default()) error id_prefix="opp-"/>
        <SelectField name="owner_id" label=Msg::OppOwner options=owners selected=v(&|o| o.owner_id.map(|u| u.0.to_string()).unwrap_or_default()) error id_prefix="opp-"/>
        <SelectField name="source" label=Msg::OppSource options=sources selected=v(&|o| o.source.clone()) error id_prefix="opp-"/>
        <div class="field" class:field-invalid=move || course_error.get().is_some()>
            <label for="opp-course_ids">{ctx.t(Msg::OppCourses)}</label>
            <select id="opp-course_ids" name="course_ids[]" multiple=true size="4" data-testid="opportunity-courses-select"
                aria-describedby="opp-course_ids-hint opp-course_ids-error">
                {choices.courses.iter().map(|c| {
                    let selected = chosen.contains(&c.id.0);
                    view! { <option value=c.id.0.to_string() selected=selected>{format!("{} · {}", c.code, c.title)}</option> }
                }).collect_view()}
            </select>
            <small class="hint" id="opp-course_ids-hint">{ctx.t(Msg::OppCoursesHint)}</small>
            <p class="field-error" id="opp-course_ids-error">{move || course_error.get()}</p>
        </div>
        {is_edit.then(|| view! {
            <TextField name="lost_reason" label=Msg::OppLostReason value=v(&|o| o.lost_reason.clone()) error id_prefix="opp-"/>
        })}
    }
}

/// The organization and its contact person (an island): the contact list follows the
/// organization chosen, fetched in the browser.
#[island(lazy)]
fn OrganizationContact(
    organizations: Vec<(String, String)>,
    organization: String,
    contacts: Vec<(String, String)>,
    contact: String,
    error: Option<ApiError>,
) -> impl IntoView {
    let error = Signal::derive(move || error.clone());
    let people = RwSignal::new(contacts);
    let current_org = RwSignal::new(String::new());
    let follow_organization = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        current_org.set(id.clone());
        leptos::task::spawn_local(async move {
            let asked = id.clone();
            let list = match id.parse::<i64>() {
                Ok(id) => get_organization(id).await.map(|d| d.contacts).unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            // A reply for an organization no longer chosen (quick changes) is dropped.
            if current_org.get_untracked() == asked {
                people.set(contact_options(list));
            }
        });
    };
    view! {
        <div class="contents" on:change=follow_organization>
            <SelectField name="organization_id" label=Msg::OppOrganization options=organizations selected=organization error id_prefix="opp-"/>
        </div>
        {move || {
            let options = people.get();
            let selected = if options.iter().any(|(id, _)| *id == contact) { contact.clone() } else { String::new() };
            view! { <SelectField name="contact_id" label=Msg::OppContact options selected error id_prefix="opp-"/> }
        }}
    }
}

/// The contact choices: none, then each person.
fn contact_options(contacts: Vec<ContactLink>) -> Vec<(String, String)> {
    std::iter::once((String::new(), "—".to_string()))
        .chain(contacts.into_iter().map(|c| (c.person_id.0.to_string(), c.person_name)))
        .collect()
}
