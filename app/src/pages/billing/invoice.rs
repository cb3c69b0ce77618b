//! An invoice's page: what it says (issuer, recipient, dates, lines, the VAT breakdown and
//! totals), its PDF, and what can be done with it — a draft is edited or issued; an issued one is
//! paid (in full or in parts), rectified or cancelled — and its Veri*Factu records, chained.

use leptos::prelude::*;
use leptos_meta::Title;
use types::fmt::{day, money_input, percent};
use types::{InvoiceKind, InvoicePage, InvoicePaymentMethod, InvoiceState, Msg, RectificationMode};

use super::{vat_text, InvoiceBadges};
use crate::components::field::{FormError, SelectField, TextField};
use crate::error::failed;
use crate::i18n::{use_ctx, viewer_can};
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::record_page;
use crate::serverfns::billing::{get_invoice_page, CancelInvoice, IssueInvoice, RecordInvoicePayment, RectifyInvoice};

#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    let id = use_id_param();
    let page = Resource::new(move || id.get(), get_invoice_page);
    record_page(page, move |p| view! { <InvoiceDocument p/> })
}

#[component]
fn InvoiceDocument(p: InvoicePage) -> impl IntoView {
    let ctx = use_ctx();
    let InvoicePage { invoice: inv, issuer, records, today } = p;
    let id = inv.id;
    let title = match inv.kind {
        InvoiceKind::F1 => ctx.t(Msg::InvoiceKindF1),
        InvoiceKind::F2 => ctx.t(Msg::InvoiceKindF2),
        _ => ctx.t(Msg::InvTitleRectifying),
    };
    let name = inv.number.clone().unwrap_or_else(|| ctx.t(Msg::InvoiceDraft).to_string());
    let collection = inv.collection_status(today);
    let can_edit = viewer_can(types::Module::Billing, types::Action::Edit);
    let can_cancel = viewer_can(types::Module::Billing, types::Action::Delete);
    let d = |date: Option<chrono::NaiveDate>| date.map(|x| day(ctx.locale(), x)).unwrap_or_else(|| "—".into());
    let facts = vec![
        (Msg::InvNumber, inv.number.clone().unwrap_or_else(|| "—".into())),
        (Msg::InvIssueDate, d(inv.issue_date)),
        (Msg::InvOperationDate, d(inv.operation_date)),
        (Msg::InvDueDate, d(inv.due_date)),
        (Msg::BillLanguage, inv.language.to_uppercase()),
    ];
    let r = inv.recipient.clone();
    let issued = inv.state == InvoiceState::Issued;
    view! {
        <Title text=format!("{title} {name} · Aula")/>
        <header class="page-header page-header-row">
            <div>
                <p class="breadcrumb"><a href="/invoices">{ctx.t(Msg::BillInvoices)}</a></p>
                <h1 data-testid="invoice-title">{format!("{title} {name}")}</h1>
                <p><InvoiceBadges state=inv.state collection/></p>
            </div>
            <div class="actions">
                <a class="btn" href=format!("/api/v1/invoices/{id}/pdf") data-testid="invoice-pdf" download="">{ctx.t(Msg::BillPdf)}</a>
                {(inv.state == InvoiceState::Draft && can_edit).then(|| view! {
                    <a class="btn" href=format!("/invoices/{id}/edit") data-testid="invoice-edit">{ctx.t(Msg::BillEditDraft)}</a>
                })}
            </div>
        </header>
        <div class="stack">
        {(inv.state == InvoiceState::Draft && can_edit).then(|| view! { <IssueForm id=id.0/> })}
        {inv.cancel_reason.clone().map(|reason| view! {
            <p class="notice notice-error" data-testid="cancelled-notice">{ctx.t(Msg::InvCancelledNotice).replace("{reason}", &reason)}</p>
        })}
        <div class="grid-2">
            <section class="card">
                <h2>{ctx.t(Msg::BillIssuer)}</h2>
                <p><strong>{issuer.legal_name.clone()}</strong><br/>{format!("{} {}", ctx.t(Msg::InvTaxId), issuer.nif)}<br/>
                    {issuer.address.clone()}<br/>{format!("{} {}", issuer.postal_code, issuer.city)}</p>
                <dl class="facts">
                    {facts.into_iter().map(|(label, value)| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            </section>
            <section class="card" data-testid="invoice-recipient">
                <h2>{ctx.t(Msg::InvRecipient)}</h2>
                <p>
                    {match r.organization_id {
                        Some(o) => view! { <a href=format!("/clients/{o}")><strong>{r.name.clone()}</strong></a> }.into_any(),
                        None => view! { <strong>{r.name.clone()}</strong> }.into_any(),
                    }}
                    <br/>{(!r.tax_id.is_empty()).then(|| format!("{} {}", ctx.t(Msg::InvTaxId), r.tax_id))}
                </p>
                <p class="pre-line">{r.address.clone()}</p>
                {inv.rectifies.map(|orig| view! {
                    <p>
                        <a href=format!("/invoices/{orig}")>{ctx.t(Msg::InvRectifies)
                            .replace("{n}", inv.rectifies_number.as_deref().unwrap_or(""))
                            .replace("{mode}", &inv.rectification.map(|m| ctx.t(m.label()).to_lowercase()).unwrap_or_default())}</a>
                    </p>
                })}
            </section>
        </div>
        <section class="card">
            <p>{inv.description.clone()}</p>
            <div class="table-wrap">
                <table class="table" data-testid="invoice-lines">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::PropLineDescription)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLineQuantity)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLinePrice)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::InvDiscount)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::InvVat)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::InvBase)}</th>
                    </tr></thead>
                    <tbody>
                        {inv.lines.iter().map(|l| {
                            let qty = match (l.minutes, l.quantity) {
                                (Some(m), _) => ctx.hours(m),
                                (None, q) => q.unwrap_or(1).to_string(),
                            };
                            view! {
                                <tr>
                                    <td>{l.description.clone()}</td>
                                    <td class="num nowrap">{qty}</td>
                                    <td class="num nowrap">{ctx.money(l.unit_cents)}</td>
                                    <td class="num nowrap">{(l.discount_bp > 0).then(|| percent(ctx.locale(), l.discount_bp))}</td>
                                    <td class="num nowrap">{vat_text(ctx, l.vat_bp, l.exempt)}</td>
                                    <td class="num nowrap">{ctx.money(l.base_cents)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals" data-testid="invoice-totals">
                {inv.breakdown.iter().map(|b| {
                    let rate = vat_text(ctx, b.vat_bp, b.exempt);
                    view! { <dt>{format!("{} · {rate}", ctx.money(b.base_cents))}</dt><dd>{ctx.money(b.vat_cents)}</dd> }
                }).collect_view()}
                <dt>{ctx.t(Msg::InvBase)}</dt><dd>{ctx.money(inv.base_cents)}</dd>
                <dt>{ctx.t(Msg::InvVatAmount)}</dt><dd>{ctx.money(inv.vat_cents)}</dd>
                <dt class="totals-grand">{ctx.t(Msg::PropTotal)}</dt><dd class="totals-grand" data-testid="invoice-total">{ctx.money(inv.total_cents)}</dd>
            </dl>
            {inv.breakdown.iter().any(|b| b.exempt).then(|| view! { <p class="hint">{types::TRAINING_EXEMPTION}</p> })}
        </section>
        {issued.then(|| view! { <Payments inv=inv.clone() today can_edit/> })}
        {(issued && (can_edit || can_cancel)).then(|| view! {
            <div class="grid-2">
                {can_edit.then(|| view! { <RectifyForm id=id.0 simplified=inv.kind == InvoiceKind::F2/> })}
                {can_cancel.then(|| view! { <CancelForm id=id.0/> })}
            </div>
        })}
        <section class="card" data-testid="fiscal-records">
            <h2>{ctx.t(Msg::BillRecords)}</h2>
            {if records.is_empty() {
                view! { <p class="muted">"—"</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <thead><tr>
                                <th scope="col" class="num">{ctx.t(Msg::BillChainPlace)}</th>
                                <th scope="col">{ctx.t(Msg::BillRecordKind)}</th>
                                <th scope="col">{ctx.t(Msg::BillGeneratedAt)}</th>
                                <th scope="col">{ctx.t(Msg::BillFingerprint)}</th>
                                <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                            </tr></thead>
                            <tbody>
                                {records.into_iter().map(|rec| view! {
                                    <tr data-testid="fiscal-record">
                                        <td class="num">{rec.seq}</td>
                                        <td>{ctx.t(rec.kind.label())}</td>
                                        <td class="nowrap">{rec.generated_at.clone()}</td>
                                        <td><code class="fingerprint">{rec.fingerprint.clone()}</code></td>
                                        <td>{ctx.t(rec.status.label())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p><a href=format!("/api/v1/invoices/{id}/record.xml") data-testid="record-xml">{ctx.t(Msg::BillRecordXml)}</a></p>
                }.into_any()
            }}
        </section>
        </div>
    }
}

#[component]
fn IssueForm(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let issue = ServerAction::<IssueInvoice>::new();
    let error = failed(issue);
    view! {
        <section class="card">
            <ActionForm action=issue attr:class="form" attr:data-testid="issue-form" attr:data-done-toast=ctx.t(Msg::BillIssued)>
                <FormError error/>
                {move || error.get().filter(|e| !e.fields.is_empty()).map(|e| view! {
                    <ul class="notice notice-error" data-testid="issue-problems">
                        {e.fields.iter().map(|f| view! { <li>{format!("{}: {}", f.field, f.issue.text(ctx.locale()))}</li> }).collect_view()}
                    </ul>
                })}
                <input type="hidden" name="id" value=id/>
                <p class="hint">{ctx.t(Msg::BillIssueHint)}</p>
                <button type="submit" class="btn btn-primary" data-testid="invoice-issue">{ctx.t(Msg::BillIssue)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Payments(inv: types::InvoiceView, today: chrono::NaiveDate, can_edit: bool) -> impl IntoView {
    let ctx = use_ctx();
    let pay = ServerAction::<RecordInvoicePayment>::new();
    let error = failed(pay);
    let outstanding = inv.total_cents - inv.paid_cents;
    let methods =
        choice_options(ctx, InvoicePaymentMethod::ALL, InvoicePaymentMethod::as_str, InvoicePaymentMethod::label, None);
    view! {
        <section class="card" data-testid="invoice-payments">
            <h2>{ctx.t(Msg::BillPayments)}</h2>
            {(!inv.payments.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{ctx.t(Msg::BillPaidOn)}</th>
                            <th scope="col">{ctx.t(Msg::WsPayMethod)}</th>
                            <th scope="col">{ctx.t(Msg::WsPayReference)}</th>
                            <th scope="col" class="num">{ctx.t(Msg::BillAmount)}</th>
                        </tr></thead>
                        <tbody>
                            {inv.payments.iter().map(|p| view! {
                                <tr data-testid="payment-row">
                                    <td class="nowrap">{day(ctx.locale(), p.paid_on)}</td>
                                    <td>{ctx.t(p.method.label())}</td>
                                    <td>{p.reference.clone()}</td>
                                    <td class="num nowrap">{ctx.money(p.amount_cents)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <p data-testid="outstanding">{format!("{}: {}", ctx.t(Msg::BillOutstanding), ctx.money(outstanding))}</p>
            {(can_edit && outstanding != 0).then(|| view! {
                <ActionForm action=pay attr:class="form form-wide" attr:data-testid="payment-form" attr:novalidate=true
                    attr:data-done-toast=ctx.t(Msg::BillPaymentSaved)>
                    <FormError error/>
                    <input type="hidden" name="id" value=inv.id.0/>
                    <div class="form-grid">
                        <TextField name="amount" label=Msg::BillAmount value=money_input(outstanding.abs()) error/>
                        <SelectField name="method" label=Msg::WsPayMethod options=methods selected="transfer" error/>
                        <TextField name="paid_on" kind="date" label=Msg::BillPaidOn value=today.format("%Y-%m-%d").to_string() error/>
                        <TextField name="reference" label=Msg::WsPayReference error/>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" data-testid="payment-save">{ctx.t(Msg::BillRecordPayment)}</button>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn RectifyForm(id: i64, simplified: bool) -> impl IntoView {
    let ctx = use_ctx();
    let rectify = ServerAction::<RectifyInvoice>::new();
    let error = failed(rectify);
    let kinds: Vec<(String, String)> = if simplified {
        vec![InvoiceKind::R5]
    } else {
        vec![InvoiceKind::R4, InvoiceKind::R1, InvoiceKind::R2, InvoiceKind::R3]
    }
    .into_iter()
    .map(|k| (k.as_str().to_string(), ctx.t(k.label()).to_string()))
    .collect();
    let modes = choice_options(ctx, RectificationMode::ALL, RectificationMode::as_str, RectificationMode::label, None);
    view! {
        <section class="card">
            <h2>{ctx.t(Msg::BillRectify)}</h2>
            <ActionForm action=rectify attr:class="form" attr:data-testid="rectify-form" attr:novalidate=true
                attr:data-done-href="/invoices/{id}/edit">
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <SelectField name="kind" label=Msg::BillKind options=kinds error/>
                <SelectField name="mode" label=Msg::BillRectifyMode options=modes selected="difference" error/>
                <button type="submit" class="btn" data-testid="invoice-rectify">{ctx.t(Msg::BillRectify)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CancelForm(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let cancel = ServerAction::<CancelInvoice>::new();
    let error = failed(cancel);
    view! {
        <section class="card">
            <h2>{ctx.t(Msg::BillCancel)}</h2>
            <p class="hint">{ctx.t(Msg::BillCancelHint)}</p>
            <ActionForm action=cancel attr:class="form" attr:data-testid="cancel-form" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <TextField name="reason" label=Msg::BillReason error/>
                <button type="submit" class="btn btn-danger" data-testid="invoice-cancel">{ctx.t(Msg::BillCancel)}</button>
            </ActionForm>
        </section>
    }
}
