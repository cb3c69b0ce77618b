//! User administration: who can sign in, with which role. Admin only.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Locale, Msg, RoleView, UserView};

use crate::components::field::{FormError, TextField};
use crate::error::failed;
use crate::i18n::{use_ctx, use_viewer};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::users::{list_users, CreateUser, ResetPassword, UpdateUser};

#[component]
pub fn UsersPage() -> impl IntoView {
    let ctx = use_ctx();
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let users = Resource::new(|| (), |_| list_users());
    let create_error = failed(create);

    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::UsersTitle))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::UsersTitle)}</h1>
            <p class="muted">{ctx.t(Msg::UsersIntro)}</p>
        </header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = match users.await {
                    Err(e) => return view! { <ErrorNotice error=e.0/> }.into_any(),
                    Ok(admin) => admin,
                };
                let new_roles = admin.roles.clone();
                view! {
        <div class="split">
            <section class="card">
                <UserTable users=admin.users roles=admin.roles update reset/>
            </section>
            <section class="card">
                <h2>{ctx.t(Msg::UsersNew)}</h2>
                <ActionForm action=create attr:class="form" attr:data-testid="new-user-form" attr:data-done-toast=ctx.t(Msg::UsersCreated)>
                    <FormError error=create_error/>
                    <TextField name="name" label=Msg::FieldName autocomplete="off" required=true error=create_error id_prefix="new-"/>
                    <TextField name="email" label=Msg::FieldEmail kind="email" autocomplete="off" required=true error=create_error id_prefix="new-"/>
                    <div class="field-row">
                        <div class="field">
                            <label for="new-role">{ctx.t(Msg::FieldRole)}</label>
                            <select id="new-role" name="role">
                                {role_options(&new_roles, "staff")}
                            </select>
                        </div>
                        <div class="field">
                            <label for="new-locale">{ctx.t(Msg::FieldLanguage)}</label>
                            <select id="new-locale" name="locale">
                                {Locale::ALL.into_iter().map(|l| view! { <option value=l.tag() selected=l == ctx.locale()>{l.native_name()}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <TextField
                        name="password"
                        label=Msg::FieldPassword
                        kind="password"
                        autocomplete="new-password"
                        required=true
                        hint=Msg::UsersPasswordHint
                        error=create_error
                        id_prefix="new-"
                    />
                    <button type="submit" class="btn btn-primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { ctx.t(Msg::ActionSaving) } else { ctx.t(Msg::UsersCreate) }}
                    </button>
                </ActionForm>
            </section>
        </div>
                }
                .into_any()
            })}
        </Transition>
    }
}

#[component]
fn UserTable(
    users: Vec<UserView>,
    roles: Vec<RoleView>,
    update: ServerAction<UpdateUser>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let ctx = use_ctx();
    let me = use_viewer().user.as_ref().map(|u| u.id);
    let count = ctx.t(Msg::UsersCount).replace("{n}", &users.len().to_string());
    // The reset forms' refusals are written in by the browser (`browser::forms`).
    let no_error = Signal::derive(|| None);
    view! {
        <p class="muted" data-testid="user-count">{count}</p>
        <div class="table-wrap">
            <table class="table" data-testid="users-table">
                <thead>
                    <tr>
                        <th scope="col">{ctx.t(Msg::FieldName)}</th>
                        <th scope="col">{ctx.t(Msg::FieldRole)}</th>
                        <th scope="col">{ctx.t(Msg::FieldStatus)}</th>
                        <th scope="col">{ctx.t(Msg::FieldLastLogin)}</th>
                        <th scope="col"><span class="sr-only">{ctx.t(Msg::ActionSave)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|u| {
                                                        let form_id = format!("user-{}", u.id);
                            let last = u.last_login_at.map(|t| ctx.date_time(t)).unwrap_or_else(|| ctx.t(Msg::UsersNever).to_string());
                            let is_me = Some(u.id) == me;
                            view! {
                                <tr data-testid=format!("user-row-{}", u.email) class:row-inactive=!u.active>
                                    <td>
                                        <ActionForm action=update attr:id=form_id.clone() attr:class="inline-form" attr:data-done-toast=ctx.t(Msg::UsersUpdated)>
                                            <input type="hidden" name="id" value=u.id.0/>
                                            <input class="cell-input" name="name" value=u.name.clone() aria-label=ctx.t(Msg::FieldName)/>
                                            // Shown in place of the role's own text: an admin cannot demote or deactivate themselves.
                                            <span class="field-error" data-error-for="role" data-error-text=ctx.t(Msg::ErrCannotChangeSelf)></span>
                                        </ActionForm>
                                        <span class="cell-sub">
                                            {u.email.clone()}
                                            {is_me.then(|| format!(" ({})", ctx.t(Msg::UsersYou)))}
                                        </span>
                                    </td>
                                    <td>
                                        <select name="role" form=form_id.clone() aria-label=ctx.t(Msg::FieldRole)>
                                            {role_options(&roles, &u.role)}
                                        </select>
                                    </td>
                                    <td>
                                        <label class="switch">
                                            <input type="checkbox" name="active" value="on" form=form_id.clone() checked=u.active/>
                                            <span>{ctx.t(if u.active { Msg::UsersActive } else { Msg::UsersInactive })}</span>
                                        </label>
                                    </td>
                                    <td class="nowrap">{last}</td>
                                    <td class="row-actions">
                                        <button type="submit" class="btn btn-small" form=form_id>{ctx.t(Msg::ActionSave)}</button>
                                        <details class="inline-details">
                                            <summary class="btn btn-small" data-testid="reset-open">{ctx.t(Msg::UsersReset)}</summary>
                                            <ActionForm action=reset attr:class="form form-inline" attr:data-testid="reset-form"
                                                attr:data-done-toast=ctx.t(Msg::UsersPasswordReset)>
                                                <input type="hidden" name="id" value=u.id.0/>
                                                <TextField name="password" label=Msg::UsersResetPassword kind="password" autocomplete="new-password"
                                                    hint=Msg::UsersPasswordHint error=no_error id_prefix=format!("reset-{}-", u.id)/>
                                                <button type="submit" class="btn btn-primary btn-small">{ctx.t(Msg::UsersReset)}</button>
                                            </ActionForm>
                                        </details>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The `<option>`s of a role select, `selected` chosen.
fn role_options(roles: &[RoleView], selected: &str) -> impl IntoView {
    let ctx = use_ctx();
    roles
        .iter()
        .map(|r| view! { <option value=r.key.clone() selected=r.key == selected>{r.title(ctx.locale)}</option> })
        .collect_view()
}
