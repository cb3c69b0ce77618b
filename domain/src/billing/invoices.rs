//! Invoices: a draft (editable, no number) is issued once — the number taken from its series
//! and the Veri*Factu record written in the same transaction, so a failure burns no number and
//! leaves no gap — and never changes afterwards (the database refuses it). A mistake is put right
//! by a rectifying invoice (R1–R5, by substitution or by difference) in the issuer's rectifying
//! series, or the invoice is cancelled by an *anulación* record; either way it keeps its number.
//!
//! Lines carry their own VAT: training delivered by the centre is exempt (art. 20.Uno.9º Ley
//! 37/1992), kits and materials carry 21 %, 10 %, 4 % or 0 %; one invoice may mix them. Each
//! line's base and VAT are rounded on the line, then added up.

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use sqlx::{Any, Transaction};
use types::totals::{invoice_line, parse_hours, parse_money, LineQty};
use types::{
    FieldIssue, FiscalRecordId, FiscalRecordView, InvoiceId, InvoiceKind, InvoiceLineView, InvoicePaymentMethod,
    InvoicePaymentView, InvoiceState, InvoiceSummary, InvoiceView, IssuerId, OrganizationId, PersonId, Recipient,
    RecordKind, RecordStatus, RectificationMode, SeriesKind, TaxRegime, UserId, VatRow,
};

use super::verifactu::{Alta, Anulacion, InvoiceType};
use super::xml::{self, AltaXml, AnulacionXml, Detail, InvoiceRef, Party, Previous, Rectification, SystemInfo};
use crate::audit;
use crate::clock::{now, utc_now};
use crate::crm::fields::{parse_country, required_text, text, TaxId};
use crate::error::Problems;
use crate::training::parse_optional_id;
use crate::{Db, Error, Result};

type Tx = Transaction<'static, Any>;

/// The VAT rates a line may carry, in basis points: general, reduced, super-reduced and zero.
pub const VAT_RATES: &[i64] = &[2_100, 1_000, 400, 0];

/// The most a simplified invoice may total, VAT included (art. 4.1 RD 1619/2012): €400.
pub const SIMPLIFIED_LIMIT_CENTS: i64 = 40_000;

/// Days to pay when the invoice does not say (Ley 3/2004, art. 4: 30 days from delivery).
pub const DEFAULT_PAYMENT_DAYS: i64 = 30;

pub use types::TRAINING_EXEMPTION;

/// What issuing needs besides the invoice: the centre's zone (the issue date and the record's
/// time are local), the AEAT's environment the records go to (and the QR points at), and the
/// invoicing system that signs the records.
#[derive(Debug, Clone)]
pub struct FiscalContext {
    pub tz: Tz,
    pub environment: super::verifactu::Environment,
    pub system: SystemInfo,
}

/// One line as typed: `hours` for training (`7,5`, `7:30`) or `quantity` units; `vat` is a rate
/// (`21`, `10`, `4`, `0`) or `exempt`.
#[derive(Debug, Clone, Default)]
pub struct InvoiceLineInput {
    pub description: String,
    pub hours: String,
    pub quantity: String,
    pub unit_price: String,
    /// A percentage (`10`, `12,5`); empty for none.
    pub discount: String,
    pub vat: String,
    /// The contract whose hours the line invoices; empty for none.
    pub contract_id: String,
}

/// What the invoice form sends. The recipient's fields left blank are taken from the linked
/// organization or person.
#[derive(Debug, Clone, Default)]
pub struct DraftInput {
    pub issuer_id: String,
    /// `F1` (full) or `F2` (simplified); a rectifying draft keeps its kind.
    pub kind: String,
    /// Empty for the issuer's first series of the kind.
    pub series_id: String,
    pub organization_id: String,
    pub person_id: String,
    pub recipient_name: String,
    pub recipient_country: String,
    pub recipient_tax_id: String,
    pub recipient_address: String,
    /// `es`, `eu` or `en`; empty for Spanish.
    pub language: String,
    pub description: String,
    pub notes: String,
    pub operation_date: String,
    pub due_date: String,
    pub lines: Vec<InvoiceLineInput>,
}

pub(crate) struct Line {
    contract: Option<i64>,
    /// The product a sale's line sells.
    pub(crate) product: Option<i64>,
    description: String,
    qty: LineQty,
    unit_cents: i64,
    discount_bp: i64,
    vat_bp: i64,
    exempt: bool,
    base_cents: i64,
    vat_cents: i64,
}

pub(crate) struct Draft {
    issuer: i64,
    kind: InvoiceKind,
    series: i64,
    recipient: Recipient,
    language: String,
    description: String,
    notes: String,
    operation_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    pub(crate) lines: Vec<Line>,
}

fn optional_date(raw: &str) -> std::result::Result<Option<NaiveDate>, FieldIssue> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map(Some).map_err(|_| FieldIssue::InvalidDate)
}

/// A signed amount: `-` before what `parse` reads, where `negative` allows it.
fn signed<T: std::ops::Neg<Output = T>>(
    raw: &str,
    negative: bool,
    parse: impl Fn(&str) -> std::result::Result<T, FieldIssue>,
) -> std::result::Result<T, FieldIssue> {
    match raw.trim().strip_prefix('-') {
        Some(rest) if negative => parse(rest).map(|v| -v),
        Some(_) => Err(FieldIssue::InvalidNumber),
        None => parse(raw),
    }
}

/// A line's VAT as typed: `exempt` (or `exento`, `salbuetsia`), or one of [`VAT_RATES`] as a
/// percentage.
pub(crate) fn parse_vat(raw: &str) -> std::result::Result<(i64, bool), FieldIssue> {
    let s = raw.trim().trim_end_matches('%').trim().to_lowercase();
    if matches!(s.as_str(), "exempt" | "exento" | "exenta" | "salbuetsia") {
        return Ok((0, true));
    }
    let bp = parse_money(&s)?;
    if VAT_RATES.contains(&bp) {
        Ok((bp, false))
    } else {
        Err(FieldIssue::InvalidChoice)
    }
}

