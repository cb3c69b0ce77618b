//! The product form: SKU, name, price before VAT and its VAT, the low-stock threshold, whether it
//! is on sale, the workshops that hand it out (one per participant), and for a new product the
//! units on hand. The stock itself changes only through moves, on the product's page.

use leptos::prelude::*;
use leptos_meta::Title;
use types::fmt::money_input;
use types::{KitWorkshop, Msg, ProductView, WorkshopId};

use super::{vat_choice, vat_options};
use crate::components::field::{field_error, CheckField, FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::crm::use_id_param;
use crate::pages::errors::{record_page, ErrorNotice};
use crate::serverfns::billing::{get_kit_workshops, get_product_page, SaveProduct};

#[component]
pub fn ProductNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let workshops = Resource::new(|| (), |_| get_kit_workshops());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::ProdNew))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/products">{ctx.t(Msg::ProdProducts)}</a></p>
            <h1>{ctx.t(Msg::ProdNew)}</h1>
        </header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match workshops.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(w) => view! { <ProductForm workshops=w initial=None/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let page = Resource::new(move || id.get(), get_product_page);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::ProdEdit))/>
        {record_page(page, move |p| {
            let back = format!("/products/{}", p.product.id);
            view! {
                <header class="page-header">
                    <p class="breadcrumb"><a href="/products">{ctx.t(Msg::ProdProducts)}</a>" / "<a href=back>{p.product.name.clone()}</a></p>
                    <h1>{ctx.t(Msg::ProdEdit)}</h1>
                </header>
                <ProductForm workshops=p.workshops initial=Some(p.product)/>
            }
        })}
    }
}

#[component]
fn ProductForm(workshops: Vec<KitWorkshop>, initial: Option<ProductView>) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveProduct>::new();
    let error = failed(save);
    let vats = vat_options(ctx);
    let p = initial.clone();
    let v = move |f: fn(&ProductView) -> String| p.as_ref().map(f).unwrap_or_default();
    let vat = initial.as_ref().map(|p| vat_choice(p.vat_bp, p.exempt)).unwrap_or_else(|| "21".into());
    let linked: Vec<WorkshopId> =
        initial.as_ref().map(|p| p.workshops.iter().map(|w| w.workshop_id).collect()).unwrap_or_default();
    let is_new = initial.is_none();
    let active = initial.as_ref().is_none_or(|p| p.active);
    let workshop_error = field_error(error, "workshop_ids");
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="product-form" attr:novalidate=true
                attr:data-done-href="/products/{id}" attr:data-done-toast=ctx.t(Msg::ProdSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=v(|p| p.id.to_string())/>
                <div class="form-grid">
                    <TextField name="sku" label=Msg::ProdSku hint=Msg::ProdSkuHint required=true value=v(|p| p.sku.clone()) error/>
                    <TextField name="name" label=Msg::FieldName required=true value=v(|p| p.name.clone()) error/>
                    <TextField name="price" label=Msg::ProdPrice required=true value=v(|p| money_input(p.price_cents)) error/>
                    <SelectField name="vat" label=Msg::InvVat options=vats selected=vat error/>
                    <TextField name="low_stock_threshold" kind="number" label=Msg::ProdLowThreshold hint=Msg::ProdLowThresholdHint
                        value=v(|p| p.low_stock_threshold.to_string()) error/>
                    {is_new.then(|| view! { <TextField name="initial_stock" kind="number" label=Msg::ProdInitialStock value="0" error/> })}
                </div>
                <TextArea name="description" label=Msg::ProdDescription value=v(|p| p.description.clone()) error/>
                <CheckField name="active" label=Msg::ProdActive checked=active/>
                <fieldset class="field" class:field-invalid=move || workshop_error.get().is_some() data-testid="product-workshops">
                    <legend>{ctx.t(Msg::ProdWorkshops)}</legend>
                    {if workshops.is_empty() {
                        view! { <p class="muted">{ctx.t(Msg::ProdNoWorkshops)}</p> }.into_any()
                    } else {
                        workshops.into_iter().map(|k| {
                            let w = k.workshop_id;
                            let id = format!("product-workshop-{w}");
                            let title = format!("{} · {}", k.title, ctx.date(k.starts_at));
                            view! {
                                <div class="field-check">
                                    <input type="checkbox" id=id.clone() name="workshop_ids[]" value=w.0 checked=linked.contains(&w)/>
                                    <label for=id>{title}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                    <p class="field-error" data-testid="error-workshop_ids" data-error-for="workshop_ids">{move || workshop_error.get()}</p>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="product-save">{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
