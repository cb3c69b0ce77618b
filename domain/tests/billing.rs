//! Billing against the official material (`specs/verifactu/`, copies of the AEAT's): the
//! fingerprints of the AEAT's worked examples reproduced exactly, the QR's address as the AEAT
//! writes it, and every record Aula writes valid against the AEAT's schemas (xmllint). Then
//! invoices on the database under test: VAT mixes rounded per line, numbering without gaps and
//! one unbroken chain per issuer under concurrent issues, issued invoices that the database
//! itself keeps from changing, cancellation and rectification. Products: their stock moves, never
//! below zero even under 200 concurrent sales, and the low-stock notices; counter sales that take
//! the stock, issue a simplified invoice and record its payment, all or nothing; the accountant's
//! book of issued invoices (CSV, XLSX read back by openpyxl) and the ZIP of PDFs.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use domain::billing::exports;
use domain::billing::invoices::{self, DraftInput, InvoiceLineInput};
use domain::billing::issuers::{self, IssuerInput};
use domain::billing::products::{self, ProductQuery, StockMoveInput};
use domain::billing::sales::{self, SaleInput, SaleLineInput};
use domain::billing::verifactu::{self, Alta, Anulacion, Environment, InvoiceType};
use domain::testing::{fiscal_context, invoice_input, issuer, product_input, staff_user, validate_verifactu, TestDb};
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::Error;
use serde_json::Value;
use sha2::{Digest, Sha256};
use types::{FieldIssue, InvoiceKind, InvoiceState, ProductId, RecordKind, StockMoveKind, VatRow};

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

fn assert_valid(xml: &str) {
    if let Err(e) = validate_verifactu(xml) {
        panic!("not valid against SuministroLR.xsd:\n{e}\n{xml}");
    }
}

#[test]
fn the_schema_check_accepts_the_sample_and_refuses_a_record_missing_a_field() {
    let sample = std::fs::read_to_string(spec("sample_alta.xml")).unwrap();
    assert_valid(&sample);
    let broken = sample.replace("<sf:DescripcionOperacion>Servicios de prueba</sf:DescripcionOperacion>", "");
    let err = validate_verifactu(&broken).expect_err("a record without DescripcionOperacion is refused");
    assert!(err.contains("DescripcionOperacion") || err.contains("Destinatarios"), "{err}");
}

fn field_issue(e: Error) -> Vec<(String, FieldIssue)> {
    match e {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.issue)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn line(description: &str, hours: &str, quantity: &str, price: &str, discount: &str, vat: &str) -> InvoiceLineInput {
    InvoiceLineInput {
        description: description.into(),
        hours: hours.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        discount: discount.into(),
        vat: vat.into(),
        contract_id: String::new(),
    }
}

#[tokio::test]
async fn an_invoice_mixing_exempt_training_and_taxed_kits_rounds_each_line_then_adds_up() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let mut input = invoice_input(&issuer);
    input.lines.push(line("Manual", "", "7", "3,33", "5", "4"));
    input.lines.push(line("Gestión", "", "1", "19,99", "", "10"));
    let draft = invoices::create_draft(&t.db, staff, &input).await.unwrap();
    assert_eq!(draft.state, InvoiceState::Draft);
    assert_eq!(draft.number, None);
    // 7 h 30 at 60 € = 450,00 exempt; 3 × 12,40 = 37,20 + 21 % = 7,812 → 7,81;
    // 7 × 3,33 = 23,31 − 5 % (1,1655 → 1,17) = 22,14 + 4 % = 0,8856 → 0,89; 19,99 + 10 % = 1,999 → 2,00.
    let vat: Vec<(i64, i64)> = draft.lines.iter().map(|l| (l.base_cents, l.vat_cents)).collect();
    assert_eq!(vat, [(45_000, 0), (3_720, 781), (2_214, 89), (1_999, 200)]);
    assert_eq!(
        draft.breakdown,
        [
            VatRow { vat_bp: 0, exempt: true, base_cents: 45_000, vat_cents: 0 },
            VatRow { vat_bp: 2_100, exempt: false, base_cents: 3_720, vat_cents: 781 },
            VatRow { vat_bp: 1_000, exempt: false, base_cents: 1_999, vat_cents: 200 },
            VatRow { vat_bp: 400, exempt: false, base_cents: 2_214, vat_cents: 89 },
        ]
    );
    assert_eq!((draft.base_cents, draft.vat_cents, draft.total_cents), (52_933, 1_070, 54_003));

    let bad = DraftInput {
        lines: vec![
            line("Kit", "", "2", "10", "", "16"),
            line("", "", "", "5", "", "21"),
            line("X", "", "1", "1", "120", "21"),
        ],
        recipient_tax_id: "B12345678".into(),
        ..invoice_input(&issuer)
    };
    let mut problems = field_issue(invoices::create_draft(&t.db, staff, &bad).await.unwrap_err());
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        problems,
        [
            ("lines.0.vat".to_string(), FieldIssue::InvalidChoice),
            ("lines.1.description".to_string(), FieldIssue::Required),
            ("lines.2.discount".to_string(), FieldIssue::OutOfRange { min: 0, max: 100 }),
            ("recipient_tax_id".to_string(), FieldIssue::InvalidTaxId),
        ]
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invoices").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(n, 1, "nothing of the refused draft was saved");
}