fn parse_lines(p: &mut Problems, input: &[InvoiceLineInput], negative: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    for (n, l) in input.iter().enumerate() {
        if l.description.trim().is_empty() && l.unit_price.trim().is_empty() && l.hours.trim().is_empty() {
            continue;
        }
        let field = |f: &str| format!("lines.{n}.{f}");
        let description = p.check(&field("description"), required_text(&l.description, 300));
        let qty = if !l.hours.trim().is_empty() {
            match signed(&l.hours, negative, parse_hours) {
                Ok(0) | Err(_) => {
                    p.add(&field("hours"), FieldIssue::InvalidNumber);
                    None
                }
                Ok(m) => Some(LineQty::Minutes(m)),
            }
        } else {
            let raw = if l.quantity.trim().is_empty() { "1" } else { l.quantity.as_str() };
            match signed(raw, negative, |s| s.trim().parse::<i64>().map_err(|_| FieldIssue::InvalidNumber)) {
                Ok(q) if q != 0 && q.abs() <= 1_000_000 => Some(LineQty::Units(q)),
                _ => {
                    p.add(&field("quantity"), FieldIssue::InvalidNumber);
                    None
                }
            }
        };
        let unit = p.check(&field("unit_price"), parse_money(&l.unit_price));
        let discount = if l.discount.trim().is_empty() {
            Some(0)
        } else {
            match parse_money(l.discount.trim().trim_end_matches('%')) {
                Ok(d) if d <= 10_000 => Some(d),
                Ok(_) => {
                    p.add(&field("discount"), FieldIssue::OutOfRange { min: 0, max: 100 });
                    None
                }
                Err(i) => {
                    p.add(&field("discount"), i);
                    None
                }
            }
        };
        let vat = p.check(&field("vat"), parse_vat(&l.vat));
        let contract = p.check(&field("contract_id"), parse_optional_id(&l.contract_id));
        if let (
            Some(description),
            Some(qty),
            Some(unit_cents),
            Some(discount_bp),
            Some((vat_bp, exempt)),
            Some(contract),
        ) = (description, qty, unit, discount, vat, contract)
        {
            let (base_cents, vat_cents) = invoice_line(qty, unit_cents, discount_bp, vat_bp);
            lines.push(Line {
                contract,
                product: None,
                description,
                qty,
                unit_cents,
                discount_bp,
                vat_bp,
                exempt,
                base_cents,
                vat_cents,
            });
        }
    }
    if lines.is_empty() && !p.has_prefix("lines.") {
        p.add("lines", FieldIssue::Required);
    }
    lines
}

/// The VAT breakdown of `lines`: exempt training first, then each rate from the highest.
fn breakdown<'a>(lines: impl Iterator<Item = (i64, bool, i64, i64)> + 'a) -> Vec<VatRow> {
    let mut rows: Vec<VatRow> = Vec::new();
    for (vat_bp, exempt, base, vat) in lines {
        match rows.iter_mut().find(|r| r.vat_bp == vat_bp && r.exempt == exempt) {
            Some(r) => {
                r.base_cents += base;
                r.vat_cents += vat;
            }
            None => rows.push(VatRow { vat_bp, exempt, base_cents: base, vat_cents: vat }),
        }
    }
    rows.sort_by_key(|r| (!r.exempt, -r.vat_bp));
    rows
}

/// Reads and checks a draft; `existing` is the draft being edited (its kind and what it rectifies
/// stay).
pub(crate) async fn read_draft(tx: &mut Tx, input: &DraftInput, existing: Option<(InvoiceKind, i64)>) -> Result<Draft> {
    let mut p = Problems::default();
    let issuer = p.check("issuer_id", parse_optional_id(&input.issuer_id)).flatten();
    if issuer.is_none() && !p.has("issuer_id") {
        p.add("issuer_id", FieldIssue::Required);
    }
    let kind = match existing {
        Some((kind, _)) => Some(kind),
        None => p.check(
            "kind",
            match InvoiceKind::parse(if input.kind.trim().is_empty() { "F1" } else { &input.kind }) {
                Some(k) if !k.is_rectifying() => Ok(k),
                _ => Err(FieldIssue::InvalidChoice),
            },
        ),
    };
    let series = p.check("series_id", parse_optional_id(&input.series_id)).flatten();
    let organization = p.check("organization_id", parse_optional_id(&input.organization_id)).flatten();
    let person = p.check("person_id", parse_optional_id(&input.person_id)).flatten();
    let language = match input.language.trim() {
        "" => Some("es".to_string()),
        l @ ("es" | "eu" | "en") => Some(l.to_string()),
        _ => {
            p.add("language", FieldIssue::InvalidChoice);
            None
        }
    };
    let description = p.check("description", required_text(&input.description, 500));
    let notes = p.check("notes", text(&input.notes, 2_000, true));
    let operation_date = p.check("operation_date", optional_date(&input.operation_date)).flatten();
    let due_date = p.check("due_date", optional_date(&input.due_date)).flatten();
    let lines = parse_lines(&mut p, &input.lines, kind.is_some_and(InvoiceKind::is_rectifying));

    // The recipient: what was typed, the rest from the linked organization or person.
    let mut from: Recipient = Recipient::default();
    if let Some(o) = organization {
        type OrgRow = (String, String, Option<String>, String, String, String, String);
        let row: Option<OrgRow> = sqlx::query_as(
            "SELECT legal_name, country, tax_id, address, postal_code, city, province FROM organizations WHERE id = $1",
        )
        .bind(o)
        .fetch_optional(&mut **tx)
        .await?;
        match row {
            Some((name, country, tax_id, address, postal, city, province)) => {
                let place =
                    [postal, city, province].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                from = Recipient {
                    name,
                    country,
                    tax_id: tax_id.unwrap_or_default(),
                    address: [address, place].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n"),
                    ..Recipient::default()
                };
            }
            None => p.add("organization_id", FieldIssue::InvalidChoice),
        }
    } else if let Some(person) = person {
        let row: Option<(String, String, Option<String>, String)> =
            sqlx::query_as("SELECT first_name, last_name, tax_id, city FROM people WHERE id = $1")
                .bind(person)
                .fetch_optional(&mut **tx)
                .await?;
        match row {
            Some((first, last, tax_id, city)) => {
                from = Recipient {
                    name: format!("{first} {last}").trim().to_string(),
                    country: "ES".into(),
                    tax_id: tax_id.unwrap_or_default(),
                    address: city,
                    ..Recipient::default()
                }
            }
            None => p.add("person_id", FieldIssue::InvalidChoice),
        }
    }
    let or = |typed: &str, linked: &str| if typed.trim().is_empty() { linked.to_string() } else { typed.to_string() };
    let name = p.check("recipient_name", text(&or(&input.recipient_name, &from.name), 120, false));
    let country = p.check("recipient_country", parse_country(&or(&input.recipient_country, &from.country)));
    let raw_tax_id = or(&input.recipient_tax_id, &from.tax_id);
    let tax_id = match (&country, raw_tax_id.trim().is_empty()) {
        (_, true) => Some(String::new()),
        (Some(c), false) => p.check("recipient_tax_id", TaxId::parse(c, &raw_tax_id)).map(|t| t.value),
        (None, false) => None,
    };
    let address = p.check("recipient_address", text(&or(&input.recipient_address, &from.address), 300, true));

    let issuer_row = match issuer {
        Some(i) => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM billing_issuers WHERE id = $1")
                .bind(i)
                .fetch_optional(&mut **tx)
                .await?;
            if found.is_none() {
                p.add("issuer_id", FieldIssue::InvalidChoice);
            }
            found.map(|f| f.0)
        }
        None => None,
    };
    let series = match (issuer_row, kind) {
        (Some(issuer), Some(kind)) => {
            let found: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM billing_series WHERE issuer_id = $1 AND kind = $2 AND (CAST($3 AS BIGINT) IS NULL OR id = $3) ORDER BY id LIMIT 1",
            )
            .bind(issuer)
            .bind(kind.series_kind().as_str())
            .bind(series)
            .fetch_optional(&mut **tx)
            .await?;
            if found.is_none() {
                p.add("series_id", if series.is_some() { FieldIssue::InvalidChoice } else { FieldIssue::NoSeries });
            }
            found.map(|f| f.0)
        }
        _ => None,
    };
    if kind == Some(InvoiceKind::F2) {
        let total: i64 = lines.iter().map(|l| l.base_cents + l.vat_cents).sum();
        if total > SIMPLIFIED_LIMIT_CENTS {
            p.add("kind", FieldIssue::SimplifiedOverLimit);
        }
    }
    p.finish()?;
    let (Some(issuer), Some(kind), Some(series), Some(language), Some(description), Some(notes)) =
        (issuer_row, kind, series, language, description, notes)
    else {
        return Err(Error::Internal("invoice validation".into()));
    };
    let (Some(name), Some(country), Some(tax_id), Some(address)) = (name, country, tax_id, address) else {
        return Err(Error::Internal("invoice validation".into()));
    };
    Ok(Draft {
        issuer,
        kind,
        series,
        recipient: Recipient {
            organization_id: organization.map(OrganizationId),
            person_id: person.map(PersonId),
            name,
            country,
            tax_id,
            address,
        },
        language,
        description,
        notes,
        operation_date,
        due_date,
        lines,
    })
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Creates a draft invoice (full or simplified).
pub async fn create_draft(db: &Db, actor: UserId, input: &DraftInput) -> Result<InvoiceView> {
    let mut tx = db.begin_write().await?;
    let d = read_draft(&mut tx, input, None).await?;
    check_contract_hours(db, &mut tx, &d.lines, None).await?;
    let id = insert_draft(&mut tx, actor, &d, None).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}

