//! The draft invoice form: issuer and type, the recipient (a client on record fills what is left
//! empty), the operation, and its lines, each with its own VAT (exempt training or a rate). A
//! plain form: it works without JavaScript; the totals are worked out when it is saved.

use leptos::prelude::*;
use leptos_meta::Title;
use types::fmt::{hours_input, money_input, percent_input};
use types::{ApiError, InvoiceFormChoices, InvoiceKind, InvoiceLineView, InvoiceState, InvoiceView, Msg};

use super::{vat_choice, vat_options};
use crate::components::field::{issue_for, FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::serverfns::billing::{get_invoice_choices, get_invoice_page, SaveInvoice};

/// Blank lines offered below the draft's own.
const BLANK_LINES: usize = 3;

#[component]
pub fn InvoiceNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let choices = Resource::new(|| (), |_| get_invoice_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::BillNewInvoice))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/invoices">{ctx.t(Msg::BillInvoices)}</a></p>
            <h1>{ctx.t(Msg::BillNewInvoice)}</h1>
        </header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) if c.issuers.is_empty() => view! {
                        <p class="notice" data-testid="no-issuer">{ctx.t(Msg::BillNoIssuer)}" "
                            <a href="/billing/issuers">{ctx.t(Msg::BillIssuers)}</a></p>
                    }.into_any(),
                    Ok(c) => view! { <InvoiceForm choices=c initial=None/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn InvoiceEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { Ok::<_, AppError>((get_invoice_page(id).await?, get_invoice_choices().await?)) },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::BillEditDraft))/>
        {record_page(data, move |(page, choices)| {
            let inv = page.invoice;
            let back = format!("/invoices/{}", inv.id);
            view! {
                <header class="page-header">
                    <p class="breadcrumb"><a href="/invoices">{ctx.t(Msg::BillInvoices)}</a>" / "<a href=back.clone()>{ctx.t(Msg::InvoiceDraft)}</a></p>
                    <h1>{ctx.t(Msg::BillEditDraft)}</h1>
                </header>
                {if inv.state == InvoiceState::Draft {
                    view! { <InvoiceForm choices initial=Some(inv)/> }.into_any()
                } else {
                    view! { <p class="notice">{ctx.t(Msg::ErrWrongState)}" "<a href=back>{ctx.t(Msg::BillInvoices)}</a></p> }.into_any()
                }}
            }
        })}
    }
}

