//! CRM endpoints outside the Leptos app: the CSV export of any filtered client list, a person's
//! data as a JSON download (access and portability requests), and the CSV import's upload and
//! run (plain form posts, so they work without JavaScript).

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::crm::organizations::for_each_matching;
use types::{Action, Module, OrganizationQuery};

use crate::edge::{Caller, HttpResult};
use crate::AxumState;

/// The columns of the organization CSV (export, and the names the import recognizes first).
pub const ORGANIZATION_COLUMNS: [&str; 19] = [
    "id",
    "legal_name",
    "trade_name",
    "country",
    "tax_id",
    "status",
    "source",
    "sector",
    "email",
    "phone",
    "website",
    "address",
    "postal_code",
    "city",
    "province",
    "owner",
    "interests",
    "is_contracting",
    "is_end_client",
];

/// One CSV field, quoted when it must be. A leading `=`, `+`, `-` or `@` is prefixed with `'` so
/// spreadsheets do not run it as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `GET /clients/export.csv?…`: every organization matching the hub's filters, as UTF-8 CSV
/// (with a BOM, so spreadsheets read the accents right). Staff and above.
pub async fn export_organizations(
    State(state): State<AxumState>,
    caller: Caller,
    Query(query): Query<OrganizationQuery>,
) -> HttpResult {
    let user = caller.require(Module::Crm, Action::Export)?;
    let mut out = String::from("\u{feff}");
    out.push_str(&ORGANIZATION_COLUMNS.join(","));
    out.push_str("\r\n");
    let result = for_each_matching(&state.app.db, &query, 1000, |batch| {
        for o in batch {
            let row = [
                o.id.to_string(),
                o.legal_name,
                o.trade_name,
                o.country,
                o.tax_id,
                o.status.as_str().to_string(),
                o.source.map(|s| s.as_str().to_string()).unwrap_or_default(),
                o.sector,
                o.email,
                o.phone,
                o.website,
                o.address,
                o.postal_code,
                o.city,
                o.province,
                o.owner_name.unwrap_or_default(),
                o.interests.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", "),
                (o.is_contracting as u8).to_string(),
                (o.is_end_client as u8).to_string(),
            ];
            out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        Ok(())
    })
    .await;
    result?;
    tracing::info!(user_id = user.id.0, bytes = out.len(), "organizations exported");
    let mut res = out.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    res.headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"aula-clientes.csv\""));
    Ok(res)
}

#[derive(serde::Deserialize, Default)]
pub struct PeopleExportQuery {
    #[serde(default)]
    q: String,
}

/// `GET /people/export.csv?q=…`: every person matching the search, with their organizations and
/// roles, as UTF-8 CSV. Staff and above.
pub async fn export_people(
    State(state): State<AxumState>,
    caller: Caller,
    Query(query): Query<PeopleExportQuery>,
) -> HttpResult {
    caller.require(Module::Crm, Action::Export)?;
    let mut out = String::from("\u{feff}id,first_name,last_name,email,phone,tax_id,city,organizations\r\n");
    let result = domain::crm::people::for_each_matching(&state.app.db, &query.q, 1000, |batch| {
        for p in batch {
            let row =
                [p.id.to_string(), p.first_name, p.last_name, p.email, p.phone, p.tax_id, p.city, p.organizations];
            out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        Ok(())
    })
    .await;
    result?;
    let mut res = out.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    res.headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"aula-personas.csv\""));
    Ok(res)
}

