//! Proposals: the form (lines of course hours or units, discount, VAT or the training
//! exemption, with the totals worked out as you type by the same arithmetic the server stores),
//! and the proposal's page, laid out to print, with its PDF, its state changes and, once
//! accepted, the contracts to create from it.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::fmt::{percent, percent_input};
use types::totals::{line_amount, parse_hours, parse_money, totals, LineQty, Totals, DEFAULT_VAT_BP};
use types::{ApiError, CourseView, Msg, ProposalState, ProposalTemplateView, ProposalView};

use crate::components::field::issue_for;
use crate::components::preload::PreloadIsland;
use crate::error::{failed, on_result, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::pages::training::contracts::encode;
use crate::pages::training::StateBadge;
use crate::serverfns::sales::{
    get_opportunity_page, get_proposal_page, list_proposal_templates, SaveProposal, SetProposalState,
};
use crate::serverfns::training::get_training_choices;

/// A line as the form starts it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
struct LineDraft {
    course_id: String,
    description: String,
    hours: String,
    quantity: String,
    unit_price: String,
}

impl LineDraft {
    fn for_course(c: &CourseView) -> Self {
        LineDraft {
            course_id: c.id.0.to_string(),
            description: format!("{} · {}", c.code, c.title),
            hours: types::fmt::hours_input(c.default_minutes),
            quantity: String::new(),
            unit_price: types::fmt::money_input(c.default_hourly_price_cents),
        }
    }
}

/// A line of the form, one signal per field.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    course: RwSignal<String>,
    description: RwSignal<String>,
    hours: RwSignal<String>,
    quantity: RwSignal<String>,
    price: RwSignal<String>,
}

impl Row {
    fn new(key: u32, d: LineDraft) -> Self {
        Row {
            key,
            course: RwSignal::new(d.course_id),
            description: RwSignal::new(d.description),
            hours: RwSignal::new(d.hours),
            quantity: RwSignal::new(d.quantity),
            price: RwSignal::new(d.unit_price),
        }
    }

    fn is_blank(&self) -> bool {
        self.description.with(|d| d.trim().is_empty())
            && self.course.with(|c| c.is_empty())
            && self.price.with(|p| p.trim().is_empty())
    }

    /// The line's amount, if its figures read.
    fn amount(&self) -> Option<i64> {
        let price = parse_money(&self.price.get()).ok()?;
        let hours = self.hours.get();
        let qty = if hours.trim().is_empty() {
            let q = self.quantity.get();
            LineQty::Units(if q.trim().is_empty() { 1 } else { q.trim().parse().ok()? })
        } else {
            LineQty::Minutes(parse_hours(&hours).ok()?)
        };
        Some(line_amount(qty, price))
    }
}

