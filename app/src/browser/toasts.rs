//! Toasts: a message in the page's toast region (rendered by the server, empty) for six seconds,
//! with a close button. A toast pushed right before leaving the page is kept in the session's
//! storage and shown by the next page.

use std::time::Duration;

use leptos::prelude::{document, set_timeout, window};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::toast::ToastKind;

/// Where a toast waits for the next page.
const FLASH_KEY: &str = "aula.flash";

/// Shows `text` now.
pub fn push(kind: ToastKind, text: &str) {
    let doc = document();
    let Some(region) = doc.query_selector(".toasts").ok().flatten() else { return };
    let (Ok(toast), Ok(span), Ok(close)) =
        (doc.create_element("div"), doc.create_element("span"), doc.create_element("button"))
    else {
        return;
    };
    toast.set_class_name(if kind == ToastKind::Error { "toast toast-error" } else { "toast" });
    let _ = toast.set_attribute("data-testid", "toast");
    span.set_text_content(Some(text));
    close.set_class_name("toast-close");
    let _ = close.set_attribute("type", "button");
    let _ = close.set_attribute("aria-label", &region.get_attribute("data-close-label").unwrap_or_default());
    close.set_text_content(Some("×"));
    let _ = toast.append_child(&span);
    let _ = toast.append_child(&close);
    let _ = region.append_child(&toast);
    let on_close = {
        let toast = toast.clone();
        Closure::<dyn FnMut()>::new(move || toast.remove())
    };
    let _ = close.add_event_listener_with_callback("click", on_close.as_ref().unchecked_ref());
    on_close.forget();
    set_timeout(move || toast.remove(), Duration::from_secs(6));
}

/// Shows `text` on the next page (the current one is about to be left).
pub fn flash(kind: ToastKind, text: &str) {
    let Some(storage) = window().session_storage().ok().flatten() else { return };
    let mut waiting: Vec<(bool, String)> =
        storage.get_item(FLASH_KEY).ok().flatten().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    waiting.push((kind == ToastKind::Error, text.to_string()));
    if let Ok(json) = serde_json::to_string(&waiting) {
        let _ = storage.set_item(FLASH_KEY, &json);
    }
}

/// Shows what the previous page left for this one.
pub fn show_flashed() {
    let Some(storage) = window().session_storage().ok().flatten() else { return };
    let Some(json) = storage.get_item(FLASH_KEY).ok().flatten() else { return };
    let _ = storage.remove_item(FLASH_KEY);
    let waiting: Vec<(bool, String)> = serde_json::from_str(&json).unwrap_or_default();
    for (error, text) in waiting {
        push(if error { ToastKind::Error } else { ToastKind::Success }, &text);
    }
}
