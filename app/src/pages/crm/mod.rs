//! The CRM core's pages: the client hub, organization and person pages and forms.

pub mod hub;
pub mod import;
pub mod org_detail;
pub mod org_form;
pub mod people;
pub mod person_data;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use types::{Msg, OrganizationQuery};

use crate::i18n::Ctx;

/// The numeric `:id` of the current route (0 when missing or not a number).
pub fn use_id_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0))
}

/// The choices of an enum as (value, label) pairs, with an optional leading "any"/"none" entry.
pub fn choice_options<T: Copy>(
    ctx: Ctx,
    all: &[T],
    as_str: fn(T) -> &'static str,
    label: fn(T) -> Msg,
    first: Option<Msg>,
) -> Vec<(String, String)> {
    first
        .map(|m| (String::new(), ctx.t(m).to_string()))
        .into_iter()
        .chain(all.iter().map(|v| (as_str(*v).to_string(), ctx.t(label(*v)).to_string())))
        .collect()
}

/// The address of the client hub for `q`.
pub fn hub_href(q: &OrganizationQuery) -> String {
    let s = q.to_query_string();
    if s.is_empty() {
        "/clients".into()
    } else {
        format!("/clients?{s}")
    }
}
