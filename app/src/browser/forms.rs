//! Server-function forms sent without leaving the page. The server renders every form of a page
//! as plain HTML posting to its server function (`/api/fn/…`), which works without JavaScript
//! too; in the browser this module takes the submit, sends the same fields asking for JSON, and
//! then:
//!
//! - on a refusal, writes each field's translated reason into the form's `[data-error-for=field]`
//!   (or its `data-error-text`) and marks the input `aria-invalid`; a refusal no field shows goes
//!   into `[data-form-error]`
//!   (or a toast); elements `[data-on-issue=code]` show while a field has that issue (the
//!   duplicate guard's "create anyway"), and `[data-duplicate-links]` lists the records named;
//! - on a success, shows the form's `data-done-toast` (or the `data-done-message` built from the
//!   answer, `components::outcome`) and either goes to `data-done-href` (`{id}`
//!   and other `{fields}` come from the answer), or stays (`data-done="stay"`), or refreshes the
//!   page in place (the default, [`super::page::refresh`]); `data-done-reveal` names an element to
//!   show with its `[data-fill=field]` children filled from the answer (a secret shown once).
//!
//! Forms inside islands submit through their own `ActionForm` and never reach this module (their
//! handler prevents the default first).

use leptos::prelude::document;
use leptos::task::spawn_local;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, RequestInit, SubmitEvent};

use types::{ApiError, ErrorKind, FieldIssue};

use super::page;
use super::toasts;
use crate::components::outcome::{self, fill};
use crate::components::toast::ToastKind;

/// Where the server functions answer.
const SERVER_FN_PREFIX: &str = "/api/fn/";

/// Takes the submits of every server-function form on the page, present and future.
pub fn install() {
    let on_submit = Closure::<dyn FnMut(SubmitEvent)>::new(|ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let action = form.get_attribute("action").unwrap_or_default();
        if !action.starts_with(SERVER_FN_PREFIX) || !form.method().eq_ignore_ascii_case("post") {
            return;
        }
        ev.prevent_default();
        if form.has_attribute("data-busy") {
            return;
        }
        spawn_local(submit(form, action, ev.submitter()));
    });
    let _ = document().add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

/// Sends `form` to `action` and shows what came back.
async fn submit(form: HtmlFormElement, action: String, submitter: Option<HtmlElement>) {
    let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
    if let Some(name) = submitter.as_ref().and_then(|s| s.get_attribute("name")) {
        let value = submitter.as_ref().and_then(|s| s.get_attribute("value")).unwrap_or_default();
        let _ = data.append_with_str(&name, &value);
    }
    let init = RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().expect("headers");
    let _ = headers.set("Accept", "application/json");
    init.set_headers(&headers);
    if form.enctype().eq_ignore_ascii_case("multipart/form-data") {
        init.set_body(&data);
    } else {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        init.set_body(&params);
    }
    // Before the buttons are disabled, which takes the focus from the one pressed.
    let focus = page::FocusHint::take();
    busy(&form, true);
    let answer = page::fetch_text(&action, &init).await;
    busy(&form, false);
    clear_errors(&form);
    match answer {
        Some((response, body)) if response.ok() => {
            let value = serde_json::from_str::<Value>(&body).unwrap_or(Value::Null);
            done(&form, &value, focus).await;
        }
        Some((_, body)) => {
            let error = serde_json::from_str::<ApiError>(&body).unwrap_or_else(|_| ApiError::internal());
            refused(&form, &error, focus);
        }
        None => refused(&form, &ApiError::new(ErrorKind::Unavailable), focus),
    }
}

/// While the server works: the form takes no second submit and its buttons say so.
fn busy(form: &HtmlFormElement, on: bool) {
    if on {
        let _ = form.set_attribute("data-busy", "");
        let _ = form.set_attribute("aria-busy", "true");
    } else {
        let _ = form.remove_attribute("data-busy");
        let _ = form.remove_attribute("aria-busy");
    }
    for button in all(form, "button[type=submit], button:not([type])") {
        if on {
            let _ = button.set_attribute("disabled", "");
        } else {
            let _ = button.remove_attribute("disabled");
        }
        if let Some(pending) = button.get_attribute("data-pending-label") {
            // The label it had goes where the pending one was, so the next swap restores it.
            let now = button.text_content().unwrap_or_default();
            button.set_text_content(Some(&pending));
            let _ = button.set_attribute("data-pending-label", &now);
        }
    }
}

