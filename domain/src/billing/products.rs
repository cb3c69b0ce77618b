//! Products and kits the centre sells, and their stock. Every change of stock is a move
//! (received, sold, adjusted after a count, returned) saying who and why; the move and the new
//! stock are written by one statement that refuses to go below zero, so concurrent sales of the
//! last units never oversell (the table's CHECK backs it). A move that leaves an active product at
//! or below its threshold tells the people who manage the catalogue, through the bell, once per
//! crossing.

use sqlx::{Any, FromRow, Transaction};
use types::totals::parse_money;
use types::{
    Action, FieldIssue, KitWorkshop, Locale, Module, Msg, Perms, ProductId, ProductPage, ProductView, StockMoveId,
    StockMoveKind, StockMoveView, UserId, WorkshopId,
};

use super::invoices::parse_vat;
use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::fields::{required_text, text};
use crate::error::{is_unique_violation, Problems};
use crate::notifications::{self, NewNotification};
use crate::{Db, Error, Result};

type Tx = Transaction<'static, Any>;

/// The most units one move may carry.
pub const MAX_MOVE: i64 = 1_000_000;

/// What the product form sends.
#[derive(Debug, Clone, Default)]
pub struct ProductInput {
    pub sku: String,
    pub name: String,
    pub description: String,
    /// The unit price before VAT (`12,50`).
    pub price: String,
    /// `21`, `10`, `4`, `0` or `exempt`.
    pub vat: String,
    /// Empty for 0.
    pub low_stock_threshold: String,
    pub active: bool,
    /// The workshops that include the product, one per participant.
    pub workshop_ids: Vec<String>,
    /// Units on hand when the product is added (a first `received` move); ignored on edits.
    pub initial_stock: String,
}

/// What a stock move sends: its kind, how many units, and why (required for an adjustment).
#[derive(Debug, Clone, Default)]
pub struct StockMoveInput {
    /// `received`, `sold`, `adjusted` or `returned`.
    pub kind: String,
    /// Units: positive; an adjustment may be negative (`-2`: two fewer than recorded).
    pub quantity: String,
    pub reason: String,
}

/// A SKU: 1 to 40 letters, digits, `-`, `_` or `.`, upper-cased (`KIT-CERAMICA`).
pub fn parse_sku(raw: &str) -> std::result::Result<String, FieldIssue> {
    let sku = raw.trim().to_uppercase();
    if sku.is_empty() {
        return Err(FieldIssue::Required);
    }
    if sku.chars().count() > 40 {
        return Err(FieldIssue::TooLong { max: 40 });
    }
    if !sku.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(FieldIssue::InvalidChoice);
    }
    Ok(sku)
}

/// A count of units (a threshold, a first stock): 0 when empty, never negative.
fn parse_count(raw: &str) -> std::result::Result<i64, FieldIssue> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    match raw.parse::<i64>() {
        Ok(n) if (0..=MAX_MOVE).contains(&n) => Ok(n),
        Ok(_) => Err(FieldIssue::OutOfRange { min: 0, max: MAX_MOVE }),
        Err(_) => Err(FieldIssue::InvalidNumber),
    }
}

/// A move's units: 1 or more; an adjustment may take away (`-2`) but never be zero.
fn parse_quantity(raw: &str, signed: bool) -> std::result::Result<i64, FieldIssue> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldIssue::Required);
    }
    let n = raw.parse::<i64>().map_err(|_| FieldIssue::InvalidNumber)?;
    let min = if signed { -MAX_MOVE } else { 1 };
    match n {
        0 => Err(FieldIssue::AtLeast { n: 1 }),
        n if n < min || n > MAX_MOVE => Err(FieldIssue::OutOfRange { min, max: MAX_MOVE }),
        n => Ok(n),
    }
}

struct Product {
    sku: String,
    name: String,
    description: String,
    price_cents: i64,
    vat_bp: i64,
    exempt: bool,
    low_stock_threshold: i64,
    workshops: Vec<i64>,
    initial_stock: i64,
}

