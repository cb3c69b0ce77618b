//! Managers write the proposal templates: a name and a text with `{{variables}}`, checked on
//! save (an unknown variable or unbalanced braces is shown under the text with the allowed
//! ones). Plain forms, so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, ProposalTemplateView, TEMPLATE_VARIABLES};

use crate::components::field::{TextArea, TextField};
use crate::components::toast::{use_toasts, ToastKind};
use crate::error::{failed, on_result};
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::sales::{list_proposal_templates, SaveProposalTemplate};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let ctx = use_ctx();
    let version = RwSignal::new(0u32);
    let templates = Resource::new(move || version.get(), |_| list_proposal_templates());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::TplTitle))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::TplTitle)}</h1>
            <a class="btn" href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>
        </header>
        <p class="muted">
            {ctx.t(Msg::TplVariables)}": "
            {TEMPLATE_VARIABLES.iter().map(|v| view! { <code>{format!("{{{{{v}}}}}")}</code>" " }).collect_view()}
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match templates.await {
                    Err(crate::error::AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! {
                        {list.is_empty().then(|| view! { <p class="muted">{ctx.t(Msg::TplEmpty)}</p> })}
                        {list.into_iter().map(|t| view! { <TemplateForm initial=Some(t) version/> }).collect_view()}
                        <TemplateForm initial=None version/>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One template's form; `None` adds a template.
#[component]
fn TemplateForm(initial: Option<ProposalTemplateView>, version: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let save = ServerAction::<SaveProposalTemplate>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    on_result(save, move |r| {
        if r.is_ok() {
            toasts.push(ToastKind::Success, ctx.t(Msg::TplSaved));
            if is_new {
                // The list shows the new template, and this form starts empty again.
                if let Some(form) = form_ref.get_untracked() {
                    form.reset();
                }
                version.update(|v| *v += 1);
            }
        }
    });
    let prefix = match &initial {
        Some(t) => format!("tpl-{}-", t.id),
        None => "tpl-new-".to_string(),
    };
    let (id, name, body) = initial.map(|t| (t.id.0.to_string(), t.name, t.body)).unwrap_or_default();
    let heading = if is_new { ctx.t(Msg::TplNew).to_string() } else { name.clone() };
    view! {
        <section class="card" data-testid="template-card">
            <h2>{heading}</h2>
            {move || error.get().filter(|e| e.fields.is_empty()).map(|e| view! { <ErrorNotice error=e/> })}
            <ActionForm action=save node_ref=form_ref attr:class="form form-wide" attr:data-testid="template-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id/>
                <TextField name="name" label=Msg::FieldName value=name required=true error id_prefix=prefix.clone()/>
                <TextArea name="body" label=Msg::TplBody value=body rows=10 error id_prefix=prefix/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="template-save" disabled=move || save.pending().get()>{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
