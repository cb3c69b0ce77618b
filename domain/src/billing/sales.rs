//! Sales of products: at the reception counter, the products sold, their stock taken, the
//! invoice (simplified, or full when the client asks for one) issued with its Veri*Factu record
//! and its payment recorded — in one transaction, so a refusal anywhere (not enough stock, a
//! simplified invoice over €400, a full one without the client's tax data) leaves nothing behind.

use chrono::NaiveDate;
use sqlx::{Any, FromRow, Transaction};
use types::fmt::money_input;
use types::{
    FieldIssue, InvoiceId, InvoiceKind, InvoicePaymentMethod, Msg, ProductId, SaleChoices, SaleId, SaleView,
    StockMoveKind, UserId,
};

use super::invoices::{self, DraftInput, FiscalContext, InvoiceLineInput};
use super::products::{self, ProductQuery};
use crate::clock::{now, to_utc};
use crate::error::Problems;
use crate::training::parse_optional_id;
use crate::{Db, Error, Result};

type Tx = Transaction<'static, Any>;

/// One line of a sale: a product and how many (empty for 1), with an optional discount (`10`).
#[derive(Debug, Clone, Default)]
pub struct SaleLineInput {
    pub product_id: String,
    pub quantity: String,
    pub discount: String,
}

/// What the counter's form sends. A simplified invoice (`F2`, the default) needs no client; a
/// full one (`F1`) names a client on record or their name, tax id and address.
#[derive(Debug, Clone, Default)]
pub struct SaleInput {
    /// Empty for the only issuer, when there is one.
    pub issuer_id: String,
    /// `F2` (simplified, the default) or `F1` (full).
    pub kind: String,
    pub organization_id: String,
    pub recipient_name: String,
    pub recipient_tax_id: String,
    pub recipient_address: String,
    pub payment_method: String,
    /// A card receipt or Bizum reference; optional.
    pub reference: String,
    /// `es`, `eu` or `en`: the invoice's language; empty for Spanish.
    pub language: String,
    pub lines: Vec<SaleLineInput>,
}

struct Wanted {
    product: i64,
    quantity: i64,
    discount: String,
}

fn parse_lines(p: &mut Problems, lines: &[SaleLineInput]) -> Vec<Wanted> {
    let mut wanted = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        if l.product_id.trim().is_empty() {
            continue;
        }
        let field = |f: &str| format!("lines.{n}.{f}");
        let product = p.check(&field("product_id"), parse_optional_id(&l.product_id)).flatten();
        let quantity = match l.quantity.trim() {
            "" => Some(1),
            raw => match raw.parse::<i64>() {
                Ok(q) if (1..=products::MAX_MOVE).contains(&q) => Some(q),
                Ok(_) => {
                    p.add(&field("quantity"), FieldIssue::AtLeast { n: 1 });
                    None
                }
                Err(_) => {
                    p.add(&field("quantity"), FieldIssue::InvalidNumber);
                    None
                }
            },
        };
        if let (Some(product), Some(quantity)) = (product, quantity) {
            wanted.push(Wanted { product, quantity, discount: l.discount.clone() });
        }
    }
    if wanted.is_empty() && !p.has_prefix("lines.") {
        p.add("lines", FieldIssue::Required);
    }
    wanted
}

