//! What the accountant asks for: the issued-invoices book (*libro registro de facturas
//! expedidas*) for a range of issue dates, as CSV and as a spreadsheet, and the invoices' PDFs in
//! one ZIP. The book has what art. 63.3 of the VAT regulation (RD 1624/1992) asks of it: each
//! invoice's series and number, its dates, the recipient's name and tax id, and its base, rate
//! and VAT — one row per rate, an exempt row naming its exemption (E1: art. 20 Ley 37/1992) —
//! with its type, the invoice it rectifies and whether it was cancelled.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use types::{FieldIssue, InvoiceId, InvoiceState};

use super::invoices::get_invoice;
use super::verifactu::Environment;
use crate::error::Problems;
use crate::xlsx::{self, Cell};
use crate::{Db, Error, Result};

/// The most days a range may span: a few years of books.
const MAX_DAYS: i64 = 3_700;

/// The book's columns, in Spanish as the accountant and the AEAT read them.
pub const BOOK_HEADERS: &[&str] = &[
    "Ejercicio",
    "Periodo",
    "NIF emisor",
    "Fecha de expedición",
    "Fecha de operación",
    "Serie",
    "Número",
    "Tipo de factura",
    "Factura rectificada",
    "País destinatario",
    "NIF destinatario",
    "Nombre destinatario",
    "Base imponible",
    "Tipo de IVA (%)",
    "Cuota de IVA",
    "Causa de exención",
    "Total factura",
    "Estado",
];

/// One row of the book: one VAT rate of one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookRow {
    pub issuer_nif: String,
    pub issue_date: NaiveDate,
    pub operation_date: Option<NaiveDate>,
    pub series: String,
    pub number: String,
    pub kind: String,
    pub rectifies: String,
    pub country: String,
    pub tax_id: String,
    pub name: String,
    pub base_cents: i64,
    pub vat_bp: i64,
    pub vat_cents: i64,
    pub exempt: bool,
    pub total_cents: i64,
    pub cancelled: bool,
}

/// A range of issue dates as typed (`YYYY-MM-DD`): both required, `from` not after `to`.
pub fn parse_range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let mut p = Problems::default();
    let day = |s: &str| match s.trim() {
        "" => Err(FieldIssue::Required),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| FieldIssue::InvalidDate),
    };
    let from = p.check("from", day(from));
    let to = p.check("to", day(to));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            p.add("to", FieldIssue::EndBeforeStart);
        } else if (t - f).num_days() > MAX_DAYS {
            p.add("to", FieldIssue::OutOfRange { min: 0, max: MAX_DAYS });
        }
    }
    p.finish()?;
    match (from, to) {
        (Some(f), Some(t)) => Ok((f, t)),
        _ => Err(Error::Internal("range validation".into())),
    }
}

/// The invoices issued from `from` to `to` (both included; cancelled ones too, they keep their
/// number), by issuer, series and number.
async fn issued_between(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<InvoiceId>> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT i.id FROM invoices i WHERE i.state <> 'draft' AND i.issue_date >= $1 AND i.issue_date <= $2 \
         ORDER BY i.issuer_id, i.series_id, i.number_seq, i.id",
    )
    .bind(from.format("%Y-%m-%d").to_string())
    .bind(to.format("%Y-%m-%d").to_string())
    .fetch_all(db.pool())
    .await?;
    Ok(ids.into_iter().map(|(id,)| InvoiceId(id)).collect())
}

