//! Billing over HTTP under `/api/v1`: the issuing companies with their series, and invoices from
//! draft to issued, cancelled or rectified, with their Veri*Factu records as XML, and the exports
//! for the accountant (the issued-invoices book as CSV or XLSX, the PDFs as a ZIP). Reading needs
//! billing's view permission; drafts its create and edit; issuing and rectifying edit; cancelling
//! delete; issuers and series configure; exports export.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::billing::invoices::{self, DraftInput, InvoiceLineInput};
use domain::billing::issuers::{self, IssuerInput};
use serde::{Deserialize, Serialize};
use types::{
    Action, ApiError, CollectionStatus, FieldIssue, FiscalRecordView, InvoiceId, InvoiceState, InvoiceView, IssuerId,
    Module,
};

use crate::api::{Page, Paging};
use crate::edge::{body, id_of, ok, ApiPath, ApiQuery, Caller, HttpError, HttpResult};
use crate::AxumState;

/// Staff routes, merged into `/api/v1`.
pub fn v1_routes() -> Router<AxumState> {
    Router::new()
        .route("/issuers", get(list_issuers).post(create_issuer))
        .route("/issuers/{id}", get(get_issuer).put(update_issuer))
        .route("/issuers/{id}/series", post(add_series))
        .route("/invoices", get(list_invoices).post(create_invoice))
        .route("/invoices/{id}", get(get_invoice).put(update_invoice))
        .route("/invoices/{id}/issue", post(issue_invoice))
        .route("/invoices/{id}/cancel", post(cancel_invoice))
        .route("/invoices/{id}/rectify", post(rectify_invoice))
        .route("/invoices/{id}/record.xml", get(record_xml))
        .route("/invoices/{id}/pdf", get(invoice_pdf))
        .route("/invoices/{id}/payments", get(list_payments).post(record_payment))
        .route("/exports/{file}", get(export_invoices))
}

/// The JSON body of an issuer.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerBody {
    legal_name: String,
    nif: String,
    address: String,
    postal_code: String,
    city: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    iban: String,
    #[serde(default)]
    email: String,
    #[serde(default = "verifactu")]
    regime: String,
}

fn verifactu() -> String {
    "verifactu".into()
}

impl From<IssuerBody> for IssuerInput {
    fn from(b: IssuerBody) -> Self {
        IssuerInput {
            legal_name: b.legal_name,
            nif: b.nif,
            address: b.address,
            postal_code: b.postal_code,
            city: b.city,
            province: b.province,
            iban: b.iban,
            email: b.email,
            regime: b.regime,
        }
    }
}

async fn list_issuers(State(s): State<AxumState>, who: Caller) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    ok(StatusCode::OK, issuers::list_issuers(&s.app.db).await?)
}

async fn create_issuer(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<IssuerBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Configure)?;
    let input: IssuerInput = body(b)?.into();
    ok(StatusCode::CREATED, issuers::save_issuer(&s.app.db, user.id, None, &input).await?)
}

async fn get_issuer(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    ok(StatusCode::OK, issuers::get_issuer(&s.app.db, IssuerId(id_of(&id)?)).await?)
}

async fn update_issuer(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<IssuerBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Configure)?;
    let id = IssuerId(id_of(&id)?);
    let input: IssuerInput = body(b)?.into();
    ok(StatusCode::OK, issuers::save_issuer(&s.app.db, user.id, Some(id), &input).await?)
}

/// A new series: its code and what it numbers (`ordinary`, `simplified`, `rectifying`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesBody {
    code: String,
    kind: String,
}

async fn add_series(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<SeriesBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Configure)?;
    let id = IssuerId(id_of(&id)?);
    let b = body(b)?;
    ok(StatusCode::CREATED, issuers::add_series(&s.app.db, user.id, id, &b.code, &b.kind).await?)
}

#[derive(Deserialize, Default)]
struct InvoiceListQuery {
    #[serde(default)]
    state: String,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_invoices(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<InvoiceListQuery>) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    let state = match q.state.trim() {
        "" => None,
        raw => Some(InvoiceState::parse(raw).ok_or(HttpError(ApiError::field("state", FieldIssue::InvalidChoice)))?),
    };
    let (page, per_page) = (q.paging.page(), q.paging.per_page());
    let (data, total) = invoices::list_invoices(&s.app.db, state, page, per_page).await?;
    ok(StatusCode::OK, Page { data, page, per_page, total })
}

