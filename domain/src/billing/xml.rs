//! The Veri*Factu registration records as XML, per the AEAT's schemas (`SuministroLR.xsd`,
//! `SuministroInformacion.xsd` in `specs/verifactu/`): a `RegistroAlta` for an issue, a
//! `RegistroAnulacion` for a cancellation, and the `RegFactuSistemaFacturacion` message that
//! carries up to 1,000 of them for one issuer. Elements follow the schema's order; the tests
//! validate the output with xmllint against the official files.

use super::verifactu::{amount, date, timestamp};
use crate::text::xml_escape as escape;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The namespaces of the message (`sfLR`) and of the records (`sf`).
pub const NS_LR: &str =
    "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroLR.xsd";
pub const NS_SF: &str = "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd";

/// The invoicing system that makes the records (`SistemaInformatico`): who produces it and this
/// installation of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemInfo {
    /// The producer's name and Spanish NIF.
    pub producer_name: String,
    pub producer_nif: String,
    /// The system's name (≤ 30 characters) and two-character id.
    pub name: String,
    pub id: String,
    pub version: String,
    /// This installation's number (≤ 100 characters).
    pub installation: String,
}

impl SystemInfo {
    /// This system as `issuer`'s records name it: with no producer configured, the issuer runs
    /// its own installation (self-hosted) and is named as the producer.
    pub fn for_issuer(&self, name: &str, nif: &str) -> SystemInfo {
        if self.producer_nif.trim().is_empty() {
            SystemInfo { producer_name: name.to_string(), producer_nif: nif.to_string(), ..self.clone() }
        } else {
            self.clone()
        }
    }
}

/// A party as the records name it: a Spanish NIF, or a foreign id with its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    /// Two letters; `ES` means `id` is a Spanish NIF.
    pub country: String,
    pub id: String,
}

/// An invoice's identity: issuer NIF, series and number, issue date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRef {
    pub issuer_nif: String,
    pub number: String,
    pub issued_on: NaiveDate,
}

/// The previous record of the issuer's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub invoice: InvoiceRef,
    pub fingerprint: String,
}

/// One row of the VAT breakdown: a rate (basis points) and its base and VAT, or exempt training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub vat_bp: i64,
    /// Exempt under art. 20 Ley 37/1992 (`E1`).
    pub exempt: bool,
    pub base_cents: i64,
    pub vat_cents: i64,
}

/// How a rectifying invoice corrects, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification {
    /// `S` (substitution) or `I` (difference).
    pub mode: char,
    pub rectified: InvoiceRef,
    /// For a substitution: the base and VAT of the invoice it replaces.
    pub replaced: Option<(i64, i64)>,
}

/// Everything a `RegistroAlta` holds.
#[derive(Debug, Clone)]
pub struct AltaXml<'a> {
    pub invoice: &'a InvoiceRef,
    pub issuer_name: &'a str,
    /// `F1`, `F2`, `R1`…
    pub invoice_type: &'a str,
    pub rectification: Option<&'a Rectification>,
    /// When the operation took place, if not on the issue date.
    pub operation_date: Option<NaiveDate>,
    pub description: &'a str,
    pub recipient: Option<&'a Party>,
    pub details: &'a [Detail],
    pub vat_cents: i64,
    pub total_cents: i64,
    pub previous: Option<&'a Previous>,
    pub system: &'a SystemInfo,
    /// Whether this installation is recording for more than one issuer now.
    pub several_issuers: bool,
    pub generated_at: DateTime<FixedOffset>,
    pub fingerprint: &'a str,
}

/// Everything a `RegistroAnulacion` holds.
#[derive(Debug, Clone)]
pub struct AnulacionXml<'a> {
    pub invoice: &'a InvoiceRef,
    pub previous: Option<&'a Previous>,
    pub system: &'a SystemInfo,
    pub several_issuers: bool,
    pub generated_at: DateTime<FixedOffset>,
    pub fingerprint: &'a str,
}