fn parse_product(input: &ProductInput) -> Result<Product> {
    let mut p = Problems::default();
    let sku = p.check("sku", parse_sku(&input.sku));
    let name = p.check("name", required_text(&input.name, 120));
    let description = p.check("description", text(&input.description, 2_000, true));
    let price = p.check("price", parse_money(&input.price));
    let vat = p.check("vat", parse_vat(&input.vat));
    let threshold = p.check("low_stock_threshold", parse_count(&input.low_stock_threshold));
    let initial = p.check("initial_stock", parse_count(&input.initial_stock));
    let mut workshops = Vec::new();
    for raw in input.workshop_ids.iter().filter(|w| !w.trim().is_empty()) {
        match raw.trim().parse::<i64>() {
            Ok(id) if id > 0 => workshops.push(id),
            _ => p.add("workshop_ids", FieldIssue::InvalidChoice),
        }
    }
    workshops.sort_unstable();
    workshops.dedup();
    p.finish()?;
    match (sku, name, description, price, vat, threshold, initial) {
        (
            Some(sku),
            Some(name),
            Some(description),
            Some(price_cents),
            Some((vat_bp, exempt)),
            Some(low_stock_threshold),
            Some(initial_stock),
        ) => Ok(Product {
            sku,
            name,
            description,
            price_cents,
            vat_bp,
            exempt,
            low_stock_threshold,
            workshops,
            initial_stock,
        }),
        _ => Err(Error::Internal("product validation".into())),
    }
}

/// Saves a product (`id` `None` to add one, with its initial stock as a first move). The SKU is
/// unique; the workshops named must exist.
pub async fn save_product(db: &Db, actor: UserId, id: Option<ProductId>, input: &ProductInput) -> Result<ProductView> {
    let v = parse_product(input)?;
    let taken =
        |e: sqlx::Error| if is_unique_violation(&e) { Error::field("sku", FieldIssue::CodeTaken) } else { e.into() };
    let at = now();
    let mut tx = db.begin_write().await?;
    let id = match id {
        Some(id) => {
            let before = audit::snapshot(&mut tx, "products", id.0).await?.ok_or(Error::NotFound)?;
            let update = sqlx::query(
                "UPDATE products SET sku = $1, name = $2, description = $3, price_cents = $4, vat_bp = $5, \
                 vat_exempt = $6, low_stock_threshold = $7, active = $8, updated_at = $9 WHERE id = $10",
            );
            bind_fields(update, &v, input.active, at).bind(id.0).execute(&mut *tx).await.map_err(taken)?;
            audit::record(
                &mut tx,
                &audit::Entry::of("products", "products", id.0, "update", Some(actor)),
                Some(before),
            )
            .await?;
            id
        }
        None => {
            let insert = sqlx::query(
                "INSERT INTO products (sku, name, description, price_cents, vat_bp, vat_exempt, low_stock_threshold, \
                 active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
            );
            let row = bind_fields(insert, &v, input.active, at).fetch_one(&mut *tx).await.map_err(taken)?;
            let id: i64 = sqlx::Row::try_get(&row, 0)?;
            audit::record(&mut tx, &audit::Entry::of("products", "products", id, "create", Some(actor)), None).await?;
            if v.initial_stock > 0 {
                move_stock(&mut tx, Some(actor), ProductId(id), StockMoveKind::Received, v.initial_stock, "", None)
                    .await?;
            }
            ProductId(id)
        }
    };
    set_workshops(&mut tx, id, &v.workshops).await?;
    tx.commit().await?;
    get_product(db, id).await
}

/// Binds a product's fields, its state and the time, in the order both the insert and the update
/// name them (`$1`…`$9`).
fn bind_fields<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    v: &'q Product,
    active: bool,
    at: i64,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&v.sku)
        .bind(&v.name)
        .bind(&v.description)
        .bind(v.price_cents)
        .bind(v.vat_bp)
        .bind(i64::from(v.exempt))
        .bind(v.low_stock_threshold)
        .bind(i64::from(active))
        .bind(at)
}

