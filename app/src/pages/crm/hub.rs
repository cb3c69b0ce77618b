//! The client hub: figures, search, filters, saved views and the paginated list.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{CrmChoices, LifecycleStatus, Msg, OrganizationPage, OrganizationQuery, SavedView};

use super::{choice_options, hub_href};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::crm::{get_crm_choices, get_crm_kpis, list_organizations, list_views, DeleteView, SaveView};

/// The list's query as read from the address.
fn use_org_query() -> Memo<OrganizationQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        let m = query.read();
        let get = |k: &str| m.get(k).unwrap_or_default();
        OrganizationQuery {
            q: get("q"),
            status: get("status"),
            interest: get("interest"),
            owner: get("owner"),
            sector: get("sector"),
            city: get("city"),
            sort: get("sort"),
            page: get("page"),
        }
    })
}

#[component]
pub fn ClientHubPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_org_query();
    let save_view = ServerAction::<SaveView>::new();
    let delete_view = ServerAction::<DeleteView>::new();
    let kpis = Resource::new(|| (), |_| get_crm_kpis());
    let choices = Resource::new(|| (), |_| get_crm_choices());
    let page = Resource::new(move || query.get(), list_organizations);
    let views = Resource::new(|| (), |_| list_views());
    let save_error = failed(save_view);

    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::HubTitle))/>
        <header class="page-header page-header-actions">
            <div>
                <h1>{ctx.t(Msg::HubTitle)}</h1>
                <p class="muted">{ctx.t(Msg::HubIntro)}</p>
            </div>
            <div class="actions">
                <a class="btn" href=move || format!("/clients/export.csv?{}", query.get().with_page(1).to_query_string()) data-testid="export-csv">
                    {ctx.t(Msg::HubExport)}
                </a>
                <a class="btn" href="/clients/import">{ctx.t(Msg::HubImport)}</a>
                <a class="btn btn-primary" href="/clients/new">{ctx.t(Msg::HubNew)}</a>
            </div>
        </header>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match kpis.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(k) => view! {
                        <div class="cards kpis" data-testid="crm-kpis">
                            <Kpi label=Msg::HubKpiTotal value=k.total href="/clients".into() id="total"/>
                            <Kpi label=Msg::HubKpiLeads value=k.leads href="/clients?status=lead".into() id="leads"/>
                            <Kpi label=Msg::HubKpiClients value=k.clients href="/clients?status=client".into() id="clients"/>
                            <Kpi label=Msg::HubKpiActive value=k.active_this_quarter href="/clients?sort=-created".into() id="active"/>
                            <Kpi label=Msg::HubKpiPending value=k.pending_follow_ups href="/clients".into() id="pending"/>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section class="card">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let choices = choices.await.unwrap_or(CrmChoices { owners: vec![], interests: vec![], sectors: vec![] });
                    view! { <Filters query=query.get_untracked() choices/> }
                })}
            </Suspense>
            <div class="saved-views">
                <span class="muted">{ctx.t(Msg::HubSavedViews)}</span>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list: Vec<SavedView> = views.await.unwrap_or_default();
                        list.into_iter().map(|v| {
                            let href = format!("/clients?{}", v.query);
                            view! {
                                <span class="chip">
                                    <a href=href data-testid="saved-view">{v.name.clone()}</a>
                                    <ActionForm action=delete_view attr:class="inline-form">
                                        <input type="hidden" name="id" value=v.id/>
                                        <button type="submit" class="chip-x" aria-label=ctx.t(Msg::HubDeleteView) title=ctx.t(Msg::HubDeleteView)>"×"</button>
                                    </ActionForm>
                                </span>
                            }
                        }).collect_view()
                    })}
                </Transition>
                <ActionForm action=save_view attr:class="inline-form save-view" attr:data-testid="save-view-form"
                    attr:data-done-toast=ctx.t(Msg::HubViewSaved)>
                    <input type="hidden" name="query" value=move || query.get().to_query_string()/>
                    <input name="name" placeholder=ctx.t(Msg::HubViewName) aria-label=ctx.t(Msg::HubViewName) required/>
                    <button type="submit" class="btn btn-small">{ctx.t(Msg::HubSaveView)}</button>
                    <span class="field-error" data-error-for="name">{move || save_error.get().map(|e| e.issue_for("name").map(|i| i.text(ctx.locale())).unwrap_or_else(|| e.summary(ctx.locale())))}</span>
                </ActionForm>
            </div>
        </section>
        <section class="card">
            <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(p) => view! { <OrgTable page=p query=query.get_untracked()/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Kpi(label: Msg, value: i64, href: String, id: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <a class="card kpi kpi-link" href=href>
            <h2>{ctx.t(label)}</h2>
            <p class="kpi-value" data-testid=format!("kpi-{id}")>{value}</p>
        </a>
    }
}