/// Sells products: takes them from stock, issues their invoice (simplified unless a full one is
/// asked for) and records its payment, all or nothing. Refusals name the form's fields:
/// `lines.N.quantity` when stock is short, `kind` over €400 simplified, `recipient_*` for a full
/// invoice without the client's data.
pub async fn record_sale(db: &Db, actor: UserId, input: &SaleInput, ctx: &FiscalContext) -> Result<SaleView> {
    let mut p = Problems::default();
    let method =
        p.check("payment_method", InvoicePaymentMethod::parse(&input.payment_method).ok_or(FieldIssue::InvalidChoice));
    let kind = p.check(
        "kind",
        match input.kind.trim() {
            "" | "F2" => Ok(InvoiceKind::F2),
            "F1" => Ok(InvoiceKind::F1),
            _ => Err(FieldIssue::InvalidChoice),
        },
    );
    let reference = p.check("reference", crate::crm::fields::text(&input.reference, 200, false));
    let wanted = parse_lines(&mut p, &input.lines);
    p.finish()?;
    let (Some(method), Some(kind), Some(reference)) = (method, kind, reference) else {
        return Err(Error::Internal("sale validation".into()));
    };

    let mut tx = db.begin_write().await?;
    let issuer = match input.issuer_id.trim() {
        "" => only_issuer(&mut tx).await?,
        raw => raw.to_string(),
    };
    let language = if input.language.trim().is_empty() { "es" } else { input.language.trim() };
    let mut lines = Vec::new();
    let mut p = Problems::default();
    for (n, w) in wanted.iter().enumerate() {
        let row: Option<(String, i64, i64, i64, i64)> =
            sqlx::query_as("SELECT name, price_cents, vat_bp, vat_exempt, active FROM products WHERE id = $1")
                .bind(w.product)
                .fetch_optional(&mut *tx)
                .await?;
        match row {
            Some((name, price, vat_bp, exempt, 1)) => lines.push(InvoiceLineInput {
                description: name,
                quantity: w.quantity.to_string(),
                unit_price: money_input(price),
                discount: w.discount.clone(),
                vat: if exempt == 1 { "exempt".into() } else { (vat_bp / 100).to_string() },
                ..Default::default()
            }),
            _ => p.add(&format!("lines.{n}.product_id"), FieldIssue::InvalidChoice),
        }
    }
    p.finish()?;
    let draft = DraftInput {
        issuer_id: issuer,
        kind: kind.as_str().into(),
        organization_id: input.organization_id.clone(),
        recipient_name: input.recipient_name.clone(),
        recipient_country: "ES".into(),
        recipient_tax_id: input.recipient_tax_id.clone(),
        recipient_address: input.recipient_address.clone(),
        language: language.into(),
        description: Msg::SaleInvoiceDescription.text(types::Locale::parse(language).unwrap_or_default()).into(),
        lines,
        ..Default::default()
    };
    let mut d = invoices::read_draft(&mut tx, &draft, None).await?;
    for (line, w) in d.lines.iter_mut().zip(&wanted) {
        line.product = Some(w.product);
    }
    let invoice = invoices::insert_draft(&mut tx, actor, &d, None).await?;
    let (sale, total): (i64, i64) = sqlx::query_as(
        "INSERT INTO sales (issuer_id, invoice_id, payment_method, total_cents, created_by, created_at) \
         SELECT issuer_id, id, $1, total_cents, $2, $3 FROM invoices WHERE id = $4 RETURNING id, total_cents",
    )
    .bind(method.as_str())
    .bind(actor.0)
    .bind(now())
    .bind(invoice.0)
    .fetch_one(&mut *tx)
    .await?;
    // The stock first: a sale of what is not there stops before its invoice takes a number.
    // Products in the order of their ids, then the issuer: concurrent sales lock in one order.
    let mut order: Vec<(usize, &Wanted)> = wanted.iter().enumerate().collect();
    order.sort_by_key(|(_, w)| w.product);
    for (n, w) in order {
        products::move_stock(
            &mut tx,
            Some(actor),
            ProductId(w.product),
            StockMoveKind::Sold,
            -w.quantity,
            "",
            Some(sale),
        )
        .await
        .map_err(|e| e.renamed("quantity", &format!("lines.{n}.quantity")))?;
    }
    invoices::issue_in(&mut tx, db, actor, invoice, ctx).await?;
    let (number,): (String,) =
        sqlx::query_as("SELECT number FROM invoices WHERE id = $1").bind(invoice.0).fetch_one(&mut *tx).await?;
    sqlx::query("UPDATE stock_moves SET reason = $1 WHERE sale_id = $2")
        .bind(&number)
        .bind(sale)
        .execute(&mut *tx)
        .await?;
    crate::audit::record(&mut tx, &crate::audit::Entry::of("billing", "sales", sale, "create", Some(actor)), None)
        .await?;
    if total > 0 {
        invoices::pay_in(&mut tx, actor, invoice, total, method, crate::clock::today(ctx.tz), &reference).await?;
    }
    tx.commit().await?;
    get_sale(db, SaleId(sale)).await
}

