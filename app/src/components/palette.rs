//! The command palette (Ctrl/Cmd+K, or the search button for touch): jump to any page the user
//! may open, or find a client, person, workshop or opportunity by name on the server (the same
//! accent-insensitive search as the lists). Works from the keyboard alone: arrows move, Enter
//! opens, Escape closes. An island: its button and dialog come from the server, hidden until the
//! page is live.

use leptos::prelude::*;
use types::{Msg, Perms, SearchHit};

use crate::components::nav::{pages_for, Icon, NavIcon};
use crate::i18n::use_ctx;

/// One line of the list: where it leads, its name, a line of detail, and its kind.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    href: String,
    label: String,
    detail: String,
    kind: &'static str,
}

/// The palette's button (for touch) and the palette it opens, as does Ctrl/Cmd+K.
#[island]
pub fn CommandPalette(perms: Perms) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    // The button shows once the page is live (an effect runs in the browser only).
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
                ev.prevent_default();
                open.update(|o| *o = !*o);
            }
        });
        // The palette lives as long as the page.
        std::mem::forget(handle);
    }
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    // The records found, with the query they answer (a late answer to an older query is dropped).
    let found: RwSignal<(String, Vec<SearchHit>)> = RwSignal::new((String::new(), Vec::new()));
    let searching = RwSignal::new(false);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let backdrop: NodeRef<leptos::html::Div> = NodeRef::new();

    let page_choices = move |q: &str| -> Vec<Choice> {
        let q = types::text::fold(q.trim());
        pages_for(perms)
            .filter(|p| q.is_empty() || types::text::fold(ctx.t(p.label)).contains(&q))
            .map(|p| Choice {
                href: p.href.to_string(),
                label: ctx.t(p.label).to_string(),
                detail: p.href.to_string(),
                kind: ctx.t(Msg::SearchPages),
            })
            .collect()
    };
    let choices = Memo::new(move |_| {
        let q = query.get();
        let mut all = page_choices(&q);
        let (answered, hits) = found.get();
        if answered == q.trim() {
            all.extend(hits.into_iter().map(|h| Choice {
                kind: ctx.t(h.kind.label()),
                href: h.href,
                label: h.label,
                detail: h.detail,
            }));
        }
        all
    });

    let close = move || {
        open.set(false);
        query.set(String::new());
        found.set((String::new(), Vec::new()));
        active.set(0);
    };
    let go = move |href: String| {
        close();
        #[cfg(feature = "hydrate")]
        crate::browser::page::go(&href);
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    };

    // Each change of the query asks the server after a short pause.
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        query.set(q.clone());
        active.set(0);
        let q = q.trim().to_string();
        if q.chars().count() < 2 {
            searching.set(false);
            return;
        }
        searching.set(true);
        let ask = move || {
            if query.get_untracked().trim() != q {
                return;
            }
            leptos::task::spawn_local(async move {
                let hits = crate::serverfns::search::find_records(q.clone()).await.unwrap_or_default();
                if query.get_untracked().trim() == q {
                    found.set((q, hits));
                    searching.set(false);
                }
            });
        };
        set_timeout(ask, std::time::Duration::from_millis(180));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = choices.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(c) = choices.with_untracked(|c| c.get(active.get_untracked()).cloned()) {
                    go(c.href);
                }
            }
            "Escape" => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    // Opening puts the cursor in the field at once, so keys typed right after Ctrl+K land in it.
    // This effect may run before the one that unhides the dialog, and a hidden field cannot take
    // the focus: it unhides the dialog itself first (the binding then sets the same value).
    Effect::new(move |_| {
        if open.get() {
            if let (Some(backdrop), Some(el)) = (backdrop.get(), input.get()) {
                backdrop.set_hidden(false);
                let _ = el.focus();
            }
        }
    });

    let list = move || {
        let mut last_kind = "";
        choices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let heading =
                    (c.kind != last_kind).then(|| view! { <li class="palette-kind" role="presentation">{c.kind}</li> });
                last_kind = c.kind;
                let href = c.href.clone();
                view! {
                    {heading}
                    <li id=format!("palette-opt-{i}") role="option" class="palette-option"
                        aria-selected=move || (active.get() == i).to_string()
                        on:mousemove=move |_| active.set(i)
                        on:click=move |ev| { ev.prevent_default(); go(href.clone()); }>
                        <a href=c.href.clone() tabindex="-1">
                            <span class="palette-label">{c.label}</span>
                            <span class="palette-detail">{c.detail}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let empty = move || {
        let q = query.get();
        (choices.with(Vec::is_empty) && !searching.get() && !q.trim().is_empty())
            .then(|| view! { <p class="palette-empty">{ctx.t(Msg::SearchNothing).replace("{q}", q.trim())}</p> })
    };

    view! {
        <button type="button" class="palette-button" hidden=move || !live.get() data-testid="palette-button"
            aria-label=ctx.t(Msg::SearchOpen) aria-keyshortcuts="Control+K Meta+K" on:click=move |_| open.set(true)>
            <NavIcon icon=Icon::Search/>
            <span class="palette-button-text">{ctx.t(Msg::SearchOpen)}</span>
            <kbd>"Ctrl K"</kbd>
        </button>
        <div class="palette-backdrop" node_ref=backdrop hidden=move || !open.get() on:click=move |_| close() data-testid="palette">
            <div class="palette" role="dialog" aria-modal="true" aria-label=ctx.t(Msg::SearchOpen)
                on:click=|ev| ev.stop_propagation()>
                <div class="palette-field">
                    <NavIcon icon=Icon::Search/>
                    <input node_ref=input id="palette-input" type="text" role="combobox" aria-expanded="true" aria-controls="palette-list"
                        aria-autocomplete="list" autocomplete="off" spellcheck="false"
                        aria-label=ctx.t(Msg::SearchOpen) placeholder=ctx.t(Msg::SearchPlaceholder)
                        aria-activedescendant=move || (!choices.with(Vec::is_empty)).then(|| format!("palette-opt-{}", active.get()))
                        prop:value=move || query.get() on:input=on_input on:keydown=on_keydown data-testid="palette-input"/>
                </div>
                <ul id="palette-list" role="listbox" class="palette-list" aria-label=ctx.t(Msg::SearchOpen)>{list}</ul>
                {empty}
                <p class="palette-status" aria-live="polite">
                    {move || if searching.get() { ctx.t(Msg::SearchSearching) } else { ctx.t(Msg::SearchHint) }}
                </p>
            </div>
        </div>
    }
}
