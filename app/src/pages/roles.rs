//! Roles and their permissions for administrators: the roles on the left, the chosen one's
//! matrix of modules × actions on the right, ticked and saved as a plain form (works without
//! JavaScript). Built-in roles can be put back to their preset; custom ones renamed or deleted
//! once nobody holds them. The administrators' role is shown, never changed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{Action, Module, Msg, Perm, RoleView};

use crate::components::field::{FormError, TextField};
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::users::{list_roles, CreateRole, DeleteRole, ResetRole, SaveRole};

#[component]
pub fn RolesPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let chosen = query.read_untracked().get("role").unwrap_or_else(|| "staff".to_string());
    let roles = Resource::new(|| (), |_| list_roles());
    let create = ServerAction::<CreateRole>::new();
    let save = ServerAction::<SaveRole>::new();
    let reset = ServerAction::<ResetRole>::new();
    let delete = ServerAction::<DeleteRole>::new();
    let create_error = failed(create);
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::RolesTitle))/>
        <header class="page-header">
            <h1>{ctx.t(Msg::RolesTitle)}</h1>
            <p class="muted">{ctx.t(Msg::RolesIntro)}</p>
        </header>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || {
                let chosen = chosen.clone();
                Suspend::new(async move {
                    let list = match roles.await {
                        Err(e) => return view! { <ErrorNotice error=e.0/> }.into_any(),
                        Ok(list) => list,
                    };
                    let current = list.iter().find(|r| r.key == chosen).or(list.first()).cloned();
                    let links = list
                        .iter()
                        .map(|r| {
                            let here = current.as_ref().is_some_and(|c| c.key == r.key);
                            let users = ctx.t(Msg::RolesUsers).replace("{n}", &r.users.to_string());
                            view! {
                                <li>
                                    <a href=format!("/admin/roles?role={}", r.key) aria-current=here.then_some("page")
                                        data-testid=format!("role-link-{}", r.key)>
                                        <span>{r.title(ctx.locale)}</span>
                                        <span class="cell-sub">
                                            {ctx.t(if r.builtin { Msg::RolesBuiltin } else { Msg::RolesCustom })} " · " {users}
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    let options = list
                        .iter()
                        .map(|r| view! { <option value=r.key.clone()>{r.title(ctx.locale)}</option> })
                        .collect_view();
                    view! {
                        <div class="split split-aside">
                            <section class="card">
                                <nav aria-label=ctx.t(Msg::RolesTitle)><ul class="role-list" data-testid="role-list">{links}</ul></nav>
                                <h2>{ctx.t(Msg::RolesNew)}</h2>
                                <ActionForm action=create attr:class="form" attr:data-testid="new-role-form"
                                    attr:data-done-toast=ctx.t(Msg::RolesCreated) attr:data-done-href="/admin/roles?role={key}">
                                    <FormError error=create_error/>
                                    <TextField name="name" label=Msg::FieldName autocomplete="off" required=true error=create_error id_prefix="role-"/>
                                    <div class="field">
                                        <label for="role-copy_from">{ctx.t(Msg::RolesCopyFrom)}</label>
                                        <select id="role-copy_from" name="copy_from">
                                            <option value="">{ctx.t(Msg::RolesStartEmpty)}</option>
                                            {options}
                                        </select>
                                    </div>
                                    <button type="submit" class="btn btn-primary">{ctx.t(Msg::RolesCreate)}</button>
                                </ActionForm>
                            </section>
                            <section class="card">
                                {current.map(|r| view! { <RoleMatrix role=r save reset delete/> })}
                            </section>
                        </div>
                    }
                    .into_any()
                })
            }}
        </Transition>
    }
}