#[tokio::test]
async fn issuing_numbers_the_invoice_and_chains_records_valid_against_the_aeat_schema() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let ctx = fiscal_context();
    let first = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let second = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let first = invoices::issue_invoice(&t.db, staff, first.id, &ctx).await.unwrap();
    let second = invoices::issue_invoice(&t.db, staff, second.id, &ctx).await.unwrap();
    assert_eq!(first.state, InvoiceState::Issued);
    assert_eq!(first.number.as_deref(), Some("F-000001"));
    assert_eq!(second.number.as_deref(), Some("F-000002"));
    let today = domain::clock::today(chrono_tz::Europe::Madrid);
    assert_eq!(first.issue_date, Some(today));

    let records = invoices::fiscal_records(&t.db, first.id).await.unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].kind, records[0].seq, records[0].previous_fingerprint.clone()), (RecordKind::Alta, 1, None));
    let next = invoices::fiscal_records(&t.db, second.id).await.unwrap();
    assert_eq!(next[0].previous_fingerprint.as_ref(), Some(&records[0].fingerprint));

    let xml = invoices::records_xml(&t.db, first.id).await.unwrap();
    assert_valid(&xml);
    for part in [
        "<sf:PrimerRegistro>S</sf:PrimerRegistro>",
        "<sf:OperacionExenta>E1</sf:OperacionExenta><sf:BaseImponibleOimporteNoSujeto>450.00</sf:BaseImponibleOimporteNoSujeto>",
        "<sf:TipoImpositivo>21.00</sf:TipoImpositivo><sf:BaseImponibleOimporteNoSujeto>37.20</sf:BaseImponibleOimporteNoSujeto><sf:CuotaRepercutida>7.81</sf:CuotaRepercutida>",
        "<sf:CuotaTotal>7.81</sf:CuotaTotal><sf:ImporteTotal>495.01</sf:ImporteTotal>",
        "<sf:NombreRazon>Construcciones Ejemplo SA</sf:NombreRazon>",
    ] {
        assert!(xml.contains(part), "{part} in {xml}");
    }
    let xml = invoices::records_xml(&t.db, second.id).await.unwrap();
    assert_valid(&xml);
    assert!(xml.contains(&format!(
        "<sf:RegistroAnterior><sf:IDEmisorFactura>{}</sf:IDEmisorFactura><sf:NumSerieFactura>F-000001</sf:NumSerieFactura>\
         <sf:FechaExpedicionFactura>{}</sf:FechaExpedicionFactura><sf:Huella>{}</sf:Huella></sf:RegistroAnterior>",
        issuer.nif,
        today.format("%d-%m-%Y"),
        records[0].fingerprint
    )));
    // The fingerprint is the AEAT's: recomputed from the record's own fields.
    let generated = DateTime::parse_from_rfc3339(&next[0].generated_at).unwrap();
    let expected = Alta {
        issuer_nif: &issuer.nif,
        number: "F-000002",
        issued_on: today,
        invoice_type: InvoiceType::F1,
        vat_cents: 781,
        total_cents: 49_501,
        previous: Some(&records[0].fingerprint),
        generated_at: generated,
    };
    assert_eq!(next[0].fingerprint, expected.fingerprint());
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(2));
    assert_eq!(
        invoices::records_xml(&t.db, invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap().id)
            .await
            .unwrap_err()
            .to_string(),
        "not found"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_issues_number_without_gaps_and_keep_one_unbroken_chain() {
    let t = Arc::new(TestDb::new().await);
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let mut drafts = Vec::new();
    for _ in 0..40 {
        drafts.push(invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap().id);
    }
    // A draft that fails to issue (no tax id) must not burn a number in the middle.
    let broken = DraftInput { recipient_tax_id: String::new(), ..invoice_input(&issuer) };
    let broken = invoices::create_draft(&t.db, staff, &broken).await.unwrap().id;
    let mut tasks = Vec::new();
    for id in drafts.iter().copied().chain([broken]) {
        let t = t.clone();
        tasks.push(tokio::spawn(async move { invoices::issue_invoice(&t.db, staff, id, &fiscal_context()).await }));
    }
    let mut numbers = Vec::new();
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(v) => numbers.push(v.number.unwrap()),
            Err(e) => {
                assert_eq!(field_issue(e), [("recipient_tax_id".to_string(), FieldIssue::Required)]);
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 1);
    numbers.sort();
    let expected: Vec<String> = (1..=40).map(|n| format!("F-{n:06}")).collect();
    assert_eq!(numbers, expected);
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(40));
    let again = issuers::get_issuer(&t.db, issuer.id).await.unwrap();
    assert_eq!(again.series.iter().find(|s| s.code == "F").unwrap().next_number, 41);
}

#[tokio::test]
async fn an_issued_invoice_and_its_record_cannot_be_changed_even_in_the_database() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    let err = invoices::update_draft(&t.db, staff, issued.id, &invoice_input(&issuer)).await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)]);
    let err = invoices::issue_invoice(&t.db, staff, issued.id, &fiscal_context()).await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)]);
    let err = invoices::delete_draft(&t.db, staff, issued.id).await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)]);
    for sql in [
        "UPDATE invoices SET total_cents = 1 WHERE id = $1",
        "UPDATE invoices SET number = 'F-000009' WHERE id = $1",
        "UPDATE invoices SET state = 'draft' WHERE id = $1",
        "DELETE FROM invoices WHERE id = $1",
        "UPDATE invoice_lines SET unit_cents = 1 WHERE invoice_id = $1",
        "DELETE FROM invoice_lines WHERE invoice_id = $1",
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_cents, vat_bp, base_cents, vat_cents) VALUES ($1, 9, 'x', 1, 1, 0, 1, 0)",
        "UPDATE fiscal_records SET xml = 'x' WHERE invoice_id = $1",
        "UPDATE fiscal_records SET fingerprint = 'x' WHERE invoice_id = $1",
        "DELETE FROM fiscal_records WHERE invoice_id = $1",
    ] {
        let r = sqlx::query(sql).bind(issued.id.0).execute(t.db.pool()).await;
        let msg = r.expect_err(sql).to_string();
        assert!(msg.contains("cannot change"), "{sql}: {msg}");
    }
    // Its submission status is what may change.
    sqlx::query("UPDATE fiscal_records SET status = 'accepted', attempts = 1 WHERE invoice_id = $1")
        .bind(issued.id.0)
        .execute(t.db.pool())
        .await
        .unwrap();
    assert_eq!(invoices::get_invoice(&t.db, issued.id).await.unwrap(), issued);
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(1));
}

#[tokio::test]
async fn cancelling_writes_an_anulacion_chained_after_the_issue_and_keeps_the_number() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let ctx = fiscal_context();
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &ctx).await.unwrap();
    let err = invoices::cancel_invoice(&t.db, staff, issued.id, " ", &ctx).await.unwrap_err();
    assert_eq!(field_issue(err), [("reason".to_string(), FieldIssue::Required)]);
    let cancelled = invoices::cancel_invoice(&t.db, staff, issued.id, "Emitida por error al cliente equivocado", &ctx)
        .await
        .unwrap();
    assert_eq!(cancelled.state, InvoiceState::Cancelled);
    assert_eq!(cancelled.number, issued.number);
    let records = invoices::fiscal_records(&t.db, issued.id).await.unwrap();
    assert_eq!(
        records.iter().map(|r| (r.kind, r.seq)).collect::<Vec<_>>(),
        [(RecordKind::Alta, 1), (RecordKind::Anulacion, 2)]
    );
    assert_eq!(records[1].previous_fingerprint.as_ref(), Some(&records[0].fingerprint));
    let xml = invoices::records_xml(&t.db, issued.id).await.unwrap();
    assert_valid(&xml);
    assert!(xml.contains("<sf:NumSerieFacturaAnulada>F-000001</sf:NumSerieFacturaAnulada>"), "{xml}");
    let generated = DateTime::parse_from_rfc3339(&records[1].generated_at).unwrap();
    let expected = Anulacion {
        issuer_nif: &issuer.nif,
        number: "F-000001",
        issued_on: issued.issue_date.unwrap(),
        previous: Some(&records[0].fingerprint),
        generated_at: generated,
    };
    assert_eq!(records[1].fingerprint, expected.fingerprint());
    let err = invoices::cancel_invoice(&t.db, staff, issued.id, "otra vez", &ctx).await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)]);
    // The next issue chains after the cancellation.
    let next = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let next = invoices::issue_invoice(&t.db, staff, next.id, &ctx).await.unwrap();
    assert_eq!(next.number.as_deref(), Some("F-000002"));
    assert_eq!(
        invoices::fiscal_records(&t.db, next.id).await.unwrap()[0].previous_fingerprint.as_ref(),
        Some(&records[1].fingerprint)
    );
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(3));
}

