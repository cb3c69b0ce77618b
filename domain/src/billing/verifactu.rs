//! Veri*Factu billing records, as the AEAT specifies them (`../shared/specs/verifactu/`): every
//! invoice issued (*alta*) or cancelled (*anulación*) gets a record whose fingerprint (*huella*) is
//! the SHA-256 of its key fields and the previous record's fingerprint of the same issuer, so the
//! records form one chain per issuer; and every invoice carries a QR with the address where the
//! AEAT checks it (*cotejo*).
//!
//! The strings hashed and the values printed follow the AEAT's "especificaciones técnicas para
//! generación de la huella" (v0.1.2) and "código QR de la factura" (v0.5.0); the tests reproduce
//! the AEAT's own worked examples.

use chrono::{DateTime, FixedOffset, NaiveDate};
use sha2::{Digest, Sha256};

/// The AEAT's environment a record goes to, and the QR points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// The AEAT's external test portal (`prewww2.aeat.es`).
    Test,
    Production,
}

/// The invoice types of the record (`TipoFactura`, list L2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceType {
    /// A full invoice (art. 6, 7.2 and 7.3 RD 1619/2012).
    F1,
    /// A simplified invoice (art. 6.1.d RD 1619/2012), up to €400 VAT included.
    F2,
    /// An invoice that replaces simplified ones.
    F3,
    /// Rectifying invoices: R1 (error in law, art. 80.1, 80.2, 80.6 LIVA), R2 (art. 80.3), R3
    /// (art. 80.4), R4 (the rest), R5 (of simplified invoices).
    R1,
    R2,
    R3,
    R4,
    R5,
}

impl InvoiceType {
    pub fn code(self) -> &'static str {
        match self {
            InvoiceType::F1 => "F1",
            InvoiceType::F2 => "F2",
            InvoiceType::F3 => "F3",
            InvoiceType::R1 => "R1",
            InvoiceType::R2 => "R2",
            InvoiceType::R3 => "R3",
            InvoiceType::R4 => "R4",
            InvoiceType::R5 => "R5",
        }
    }
}

/// What an issue's record (*registro de alta*) fingerprints.
#[derive(Debug, Clone)]
pub struct Alta<'a> {
    /// The issuer's NIF (`IDEmisorFactura`).
    pub issuer_nif: &'a str,
    /// Series and number (`NumSerieFactura`).
    pub number: &'a str,
    /// The issue date (`FechaExpedicionFactura`).
    pub issued_on: NaiveDate,
    pub invoice_type: InvoiceType,
    /// The invoice's VAT, in cents (`CuotaTotal`).
    pub vat_cents: i64,
    /// The invoice's total, in cents (`ImporteTotal`).
    pub total_cents: i64,
    /// The fingerprint of the issuer's previous record; `None` for their first.
    pub previous: Option<&'a str>,
    /// When the record was made, with the offset of the issuer's zone (`FechaHoraHusoGenRegistro`).
    pub generated_at: DateTime<FixedOffset>,
}

impl Alta<'_> {
    /// The string the AEAT hashes for this record.
    pub fn chain_string(&self) -> String {
        chain(&[
            ("IDEmisorFactura", self.issuer_nif),
            ("NumSerieFactura", self.number),
            ("FechaExpedicionFactura", &date(self.issued_on)),
            ("TipoFactura", self.invoice_type.code()),
            ("CuotaTotal", &amount(self.vat_cents)),
            ("ImporteTotal", &amount(self.total_cents)),
            ("Huella", self.previous.unwrap_or("")),
            ("FechaHoraHusoGenRegistro", &timestamp(self.generated_at)),
        ])
    }

    /// The record's fingerprint: SHA-256 of [`Alta::chain_string`], 64 uppercase hex digits.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.chain_string())
    }
}

/// What a cancellation's record (*registro de anulación*) fingerprints.
#[derive(Debug, Clone)]
pub struct Anulacion<'a> {
    pub issuer_nif: &'a str,
    pub number: &'a str,
    pub issued_on: NaiveDate,
    pub previous: Option<&'a str>,
    pub generated_at: DateTime<FixedOffset>,
}

