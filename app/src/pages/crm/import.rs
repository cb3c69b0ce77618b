//! CSV import: upload (a plain multipart form), then the preview with the column mapping, the
//! progress while it runs (the page refreshes itself), and the summary with every skipped row.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use types::{ImportJobView, Msg};

use crate::error::AppError;
use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::{ErrorNotice, NotFoundPage};
use crate::serverfns::crm::get_import_job;

#[component]
pub fn ImportUploadPage() -> impl IntoView {
    let ctx = use_ctx();
    let error = use_query_map().get_untracked().get("error").map(|e| match e.as_str() {
        "too_large" => Msg::ImportErrTooLarge,
        "too_many_rows" => Msg::ImportErrTooManyRows,
        "too_many_columns" => Msg::ImportErrTooManyColumns,
        "cell_too_long" => Msg::ImportErrCellTooLong,
        "malformed" => Msg::ImportErrMalformed,
        _ => Msg::ImportErrEmpty,
    });
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::ImportTitle))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/clients">{ctx.t(Msg::HubTitle)}</a></p>
            <h1>{ctx.t(Msg::ImportTitle)}</h1>
            <p class="muted">{ctx.t(Msg::ImportIntro)}</p>
        </header>
        <section class="card">
            <form method="post" action="/clients/import/upload" enctype="multipart/form-data" class="form" data-testid="import-upload">
                <div class="field">
                    <label for="import-target">{ctx.t(Msg::ImportTarget)}</label>
                    <select id="import-target" name="target">
                        <option value="organizations">{ctx.t(Msg::ImportTargetOrganizations)}</option>
                        <option value="people">{ctx.t(Msg::ImportTargetPeople)}</option>
                    </select>
                </div>
                <div class="field" class:field-invalid=error.is_some()>
                    <label for="import-file">{ctx.t(Msg::ImportFile)}</label>
                    <input id="import-file" type="file" name="file" accept=".csv,.txt,text/csv" required aria-describedby="import-file-error"/>
                    <p class="field-error" id="import-file-error" data-testid="error-file">{error.map(|m| ctx.t(m))}</p>
                </div>
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::ImportUpload)}</button>
            </form>
        </section>
    }
}

/// The label of an import field.
fn field_label(ctx: Ctx, field: &str) -> &'static str {
    ctx.t(match field {
        "legal_name" => Msg::OrgLegalName,
        "trade_name" => Msg::OrgTradeName,
        "tax_id" => Msg::OrgTaxId,
        "country" => Msg::OrgCountry,
        "status" => Msg::FieldStatus,
        "source" => Msg::OrgSource,
        "sector" => Msg::OrgSector,
        "email" => Msg::FieldEmail,
        "phone" => Msg::OrgPhone,
        "website" => Msg::OrgWebsite,
        "address" => Msg::OrgAddress,
        "postal_code" => Msg::OrgPostalCode,
        "city" => Msg::OrgCity,
        "province" => Msg::OrgProvince,
        "owner" | "owner_id" => Msg::OrgOwner,
        "interests" => Msg::OrgInterests,
        "notes" => Msg::OrgNotes,
        "is_contracting" => Msg::OrgIsContracting,
        "is_end_client" => Msg::OrgIsEndClient,
        "first_name" => Msg::PersonFirstName,
        "last_name" => Msg::PersonLastName,
        "organization" => Msg::PersonOrganization,
        "organization_id" => Msg::PersonOrganization,
        "role" => Msg::PersonOrganizationRole,
        "job_title" => Msg::PersonJobTitle,
        "file" => Msg::ImportFile,
        _ => Msg::OrgNone,
    })
}

