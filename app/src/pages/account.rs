//! The signed-in user's own account: password and language.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use types::{Locale, Msg};

use crate::components::field::TextField;
use crate::components::layout::LanguageSwitch;
use crate::components::toast::{use_toasts, ToastKind};
use crate::error::failed;
use crate::i18n::{use_ctx, use_viewer};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::account::ChangePassword;

#[component]
pub fn AccountPage() -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let user = use_viewer().user.clone().expect("guarded by RequireRole");
    let change = ServerAction::<ChangePassword>::new();
    let form_ref = NodeRef::<html::Form>::new();
    let error = failed(change);
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            toasts.push(ToastKind::Success, ctx.t(Msg::AccountPasswordChanged));
            if let Some(form) = form_ref.get_untracked() {
                form.reset();
            }
        }
    });
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::AccountTitle))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::AccountTitle)}</h1>
            <p class="muted">{user.name.clone()} " · " {user.email.clone()} " · " {ctx.t(user.role.label())}</p>
        </header>
        <div class="split">
            <section class="card">
                <h2>{ctx.t(Msg::AccountPassword)}</h2>
                {move || error.get().filter(|e| e.fields.is_empty()).map(|e| view! { <ErrorNotice error=e/> })}
                <ActionForm action=change node_ref=form_ref attr:class="form" attr:data-testid="password-form">
                    <TextField name="current" label=Msg::FieldCurrentPassword kind="password" autocomplete="current-password" required=true error=error/>
                    <TextField name="new" label=Msg::FieldNewPassword kind="password" autocomplete="new-password" required=true hint=Msg::UsersPasswordHint error=error/>
                    <TextField name="confirm" label=Msg::FieldConfirmPassword kind="password" autocomplete="new-password" required=true error=error/>
                    <button type="submit" class="btn btn-primary" disabled=move || change.pending().get()>{ctx.t(Msg::ActionSave)}</button>
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
