//! Billing against the official material (`specs/verifactu/`, copies of the AEAT's): the
//! fingerprints of the AEAT's worked examples reproduced exactly, and the QR's address as the AEAT
//! writes it.

use chrono::{DateTime, NaiveDate};
use domain::billing::verifactu::{self, Alta, Anulacion, Environment, InvoiceType};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn spec(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/verifactu").join(name)
}

fn cents(amount: &str) -> i64 {
    let (units, decimals) = amount.split_once('.').unwrap_or((amount, "0"));
    let decimals = format!("{decimals:0<2}");
    units.parse::<i64>().unwrap() * 100 + decimals.parse::<i64>().unwrap()
}

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%d-%m-%Y").unwrap()
}

#[test]
fn the_copied_specifications_are_the_official_files() {
    let sums = std::fs::read_to_string(spec("SHA256SUMS")).unwrap();
    let mut checked = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (digest, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(spec(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(hex::encode(Sha256::digest(&bytes)), digest, "{name} differs from the official copy");
        checked += 1;
    }
    assert_eq!(checked, 12);
}

#[test]
fn the_aeat_fingerprint_examples_are_reproduced_exactly() {
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(spec("huella_vectors.json")).unwrap()).unwrap();
    let vectors = vectors["vectores"].as_array().unwrap();
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        let f = &v["campos"];
        let text = |k: &str| f[k].as_str().unwrap_or_else(|| panic!("{k} in {v}"));
        let previous = Some(text("Huella")).filter(|h| !h.is_empty());
        let generated_at = DateTime::parse_from_rfc3339(text("FechaHoraHusoGenRegistro")).unwrap();
        let (string, fingerprint) = match v["tipo"].as_str().unwrap() {
            "alta" => {
                assert_eq!(text("TipoFactura"), "F1");
                let r = Alta {
                    issuer_nif: text("IDEmisorFactura"),
                    number: text("NumSerieFactura"),
                    issued_on: day(text("FechaExpedicionFactura")),
                    invoice_type: InvoiceType::F1,
                    vat_cents: cents(text("CuotaTotal")),
                    total_cents: cents(text("ImporteTotal")),
                    previous,
                    generated_at,
                };
                (r.chain_string(), r.fingerprint())
            }
            "anulacion" => {
                let r = Anulacion {
                    issuer_nif: text("IDEmisorFacturaAnulada"),
                    number: text("NumSerieFacturaAnulada"),
                    issued_on: day(text("FechaExpedicionFacturaAnulada")),
                    previous,
                    generated_at,
                };
                (r.chain_string(), r.fingerprint())
            }
            other => panic!("an unknown record type {other}"),
        };
        assert_eq!(string, v["cadena"].as_str().unwrap(), "{}", v["id"]);
        assert_eq!(fingerprint, v["huella_esperada"].as_str().unwrap(), "{}", v["id"]);
    }
}

#[test]
fn the_qr_carries_the_four_values_url_encoded_as_the_aeat_writes_them() {
    let issued = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    // The AEAT's example: a '&' in the number must be %26.
    assert_eq!(
        verifactu::qr_url(Environment::Test, "89890001K", "12345678&G33", issued, 24140),
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.40"
    );
    let sept = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
    assert_eq!(
        verifactu::qr_url(Environment::Production, "89890001K", "12345678-G33", sept, 24140),
        "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678-G33&fecha=01-09-2024&importe=241.40"
    );
    assert_eq!(verifactu::amount(-1235), "-12.35");
    assert_eq!(verifactu::amount(5), "0.05");
}