#[tokio::test]
async fn rectifying_invoices_have_their_own_series_and_name_the_invoice_they_correct() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let ctx = fiscal_context();
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let original = invoices::issue_invoice(&t.db, staff, draft.id, &ctx).await.unwrap();

    // By difference: the draft starts as the full credit; cut down to one kit returned.
    let diff = invoices::rectify(&t.db, staff, original.id, "R4", "difference").await.unwrap();
    assert_eq!((diff.kind, diff.state, diff.rectifies), (InvoiceKind::R4, InvoiceState::Draft, Some(original.id)));
    assert_eq!(diff.total_cents, -original.total_cents);
    let input = DraftInput {
        lines: vec![line("Kit de seguridad devuelto", "", "-1", "12,40", "", "21")],
        description: "Devolución de un kit".into(),
        ..invoice_input(&issuer)
    };
    let diff = invoices::update_draft(&t.db, staff, diff.id, &input).await.unwrap();
    assert_eq!((diff.base_cents, diff.vat_cents, diff.total_cents), (-1_240, -260, -1_500));
    let diff = invoices::issue_invoice(&t.db, staff, diff.id, &ctx).await.unwrap();
    assert_eq!(diff.number.as_deref(), Some("R-000001"));
    let xml = invoices::records_xml(&t.db, diff.id).await.unwrap();
    assert_valid(&xml);
    for part in [
        "<sf:TipoFactura>R4</sf:TipoFactura><sf:TipoRectificativa>I</sf:TipoRectificativa>",
        "<sf:IDFacturaRectificada>",
        "<sf:NumSerieFactura>F-000001</sf:NumSerieFactura>",
        "<sf:CuotaTotal>-2.60</sf:CuotaTotal><sf:ImporteTotal>-15.00</sf:ImporteTotal>",
    ] {
        assert!(xml.contains(part), "{part} in {xml}");
    }
    assert!(!xml.contains("ImporteRectificacion"));

    // By substitution: it states the right figures and what it replaces.
    let subst = invoices::rectify(&t.db, staff, original.id, "R1", "substitution").await.unwrap();
    assert_eq!(subst.total_cents, original.total_cents);
    let subst = invoices::issue_invoice(&t.db, staff, subst.id, &ctx).await.unwrap();
    assert_eq!(subst.number.as_deref(), Some("R-000002"));
    assert_eq!(subst.rectifies_number.as_deref(), Some("F-000001"));
    let xml = invoices::records_xml(&t.db, subst.id).await.unwrap();
    assert_valid(&xml);
    assert!(xml.contains("<sf:TipoRectificativa>S</sf:TipoRectificativa>"));
    assert!(xml.contains(
        "<sf:ImporteRectificacion><sf:BaseRectificada>487.20</sf:BaseRectificada><sf:CuotaRectificada>7.81</sf:CuotaRectificada></sf:ImporteRectificacion>"
    ), "{xml}");

    // R5 is for simplified invoices only; a draft cannot be rectified.
    let err = invoices::rectify(&t.db, staff, original.id, "R5", "difference").await.unwrap_err();
    assert_eq!(field_issue(err), [("kind".to_string(), FieldIssue::InvalidChoice)]);
    let other = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let err = invoices::rectify(&t.db, staff, other.id, "R4", "difference").await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)]);
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(3));
}

#[tokio::test]
async fn simplified_invoices_need_no_recipient_and_stop_at_400_euros() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let ticket = DraftInput {
        issuer_id: issuer.id.to_string(),
        kind: "F2".into(),
        description: "Venta en mostrador".into(),
        lines: vec![line("Kit de cerámica", "", "2", "24,95", "", "21")],
        ..Default::default()
    };
    let draft = invoices::create_draft(&t.db, staff, &ticket).await.unwrap();
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    assert_eq!(issued.number.as_deref(), Some("S-000001"));
    assert_eq!(issued.total_cents, 6_038);
    let xml = invoices::records_xml(&t.db, issued.id).await.unwrap();
    assert_valid(&xml);
    assert!(xml.contains("<sf:TipoFactura>F2</sf:TipoFactura>") && !xml.contains("Destinatarios"), "{xml}");

    let over = DraftInput { lines: vec![line("Torno", "", "1", "330,59", "", "21")], ..ticket.clone() };
    let err = invoices::create_draft(&t.db, staff, &over).await.unwrap_err();
    assert_eq!(field_issue(err), [("kind".to_string(), FieldIssue::SimplifiedOverLimit)]);
    // 330,57 + 21 % = 399,99: still simplified.
    let under = DraftInput { lines: vec![line("Torno", "", "1", "330,57", "", "21")], ..ticket };
    assert_eq!(invoices::create_draft(&t.db, staff, &under).await.unwrap().total_cents, 39_999);
}

#[tokio::test]
async fn a_ticketbai_issuer_cannot_issue_yet_and_no_number_is_burnt() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let foral = IssuerInput {
        legal_name: issuer.legal_name.clone(),
        nif: issuer.nif.clone(),
        address: issuer.address.clone(),
        postal_code: issuer.postal_code.clone(),
        city: issuer.city.clone(),
        province: issuer.province.clone(),
        iban: issuer.iban.clone(),
        email: issuer.email.clone(),
        regime: "ticketbai".into(),
    };
    issuers::save_issuer(&t.db, staff, Some(issuer.id), &foral).await.unwrap();
    let err = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap_err();
    assert_eq!(field_issue(err), [("issuer_id".to_string(), FieldIssue::RegimeNotAvailable)]);
    issuers::save_issuer(&t.db, staff, Some(issuer.id), &IssuerInput { regime: "verifactu".into(), ..foral.clone() })
        .await
        .unwrap();
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    assert_eq!(issued.number.as_deref(), Some("F-000001"));
    // Once it has issued, its NIF stays; a bad IBAN or NIF is refused next to the field.
    let moved = IssuerInput { nif: domain::crm::fields::spanish_cif('B', 1_111_111), ..foral.clone() };
    let err = issuers::save_issuer(&t.db, staff, Some(issuer.id), &moved).await.unwrap_err();
    assert_eq!(field_issue(err), [("nif".to_string(), FieldIssue::WrongState)]);
    let bad = IssuerInput { nif: "B1234567X".into(), iban: "ES00 1234".into(), ..foral };
    let mut problems = field_issue(issuers::save_issuer(&t.db, staff, None, &bad).await.unwrap_err());
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        problems,
        [("iban".to_string(), FieldIssue::InvalidNumber), ("nif".to_string(), FieldIssue::InvalidTaxId)]
    );
}

