//! The invoice list: the latest first, filtered by state, with where each issued one stands with
//! its payments.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{InvoiceState, Msg};

use super::InvoiceBadges;
use crate::i18n::{use_ctx, viewer_can};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::billing::get_invoice_list;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let state = Memo::new(move |_| query.read().get("state").unwrap_or_default());
    let page = Memo::new(move |_| query.read().get("page").unwrap_or_default());
    let list = Resource::new(move || (state.get(), page.get()), |(s, p)| get_invoice_list(s, p));
    let can_create = viewer_can(types::Module::Billing, types::Action::Edit);
    let filter = move |value: &'static str, label: Msg| {
        let href = if value.is_empty() { "/invoices".to_string() } else { format!("/invoices?state={value}") };
        view! {
            <a class="chip" class:chip-on=move || state.get() == value href=href
                aria-current=move || (state.get() == value).then_some("page")>{ctx.t(label)}</a>
        }
    };
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::BillInvoices))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::BillInvoices)}</h1>
            {can_create.then(|| view! {
                <a class="btn btn-primary" href="/invoices/new" data-testid="invoice-new">{ctx.t(Msg::BillNewInvoice)}</a>
            })}
        </header>
        <nav class="chips" aria-label=ctx.t(Msg::FieldStatus)>
            {filter("", Msg::BillAll)}
            {filter(InvoiceState::Draft.as_str(), Msg::InvoiceDraft)}
            {filter(InvoiceState::Issued.as_str(), Msg::InvoiceIssued)}
            {filter(InvoiceState::Cancelled.as_str(), Msg::InvoiceCancelled)}
        </nav>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(crate::error::AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(l) if l.issuers == 0 => view! {
                        <p class="notice" data-testid="no-issuer">
                            {ctx.t(Msg::BillNoIssuer)}" "
                            {viewer_can(types::Module::Billing, types::Action::Configure).then(|| view! {
                                <a href="/billing/issuers">{ctx.t(Msg::BillIssuers)}</a>
                            })}
                        </p>
                    }.into_any(),
                    Ok(l) if l.rows.is_empty() => view! { <p class="muted" data-testid="invoices-empty">{ctx.t(Msg::BillEmpty)}</p> }.into_any(),
                    Ok(l) => {
                        let today = l.today;
                        let shown = l.rows.len();
                        view! {
                            <div class="table-wrap">
                                <table class="table" data-testid="invoices-table">
                                    <thead><tr>
                                        <th scope="col">{ctx.t(Msg::InvNumber)}</th>
                                        <th scope="col">{ctx.t(Msg::InvIssueDate)}</th>
                                        <th scope="col">{ctx.t(Msg::InvRecipient)}</th>
                                        <th scope="col">{ctx.t(Msg::BillIssuer)}</th>
                                        <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                                        <th scope="col" class="num">{ctx.t(Msg::PropTotal)}</th>
                                        <th scope="col" class="num">{ctx.t(Msg::BillOutstanding)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {l.rows.into_iter().map(|r| {
                                            let collection = types::collection_status(r.state, r.total_cents, r.paid_cents, r.due_date, today);
                                            let outstanding = if r.state == InvoiceState::Issued { ctx.money(r.total_cents - r.paid_cents) } else { "—".into() };
                                            view! {
                                                <tr data-testid="invoice-row">
                                                    <td class="nowrap"><a class="row-title" href=format!("/invoices/{}", r.id)>
                                                        {r.number.clone().unwrap_or_else(|| ctx.t(Msg::InvoiceDraft).to_string())}
                                                    </a></td>
                                                    <td class="nowrap">{r.issue_date.map(|d| types::fmt::day(ctx.locale(), d)).unwrap_or_default()}</td>
                                                    <td>{r.recipient_name.clone()}</td>
                                                    <td>{r.issuer_name.clone()}</td>
                                                    <td class="nowrap"><InvoiceBadges state=r.state collection/></td>
                                                    <td class="num nowrap">{ctx.money(r.total_cents)}</td>
                                                    <td class="num nowrap">{outstanding}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <p class="muted" data-testid="invoices-count">{format!("{shown} / {}", l.total)}</p>
                            {viewer_can(types::Module::Billing, types::Action::Export).then(|| view! { <ExportForm today/> })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The accountant's exports for a range of issue dates (this quarter so far, unless changed):
/// plain GET forms to the API's files, so they download with or without JavaScript.
#[component]
fn ExportForm(today: chrono::NaiveDate) -> impl IntoView {
    use chrono::Datelike;
    let ctx = use_ctx();
    let quarter = chrono::NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1).unwrap_or(today);
    view! {
        <section class="card" data-testid="invoice-exports">
            <h2>{ctx.t(Msg::BillExport)}</h2>
            <p class="hint">{ctx.t(Msg::BillExportHint)}</p>
            <form method="get" action="/api/v1/exports/invoices.csv" class="filters">
                <div class="field">
                    <label for="export-from">{ctx.t(Msg::AuditFrom)}</label>
                    <input id="export-from" type="date" name="from" value=quarter.format("%Y-%m-%d").to_string() required=true/>
                </div>
                <div class="field">
                    <label for="export-to">{ctx.t(Msg::AuditTo)}</label>
                    <input id="export-to" type="date" name="to" value=today.format("%Y-%m-%d").to_string() required=true/>
                </div>
                <div class="filter-buttons field-grow">
                    <button type="submit" class="btn" data-testid="export-csv">{ctx.t(Msg::BillExportCsv)}</button>
                    <button type="submit" class="btn" formaction="/api/v1/exports/invoices.xlsx" data-testid="export-xlsx">{ctx.t(Msg::BillExportXlsx)}</button>
                    <button type="submit" class="btn" formaction="/api/v1/exports/invoices.zip" data-testid="export-zip">{ctx.t(Msg::BillExportZip)}</button>
                </div>
            </form>
        </section>
    }
}