/// What a success does: the toast, then a new address, the page refreshed, or nothing more.
async fn done(form: &HtmlFormElement, answer: &Value, focus: page::FocusHint) {
    let toast = form
        .get_attribute("data-done-message")
        .and_then(|kind| outcome::message(&kind, answer, page::ctx()))
        .or_else(|| form.get_attribute("data-done-toast"))
        .filter(|t| !t.is_empty());
    if let Some(href) = form.get_attribute("data-done-href") {
        if let Some(t) = &toast {
            toasts::flash(ToastKind::Success, t);
        }
        page::go(&fill(&href, answer));
        return;
    }
    if form.has_attribute("data-done-reset") {
        form.reset();
    }
    let reveal = form.get_attribute("data-done-reveal");
    if form.get_attribute("data-done").as_deref() == Some("stay") {
        focus.restore();
    } else {
        page::refresh_keeping(focus).await;
    }
    if let Some(box_el) = reveal.and_then(|id| document().get_element_by_id(&id)) {
        for slot in all(&box_el, "[data-fill]") {
            let key = slot.get_attribute("data-fill").unwrap_or_default();
            let mut text = fill(&format!("{{{key}}}"), answer);
            if slot.has_attribute("data-fill-origin") {
                text = format!("{}{text}", leptos::prelude::window().location().origin().unwrap_or_default());
            }
            slot.set_text_content(Some(&text));
        }
        let _ = box_el.remove_attribute("hidden");
    }
    if let Some(t) = toast {
        toasts::push(ToastKind::Success, &t);
    }
}

/// Shows a refusal: next to each field, for the whole form, or as a toast; the keyboard goes to
/// the first field refused (or back where it was).
fn refused(form: &HtmlFormElement, error: &ApiError, focus: page::FocusHint) {
    if error.kind == ErrorKind::Unauthorized {
        // The session ended: sign in again and come back here.
        let location = leptos::prelude::window().location();
        let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        page::go(&format!("/login?next={}", crate::components::guard::encode_component(&here)));
        return;
    }
    let locale = page::locale();
    let mut elsewhere = Vec::new();
    for f in &error.fields {
        let message = error.message_for(&f.field, locale).unwrap_or_default();
        let slot = form.query_selector(&format!("[data-error-for=\"{}\"]", f.field)).ok().flatten();
        match slot {
            Some(slot) => {
                // A slot may say it in the form's own words (`data-error-text`).
                let message = slot.get_attribute("data-error-text").unwrap_or(message);
                slot.set_text_content(Some(&message));
                if let Some(input) = form.query_selector(&format!("[name=\"{}\"]", f.field)).ok().flatten() {
                    let _ = input.set_attribute("aria-invalid", "true");
                    if let Some(field) = input.closest(".field").ok().flatten() {
                        let _ = field.class_list().add_1("field-invalid");
                    }
                }
            }
            None => elsewhere.push(message),
        }
    }
    let codes: Vec<String> = error.fields.iter().map(|f| issue_code(f.issue)).collect();
    for el in all(form, "[data-on-issue]") {
        let shown = el.get_attribute("data-on-issue").is_some_and(|c| codes.contains(&c));
        set_hidden(&el, !shown);
    }
    for list in all(form, "[data-duplicate-links]") {
        list_duplicates(&list, error);
    }
    if error.fields.is_empty() || !elsewhere.is_empty() {
        let text = if error.fields.is_empty() { error.summary(locale) } else { elsewhere.join(" ") };
        match form.query_selector("[data-form-error]").ok().flatten() {
            Some(slot) => {
                slot.set_text_content(Some(&text));
                set_hidden(&slot, false);
            }
            None => toasts::push(ToastKind::Error, &text),
        }
    }
    match form.query_selector("[aria-invalid=true]").ok().flatten().and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        Some(first) => {
            let _ = first.focus();
        }
        None => focus.restore(),
    }
}

/// Takes away what the last refusal showed.
fn clear_errors(form: &HtmlFormElement) {
    for slot in all(form, "[data-error-for]") {
        slot.set_text_content(None);
    }
    for input in all(form, "[aria-invalid=true]") {
        let _ = input.set_attribute("aria-invalid", "false");
    }
    for field in all(form, ".field-invalid") {
        let _ = field.class_list().remove_1("field-invalid");
    }
    for slot in all(form, "[data-form-error]") {
        slot.set_text_content(None);
        set_hidden(&slot, true);
    }
}

/// A link to each record a duplicate issue names, after `list`'s `data-href` and `data-label`.
fn list_duplicates(list: &Element, error: &ApiError) {
    list.set_inner_html("");
    let href = list.get_attribute("data-href").unwrap_or_default();
    let label = list.get_attribute("data-label").unwrap_or_default();
    let ids = error.fields.iter().filter_map(|f| match f.issue {
        FieldIssue::PossibleDuplicate { id } | FieldIssue::TaxIdTaken { id } if id > 0 => Some(id),
        _ => None,
    });
    let doc = document();
    let mut any = false;
    for id in ids {
        let (Ok(p), Ok(a)) = (doc.create_element("p"), doc.create_element("a")) else { continue };
        let _ = a.set_attribute("href", &href.replace("{id}", &id.to_string()));
        let _ = a.set_attribute("target", "_blank");
        a.set_text_content(Some(&label.replace("{id}", &id.to_string())));
        let _ = p.append_child(&a);
        let _ = list.append_child(&p);
        any = true;
    }
    set_hidden(list, !any);
}

/// The code an issue is sent with (`possible_duplicate`).
fn issue_code(issue: FieldIssue) -> String {
    serde_json::to_value(issue)
        .ok()
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

/// The elements under `root` that match `selector`.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok())).collect()
}

fn set_hidden(el: &Element, hidden: bool) {
    if hidden {
        let _ = el.set_attribute("hidden", "");
    } else {
        let _ = el.remove_attribute("hidden");
    }
}