async fn set_workshops(tx: &mut Tx, id: ProductId, workshops: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM product_workshops WHERE product_id = $1").bind(id.0).execute(&mut **tx).await?;
    for w in workshops {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM workshops WHERE id = $1").bind(w).fetch_optional(&mut **tx).await?;
        if found.is_none() {
            return Err(Error::field("workshop_ids", FieldIssue::InvalidChoice));
        }
        sqlx::query("INSERT INTO product_workshops (product_id, workshop_id) VALUES ($1, $2)")
            .bind(id.0)
            .bind(w)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// What a stock move did: the stock it left, and whether it crossed the low-stock threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub id: StockMoveId,
    pub stock_after: i64,
    pub became_low: bool,
}

/// Moves `delta` units of a product's stock (negative takes away) inside `tx`, refusing to go
/// below zero (`quantity`: [`FieldIssue::NotEnoughStock`] with what is left). The check and the
/// write are one statement, so concurrent moves of one product never oversell on either backend.
/// Crossing the low-stock threshold tells the catalogue's managers through the bell.
pub(crate) async fn move_stock(
    tx: &mut Tx,
    actor: Option<UserId>,
    product: ProductId,
    kind: StockMoveKind,
    delta: i64,
    reason: &str,
    sale: Option<i64>,
) -> Result<Moved> {
    let at = now();
    let row: Option<(i64, i64, i64, String, String)> = sqlx::query_as(
        "UPDATE products SET stock = stock + $1, updated_at = $2 WHERE id = $3 AND stock + $1 >= 0 \
         RETURNING stock, low_stock_threshold, active, sku, name",
    )
    .bind(delta)
    .bind(at)
    .bind(product.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((stock_after, threshold, active, sku, name)) = row else {
        let left: Option<(i64,)> = sqlx::query_as("SELECT stock FROM products WHERE id = $1")
            .bind(product.0)
            .fetch_optional(&mut **tx)
            .await?;
        return match left {
            Some((available,)) => Err(Error::field("quantity", FieldIssue::NotEnoughStock { available })),
            None => Err(Error::NotFound),
        };
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO stock_moves (product_id, kind, quantity, stock_after, reason, sale_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(product.0)
    .bind(kind.as_str())
    .bind(delta)
    .bind(stock_after)
    .bind(reason)
    .bind(sale)
    .bind(actor.map(|a| a.0))
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    audit::record(tx, &audit::Entry::of("products", "stock_moves", id, "create", actor), None).await?;
    let became_low = active != 0 && stock_after <= threshold && stock_after - delta > threshold;
    if became_low {
        tell_low_stock(tx, product, &sku, &name, stock_after).await?;
    }
    Ok(Moved { id: StockMoveId(id), stock_after, became_low })
}

/// A bell notification, in each one's language, to every active user who manages the catalogue.
async fn tell_low_stock(tx: &mut Tx, product: ProductId, sku: &str, name: &str, stock: i64) -> Result<()> {
    let users: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.locale, r.permissions FROM users u LEFT JOIN roles r ON r.key = u.role WHERE u.active = 1",
    )
    .fetch_all(&mut **tx)
    .await?;
    let link = format!("/products/{}", product.0);
    for (user, locale, perms) in users {
        if !perms.as_deref().map(Perms::from_text).unwrap_or(Perms::NONE).can(Module::Products, Action::Configure) {
            continue;
        }
        let locale = Locale::parse(&locale).unwrap_or_default();
        let title = Msg::NotifLowStock.text(locale).replace("{name}", name);
        let body = Msg::NotifLowStockBody.text(locale).replace("{sku}", sku).replace("{n}", &stock.to_string());
        notifications::create(
            &mut **tx,
            &NewNotification {
                user_id: user,
                kind: "low_stock",
                title: &title,
                body: &body,
                link: &link,
                reminder_id: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// Records a move of a product's stock by hand: goods received, a sale made elsewhere, an
/// adjustment after a count (its reason required) or a return.
pub async fn record_stock_move(
    db: &Db,
    actor: UserId,
    product: ProductId,
    input: &StockMoveInput,
) -> Result<StockMoveView> {
    let mut p = Problems::default();
    let kind = p.check("kind", StockMoveKind::parse(&input.kind).ok_or(FieldIssue::InvalidChoice));
    let signed = kind == Some(StockMoveKind::Adjusted);
    let quantity = p.check("quantity", parse_quantity(&input.quantity, signed));
    let reason =
        p.check("reason", if signed { required_text(&input.reason, 300) } else { text(&input.reason, 300, false) });
    p.finish()?;
    let (Some(kind), Some(quantity), Some(reason)) = (kind, quantity, reason) else {
        return Err(Error::Internal("stock move validation".into()));
    };
    let delta = match kind {
        StockMoveKind::Sold => -quantity,
        _ => quantity,
    };
    let mut tx = db.begin_write().await?;
    let moved = move_stock(&mut tx, Some(actor), product, kind, delta, &reason, None).await?;
    tx.commit().await?;
    let mut moves = stock_moves_where(db, "m.id = $1", moved.id.0, 1).await?;
    moves.pop().ok_or(Error::NotFound)
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    sku: String,
    name: String,
    description: String,
    price_cents: i64,
    vat_bp: i64,
    vat_exempt: i64,
    stock: i64,
    low_stock_threshold: i64,
    active: i64,
}

const PRODUCT_COLUMNS: &str =
    "id, sku, name, description, price_cents, vat_bp, vat_exempt, stock, low_stock_threshold, active";

/// Which products a list shows.
#[derive(Debug, Clone, Default)]
pub struct ProductQuery {
    /// Words of the SKU or the name.
    pub q: String,
    /// Only the active products at or below their threshold.
    pub low_only: bool,
    /// Inactive products too.
    pub include_inactive: bool,
}

/// Products by name (active first), with their workshops.
pub async fn list_products(db: &Db, query: &ProductQuery) -> Result<Vec<ProductView>> {
    let mut sql = format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE 1 = 1");
    if !query.include_inactive {
        sql.push_str(" AND active = 1");
    }
    if query.low_only {
        sql.push_str(" AND active = 1 AND stock <= low_stock_threshold");
    }
    let q = query.q.trim().to_lowercase();
    if !q.is_empty() {
        sql.push_str(" AND (LOWER(sku) LIKE $1 OR LOWER(name) LIKE $1)");
    }
    sql.push_str(" ORDER BY active DESC, name, id");
    let mut rows = sqlx::query_as::<_, ProductRow>(&sql);
    if !q.is_empty() {
        rows = rows.bind(format!("%{}%", q.replace(['%', '_'], "")));
    }
    let rows = rows.fetch_all(db.pool()).await?;
    with_workshops(db, rows).await
}

/// One product with its workshops.
pub async fn get_product(db: &Db, id: ProductId) -> Result<ProductView> {
    let row: ProductRow = sqlx::query_as(&format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    with_workshops(db, vec![row]).await?.pop().ok_or(Error::NotFound)
}

async fn with_workshops(db: &Db, rows: Vec<ProductRow>) -> Result<Vec<ProductView>> {
    let links: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT pw.product_id, w.id, w.title, w.starts_at, w.confirmed FROM product_workshops pw \
         JOIN workshops w ON w.id = pw.workshop_id ORDER BY w.starts_at, w.id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ProductView {
            workshops: links
                .iter()
                .filter(|l| l.0 == r.id)
                .map(|(_, w, title, starts_at, confirmed)| KitWorkshop {
                    workshop_id: WorkshopId(*w),
                    title: title.clone(),
                    starts_at: to_utc(*starts_at),
                    confirmed: *confirmed,
                })
                .collect(),
            id: ProductId(r.id),
            sku: r.sku,
            name: r.name,
            description: r.description,
            price_cents: r.price_cents,
            vat_bp: r.vat_bp,
            exempt: r.vat_exempt != 0,
            stock: r.stock,
            low_stock_threshold: r.low_stock_threshold,
            active: r.active != 0,
        })
        .collect())
}

#[derive(FromRow)]
struct MoveRow {
    id: i64,
    kind: String,
    quantity: i64,
    stock_after: i64,
    reason: String,
    by_name: Option<String>,
    created_at: i64,
}

async fn stock_moves_where(db: &Db, condition: &str, id: i64, limit: i64) -> Result<Vec<StockMoveView>> {
    let rows: Vec<MoveRow> = sqlx::query_as(&format!(
        "SELECT m.id, m.kind, m.quantity, m.stock_after, m.reason, u.name AS by_name, m.created_at \
         FROM stock_moves m LEFT JOIN users u ON u.id = m.created_by WHERE {condition} ORDER BY m.id DESC LIMIT {}",
        limit.clamp(1, 1_000)
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StockMoveView {
            id: StockMoveId(r.id),
            kind: StockMoveKind::parse(&r.kind).unwrap_or(StockMoveKind::Adjusted),
            quantity: r.quantity,
            stock_after: r.stock_after,
            reason: r.reason,
            by: r.by_name.unwrap_or_default(),
            at: to_utc(r.created_at),
        })
        .collect())
}

/// A product's latest `limit` stock moves, newest first.
pub async fn stock_moves(db: &Db, product: ProductId, limit: i64) -> Result<Vec<StockMoveView>> {
    get_product(db, product).await?;
    stock_moves_where(db, "m.product_id = $1", product.0, limit).await
}

/// A product's page: the product, its latest moves, the kits its upcoming workshops need, and
/// the workshops it could be linked to (upcoming or linked already).
pub async fn product_page(db: &Db, id: ProductId) -> Result<ProductPage> {
    let product = get_product(db, id).await?;
    let moves = stock_moves_where(db, "m.product_id = $1", id.0, 50).await?;
    let at = now();
    let kits_needed = product.workshops.iter().filter(|w| w.starts_at.timestamp() > at).map(|w| w.confirmed).sum();
    let workshops = workshop_choices(db).await?;
    Ok(ProductPage { product, moves, kits_needed, workshops })
}

/// The workshops a product may be linked to: those not cancelled that have not ended, soonest
/// first, and those linked to a product already.
pub async fn workshop_choices(db: &Db) -> Result<Vec<KitWorkshop>> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, title, starts_at, confirmed FROM workshops WHERE (state <> 'cancelled' AND ends_at > $1) \
         OR id IN (SELECT workshop_id FROM product_workshops) ORDER BY starts_at, id",
    )
    .bind(now())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, starts_at, confirmed)| KitWorkshop {
            workshop_id: WorkshopId(id),
            title,
            starts_at: to_utc(starts_at),
            confirmed,
        })
        .collect())
}
