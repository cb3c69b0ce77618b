//! A person's data for an access request (RGPD art. 15): everything Aula holds about them on one
//! printable page, section by section, with the same in JSON for portability (art. 20).

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, PersonalData};

use super::use_id_param;
use crate::components::audit::AuditList;
use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::record_page;
use crate::serverfns::crm::get_personal_data;

#[component]
pub fn PersonDataPage() -> impl IntoView {
    let ctx = use_ctx();
    let id = use_id_param();
    let data = Resource::new(move || id.get(), get_personal_data);
    record_page(data, move |d| view! { <Report ctx d/> })
}

/// A section: its title and its rows as a table, or "nothing".
fn section(ctx: Ctx, title: Msg, testid: &'static str, heads: &[Msg], rows: Vec<Vec<String>>) -> impl IntoView {
    let heads = heads.iter().map(|h| view! { <th scope="col">{ctx.t(*h)}</th> }).collect_view();
    view! {
        <section class="card" data-testid=testid>
            <h2>{ctx.t(title)}</h2>
            {if rows.is_empty() {
                view! { <p class="muted">{ctx.t(Msg::GdprNothing)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <thead><tr>{heads}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Report(ctx: Ctx, d: PersonalData) -> impl IntoView {
    let (locale, tz) = (ctx.locale, ctx.tz);
    let when = move |at| types::fmt::date_time(locale, at, tz);
    let p = &d.person;
    let name = p.full_name();
    let record: Vec<(Msg, String)> = vec![
        (Msg::FieldName, name.clone()),
        (Msg::FieldEmail, p.email.clone()),
        (Msg::OrgPhone, p.phone.clone()),
        (Msg::PersonTaxId, p.tax_id.clone()),
        (Msg::OrgCity, p.city.clone()),
        (Msg::OrgOwner, p.owner_name.clone().unwrap_or_default()),
        (Msg::OrgInterests, p.interests.iter().map(|i| i.name.clone()).collect::<Vec<_>>().join(", ")),
        (
            Msg::PeopleOrganizations,
            p.links
                .iter()
                .map(|l| {
                    let title = if l.job_title.is_empty() { String::new() } else { format!(", {}", l.job_title) };
                    format!("{} ({}{title})", l.organization_name, ctx.t(l.role.label()))
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (Msg::OrgNotes, p.notes.clone()),
    ];
    let interactions = d
        .interactions
        .iter()
        .map(|i| {
            vec![
                when(i.occurred_at),
                i.kind.clone(),
                i.organization.clone().unwrap_or_default(),
                i.description.clone(),
                i.next_action.clone(),
                i.author.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let enrollments = d
        .enrollments
        .iter()
        .map(|e| {
            vec![
                e.workshop.clone(),
                when(e.starts_at),
                e.state.clone(),
                format!("{} · {}", e.payment_status, types::fmt::money(locale, e.amount_paid_cents)),
            ]
        })
        .collect();
    let training = d
        .training
        .iter()
        .map(|t| {
            let sheet = t.attendance.iter().map(|(at, s)| format!("{} {s}", when(*at))).collect::<Vec<_>>().join("; ");
            vec![t.file_number.clone(), t.course.clone(), t.organization.clone(), sheet]
        })
        .collect();
    let opportunities =
        d.opportunities.iter().map(|o| vec![o.title.clone(), o.organization.clone(), when(o.created_at)]).collect();
    let emails = d.emails.iter().map(|e| vec![when(e.at), e.subject.clone(), e.status.clone()]).collect();
    let requests = d.requests.iter().map(|r| vec![r.workshop.clone(), r.state.clone(), when(r.created_at)]).collect();
    let id = p.id;
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::GdprReportTitle).replace("{name}", &name))/>
        <header class="page-header page-header-actions">
            <div>
                <p class="breadcrumb"><a href=format!("/people/{id}")>{name.clone()}</a></p>
                <h1 data-testid="personal-data-title">{ctx.t(Msg::GdprReportTitle).replace("{name}", &name)}</h1>
                <p class="muted">{ctx.t(Msg::GdprReportIntro).replace("{date}", &when(d.generated_at))}</p>
            </div>
            <div class="actions">
                <a class="btn" href=format!("/people/{id}/data.json") download="">{ctx.t(Msg::GdprDownload)}</a>
            </div>
        </header>
        <div class="stack">
            <section class="card" data-testid="personal-record">
                <h2>{ctx.t(Msg::GdprRecord)}</h2>
                <dl class="facts">
                    {record.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{ctx.t(k)}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
            {section(ctx, Msg::TlInteractions, "personal-interactions", &[Msg::IxDate, Msg::IxKind, Msg::OppOrganization, Msg::IxDescription, Msg::IxNextAction, Msg::AuditWho], interactions)}
            {section(ctx, Msg::GdprEnrollments, "personal-enrollments", &[Msg::WsTitle, Msg::IxDate, Msg::FieldStatus, Msg::WsPayment], enrollments)}
            {section(ctx, Msg::GdprTraining, "personal-training", &[Msg::CtFileNumber, Msg::CtCourse, Msg::OppOrganization, Msg::GdprTraining], training)}
            {section(ctx, Msg::GdprOpportunities, "personal-opportunities", &[Msg::OppTitle, Msg::OppOrganization, Msg::IxDate], opportunities)}
            {section(ctx, Msg::GdprEmails, "personal-emails", &[Msg::IxDate, Msg::ColSubject, Msg::FieldStatus], emails)}
            {section(ctx, Msg::GdprRequests, "personal-requests", &[Msg::WsTitle, Msg::FieldStatus, Msg::IxDate], requests)}
            <section class="card" data-testid="personal-changes">
                <h2>{ctx.t(Msg::GdprChanges)}</h2>
                <AuditList entries=d.changes.clone()/>
            </section>
        </div>
    }
}