#[component]
fn InvoiceForm(choices: InvoiceFormChoices, initial: Option<InvoiceView>) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveInvoice>::new();
    let error = failed(save);
    let issuers: Vec<(String, String)> =
        choices.issuers.iter().map(|i| (i.id.to_string(), format!("{} · {}", i.legal_name, i.nif))).collect();
    let clients: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::BillNoClient).to_string()))
        .chain(choices.clients.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect();
    let rectifying = initial.as_ref().is_some_and(|i| i.kind.is_rectifying());
    let kinds: Vec<(String, String)> = match &initial {
        Some(i) if rectifying => vec![(i.kind.as_str().into(), ctx.t(i.kind.label()).into())],
        _ => [InvoiceKind::F1, InvoiceKind::F2].iter().map(|k| (k.as_str().into(), ctx.t(k.label()).into())).collect(),
    };
    let languages: Vec<(String, String)> = [("es", "Español"), ("eu", "Euskara"), ("en", "English")]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect();
    let i = initial.clone();
    let v = move |f: fn(&InvoiceView) -> String| i.as_ref().map(f).unwrap_or_default();
    let id = v(|i| i.id.to_string());
    let issuer = v(|i| i.issuer_id.to_string());
    let kind = v(|i| i.kind.as_str().to_string());
    let client = v(|i| i.recipient.organization_id.map(|o| o.to_string()).unwrap_or_default());
    let country = initial.as_ref().map(|i| i.recipient.country.clone()).unwrap_or_else(|| "ES".into());
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let lines: Vec<InvoiceLineView> = initial.as_ref().map(|i| i.lines.clone()).unwrap_or_default();
    let rows = lines.len() + BLANK_LINES;
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="invoice-form" attr:novalidate=true
                attr:data-done-href="/invoices/{id}" attr:data-done-toast=ctx.t(Msg::BillDraftSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <div class="form-grid">
                    <SelectField name="issuer_id" label=Msg::BillIssuer options=issuers selected=issuer error/>
                    <SelectField name="kind" label=Msg::BillKind options=kinds selected=kind error/>
                    <SelectField name="language" label=Msg::BillLanguage options=languages selected=v(|i| i.language.clone()) error/>
                </div>
                <fieldset class="proposal-lines">
                    <legend>{ctx.t(Msg::InvRecipient)}</legend>
                    <p class="hint">{ctx.t(Msg::BillRecipientHint)}</p>
                    <SelectField name="organization_id" label=Msg::BillClient options=clients selected=client error/>
                    <div class="form-grid">
                        <TextField name="recipient_name" label=Msg::BillRecipientName value=v(|i| i.recipient.name.clone()) error/>
                        <TextField name="recipient_tax_id" label=Msg::BillRecipientTaxId value=v(|i| i.recipient.tax_id.clone()) error/>
                        <TextField name="recipient_country" label=Msg::OrgCountry value=country error/>
                    </div>
                    <TextArea name="recipient_address" label=Msg::OrgAddress value=v(|i| i.recipient.address.clone()) rows=2 error/>
                </fieldset>
                <TextArea name="description" label=Msg::BillDescription value=v(|i| i.description.clone()) rows=2 error/>
                <div class="form-grid">
                    <TextField name="operation_date" kind="date" label=Msg::InvOperationDate value=initial.as_ref().map(|i| iso(i.operation_date)).unwrap_or_default() error/>
                    <TextField name="due_date" kind="date" label=Msg::InvDueDate value=initial.as_ref().map(|i| iso(i.due_date)).unwrap_or_default() error/>
                </div>
                <fieldset class="proposal-lines">
                    <legend>{ctx.t(Msg::BillLines)}</legend>
                    <p class="hint">{ctx.t(Msg::BillLinesHint)}</p>
                    <p class="field-error" data-testid="error-lines" data-error-for="lines">{move || issue_for(ctx, error, "lines")}</p>
                    <div class="table-wrap">
                        <table class="table proposal-lines-table">
                            <thead><tr>
                                <th scope="col">{ctx.t(Msg::PropLineDescription)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineHours)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLineQuantity)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropLinePrice)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::InvDiscount)}</th>
                                <th scope="col">{ctx.t(Msg::InvVat)}</th>
                            </tr></thead>
                            <tbody>
                                {(0..rows).map(|n| view! { <LineRow n line=lines.get(n).cloned() error/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </fieldset>
                <TextArea name="notes" label=Msg::OrgNotes value=v(|i| i.notes.clone()) rows=2 error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="invoice-save">{ctx.t(Msg::BillSaveDraft)}</button>
                    <a class="btn" href="/invoices">{ctx.t(Msg::ActionCancel2)}</a>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn LineRow(n: usize, line: Option<InvoiceLineView>, error: Signal<Option<ApiError>>) -> impl IntoView {
    let ctx = use_ctx();
    let l = line.clone();
    let value = move |f: fn(&InvoiceLineView) -> String| l.as_ref().map(f).unwrap_or_default();
    let input = move |field: &'static str, label: Msg, mode: &'static str, v: String| {
        let key = format!("lines.{n}.{field}");
        let key2 = key.clone();
        view! {
            <input name=format!("lines[{n}][{field}]") aria-label=ctx.t(label) inputmode=mode value=v
                data-testid=format!("line-{n}-{field}")/>
            <span class="field-error" data-error-for=key>{move || issue_for(ctx, error, &key2)}</span>
        }
    };
    let vat = line.as_ref().map(|l| vat_choice(l.vat_bp, l.exempt)).unwrap_or_default();
    // A line of a contract's hours keeps its contract, so they are not invoiced twice.
    let contract = line.as_ref().and_then(|l| l.contract_id).map(|c| c.to_string()).unwrap_or_default();
    let vat_key = format!("lines.{n}.vat");
    let vat_key2 = vat_key.clone();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), "—".to_string())).chain(vat_options(ctx)).collect();
    view! {
        <tr data-testid="invoice-line">
            <td class="line-description">
                <input type="hidden" name=format!("lines[{n}][contract_id]") value=contract/>{input("description", Msg::PropLineDescription, "text", value(|l| l.description.clone()))}</td>
            <td class="num">{input("hours", Msg::PropLineHours, "decimal", value(|l| l.minutes.map(hours_input).unwrap_or_default()))}</td>
            <td class="num">{input("quantity", Msg::PropLineQuantity, "numeric", value(|l| l.quantity.map(|q| q.to_string()).unwrap_or_default()))}</td>
            <td class="num">{input("unit_price", Msg::PropLinePrice, "decimal", value(|l| money_input(l.unit_cents)))}</td>
            <td class="num">{input("discount", Msg::InvDiscount, "decimal", value(|l| percent_input(l.discount_bp)))}</td>
            <td>
                <select name=format!("lines[{n}][vat]") aria-label=ctx.t(Msg::InvVat) data-testid=format!("line-{n}-vat")>
                    {options.into_iter().map(|(o, label)| { let selected = o == vat; view! { <option value=o selected=selected>{label}</option> } }).collect_view()}
                </select>
                <span class="field-error" data-error-for=vat_key>{move || issue_for(ctx, error, &vat_key2)}</span>
            </td>
        </tr>
    }
}
