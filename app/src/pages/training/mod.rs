//! Training operations' pages: workshops and their enrollments, the public catalogue, the course
//! catalogue and rooms, contracts with their sessions and participants, attendance, and today.

pub mod contract_detail;
pub mod contracts;
pub mod courses;
pub mod person_workshops;
pub mod public;
pub mod session;
pub mod today;
pub mod workshop_detail;
pub mod workshops;

use leptos::prelude::*;

use crate::i18n::use_ctx;

/// A state shown as a coloured pill: `badge badge-<state>`.
#[component]
pub fn StateBadge(state: &'static str, label: types::Msg) -> impl IntoView {
    let ctx = use_ctx();
    view! { <span class=format!("badge badge-{state}") data-testid="state">{ctx.t(label)}</span> }
}

/// `(value, label)` pairs from id/name pairs, with a leading empty choice labelled `none`.
pub fn id_options<I: std::fmt::Display>(items: &[(I, String)], none: Option<&str>) -> Vec<(String, String)> {
    none.map(|n| (String::new(), n.to_string()))
        .into_iter()
        .chain(items.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect()
}
