//! Creating and editing an organization, with field errors next to each field and the
//! duplicate guard's "create anyway" confirmation.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{CrmChoices, FieldIssue, LeadSource, LifecycleStatus, Msg, OrganizationView};

use super::{choice_options, use_id_param};
use crate::components::field::{CheckField, DuplicateLinks, FormError, SelectField, TextArea, TextField};
use crate::error::{failed, AppError};
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::crm::{get_crm_choices, get_organization, SaveOrganization};

#[component]
pub fn OrgNewPage() -> impl IntoView {
    let ctx = use_ctx();
    let choices = Resource::new(|| (), |_| get_crm_choices());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::OrgNewTitle))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/clients">{ctx.t(Msg::HubTitle)}</a></p>
            <h1>{ctx.t(Msg::OrgNewTitle)}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(c) => view! { <OrgForm initial=None choices=c/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OrgEditPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { Ok::<_, AppError>((get_organization(id).await?, get_crm_choices().await?)) },
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::OrgEditTitle))/>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok((detail, choices)) => {
                        let org = detail.organization;
                        view! {
                            <header class="page-header">
                                <p class="breadcrumb">
                                    <a href="/clients">{ctx.t(Msg::HubTitle)}</a>" / "
                                    <a href=format!("/clients/{}", org.id)>{org.legal_name.clone()}</a>
                                </p>
                                <h1>{ctx.t(Msg::OrgEditTitle)}</h1>
                            </header>
                            <OrgForm initial=Some(org) choices/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The organization form. Saving goes to the organization's page.
#[component]
fn OrgForm(initial: Option<OrganizationView>, choices: CrmChoices) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveOrganization>::new();
    let error = failed(save);
    let is_new = initial.is_none();
    let o = initial.clone();
    let v = move |f: fn(&OrganizationView) -> String| o.as_ref().map(f).unwrap_or_default();
    let statuses = choice_options(ctx, LifecycleStatus::ALL, LifecycleStatus::as_str, LifecycleStatus::label, None);
    let sources = choice_options(ctx, LeadSource::ALL, LeadSource::as_str, LeadSource::label, Some(Msg::OrgNone));
    let owners: Vec<(String, String)> = std::iter::once((String::new(), ctx.t(Msg::OrgNoOwner).to_string()))
        .chain(choices.owners.iter().map(|o| (o.id.0.to_string(), o.name.clone())))
        .collect();
    let interests_hint = choices.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", ");
    let has_warning = move || {
        error.get().is_some_and(|e| e.fields.iter().any(|f| matches!(f.issue, FieldIssue::PossibleDuplicate { .. })))
    };
    view! {
        <section class="card">
            <ActionForm action=save attr:class="form form-wide" attr:data-testid="org-form" attr:novalidate=true
                attr:data-done-toast=ctx.t(if is_new { Msg::OrgCreated } else { Msg::OrgSaved }) attr:data-done-href="/clients/{id}">
                <FormError error/>
                <input type="hidden" name="id" value=initial.as_ref().map(|o| o.id.0.to_string()).unwrap_or_default()/>
                <div class="form-grid">
                    <TextField name="legal_name" label=Msg::OrgLegalName required=true value=v(|o| o.legal_name.clone()) error/>
                    <TextField name="trade_name" label=Msg::OrgTradeName value=v(|o| o.trade_name.clone()) error/>
                    <TextField name="tax_id" label=Msg::OrgTaxId value=v(|o| o.tax_id.clone()) error autocomplete="off"/>
                    <TextField name="country" label=Msg::OrgCountry value=initial.as_ref().map(|o| o.country.clone()).unwrap_or_else(|| "ES".into()) error/>
                    <SelectField name="status" label=Msg::FieldStatus options=statuses selected=v(|o| o.status.as_str().to_string()) error/>
                    <SelectField name="source" label=Msg::OrgSource options=sources selected=v(|o| o.source.map(|s| s.as_str().to_string()).unwrap_or_default()) error/>
                    <TextField name="email" label=Msg::FieldEmail kind="email" value=v(|o| o.email.clone()) error/>
                    <TextField name="phone" label=Msg::OrgPhone kind="tel" value=v(|o| o.phone.clone()) error/>
                    <TextField name="website" label=Msg::OrgWebsite value=v(|o| o.website.clone()) error/>
                    <TextField name="sector" label=Msg::OrgSector value=v(|o| o.sector.clone()) error/>
                    <TextField name="address" label=Msg::OrgAddress value=v(|o| o.address.clone()) error/>
                    <TextField name="postal_code" label=Msg::OrgPostalCode value=v(|o| o.postal_code.clone()) error/>
                    <TextField name="city" label=Msg::OrgCity value=v(|o| o.city.clone()) error/>
                    <TextField name="province" label=Msg::OrgProvince value=v(|o| o.province.clone()) error/>
                    <SelectField name="owner_id" label=Msg::OrgOwner options=owners selected=v(|o| o.owner_id.map(|i| i.0.to_string()).unwrap_or_default()) error/>
                    <div class="field">
                        <label for="interests">{ctx.t(Msg::OrgInterests)}</label>
                        <input id="interests" name="interests" value=v(|o| o.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", ")) list="interest-list" placeholder=interests_hint/>
                        <datalist id="interest-list">
                            {choices.interests.iter().map(|i| view! { <option value=i.name.clone()></option> }).collect_view()}
                        </datalist>
                    </div>
                </div>
                <div class="field-row">
                    <CheckField name="is_contracting" label=Msg::OrgIsContracting checked=initial.as_ref().map(|o| o.is_contracting).unwrap_or(true)/>
                    <CheckField name="is_end_client" label=Msg::OrgIsEndClient checked=initial.as_ref().map(|o| o.is_end_client).unwrap_or(false)/>
                </div>
                <TextArea name="notes" label=Msg::OrgNotes value=v(|o| o.notes.clone()) error/>
                <DuplicateLinks error href="/clients/{id}"/>
                {is_new.then(|| view! {
                    <div data-on-issue="possible_duplicate" hidden=move || !has_warning()>
                        <CheckField name="allow_duplicates" label=Msg::OrgCreateAnyway/>
                    </div>
                })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-pending-label=ctx.t(Msg::ActionSaving)>
                        {ctx.t(Msg::ActionSave)}
                    </button>
                    <a class="btn btn-ghost-dark" href=initial.as_ref().map(|o| format!("/clients/{}", o.id)).unwrap_or_else(|| "/clients".into())>{ctx.t(Msg::ActionClose)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
