//! The products and kits: those on sale, those low on stock, or all of them, found by SKU or
//! name, with their price, VAT and what is in stock. A plain GET form: works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{Msg, ProductView};

use super::vat_text;
use crate::i18n::{use_ctx, viewer_can, Ctx};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::billing::get_product_list;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let show = Memo::new(move |_| query.read().get("show").unwrap_or_default());
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let list = Resource::new(move || (show.get(), q.get()), |(show, q)| get_product_list(show, q));
    let filter = move |value: &'static str, label: Msg| {
        let href = if value.is_empty() { "/products".to_string() } else { format!("/products?show={value}") };
        view! {
            <a class="chip" class:chip-on=move || show.get() == value href=href
                aria-current=move || (show.get() == value).then_some("page")>{ctx.t(label)}</a>
        }
    };
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::ProdProducts))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::ProdProducts)}</h1>
            {viewer_can(types::Module::Products, types::Action::Create).then(|| view! {
                <a class="btn btn-primary" href="/products/new" data-testid="product-new">{ctx.t(Msg::ProdNew)}</a>
            })}
        </header>
        <nav class="chips" aria-label=ctx.t(Msg::FieldStatus)>
            {filter("", Msg::ProdFilterActive)}
            {filter("low", Msg::ProdLow)}
            {filter("all", Msg::ProdFilterAll)}
        </nav>
        <form method="get" action="/products" class="filters" role="search">
            <input type="hidden" name="show" value=move || show.get()/>
            <div class="field field-grow">
                <label for="products-q">{ctx.t(Msg::ProdSearch)}</label>
                <input id="products-q" type="search" name="q" value=move || q.get() data-testid="product-search"/>
            </div>
            <div class="filter-buttons"><button type="submit" class="btn">{ctx.t(Msg::HubSearch)}</button></div>
        </form>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(crate::error::AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="muted" data-testid="products-empty">{ctx.t(Msg::ProdEmpty)}</p> }.into_any(),
                    Ok(rows) => view! { <ProductTable rows ctx/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProductTable(rows: Vec<ProductView>, ctx: Ctx) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="products-table">
                <thead><tr>
                    <th scope="col">{ctx.t(Msg::ProdSku)}</th>
                    <th scope="col">{ctx.t(Msg::FieldName)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::ProdPrice)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::InvVat)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::ProdPriceWithVat)}</th>
                    <th scope="col" class="num">{ctx.t(Msg::ProdStock)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| view! {
                        <tr data-testid="product-row">
                            <td class="nowrap"><code>{p.sku.clone()}</code></td>
                            <td><a class="row-title" href=format!("/products/{}", p.id)>{p.name.clone()}</a>
                                " "<ProductBadges product=p.clone()/></td>
                            <td class="num nowrap">{ctx.money(p.price_cents)}</td>
                            <td class="num nowrap">{vat_text(ctx, p.vat_bp, p.exempt)}</td>
                            <td class="num nowrap">{ctx.money(p.price_with_vat_cents())}</td>
                            <td class="num nowrap" data-testid="product-stock">{p.stock}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "Low stock" for an active product at or below its threshold; "withdrawn" for an inactive one.
#[component]
pub fn ProductBadges(product: ProductView) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        {product.low_on_stock().then(|| view! {
            <span class="badge badge-overdue" data-testid="low-stock">{ctx.t(Msg::ProdLow)}</span>
        })}
        {(!product.active).then(|| view! { <span class="badge badge-cancelled">{ctx.t(Msg::ProdInactive)}</span> })}
    }
}