impl Anulacion<'_> {
    /// The string the AEAT hashes for this record.
    pub fn chain_string(&self) -> String {
        chain(&[
            ("IDEmisorFacturaAnulada", self.issuer_nif),
            ("NumSerieFacturaAnulada", self.number),
            ("FechaExpedicionFacturaAnulada", &date(self.issued_on)),
            ("Huella", self.previous.unwrap_or("")),
            ("FechaHoraHusoGenRegistro", &timestamp(self.generated_at)),
        ])
    }

    /// The record's fingerprint: SHA-256 of [`Anulacion::chain_string`], 64 uppercase hex digits.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.chain_string())
    }
}

/// Recomputes a stored record's fingerprint from its own XML (a `RegistroAlta` or
/// `RegistroAnulacion` as [`super::xml`] writes it); `None` if a field it hashes is missing.
pub fn fingerprint_of_record(xml: &str) -> Option<String> {
    let previous = raw_element(xml, "RegistroAnterior").and_then(|a| element(a, "Huella")).unwrap_or_default();
    let id = raw_element(xml, "IDFactura")?;
    let generated = element(xml, "FechaHoraHusoGenRegistro")?;
    let fields: Vec<(&str, String)> = if xml.starts_with("<sf:RegistroAlta>") {
        vec![
            ("IDEmisorFactura", element(id, "IDEmisorFactura")?),
            ("NumSerieFactura", element(id, "NumSerieFactura")?),
            ("FechaExpedicionFactura", element(id, "FechaExpedicionFactura")?),
            ("TipoFactura", element(xml, "TipoFactura")?),
            ("CuotaTotal", element(xml, "CuotaTotal")?),
            ("ImporteTotal", element(xml, "ImporteTotal")?),
            ("Huella", previous),
            ("FechaHoraHusoGenRegistro", generated),
        ]
    } else if xml.starts_with("<sf:RegistroAnulacion>") {
        vec![
            ("IDEmisorFacturaAnulada", element(id, "IDEmisorFacturaAnulada")?),
            ("NumSerieFacturaAnulada", element(id, "NumSerieFacturaAnulada")?),
            ("FechaExpedicionFacturaAnulada", element(id, "FechaExpedicionFacturaAnulada")?),
            ("Huella", previous),
            ("FechaHoraHusoGenRegistro", generated),
        ]
    } else {
        return None;
    };
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    Some(fingerprint(&chain(&pairs)))
}

/// What the first `sf:name` element in `xml` holds, as written.
fn raw_element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<sf:{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&format!("</sf:{name}>"))?;
    Some(&xml[start..end])
}

/// The text of the first `sf:name` element in `xml`, unescaped.
fn element(xml: &str, name: &str) -> Option<String> {
    Some(
        raw_element(xml, name)?
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// `name=value` pairs joined by `&`, values trimmed and not URL-encoded.
fn chain(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(name, value)| format!("{name}={}", value.trim())).collect::<Vec<_>>().join("&")
}

fn fingerprint(s: &str) -> String {
    hex::encode_upper(Sha256::digest(s.as_bytes()))
}

/// An amount in cents as the records write it: units, a point and two decimals (`-12.35`).
pub fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A date as the records and the QR write it: `DD-MM-AAAA`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// An instant with its zone's offset, ISO 8601 (`2024-01-01T19:20:30+01:00`).
pub fn timestamp(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The address the invoice's QR carries, where anyone checks it with the AEAT: the issuer's NIF,
/// the series and number, the issue date and the total, URL-encoded (a `&` in the number becomes
/// `%26`). Nothing else: the optional `formato` must never be printed.
pub fn qr_url(env: Environment, issuer_nif: &str, number: &str, issued_on: NaiveDate, total_cents: i64) -> String {
    let host = match env {
        Environment::Test => "https://prewww2.aeat.es",
        Environment::Production => "https://www2.agenciatributaria.gob.es",
    };
    format!(
        "{host}/wlpl/TIKE-CONT/ValidarQR?nif={}&numserie={}&fecha={}&importe={}",
        form_encode(issuer_nif.trim()),
        form_encode(number.trim()),
        date(issued_on),
        amount(total_cents)
    )
}

/// `application/x-www-form-urlencoded` of one value: letters, digits and `-._~` stay, a space is
/// `+`, every other byte of its UTF-8 is `%XX`.
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