/// `GET /people/{id}/data.json`: everything held about a person, as a file to hand over for an
/// access or portability request (RGPD arts. 15 and 20). Who may export CRM data.
pub async fn personal_data(
    State(state): State<AxumState>,
    caller: Caller,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> HttpResult {
    caller.require(Module::Crm, Action::Export)?;
    let data = domain::privacy::personal_data(&state.app.db, types::PersonId(id)).await?;
    let mut res = axum::Json(data).into_response();
    let file = format!("attachment; filename=\"aula-persona-{id}.json\"");
    if let Ok(v) = HeaderValue::from_str(&file) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The largest CSV file accepted (about 200,000 rows of a wide sheet).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

fn see_other(to: &str) -> Response {
    axum::response::Redirect::to(to).into_response()
}

/// `POST /clients/import/upload` (multipart: `target`, `file`): reads the CSV and sends the
/// browser to its mapping page, or back to the upload form with `?error=…`. Staff and above.
pub async fn upload_import(
    State(state): State<AxumState>,
    caller: Caller,
    mut multipart: axum::extract::Multipart,
) -> HttpResult {
    let user = caller.require(Module::Crm, Action::Create)?;
    let (mut target, mut file_name, mut bytes) = (String::from("organizations"), String::new(), Vec::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("target") => target = field.text().await.unwrap_or_default(),
                Some("file") => {
                    file_name = field.file_name().unwrap_or("datos.csv").to_string();
                    match field.bytes().await {
                        Ok(b) => bytes = b.to_vec(),
                        Err(_) => return Ok(see_other("/clients/import?error=too_large")),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return Ok(see_other("/clients/import?error=too_large")),
        }
    }
    let Some(target) = domain::crm::import::Target::parse(&target) else {
        return Ok(see_other("/clients/import?error=target"));
    };
    // Reading a large file is CPU work: off the async runtime, so other requests go on.
    let parsed = tokio::task::spawn_blocking(move || domain::crm::import::parse_csv(&bytes))
        .await
        .unwrap_or_else(|e| Err(domain::Error::Internal(format!("CSV parser: {e}"))));
    let created = match parsed {
        Ok(table) => domain::crm::import::create_run(&state.app.db, user.id, target, &file_name, &table).await,
        Err(e) => Err(e),
    };
    Ok(match created {
        Ok(id) => see_other(&format!("/clients/import/{id}")),
        Err(domain::Error::Validation(f)) => {
            let code = match f.first().map(|f| (f.issue, f.detail.as_deref())) {
                Some((types::FieldIssue::TooLong { .. }, Some("columns"))) => "too_many_columns",
                Some((types::FieldIssue::TooLong { .. }, Some("cell"))) => "cell_too_long",
                Some((types::FieldIssue::TooLong { .. }, _)) => "too_many_rows",
                Some((types::FieldIssue::Malformed, _)) => "malformed",
                _ => "empty",
            };
            see_other(&format!("/clients/import?error={code}"))
        }
        Err(e) => return Err(e.into()),
    })
}

/// `POST /clients/import/{id}/run` (form: `map_0`…`map_n`, `update_existing`): starts the run,
/// driven in the background by this instance, and sends the browser to its progress page.
pub async fn run_import(
    State(state): State<AxumState>,
    caller: Caller,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> HttpResult {
    let user = caller.require(Module::Crm, Action::Create)?;
    let db = &state.app.db;
    let columns = domain::crm::import::run_view(db, user.id, &id).await?.headers.len();
    let mapping: Vec<String> =
        (0..columns).map(|i| form.get(&format!("map_{i}")).cloned().unwrap_or_default()).collect();
    let update = form.contains_key("update_existing");
    Ok(match domain::crm::import::start_run(db, user.id, &id, mapping, update).await {
        Ok(()) => {
            domain::crm::import::drive_soon(db.clone(), state.app.instance.clone(), id.clone());
            see_other(&format!("/clients/import/{id}"))
        }
        Err(domain::Error::Validation(_)) => see_other(&format!("/clients/import/{id}?error=mapping")),
        Err(domain::Error::Conflict) => see_other(&format!("/clients/import/{id}")),
        Err(e) => return Err(e.into()),
    })
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Urola"), "Urola");
        assert_eq!(csv_field("Urola, S.L."), "\"Urola, S.L.\"");
        assert_eq!(csv_field("dice \"hola\""), "\"dice \"\"hola\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+34 943"), "'+34 943");
    }
}