#[component]
pub fn ProposalNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            Ok::<_, AppError>((
                get_opportunity_page(id).await?,
                list_proposal_templates().await?,
                get_training_choices().await?,
            ))
        },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PropNew))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((p, templates, choices)) => {
                        let o = p.opportunity.clone();
                        let today = p.now.with_timezone(&ctx.tz).date_naive();
                        let mut lines: Vec<LineDraft> = choices
                            .courses
                            .iter()
                            .filter(|c| o.course_ids.contains(&c.id))
                            .map(LineDraft::for_course)
                            .collect();
                        if lines.is_empty() {
                            lines.push(LineDraft::default());
                        }
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>" / "
                                    <a href=format!("/opportunities/{}", o.id)>{o.title.clone()}</a>
                                </p>
                                <h1>{ctx.t(Msg::PropNew)}</h1>
                                <p class="muted">{o.organization_name.clone()}</p>
                            </header>
                            <PreloadIsland island="proposal_form"/>
                            <ProposalForm opportunity_id=o.id.0 initial=None lines templates courses=choices.courses today/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ProposalEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            Ok::<_, AppError>((
                get_proposal_page(id).await?,
                list_proposal_templates().await?,
                get_training_choices().await?,
            ))
        },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PropDocument))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((page, templates, choices)) => {
                        let p = page.proposal;
                        let lines = p
                            .lines
                            .iter()
                            .map(|l| LineDraft {
                                course_id: l.course_id.map(|c| c.0.to_string()).unwrap_or_default(),
                                description: l.description.clone(),
                                hours: l.minutes.map(types::fmt::hours_input).unwrap_or_default(),
                                quantity: l.quantity.map(|q| q.to_string()).unwrap_or_default(),
                                unit_price: types::fmt::money_input(l.unit_cents),
                            })
                            .collect();
                        let today = p.issue_date;
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href=format!("/opportunities/{}", p.opportunity_id)>{p.opportunity_title.clone()}</a>" / "
                                    <a href=format!("/proposals/{}", p.id)>{ctx.t(Msg::PropNumbered).replace("{n}", &p.id.to_string())}</a>
                                </p>
                                <h1>{ctx.t(Msg::PropNumbered).replace("{n}", &p.id.to_string())}</h1>
                            </header>
                            <PreloadIsland island="proposal_form"/>
                            <ProposalForm opportunity_id=p.opportunity_id.0 initial=Some(p.clone()) lines templates courses=choices.courses today/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The proposal form (an island, in a chunk of its own): lines added and removed, the totals
/// worked out as they are typed.
#[island(lazy)]
fn ProposalForm(
    opportunity_id: i64,
    initial: Option<ProposalView>,
    lines: Vec<LineDraft>,
    templates: Vec<ProposalTemplateView>,
    courses: Vec<CourseView>,
    today: NaiveDate,
) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveProposal>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    on_result(save, move |r| {
        if let Ok(p) = r {
            #[cfg(feature = "hydrate")]
            {
                let text = ctx.t(if is_new { Msg::PropCreated } else { Msg::PropSaved });
                crate::browser::toasts::flash(crate::components::toast::ToastKind::Success, text);
                crate::browser::page::go(&format!("/proposals/{}", p.id));
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (p, is_new);
        }
    });
    let next_key = StoredValue::new(lines.len() as u32);
    let rows = RwSignal::new(lines.into_iter().enumerate().map(|(i, d)| Row::new(i as u32, d)).collect::<Vec<_>>());
    let discount = RwSignal::new(initial.as_ref().map(|p| percent_input(p.discount_bp)).unwrap_or_default());
    let exempt = RwSignal::new(initial.as_ref().is_some_and(|p| p.vat_exempt));
    let preview = Memo::new(move |_| -> Option<Totals> {
        let mut amounts = Vec::new();
        for r in rows.get() {
            if r.is_blank() {
                continue;
            }
            amounts.push(r.amount()?);
        }
        let d = discount.get();
        let bp = if d.trim().is_empty() { 0 } else { parse_money(d.trim().trim_end_matches('%')).ok()? };
        Some(totals(&amounts, bp, DEFAULT_VAT_BP, exempt.get()))
    });
    let template_selected = initial
        .as_ref()
        .map(|p| p.template_id.map(|t| t.0.to_string()).unwrap_or_default())
        .or_else(|| templates.first().map(|t| t.id.0.to_string()))
        .unwrap_or_default();
    let template_options: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t(Msg::PropNoTemplate).to_string()))
            .chain(templates.iter().map(|t| (t.id.0.to_string(), t.name.clone())))
            .collect();
    let issue = initial.as_ref().map(|p| p.issue_date).unwrap_or(today);
    let valid = initial.as_ref().map(|p| p.valid_until).unwrap_or(today + chrono::Duration::days(30));
    let courses = StoredValue::new(courses);
    let add_line = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push(Row::new(key, LineDraft::default())));
    };
    let money = move |c: i64| ctx.money(c);
    view! {
        <section class="card">
            {move || error.get().filter(|e| e.fields.is_empty()).map(|e| view! { <ErrorNotice error=e/> })}
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="proposal-form" attr:novalidate=true>
                <input type="hidden" name="id" value=initial.as_ref().map(|p| p.id.0.to_string()).unwrap_or_default()/>
                <input type="hidden" name="opportunity_id" value=opportunity_id.to_string()/>
                <div class="form-grid">
                    <crate::components::field::SelectField name="template_id" label=Msg::PropTemplate options=template_options selected=template_selected error/>
                    <crate::components::field::TextField name="issue_date" label=Msg::PropIssueDate kind="date" value=issue.format("%Y-%m-%d").to_string() error/>
                    <crate::components::field::TextField name="valid_until" label=Msg::PropValidUntil kind="date" value=valid.format("%Y-%m-%d").to_string() error/>
                    <div class="field" class:field-invalid=move || issue_for(ctx, error, "discount").is_some()>
                        <label for="discount">{ctx.t(Msg::PropDiscountField)}</label>
                        <input id="discount" name="discount" inputmode="decimal" prop:value=move || discount.get()
                            on:input=move |ev| discount.set(event_target_value(&ev)) aria-describedby="discount-error"/>
                        <p class="field-error" id="discount-error" data-testid="error-discount">{move || issue_for(ctx, error, "discount")}</p>
                    </div>
                    <div class="field field-check">
                        <input type="checkbox" id="vat_exempt" name="vat_exempt" value="on" prop:checked=move || exempt.get()
                            on:change=move |ev| exempt.set(event_target_checked(&ev))/>
                        <label for="vat_exempt">{ctx.t(Msg::PropVatExemptField)}</label>
                    </div>
                </div>
                <fieldset class="proposal-lines">
                    <legend>{ctx.t(Msg::PropLines)}</legend>
                    <p class="hint">{ctx.t(Msg::PropLinesHint)}</p>
                    <p class="field-error" data-testid="error-lines">{move || issue_for(ctx, error, "lines")}</p>
                    <div class="table-wrap">
                        <table class="table proposal-lines-table">
                            <thead><tr>
                                <th scope="col">{ctx.t(Msg::PropLineCourse)}</th>
                                <th scope="col">{ctx.t(Msg::PropLineDescription)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineHours)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineUnits)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineUnitPrice)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineAmount)}</th>
                                <th scope="col"><span class="sr-only">{ctx.t(Msg::PropRemoveLine)}</span></th>
                            </tr></thead>
                            <tbody>
                                <For each=move || rows.get() key=|r| r.key let:row>
                                    <LineRow row rows courses error/>
                                </For>
                            </tbody>
                        </table>
                    </div>
                    <button type="button" class="btn btn-small" on:click=add_line data-testid="add-line">{ctx.t(Msg::PropAddLine)}</button>
                </fieldset>
                <dl class="totals" data-testid="totals-preview" aria-live="polite">
                    {move || match preview.get() {
                        None => view! { <dt>{ctx.t(Msg::PropTotal)}</dt><dd>"—"</dd> }.into_any(),
                        Some(t) => view! {
                            <dt>{ctx.t(Msg::PropSubtotal)}</dt><dd>{money(t.subtotal_cents)}</dd>
                            {(t.discount_cents > 0).then(|| view! {
                                <dt>{ctx.t(Msg::PropDiscount).replace("{p}", &parse_money(discount.get().trim().trim_end_matches('%')).map(|bp| percent(ctx.locale(), bp)).unwrap_or_default())}</dt><dd>{money(-t.discount_cents)}</dd>
                                <dt>{ctx.t(Msg::PropTaxable)}</dt><dd>{money(t.taxable_cents)}</dd>
                            })}
                            {if exempt.get() {
                                view! { <dt>{ctx.t(Msg::PropVatExempt)}</dt><dd>{money(0)}</dd> }.into_any()
                            } else {
                                view! { <dt>{ctx.t(Msg::PropVat).replace("{p}", &percent(ctx.locale(), DEFAULT_VAT_BP))}</dt><dd>{money(t.vat_cents)}</dd> }.into_any()
                            }}
                            <dt class="totals-grand">{ctx.t(Msg::PropTotal)}</dt><dd class="totals-grand" data-testid="preview-total">{money(t.total_cents)}</dd>
                        }.into_any(),
                    }}
                </dl>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="proposal-save" disabled=move || save.pending().get()>{ctx.t(Msg::ActionSave)}</button>
                    <a class="btn" href=format!("/opportunities/{opportunity_id}")>{ctx.t(Msg::ActionCancel2)}</a>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn LineRow(
    row: Row,
    rows: RwSignal<Vec<Row>>,
    courses: StoredValue<Vec<CourseView>>,
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let pos = move || rows.with(|r| r.iter().position(|x| x.key == row.key).unwrap_or(0));
    let name = move |f: &'static str| move || format!("lines[{}][{f}]", pos());
    let err = move |f: &'static str| move || issue_for(ctx, error, &format!("lines.{}.{f}", pos()));
    let choose_course = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        row.course.set(value.clone());
        if let Some(c) = courses.with_value(|cs| cs.iter().find(|c| c.id.0.to_string() == value).cloned()) {
            let d = LineDraft::for_course(&c);
            row.description.set(d.description);
            row.hours.set(d.hours);
            row.quantity.set(String::new());
            row.price.set(d.unit_price);
        }
    };
    let input = move |sig: RwSignal<String>, field: &'static str, label: Msg, mode: &'static str| {
        view! {
            <input name=name(field) aria-label=ctx.t(label) inputmode=mode prop:value=move || sig.get()
                on:input=move |ev| sig.set(event_target_value(&ev))
                class:input-invalid=move || err(field)().is_some() title=err(field)/>
            <span class="field-error">{err(field)}</span>
        }
    };
    view! {
        <tr data-testid="proposal-line">
            <td>
                <select name=name("course_id") aria-label=ctx.t(Msg::PropLineCourse) on:change=choose_course>
                    <option value="" selected=move || row.course.get().is_empty()>{ctx.t(Msg::PropFreeLine)}</option>
                    {courses.with_value(|cs| cs.iter().map(|c| {
                        let v = c.id.0.to_string();
                        let v2 = v.clone();
                        view! { <option value=v selected=move || row.course.get() == v2>{format!("{} · {}", c.code, c.title)}</option> }
                    }).collect_view())}
                </select>
            </td>
            <td class="line-description">{input(row.description, "description", Msg::PropLineDescription, "text")}</td>
            <td class="num">{input(row.hours, "hours", Msg::PropLineHours, "decimal")}</td>
            <td class="num">{input(row.quantity, "quantity", Msg::PropLineUnits, "numeric")}</td>
            <td class="num">{input(row.price, "unit_price", Msg::PropLineUnitPrice, "decimal")}</td>
            <td class="num nowrap" data-testid="line-amount">{move || row.amount().map(|a| ctx.money(a)).unwrap_or_else(|| "—".into())}</td>
            <td>
                <button type="button" class="btn btn-small btn-ghost" aria-label=ctx.t(Msg::PropRemoveLine)
                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>"×"</button>
            </td>
        </tr>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let id = use_id_param();
    let change = ServerAction::<SetProposalState>::new();
    let page = Resource::new(move || id.get(), get_proposal_page);
    record_page(page, move |page| view! { <ProposalDocument p=page.proposal centre=page.centre_name change/> })
}

