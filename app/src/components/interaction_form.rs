//! The inline form that logs an interaction on an organization's or a person's page; the page
//! refreshes in place after it (follow-ups, timeline).

use leptos::prelude::*;
use types::{ContactLink, InteractionKind, InteractionResult, Msg};

use crate::components::field::{CheckField, FormError, SelectField, TextArea, TextField};
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::crm::choice_options;
use crate::serverfns::crm::CreateInteraction;

/// Logs an interaction with `organization_id` and/or `person_id`; `contacts` offers a person.
#[component]
pub fn InteractionForm(
    action: ServerAction<CreateInteraction>,
    #[prop(optional)] organization_id: Option<i64>,
    #[prop(optional)] person_id: Option<i64>,
    #[prop(optional)] contacts: Vec<ContactLink>,
) -> impl IntoView {
    let ctx = use_ctx();
    let error = failed(action);
    let kinds = choice_options(ctx, InteractionKind::ALL, InteractionKind::as_str, InteractionKind::label, None);
    let results =
        choice_options(ctx, InteractionResult::ALL, InteractionResult::as_str, InteractionResult::label, None);
    let mut people: Vec<(String, String)> = vec![(String::new(), ctx.t(Msg::OrgNone).to_string())];
    let mut seen = std::collections::HashSet::new();
    for c in contacts {
        if seen.insert(c.person_id) {
            people.push((c.person_id.0.to_string(), c.person_name));
        }
    }
    let show_people = person_id.is_none() && people.len() > 1;
    view! {
        <ActionForm action attr:class="form" attr:data-testid="interaction-form" attr:data-done-toast=ctx.t(Msg::IxSaved)>
            <FormError error/>
            <input type="hidden" name="organization_id" value=organization_id.map(|i| i.to_string()).unwrap_or_default()/>
            {person_id.map(|p| view! { <input type="hidden" name="person_id" value=p.to_string()/> })}
            <div class="form-grid">
                <SelectField name="kind" label=Msg::IxKind options=kinds error id_prefix="ix-"/>
                <TextField name="occurred_at" label=Msg::IxDate kind="datetime-local" error id_prefix="ix-"/>
                {show_people.then(|| view! { <SelectField name="person_id" label=Msg::IxPerson options=people error id_prefix="ix-"/> })}
                <SelectField name="result" label=Msg::IxResult options=results error id_prefix="ix-"/>
            </div>
            <TextArea name="description" label=Msg::IxDescription error id_prefix="ix-"/>
            <div class="form-grid">
                <TextField name="next_action" label=Msg::IxNextAction error id_prefix="ix-"/>
                <TextField name="next_action_at" label=Msg::IxNextActionAt kind="date" error id_prefix="ix-"/>
            </div>
            <CheckField name="create_reminder" label=Msg::IxCreateReminder id_prefix="ix-"/>
            <button type="submit" class="btn btn-primary">{ctx.t(Msg::IxSave)}</button>
        </ActionForm>
    }
}