/// The search box and filters: a plain GET form, so it works without JavaScript too.
#[component]
fn Filters(query: OrganizationQuery, choices: CrmChoices) -> impl IntoView {
    let ctx = use_ctx();
    let statuses =
        choice_options(ctx, LifecycleStatus::ALL, LifecycleStatus::as_str, LifecycleStatus::label, Some(Msg::OrgAny));
    let opt = |value: String, text: String, selected: &str| {
        let is = value == selected;
        view! { <option value=value selected=is>{text}</option> }
    };
    let sorts = [
        ("", Msg::SortNameAsc),
        ("-name", Msg::SortNameDesc),
        ("-created", Msg::SortNewest),
        ("created", Msg::SortOldest),
        ("city", Msg::SortCity),
    ];
    view! {
        <form method="get" action="/clients" class="filters" role="search" data-testid="hub-filters">
            <div class="field field-grow">
                <label for="hub-q">{ctx.t(Msg::HubSearch)}</label>
                <input id="hub-q" type="search" name="q" value=query.q.clone() placeholder=ctx.t(Msg::HubSearchPlaceholder) autocomplete="off"/>
            </div>
            <div class="field">
                <label for="hub-status">{ctx.t(Msg::FieldStatus)}</label>
                <select id="hub-status" name="status">
                    {statuses.into_iter().map(|(v, t)| opt(v, t, &query.status)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="hub-interest">{ctx.t(Msg::OrgInterests)}</label>
                <select id="hub-interest" name="interest">
                    {opt(String::new(), ctx.t(Msg::OrgAny).into(), &query.interest)}
                    {choices.interests.iter().map(|i| opt(i.id.0.to_string(), i.name.clone(), &query.interest)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="hub-owner">{ctx.t(Msg::OrgOwner)}</label>
                <select id="hub-owner" name="owner">
                    {opt(String::new(), ctx.t(Msg::OrgAny).into(), &query.owner)}
                    {opt("none".into(), ctx.t(Msg::OrgNoOwner).into(), &query.owner)}
                    {choices.owners.iter().map(|o| opt(o.id.0.to_string(), o.name.clone(), &query.owner)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="hub-sector">{ctx.t(Msg::OrgSector)}</label>
                <select id="hub-sector" name="sector">
                    {opt(String::new(), ctx.t(Msg::OrgAny).into(), &query.sector)}
                    {choices.sectors.iter().map(|s| opt(s.clone(), s.clone(), &query.sector)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="hub-city">{ctx.t(Msg::OrgCity)}</label>
                <input id="hub-city" name="city" value=query.city.clone()/>
            </div>
            <div class="field">
                <label for="hub-sort">{ctx.t(Msg::HubSortBy)}</label>
                <select id="hub-sort" name="sort">
                    {sorts.into_iter().map(|(v, m)| opt(v.into(), ctx.t(m).into(), &query.sort)).collect_view()}
                </select>
            </div>
            <div class="filter-buttons">
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::HubFilter)}</button>
                <a class="btn btn-ghost-dark" href="/clients">{ctx.t(Msg::HubClear)}</a>
            </div>
        </form>
    }
}

/// A coloured badge for a lifecycle status.
#[component]
pub fn StatusBadge(status: LifecycleStatus) -> impl IntoView {
    let ctx = use_ctx();
    view! { <span class=format!("badge badge-{}", status.as_str())>{ctx.t(status.label())}</span> }
}

#[component]
fn OrgTable(page: OrganizationPage, query: OrganizationQuery) -> impl IntoView {
    let ctx = use_ctx();
    let pages = page.page_count();
    let current = page.page;
    let count = ctx.t(Msg::HubCount).replace("{n}", &page.total.to_string());
    let sort_link = |key: &'static str, label: Msg| {
        let next = if query.sort == key { format!("-{key}") } else { key.to_string() };
        let arrow = if query.sort == key {
            " ▲"
        } else if query.sort == format!("-{key}") {
            " ▼"
        } else {
            ""
        };
        view! { <a href=hub_href(&query.with_sort(&next))>{ctx.t(label)}{arrow}</a> }
    };
    if page.rows.is_empty() {
        return view! { <p class="muted" data-testid="hub-empty">{ctx.t(Msg::HubEmpty)}</p> }.into_any();
    }
    let prev = (current > 1).then(|| hub_href(&query.with_page(current - 1)));
    let next = (current < pages).then(|| hub_href(&query.with_page(current + 1)));
    view! {
        <p class="muted" data-testid="hub-count">{count}</p>
        <div class="table-wrap">
            <table class="table" data-testid="org-table">
                <thead>
                    <tr>
                        <th scope="col">{sort_link("name", Msg::OrgLegalName)}</th>
                        <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                        <th scope="col">{sort_link("city", Msg::OrgCity)}</th>
                        <th scope="col" class="hide-narrow">{ctx.t(Msg::OrgPhone)}</th>
                        <th scope="col" class="hide-narrow">{ctx.t(Msg::OrgOwner)}</th>
                        <th scope="col">{ctx.t(Msg::OrgLastInteraction)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.rows.into_iter().map(|r| {
                        let sub = [r.trade_name.clone(), r.tax_id.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                        view! {
                            <tr data-testid="org-row">
                                <td>
                                    <a class="row-title" href=format!("/clients/{}", r.id)>{r.legal_name.clone()}</a>
                                    <span class="cell-sub">{sub}</span>
                                </td>
                                <td><StatusBadge status=r.status/></td>
                                <td>{r.city.clone()}</td>
                                <td class="hide-narrow nowrap">{r.phone.clone()}</td>
                                <td class="hide-narrow">{r.owner_name.clone().unwrap_or_default()}</td>
                                <td class="nowrap">{r.last_interaction_at.map(|t| ctx.date(t)).unwrap_or_else(|| ctx.t(Msg::OrgNone).into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="pagination">
            {prev.map(|href| view! { <a class="btn btn-small" href=href rel="prev">{ctx.t(Msg::HubPrev)}</a> })}
            <span class="muted" data-testid="hub-page">
                {ctx.t(Msg::HubPageOf).replace("{n}", &current.to_string()).replace("{total}", &pages.to_string())}
            </span>
            {next.map(|href| view! { <a class="btn btn-small" href=href rel="next">{ctx.t(Msg::HubNext)}</a> })}
        </nav>
    }
    .into_any()
}
