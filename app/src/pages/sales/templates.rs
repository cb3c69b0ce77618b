//! Managers write the proposal templates: a name and a text with `{{variables}}`, checked on
//! save (an unknown variable or unbalanced braces is shown under the text with the allowed
//! ones). Plain forms, so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, ProposalTemplateView, TEMPLATE_VARIABLES};

use crate::components::field::{FormError, TextArea, TextField};
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::sales::{list_proposal_templates, SaveProposalTemplate};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let ctx = use_ctx();
    let templates = Resource::new(|| (), |_| list_proposal_templates());
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
                        {list.into_iter().map(|t| view! { <TemplateForm initial=Some(t)/> }).collect_view()}
                        <TemplateForm initial=None/>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One template's form; `None` adds a template.
#[component]
fn TemplateForm(initial: Option<ProposalTemplateView>) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveProposalTemplate>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    // A new template refreshes the page (the list shows it, this form starts empty again); a
    // saved one stays, so the other templates' unsaved edits stay too.
    let done = if is_new { "refresh" } else { "stay" };
    let prefix = match &initial {
        Some(t) => format!("tpl-{}-", t.id),
        None => "tpl-new-".to_string(),
    };
    let (id, name, body) = initial.map(|t| (t.id.0.to_string(), t.name, t.body)).unwrap_or_default();
    let heading = if is_new { ctx.t(Msg::TplNew).to_string() } else { name.clone() };
    view! {
        <section class="card" data-testid="template-card">
            <h2>{heading}</h2>
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="template-form" attr:novalidate=true
                attr:data-done=done attr:data-done-toast=ctx.t(Msg::TplSaved)>
                <FormError error/>
                <input type="hidden" name="id" value=id/>
                <TextField name="name" label=Msg::FieldName value=name required=true error id_prefix=prefix.clone()/>
                <TextArea name="body" label=Msg::TplBody value=body rows=10 error id_prefix=prefix/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="template-save">{ctx.t(Msg::ActionSave)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
