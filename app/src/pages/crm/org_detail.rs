//! An organization's page: overview with open follow-ups and the interaction form, contacts,
//! timeline, and (for managers) merging duplicates into it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{ContactRole, DuplicateCandidate, Msg, OrganizationDetail, TimelinePage};

use super::hub::StatusBadge;
use super::{choice_options, use_id_param};
use crate::components::field::{CheckField, FormError, SelectField, TextField};
use crate::components::interaction_form::InteractionForm;
use crate::components::timeline::{timeline_resource, Timeline};
use crate::error::{failed, AppError, AppResult};
use crate::i18n::use_ctx;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::pages::training::contracts::ContractTable;
use crate::serverfns::crm::{
    get_organization, possible_duplicates, AddContact, CompleteFollowUp, CreateInteraction, MergeOrganizations,
};

/// The tabs of the page: query value and label.
const TABS: [(&str, Msg); 4] = [
    ("overview", Msg::OrgTabOverview),
    ("contacts", Msg::OrgTabContacts),
    ("timeline", Msg::OrgTabTimeline),
    ("history", Msg::OrgTabHistory),
];

#[component]
pub fn OrgDetailPage() -> impl IntoView {
    let id = use_id_param();
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        query.read().get("tab").filter(|t| TABS.iter().any(|(k, _)| k == t)).unwrap_or_else(|| "overview".into())
    });
    let log = ServerAction::<CreateInteraction>::new();
    let done = ServerAction::<CompleteFollowUp>::new();
    let add_contact = ServerAction::<AddContact>::new();
    let merge = ServerAction::<MergeOrganizations>::new();
    let detail = Resource::new(move || id.get(), get_organization);
    // Every resource of the page is made here, outside the <Transition>: one created inside it can
    // stall the server render.
    let timeline = timeline_resource("organization", id, Signal::derive(move || tab.get() == "timeline"));
    let is_manager = crate::i18n::viewer_can(types::Module::Crm, types::Action::Delete);
    let duplicates = Resource::new(
        move || (id.get(), tab.get()),
        move |(id, tab)| async move {
            if is_manager && tab == "overview" {
                possible_duplicates(id).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let history = Resource::new(
        move || (id.get(), tab.get()),
        |(id, tab)| async move {
            if tab == "history" {
                crate::serverfns::audit::record_history("organizations".into(), id, None).await
            } else {
                Ok(types::AuditPage { entries: Vec::new(), next: None })
            }
        },
    );
    let contracts = Resource::new(
        move || (id.get(), tab.get()),
        |(id, tab)| async move {
            if tab == "overview" {
                crate::serverfns::training::list_contracts(String::new(), String::new(), 0, id).await
            } else {
                Ok(types::ContractPage { items: Vec::new(), total: 0 })
            }
        },
    );
    record_page(
        detail,
        move |d| view! { <OrgDetail detail=d tab=tab.get() log done add_contact merge timeline duplicates contracts history/> },
    )
}

#[component]
fn OrgDetail(
    detail: OrganizationDetail,
    tab: String,
    log: ServerAction<CreateInteraction>,
    done: ServerAction<CompleteFollowUp>,
    add_contact: ServerAction<AddContact>,
    merge: ServerAction<MergeOrganizations>,
    timeline: Resource<AppResult<TimelinePage>>,
    duplicates: Resource<AppResult<Vec<DuplicateCandidate>>>,
    contracts: Resource<AppResult<types::ContractPage>>,
    history: Resource<AppResult<types::AuditPage>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let o = detail.organization.clone();
    let base = format!("/clients/{}", o.id);
    let tabs = TABS
        .iter()
        .map(|(key, label)| {
            let current = *key == tab;
            let label = if *key == "contacts" { format!("{} ({})", ctx.t(*label), detail.contacts.len()) } else { ctx.t(*label).to_string() };
            view! {
                <a role="tab" class="tab" class:tab-on=current aria-selected=current.to_string() href=format!("{base}?tab={key}") data-testid=format!("tab-{key}")>
                    {label}
                </a>
            }
        })
        .collect_view();
    let subtitle = [o.trade_name.clone(), o.tax_id.clone(), o.city.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let body = match tab.as_str() {
        "contacts" => view! { <ContactsTab detail=detail.clone() add_contact/> }.into_any(),
        "timeline" => view! {
            <section class="card">
                <Timeline page=timeline base_href=format!("{base}?tab=timeline")/>
            </section>
        }
        .into_any(),
        "history" => view! {
            <section class="card" data-testid="org-history">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match history.await {
                            Ok(p) => view! { <crate::components::audit::AuditList entries=p.entries/> }.into_any(),
                            Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        }
        .into_any(),
        _ => view! {
            <OverviewTab detail=detail.clone() log done merge duplicates/>
            <section class="card" data-testid="org-contracts">
                <div class="page-header-actions">
                    <h2>{ctx.t(Msg::CtTitle)}</h2>
                    <a class="btn btn-small" href=format!("/contracts/new?organization={}", o.id)>{ctx.t(Msg::CtNew)}</a>
                </div>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match contracts.await {
                            Ok(p) if !p.items.is_empty() => view! { <ContractTable items=p.items/> }.into_any(),
                            Ok(_) => view! { <p class="muted">{ctx.t(Msg::CtEmptyForClient)}</p> }.into_any(),
                            Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("{} · Aula", o.legal_name)/>
        <header class="page-header page-header-actions">
            <div>
                <p class="breadcrumb"><a href="/clients">{ctx.t(Msg::HubTitle)}</a></p>
                <h1 data-testid="org-name">{o.legal_name.clone()}</h1>
                <p class="muted">
                    <StatusBadge status=o.status/>
                    " "
                    {subtitle}
                </p>
            </div>
            <div class="actions">
                <a class="btn" href=format!("{base}/edit")>{ctx.t(Msg::OrgEdit)}</a>
            </div>
        </header>
        <nav class="tabs" role="tablist">{tabs}</nav>
        {body}
    }
}

#[component]
fn OverviewTab(
    detail: OrganizationDetail,
    log: ServerAction<CreateInteraction>,
    done: ServerAction<CompleteFollowUp>,
    merge: ServerAction<MergeOrganizations>,
    duplicates: Resource<AppResult<Vec<DuplicateCandidate>>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let o = detail.organization.clone();
    let is_manager = crate::i18n::viewer_can(types::Module::Crm, types::Action::Delete);
    let now = detail.now;
    let fact =
        |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> });
    let roles: Vec<&str> = [(o.is_contracting, Msg::OrgIsContracting), (o.is_end_client, Msg::OrgIsEndClient)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, m)| ctx.t(m))
        .collect();
    let address = [o.address.clone(), o.postal_code.clone(), o.city.clone(), o.province.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <div class="split">
            <div class="stack">
                <section class="card">
                    <h2>{ctx.t(Msg::OrgFollowUpsTitle)}</h2>
                    {if detail.follow_ups.is_empty() {
                        view! { <p class="muted">{ctx.t(Msg::OrgNoFollowUps)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="follow-ups" data-testid="follow-ups">
                                {detail.follow_ups.clone().into_iter().map(|f| {
                                    let due = f.next_action_at.map(|d| ctx.t(Msg::IxDue).replace("{date}", &ctx.date(d))).unwrap_or_default();
                                    let overdue = f.next_action_at.is_some_and(|d| d < now);
                                    view! {
                                        <li class:overdue=overdue>
                                            <div>
                                                <strong>{f.next_action.clone()}</strong>
                                                <span class="cell-sub">{due}{f.person_name.clone().map(|p| format!(" · {p}"))}</span>
                                            </div>
                                            <ActionForm action=done attr:class="inline-form">
                                                <input type="hidden" name="id" value=f.id.0/>
                                                <button type="submit" class="btn btn-small">{ctx.t(Msg::IxMarkDone)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{ctx.t(Msg::IxTitle)}</h2>
                    <InteractionForm action=log organization_id=o.id.0 contacts=detail.contacts.clone()/>
                </section>
            </div>
            <div class="stack">
                <section class="card">
                    <dl class="facts" data-testid="org-facts">
                        {fact(Msg::OrgLegalName, o.legal_name.clone())}
                        {fact(Msg::OrgTaxId, if o.tax_id.is_empty() { String::new() } else { format!("{} ({})", o.tax_id, o.country) })}
                        {fact(Msg::FieldStatus, format!("{} · {}", ctx.t(o.status.label()), ctx.t(Msg::OrgSince).replace("{date}", &ctx.date(o.status_changed_at))))}
                        {fact(Msg::FieldEmail, o.email.clone())}
                        {fact(Msg::OrgPhone, o.phone.clone())}
                        {fact(Msg::OrgWebsite, o.website.clone())}
                        {fact(Msg::OrgSector, o.sector.clone())}
                        {fact(Msg::OrgAddress, address)}
                        {fact(Msg::OrgOwner, o.owner_name.clone().unwrap_or_default())}
                        {fact(Msg::OrgSource, o.source.map(|s| ctx.t(s.label()).to_string()).unwrap_or_default())}
                        {fact(Msg::OrgInterests, o.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", "))}
                        {fact(Msg::PersonRole, roles.join(" · "))}
                        {fact(Msg::TlInteractions, detail.interaction_count.to_string())}
                        {fact(Msg::FieldCreated, ctx.date(o.created_at))}
                    </dl>
                    {(!o.notes.is_empty()).then(|| view! { <p class="notes">{o.notes.clone()}</p> })}
                </section>
                {is_manager.then(|| view! { <MergeBox id=o.id.0 merge candidates=duplicates/> })}
            </div>
        </div>
    }
}

/// Merging duplicates into this organization: suggested look-alikes, or any record by id.
#[component]
fn MergeBox(
    id: i64,
    merge: ServerAction<MergeOrganizations>,
    candidates: Resource<AppResult<Vec<DuplicateCandidate>>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(merge);
    view! {
        <section class="card" data-testid="merge-box">
            <h2>{ctx.t(Msg::OrgMerge)}</h2>
            <p class="muted">{ctx.t(Msg::OrgMergeIntro)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = candidates.await.unwrap_or_default();
                    view! {
                        <ul class="link-list">
                            {list.into_iter().map(|c| view! {
                                <li class="merge-candidate" data-testid="merge-candidate">
                                    <a href=format!("/clients/{}", c.id)>{c.name.clone()}</a>
                                    <span class="cell-sub">{format!(" #{} · {}", c.id, c.field)}</span>
                                    <ActionForm action=merge attr:class="inline-form" attr:data-done-toast=ctx.t(Msg::OrgMerged)>
                                        <input type="hidden" name="id" value=id/>
                                        <input type="hidden" name="merge_id" value=c.id/>
                                        <button type="submit" class="btn btn-small">{ctx.t(Msg::OrgMerge)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
            <ActionForm action=merge attr:class="form form-inline" attr:data-testid="merge-form" attr:data-done-toast=ctx.t(Msg::OrgMerged)>
                <input type="hidden" name="id" value=id/>
                <TextField name="merge_id" label=Msg::OrgMergeWith error id_prefix="merge-"/>
                <button type="submit" class="btn">{ctx.t(Msg::OrgMerge)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ContactsTab(detail: OrganizationDetail, add_contact: ServerAction<AddContact>) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(add_contact);
    let roles = choice_options(ctx, ContactRole::ALL, ContactRole::as_str, ContactRole::label, None);
    let has_warning = move || {
        error
            .get()
            .is_some_and(|e| e.fields.iter().any(|f| matches!(f.issue, types::FieldIssue::PossibleDuplicate { .. })))
    };
    view! {
        <div class="split">
            <section class="card">
                {if detail.contacts.is_empty() {
                    view! { <p class="muted">{ctx.t(Msg::OrgContactsEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table" data-testid="contacts-table">
                                <thead><tr>
                                    <th scope="col">{ctx.t(Msg::FieldName)}</th>
                                    <th scope="col">{ctx.t(Msg::PersonRole)}</th>
                                    <th scope="col">{ctx.t(Msg::FieldEmail)}</th>
                                    <th scope="col">{ctx.t(Msg::OrgPhone)}</th>
                                </tr></thead>
                                <tbody>
                                    {detail.contacts.clone().into_iter().map(|c| view! {
                                        <tr data-testid="contact-row">
                                            <td><a href=format!("/people/{}", c.person_id)>{c.person_name.clone()}</a><span class="cell-sub">{c.job_title.clone()}</span></td>
                                            <td>{ctx.t(c.role.label())}</td>
                                            <td>{c.email.clone()}</td>
                                            <td class="nowrap">{c.phone.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <section class="card">
                <h2>{ctx.t(Msg::OrgAddContact)}</h2>
                <ActionForm action=add_contact attr:class="form" attr:data-testid="contact-form" attr:data-done-toast=ctx.t(Msg::OrgContactAdded)>
                    <FormError error/>
                    <input type="hidden" name="organization_id" value=detail.organization.id.0/>
                    <div class="form-grid">
                        <TextField name="first_name" label=Msg::PersonFirstName required=true error id_prefix="c-"/>
                        <TextField name="last_name" label=Msg::PersonLastName error id_prefix="c-"/>
                        <TextField name="email" label=Msg::FieldEmail kind="email" error id_prefix="c-"/>
                        <TextField name="phone" label=Msg::OrgPhone kind="tel" error id_prefix="c-"/>
                        <SelectField name="role" label=Msg::PersonRole options=roles error id_prefix="c-"/>
                        <TextField name="job_title" label=Msg::PersonJobTitle error id_prefix="c-"/>
                    </div>
                    <div data-on-issue="possible_duplicate" hidden=move || !has_warning()>
                        <CheckField name="allow_duplicates" label=Msg::OrgCreateAnyway id_prefix="c-"/>
                    </div>
                    <button type="submit" class="btn btn-primary">{ctx.t(Msg::OrgAddContact)}</button>
                </ActionForm>
            </section>
        </div>
    }
}