#[component]
fn ProposalDocument(p: ProposalView, centre: String, change: ServerAction<SetProposalState>) -> impl IntoView {
    let ctx = use_ctx();
    let number = ctx.t(Msg::PropNumbered).replace("{n}", &p.id.to_string());
    let state_button = move |to: ProposalState, label: Msg, class: &'static str, testid: &'static str| {
        view! {
            <ActionForm action=change attr:class="inline-form" attr:data-done-toast=ctx.t(Msg::PropStateChanged)>
                <input type="hidden" name="id" value=p.id.0.to_string()/>
                <input type="hidden" name="state" value=to.as_str()/>
                <button type="submit" class=class data-testid=testid>{ctx.t(label)}</button>
            </ActionForm>
        }
    };
    let contracts: Vec<(String, String)> = if p.state == ProposalState::Accepted {
        p.lines
            .iter()
            .filter_map(|l| {
                let course = l.course_id?;
                let hours = l.minutes.map(types::fmt::hours_input).unwrap_or_default();
                let notes = ctx.t(Msg::PropFromProposal).replace("{n}", &p.id.to_string());
                let href = format!(
                    "/contracts/new?organization={}&course={}&hours={}&price={}&notes={}",
                    p.organization_id,
                    course,
                    encode(&hours),
                    encode(&types::fmt::money_input(l.unit_cents)),
                    encode(&notes)
                );
                Some((href, ctx.t(Msg::PropCreateContract).replace("{course}", &l.description)))
            })
            .collect()
    } else {
        Vec::new()
    };
    let rate = percent(ctx.locale(), p.vat_bp);
    view! {
        <Title text=format!("{number} · {} · Aula", p.organization_name)/>
        <header class="page-header page-header-actions no-print">
            <div>
                <p class="breadcrumb">
                    <a href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>" / "
                    <a href=format!("/opportunities/{}", p.opportunity_id)>{p.opportunity_title.clone()}</a>
                </p>
                <h1 data-testid="proposal-title">{number.clone()}" "<StateBadge state=p.state.as_str() label=p.state.label()/></h1>
            </div>
            <div class="actions">
                <a class="btn" href=format!("/proposals/{}/pdf", p.id) data-testid="proposal-pdf" download="">{ctx.t(Msg::PropDownloadPdf)}</a>
                <button type="button" class="btn" onclick="window.print()">{ctx.t(Msg::PropPrint)}</button>
                {(p.state == ProposalState::Draft).then(|| view! {
                    <a class="btn" href=format!("/proposals/{}/edit", p.id) data-testid="edit-proposal">{ctx.t(Msg::OrgEdit)}</a>
                    {state_button(ProposalState::Sent, Msg::PropMarkSent, "btn btn-primary", "mark-sent")}
                })}
                {(p.state == ProposalState::Sent).then(|| view! {
                    {state_button(ProposalState::Accepted, Msg::PropAccept, "btn btn-primary", "mark-accepted")}
                    {state_button(ProposalState::Rejected, Msg::PropReject, "btn btn-danger", "mark-rejected")}
                })}
            </div>
        </header>
        {(!contracts.is_empty()).then(|| view! {
            <section class="notice notice-success no-print" data-testid="won-note">
                <p>{ctx.t(Msg::PropWonNote)}</p>
                <p class="actions">
                    {contracts.into_iter().map(|(href, label)| view! { <a class="btn btn-primary" href=href data-testid="create-contract">{label}</a> }).collect_view()}
                </p>
            </section>
        })}
        <article class="card proposal-doc" data-testid="proposal-document">
            <header class="proposal-doc-title">
                <p class="proposal-doc-issuer">{centre}</p>
                <h2>{ctx.t(Msg::PropDocument)}</h2>
            </header>
            <div class="proposal-doc-head">
                <div>
                    <p class="proposal-doc-label">{ctx.t(Msg::PropClient)}</p>
                    <p class="proposal-doc-client">{p.organization_name.clone()}</p>
                    {p.contact_name.clone().map(|c| view! { <p>{format!("{}: {c}", ctx.t(Msg::PropContact))}</p> })}
                    <p class="muted">{p.opportunity_title.clone()}</p>
                </div>
                <dl class="proposal-doc-dates">
                    <dt>{ctx.t(Msg::PropNo)}</dt><dd>{p.id.0}</dd>
                    <dt>{ctx.t(Msg::PropIssueDate)}</dt><dd>{types::fmt::day(ctx.locale(), p.issue_date)}</dd>
                    <dt>{ctx.t(Msg::PropValidUntil)}</dt><dd>{types::fmt::day(ctx.locale(), p.valid_until)}</dd>
                </dl>
            </div>
            {(!p.text.is_empty()).then(|| view! { <div class="proposal-doc-text" data-testid="proposal-text">{p.text.clone()}</div> })}
            <div class="table-wrap">
                <table class="table proposal-doc-lines">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::PropLineDescription)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLineQuantity)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLinePrice)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLineAmount)}</th>
                    </tr></thead>
                    <tbody>
                        {p.lines.iter().map(|l| {
                            let (qty, price) = match l.minutes {
                                Some(m) => (ctx.hours(m), format!("{}/h", ctx.money(l.unit_cents))),
                                None => (l.quantity.unwrap_or(1).to_string(), ctx.money(l.unit_cents)),
                            };
                            view! {
                                <tr data-testid="document-line">
                                    <td>{l.description.clone()}</td>
                                    <td class="num nowrap">{qty}</td>
                                    <td class="num nowrap">{price}</td>
                                    <td class="num nowrap">{ctx.money(l.amount_cents)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals" data-testid="proposal-totals">
                <dt>{ctx.t(Msg::PropSubtotal)}</dt><dd>{ctx.money(p.subtotal_cents)}</dd>
                {(p.discount_bp > 0).then(|| view! {
                    <dt>{ctx.t(Msg::PropDiscount).replace("{p}", &percent(ctx.locale(), p.discount_bp))}</dt><dd>{ctx.money(-p.discount_cents)}</dd>
                    <dt>{ctx.t(Msg::PropTaxable)}</dt><dd>{ctx.money(p.taxable_cents)}</dd>
                })}
                {if p.vat_exempt {
                    view! { <dt>{ctx.t(Msg::PropVatExempt)}</dt><dd>{ctx.money(0)}</dd> }.into_any()
                } else {
                    view! { <dt>{ctx.t(Msg::PropVat).replace("{p}", &rate)}</dt><dd>{ctx.money(p.vat_cents)}</dd> }.into_any()
                }}
                <dt class="totals-grand">{ctx.t(Msg::PropTotal)}</dt><dd class="totals-grand" data-testid="proposal-total">{ctx.money(p.total_cents)}</dd>
            </dl>
        </article>
    }
}
