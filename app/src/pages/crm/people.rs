//! People: the searchable list, the person page (organizations, follow-ups, interaction form,
//! timeline) and the create/edit form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{CrmChoices, FieldIssue, Msg, PersonView};

use super::use_id_param;
use crate::components::field::{CheckField, FormError, SelectField, TextArea, TextField};
use crate::components::interaction_form::InteractionForm;
use crate::components::timeline::{timeline_resource, Timeline};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::pages::training::person_workshops::PersonWorkshopsBox;
use crate::serverfns::crm::{
    get_crm_choices, get_person, list_people, CreateInteraction, ErasePerson, MergePeople, SavePerson,
};
use crate::serverfns::training::{get_person_workshops, EnrollPerson};

#[component]
pub fn PeopleListPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let m = query.read();
        (m.get("q").unwrap_or_default(), m.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1))
    });
    let page = Resource::new(move || args.get(), |(q, p)| list_people(q, p));
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PeopleTitle))/>
        <header class="page-header page-header-actions">
            <div>
                <h1>{ctx.t(Msg::PeopleTitle)}</h1>
                <p class="muted">{ctx.t(Msg::PeopleIntro)}</p>
            </div>
            <div class="actions">
                <a class="btn" href=move || format!("/people/export.csv?q={}", types::encode_query_value(&args.get().0))>{ctx.t(Msg::HubExport)}</a>
                <a class="btn btn-primary" href="/people/new">{ctx.t(Msg::PeopleNew)}</a>
            </div>
        </header>
        <section class="card">
            <form method="get" action="/people" class="filters" role="search">
                <div class="field field-grow">
                    <label for="people-q">{ctx.t(Msg::HubSearch)}</label>
                    <input id="people-q" type="search" name="q" value=move || args.get().0 placeholder=ctx.t(Msg::HubSearchPlaceholder)/>
                </div>
                <div class="filter-buttons"><button type="submit" class="btn btn-primary">{ctx.t(Msg::HubSearch)}</button></div>
            </form>
            <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(p) if p.rows.is_empty() => view! { <p class="muted">{ctx.t(Msg::PeopleEmpty)}</p> }.into_any(),
                        Ok(p) => {
                            let (q, n) = args.get_untracked();
                            let pages = ((p.total + p.page_size - 1) / p.page_size).max(1);
                            let href = move |page: i64| format!("/people?q={}&page={page}", types::encode_query_value(&q));
                            view! {
                                <p class="muted">{ctx.t(Msg::HubCount).replace("{n}", &p.total.to_string())}</p>
                                <div class="table-wrap">
                                    <table class="table" data-testid="people-table">
                                        <thead><tr>
                                            <th scope="col">{ctx.t(Msg::FieldName)}</th>
                                            <th scope="col">{ctx.t(Msg::PeopleOrganizations)}</th>
                                            <th scope="col">{ctx.t(Msg::FieldEmail)}</th>
                                            <th scope="col">{ctx.t(Msg::OrgPhone)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {p.rows.into_iter().map(|r| view! {
                                                <tr data-testid="person-row">
                                                    <td><a class="row-title" href=format!("/people/{}", r.id)>{r.full_name}</a></td>
                                                    <td>{r.organizations}</td>
                                                    <td>{r.email}</td>
                                                    <td class="nowrap">{r.phone}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <nav class="pager">
                                    {(n > 1).then(|| view! { <a class="btn btn-small" href=href(n - 1)>{ctx.t(Msg::HubPrev)}</a> })}
                                    <span class="muted">{ctx.t(Msg::HubPageOf).replace("{n}", &n.to_string()).replace("{total}", &pages.to_string())}</span>
                                    {(n < pages).then(|| view! { <a class="btn btn-small" href=href(n + 1)>{ctx.t(Msg::HubNext)}</a> })}
                                </nav>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn PersonNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let choices = Resource::new(|| (), |_| get_crm_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PeopleNew))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/people">{ctx.t(Msg::PeopleTitle)}</a></p>
            <h1>{ctx.t(Msg::PeopleNew)}</h1>
        </header>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) => view! { <PersonForm initial=None choices=c/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { Ok::<_, AppError>((get_person(id).await?, get_crm_choices().await?)) },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((p, c)) => view! {
                        <Title text=format!("{} · Aula", p.full_name())/>
                        <header class="page-header">
                            <p class="breadcrumb"><a href="/people">{ctx.t(Msg::PeopleTitle)}</a>" / "<a href=format!("/people/{}", p.id)>{p.full_name()}</a></p>
                            <h1>{ctx.t(Msg::OrgEdit)}</h1>
                        </header>
                        <PersonForm initial=Some(p) choices=c/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonForm(initial: Option<PersonView>, choices: CrmChoices) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SavePerson>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    let p = initial.clone();
    let v = move |f: fn(&PersonView) -> String| p.as_ref().map(f).unwrap_or_default();
    let owners: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::OrgNoOwner).to_string()))
        .chain(choices.owners.iter().map(|o| (o.id.0.to_string(), o.name.clone())))
        .collect();
    let has_warning = move || {
        error.get().is_some_and(|e| e.fields.iter().any(|f| matches!(f.issue, FieldIssue::PossibleDuplicate { .. })))
    };
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="person-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(if is_new { Msg::PeopleCreated } else { Msg::OrgSaved }) attr:data-done-href="/people/{id}">
                <FormError error/>
                <input type="hidden" name="id" value=initial.as_ref().map(|p| p.id.0.to_string()).unwrap_or_default()/>
                <div class="form-grid">
                    <TextField name="first_name" label=Msg::PersonFirstName required=true value=v(|p| p.first_name.clone()) error/>
                    <TextField name="last_name" label=Msg::PersonLastName value=v(|p| p.last_name.clone()) error/>
                    <TextField name="email" label=Msg::FieldEmail kind="email" value=v(|p| p.email.clone()) error/>
                    <TextField name="phone" label=Msg::OrgPhone kind="tel" value=v(|p| p.phone.clone()) error/>
                    <TextField name="tax_id" label=Msg::PersonTaxId value=v(|p| p.tax_id.clone()) error/>
                    <TextField name="city" label=Msg::OrgCity value=v(|p| p.city.clone()) error/>
                    <SelectField name="owner_id" label=Msg::OrgOwner options=owners selected=v(|p| p.owner_id.map(|i| i.0.to_string()).unwrap_or_default()) error/>
                    <TextField name="interests" label=Msg::OrgInterests value=v(|p| p.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", ")) error/>
                </div>
                <TextArea name="notes" label=Msg::OrgNotes value=v(|p| p.notes.clone()) error/>
                {is_new.then(|| view! {
                    <div data-on-issue="possible_duplicate" hidden=move || !has_warning()>
                        <CheckField name="allow_duplicates" label=Msg::OrgCreateAnyway/>
                    </div>
                })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-pending-label=ctx.t(Msg::ActionSaving)>{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PersonDetailPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let log = ServerAction::<CreateInteraction>::new();
    let merge = ServerAction::<MergePeople>::new();
    let enroll = ServerAction::<EnrollPerson>::new();
    let erase = ServerAction::<ErasePerson>::new();
    let is_manager = crate::i18n::viewer_can(types::Module::Crm, types::Action::Delete);
    let person = Resource::new(move || id.get(), get_person);
    let workshops = Resource::new(move || id.get(), get_person_workshops);
    let timeline = timeline_resource("person", id, Signal::derive(|| true));
    record_page(person, move |p| {
        let base = format!("/people/{}?tab=timeline", p.id);
        let live = p.erased_at.is_none();
        let fact =
            |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> });
        view! {
            <Title text=format!("{} · Aula", p.full_name())/>
            <header class="page-header page-header-actions">
                <div>
                    <p class="breadcrumb"><a href="/people">{ctx.t(Msg::PeopleTitle)}</a></p>
                    <h1 data-testid="person-name">{p.full_name()}</h1>
                </div>
                {live.then(|| view! {
                    <div class="actions"><a class="btn" href=format!("/people/{}/edit", p.id)>{ctx.t(Msg::OrgEdit)}</a></div>
                })}
            </header>
            <div class="split">
                <div class="stack">
                    <section class="card">
                        <dl class="facts">
                            {fact(Msg::FieldEmail, p.email.clone())}
                            {fact(Msg::OrgPhone, p.phone.clone())}
                            {fact(Msg::PersonTaxId, p.tax_id.clone())}
                            {fact(Msg::OrgCity, p.city.clone())}
                            {fact(Msg::OrgOwner, p.owner_name.clone().unwrap_or_default())}
                            {fact(Msg::OrgInterests, p.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", "))}
                        </dl>
                        {(!p.notes.is_empty()).then(|| view! { <p class="notes">{p.notes.clone()}</p> })}
                        <h2>{ctx.t(Msg::PeopleOrganizations)}</h2>
                        <ul class="link-list" data-testid="person-links">
                            {p.links.iter().map(|l| view! {
                                <li>
                                    <a href=format!("/clients/{}", l.organization_id)>{l.organization_name.clone()}</a>
                                    <span class="cell-sub">{format!(" · {}", ctx.t(l.role.label()))}{(!l.job_title.is_empty()).then(|| format!(" · {}", l.job_title))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                    // An erased person's record takes no new data: no forms.
                    {live.then(|| view! {
                        <section class="card">
                            <h2>{ctx.t(Msg::IxTitle)}</h2>
                            <InteractionForm action=log person_id=p.id.0/>
                        </section>
                        <PersonWorkshopsBox person_id=p.id.0 data=workshops enroll/>
                    })}
                    {(is_manager && live).then(|| view! { <PersonMergeBox id=p.id.0 merge/> })}
                    <PersonPrivacyBox id=p.id.0 erased_at=p.erased_at erase/>
                </div>
                <section class="card">
                    <h2>{ctx.t(Msg::OrgTabTimeline)}</h2>
                    <Timeline page=timeline base_href=base/>
                </section>
            </div>
        }
    })
}

/// Data protection (who may export or delete CRM records): the person's data for an access
/// request, readable or as JSON, and the erasure of their personal data once confirmed.
#[component]
fn PersonPrivacyBox(
    id: i64,
    erased_at: Option<chrono::DateTime<chrono::Utc>>,
    erase: ServerAction<ErasePerson>,
) -> impl IntoView {
    use types::{Action, Module};
    let ctx = use_ctx();
    let can_export = crate::i18n::viewer_can(Module::Crm, Action::Export);
    let can_erase = crate::i18n::viewer_can(Module::Crm, Action::Delete) && erased_at.is_none();
    let error = failed(erase);
    (can_export || can_erase || erased_at.is_some()).then(|| view! {
        <section class="card" data-testid="person-privacy">
            <h2>{ctx.t(Msg::GdprTitle)}</h2>
            {erased_at.map(|at| view! {
                <p class="notice" data-testid="erased-notice">
                    {ctx.t(Msg::GdprErasedOn).replace("{date}", &types::fmt::date(ctx.locale, at, ctx.tz))}
                </p>
            })}
            {can_export.then(|| view! {
                <p class="muted">{ctx.t(Msg::GdprAccessIntro)}</p>
                <p class="actions">
                    <a class="btn" href=format!("/people/{id}/data") data-testid="personal-data-link">{ctx.t(Msg::GdprView)}</a>
                    <a class="btn" href=format!("/people/{id}/data.json") download="">{ctx.t(Msg::GdprDownload)}</a>
                </p>
            })}
            {can_erase.then(|| view! {
                <p class="muted">{ctx.t(Msg::GdprEraseIntro)}</p>
                <ActionForm action=erase attr:class="form" attr:data-testid="erase-form"
                    attr:data-done-toast=ctx.t(Msg::GdprErased) attr:data-done-href=format!("/people/{id}")>
                    <FormError error/>
                    <input type="hidden" name="id" value=id/>
                    <CheckField name="confirm" label=Msg::GdprConfirm id_prefix="erase-"/>
                    <p class="field-error" data-error-for="confirm"></p>
                    <button type="submit" class="btn btn-danger" data-testid="erase-submit">{ctx.t(Msg::GdprErase)}</button>
                </ActionForm>
            })}
        </section>
    })
}

/// Merging a duplicate person into this one (managers): links, interactions and history move over.
#[component]
fn PersonMergeBox(id: i64, merge: ServerAction<MergePeople>) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(merge);
    view! {
        <section class="card" data-testid="person-merge">
            <h2>{ctx.t(Msg::OrgMerge)}</h2>
            <p class="muted">{ctx.t(Msg::OrgMergeIntro)}</p>
            <ActionForm action=merge attr:class="form form-inline" attr:data-done-toast=ctx.t(Msg::OrgMerged)>
                <input type="hidden" name="id" value=id/>
                <TextField name="merge_id" label=Msg::OrgMergeWith error id_prefix="pmerge-"/>
                <button type="submit" class="btn">{ctx.t(Msg::OrgMerge)}</button>
            </ActionForm>
        </section>
    }
}