/// One line of an invoice body: `hours` of training or `quantity` units, a unit price in cents,
/// a discount in basis points (1,000 = 10 %), and `vat`: `exempt` or a rate (`21`, `10`, `4`, `0`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineBody {
    description: String,
    #[serde(default)]
    hours: Option<String>,
    #[serde(default)]
    quantity: Option<i64>,
    unit_price_cents: i64,
    #[serde(default)]
    discount_bp: i64,
    vat: String,
    #[serde(default)]
    contract_id: Option<i64>,
}

/// The JSON body of a draft invoice. Recipient fields left out are taken from the organization
/// or person named.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoiceBody {
    issuer_id: i64,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    series_id: Option<i64>,
    #[serde(default)]
    organization_id: Option<i64>,
    #[serde(default)]
    person_id: Option<i64>,
    #[serde(default)]
    recipient_name: String,
    #[serde(default)]
    recipient_country: String,
    #[serde(default)]
    recipient_tax_id: String,
    #[serde(default)]
    recipient_address: String,
    #[serde(default)]
    language: String,
    description: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    operation_date: String,
    #[serde(default)]
    due_date: String,
    lines: Vec<LineBody>,
}

impl From<InvoiceBody> for DraftInput {
    fn from(b: InvoiceBody) -> Self {
        let id = |i: Option<i64>| i.map(|i| i.to_string()).unwrap_or_default();
        DraftInput {
            issuer_id: b.issuer_id.to_string(),
            kind: b.kind,
            series_id: id(b.series_id),
            organization_id: id(b.organization_id),
            person_id: id(b.person_id),
            recipient_name: b.recipient_name,
            recipient_country: b.recipient_country,
            recipient_tax_id: b.recipient_tax_id,
            recipient_address: b.recipient_address,
            language: b.language,
            description: b.description,
            notes: b.notes,
            operation_date: b.operation_date,
            due_date: b.due_date,
            lines: b
                .lines
                .into_iter()
                .map(|l| InvoiceLineInput {
                    description: l.description,
                    hours: l.hours.unwrap_or_default(),
                    quantity: l.quantity.map(|q| q.to_string()).unwrap_or_default(),
                    // A negative price keeps its sign, which the parser refuses as not a number.
                    unit_price: types::fmt::money_input(l.unit_price_cents),
                    discount: types::fmt::percent_input(l.discount_bp),
                    vat: l.vat,
                    contract_id: id(l.contract_id),
                })
                .collect(),
        }
    }
}

/// An invoice with its fiscal records and where it stands with its payments today.
#[derive(Serialize)]
struct InvoiceAnswer {
    #[serde(flatten)]
    invoice: InvoiceView,
    collection_status: Option<CollectionStatus>,
    records: Vec<FiscalRecordView>,
}

async fn answer(s: &AxumState, status: StatusCode, invoice: InvoiceView) -> HttpResult {
    let records = invoices::fiscal_records(&s.app.db, invoice.id).await?;
    let today = domain::clock::today(s.app.fiscal.tz);
    ok(status, InvoiceAnswer { collection_status: invoice.collection_status(today), invoice, records })
}

async fn create_invoice(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<InvoiceBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Create)?;
    let input: DraftInput = body(b)?.into();
    let invoice = invoices::create_draft(&s.app.db, user.id, &input).await?;
    answer(&s, StatusCode::CREATED, invoice).await
}

async fn get_invoice(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    let invoice = invoices::get_invoice(&s.app.db, InvoiceId(id_of(&id)?)).await?;
    answer(&s, StatusCode::OK, invoice).await
}

async fn update_invoice(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<InvoiceBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Edit)?;
    let id = InvoiceId(id_of(&id)?);
    let input: DraftInput = body(b)?.into();
    let invoice = invoices::update_draft(&s.app.db, user.id, id, &input).await?;
    answer(&s, StatusCode::OK, invoice).await
}

async fn issue_invoice(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    let user = who.require(Module::Billing, Action::Edit)?;
    let id = InvoiceId(id_of(&id)?);
    let invoice = invoices::issue_invoice(&s.app.db, user.id, id, &s.app.fiscal).await?;
    answer(&s, StatusCode::OK, invoice).await
}

/// Why an invoice is cancelled.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelBody {
    reason: String,
}

async fn cancel_invoice(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<CancelBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Delete)?;
    let id = InvoiceId(id_of(&id)?);
    let b = body(b)?;
    let invoice = invoices::cancel_invoice(&s.app.db, user.id, id, &b.reason, &s.app.fiscal).await?;
    answer(&s, StatusCode::OK, invoice).await
}