/// A small writer of `sf:`-prefixed elements with escaped text.
struct Out(String);

impl Out {
    fn open(&mut self, name: &str) {
        self.0.push_str("<sf:");
        self.0.push_str(name);
        self.0.push('>');
    }

    fn close(&mut self, name: &str) {
        self.0.push_str("</sf:");
        self.0.push_str(name);
        self.0.push('>');
    }

    fn leaf(&mut self, name: &str, value: &str) {
        self.open(name);
        self.0.push_str(&escape(value));
        self.close(name);
    }

    fn party(&mut self, p: &Party) {
        self.leaf("NombreRazon", &p.name);
        if p.country == "ES" {
            self.leaf("NIF", &p.id);
        } else {
            self.open("IDOtro");
            self.leaf("CodigoPais", &p.country);
            // 02: a VAT number of another EU state (NIF-IVA); 04: an official id of the country.
            self.leaf("IDType", if EU.contains(&p.country.as_str()) { "02" } else { "04" });
            self.leaf("ID", &p.id);
            self.close("IDOtro");
        }
    }

    fn invoice_ar(&mut self, wrapper: &str, r: &InvoiceRef) {
        self.open(wrapper);
        self.leaf("IDEmisorFactura", &r.issuer_nif);
        self.leaf("NumSerieFactura", &r.number);
        self.leaf("FechaExpedicionFactura", &date(r.issued_on));
        self.close(wrapper);
    }

    fn chain(&mut self, previous: Option<&Previous>) {
        self.open("Encadenamiento");
        match previous {
            None => self.leaf("PrimerRegistro", "S"),
            Some(p) => {
                self.open("RegistroAnterior");
                self.leaf("IDEmisorFactura", &p.invoice.issuer_nif);
                self.leaf("NumSerieFactura", &p.invoice.number);
                self.leaf("FechaExpedicionFactura", &date(p.invoice.issued_on));
                self.leaf("Huella", &p.fingerprint);
                self.close("RegistroAnterior");
            }
        }
        self.close("Encadenamiento");
    }

    fn system(&mut self, s: &SystemInfo, several_issuers: bool) {
        self.open("SistemaInformatico");
        self.leaf("NombreRazon", &s.producer_name);
        self.leaf("NIF", &s.producer_nif);
        self.leaf("NombreSistemaInformatico", &s.name);
        self.leaf("IdSistemaInformatico", &s.id);
        self.leaf("Version", &s.version);
        self.leaf("NumeroInstalacion", &s.installation);
        // Aula records only as Veri*Factu, and one installation may invoice for several issuers.
        self.leaf("TipoUsoPosibleSoloVerifactu", "S");
        self.leaf("TipoUsoPosibleMultiOT", "S");
        self.leaf("IndicadorMultiplesOT", if several_issuers { "S" } else { "N" });
        self.close("SistemaInformatico");
    }

    fn tail(&mut self, generated_at: DateTime<FixedOffset>, fingerprint: &str) {
        self.leaf("FechaHoraHusoGenRegistro", &timestamp(generated_at));
        self.leaf("TipoHuella", "01");
        self.leaf("Huella", fingerprint);
    }
}

