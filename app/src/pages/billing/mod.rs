//! Billing pages: the invoices (list, draft form, the invoice's page with its actions, payments
//! and fiscal records), the issuing companies with their series, the products with their
//! stock, and the reception counter's sales. Plain server-rendered forms: they work without JavaScript and add nothing to any page's
//! WebAssembly.

pub mod counter;
pub mod invoice;
pub mod invoice_form;
pub mod invoices;
pub mod issuers;
pub mod product;
pub mod product_form;
pub mod products;
pub mod sale;

use leptos::prelude::*;
use types::{CollectionStatus, InvoiceState};

use crate::i18n::{use_ctx, Ctx};

/// The invoice's state, and for an issued one where it stands with its payments.
#[component]
pub fn InvoiceBadges(state: InvoiceState, collection: Option<CollectionStatus>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <span class=format!("badge badge-{}", state.as_str()) data-testid="state">{ctx.t(state.label())}</span>
        {collection.map(|c| view! {
            " "<span class=format!("badge badge-{}", c.as_str()) data-testid="collection">{ctx.t(c.label())}</span>
        })}
    }
}

/// A VAT as shown: the rate (`21 %`), or "exempt".
pub fn vat_text(ctx: Ctx, vat_bp: i64, exempt: bool) -> String {
    if exempt {
        ctx.t(types::Msg::InvExempt).to_string()
    } else {
        types::fmt::percent(ctx.locale(), vat_bp)
    }
}

/// A VAT as the forms' selects write it: `exempt`, or the rate's whole percent (`21`).
pub fn vat_choice(vat_bp: i64, exempt: bool) -> String {
    if exempt {
        "exempt".into()
    } else {
        (vat_bp / 100).to_string()
    }
}

/// The forms' VAT choices: exempt, then the rates.
pub fn vat_options(ctx: Ctx) -> Vec<(String, String)> {
    std::iter::once(("exempt".to_string(), ctx.t(types::Msg::InvExempt).to_string()))
        .chain(["21", "10", "4", "0"].iter().map(|r| (r.to_string(), format!("{r} %"))))
        .collect()
}