/// A rectifying invoice's kind (`R1`–`R5`) and mode (`substitution`, `difference`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RectifyBody {
    kind: String,
    mode: String,
}

async fn rectify_invoice(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<RectifyBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Edit)?;
    let id = InvoiceId(id_of(&id)?);
    let b = body(b)?;
    let draft = invoices::rectify(&s.app.db, user.id, id, &b.kind, &b.mode).await?;
    answer(&s, StatusCode::CREATED, draft).await
}

/// `GET /invoices/{id}/record.xml`: the invoice's fiscal records as one AEAT message.
async fn record_xml(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    let xml = invoices::records_xml(&s.app.db, InvoiceId(id_of(&id)?)).await?;
    let mut res = xml.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    Ok(res)
}

/// `GET /invoices/{id}/pdf`: the invoice as an A4 PDF in its recipient's language, with its QR.
async fn invoice_pdf(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    invoice_pdf_response(&s, InvoiceId(id_of(&id)?)).await
}

/// An invoice as a PDF download (`factura-F-000001.pdf`; a draft's says `borrador`).
pub(crate) async fn invoice_pdf_response(s: &AxumState, id: InvoiceId) -> HttpResult {
    let invoice = invoices::get_invoice(&s.app.db, id).await?;
    let issuer = issuers::get_issuer(&s.app.db, invoice.issuer_id).await?;
    let bytes = domain::billing::pdf::invoice_pdf(&invoice, &issuer, s.app.fiscal.environment);
    let name = match &invoice.number {
        Some(n) => format!("factura-{}.pdf", n.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")),
        None => format!("borrador-{}.pdf", invoice.id),
    };
    Ok(attachment(bytes, "application/pdf", &name))
}

/// A file to download: its bytes, its type and the name it is saved as; never cached.
fn attachment(bytes: Vec<u8>, mime: &'static str, name: &str) -> axum::response::Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// A range of issue dates: `from` and `to`, `YYYY-MM-DD`, both included.
#[derive(Deserialize, Default)]
struct RangeQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The issued-invoices book (*libro registro de facturas expedidas*) as CSV, `xlsx`, or the
/// invoices' PDFs as `zip`, for a range of issue dates.
async fn export_invoices(
    State(s): State<AxumState>,
    who: Caller,
    axum::extract::Path(format): axum::extract::Path<String>,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> HttpResult {
    use domain::billing::exports;
    who.require(Module::Billing, Action::Export)?;
    let (from, to) = exports::parse_range(&q.from, &q.to)?;
    let name = format!("facturas-expedidas-{from}-{to}");
    Ok(match format.as_str() {
        "invoices.csv" => {
            let rows = exports::issued_book(&s.app.db, from, to).await?;
            attachment(exports::book_csv(&rows).into_bytes(), "text/csv; charset=utf-8", &format!("{name}.csv"))
        }
        "invoices.xlsx" => {
            let rows = exports::issued_book(&s.app.db, from, to).await?;
            let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            attachment(exports::book_xlsx(&rows)?, mime, &format!("{name}.xlsx"))
        }
        "invoices.zip" => {
            let zip = exports::invoices_zip(&s.app.db, from, to, s.app.fiscal.environment).await?;
            attachment(zip, "application/zip", &format!("{name}.zip"))
        }
        _ => return Err(domain::Error::NotFound.into()),
    })
}

async fn list_payments(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Billing, Action::View)?;
    let invoice = invoices::get_invoice(&s.app.db, InvoiceId(id_of(&id)?)).await?;
    ok(StatusCode::OK, invoice.payments)
}

/// A payment received: the amount in cents (positive; a refund on a negative invoice too), the
/// method (`transfer`, `card`, `cash`, `bizum`, `direct_debit`), the day and a reference.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentBody {
    amount_cents: i64,
    method: String,
    paid_on: String,
    #[serde(default)]
    reference: String,
}

async fn record_payment(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<PaymentBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Billing, Action::Edit)?;
    let id = InvoiceId(id_of(&id)?);
    let b = body(b)?;
    let input = invoices::PaymentInput {
        amount: types::fmt::money_input(b.amount_cents),
        method: b.method,
        paid_on: b.paid_on,
        reference: b.reference,
    };
    let invoice = invoices::record_payment(&s.app.db, user.id, id, &input).await?;
    answer(&s, StatusCode::CREATED, invoice).await
}
