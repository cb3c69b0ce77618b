//! Page guards: anonymous visitors go to the login page, a role without the page's permission
//! sees "not allowed".

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use types::Perm;

use crate::i18n::use_viewer;
use crate::pages::errors::ForbiddenPage;

/// Renders `children` only for a signed-in user whose role grants `need` (`None`: anyone signed in).
#[component]
pub fn RequireSignIn(need: Option<Perm>, children: Children) -> impl IntoView {
    match &use_viewer().user {
        None => {
            let location = use_location();
            let next = path_with_query(&location.pathname.get_untracked(), &location.search.get_untracked());
            view! { <Redirect path=format!("/login?next={}", encode_component(&next))/> }.into_any()
        }
        Some(user) if need.is_some_and(|n| !user.perms.has(n)) => view! { <ForbiddenPage/> }.into_any(),
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

/// `path` if it is a path on this site: it starts with one `/` and has no backslash, whitespace
/// or control character anywhere (browsers drop tabs and newlines, so `/\t/evil.example` would
/// become `//evil.example`).
pub fn local_path(path: Option<String>) -> Option<String> {
    path.filter(|p| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    })
}

/// Where to go after signing in: a local path other than the login page itself, else `/`.
pub fn safe_next(next: Option<String>) -> String {
    local_path(next).filter(|n| !n.starts_with("/login")).unwrap_or_else(|| "/".to_string())
}

/// The current path with its query string, as `/path?query`.
pub fn path_with_query(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_signing_in() {
        for bad in
            ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/x", "https://evil.example", "/login?next=/"]
        {
            assert_eq!(safe_next(Some(bad.to_string())), "/", "{bad:?}");
        }
        assert_eq!(safe_next(Some("/admin/users?tab=2".into())), "/admin/users?tab=2");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn the_query_string_keeps_its_question_mark() {
        assert_eq!(path_with_query("/login", "next=%2F"), "/login?next=%2F");
        assert_eq!(path_with_query("/", ""), "/");
    }
}