/// One role's permissions: a row per module, a checkbox per action, and for modules whose records
/// are assigned to someone a last one that limits the role to the user's own records.
#[component]
fn RoleMatrix(
    role: RoleView,
    save: ServerAction<SaveRole>,
    reset: ServerAction<ResetRole>,
    delete: ServerAction<DeleteRole>,
) -> impl IntoView {
    let ctx = use_ctx();
    let locked = role.key == "admin";
    let save_error = failed(save);
    let delete_error = failed(delete);
    let heads = Action::ALL.map(|a| view! { <th scope="col" class="num">{ctx.t(a.label())}</th> });
    let own_head = view! { <th scope="col" class="num" title=ctx.t(Msg::RolesOwnHint)>{ctx.t(Msg::RolesOwnOnly)}</th> };
    let rows = Module::ALL
        .into_iter()
        .map(|m| {
            let cells = Action::ALL.map(|a| {
                let p = Perm(m, a);
                let label = format!("{}: {}", ctx.t(m.label()), ctx.t(a.label()));
                view! {
                    <td class="num">
                        <input type="checkbox" name="perms[]" value=p.key() checked=role.perms.has(p) disabled=locked
                            aria-label=label data-testid=format!("perm-{}", p.key())/>
                    </td>
                }
            });
            // Modules whose records are assigned to someone may be limited to the user's own.
            let own = m.assigned().then(|| {
                let label = format!("{}: {}", ctx.t(m.label()), ctx.t(Msg::RolesOwnOnly));
                view! {
                    <input type="checkbox" name="perms[]" value=format!("{}.own", m.as_str()) checked=role.perms.own_only(m)
                        disabled=locked aria-label=label data-testid=format!("perm-{}.own", m.as_str())/>
                }
            });
            view! { <tr><th scope="row">{ctx.t(m.label())}</th>{cells}<td class="num">{own}</td></tr> }
        })
        .collect_view();
    let (key, reset_key, delete_key) = (role.key.clone(), role.key.clone(), role.key.clone());
    view! {
        <h2 data-testid="role-title">{role.title(ctx.locale)}</h2>
        {locked.then(|| view! { <p class="notice">{ctx.t(Msg::ErrRoleLocked)}</p> })}
        <ActionForm action=save attr:class="form" attr:data-testid="role-form" attr:data-done-toast=ctx.t(Msg::RolesSaved)>
            <FormError error=save_error/>
            <input type="hidden" name="key" value=key.clone()/>
            {(!role.builtin).then(|| view! {
                <TextField name="name" label=Msg::FieldName value=role.name.clone() required=true error=save_error id_prefix="edit-role-"/>
            })}
            <div class="table-wrap">
                <table class="table matrix" data-testid="role-matrix">
                    <thead><tr><th scope="col">{ctx.t(Msg::RolesModule)}</th>{heads}{own_head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted">{ctx.t(Msg::RolesOwnHint)}</p>
            <p class="field-error" data-error-for="perms"></p>
            {(!locked).then(|| view! { <button type="submit" class="btn btn-primary" data-testid="role-save">{ctx.t(Msg::ActionSave)}</button> })}
        </ActionForm>
        {(role.builtin && !locked).then(|| view! {
            <ActionForm action=reset attr:class="form form-inline" attr:data-done-toast=ctx.t(Msg::RolesSaved)>
                <input type="hidden" name="key" value=reset_key.clone()/>
                <button type="submit" class="btn" data-testid="role-reset">{ctx.t(Msg::RolesReset)}</button>
            </ActionForm>
        })}
        {(!role.builtin).then(|| view! {
            <ActionForm action=delete attr:class="form form-inline" attr:data-done-toast=ctx.t(Msg::RolesDeleted)
                attr:data-done-href="/admin/roles">
                <FormError error=delete_error/>
                <input type="hidden" name="key" value=delete_key.clone()/>
                <p class="field-error" data-error-for="role"></p>
                <button type="submit" class="btn btn-danger" data-testid="role-delete">{ctx.t(Msg::RolesDelete)}</button>
            </ActionForm>
        })}
    }
}
