//! The companies the centre invoices as (managers): their tax data, the IBAN printed for
//! transfers, the recording system (Veri*Factu now; TicketBAI for the Basque treasuries is
//! recorded but cannot issue yet), and their numbering series. Says that the records wait in a
//! queue until the AEAT submission is set up with the company's certificate.

use leptos::prelude::*;
use leptos_meta::Title;
use types::{IssuerView, Msg, SeriesKind, TaxRegime};

use crate::components::field::{FormError, SelectField, TextField};
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::crm::choice_options;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::billing::{list_billing_issuers, AddSeries, SaveIssuer};

#[component]
pub fn IssuersPage() -> impl IntoView {
    let ctx = use_ctx();
    let issuers = Resource::new(|| (), |_| list_billing_issuers());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::BillIssuers))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::BillIssuers)}</h1>
            <a class="btn" href="/invoices">{ctx.t(Msg::BillInvoices)}</a>
        </header>
        <p class="notice" data-testid="queue-notice">{ctx.t(Msg::BillQueueNotice)}</p>
        <Transition fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match issuers.await {
                    Err(crate::error::AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! {
                        <div class="stack">
                            {list.into_iter().map(|i| view! { <IssuerCard issuer=i/> }).collect_view()}
                            <section class="card">
                                <h2>{ctx.t(Msg::BillNewIssuer)}</h2>
                                <IssuerForm initial=None/>
                            </section>
                        </div>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn IssuerCard(issuer: IssuerView) -> impl IntoView {
    let ctx = use_ctx();
    let add = ServerAction::<AddSeries>::new();
    let error = failed(add);
    let kinds = choice_options(ctx, SeriesKind::ALL, SeriesKind::as_str, SeriesKind::label, None);
    let prefix = format!("series-{}-", issuer.id);
    let series = issuer.series.clone();
    let id = issuer.id.0;
    view! {
        <section class="card" data-testid="issuer-card">
            <h2>{format!("{} · {}", issuer.legal_name, issuer.nif)}</h2>
            <IssuerForm initial=Some(issuer)/>
            <h3>{ctx.t(Msg::BillSeries)}</h3>
            <div class="table-wrap">
                <table class="table series-table" data-testid="series-table">
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::BillSeriesCode)}</th>
                        <th scope="col">{ctx.t(Msg::BillKind)}</th>
                        <th scope="col" class="num">{ctx.t(Msg::BillNextNumber)}</th>
                    </tr></thead>
                    <tbody>
                        {series.into_iter().map(|s| view! {
                            <tr>
                                <td><code>{s.code.clone()}</code></td>
                                <td>{ctx.t(s.kind.label())}</td>
                                <td class="num">{format!("{}-{:06}", s.code, s.next_number)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ActionForm action=add attr:class="form form-wide" attr:data-testid="series-form" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="issuer_id" value=id/>
                <div class="form-grid">
                    <TextField name="code" label=Msg::BillSeriesCode error id_prefix=prefix.clone()/>
                    <SelectField name="kind" label=Msg::BillKind options=kinds error id_prefix=prefix/>
                    <div class="form-actions">
                        <button type="submit" class="btn">{ctx.t(Msg::BillAddSeries)}</button>
                    </div>
                </div>
            </ActionForm>
        </section>
    }
}

/// An issuer's data; `None` adds one.
#[component]
fn IssuerForm(initial: Option<IssuerView>) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveIssuer>::new();
    let error = failed(save);
    let regimes = choice_options(ctx, TaxRegime::ALL, TaxRegime::as_str, TaxRegime::label, None);
    let prefix = match &initial {
        Some(i) => format!("issuer-{}-", i.id),
        None => "issuer-new-".to_string(),
    };
    let i = initial.clone();
    let v = move |f: fn(&IssuerView) -> String| i.as_ref().map(f).unwrap_or_default();
    let p = move || prefix.clone();
    view! {
        <ActionForm action=save attr:class="form form-wide" attr:data-testid="issuer-form" attr:novalidate=true
            attr:data-done-toast=ctx.t(Msg::BillIssuerSaved)>
            <FormError error/>
            <input type="hidden" name="id" value=v(|i| i.id.to_string())/>
            <div class="form-grid">
                <TextField name="legal_name" label=Msg::OrgLegalName value=v(|i| i.legal_name.clone()) required=true error id_prefix=p()/>
                <TextField name="nif" label=Msg::OrgTaxId value=v(|i| i.nif.clone()) required=true error id_prefix=p()/>
                <TextField name="address" label=Msg::OrgAddress value=v(|i| i.address.clone()) required=true error id_prefix=p()/>
                <TextField name="postal_code" label=Msg::OrgPostalCode value=v(|i| i.postal_code.clone()) required=true error id_prefix=p()/>
                <TextField name="city" label=Msg::OrgCity value=v(|i| i.city.clone()) required=true error id_prefix=p()/>
                <TextField name="province" label=Msg::OrgProvince value=v(|i| i.province.clone()) error id_prefix=p()/>
                <TextField name="iban" label=Msg::BillIban value=v(|i| i.iban.clone()) error id_prefix=p()/>
                <TextField name="email" kind="email" label=Msg::FieldEmail value=v(|i| i.email.clone()) error id_prefix=p()/>
                <SelectField name="regime" label=Msg::BillRegime options=regimes selected=v(|i| i.regime.as_str().to_string()) error id_prefix=p()/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" data-testid="issuer-save">{ctx.t(Msg::ActionSave)}</button>
            </div>
        </ActionForm>
    }
}
