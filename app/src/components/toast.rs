//! Short messages in the corner that confirm an action or report a failure. The server renders
//! the empty region; the browser fills it (`browser::toasts`), from a form's success, from an
//! island, or from the page before (a toast that survives a navigation).

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

/// Shows toasts from an island; does nothing on the server.
#[derive(Clone, Copy)]
pub struct Toasts;

impl Toasts {
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        #[cfg(feature = "hydrate")]
        crate::browser::toasts::push(kind, &text.into());
    }
}

pub fn use_toasts() -> Toasts {
    Toasts
}

/// Where the toasts appear.
#[component]
pub fn ToastRegion(close_label: &'static str) -> impl IntoView {
    view! { <div class="toasts" role="status" aria-live="polite" data-close-label=close_label></div> }
}