/// The book's rows for the invoices issued from `from` to `to`.
pub async fn issued_book(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<BookRow>> {
    let mut rows = Vec::new();
    for id in issued_between(db, from, to).await? {
        let inv = get_invoice(db, id).await?;
        let (Some(number), Some(issue_date)) = (inv.number.clone(), inv.issue_date) else { continue };
        let (series, seq) = number.rsplit_once('-').map(|(s, n)| (s.to_string(), n.to_string())).unwrap_or_default();
        for b in &inv.breakdown {
            rows.push(BookRow {
                issuer_nif: inv.issuer_nif.clone(),
                issue_date,
                operation_date: inv.operation_date.filter(|d| *d != issue_date),
                series: series.clone(),
                number: seq.clone(),
                kind: inv.kind.as_str().to_string(),
                rectifies: inv.rectifies_number.clone().unwrap_or_default(),
                country: inv.recipient.country.clone(),
                tax_id: inv.recipient.tax_id.clone(),
                name: inv.recipient.name.clone(),
                base_cents: b.base_cents,
                vat_bp: b.vat_bp,
                vat_cents: b.vat_cents,
                exempt: b.exempt,
                total_cents: inv.total_cents,
                cancelled: inv.state == InvoiceState::Cancelled,
            });
        }
    }
    Ok(rows)
}

fn cells(r: &BookRow) -> Vec<Cell> {
    let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
    vec![
        Cell::Int(i64::from(r.issue_date.year())),
        Cell::Text(format!("{:02}", r.issue_date.month())),
        Cell::Text(r.issuer_nif.clone()),
        Cell::Date(r.issue_date),
        r.operation_date.map(Cell::Date).unwrap_or(Cell::Empty),
        Cell::Text(r.series.clone()),
        Cell::Text(r.number.clone()),
        Cell::Text(r.kind.clone()),
        text(&r.rectifies),
        text(&r.country),
        text(&r.tax_id),
        text(&r.name),
        Cell::Cents(r.base_cents),
        // The rate as a percentage with its decimals (2100 basis points: 21,00).
        Cell::Cents(r.vat_bp),
        Cell::Cents(r.vat_cents),
        if r.exempt { Cell::Text("E1".into()) } else { Cell::Empty },
        Cell::Cents(r.total_cents),
        Cell::Text(if r.cancelled { "Anulada" } else { "Emitida" }.into()),
    ]
}

/// The book as CSV for a Spanish spreadsheet: UTF-8 with its mark, `;` between fields, decimal
/// commas, dates as day/month/year; fields quoted where they need it.
pub fn book_csv(rows: &[BookRow]) -> String {
    fn field(s: &str) -> String {
        if s.contains([';', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    fn cell(c: &Cell) -> String {
        match c {
            Cell::Text(t) => field(t),
            Cell::Int(n) => n.to_string(),
            Cell::Cents(c) => format!("{}{},{:02}", if *c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Empty => String::new(),
        }
    }
    let mut out = String::from("\u{feff}");
    out.push_str(&BOOK_HEADERS.join(";"));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&cells(r).iter().map(cell).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The book as a spreadsheet (`.xlsx`): amounts as numbers, dates as dates.
pub fn book_xlsx(rows: &[BookRow]) -> Result<Vec<u8>> {
    let data: Vec<Vec<Cell>> = rows.iter().map(cells).collect();
    xlsx::workbook("Facturas expedidas", BOOK_HEADERS, &data).map_err(|e| Error::Internal(format!("xlsx: {e}")))
}

/// The PDFs of the invoices issued from `from` to `to`, one file each
/// (`F-000001.pdf`), in a ZIP.
pub async fn invoices_zip(db: &Db, from: NaiveDate, to: NaiveDate, env: Environment) -> Result<Vec<u8>> {
    let zipped = |e: zip::result::ZipError| Error::Internal(format!("zip: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for id in issued_between(db, from, to).await? {
        let inv = get_invoice(db, id).await?;
        let issuer = super::issuers::get_issuer(db, inv.issuer_id).await?;
        let Some(number) = inv.number.clone() else { continue };
        let name: String =
            number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        // Two issuers may both have an F-000001: the issuer's NIF tells them apart.
        zip.start_file(format!("{}/{name}.pdf", issuer.nif), options).map_err(zipped)?;
        zip.write_all(&super::pdf::invoice_pdf(&inv, &issuer, env))
            .map_err(|e| Error::Internal(format!("zip: {e}")))?;
    }
    Ok(zip.finish().map_err(zipped)?.into_inner())
}
