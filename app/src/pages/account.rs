//! The signed-in user's own account: password and language.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Locale, Msg};

use crate::components::field::{FormError, TextField};
use crate::components::layout::LanguageSwitch;
use crate::error::failed;
use crate::i18n::{use_ctx, use_viewer};
use crate::pages::notify::feeds::CalendarFeeds;
use crate::serverfns::account::{list_api_tokens, ChangePassword, CreateApiToken, RevokeApiToken, SignOutEverywhere};

#[component]
pub fn AccountPage() -> impl IntoView {
    let ctx = use_ctx();
    let user = use_viewer().user.clone().expect("guarded by RequireSignIn");
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let error = failed(change);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::AccountTitle))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::AccountTitle)}</h1>
            <p class="muted">{user.name.clone()} " · " {user.email.clone()} " · " {user.role_title(ctx.locale)}</p>
        </header>
        <div class="split">
            <section class="card">
                <h2>{ctx.t(Msg::AccountPassword)}</h2>
                <ActionForm action=change attr:class="form" attr:data-testid="password-form"
                    attr:data-done="stay" attr:data-done-reset=true attr:data-done-toast=ctx.t(Msg::AccountPasswordChanged)>
                    <FormError error/>
                    <TextField name="current" label=Msg::FieldCurrentPassword kind="password" autocomplete="current-password" required=true error=error/>
                    <TextField name="new" label=Msg::FieldNewPassword kind="password" autocomplete="new-password" required=true hint=Msg::UsersPasswordHint error=error/>
                    <TextField name="confirm" label=Msg::FieldConfirmPassword kind="password" autocomplete="new-password" required=true error=error/>
                    <button type="submit" class="btn btn-primary">{ctx.t(Msg::ActionSave)}</button>
                </ActionForm>
            </section>
            <CalendarFeeds/>
            {user.can(types::Module::Crm, types::Action::View).then(|| view! { <ApiTokens/> })}
            <section class="card" data-testid="sign-out-everywhere">
                <h2>{ctx.t(Msg::AccountEverywhere)}</h2>
                <p class="muted">{ctx.t(Msg::AccountEverywhereIntro)}</p>
                <ActionForm action=everywhere attr:class="form form-inline" attr:data-done-href="/login?signed_out=1">
                    <button type="submit" class="btn btn-danger">{ctx.t(Msg::AccountEverywhere)}</button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{ctx.t(Msg::FieldLanguage)}</h2>
                <p class="muted">{Locale::ALL.iter().map(|l| l.native_name()).collect::<Vec<_>>().join(" · ")}</p>
                <LanguageSwitch/>
            </section>
        </div>
    }
}

/// The user's API tokens for `/api/v1`: create (the secret is shown once), list, revoke.
#[component]
fn ApiTokens() -> impl IntoView {
    let ctx = use_ctx();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(|| (), |_| list_api_tokens());
    let error = failed(create);
    view! {
        <section class="card" data-testid="api-tokens">
            <h2>{ctx.t(Msg::TokensTitle)}</h2>
            <p class="muted">{ctx.t(Msg::TokensIntro)}</p>
            // Filled with the secret once it is created (never rendered by the server).
            <div class="notice notice-info" role="status" id="new-token-box" hidden>
                <p>{ctx.t(Msg::TokensCopyNow)}</p>
                <code class="secret" data-testid="new-token" data-fill="secret"></code>
            </div>
            <ActionForm action=create attr:class="form form-inline" attr:data-done-reveal="new-token-box">
                <TextField name="name" label=Msg::TokensName required=true error id_prefix="token-"/>
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::TokensCreate)}</button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = tokens.await.unwrap_or_default();
                    view! {
                        <ul class="link-list">
                            {list.into_iter().map(|t| view! {
                                <li data-testid="api-token">
                                    <strong>{t.name.clone()}</strong>
                                    <span class="cell-sub">
                                        {format!(" {}… · {} · {}", t.prefix, ctx.date(t.created_at),
                                            t.last_used_at.map(|d| ctx.date_time(d)).unwrap_or_else(|| ctx.t(Msg::UsersNever).to_string()))}
                                    </span>
                                    <ActionForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="id" value=t.id/>
                                        <button type="submit" class="btn btn-small">{ctx.t(Msg::TokensRevoke)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
        </section>
    }
}