pub(crate) async fn insert_draft(
    tx: &mut Tx,
    actor: UserId,
    d: &Draft,
    rectifies: Option<(i64, RectificationMode)>,
) -> Result<InvoiceId> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoices (issuer_id, series_id, kind, state, description, rectifies_id, rectification, base_cents, \
         vat_cents, total_cents, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, 'draft', '', $4, $5, 0, 0, 0, $6, $7, $7) RETURNING id",
    )
    .bind(d.issuer)
    .bind(d.series)
    .bind(d.kind.as_str())
    .bind(rectifies.map(|r| r.0))
    .bind(rectifies.map(|r| r.1.as_str()))
    .bind(actor.0)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    write_draft(tx, id, d).await?;
    audit::record(tx, &audit::Entry::of("billing", "invoices", id, "create", Some(actor)), None).await?;
    Ok(InvoiceId(id))
}

/// Writes a draft's content (its fields, totals and lines) over draft `id`; refused once issued.
async fn write_draft(tx: &mut Tx, id: i64, d: &Draft) -> Result<()> {
    let (base, vat) = sums(&d.lines);
    let done = sqlx::query(
        "UPDATE invoices SET issuer_id = $1, series_id = $2, organization_id = $3, person_id = $4, recipient_name = $5, \
         recipient_country = $6, recipient_tax_id = $7, recipient_address = $8, language = $9, description = $10, notes = $11, \
         operation_date = $12, due_date = $13, base_cents = $14, vat_cents = $15, total_cents = $16, updated_at = $17 \
         WHERE id = $18 AND state = 'draft'",
    )
    .bind(d.issuer)
    .bind(d.series)
    .bind(d.recipient.organization_id.map(|o| o.0))
    .bind(d.recipient.person_id.map(|p| p.0))
    .bind(&d.recipient.name)
    .bind(&d.recipient.country)
    .bind(&d.recipient.tax_id)
    .bind(&d.recipient.address)
    .bind(&d.language)
    .bind(&d.description)
    .bind(&d.notes)
    .bind(iso(d.operation_date))
    .bind(iso(d.due_date))
    .bind(base)
    .bind(vat)
    .bind(base + vat)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    sqlx::query("DELETE FROM invoice_lines WHERE invoice_id = $1").bind(id).execute(&mut **tx).await?;
    write_lines(tx, id, &d.lines).await
}

fn sums(lines: &[Line]) -> (i64, i64) {
    (lines.iter().map(|l| l.base_cents).sum(), lines.iter().map(|l| l.vat_cents).sum())
}