#[component]
pub fn ImportJobPage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.read().get("job").unwrap_or_default());
    let job = Resource::new(move || id.get(), get_import_job);
    let mapping_error = query.get_untracked().get("error").is_some();
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::ImportTitle))/>
        <header class="page-header">
            <p class="breadcrumb"><a href="/clients">{ctx.t(Msg::HubTitle)}</a>" / "<a href="/clients/import">{ctx.t(Msg::ImportTitle)}</a></p>
            <h1>{ctx.t(Msg::ImportTitle)}</h1>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{ctx.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Err(AppError(e)) if e.kind == types::ErrorKind::NotFound => view! { <NotFoundPage/> }.into_any(),
                    Err(AppError(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(j) => match j.state.as_str() {
                        "ready" => view! { <Mapping job=j mapping_error/> }.into_any(),
                        "running" => view! {
                            <Meta http_equiv="refresh" content="1"/>
                            <section class="card" data-testid="import-progress">
                                <p>{ctx.t(Msg::ImportRunning).replace("{n}", &j.done.to_string()).replace("{total}", &j.row_count.to_string())}</p>
                                <progress max=j.row_count value=j.done></progress>
                                <form method="post" action="/api/fn/crm/import/cancel" class="form-actions">
                                    <input type="hidden" name="id" value=j.id.clone()/>
                                    <button type="submit" class="btn" data-testid="import-cancel">{ctx.t(Msg::ImportCancel)}</button>
                                </form>
                            </section>
                        }.into_any(),
                        _ => view! { <Summary job=j/> }.into_any(),
                    },
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mapping(job: ImportJobView, mapping_error: bool) -> impl IntoView {
    let ctx = use_ctx();
    let info = format!(
        "{} · {} · {} · {}",
        job.file_name,
        ctx.t(Msg::ImportFileInfo).replace("{n}", &job.row_count.to_string()),
        job.encoding,
        job.delimiter
    );
    let fields = job.fields.clone();
    view! {
        <section class="card">
            <p class="muted" data-testid="import-info">{info}</p>
            {mapping_error.then(|| view! { <div class="notice notice-error" role="alert">{ctx.t(Msg::ImportErrMapping)}</div> })}
            <form method="post" action=format!("/clients/import/{}/run", job.id) class="form" data-testid="import-mapping">
                <div class="table-wrap">
                    <table class="table">
                        <thead>
                            <tr>
                                {job.headers.iter().enumerate().map(|(i, h)| {
                                    let suggested = job.mapping.get(i).cloned().unwrap_or_default();
                                    let fields = fields.clone();
                                    view! {
                                        <th scope="col">
                                            <span>{h.clone()}</span>
                                            <select name=format!("map_{i}") aria-label=format!("{} → {}", ctx.t(Msg::ImportMapping), h)>
                                                <option value="" selected=suggested.is_empty()>{ctx.t(Msg::ImportIgnore)}</option>
                                                {fields.into_iter().map(|f| {
                                                    let selected = f == suggested;
                                                    let label = field_label(ctx, &f);
                                                    view! { <option value=f selected=selected>{label}</option> }
                                                }).collect_view()}
                                            </select>
                                        </th>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {job.preview.iter().map(|row| view! {
                                <tr data-testid="import-preview-row">{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="field field-check">
                    <input type="checkbox" id="update_existing" name="update_existing" value="on"/>
                    <label for="update_existing">{ctx.t(Msg::ImportUpdateExisting)}</label>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{ctx.t(Msg::ImportRun)}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Summary(job: ImportJobView) -> impl IntoView {
    let ctx = use_ctx();
    let s = job.summary.clone().unwrap_or_default();
    let row = (job.done + 1).to_string();
    // A stopped run says where and why, and offers to carry on or to take back what it created.
    let stopped = match job.state.as_str() {
        "failed" => Some(("notice notice-error", ctx.t(Msg::ImportFailed).replace("{n}", &row))),
        "cancelled" => Some(("notice notice-warn", ctx.t(Msg::ImportCancelledAt).replace("{n}", &row))),
        "undone" => Some(("notice notice-info", ctx.t(Msg::ImportUndone).to_string())),
        _ => None,
    };
    let can_resume = matches!(job.state.as_str(), "failed" | "cancelled");
    let can_undo = can_resume || job.state == "finished";
    let action = |endpoint: &'static str, label: Msg, testid: &'static str| {
        view! {
            <form method="post" action=format!("/api/fn/crm/import/{endpoint}") class="inline-form">
                <input type="hidden" name="id" value=job.id.clone()/>
                <button type="submit" class="btn" data-testid=testid>{ctx.t(label)}</button>
            </form>
        }
    };
    view! {
        <section class="card" data-testid="import-summary" data-state=job.state.clone()>
            <h2>{if stopped.is_some() { ctx.t(Msg::ImportTitle) } else { ctx.t(Msg::ImportDone) }}</h2>
            {stopped.map(|(class, text)| view! { <div class=class role="status" data-testid="import-stopped">{text}</div> })}
            <div class="cards">
                <div class="card kpi"><h2>{ctx.t(Msg::ImportCreated)}</h2><p class="kpi-value" data-testid="import-created">{s.created}</p></div>
                <div class="card kpi"><h2>{ctx.t(Msg::ImportUpdated)}</h2><p class="kpi-value" data-testid="import-updated">{s.updated}</p></div>
                <div class="card kpi"><h2>{ctx.t(Msg::ImportSkipped)}</h2><p class="kpi-value" data-testid="import-skipped">{s.skipped_count}</p></div>
            </div>
            {(!s.skipped.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="table" data-testid="import-skipped-rows">
                        <thead><tr><th scope="col">{ctx.t(Msg::ImportLine)}</th><th scope="col">{ctx.t(Msg::ImportReason)}</th></tr></thead>
                        <tbody>
                            {s.skipped.iter().take(500).map(|r| view! {
                                <tr>
                                    <td>{r.line}</td>
                                    <td>{r.fields.iter().map(|f| format!("{}: {}", field_label(ctx, &f.field), f.issue.text(ctx.locale()))).collect::<Vec<_>>().join(" · ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <div class="form-actions">
                {can_resume.then(|| action("resume", Msg::ImportResume, "import-resume"))}
                {(can_undo && s.created > 0).then(|| view! {
                    <span class="hint">{ctx.t(Msg::ImportUndoHint).replace("{n}", &s.created.to_string())}</span>
                    {action("undo", Msg::ImportUndo, "import-undo")}
                })}
                <a class="btn" href="/clients">{ctx.t(Msg::HubTitle)}</a>
                <a class="btn" href="/clients/import">{ctx.t(Msg::ImportAnother)}</a>
            </div>
        </section>
    }
}