#[tokio::test]
async fn the_invoice_pdf_carries_its_legal_wording_and_a_qr_that_decodes_to_the_aeat_address() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let pdf = domain::billing::pdf::invoice_pdf(&draft, &issuer, Environment::Test);
    let (_, text) = domain::testing::pdf_text(&pdf);
    assert!(text.contains("Borrador: sin número ni validez fiscal"), "{text}");
    assert!(domain::testing::pdf_qr_codes(&pdf, None).is_empty(), "a draft has no QR");

    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    let pdf = domain::billing::pdf::invoice_pdf(&issued, &issuer, Environment::Test);
    let (pages, text) = domain::testing::pdf_text(&pdf);
    assert_eq!(pages, 1);
    for part in [
        "QR tributario:",
        "VERI*FACTU",
        "Formación Ficticia SL",
        "Construcciones Ejemplo SA",
        "F-000001",
        "Curso PRL (7,5 h)",
        "Exenta",
        "Operación exenta de IVA (art. 20.Uno.9º Ley 37/1992)",
        "37,20",
        "7,81",
        "495,01",
        "Pago por transferencia a la cuenta ES91 2100 0418 4502 0005 1332",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let expected =
        verifactu::qr_url(Environment::Test, &issuer.nif, "F-000001", issued.issue_date.unwrap(), issued.total_cents);
    // AULA_SHOTS_DIR keeps the pages as PNG, to be looked at.
    let shots = std::env::var("AULA_SHOTS_DIR").ok().map(|d| std::path::PathBuf::from(d).join("invoice-pdf"));
    assert_eq!(domain::testing::pdf_qr_codes(&pdf, shots.as_deref()), [expected]);

    // In the recipient's language, the law's wording staying in Spanish.
    let basque = DraftInput { language: "eu".into(), ..invoice_input(&issuer) };
    let draft = invoices::create_draft(&t.db, staff, &basque).await.unwrap();
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    let pdf = domain::billing::pdf::invoice_pdf(&issued, &issuer, Environment::Production);
    let (_, text) = domain::testing::pdf_text(&pdf);
    for part in [
        "Faktura",
        "Hartzailea",
        "Salbuetsia",
        "QR tributario:",
        "Operación exenta de IVA (art. 20.Uno.9º Ley 37/1992)",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let codes = domain::testing::pdf_qr_codes(&pdf, None);
    assert_eq!(codes.len(), 1);
    assert!(codes[0].starts_with("https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif="), "{codes:?}");
    assert!(codes[0].contains("&numserie=F-000002&"), "{codes:?}");
}

#[tokio::test]
async fn payments_are_recorded_until_the_invoice_is_paid_and_an_unpaid_one_falls_overdue() {
    use domain::billing::invoices::PaymentInput;
    use types::{CollectionStatus, InvoicePaymentMethod};
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let draft = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let pay = |amount: &str, method: &str| PaymentInput {
        amount: amount.into(),
        method: method.into(),
        paid_on: "2026-12-01".into(),
        reference: "Transferencia 0042".into(),
    };
    let err = invoices::record_payment(&t.db, staff, draft.id, &pay("10", "cash")).await.unwrap_err();
    assert_eq!(field_issue(err), [("state".to_string(), FieldIssue::WrongState)], "a draft is not paid");
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    let today = issued.issue_date.unwrap();
    assert_eq!(issued.due_date, Some(today + chrono::Duration::days(30)), "the legal 30 days");
    assert_eq!(issued.collection_status(today), Some(CollectionStatus::Unpaid));

    let mut problems = field_issue(
        invoices::record_payment(
            &t.db,
            staff,
            issued.id,
            &PaymentInput { paid_on: "ayer".into(), ..pay("0", "cheque") },
        )
        .await
        .unwrap_err(),
    );
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        problems,
        [
            ("amount".to_string(), FieldIssue::InvalidNumber),
            ("method".to_string(), FieldIssue::InvalidChoice),
            ("paid_on".to_string(), FieldIssue::InvalidDate),
        ]
    );
    let part = invoices::record_payment(&t.db, staff, issued.id, &pay("200", "bizum")).await.unwrap();
    assert_eq!((part.paid_cents, part.collection_status(today)), (20_000, Some(CollectionStatus::Partial)));
    assert_eq!(part.collection_status(today + chrono::Duration::days(31)), Some(CollectionStatus::Overdue));
    let err = invoices::record_payment(&t.db, staff, issued.id, &pay("295,02", "transfer")).await.unwrap_err();
    assert_eq!(field_issue(err), [("amount".to_string(), FieldIssue::Overpaid)]);
    let paid = invoices::record_payment(&t.db, staff, issued.id, &pay("295,01", "direct_debit")).await.unwrap();
    assert_eq!(
        (paid.paid_cents, paid.collection_status(today + chrono::Duration::days(90))),
        (49_501, Some(CollectionStatus::Paid))
    );
    let methods: Vec<InvoicePaymentMethod> = paid.payments.iter().map(|p| p.method).collect();
    assert_eq!(methods, [InvoicePaymentMethod::Bizum, InvoicePaymentMethod::DirectDebit]);
    // A payment changes nothing fiscal: the record and the chain stay as they were.
    assert_eq!(invoices::verify_chain(&t.db, issuer.id).await.unwrap(), Ok(1));
    let (listed, _) = invoices::list_invoices(&t.db, None, 1, 10).await.unwrap();
    assert_eq!((listed[0].paid_cents, listed[0].due_date), (49_501, paid.due_date));
}

