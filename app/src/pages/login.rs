//! The sign-in page. A plain form posted to `/auth/login`, so it works with and without
//! JavaScript; the server redirects back here with `?error=…` when it refuses.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use types::{ApiError, Msg};

use crate::components::guard::safe_next;
use crate::components::layout::LanguageSwitch;
use crate::i18n::{use_ctx, use_viewer};

#[component]
pub fn LoginPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map().get_untracked();
    let next = safe_next(query.get("next"));
    if use_viewer().user.is_some() {
        return view! { <Redirect path=next/> }.into_any();
    }
    let email = query.get("email").unwrap_or_default();
    let (banner, password_error) = match query.get("error").as_deref() {
        Some("invalid") => (None, Some(ctx.t(Msg::LoginFailed).to_string())),
        Some("throttled") => {
            let secs = query.get("retry").and_then(|r| r.parse().ok()).unwrap_or(900);
            (Some(("notice-error", ApiError::rate_limited(secs).summary(ctx.locale()))), None)
        }
        Some("expired") => (Some(("notice-info", ctx.t(Msg::LoginExpired).to_string())), None),
        Some(_) => (Some(("notice-error", ApiError::internal().summary(ctx.locale()))), None),
        None if query.get("signed_out").is_some() => {
            (Some(("notice-info", ctx.t(Msg::LoginSignedOut).to_string())), None)
        }
        None => (None, None),
    };
    let invalid = password_error.is_some();
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::LoginTitle))/>
        <div class="auth-page">
            <div class="auth-card">
                <div class="auth-brand">
                    <img src="/icons/icon.svg" alt="" width="48" height="48"/>
                    <div>
                        <p class="auth-name">"Aula"</p>
                        <p class="muted">{ctx.t(Msg::AppTagline)}</p>
                    </div>
                </div>
                <h1>{ctx.t(Msg::LoginTitle)}</h1>
                <p class="muted">{ctx.t(Msg::LoginIntro)}</p>
                {banner.map(|(class, text)| view! { <div class=format!("notice {class}") role="alert" data-testid="login-banner">{text}</div> })}
                <form method="post" action="/auth/login" class="form" data-testid="login-form">
                    <input type="hidden" name="next" value=next/>
                    <div class="field">
                        <label for="email">{ctx.t(Msg::FieldEmail)}</label>
                        <input id="email" name="email" type="email" autocomplete="username" required value=email autofocus=!invalid/>
                    </div>
                    <div class="field" class:field-invalid=invalid>
                        <label for="password">{ctx.t(Msg::FieldPassword)}</label>
                        <input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            autofocus=invalid
                            aria-invalid=invalid.to_string()
                            aria-describedby="password-error"
                        />
                        <p class="field-error" id="password-error" data-testid="error-password">{password_error}</p>
                    </div>
                    <button type="submit" class="btn btn-primary btn-block">{ctx.t(Msg::LoginSubmit)}</button>
                </form>
                <LanguageSwitch/>
            </div>
        </div>
    }
    .into_any()
}
