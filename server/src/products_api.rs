//! Products, their stock and their sales over HTTP under `/api/v1`: the catalogue (list, add,
//! read, edit), each product's stock moves (list, record), and sales (list, record: stock taken,
//! invoice issued and paid in one step, its PDF). Reading products needs the products' view
//! permission; adding create; editing and moving stock edit. Sales are the reception counter's:
//! reception's view to read, its create to sell.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use domain::billing::products::{self, ProductInput, ProductQuery, StockMoveInput};
use domain::billing::sales::{self, SaleInput, SaleLineInput};
use serde::Deserialize;
use types::{Action, Module, ProductId, SaleId};

use crate::api::{Page, Paging};
use crate::edge::{body, id_of, ok, ApiPath, ApiQuery, Caller, HttpResult};
use crate::AxumState;

/// Staff routes, merged into `/api/v1`.
pub fn v1_routes() -> Router<AxumState> {
    Router::new()
        .route("/products", get(list_products).post(create_product))
        .route("/products/{id}", get(get_product).put(update_product))
        .route("/products/{id}/stock-moves", get(list_stock_moves).post(record_stock_move))
        .route("/sales", get(list_sales).post(record_sale))
        .route("/sales/{id}", get(get_sale))
        .route("/sales/{id}/pdf", get(sale_pdf))
}

/// The JSON body of a product: its price before VAT in cents and its VAT (`exempt` or a rate:
/// `21`, `10`, `4`, `0`). `initial_stock` is only read when the product is added.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductBody {
    sku: String,
    name: String,
    #[serde(default)]
    description: String,
    price_cents: i64,
    vat: String,
    #[serde(default)]
    low_stock_threshold: i64,
    #[serde(default = "yes")]
    active: bool,
    #[serde(default)]
    workshop_ids: Vec<i64>,
    #[serde(default)]
    initial_stock: i64,
}

fn yes() -> bool {
    true
}

impl From<ProductBody> for ProductInput {
    fn from(b: ProductBody) -> Self {
        ProductInput {
            sku: b.sku,
            name: b.name,
            description: b.description,
            // A negative price keeps its sign, which the parser refuses as not a number.
            price: types::fmt::money_input(b.price_cents),
            vat: b.vat,
            low_stock_threshold: b.low_stock_threshold.to_string(),
            active: b.active,
            workshop_ids: b.workshop_ids.iter().map(i64::to_string).collect(),
            initial_stock: b.initial_stock.to_string(),
        }
    }
}

#[derive(Deserialize, Default)]
struct ProductListQuery {
    #[serde(default)]
    q: String,
    /// `true`: only the active products at or below their threshold.
    #[serde(default)]
    low: String,
    /// `true`: inactive products too.
    #[serde(default)]
    inactive: String,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_products(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<ProductListQuery>) -> HttpResult {
    who.require(Module::Products, Action::View)?;
    let query = ProductQuery { q: q.q, low_only: q.low == "true", include_inactive: q.inactive == "true" };
    let all = products::list_products(&s.app.db, &query).await?;
    let (page, per_page) = (q.paging.page(), q.paging.per_page());
    let total = all.len() as i64;
    let data = all.into_iter().skip(((page - 1) * per_page) as usize).take(per_page as usize).collect();
    ok(StatusCode::OK, Page { data, page, per_page, total })
}

async fn create_product(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<ProductBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Products, Action::Create)?;
    let input: ProductInput = body(b)?.into();
    ok(StatusCode::CREATED, products::save_product(&s.app.db, user.id, None, &input).await?)
}

async fn get_product(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Products, Action::View)?;
    ok(StatusCode::OK, products::get_product(&s.app.db, ProductId(id_of(&id)?)).await?)
}

async fn update_product(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<ProductBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Products, Action::Edit)?;
    let id = ProductId(id_of(&id)?);
    let input: ProductInput = body(b)?.into();
    ok(StatusCode::OK, products::save_product(&s.app.db, user.id, Some(id), &input).await?)
}

#[derive(Deserialize, Default)]
struct MovesQuery {
    #[serde(default)]
    limit: String,
}