/// The member states of the EU other than Spain, whose VAT numbers are NIF-IVA (`IDType` 02).
const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "GR", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// A rate in basis points as the records write it: `21.00`.
fn rate(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// The `sf:RegistroAlta` element (namespace prefixes declared by [`message`]).
pub fn alta(a: &AltaXml<'_>) -> String {
    let mut o = Out(String::with_capacity(2_048));
    o.open("RegistroAlta");
    o.leaf("IDVersion", "1.0");
    o.open("IDFactura");
    o.leaf("IDEmisorFactura", &a.invoice.issuer_nif);
    o.leaf("NumSerieFactura", &a.invoice.number);
    o.leaf("FechaExpedicionFactura", &date(a.invoice.issued_on));
    o.close("IDFactura");
    o.leaf("NombreRazonEmisor", a.issuer_name);
    o.leaf("TipoFactura", a.invoice_type);
    if let Some(r) = a.rectification {
        o.leaf("TipoRectificativa", &r.mode.to_string());
        o.open("FacturasRectificadas");
        o.invoice_ar("IDFacturaRectificada", &r.rectified);
        o.close("FacturasRectificadas");
        if let Some((base, vat)) = r.replaced {
            o.open("ImporteRectificacion");
            o.leaf("BaseRectificada", &amount(base));
            o.leaf("CuotaRectificada", &amount(vat));
            o.close("ImporteRectificacion");
        }
    }
    if let Some(d) = a.operation_date.filter(|d| *d != a.invoice.issued_on) {
        o.leaf("FechaOperacion", &date(d));
    }
    o.leaf("DescripcionOperacion", a.description);
    if let Some(p) = a.recipient {
        o.open("Destinatarios");
        o.open("IDDestinatario");
        o.party(p);
        o.close("IDDestinatario");
        o.close("Destinatarios");
    }
    o.open("Desglose");
    for d in a.details {
        o.open("DetalleDesglose");
        o.leaf("Impuesto", "01");
        o.leaf("ClaveRegimen", "01");
        if d.exempt {
            o.leaf("OperacionExenta", "E1");
            o.leaf("BaseImponibleOimporteNoSujeto", &amount(d.base_cents));
        } else {
            o.leaf("CalificacionOperacion", "S1");
            o.leaf("TipoImpositivo", &rate(d.vat_bp));
            o.leaf("BaseImponibleOimporteNoSujeto", &amount(d.base_cents));
            o.leaf("CuotaRepercutida", &amount(d.vat_cents));
        }
        o.close("DetalleDesglose");
    }
    o.close("Desglose");
    o.leaf("CuotaTotal", &amount(a.vat_cents));
    o.leaf("ImporteTotal", &amount(a.total_cents));
    o.chain(a.previous);
    o.system(a.system, a.several_issuers);
    o.tail(a.generated_at, a.fingerprint);
    o.close("RegistroAlta");
    o.0
}

/// The `sf:RegistroAnulacion` element.
pub fn anulacion(a: &AnulacionXml<'_>) -> String {
    let mut o = Out(String::with_capacity(1_024));
    o.open("RegistroAnulacion");
    o.leaf("IDVersion", "1.0");
    o.open("IDFactura");
    o.leaf("IDEmisorFacturaAnulada", &a.invoice.issuer_nif);
    o.leaf("NumSerieFacturaAnulada", &a.invoice.number);
    o.leaf("FechaExpedicionFacturaAnulada", &date(a.invoice.issued_on));
    o.close("IDFactura");
    o.chain(a.previous);
    o.system(a.system, a.several_issuers);
    o.tail(a.generated_at, a.fingerprint);
    o.close("RegistroAnulacion");
    o.0
}

/// The message that carries `records` (their `RegistroAlta`/`RegistroAnulacion` elements, at
/// most 1,000) for the issuer `obligado`.
pub fn message(obligado: &Party, records: &[String]) -> String {
    let mut o = Out(String::with_capacity(256 + records.iter().map(String::len).sum::<usize>()));
    o.0.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sfLR:RegFactuSistemaFacturacion xmlns:sfLR=\"{NS_LR}\" xmlns:sf=\"{NS_SF}\">"
    ));
    o.0.push_str("<sfLR:Cabecera>");
    o.open("ObligadoEmision");
    o.leaf("NombreRazon", &obligado.name);
    o.leaf("NIF", &obligado.id);
    o.close("ObligadoEmision");
    o.0.push_str("</sfLR:Cabecera>");
    for r in records {
        o.0.push_str("<sfLR:RegistroFactura>");
        o.0.push_str(r);
        o.0.push_str("</sfLR:RegistroFactura>");
    }
    o.0.push_str("</sfLR:RegFactuSistemaFacturacion>\n");
    o.0
}