#[tokio::test]
async fn a_contracts_delivered_hours_are_invoiced_once_and_a_cancellation_gives_them_back() {
    use domain::testing::{client, confirmed_contract, prl_course, session_input};
    use domain::training::sessions;
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let payer = client(&t.db, staff, "Metalúrgica Ibaizabal", "Bilbao").await;
    let course = prl_course(&t.db, "6", "in_person").await;
    let contract = confirmed_contract(&t.db, staff, payer.id, course.id).await;
    let err = invoices::draft_from_contract(&t.db, staff, contract.id, &issuer.id.to_string(), "").await.unwrap_err();
    assert_eq!(field_issue(err), [("hours".to_string(), FieldIssue::NothingToInvoice)], "nothing delivered yet");
    for (day, state) in [("2026-12-01", "done"), ("2026-12-02", "done"), ("2026-12-03", "scheduled")] {
        let mut s = session_input(contract.id, day, "09:00", "11:30");
        s.state = state.into();
        sessions::save_session(&t.db, staff, None, &s, chrono_tz::Europe::Madrid).await.unwrap();
    }

    // 5 h delivered at 60 €/h, exempt training, to the paying client, the line naming the contract.
    let draft = invoices::draft_from_contract(&t.db, staff, contract.id, &issuer.id.to_string(), "").await.unwrap();
    assert_eq!(draft.recipient.organization_id, Some(payer.id));
    assert_eq!(draft.lines.len(), 1);
    let hours = &draft.lines[0];
    assert_eq!(
        (hours.minutes, hours.unit_cents, hours.exempt, hours.contract_id),
        (Some(300), 6_000, true, Some(contract.id))
    );
    assert_eq!(draft.total_cents, 30_000);
    let err = invoices::draft_from_contract(&t.db, staff, contract.id, &issuer.id.to_string(), "").await.unwrap_err();
    assert_eq!(field_issue(err), [("hours".to_string(), FieldIssue::NothingToInvoice)], "a draft holds them already");
    // A milestone may reach the planned 6 h, not beyond; editing the draft keeps the limit.
    let err =
        invoices::draft_from_contract(&t.db, staff, contract.id, &issuer.id.to_string(), "1,5").await.unwrap_err();
    assert_eq!(field_issue(err), [("hours".to_string(), FieldIssue::OverInvoiced)]);
    let mut input = DraftInput {
        issuer_id: issuer.id.to_string(),
        organization_id: payer.id.to_string(),
        recipient_tax_id: domain::crm::fields::spanish_cif('A', 2_345_678),
        recipient_address: "Polígono Ibaizabal 3, Bilbao".into(),
        description: draft.description.clone(),
        lines: vec![InvoiceLineInput {
            contract_id: contract.id.to_string(),
            ..line("PRL (7 h)", "7", "", "60", "", "exempt")
        }],
        ..Default::default()
    };
    let err = invoices::update_draft(&t.db, staff, draft.id, &input).await.unwrap_err();
    assert_eq!(field_issue(err), [("lines.0.hours".to_string(), FieldIssue::OverInvoiced)]);
    input.lines[0].hours = "6".into();
    let draft = invoices::update_draft(&t.db, staff, draft.id, &input).await.unwrap();
    assert_eq!(invoices::contract_billing(&t.db, contract.id).await.unwrap().invoiced_minutes, 360);

    // Issued, then cancelled: its hours are free again.
    let issued = invoices::issue_invoice(&t.db, staff, draft.id, &fiscal_context()).await.unwrap();
    let billing = invoices::contract_billing(&t.db, contract.id).await.unwrap();
    assert_eq!((billing.invoiced_minutes, billing.invoices.len()), (360, 1));
    invoices::cancel_invoice(&t.db, staff, issued.id, "Importe mal calculado", &fiscal_context()).await.unwrap();
    assert_eq!(invoices::contract_billing(&t.db, contract.id).await.unwrap().invoiced_minutes, 0);
    let again = invoices::draft_from_contract(&t.db, staff, contract.id, &issuer.id.to_string(), "").await.unwrap();
    assert_eq!(again.lines[0].minutes, Some(300));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_drafts_never_invoice_a_contracts_hours_twice() {
    use domain::testing::{client, confirmed_contract, prl_course, session_input};
    let t = Arc::new(TestDb::new().await);
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let payer = client(&t.db, staff, "Metalúrgica Ibaizabal", "Bilbao").await;
    let course = prl_course(&t.db, "6", "in_person").await;
    let contract = confirmed_contract(&t.db, staff, payer.id, course.id).await;
    let mut s = session_input(contract.id, "2026-12-01", "09:00", "12:00");
    s.state = "done".into();
    domain::training::sessions::save_session(&t.db, staff, None, &s, chrono_tz::Europe::Madrid).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let t = t.clone();
        let issuer = issuer.id.to_string();
        tasks.push(tokio::spawn(
            async move { invoices::draft_from_contract(&t.db, staff, contract.id, &issuer, "").await },
        ));
    }
    let mut made = 0;
    for task in tasks {
        if task.await.unwrap().is_ok() {
            made += 1;
        }
    }
    assert_eq!(made, 1, "one draft takes the 3 h delivered");
    assert_eq!(invoices::contract_billing(&t.db, contract.id).await.unwrap().invoiced_minutes, 180);
}

// Products and their stock.

async fn stock_of(t: &TestDb, id: ProductId) -> (i64, i64, i64) {
    let (stock,): (i64,) =
        sqlx::query_as("SELECT stock FROM products WHERE id = $1").bind(id.0).fetch_one(t.db.pool()).await.unwrap();
    let (moves, sum): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM stock_moves WHERE product_id = $1",
    )
    .bind(id.0)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    (stock, moves, sum)
}

fn a_move(kind: &str, quantity: &str, reason: &str) -> StockMoveInput {
    StockMoveInput { kind: kind.into(), quantity: quantity.into(), reason: reason.into() }
}

#[tokio::test]
async fn a_product_is_saved_with_its_sku_vat_and_first_stock_and_bad_input_is_named_with_nothing_saved() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let mut bad = product_input("kit ñ", "doce", 5);
    bad.vat = "16".into();
    bad.low_stock_threshold = "-1".into();
    let fields: Vec<String> = field_issue(products::save_product(&t.db, staff, None, &bad).await.unwrap_err())
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(fields, ["sku", "price", "vat", "low_stock_threshold"]);
    assert!(products::list_products(&t.db, &ProductQuery::default()).await.unwrap().is_empty());

    let kit = products::save_product(&t.db, staff, None, &product_input("kit-ceramica", "19,99", 5)).await.unwrap();
    assert_eq!((kit.sku.as_str(), kit.price_cents, kit.vat_bp, kit.stock), ("KIT-CERAMICA", 1_999, 2_100, 5));
    assert_eq!(kit.price_with_vat_cents(), 2_419);
    let moves = products::stock_moves(&t.db, kit.id, 10).await.unwrap();
    assert_eq!(moves.len(), 1);
    assert_eq!((moves[0].kind, moves[0].quantity, moves[0].by.as_str()), (StockMoveKind::Received, 5, "Javier Moreno"));

    let err = products::save_product(&t.db, staff, None, &product_input("KIT-Ceramica", "1", 0)).await.unwrap_err();
    assert_eq!(field_issue(err), [("sku".to_string(), FieldIssue::CodeTaken)]);
    let mut edit = product_input("KIT-CERAMICA", "21,00", 99);
    edit.vat = "exento".into();
    edit.active = false;
    let edited = products::save_product(&t.db, staff, Some(kit.id), &edit).await.unwrap();
    assert_eq!((edited.price_cents, edited.exempt, edited.active), (2_100, true, false));
    assert_eq!(edited.stock, 5, "an edit never changes the stock: moves do");
    assert!(products::list_products(&t.db, &ProductQuery::default()).await.unwrap().is_empty());
    let all = ProductQuery { include_inactive: true, q: "cerAm".into(), ..Default::default() };
    assert_eq!(products::list_products(&t.db, &all).await.unwrap().len(), 1);
}