async fn write_lines(tx: &mut Tx, id: i64, lines: &[Line]) -> Result<()> {
    for (n, l) in lines.iter().enumerate() {
        let (minutes, quantity) = match l.qty {
            LineQty::Minutes(m) => (Some(m), None),
            LineQty::Units(q) => (None, Some(q)),
        };
        sqlx::query(
            "INSERT INTO invoice_lines (invoice_id, position, description, minutes, quantity, unit_cents, discount_bp, \
             vat_bp, exempt, base_cents, vat_cents, source_kind, source_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(n as i64)
        .bind(&l.description)
        .bind(minutes)
        .bind(quantity)
        .bind(l.unit_cents)
        .bind(l.discount_bp)
        .bind(l.vat_bp)
        .bind(i64::from(l.exempt))
        .bind(l.base_cents)
        .bind(l.vat_cents)
        .bind(l.contract.map(|_| CONTRACT_SOURCE).or(l.product.map(|_| PRODUCT_SOURCE)))
        .bind(l.contract.or(l.product))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// How a line names the contract whose hours it invoices (`invoice_lines.source_kind`).
const CONTRACT_SOURCE: &str = "contract";
/// How a sale's line names the product it sells.
const PRODUCT_SOURCE: &str = "product";

/// Minutes of `contract` invoiced by full and simplified invoices that are not cancelled (a
/// cancellation gives its hours back), leaving out the invoice `except`.
async fn invoiced_minutes_in<'e, E: sqlx::Executor<'e, Database = Any>>(
    exec: E,
    contract: i64,
    except: Option<i64>,
) -> Result<i64> {
    let (minutes,): (Option<i64>,) = sqlx::query_as(
        "SELECT CAST(SUM(l.minutes) AS BIGINT) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id \
         WHERE l.source_kind = $1 AND l.source_id = $2 AND i.state <> 'cancelled' AND i.kind IN ('F1', 'F2') \
         AND i.id <> $3",
    )
    .bind(CONTRACT_SOURCE)
    .bind(contract)
    .bind(except.unwrap_or(0))
    .fetch_one(exec)
    .await?;
    Ok(minutes.unwrap_or(0))
}

/// Refuses lines that would invoice more hours of a contract than it plans or has delivered,
/// whichever is more, counting the other invoices. Holds each contract's lock until `tx` ends, so
/// two drafts cannot take the same hours.
async fn check_contract_hours(db: &Db, tx: &mut Tx, lines: &[Line], invoice: Option<i64>) -> Result<()> {
    let mut p = Problems::default();
    let mut contracts: Vec<i64> = lines.iter().filter_map(|l| l.contract).collect();
    contracts.sort_unstable();
    contracts.dedup();
    for c in contracts {
        db.lock_key(tx, &format!("billing:contract:{c}")).await?;
        let contract = match crate::training::contracts::get_contract(db, types::ContractId(c)).await {
            Ok(contract) => contract,
            Err(Error::NotFound) => {
                for (n, _) in lines.iter().enumerate().filter(|(_, l)| l.contract == Some(c)) {
                    p.add(&format!("lines.{n}.contract_id"), FieldIssue::InvalidChoice);
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        let allowed = contract.planned_minutes.max(contract.delivered_minutes);
        let mut used = invoiced_minutes_in(&mut **tx, c, invoice).await?;
        for (n, l) in lines.iter().enumerate().filter(|(_, l)| l.contract == Some(c)) {
            used += match l.qty {
                LineQty::Minutes(m) => m,
                LineQty::Units(_) => 0,
            };
            if used > allowed {
                p.add(&format!("lines.{n}.hours"), FieldIssue::OverInvoiced);
            }
        }
    }
    p.finish()
}

/// Saves a draft's new content; an issued invoice cannot change.
pub async fn update_draft(db: &Db, actor: UserId, id: InvoiceId, input: &DraftInput) -> Result<InvoiceView> {
    let mut tx = db.begin_write().await?;
    let current: Option<(String, String)> =
        sqlx::query_as("SELECT kind, state FROM invoices WHERE id = $1").bind(id.0).fetch_optional(&mut *tx).await?;
    let (kind, state) = current.ok_or(Error::NotFound)?;
    if state != InvoiceState::Draft.as_str() {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    let kind = InvoiceKind::parse(&kind).ok_or_else(|| Error::Internal(format!("invoice {id} kind {kind}")))?;
    let d = read_draft(&mut tx, input, Some((kind, id.0))).await?;
    if !kind.is_rectifying() {
        check_contract_hours(db, &mut tx, &d.lines, Some(id.0)).await?;
    }
    let before = audit::snapshot(&mut tx, "invoices", id.0).await?;
    write_draft(&mut tx, id.0, &d).await?;
    audit::record(&mut tx, &audit::Entry::of("billing", "invoices", id.0, "update", Some(actor)), before).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}

/// Deletes a draft; an issued invoice stays for ever.
pub async fn delete_draft(db: &Db, actor: UserId, id: InvoiceId) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let before = audit::snapshot(&mut tx, "invoices", id.0).await?.ok_or(Error::NotFound)?;
    let done =
        sqlx::query("DELETE FROM invoices WHERE id = $1 AND state = 'draft'").bind(id.0).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    audit::record_between(
        &mut tx,
        &audit::Entry::of("billing", "invoices", id.0, "delete", Some(actor)),
        Some(before),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Starts a rectifying invoice of `id` (issued): a draft of `kind` (R1–R4 for a full invoice, R5
/// for a simplified one) in the issuer's rectifying series, to the same recipient. By
/// substitution its lines start as the original's (to be put right); by difference, as the
/// original's with the opposite sign (a full credit, to be cut down to what changes).
pub async fn rectify(db: &Db, actor: UserId, id: InvoiceId, kind: &str, mode: &str) -> Result<InvoiceView> {
    let original = get_invoice(db, id).await?;
    let mut p = Problems::default();
    let kind = p.check(
        "kind",
        match InvoiceKind::parse(kind) {
            Some(InvoiceKind::R5) if original.kind == InvoiceKind::F2 => Ok(InvoiceKind::R5),
            Some(k @ (InvoiceKind::R1 | InvoiceKind::R2 | InvoiceKind::R3 | InvoiceKind::R4))
                if original.kind != InvoiceKind::F2 =>
            {
                Ok(k)
            }
            _ => Err(FieldIssue::InvalidChoice),
        },
    );
    let mode = p.check("mode", RectificationMode::parse(mode).ok_or(FieldIssue::InvalidChoice));
    if original.state != InvoiceState::Issued {
        p.add("state", FieldIssue::WrongState);
    }
    p.finish()?;
    let (Some(kind), Some(mode)) = (kind, mode) else { return Err(Error::Internal("rectify validation".into())) };
    let mut tx = db.begin_write().await?;
    let series: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM billing_series WHERE issuer_id = $1 AND kind = $2 ORDER BY id LIMIT 1")
            .bind(original.issuer_id.0)
            .bind(SeriesKind::Rectifying.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let series = series.ok_or_else(|| Error::field("series_id", FieldIssue::NoSeries))?.0;
    let sign = if mode == RectificationMode::Difference { -1 } else { 1 };
    let lines = original
        .lines
        .iter()
        .map(|l| {
            let qty = match (l.minutes, l.quantity) {
                (Some(m), _) => LineQty::Minutes(sign * m),
                (None, q) => LineQty::Units(sign * q.unwrap_or(1)),
            };
            let (base_cents, vat_cents) = invoice_line(qty, l.unit_cents, l.discount_bp, l.vat_bp);
            // A correction leaves the contract's invoiced hours as they were.
            Line {
                contract: None,
                product: None,
                description: l.description.clone(),
                qty,
                unit_cents: l.unit_cents,
                discount_bp: l.discount_bp,
                vat_bp: l.vat_bp,
                exempt: l.exempt,
                base_cents,
                vat_cents,
            }
        })
        .collect();
    let number = original.number.clone().unwrap_or_default();
    let d = Draft {
        issuer: original.issuer_id.0,
        kind,
        series,
        recipient: original.recipient.clone(),
        language: original.language.clone(),
        description: format!("Rectificación de la factura {number}"),
        notes: String::new(),
        operation_date: original.operation_date,
        due_date: None,
        lines,
    };
    let new = insert_draft(&mut tx, actor, &d, Some((id.0, mode))).await?;
    tx.commit().await?;
    get_invoice(db, new).await
}

#[derive(sqlx::FromRow)]
struct Head {
    id: i64,
    issuer_id: i64,
    legal_name: String,
    nif: String,
    kind: String,
    state: String,
    number: Option<String>,
    issue_date: Option<String>,
    operation_date: Option<String>,
    due_date: Option<String>,
    organization_id: Option<i64>,
    person_id: Option<i64>,
    recipient_name: String,
    recipient_country: String,
    recipient_tax_id: String,
    recipient_address: String,
    language: String,
    description: String,
    notes: String,
    rectifies_id: Option<i64>,
    rectifies_number: Option<String>,
    rectification: Option<String>,
    base_cents: i64,
    vat_cents: i64,
    total_cents: i64,
    cancel_reason: Option<String>,
    paid_cents: i64,
}

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// An invoice with its lines and VAT breakdown.
pub async fn get_invoice(db: &Db, id: InvoiceId) -> Result<InvoiceView> {
    let mut conn = db.pool().acquire().await?;
    get_invoice_on(&mut conn, id).await
}

/// [`get_invoice`] on `conn` (inside a transaction: as it sees it).
pub(crate) async fn get_invoice_on(conn: &mut sqlx::AnyConnection, id: InvoiceId) -> Result<InvoiceView> {
    let h: Head = sqlx::query_as(
        "SELECT i.id, i.issuer_id, b.legal_name, b.nif, i.kind, i.state, i.number, i.issue_date, i.operation_date, \
         i.due_date, i.organization_id, i.person_id, i.recipient_name, i.recipient_country, i.recipient_tax_id, \
         i.recipient_address, i.language, i.description, i.notes, i.rectifies_id, r.number AS rectifies_number, \
         i.rectification, i.base_cents, i.vat_cents, i.total_cents, i.cancel_reason, i.paid_cents \
         FROM invoices i JOIN billing_issuers b ON b.id = i.issuer_id LEFT JOIN invoices r ON r.id = i.rectifies_id \
         WHERE i.id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    type LineRow = (String, Option<i64>, Option<i64>, i64, i64, i64, i64, i64, i64, Option<String>, Option<i64>);
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT description, minutes, quantity, unit_cents, discount_bp, vat_bp, exempt, base_cents, vat_cents, \
         source_kind, source_id FROM invoice_lines WHERE invoice_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let lines: Vec<InvoiceLineView> = rows
        .into_iter()
        .map(
            |(
                description,
                minutes,
                quantity,
                unit_cents,
                discount_bp,
                vat_bp,
                exempt,
                base_cents,
                vat_cents,
                kind,
                source,
            )| {
                InvoiceLineView {
                    contract_id: source.filter(|_| kind.as_deref() == Some(CONTRACT_SOURCE)).map(types::ContractId),
                    product_id: source.filter(|_| kind.as_deref() == Some(PRODUCT_SOURCE)).map(types::ProductId),
                    description,
                    minutes,
                    quantity,
                    unit_cents,
                    discount_bp,
                    vat_bp,
                    exempt: exempt == 1,
                    base_cents,
                    vat_cents,
                }
            },
        )
        .collect();
    let breakdown = breakdown(lines.iter().map(|l| (l.vat_bp, l.exempt, l.base_cents, l.vat_cents)));
    let payments: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT paid_on, amount_cents, method, reference FROM invoice_payments WHERE invoice_id = $1 ORDER BY paid_on, id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let payments = payments
        .into_iter()
        .map(|(paid_on, amount_cents, method, reference)| InvoicePaymentView {
            paid_on: day(Some(paid_on)).unwrap_or_default(),
            amount_cents,
            method: InvoicePaymentMethod::parse(&method).unwrap_or(InvoicePaymentMethod::Transfer),
            reference,
        })
        .collect();
    Ok(InvoiceView {
        id: InvoiceId(h.id),
        issuer_id: IssuerId(h.issuer_id),
        issuer_name: h.legal_name,
        issuer_nif: h.nif,
        kind: InvoiceKind::parse(&h.kind).unwrap_or(InvoiceKind::F1),
        state: InvoiceState::parse(&h.state).unwrap_or(InvoiceState::Draft),
        number: h.number,
        issue_date: day(h.issue_date),
        operation_date: day(h.operation_date),
        due_date: day(h.due_date),
        recipient: Recipient {
            organization_id: h.organization_id.map(OrganizationId),
            person_id: h.person_id.map(PersonId),
            name: h.recipient_name,
            country: h.recipient_country,
            tax_id: h.recipient_tax_id,
            address: h.recipient_address,
        },
        language: h.language,
        description: h.description,
        notes: h.notes,
        rectifies: h.rectifies_id.map(InvoiceId),
        rectifies_number: h.rectifies_number,
        rectification: h.rectification.as_deref().and_then(RectificationMode::parse),
        lines,
        breakdown,
        base_cents: h.base_cents,
        vat_cents: h.vat_cents,
        total_cents: h.total_cents,
        cancel_reason: h.cancel_reason,
        paid_cents: h.paid_cents,
        payments,
    })
}

/// A page of invoices, the latest first, all or those in `state`; and how many there are.
pub async fn list_invoices(
    db: &Db,
    state: Option<InvoiceState>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<InvoiceSummary>, i64)> {
    let state = state.map(InvoiceState::as_str);
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM invoices WHERE (CAST($1 AS TEXT) IS NULL OR state = $1)")
            .bind(state)
            .fetch_one(db.pool())
            .await?;
    type Row = (i64, String, String, String, Option<String>, Option<String>, String, i64, i64, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, b.legal_name, i.kind, i.state, i.number, i.issue_date, i.recipient_name, i.total_cents, \
         i.paid_cents, i.due_date \
         FROM invoices i JOIN billing_issuers b ON b.id = i.issuer_id WHERE (CAST($1 AS TEXT) IS NULL OR i.state = $1) \
         ORDER BY i.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(state)
    .bind(per_page)
    .bind((page - 1).max(0) * per_page)
    .fetch_all(db.pool())
    .await?;
    let list = rows
        .into_iter()
        .map(|(id, issuer_name, kind, state, number, issue_date, recipient_name, total_cents, paid_cents, due)| {
            InvoiceSummary {
                id: InvoiceId(id),
                issuer_name,
                kind: InvoiceKind::parse(&kind).unwrap_or(InvoiceKind::F1),
                state: InvoiceState::parse(&state).unwrap_or(InvoiceState::Draft),
                number,
                issue_date: day(issue_date),
                recipient_name,
                total_cents,
                paid_cents,
                due_date: day(due),
            }
        })
        .collect();
    Ok((list, total))
}

/// The issuer as issuing needs it.
#[derive(sqlx::FromRow)]
struct IssuerRow {
    id: i64,
    legal_name: String,
    nif: String,
    regime: String,
}

async fn issuer_for_records(tx: &mut Tx, db: &Db, issuer: i64) -> Result<IssuerRow> {
    // One issuer's records form one chain: its issues and cancellations take turns.
    db.lock_key(tx, &format!("billing:issuer:{issuer}")).await?;
    let row: IssuerRow = sqlx::query_as("SELECT id, legal_name, nif, regime FROM billing_issuers WHERE id = $1")
        .bind(issuer)
        .fetch_one(&mut **tx)
        .await?;
    if TaxRegime::parse(&row.regime) != Some(TaxRegime::Verifactu) {
        return Err(Error::field("issuer_id", FieldIssue::RegimeNotAvailable));
    }
    Ok(row)
}

/// The issuer's last record, which the next one chains to.
async fn last_record(tx: &mut Tx, issuer: i64) -> Result<Option<(i64, Previous)>> {
    let row: Option<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT seq, issuer_nif, invoice_number, issue_date, fingerprint FROM fiscal_records WHERE issuer_id = $1 \
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(issuer)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(seq, nif, number, issued, fingerprint)| {
        let issued_on = NaiveDate::parse_from_str(&issued, "%Y-%m-%d").unwrap_or_default();
        (seq, Previous { invoice: InvoiceRef { issuer_nif: nif, number, issued_on }, fingerprint })
    }))
}

async fn several_issuers(tx: &mut Tx) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM billing_issuers").fetch_one(&mut **tx).await?;
    Ok(n > 1)
}

/// Now in the centre's zone, to the second, as the records write it.
fn local_now(tz: Tz) -> DateTime<FixedOffset> {
    let at = utc_now();
    let at = at - chrono::Duration::nanoseconds(i64::from(at.timestamp_subsec_nanos()));
    at.with_timezone(&tz).fixed_offset()
}

/// Where an issuer's next record goes in its chain: after its last one (if any), generated now in
/// the centre's zone, by this system.
struct Link {
    seq: i64,
    previous: Option<Previous>,
    generated_at: DateTime<FixedOffset>,
    system: SystemInfo,
    several_issuers: bool,
}

impl Link {
    async fn next(tx: &mut Tx, issuer: &IssuerRow, ctx: &FiscalContext) -> Result<Link> {
        let last = last_record(tx, issuer.id).await?;
        Ok(Link {
            seq: last.as_ref().map_or(1, |(seq, _)| seq + 1),
            previous: last.map(|(_, p)| p),
            generated_at: local_now(ctx.tz),
            system: ctx.system.for_issuer(&issuer.legal_name, &issuer.nif),
            several_issuers: several_issuers(tx).await?,
        })
    }

    fn previous_fingerprint(&self) -> Option<&str> {
        self.previous.as_ref().map(|p| p.fingerprint.as_str())
    }
}

struct NewRecord<'a> {
    issuer: i64,
    invoice: i64,
    kind: RecordKind,
    reference: &'a InvoiceRef,
    link: &'a Link,
    fingerprint: &'a str,
    xml: &'a str,
}

async fn insert_record(tx: &mut Tx, actor: UserId, r: &NewRecord<'_>) -> Result<()> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO fiscal_records (issuer_id, seq, invoice_id, kind, issuer_nif, invoice_number, issue_date, fingerprint, \
         previous_fingerprint, generated_at, xml, created_at, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending') RETURNING id",
    )
    .bind(r.issuer)
    .bind(r.link.seq)
    .bind(r.invoice)
    .bind(r.kind.as_str())
    .bind(&r.reference.issuer_nif)
    .bind(&r.reference.number)
    .bind(r.reference.issued_on.format("%Y-%m-%d").to_string())
    .bind(r.fingerprint)
    .bind(r.link.previous_fingerprint())
    .bind(super::verifactu::timestamp(r.link.generated_at))
    .bind(r.xml)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    audit::note(tx, &audit::Entry::of("billing", "fiscal_records", id, r.kind.as_str(), Some(actor))).await?;
    Ok(())
}

fn invoice_type(kind: InvoiceKind) -> InvoiceType {
    match kind {
        InvoiceKind::F1 => InvoiceType::F1,
        InvoiceKind::F2 => InvoiceType::F2,
        InvoiceKind::R1 => InvoiceType::R1,
        InvoiceKind::R2 => InvoiceType::R2,
        InvoiceKind::R3 => InvoiceType::R3,
        InvoiceKind::R4 => InvoiceType::R4,
        InvoiceKind::R5 => InvoiceType::R5,
    }
}

/// Issues a draft: checks what the law asks of it, gives it the next number of its series and
/// today's date (in the centre's zone), and writes its Veri*Factu *alta* record chained to the
/// issuer's previous record — all in one transaction.
pub async fn issue_invoice(db: &Db, actor: UserId, id: InvoiceId, ctx: &FiscalContext) -> Result<InvoiceView> {
    let mut tx = db.begin_write().await?;
    issue_in(&mut tx, db, actor, id, ctx).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}

/// [`issue_invoice`] inside `tx` (a sale issues its invoice in its own transaction).
pub(crate) async fn issue_in(tx: &mut Tx, db: &Db, actor: UserId, id: InvoiceId, ctx: &FiscalContext) -> Result<()> {
    let draft = get_invoice_on(tx, id).await?;
    if draft.state != InvoiceState::Draft {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    let mut p = Problems::default();
    let simplified = matches!(draft.kind, InvoiceKind::F2 | InvoiceKind::R5);
    if !simplified {
        // A full invoice names its recipient: name, tax id and address (art. 6.1 RD 1619/2012).
        for (field, value) in [
            ("recipient_name", &draft.recipient.name),
            ("recipient_tax_id", &draft.recipient.tax_id),
            ("recipient_address", &draft.recipient.address),
        ] {
            if value.trim().is_empty() {
                p.add(field, FieldIssue::Required);
            }
        }
    }
    if draft.kind == InvoiceKind::F2 && draft.total_cents > SIMPLIFIED_LIMIT_CENTS {
        p.add("kind", FieldIssue::SimplifiedOverLimit);
    }
    if draft.lines.is_empty() {
        p.add("lines", FieldIssue::Required);
    }
    p.finish()?;

    let issuer = issuer_for_records(tx, db, draft.issuer_id.0).await?;
    let before = audit::snapshot(tx, "invoices", id.0).await?;
    // Still the draft that was read (not issued meanwhile, nor edited to another issuer).
    let (series,): (i64,) = sqlx::query_as(
        "UPDATE invoices SET updated_at = $1 WHERE id = $2 AND state = 'draft' AND issuer_id = $3 AND total_cents = $4 \
         RETURNING series_id",
    )
    .bind(now())
    .bind(id.0)
    .bind(issuer.id)
    .bind(draft.total_cents)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| Error::field("state", FieldIssue::WrongState))?;
    let (code, seq): (String, i64) = sqlx::query_as(
        "UPDATE billing_series SET next_number = next_number + 1 WHERE id = $1 RETURNING code, next_number - 1",
    )
    .bind(series)
    .fetch_one(&mut **tx)
    .await?;
    let number = format!("{code}-{seq:06}");
    let issued_on = crate::clock::today(ctx.tz);
    let link = Link::next(tx, &issuer, ctx).await?;
    let reference = InvoiceRef { issuer_nif: issuer.nif.clone(), number: number.clone(), issued_on };
    let fingerprint = Alta {
        issuer_nif: &issuer.nif,
        number: &number,
        issued_on,
        invoice_type: invoice_type(draft.kind),
        vat_cents: draft.vat_cents,
        total_cents: draft.total_cents,
        previous: link.previous_fingerprint(),
        generated_at: link.generated_at,
    }
    .fingerprint();
    let rectification = match (draft.rectifies, draft.rectification) {
        (Some(r), Some(mode)) => {
            let original = get_in(tx, r).await?;
            Some(Rectification {
                mode: if mode == RectificationMode::Substitution { 'S' } else { 'I' },
                rectified: InvoiceRef { issuer_nif: issuer.nif.clone(), number: original.0, issued_on: original.1 },
                replaced: (mode == RectificationMode::Substitution).then_some((original.2, original.3)),
            })
        }
        _ => None,
    };
    let recipient = (!simplified).then(|| Party {
        name: draft.recipient.name.clone(),
        country: draft.recipient.country.clone(),
        id: draft.recipient.tax_id.clone(),
    });
    let details: Vec<Detail> = draft
        .breakdown
        .iter()
        .map(|r| Detail { vat_bp: r.vat_bp, exempt: r.exempt, base_cents: r.base_cents, vat_cents: r.vat_cents })
        .collect();
    let record = xml::alta(&AltaXml {
        invoice: &reference,
        issuer_name: &issuer.legal_name,
        invoice_type: draft.kind.as_str(),
        rectification: rectification.as_ref(),
        operation_date: draft.operation_date,
        description: &draft.description,
        recipient: recipient.as_ref(),
        details: &details,
        vat_cents: draft.vat_cents,
        total_cents: draft.total_cents,
        previous: link.previous.as_ref(),
        system: &link.system,
        several_issuers: link.several_issuers,
        generated_at: link.generated_at,
        fingerprint: &fingerprint,
    });
    let new = NewRecord {
        issuer: issuer.id,
        invoice: id.0,
        kind: RecordKind::Alta,
        reference: &reference,
        link: &link,
        fingerprint: &fingerprint,
        xml: &record,
    };
    insert_record(tx, actor, &new).await?;
    // Without a due date, the legal term: 30 days (Ley 3/2004, art. 4).
    let due = draft.due_date.unwrap_or(issued_on + chrono::Duration::days(DEFAULT_PAYMENT_DAYS));
    sqlx::query(
        "UPDATE invoices SET state = 'issued', number = $1, number_seq = $2, issue_date = $3, due_date = $4, issued_at = $5, \
         updated_at = $5 WHERE id = $6",
    )
    .bind(&number)
    .bind(seq)
    .bind(issued_on.format("%Y-%m-%d").to_string())
    .bind(due.format("%Y-%m-%d").to_string())
    .bind(now())
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    audit::record(tx, &audit::Entry::of("billing", "invoices", id.0, "issue", Some(actor)), before).await
}

/// An issued invoice's number, date, base and VAT.
async fn get_in(tx: &mut Tx, id: InvoiceId) -> Result<(String, NaiveDate, i64, i64)> {
    let (number, issued, base, vat): (Option<String>, Option<String>, i64, i64) =
        sqlx::query_as("SELECT number, issue_date, base_cents, vat_cents FROM invoices WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut **tx)
            .await?;
    match (number, day(issued)) {
        (Some(n), Some(d)) => Ok((n, d, base, vat)),
        _ => Err(Error::field("rectifies", FieldIssue::WrongState)),
    }
}

/// Cancels an issued invoice by an *anulación* record chained like any other; the invoice keeps
/// its number and shows as cancelled, with `reason`.
pub async fn cancel_invoice(
    db: &Db,
    actor: UserId,
    id: InvoiceId,
    reason: &str,
    ctx: &FiscalContext,
) -> Result<InvoiceView> {
    let reason = required_text(reason, 500).map_err(|i| Error::field("reason", i))?;
    let invoice = get_invoice(db, id).await?;
    let (Some(number), Some(issued_on)) = (invoice.number.clone(), invoice.issue_date) else {
        return Err(Error::field("state", FieldIssue::WrongState));
    };
    let mut tx = db.begin_write().await?;
    let issuer = issuer_for_records(&mut tx, db, invoice.issuer_id.0).await?;
    let before = audit::snapshot(&mut tx, "invoices", id.0).await?;
    let done = sqlx::query(
        "UPDATE invoices SET state = 'cancelled', cancel_reason = $1, cancelled_at = $2, updated_at = $2 \
         WHERE id = $3 AND state = 'issued'",
    )
    .bind(&reason)
    .bind(now())
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    let link = Link::next(&mut tx, &issuer, ctx).await?;
    let reference = InvoiceRef { issuer_nif: issuer.nif.clone(), number, issued_on };
    let fingerprint = Anulacion {
        issuer_nif: &issuer.nif,
        number: &reference.number,
        issued_on,
        previous: link.previous_fingerprint(),
        generated_at: link.generated_at,
    }
    .fingerprint();
    let record = xml::anulacion(&AnulacionXml {
        invoice: &reference,
        previous: link.previous.as_ref(),
        system: &link.system,
        several_issuers: link.several_issuers,
        generated_at: link.generated_at,
        fingerprint: &fingerprint,
    });
    let new = NewRecord {
        issuer: issuer.id,
        invoice: id.0,
        kind: RecordKind::Anulacion,
        reference: &reference,
        link: &link,
        fingerprint: &fingerprint,
        xml: &record,
    };
    insert_record(&mut tx, actor, &new).await?;
    audit::record(&mut tx, &audit::Entry::of("billing", "invoices", id.0, "cancel", Some(actor)), before).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}

/// The fiscal records of an invoice, oldest first.
pub async fn fiscal_records(db: &Db, id: InvoiceId) -> Result<Vec<FiscalRecordView>> {
    type Row = (i64, String, i64, String, Option<String>, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, seq, fingerprint, previous_fingerprint, generated_at, status FROM fiscal_records \
         WHERE invoice_id = $1 ORDER BY seq",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(rid, kind, seq, fingerprint, previous_fingerprint, generated_at, status)| FiscalRecordView {
            id: FiscalRecordId(rid),
            kind: RecordKind::parse(&kind).unwrap_or(RecordKind::Alta),
            seq,
            fingerprint,
            previous_fingerprint,
            generated_at,
            status: RecordStatus::parse(&status).unwrap_or(RecordStatus::Pending),
        })
        .collect())
}

/// The invoice's fiscal records as one AEAT message (`RegFactuSistemaFacturacion`), as they were
/// (or will be) sent; not found for a draft.
pub async fn records_xml(db: &Db, id: InvoiceId) -> Result<String> {
    let invoice = get_invoice(db, id).await?;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT xml FROM fiscal_records WHERE invoice_id = $1 ORDER BY seq")
        .bind(id.0)
        .fetch_all(db.pool())
        .await?;
    if rows.is_empty() {
        return Err(Error::NotFound);
    }
    let obligado = Party { name: invoice.issuer_name, country: "ES".into(), id: invoice.issuer_nif };
    Ok(xml::message(&obligado, &rows.into_iter().map(|r| r.0).collect::<Vec<_>>()))
}

/// One link of an issuer's chain, as [`verify_chain`] reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: i64,
    pub problem: String,
}

/// Reads an issuer's records back in order and checks the chain: 1, 2, 3… with no gap, each
/// naming the previous one's fingerprint, and each fingerprint recomputed from the record's own
/// XML. Returns the number of records checked, or the first break.
pub async fn verify_chain(db: &Db, issuer: IssuerId) -> Result<std::result::Result<i64, ChainBreak>> {
    let rows: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
        "SELECT seq, previous_fingerprint, fingerprint, xml FROM fiscal_records WHERE issuer_id = $1 ORDER BY seq",
    )
    .bind(issuer.0)
    .fetch_all(db.pool())
    .await?;
    let mut last: Option<String> = None;
    for (n, (seq, previous, fingerprint, xml)) in rows.iter().enumerate() {
        let broken = |problem: &str| Ok(Err(ChainBreak { seq: *seq, problem: problem.to_string() }));
        if *seq != n as i64 + 1 {
            return broken("gap in the sequence");
        }
        if previous != &last {
            return broken("does not name the previous record's fingerprint");
        }
        match super::verifactu::fingerprint_of_record(xml) {
            Some(f) if &f == fingerprint => {}
            _ => return broken("the fingerprint does not match the record"),
        }
        last = Some(fingerprint.clone());
    }
    Ok(Ok(rows.len() as i64))
}

/// What the payment form sends: an amount (`495,01`), a method, the day it was received
/// (`YYYY-MM-DD`) and an optional reference (a transfer's concept, a card receipt).
#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    pub amount: String,
    pub method: String,
    pub paid_on: String,
    pub reference: String,
}

/// Records a payment received against an issued invoice: never more than is still owed (a
/// negative invoice, a refund, takes a refund of at most its amount).
pub async fn record_payment(db: &Db, actor: UserId, id: InvoiceId, input: &PaymentInput) -> Result<InvoiceView> {
    let mut p = Problems::default();
    let amount = p.check(
        "amount",
        parse_money(&input.amount).and_then(|a| if a > 0 { Ok(a) } else { Err(FieldIssue::InvalidNumber) }),
    );
    let method = p.check("method", InvoicePaymentMethod::parse(&input.method).ok_or(FieldIssue::InvalidChoice));
    let paid_on = p.check(
        "paid_on",
        NaiveDate::parse_from_str(input.paid_on.trim(), "%Y-%m-%d").map_err(|_| FieldIssue::InvalidDate),
    );
    let reference = p.check("reference", text(&input.reference, 200, false));
    p.finish()?;
    let (Some(amount), Some(method), Some(paid_on), Some(reference)) = (amount, method, paid_on, reference) else {
        return Err(Error::Internal("payment validation".into()));
    };
    let mut tx = db.begin_write().await?;
    pay_in(&mut tx, actor, id, amount, method, paid_on, &reference).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}

/// Records a payment of `amount` (positive) against issued invoice `id` inside `tx`.
pub(crate) async fn pay_in(
    tx: &mut Tx,
    actor: UserId,
    id: InvoiceId,
    amount: i64,
    method: InvoicePaymentMethod,
    paid_on: NaiveDate,
    reference: &str,
) -> Result<()> {
    let before = audit::snapshot(tx, "invoices", id.0).await?.ok_or(Error::NotFound)?;
    let (state, total, paid): (String, i64, i64) =
        sqlx::query_as("SELECT state, total_cents, paid_cents FROM invoices WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut **tx)
            .await?;
    if state != InvoiceState::Issued.as_str() {
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    let (owed, amount_signed) = if total < 0 { (paid - total, -amount) } else { (total - paid, amount) };
    if amount > owed {
        return Err(Error::field("amount", FieldIssue::Overpaid));
    }
    sqlx::query(
        "INSERT INTO invoice_payments (invoice_id, paid_on, amount_cents, method, reference, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.0)
    .bind(paid_on.format("%Y-%m-%d").to_string())
    .bind(amount_signed)
    .bind(method.as_str())
    .bind(reference)
    .bind(actor.0)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE invoices SET paid_cents = paid_cents + $1, updated_at = $2 WHERE id = $3")
        .bind(amount_signed)
        .bind(now())
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    audit::record(tx, &audit::Entry::of("billing", "invoices", id.0, "payment", Some(actor)), Some(before)).await
}

/// A contract's invoicing: the minutes invoiced, the invoices that carry its hours (latest
/// first), and the issuers.
pub async fn contract_billing(db: &Db, contract: types::ContractId) -> Result<types::ContractBilling> {
    let invoiced_minutes = invoiced_minutes_in(db.pool(), contract.0, None).await?;
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT invoice_id FROM invoice_lines WHERE source_kind = $1 AND source_id = $2 ORDER BY invoice_id DESC",
    )
    .bind(CONTRACT_SOURCE)
    .bind(contract.0)
    .fetch_all(db.pool())
    .await?;
    let mut invoices = Vec::new();
    for (id,) in ids {
        let i = get_invoice(db, InvoiceId(id)).await?;
        invoices.push(InvoiceSummary {
            id: i.id,
            issuer_name: i.issuer_name,
            kind: i.kind,
            state: i.state,
            number: i.number,
            issue_date: i.issue_date,
            recipient_name: i.recipient.name,
            total_cents: i.total_cents,
            paid_cents: i.paid_cents,
            due_date: i.due_date,
        });
    }
    let issuers = super::issuers::list_issuers(db).await?.into_iter().map(|i| (i.id, i.legal_name)).collect();
    Ok(types::ContractBilling { invoiced_minutes, invoices, issuers })
}

/// Starts a draft that invoices a contract to its paying organization: with `hours` empty, the
/// delivered hours not invoiced yet; otherwise that many hours (a milestone of the planned ones).
/// The hours are training the centre gives, exempt from VAT; the line keeps the contract, so
/// they are not invoiced twice.
pub async fn draft_from_contract(
    db: &Db,
    actor: UserId,
    contract: types::ContractId,
    issuer_id: &str,
    hours: &str,
) -> Result<InvoiceView> {
    let c = crate::training::contracts::get_contract(db, contract).await?;
    // The hours left are read under the contract's lock, so two requests cannot both take them.
    let mut tx = db.begin_write().await?;
    db.lock_key(&mut tx, &format!("billing:contract:{}", contract.0)).await?;
    let invoiced = invoiced_minutes_in(&mut *tx, contract.0, None).await?;
    let minutes = if hours.trim().is_empty() {
        let left = c.delivered_minutes - invoiced;
        if left <= 0 {
            return Err(Error::field("hours", FieldIssue::NothingToInvoice));
        }
        left
    } else {
        match parse_hours(hours) {
            Ok(m) if m > 0 => m,
            _ => return Err(Error::field("hours", FieldIssue::InvalidNumber)),
        }
    };
    let input = DraftInput {
        issuer_id: issuer_id.to_string(),
        kind: InvoiceKind::F1.as_str().into(),
        organization_id: c.organization_id.to_string(),
        description: format!("{} · {}", c.course_title, c.file_number),
        lines: vec![InvoiceLineInput {
            description: format!("{} ({})", c.course_title, c.file_number),
            hours: types::fmt::hours_input(minutes),
            unit_price: types::fmt::money_input(c.hourly_price_cents),
            vat: "exempt".into(),
            contract_id: contract.to_string(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let d = read_draft(&mut tx, &input, None).await?;
    check_contract_hours(db, &mut tx, &d.lines, None).await.map_err(|e| match e {
        // The form asks for the hours: the line's refusal is about them.
        Error::Validation(fields) if fields.iter().any(|f| f.field == "lines.0.hours") => {
            Error::field("hours", FieldIssue::OverInvoiced)
        }
        e => e,
    })?;
    let id = insert_draft(&mut tx, actor, &d, None).await?;
    tx.commit().await?;
    get_invoice(db, id).await
}
