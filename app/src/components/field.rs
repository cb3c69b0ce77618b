//! A labelled form input with its translated error underneath.

use leptos::prelude::*;
use types::{ApiError, Msg};

use crate::i18n::use_ctx;

/// The issue text for `name` in the last failed submission, translated.
pub fn field_error(error: Signal<Option<ApiError>>, name: &'static str) -> Signal<Option<String>> {
    let ctx = use_ctx();
    Signal::derive(move || error.get().and_then(|e| e.message_for(name, ctx.locale())))
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
            <p class="field-error" id=err_id data-testid=format!("error-{name}")>{move || message.get()}</p>
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
            <p class="field-error" id=err_id data-testid=format!("error-{name}")>{move || message.get()}</p>
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
            <p class="field-error" id=err_id data-testid=format!("error-{name}")>{move || message.get()}</p>
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