#[tokio::test]
async fn stock_moves_say_who_and_why_and_never_leave_less_than_zero() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT", "10", 0)).await.unwrap();
    products::record_stock_move(&t.db, staff, kit.id, &a_move("received", "10", "Albarán 2031")).await.unwrap();
    let sold = products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "3", "")).await.unwrap();
    assert_eq!((sold.quantity, sold.stock_after), (-3, 7));

    let err = products::record_stock_move(&t.db, staff, kit.id, &a_move("adjusted", "-2", " ")).await.unwrap_err();
    assert_eq!(field_issue(err), [("reason".to_string(), FieldIssue::Required)], "an adjustment says why");
    let counted = products::record_stock_move(&t.db, staff, kit.id, &a_move("adjusted", "-2", "Recuento: 2 rotos"))
        .await
        .unwrap();
    assert_eq!(counted.stock_after, 5);
    products::record_stock_move(&t.db, staff, kit.id, &a_move("returned", "1", "Cliente")).await.unwrap();

    for (input, field, issue) in [
        (a_move("sold", "7", ""), "quantity", FieldIssue::NotEnoughStock { available: 6 }),
        (a_move("adjusted", "-7", "Recuento"), "quantity", FieldIssue::NotEnoughStock { available: 6 }),
        (a_move("sold", "0", ""), "quantity", FieldIssue::AtLeast { n: 1 }),
        (a_move("sold", "-1", ""), "quantity", FieldIssue::OutOfRange { min: 1, max: products::MAX_MOVE }),
        (a_move("received", "", ""), "quantity", FieldIssue::Required),
        (a_move("stolen", "1", ""), "kind", FieldIssue::InvalidChoice),
    ] {
        let err = products::record_stock_move(&t.db, staff, kit.id, &input).await.unwrap_err();
        assert_eq!(field_issue(err), [(field.to_string(), issue)], "{input:?}");
    }
    assert_eq!(stock_of(&t, kit.id).await, (6, 4, 6), "refused moves leave nothing behind");
    let moves = products::stock_moves(&t.db, kit.id, 10).await.unwrap();
    let kinds: Vec<(StockMoveKind, i64, &str)> =
        moves.iter().map(|m| (m.kind, m.quantity, m.reason.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (StockMoveKind::Returned, 1, "Cliente"),
            (StockMoveKind::Adjusted, -2, "Recuento: 2 rotos"),
            (StockMoveKind::Sold, -3, ""),
            (StockMoveKind::Received, 10, "Albarán 2031"),
        ]
    );
    let below = sqlx::query("UPDATE products SET stock = -1 WHERE id = $1").bind(kit.id.0).execute(t.db.pool()).await;
    assert!(below.is_err(), "the database itself keeps the stock at zero or more");
    let missing = products::record_stock_move(&t.db, staff, ProductId(kit.id.0 + 99), &a_move("sold", "1", "")).await;
    assert!(matches!(missing, Err(Error::NotFound)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_sales_of_twenty_in_stock_sell_exactly_twenty() {
    let t = Arc::new(TestDb::new().await);
    let staff = staff_user(&t.db).await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT-20", "15", 20)).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "1", "")).await
        }));
    }
    let (mut sold, mut refused) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => sold += 1,
            Err(e) => {
                assert_eq!(field_issue(e), [("quantity".to_string(), FieldIssue::NotEnoughStock { available: 0 })]);
                refused += 1;
            }
        }
    }
    assert_eq!((sold, refused), (20, 180));
    assert_eq!(stock_of(&t, kit.id).await, (0, 21, 0), "one received move, twenty sold, stock zero");
    let afters: Vec<(i64,)> =
        sqlx::query_as("SELECT stock_after FROM stock_moves WHERE product_id = $1 AND kind = 'sold' ORDER BY id")
            .bind(kit.id.0)
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    assert_eq!(afters.into_iter().map(|a| a.0).collect::<Vec<_>>(), (0..20).rev().collect::<Vec<i64>>());
}

#[tokio::test]
async fn crossing_the_low_stock_threshold_tells_the_catalogue_managers_once_in_their_language() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let manager = domain::testing::new_user(&t.db, "ane@aula.example", "Ane Etxeberria", "manager", "eu").await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT", "10", 5)).await.unwrap();
    let bell = |user: types::UserId| {
        let db = t.db.clone();
        async move { domain::notifications::list(&db, user, 50).await.unwrap() }
    };
    products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "2", "")).await.unwrap();
    assert_eq!(bell(manager.id).await.items.len(), 0, "3 left is above the threshold of 2");
    let low = products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "1", "")).await.unwrap();
    assert_eq!(low.stock_after, 2);
    let told = bell(manager.id).await;
    assert_eq!(told.items.len(), 1);
    assert_eq!(told.items[0].title, "Stock gutxi geratzen da: Kit KIT");
    assert_eq!(told.items[0].body, "KIT: 2 geratzen dira stockean.");
    assert_eq!(told.items[0].link, format!("/products/{}", kit.id.0));
    assert_eq!(bell(staff).await.items.len(), 0, "staff do not manage the catalogue");
    products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "1", "")).await.unwrap();
    assert_eq!(bell(manager.id).await.items.len(), 1, "still low: no second notice");
    products::record_stock_move(&t.db, staff, kit.id, &a_move("received", "10", "")).await.unwrap();
    products::record_stock_move(&t.db, staff, kit.id, &a_move("sold", "11", "")).await.unwrap();
    assert_eq!(bell(manager.id).await.items.len(), 2, "restocked, then low again: a new notice");
    assert!(products::get_product(&t.db, kit.id).await.unwrap().low_on_stock());
    let low_only = ProductQuery { low_only: true, ..Default::default() };
    assert_eq!(products::list_products(&t.db, &low_only).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_kit_linked_to_a_workshop_counts_one_per_confirmed_participant() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let workshop = domain::testing::published_workshop(&t.db, staff, 10, 8).await;
    for n in 0..3 {
        let enrollee = Enrollee::New {
            first_name: format!("Persona{n}"),
            last_name: "Prueba".into(),
            email: format!("persona{n}@example.com"),
            phone: String::new(),
        };
        let request = EnrollRequest {
            workshop_id: workshop.id,
            enrollee,
            idempotency_key: None,
            channel: Channel::Public,
            actor: None,
        };
        enrollment::enroll_participant(&t.db, &request).await.unwrap();
    }
    let mut input = product_input("KIT-RESINA", "8", 2);
    input.workshop_ids = vec![workshop.id.0.to_string(), workshop.id.0.to_string()];
    let kit = products::save_product(&t.db, staff, None, &input).await.unwrap();
    assert_eq!(kit.workshops.len(), 1);
    assert_eq!((kit.workshops[0].title.as_str(), kit.workshops[0].confirmed), ("Taller de resina", 3));
    let page = products::product_page(&t.db, kit.id).await.unwrap();
    assert_eq!(page.kits_needed, 3, "three participants, one kit each, with 2 in stock");
    assert!(page.workshops.iter().any(|w| w.workshop_id == workshop.id));
    input.workshop_ids = vec!["999999".into()];
    let err = products::save_product(&t.db, staff, Some(kit.id), &input).await.unwrap_err();
    assert_eq!(field_issue(err), [("workshop_ids".to_string(), FieldIssue::InvalidChoice)]);
    assert_eq!(products::get_product(&t.db, kit.id).await.unwrap().workshops.len(), 1, "nothing half-saved");
}