async fn list_stock_moves(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    ApiQuery(q): ApiQuery<MovesQuery>,
) -> HttpResult {
    who.require(Module::Products, Action::View)?;
    let limit = q.limit.trim().parse::<i64>().ok().unwrap_or(100).clamp(1, 1_000);
    ok(StatusCode::OK, products::stock_moves(&s.app.db, ProductId(id_of(&id)?), limit).await?)
}

/// A stock move: `received`, `sold`, `adjusted` (signed, with a reason) or `returned`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveBody {
    kind: String,
    quantity: i64,
    #[serde(default)]
    reason: String,
}

async fn record_stock_move(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<MoveBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Products, Action::Edit)?;
    let id = ProductId(id_of(&id)?);
    let b = body(b)?;
    let input = StockMoveInput { kind: b.kind, quantity: b.quantity.to_string(), reason: b.reason };
    ok(StatusCode::CREATED, products::record_stock_move(&s.app.db, user.id, id, &input).await?)
}

#[derive(Deserialize, Default)]
struct SaleListQuery {
    #[serde(flatten)]
    paging: Paging,
}

async fn list_sales(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<SaleListQuery>) -> HttpResult {
    who.require(Module::Reception, Action::View)?;
    let (page, per_page) = (q.paging.page(), q.paging.per_page());
    let (data, total) = sales::list_sales(&s.app.db, page, per_page).await?;
    ok(StatusCode::OK, Page { data, page, per_page, total })
}

/// One line of a sale: a product, how many (1 if left out) and a discount in basis points.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaleLineBody {
    product_id: i64,
    #[serde(default)]
    quantity: Option<i64>,
    #[serde(default)]
    discount_bp: i64,
}

/// A sale: its lines, how it is paid, and the invoice it takes: `F2` (simplified, the default)
/// or `F1` (full, naming the client on record or their data).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaleBody {
    #[serde(default)]
    issuer_id: Option<i64>,
    #[serde(default)]
    invoice_kind: String,
    #[serde(default)]
    organization_id: Option<i64>,
    #[serde(default)]
    recipient_name: String,
    #[serde(default)]
    recipient_tax_id: String,
    #[serde(default)]
    recipient_address: String,
    payment_method: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    language: String,
    lines: Vec<SaleLineBody>,
}

impl From<SaleBody> for SaleInput {
    fn from(b: SaleBody) -> Self {
        let id = |i: Option<i64>| i.map(|i| i.to_string()).unwrap_or_default();
        SaleInput {
            issuer_id: id(b.issuer_id),
            kind: b.invoice_kind,
            organization_id: id(b.organization_id),
            recipient_name: b.recipient_name,
            recipient_tax_id: b.recipient_tax_id,
            recipient_address: b.recipient_address,
            payment_method: b.payment_method,
            reference: b.reference,
            language: b.language,
            lines: b
                .lines
                .into_iter()
                .map(|l| SaleLineInput {
                    product_id: l.product_id.to_string(),
                    quantity: l.quantity.map(|q| q.to_string()).unwrap_or_default(),
                    discount: types::fmt::percent_input(l.discount_bp),
                })
                .collect(),
        }
    }
}

async fn record_sale(State(s): State<AxumState>, who: Caller, b: Result<Json<SaleBody>, JsonRejection>) -> HttpResult {
    let user = who.require(Module::Reception, Action::Create)?;
    let input: SaleInput = body(b)?.into();
    ok(StatusCode::CREATED, sales::record_sale(&s.app.db, user.id, &input, &s.app.fiscal).await?)
}

async fn get_sale(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Reception, Action::View)?;
    ok(StatusCode::OK, sales::get_sale(&s.app.db, SaleId(id_of(&id)?)).await?)
}

/// The sale's invoice as a PDF, for the counter to print or hand over (reception may not read
/// the invoices otherwise).
async fn sale_pdf(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Reception, Action::View)?;
    let sale = sales::get_sale(&s.app.db, SaleId(id_of(&id)?)).await?;
    crate::billing_api::invoice_pdf_response(&s, sale.invoice_id).await
}
