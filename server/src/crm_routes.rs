//! CRM endpoints outside the Leptos app: the CSV export of any filtered client list.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::crm::organizations::for_each_matching;
use types::{ApiError, OrganizationQuery, Role};

use crate::{api_error, AxumState};

/// The signed-in user behind the session cookie if their role includes `role`; otherwise the
/// 401/403 response to send.
pub async fn session_with_role(
    state: &AxumState,
    headers: &HeaderMap,
    role: Role,
) -> Result<domain::users::User, Response> {
    match app::state::session_from_headers(&state.app, headers).await {
        Err(e) => Err(api_error(e.to_api())),
        Ok(None) => Err(api_error(ApiError::unauthorized())),
        Ok(Some((user, _))) if !user.role.includes(role) => Err(api_error(ApiError::forbidden())),
        Ok(Some((user, _))) => Ok(user),
    }
}

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
    headers: HeaderMap,
    Query(query): Query<OrganizationQuery>,
) -> Response {
    let user = match session_with_role(&state, &headers, Role::Staff).await {
        Ok(u) => u,
        Err(res) => return res,
    };
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
    if let Err(e) = result {
        return api_error(e.to_api());
    }
    tracing::info!(user_id = user.id.0, bytes = out.len(), "organizations exported");
    let mut res = out.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    res.headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"aula-clientes.csv\""));
    res
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