// Sales at the counter.

fn sale_of(lines: &[(ProductId, &str)], method: &str) -> SaleInput {
    SaleInput {
        payment_method: method.into(),
        lines: lines
            .iter()
            .map(|(p, q)| SaleLineInput {
                product_id: p.0.to_string(),
                quantity: q.to_string(),
                discount: String::new(),
            })
            .collect(),
        ..Default::default()
    }
}

async fn counts(t: &TestDb) -> (i64, i64, i64) {
    let (invoices,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM invoices").fetch_one(t.db.pool()).await.unwrap();
    let (sales,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sales").fetch_one(t.db.pool()).await.unwrap();
    let (records,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM fiscal_records").fetch_one(t.db.pool()).await.unwrap();
    (invoices, sales, records)
}

#[tokio::test]
async fn a_counter_sale_takes_the_stock_issues_a_simplified_invoice_and_records_its_payment() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    issuer(&t.db, staff).await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT", "18,00", 5)).await.unwrap();
    let mut book = product_input("LIBRO", "14,42", 3);
    book.vat = "4".into();
    let book = products::save_product(&t.db, staff, None, &book).await.unwrap();

    let sale = sales::record_sale(&t.db, staff, &sale_of(&[(kit.id, "2"), (book.id, "")], "card"), &fiscal_context())
        .await
        .unwrap();
    assert_eq!((sale.invoice_kind, sale.invoice_number.as_str()), (InvoiceKind::F2, "S-000001"));
    // 2 × 18,00 + 21 % = 43,56; 14,42 + 4 % (0,5768 → 0,58) = 15,00.
    assert_eq!(sale.total_cents, 5_856);
    assert_eq!(
        sale.lines.iter().map(|l| (l.product_id, l.quantity)).collect::<Vec<_>>(),
        [(Some(kit.id), Some(2)), (Some(book.id), Some(1))]
    );
    let invoice = invoices::get_invoice(&t.db, sale.invoice_id).await.unwrap();
    assert_eq!((invoice.state, invoice.paid_cents, invoice.payments.len()), (InvoiceState::Issued, 5_856, 1));
    assert_eq!(invoice.description, "Venta en mostrador");
    let issuer = issuers::get_issuer(&t.db, invoice.issuer_id).await.unwrap();
    let (_, text) = domain::testing::pdf_text(&domain::billing::pdf::invoice_pdf(&invoice, &issuer, Environment::Test));
    let today = domain::clock::today(chrono_tz::Europe::Madrid).format("%d/%m/%Y").to_string();
    assert!(text.contains(&format!("Pagada el {today} (Tarjeta).")), "{text}");
    assert!(!text.contains("Vencimiento") && !text.contains("transferencia"), "a paid ticket owes nothing: {text}");
    validate_verifactu(&invoices::records_xml(&t.db, sale.invoice_id).await.unwrap()).unwrap();
    assert_eq!(products::get_product(&t.db, kit.id).await.unwrap().stock, 3);
    let moves = products::stock_moves(&t.db, kit.id, 5).await.unwrap();
    assert_eq!((moves[0].kind, moves[0].quantity, moves[0].reason.as_str()), (StockMoveKind::Sold, -2, "S-000001"));
    let today = sales::sales_on(&t.db, domain::clock::today(chrono_tz::Europe::Madrid), chrono_tz::Europe::Madrid)
        .await
        .unwrap();
    assert_eq!(today.iter().map(|s| s.id).collect::<Vec<_>>(), [sale.id]);
}

#[tokio::test]
async fn a_sale_refused_anywhere_leaves_no_invoice_no_number_and_the_stock_as_it_was() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    issuer(&t.db, staff).await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT", "18,00", 2)).await.unwrap();
    let mut lamp = product_input("LAMPARA", "200,00", 10);
    lamp.low_stock_threshold = "0".into();
    let lamp = products::save_product(&t.db, staff, None, &lamp).await.unwrap();
    let mut old = product_input("VIEJO", "1", 10);
    old.active = false;
    let old = products::save_product(&t.db, staff, None, &old).await.unwrap();
    let ctx = fiscal_context();

    let refusals = [
        (
            sale_of(&[(lamp.id, "1"), (kit.id, "3")], "cash"),
            "lines.1.quantity",
            FieldIssue::NotEnoughStock { available: 2 },
        ),
        (sale_of(&[(lamp.id, "2")], "cash"), "kind", FieldIssue::SimplifiedOverLimit),
        (sale_of(&[(old.id, "1")], "cash"), "lines.0.product_id", FieldIssue::InvalidChoice),
        (sale_of(&[(kit.id, "0")], "cash"), "lines.0.quantity", FieldIssue::AtLeast { n: 1 }),
        (sale_of(&[], "cash"), "lines", FieldIssue::Required),
        (sale_of(&[(kit.id, "1")], "cheque"), "payment_method", FieldIssue::InvalidChoice),
        (SaleInput { kind: "F1".into(), ..sale_of(&[(kit.id, "1")], "cash") }, "recipient_name", FieldIssue::Required),
    ];
    for (input, field, issue) in refusals {
        let err = sales::record_sale(&t.db, staff, &input, &ctx).await.unwrap_err();
        assert_eq!(field_issue(err)[0], (field.to_string(), issue), "{input:?}");
    }
    assert_eq!(counts(&t).await, (0, 0, 0), "no invoice, no sale, no record");
    assert_eq!(stock_of(&t, kit.id).await, (2, 1, 2));
    assert_eq!(stock_of(&t, lamp.id).await, (10, 1, 10));

    // A full invoice for a client on record, and the numbers carry on from 1.
    let client = domain::testing::client(&t.db, staff, "Talleres Urola S.L.", "Zumaia").await;
    let full = SaleInput {
        kind: "F1".into(),
        organization_id: client.id.0.to_string(),
        recipient_tax_id: domain::crm::fields::spanish_cif('B', 7_654_321),
        recipient_address: "Polígono Ibarrea 12, 20750 Zumaia".into(),
        ..sale_of(&[(lamp.id, "2")], "transfer")
    };
    let sale = sales::record_sale(&t.db, staff, &full, &ctx).await.unwrap();
    assert_eq!((sale.invoice_number.as_str(), sale.customer.as_str()), ("F-000001", "Talleres Urola S.L."));
    let simplified = sales::record_sale(&t.db, staff, &sale_of(&[(kit.id, "2")], "bizum"), &ctx).await.unwrap();
    assert_eq!(simplified.invoice_number, "S-000001");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_counter_sales_of_twenty_kits_sell_twenty_with_twenty_numbers() {
    let t = Arc::new(TestDb::new().await);
    let staff = staff_user(&t.db).await;
    issuer(&t.db, staff).await;
    let kit = products::save_product(&t.db, staff, None, &product_input("KIT-20", "15", 20)).await.unwrap();
    let ctx = Arc::new(fiscal_context());
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let (t, ctx) = (t.clone(), ctx.clone());
        tasks.push(tokio::spawn(async move {
            sales::record_sale(&t.db, staff, &sale_of(&[(kit.id, "1")], "cash"), &ctx).await
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(sale) => numbers.push(sale.invoice_number),
            Err(e) => assert_eq!(
                field_issue(e),
                [("lines.0.quantity".to_string(), FieldIssue::NotEnoughStock { available: 0 })]
            ),
        }
    }
    numbers.sort();
    assert_eq!(numbers, (1..=20).map(|n| format!("S-{n:06}")).collect::<Vec<_>>(), "twenty sales, no gaps");
    assert_eq!(stock_of(&t, kit.id).await, (0, 21, 0));
    assert_eq!(counts(&t).await, (20, 20, 20));
    let issuer_id = issuers::list_issuers(&t.db).await.unwrap()[0].id;
    assert_eq!(invoices::verify_chain(&t.db, issuer_id).await.unwrap(), Ok(20));
}

// The accountant's exports.

#[tokio::test]
async fn the_issued_invoices_book_has_a_row_per_rate_reads_back_as_csv_and_xlsx_and_zips_the_pdfs() {
    let t = TestDb::new().await;
    let staff = staff_user(&t.db).await;
    let issuer = issuer(&t.db, staff).await;
    let ctx = fiscal_context();
    let first = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let first = invoices::issue_invoice(&t.db, staff, first.id, &ctx).await.unwrap();
    let second = invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let second = invoices::issue_invoice(&t.db, staff, second.id, &ctx).await.unwrap();
    invoices::cancel_invoice(&t.db, staff, second.id, "Duplicada", &ctx).await.unwrap();
    invoices::create_draft(&t.db, staff, &invoice_input(&issuer)).await.unwrap();
    let today = domain::clock::today(chrono_tz::Europe::Madrid);

    let rows = exports::issued_book(&t.db, today, today).await.unwrap();
    let seen: Vec<(&str, i64, bool, i64, bool)> =
        rows.iter().map(|r| (r.number.as_str(), r.base_cents, r.exempt, r.vat_cents, r.cancelled)).collect();
    assert_eq!(
        seen,
        [
            ("000001", 45_000, true, 0, false),
            ("000001", 3_720, false, 781, false),
            ("000002", 45_000, true, 0, true),
            ("000002", 3_720, false, 781, true),
        ],
        "a row per rate of each issued invoice, the cancelled one marked, no draft"
    );
    assert!(exports::issued_book(&t.db, today + chrono::Duration::days(1), today + chrono::Duration::days(9))
        .await
        .unwrap()
        .is_empty());

    let csv = exports::book_csv(&rows);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("Ejercicio;Periodo;NIF emisor;Fecha de expedición;"), "{}", lines[0]);
    let first_row: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(first_row[3], today.format("%d/%m/%Y").to_string());
    assert_eq!(
        (
            first_row[5],
            first_row[6],
            first_row[7],
            first_row[11],
            first_row[12],
            first_row[15],
            first_row[16],
            first_row[17]
        ),
        ("F", "000001", "F1", "Construcciones Ejemplo SA", "450,00", "E1", "495,01", "Emitida")
    );
    assert_eq!(lines[2].split(';').nth(13), Some("21,00"));
    assert!(lines[4].ends_with(";Anulada"), "{}", lines[4]);

    let read = domain::testing::xlsx_rows(&exports::book_xlsx(&rows).unwrap());
    assert_eq!(read["sheet"], "Facturas expedidas");
    let sheet = read["rows"].as_array().unwrap();
    assert_eq!(sheet.len(), 5);
    assert_eq!(sheet[0][0], "Ejercicio");
    assert_eq!(sheet[1][3]["v"], today.format("%Y-%m-%d").to_string(), "a real date");
    assert_eq!(sheet[1][3]["fmt"], "mm-dd-yy", "shown in the locale's short date (built-in format 14)");
    assert_eq!((sheet[2][12]["v"].as_f64(), sheet[2][14]["v"].as_f64()), (Some(37.2), Some(7.81)));
    assert_eq!(sheet[2][12]["fmt"], "#,##0.00");
    assert_eq!(sheet[4][17], "Anulada");

    let zip = exports::invoices_zip(&t.db, today, today, verifactu::Environment::Test).await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    assert_eq!(names, [format!("{}/F-000001.pdf", issuer.nif), format!("{}/F-000002.pdf", issuer.nif)]);
    let mut pdf = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut pdf).unwrap();
    let (_, text) = domain::testing::pdf_text(&pdf);
    assert!(text.contains("F-000001") && text.contains("495,01"), "{text}");
    assert_eq!(first.number.as_deref(), Some("F-000001"));

    let err = exports::parse_range("2027-03-31", "2027-01-01").unwrap_err();
    assert_eq!(field_issue(err), [("to".to_string(), FieldIssue::EndBeforeStart)]);
    let err = exports::parse_range("", "31/03/2027").unwrap_err();
    assert_eq!(
        field_issue(err),
        [("from".to_string(), FieldIssue::Required), ("to".to_string(), FieldIssue::InvalidDate)]
    );
}
