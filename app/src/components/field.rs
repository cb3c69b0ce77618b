//! A labelled form input with its translated error underneath, and the form-level error. The
//! server renders the error of a submission without JavaScript (`failed`); in the browser
//! `browser::forms` writes into the same places (`data-error-for`, `data-form-error`).

use leptos::prelude::*;
use types::{ApiError, Msg};

use crate::i18n::use_ctx;

/// The issue text for `name` in the last failed submission, translated.
pub fn field_error(error: Signal<Option<ApiError>>, name: &'static str) -> Signal<Option<String>> {
    let ctx = use_ctx();
    Signal::derive(move || error.get().and_then(|e| e.message_for(name, ctx.locale())))
}

/// The translated issue for a field named as the server names it, built at run time
/// (`lines.0.hours`).
pub fn issue_for(ctx: crate::i18n::Ctx, error: Signal<Option<ApiError>>, field: &str) -> Option<String> {
    error.with(|e| e.as_ref().and_then(|e| e.message_for(field, ctx.locale())))
}

/// An input with a label and, when the server refused it, the reason next to it.
#[component]
pub fn TextField(
    name: &'static str,
    label: Msg,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional, into)] value: String,
    error: Signal<Option<ApiError>>,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = format!("{id_prefix}{name}");
    let err_id = format!("{id}-error");
    let message = field_error(error, name);
    let hint = hint.map(|h| view! { <small class="hint">{ctx.t(h)}</small> });
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some()>
            <label for=id.clone()>{ctx.t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=value
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby=err_id.clone()
            />
            {hint}
            <p class="field-error" id=err_id data-testid=format!("error-{name}") data-error-for=name>{move || message.get()}</p>
        </div>
    }
}

/// A multi-line text input with its label and error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Msg,
    #[prop(optional, into)] value: String,
    #[prop(default = 3)] rows: u32,
    error: Signal<Option<ApiError>>,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = format!("{id_prefix}{name}");
    let err_id = format!("{id}-error");
    let message = field_error(error, name);
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some()>
            <label for=id.clone()>{ctx.t(label)}</label>
            <textarea
                id=id
                name=name
                rows=rows
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby=err_id.clone()
            >
                {value}
            </textarea>
            <p class="field-error" id=err_id data-testid=format!("error-{name}") data-error-for=name>{move || message.get()}</p>
        </div>
    }
}

/// A select with its label and error. `options` are (value, text) pairs; `selected` is a value.
#[component]
pub fn SelectField(
    name: &'static str,
    label: Msg,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    error: Signal<Option<ApiError>>,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = format!("{id_prefix}{name}");
    let err_id = format!("{id}-error");
    let message = field_error(error, name);
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some()>
            <label for=id.clone()>{ctx.t(label)}</label>
            <select id=id name=name aria-invalid=move || message.get().is_some().to_string() aria-describedby=err_id.clone()>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=err_id data-testid=format!("error-{name}") data-error-for=name>{move || message.get()}</p>
        </div>
    }
}

/// A checkbox with its label; sent as `on` when ticked.
#[component]
pub fn CheckField(
    name: &'static str,
    label: Msg,
    #[prop(optional)] checked: bool,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = format!("{id_prefix}{name}");
    view! {
        <div class="field field-check">
            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
            <label for=id>{ctx.t(label)}</label>
        </div>
    }
}

/// Where a refusal that no field shows appears (a conflict, a lost session), inside its form.
#[component]
pub fn FormError(error: Signal<Option<ApiError>>) -> impl IntoView {
    let ctx = use_ctx();
    let text = move || error.get().filter(|e| e.fields.is_empty()).map(|e| e.summary(ctx.locale()));
    view! {
        <div class="notice notice-error" role="alert" data-form-error hidden=move || text().is_none()>
            {text}
        </div>
    }
}

/// The duplicate guard's answer: a link to each look-alike record (`href` with `{id}`), filled
/// by the server after a submission without JavaScript and by `browser::forms` with it.
#[component]
pub fn DuplicateLinks(error: Signal<Option<ApiError>>, href: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let label = ctx.t(Msg::OrgDuplicateOf).replace("{name}", "#{id}");
    let ids = move || {
        error.get().map(|e| {
            e.fields
                .iter()
                .filter_map(|f| match f.issue {
                    types::FieldIssue::PossibleDuplicate { id } | types::FieldIssue::TaxIdTaken { id } if id > 0 => {
                        Some(id)
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let links =
        {
            let label = label.clone();
            move || {
                ids().unwrap_or_default().into_iter().map(|id| {
                let id = id.to_string();
                view! { <p><a href=href.replace("{id}", &id) target="_blank">{label.replace("{id}", &id)}</a></p> }
            }).collect_view()
            }
        };
    view! {
        <div class="notice notice-warn" data-testid="duplicate-warning" data-duplicate-links data-href=href data-label=label
            hidden=move || ids().is_none_or(|v| v.is_empty())>
            {links}
        </div>
    }
}
