//! The signed-in frame in the browser: the sidebar collapses to icons (remembered), Escape closes
//! the tablet drawer, and the bell's count follows the server's notification stream. The markup
//! is the server's (`components::layout`, `components::nav`, `components::bell`); this only
//! changes classes, attributes and text on it.

use leptos::prelude::{document, window};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

/// Key under which the browser remembers a collapsed sidebar.
const COLLAPSED_KEY: &str = "aula.nav.collapsed";

/// Starts the frame's behaviours; nothing happens on a page without the frame.
pub fn install() {
    let doc = document();
    let Some(toggle) = doc.query_selector("[data-testid=nav-collapse]").ok().flatten() else { return };
    let storage = window().local_storage().ok().flatten();
    if storage.as_ref().and_then(|s| s.get_item(COLLAPSED_KEY).ok().flatten()).as_deref() == Some("1") {
        set_collapsed(&toggle, true);
    }
    let on_toggle = {
        let toggle = toggle.clone();
        Closure::<dyn FnMut()>::new(move || {
            let collapsed = toggle.get_attribute("aria-pressed").as_deref() != Some("true");
            set_collapsed(&toggle, collapsed);
            if let Some(s) = &storage {
                let _ = s.set_item(COLLAPSED_KEY, if collapsed { "1" } else { "0" });
            }
        })
    };
    let _ = toggle.add_event_listener_with_callback("click", on_toggle.as_ref().unchecked_ref());
    on_toggle.forget();

    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(drawer) =
                document().get_element_by_id("nav-drawer").and_then(|d| d.dyn_into::<HtmlInputElement>().ok())
            {
                drawer.set_checked(false);
            }
        }
    });
    let _ = window().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();

    follow_unread();
}

/// Collapses or expands the sidebar: the frame's class, the button's state and its label (the
/// server put both labels on it).
fn set_collapsed(toggle: &Element, collapsed: bool) {
    if let Some(shell) = document().query_selector(".shell").ok().flatten() {
        let _ = shell.class_list().toggle_with_force("nav-collapsed", collapsed);
    }
    let _ = toggle.set_attribute("aria-pressed", if collapsed { "true" } else { "false" });
    let label = toggle.get_attribute(if collapsed { "data-label-expand" } else { "data-label-collapse" });
    if let Some(label) = label {
        let _ = toggle.set_attribute("aria-label", &label);
        let _ = toggle.set_attribute("title", &label);
    }
}

/// Keeps the bell's badge and label on the unread count the server streams.
fn follow_unread() {
    let source = super::live::subscribe("/api/notifications/stream", "unread", |data| {
        if let Ok(n) = data.trim().parse::<i64>() {
            show_unread(n);
        }
    });
    // The stream lives as long as the page.
    std::mem::forget(source);
}

/// Writes `n` into the bell (looked up each time: a refresh may have replaced it).
pub fn show_unread(n: i64) {
    let doc = document();
    let Some(bell) = doc.get_element_by_id("bell") else { return };
    if let Some(template) = bell.get_attribute("data-label") {
        let label = template.replace("{n}", &n.to_string());
        let _ = bell.set_attribute("aria-label", &label);
        let _ = bell.set_attribute("title", &label);
    }
    if let Some(badge) = bell.query_selector("[data-testid=unread-count]").ok().flatten() {
        badge.set_text_content(Some(&if n > 99 { "99+".to_string() } else { n.to_string() }));
        if n == 0 {
            let _ = badge.set_attribute("hidden", "");
        } else {
            let _ = badge.remove_attribute("hidden");
        }
    }
}
