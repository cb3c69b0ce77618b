//! Short messages in the corner that confirm an action or report a failure.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// The toast queue; `push` shows a message for a few seconds.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| v.push(Toast { id, kind, text: text.into() }));
        let items = self.items;
        set_timeout(move || items.update(|v| v.retain(|t| t.id != id)), Duration::from_secs(6));
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

/// Makes the toast queue available to the page.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts { items: RwSignal::new(Vec::new()), next: StoredValue::new(0) };
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where the toasts appear.
#[component]
pub fn ToastRegion(close_label: &'static str) -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div class="toast" class:toast-error=toast.kind == ToastKind::Error data-testid="toast">
                    <span>{toast.text.clone()}</span>
                    <button type="button" class="toast-close" aria-label=close_label on:click=move |_| toasts.dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
