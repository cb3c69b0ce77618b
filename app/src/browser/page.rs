//! The page on screen: who is looking (read once from the server's render), going to another
//! address, and refreshing the parts of the page the server marked `data-refresh` in place.

use std::cell::{Cell, OnceCell};

use leptos::prelude::document;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, RequestInit, Response};

use types::Locale;

use crate::i18n::Ctx;

thread_local! {
    static CTX: OnceCell<Ctx> = const { OnceCell::new() };
    static REFRESHES: Cell<u64> = const { Cell::new(0) };
}

/// What the browser reads of the viewer the server rendered the page for: the language and the
/// centre's zone (the rest, a user with dates, would only weigh on every page's code).
#[derive(serde::Deserialize)]
struct PageLanguage {
    locale: Locale,
    time_zone: String,
}

#[wasm_bindgen(inline_js = "export function hydrate_islands_in(el) { \
    if (window.__aulaHydrateIslands) { return window.__aulaHydrateIslands(el); } }")]
extern "C" {
    /// Hydrates the islands inside `el` (the loader in `public/hydrate.js` defines it).
    fn hydrate_islands_in(el: &Element) -> JsValue;
}

/// The language and time zone the server rendered the page in.
pub fn ctx() -> Ctx {
    CTX.with(|c| {
        *c.get_or_init(|| {
            let language = document()
                .get_element_by_id(crate::VIEWER_ELEMENT_ID)
                .and_then(|e| e.text_content())
                .and_then(|json| serde_json::from_str::<PageLanguage>(&json).ok());
            match language {
                Some(l) => Ctx::from_parts(l.locale, &l.time_zone),
                None => Ctx::new(&types::Viewer::anonymous()),
            }
        })
    })
}

/// The viewer's language.
pub fn locale() -> Locale {
    ctx().locale
}

/// Goes to `href` (a full navigation: every page comes from the server).
pub fn go(href: &str) {
    let _ = leptos::prelude::window().location().assign(href);
}

/// Fetches `url` with `init` and answers the status and the body's text; `None` when the server
/// could not be reached.
pub async fn fetch_text(url: &str, init: &RequestInit) -> Option<(Response, String)> {
    let promise = leptos::prelude::window().fetch_with_str_and_init(url, init);
    let response: Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
    Some((response, text))
}

/// Renders the current address again on the server and puts the parts marked `data-refresh`
/// (the page's `<main>`, the bell) in place of the old ones, hydrating the islands they hold.
/// What the user typed elsewhere on the page stays. A later refresh supersedes an earlier one
/// still in flight; if the address now answers elsewhere (signed out), the browser goes there.
pub async fn refresh() {
    refresh_keeping(FocusHint::take()).await;
}

/// [`refresh`], then the keyboard goes back to `focus` (taken before the refresh was asked for,
/// e.g. before a form disabled the button that had it).
pub async fn refresh_keeping(focus: FocusHint) {
    let seq = REFRESHES.with(|r| {
        r.set(r.get() + 1);
        r.get()
    });
    let href = leptos::prelude::window().location().href().unwrap_or_default();
    let init = RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().expect("headers");
    let _ = headers.set("Accept", "text/html");
    init.set_headers(&headers);
    let Some((response, html)) = fetch_text(&href, &init).await else { return };
    if REFRESHES.with(|r| r.get()) != seq {
        return;
    }
    if response.redirected() {
        go(&response.url());
        return;
    }
    let Ok(parser) = web_sys::DomParser::new() else { return };
    let Ok(fresh) = parser.parse_from_string(&html, web_sys::SupportedType::TextHtml) else { return };
    let doc = document();
    doc.set_title(&fresh.title());
    let Ok(old) = doc.query_selector_all("[data-refresh][id]") else { return };
    for i in 0..old.length() {
        let Some(old) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some(new) = fresh.get_element_by_id(&old.id()) else { continue };
        let Ok(new) = doc.import_node_with_deep(&new, true) else { continue };
        let Ok(new) = new.dyn_into::<Element>() else { continue };
        if old.replace_with_with_node_1(&new).is_ok() {
            let _ = hydrate_islands_in(&new);
        }
    }
    focus.restore();
}

/// Where the keyboard was before a refresh replaced it: the focused element's id, or the form it
/// was in (by its `data-testid`), so the focus lands on the same place in the new page.
pub enum FocusHint {
    Id(String),
    Form(String),
    None,
}

impl FocusHint {
    /// Where the keyboard is now.
    pub fn take() -> Self {
        let Some(active) = document().active_element() else { return FocusHint::None };
        if !active.id().is_empty() {
            return FocusHint::Id(active.id());
        }
        match active.closest("form[data-testid]").ok().flatten().and_then(|f| f.get_attribute("data-testid")) {
            Some(testid) => FocusHint::Form(testid),
            None => FocusHint::None,
        }
    }

    /// Puts the keyboard back there.
    pub fn restore(self) {
        let doc = document();
        let target = match self {
            FocusHint::Id(id) => doc.get_element_by_id(&id),
            FocusHint::Form(testid) => doc
                .query_selector(&format!(
                    "form[data-testid=\"{testid}\"] :is(input:not([type=hidden]), select, textarea, button)"
                ))
                .ok()
                .flatten(),
            FocusHint::None => None,
        };
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
}
