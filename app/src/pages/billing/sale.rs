//! A sale as the counter hands it over: what was sold, how it was paid, its invoice's number and
//! PDF (with its QR) to print or send, and the way back to the next sale.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, SaleView};

use super::vat_text;
use crate::i18n::{use_ctx, viewer_can};
use crate::pages::crm::use_id_param;
use crate::pages::errors::record_page;
use crate::serverfns::billing::get_sale_page;

#[component]
pub fn SalePage() -> impl IntoView {
    let id = use_id_param();
    let sale = Resource::new(move || id.get(), get_sale_page);
    record_page(sale, move |s| view! { <Receipt s/> })
}

#[component]
fn Receipt(s: SaleView) -> impl IntoView {
    let ctx = use_ctx();
    let title = format!("{} {}", ctx.t(s.invoice_kind.label()), s.invoice_number);
    view! {
        <Title text=format!("{title} · Aula")/>
        <header class="page-header page-header-row">
            <div>
                <p class="breadcrumb"><a href="/sales">{ctx.t(Msg::SaleCounter)}</a></p>
                <h1 data-testid="sale-title">{ctx.t(Msg::SaleDone)}</h1>
                <p class="muted">{format!("{title} · {} · {}", ctx.date_time(s.at), s.by)}</p>
            </div>
            <div class="actions">
                <a class="btn" href=format!("/api/v1/sales/{}/pdf", s.id) data-testid="sale-pdf" download="">{ctx.t(Msg::BillPdf)}</a>
                {viewer_can(types::Module::Billing, types::Action::View).then(|| view! {
                    <a class="btn" href=format!("/invoices/{}", s.invoice_id)>{ctx.t(Msg::SaleSeeInvoice)}</a>
                })}
                <a class="btn btn-primary" href="/sales" data-testid="sale-next">{ctx.t(Msg::SaleNew)}</a>
            </div>
        </header>
        <section class="card">
            {(!s.customer.is_empty()).then(|| view! { <p><strong>{s.customer.clone()}</strong></p> })}
            <div class="table-wrap">
                <table class="table" data-testid="sale-lines">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::SaleProduct)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::ProdQuantity)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropLinePrice)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::InvVat)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::PropTotal)}</th>
                    </tr></thead>
                    <tbody>
                        {s.lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.description.clone()}</td>
                                <td class="num">{l.quantity.unwrap_or(1)}</td>
                                <td class="num nowrap">{ctx.money(l.unit_cents)}</td>
                                <td class="num nowrap">{vat_text(ctx, l.vat_bp, l.exempt)}</td>
                                <td class="num nowrap">{ctx.money(l.base_cents + l.vat_cents)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals">
                <dt>{ctx.t(Msg::WsPayMethod)}</dt><dd data-testid="sale-method">{ctx.t(s.payment_method.label())}</dd>
                <dt class="totals-grand">{ctx.t(Msg::PropTotal)}</dt><dd class="totals-grand" data-testid="sale-total">{ctx.money(s.total_cents)}</dd>
            </dl>
        </section>
    }
}
