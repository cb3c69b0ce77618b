//! A product's page: its price and VAT, what is in stock and when that is low, the kits its
//! upcoming workshops need, a form to record a stock move (received, sold, adjusted with its
//! reason, returned) and the latest moves with who made them and why.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, ProductPage, StockMoveKind};

use super::products::ProductBadges;
use super::vat_text;
use crate::components::field::{FormError, SelectField, TextField};
use crate::error::failed;
use crate::i18n::{use_ctx, viewer_can};
use crate::pages::crm::{choice_options, use_id_param};
use crate::pages::errors::record_page;
use crate::serverfns::billing::{get_product_page, RecordStockMove};

#[component]
pub fn ProductDetailPage() -> impl IntoView {
    let id = use_id_param();
    let page = Resource::new(move || id.get(), get_product_page);
    record_page(page, move |p| view! { <ProductSheet p/> })
}

#[component]
fn ProductSheet(p: ProductPage) -> impl IntoView {
    let ctx = use_ctx();
    let ProductPage { product, moves, kits_needed, .. } = p;
    let id = product.id;
    let can_edit = viewer_can(types::Module::Products, types::Action::Edit);
    let facts = vec![
        (Msg::ProdSku, product.sku.clone()),
        (Msg::ProdPrice, ctx.money(product.price_cents)),
        (Msg::InvVat, vat_text(ctx, product.vat_bp, product.exempt)),
        (Msg::ProdPriceWithVat, ctx.money(product.price_with_vat_cents())),
        (Msg::ProdLowThreshold, product.low_stock_threshold.to_string()),
    ];
    let short = kits_needed - product.stock;
    view! {
        <Title text=format!("{} · Aula", product.name)/>
        <header class="page-header page-header-row">
            <div>
                <p class="breadcrumb"><a href="/products">{ctx.t(Msg::ProdProducts)}</a></p>
                <h1 data-testid="product-title">{product.name.clone()}</h1>
                <p><ProductBadges product=product.clone()/></p>
            </div>
            {can_edit.then(|| view! {
                <div class="actions">
                    <a class="btn" href=format!("/products/{id}/edit") data-testid="product-edit">{ctx.t(Msg::ProdEdit)}</a>
                </div>
            })}
        </header>
        <div class="stack">
            <div class="grid-2">
                <section class="card kpi">
                    <h2>{ctx.t(Msg::ProdStock)}</h2>
                    <p class="kpi-value" data-testid="product-stock">{product.stock}</p>
                    <dl class="facts">
                        {facts.into_iter().map(|(label, value)| view! { <dt>{ctx.t(label)}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                    {(!product.description.is_empty()).then(|| view! { <p class="pre-line">{product.description.clone()}</p> })}
                </section>
                {(!product.workshops.is_empty()).then(|| view! {
                    <section class="card" data-testid="product-kits">
                        <h2>{ctx.t(Msg::ProdKits)}</h2>
                        <ul class="plain-list">
                            {product.workshops.iter().map(|w| view! {
                                <li><a href=format!("/workshops/{}", w.workshop_id)>{w.title.clone()}</a>
                                    {format!(" · {} · {} {}", ctx.date(w.starts_at), w.confirmed, ctx.t(Msg::CtParticipants).to_lowercase())}</li>
                            }).collect_view()}
                        </ul>
                        <p data-testid="kits-needed">{ctx.t(Msg::ProdKitsNeeded).replace("{n}", &kits_needed.to_string())}</p>
                        {(short > 0).then(|| view! {
                            <p class="notice notice-error" data-testid="kits-short">{ctx.t(Msg::ProdKitsShort).replace("{n}", &short.to_string())}</p>
                        })}
                    </section>
                })}
            </div>
            {can_edit.then(|| view! { <StockMoveForm id=id.0/> })}
            <section class="card" data-testid="stock-moves">
                <h2>{ctx.t(Msg::ProdMoves)}</h2>
                {if moves.is_empty() {
                    view! { <p class="muted">{ctx.t(Msg::ProdNoMoves)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{ctx.t(Msg::AuditWhen)}</th>
                                    <th scope="col">{ctx.t(Msg::ProdMoveKind)}</th>
                                    <th scope="col" class="num">{ctx.t(Msg::ProdQuantity)}</th>
                                    <th scope="col" class="num">{ctx.t(Msg::ProdStockAfter)}</th>
                                    <th scope="col">{ctx.t(Msg::ProdReason)}</th>
                                    <th scope="col">{ctx.t(Msg::AuditWho)}</th>
                                </tr></thead>
                                <tbody>
                                    {moves.into_iter().map(|m| view! {
                                        <tr data-testid="stock-move">
                                            <td class="nowrap">{ctx.date_time(m.at)}</td>
                                            <td>{ctx.t(m.kind.label())}</td>
                                            <td class="num nowrap">{if m.quantity > 0 { format!("+{}", m.quantity) } else { m.quantity.to_string() }}</td>
                                            <td class="num nowrap">{m.stock_after}</td>
                                            <td>{m.reason}</td>
                                            <td>{m.by}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn StockMoveForm(id: i64) -> impl IntoView {
    let ctx = use_ctx();
    let record = ServerAction::<RecordStockMove>::new();
    let error = failed(record);
    let kinds = choice_options(ctx, StockMoveKind::ALL, StockMoveKind::as_str, StockMoveKind::label, None);
    view! {
        <section class="card">
            <h2>{ctx.t(Msg::ProdRecordMove)}</h2>
            <ActionForm action=record attr:class="form form-wide" attr:data-testid="stock-move-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(Msg::ProdMoveSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <div class="form-grid">
                    <SelectField name="kind" label=Msg::ProdMoveKind options=kinds selected="received" error/>
                    <TextField name="quantity" kind="number" label=Msg::ProdQuantity hint=Msg::ProdQuantityHint error/>
                    <TextField name="reason" label=Msg::ProdReason hint=Msg::ProdReasonHint error/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="stock-move-save">{ctx.t(Msg::ProdRecordMove)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
