//! Page guards: anonymous visitors go to the login page, the wrong role sees "not allowed".

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use types::Role;

use crate::i18n::use_viewer;
use crate::pages::errors::ForbiddenPage;

/// Renders `children` only for a signed-in user whose role includes `role`.
#[component]
pub fn RequireRole(role: Role, children: Children) -> impl IntoView {
    match &use_viewer().user {
        None => {
            let location = use_location();
            let next = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked().trim());
            let next = if next.ends_with('?') { next.trim_end_matches('?').to_string() } else { next };
            view! { <Redirect path=format!("/login?next={}", encode_component(&next))/> }.into_any()
        }
        Some(user) if !user.role.includes(role) => view! { <ForbiddenPage/> }.into_any(),
        Some(_) => children().into_any(),
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A local path to return to after signing in; anything else (other hosts) becomes `/`.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.starts_with("/login"))
        .unwrap_or_else(|| "/".to_string())
}