/// The issuer a sale uses when the form names none: the only one there is (with none, or several,
/// the form must name it).
async fn only_issuer(tx: &mut Tx) -> Result<String> {
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM billing_issuers ORDER BY id LIMIT 2").fetch_all(&mut **tx).await?;
    match ids.as_slice() {
        [(id,)] => Ok(id.to_string()),
        _ => Err(Error::field("issuer_id", FieldIssue::Required)),
    }
}

#[derive(FromRow)]
struct SaleRow {
    id: i64,
    created_at: i64,
    by_name: Option<String>,
    payment_method: String,
    invoice_id: i64,
    number: Option<String>,
    kind: String,
    recipient_name: String,
    total_cents: i64,
}

const SALE_SELECT: &str = "SELECT s.id, s.created_at, u.name AS by_name, s.payment_method, s.invoice_id, i.number, \
     i.kind, i.recipient_name, s.total_cents FROM sales s JOIN invoices i ON i.id = s.invoice_id \
     LEFT JOIN users u ON u.id = s.created_by";

async fn views(db: &Db, rows: Vec<SaleRow>) -> Result<Vec<SaleView>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let invoice = invoices::get_invoice(db, InvoiceId(r.invoice_id)).await?;
        out.push(SaleView {
            id: SaleId(r.id),
            at: to_utc(r.created_at),
            by: r.by_name.unwrap_or_default(),
            payment_method: InvoicePaymentMethod::parse(&r.payment_method).unwrap_or(InvoicePaymentMethod::Cash),
            invoice_id: InvoiceId(r.invoice_id),
            invoice_number: r.number.unwrap_or_default(),
            invoice_kind: InvoiceKind::parse(&r.kind).unwrap_or(InvoiceKind::F2),
            customer: r.recipient_name,
            total_cents: r.total_cents,
            lines: invoice.lines,
        });
    }
    Ok(out)
}

/// One sale with its lines.
pub async fn get_sale(db: &Db, id: SaleId) -> Result<SaleView> {
    let row: SaleRow = sqlx::query_as(&format!("{SALE_SELECT} WHERE s.id = $1"))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    views(db, vec![row]).await?.pop().ok_or(Error::NotFound)
}

/// A page of sales, the latest first, and how many there are.
pub async fn list_sales(db: &Db, page: i64, per_page: i64) -> Result<(Vec<SaleView>, i64)> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sales").fetch_one(db.pool()).await?;
    let rows: Vec<SaleRow> = sqlx::query_as(&format!(
        "{SALE_SELECT} ORDER BY s.id DESC LIMIT {} OFFSET {}",
        per_page.clamp(1, 100),
        (page.max(1) - 1) * per_page.clamp(1, 100)
    ))
    .fetch_all(db.pool())
    .await?;
    Ok((views(db, rows).await?, total))
}

/// The sales made on `day` in the centre's zone `tz`, the latest first.
pub async fn sales_on(db: &Db, day: NaiveDate, tz: chrono_tz::Tz) -> Result<Vec<SaleView>> {
    let (from, to) = crate::clock::day_bounds(day, tz);
    let rows: Vec<SaleRow> =
        sqlx::query_as(&format!("{SALE_SELECT} WHERE s.created_at >= $1 AND s.created_at < $2 ORDER BY s.id DESC"))
            .bind(from)
            .bind(to)
            .fetch_all(db.pool())
            .await?;
    views(db, rows).await
}

/// What the counter's form offers, and today's sales.
pub async fn sale_choices(db: &Db, tz: chrono_tz::Tz) -> Result<SaleChoices> {
    let issuers = super::issuers::list_issuers(db)
        .await?
        .into_iter()
        .filter(|i| i.regime == types::TaxRegime::Verifactu)
        .map(|i| (i.id, i.legal_name))
        .collect();
    let products = products::list_products(db, &ProductQuery::default()).await?;
    let clients = crate::crm::organizations::names(db).await?;
    let today = sales_on(db, crate::clock::today(tz), tz).await?;
    Ok(SaleChoices { issuers, products, clients, today })
}
