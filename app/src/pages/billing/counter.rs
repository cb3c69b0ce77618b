//! The reception counter: sell products with big touch targets (a tablet at the door) — up to four
//! lines of a product and how many, the payment method, and a simplified invoice or, when the
//! client asks, a full one — then today's sales with the day's total. A plain form: it works
//! without JavaScript and adds no WebAssembly.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{InvoicePaymentMethod, Msg, SaleChoices, SaleView};

use crate::components::field::{issue_for, FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::billing::{get_sale_choices, RecordSale, SALE_LINES};

#[component]
pub fn CounterPage() -> impl IntoView {
    let ctx = use_ctx();
    let choices = Resource::new(|| (), |_| get_sale_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::SaleCounter))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::SaleCounter)}</h1>
        </header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) => view! {
                        <div class="counter">
                            {if c.issuers.is_empty() {
                                view! { <p class="notice" data-testid="no-issuer">{ctx.t(Msg::SaleNoIssuer)}</p> }.into_any()
                            } else if c.products.is_empty() {
                                view! { <p class="notice">{ctx.t(Msg::SaleNoProducts)}</p> }.into_any()
                            } else {
                                view! { <SaleForm choices=c.clone()/> }.into_any()
                            }}
                            <TodaySales sales=c.today ctx/>
                        </div>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SaleForm(choices: SaleChoices) -> impl IntoView {
    let ctx = use_ctx();
    let sell = ServerAction::<RecordSale>::new();
    let error = failed(sell);
    let products: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::SaleChooseProduct).to_string()))
        .chain(choices.products.iter().map(|p| {
            let left = ctx.t(Msg::SaleLeft).replace("{n}", &p.stock.to_string());
            (p.id.to_string(), format!("{} · {} · {left}", p.name, ctx.money(p.price_with_vat_cents())))
        }))
        .collect();
    let issuers: Vec<(String, String)> =
        choices.issuers.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let has_clients = !choices.clients.is_empty();
    let clients: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::BillNoClient).to_string()))
        .chain(choices.clients.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect();
    let methods = [
        InvoicePaymentMethod::Cash,
        InvoicePaymentMethod::Card,
        InvoicePaymentMethod::Bizum,
        InvoicePaymentMethod::Transfer,
    ];
    view! {
        <section class="card">
            <ActionForm action=sell attr:class="form form-wide" attr:data-testid="sale-form" attr:novalidate=true
                attr:data-done-href="/sales/{id}" attr:data-done-toast=ctx.t(Msg::SaleDone)>
                <FormError error/>
                {if issuers.len() > 1 {
                    view! { <SelectField name="issuer_id" label=Msg::BillIssuer options=issuers error/> }.into_any()
                } else {
                    view! { <input type="hidden" name="issuer_id" value=issuers.first().map(|i| i.0.clone()).unwrap_or_default()/> }.into_any()
                }}
                <div class="sale-lines">
                    {(0..SALE_LINES).map(|n| {
                        let product = format!("lines.{n}.product_id");
                        let quantity = format!("lines.{n}.quantity");
                        let (p1, p2, q1, q2) = (product.clone(), product.clone(), quantity.clone(), quantity.clone());
                        let options = products.clone();
                        view! {
                            <div class="sale-line" data-testid="sale-line">
                                <div class="field" class:field-invalid=move || issue_for(ctx, error, &p1).is_some()>
                                    <label for=format!("sale-product-{n}")>{format!("{} {}", ctx.t(Msg::SaleProduct), n + 1)}</label>
                                    <select id=format!("sale-product-{n}") name=format!("lines[{n}][product_id]")>
                                        {options.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field" class:field-invalid=move || issue_for(ctx, error, &q1).is_some()>
                                    <label for=format!("sale-quantity-{n}")>{format!("{} {}", ctx.t(Msg::ProdQuantity), n + 1)}</label>
                                    <input id=format!("sale-quantity-{n}") name=format!("lines[{n}][quantity]") type="number" min="1"
                                        inputmode="numeric" placeholder="1"/>
                                </div>
                                // A line's refusals read across the line: the units column is narrow.
                                <p class="field-error" data-error-for=product>{move || issue_for(ctx, error, &p2)}</p>
                                <p class="field-error" data-testid=format!("error-lines.{n}.quantity") data-error-for=quantity>
                                    {move || issue_for(ctx, error, &q2)}
                                </p>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" data-testid="error-lines" data-error-for="lines">{move || issue_for(ctx, error, "lines")}</p>
                </div>
                <fieldset class="field">
                    <legend>{ctx.t(Msg::WsPayMethod)}</legend>
                    <div class="pill-choices">
                        {methods.iter().enumerate().map(|(i, m)| view! {
                            <label class="pill-choice">
                                <input type="radio" name="payment_method" value=m.as_str() checked=i == 0/>
                                <span>{ctx.t(m.label())}</span>
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="field-error" data-error-for="payment_method">{move || issue_for(ctx, error, "payment_method")}</p>
                </fieldset>
                <fieldset class="field">
                    <legend>{ctx.t(Msg::SaleInvoiceKind)}</legend>
                    <div class="pill-choices">
                        <label class="pill-choice"><input type="radio" name="kind" value="F2" checked=true/><span>{ctx.t(Msg::InvoiceKindF2)}</span></label>
                        <label class="pill-choice"><input type="radio" name="kind" value="F1"/><span>{ctx.t(Msg::SaleFullInvoice)}</span></label>
                    </div>
                    <p class="field-error" data-testid="error-kind" data-error-for="kind">{move || issue_for(ctx, error, "kind")}</p>
                </fieldset>
                <details class="sale-client">
                    <summary>{ctx.t(Msg::SaleFullHint)}</summary>
                    <div class="form-grid">
                        {has_clients.then(|| view! { <SelectField name="organization_id" label=Msg::BillClient options=clients error/> })}
                        <TextField name="recipient_name" label=Msg::BillRecipientName error/>
                        <TextField name="recipient_tax_id" label=Msg::BillRecipientTaxId error/>
                    </div>
                    <TextArea name="recipient_address" label=Msg::OrgAddress rows=2 error/>
                </details>
                <TextField name="reference" label=Msg::WsPayReference error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary btn-block btn-large" data-testid="sale-submit">{ctx.t(Msg::SaleSubmit)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn TodaySales(sales: Vec<SaleView>, ctx: Ctx) -> impl IntoView {
    let total: i64 = sales.iter().map(|s| s.total_cents).sum();
    view! {
        <section class="card" data-testid="today-sales">
            <h2>{ctx.t(Msg::SaleToday)}</h2>
            {if sales.is_empty() {
                view! { <p class="muted">{ctx.t(Msg::SaleTodayEmpty)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{ctx.t(Msg::AuditWhen)}</th>
                                <th scope="col">{ctx.t(Msg::InvNumber)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::SaleItems)}</th>
                                <th scope="col">{ctx.t(Msg::WsPayMethod)}</th>
                                <th scope="col" class="num">{ctx.t(Msg::PropTotal)}</th>
                            </tr></thead>
                            <tbody>
                                {sales.into_iter().map(|s| view! {
                                    <tr data-testid="sale-row">
                                        <td class="nowrap">{ctx.time(s.at)}</td>
                                        <td class="nowrap"><a href=format!("/sales/{}", s.id)>{s.invoice_number.clone()}</a></td>
                                        <td class="num">{s.lines.iter().map(|l| l.quantity.unwrap_or(1)).sum::<i64>()}</td>
                                        <td>{ctx.t(s.payment_method.label())}</td>
                                        <td class="num nowrap">{ctx.money(s.total_cents)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="totals-line" data-testid="today-total"><strong>{format!("{}: {}", ctx.t(Msg::SaleTodayTotal), ctx.money(total))}</strong></p>
                }.into_any()
            }}
        </section>
    }
}
