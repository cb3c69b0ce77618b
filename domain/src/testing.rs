//! Fresh databases for tests: one per test, on the backend named by `AULA_TEST_DATABASE`
//! (`sqlite`, the default, or `postgres`; the server for the latter is
//! `AULA_TEST_POSTGRES_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`).

use std::path::PathBuf;

use rand::distributions::{Alphanumeric, DistString};
use sqlx::{Connection, Executor};

use crate::Db;

/// A migrated, empty database that is deleted when dropped.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// The backend the tests run on.
pub fn backend_under_test() -> crate::Backend {
    match std::env::var("AULA_TEST_DATABASE").as_deref() {
        Ok("postgres") | Ok("postgresql") => crate::Backend::Postgres,
        _ => crate::Backend::Sqlite,
    }
}

fn postgres_admin_url() -> String {
    std::env::var("AULA_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Where the tests' clock starts unless `AULA_CLOCK_START` says otherwise: a fixed instant, so no
/// test reads the day it runs (the test command also runs them from other instants).
pub const TEST_CLOCK_START: &str = "2026-11-30T12:00:00Z";

/// The instant the tests' clock starts at.
pub fn test_clock_start() -> chrono::DateTime<chrono::Utc> {
    let s = std::env::var("AULA_CLOCK_START").unwrap_or_else(|_| TEST_CLOCK_START.into());
    crate::clock::parse_instant(&s).expect("AULA_CLOCK_START is an instant (RFC 3339, UTC)")
}

/// Starts the process's clock at [`test_clock_start`]; panics if something read it before.
pub fn start_test_clock() {
    assert!(crate::clock::start_at(test_clock_start()), "the clock was read before the test started it");
}

impl TestDb {
    /// Creates and migrates a new database on the backend under test.
    pub async fn new() -> TestDb {
        TestDb::on(backend_under_test()).await
    }

    /// Creates and migrates a new database on `backend`, whichever is under test. Starts the
    /// clock at [`test_clock_start`] first.
    pub async fn on(backend: crate::Backend) -> TestDb {
        start_test_clock();
        let suffix = Alphanumeric.sample_string(&mut rand::thread_rng(), 12).to_lowercase();
        let (url, cleanup) = match backend {
            crate::Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("aula-test-{suffix}"));
                (crate::db::sqlite_url(&dir), Cleanup::Dir(dir))
            }
            crate::Backend::Postgres => {
                sqlx::any::install_default_drivers();
                let admin_url = postgres_admin_url();
                let name = format!("aula_test_{suffix}");
                let mut conn = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url}: {e}"));
                conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
                let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
                (format!("{base}/{name}"), Cleanup::Postgres { admin_url, name })
            }
        };
        let db = Db::connect(&url, 8).await.expect("connect to test database");
        db.migrate().await.expect("migrate test database");
        TestDb { db, url, cleanup }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime, so the cleanup gets a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let mut conn = sqlx::AnyConnection::connect(&admin_url).await.ok()?;
                        conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

// Builders of test data, shared by the test files: a centre's users, a client, a workshop, the
// demo centre. Tests change what they need on what these return.

/// A staff user, Javier Moreno (`javier@aula.example`), to act in tests; returns their id.
pub async fn staff_user(db: &Db) -> types::UserId {
    user_with_role(db, "javier@aula.example", "Javier Moreno", "staff").await
}

/// A user with `role` (`admin`, `manager`, `staff`, `reception` or a custom role's key) to act in
/// tests; returns their id.
pub async fn user_with_role(db: &Db, email: &str, name: &str, role: &str) -> types::UserId {
    new_user(db, email, name, role, "es").await.id
}

/// A user with `role` who reads Aula in `locale` (`es`, `eu`, `en`); password `contraseña-larga`.
pub async fn new_user(db: &Db, email: &str, name: &str, role: &str, locale: &str) -> crate::users::User {
    crate::users::create_user(
        db,
        &crate::users::NewUser {
            email: email.into(),
            name: name.into(),
            role: role.into(),
            locale: locale.into(),
            password: "contraseña-larga".into(),
        },
    )
    .await
    .expect("create the user")
}

/// A contracting client, `name`, in `city`, created by `actor`.
pub async fn client(db: &Db, actor: types::UserId, name: &str, city: &str) -> types::OrganizationView {
    let input = crate::crm::organizations::OrganizationInput {
        legal_name: name.into(),
        city: city.into(),
        is_contracting: true,
        ..Default::default()
    };
    crate::crm::organizations::create_organization(db, actor, &input, false).await.expect("create the client")
}

/// An issuer under Veri*Factu: Formación Ficticia SL, NIF B00000000 style (a valid CIF), with
/// its three default series F, S and R.
pub async fn issuer(db: &Db, actor: types::UserId) -> types::IssuerView {
    let input = crate::billing::issuers::IssuerInput {
        legal_name: "Formación Ficticia SL".into(),
        nif: crate::crm::fields::spanish_cif('B', 1_234_567),
        address: "Calle Mayor 1".into(),
        postal_code: "20001".into(),
        city: "Donostia".into(),
        province: "Gipuzkoa".into(),
        iban: "ES91 2100 0418 4502 0005 1332".into(),
        email: "facturas@formacion.example".into(),
        regime: "verifactu".into(),
    };
    crate::billing::issuers::save_issuer(db, actor, None, &input).await.expect("create the issuer")
}

/// What issuing needs in tests: Madrid's zone, the AEAT's test portal and a fictional producer
/// of the system.
pub fn fiscal_context() -> crate::billing::invoices::FiscalContext {
    crate::billing::invoices::FiscalContext {
        tz: chrono_tz::Europe::Madrid,
        environment: crate::billing::verifactu::Environment::Test,
        system: crate::billing::xml::SystemInfo {
            producer_name: "Desarrollos Ficticios SL".into(),
            producer_nif: crate::crm::fields::spanish_cif('B', 7_654_321),
            name: "Aula".into(),
            id: "AU".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            installation: "test".into(),
        },
    }
}

/// A full-invoice draft from `issuer` to a company with a valid CIF: 7 h 30 of exempt training
/// at 60 €/h and 3 kits at 12,40 € with 21 % VAT.
pub fn invoice_input(issuer: &types::IssuerView) -> crate::billing::invoices::DraftInput {
    let line = |description: &str, hours: &str, quantity: &str, price: &str, vat: &str| {
        crate::billing::invoices::InvoiceLineInput {
            description: description.into(),
            hours: hours.into(),
            quantity: quantity.into(),
            unit_price: price.into(),
            discount: String::new(),
            vat: vat.into(),
            contract_id: String::new(),
        }
    };
    crate::billing::invoices::DraftInput {
        issuer_id: issuer.id.to_string(),
        kind: "F1".into(),
        recipient_name: "Construcciones Ejemplo SA".into(),
        recipient_tax_id: crate::crm::fields::spanish_cif('A', 2_345_678),
        recipient_address: "Polígono Industrial 4\n20100 Errenteria".into(),
        description: "Formación en prevención de riesgos laborales".into(),
        lines: vec![
            line("Curso PRL (7,5 h)", "7,5", "", "60", "exempt"),
            line("Kit de seguridad", "", "3", "12,40", "21"),
        ],
        ..Default::default()
    }
}

/// A kit at 21 % VAT (`price` before VAT, `12,50`) with `stock` units on hand and a low-stock
/// threshold of 2.
pub fn product_input(sku: &str, price: &str, stock: i64) -> crate::billing::products::ProductInput {
    crate::billing::products::ProductInput {
        sku: sku.into(),
        name: format!("Kit {sku}"),
        description: "Materiales para un taller".into(),
        price: price.into(),
        vat: "21".into(),
        low_stock_threshold: "2".into(),
        active: true,
        workshop_ids: Vec::new(),
        initial_stock: stock.to_string(),
    }
}

/// Validates an AEAT message (`RegFactuSistemaFacturacion`) with xmllint against the official
/// schemas in `specs/verifactu`, offline; the error output if it is not valid.
pub fn validate_verifactu(xml: &str) -> Result<(), String> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/verifactu");
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let file = std::env::temp_dir().join(format!("aula-record-{}-{n}.xml", std::process::id()));
    std::fs::write(&file, xml).expect("write the record");
    let out = std::process::Command::new("xmllint")
        .env("XML_CATALOG_FILES", specs.join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(specs.join("SuministroLR.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian libxml2-utils; the test command installs it)");
    let _ = std::fs::remove_file(&file);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Course PRL-20, "Prevención de riesgos": `hours` hours at 60 € an hour, `modality`
/// (`in_person`, `online`, `blended`), in the interest "PRL".
pub async fn prl_course(db: &Db, hours: &str, modality: &str) -> types::CourseView {
    let input = crate::training::courses::CourseInput {
        code: "PRL-20".into(),
        title: "Prevención de riesgos".into(),
        default_hours: hours.into(),
        default_hourly_price: "60".into(),
        modality: modality.into(),
        interests: vec!["PRL".into()],
        active: true,
        ..Default::default()
    };
    crate::training::courses::save_course(db, None, &input).await.expect("create the course")
}

/// A confirmed contract of `payer` for `course`, with the course's hours and price.
pub async fn confirmed_contract(
    db: &Db,
    actor: types::UserId,
    payer: types::OrganizationId,
    course: types::CourseId,
) -> types::ContractView {
    let input = crate::training::contracts::ContractInput {
        organization_id: payer.to_string(),
        course_id: course.to_string(),
        state: "confirmed".into(),
        ..Default::default()
    };
    crate::training::contracts::create_contract(db, actor, &input).await.expect("create the contract")
}

/// A scheduled session of `contract` on `day` (`YYYY-MM-DD`) from `start` to `end` (`HH:MM`), in
/// person at the client's.
pub fn session_input(
    contract: types::ContractId,
    day: &str,
    start: &str,
    end: &str,
) -> crate::training::sessions::SessionInput {
    crate::training::sessions::SessionInput {
        contract_id: contract.to_string(),
        state: "scheduled".into(),
        date: day.into(),
        start_time: start.into(),
        end_time: end.into(),
        address: "Polígono Ibaizabal 3, Bilbao".into(),
        ..Default::default()
    }
}

/// A person, `first_name` `last_name` with `email` (may be empty), linked to `organization` as a
/// participant, created by `actor`.
pub async fn participant_of(
    db: &Db,
    actor: types::UserId,
    organization: types::OrganizationId,
    first_name: &str,
    last_name: &str,
    email: &str,
) -> types::PersonView {
    let person = crate::crm::people::PersonInput {
        first_name: first_name.into(),
        last_name: last_name.into(),
        email: email.into(),
        ..Default::default()
    };
    let link = crate::crm::people::LinkInput {
        organization_id: organization.to_string(),
        role: "participant".into(),
        job_title: String::new(),
    };
    crate::crm::people::create_person(db, actor, &person, Some(&link), true).await.expect("create the person")
}

/// A published workshop's form: "Taller de resina" in Aula 1, `days` after the test clock's day,
/// 17:00–20:00 in Madrid, `capacity` seats at 45 €.
pub fn workshop_input(days: i64, capacity: i64) -> crate::training::workshops::WorkshopInput {
    let day = crate::clock::today(chrono_tz::Europe::Madrid) + chrono::Duration::days(days);
    let at = |hour: u32| format!("{}T{hour:02}:00", day.format("%Y-%m-%d"));
    crate::training::workshops::WorkshopInput {
        title: "Taller de resina".into(),
        starts_at: at(17),
        ends_at: at(20),
        place: "Aula 1".into(),
        capacity: capacity.to_string(),
        price: "45,00".into(),
        state: "published".into(),
        ..Default::default()
    }
}

/// A published workshop made from [`workshop_input`] by `actor`.
pub async fn published_workshop(db: &Db, actor: types::UserId, days: i64, capacity: i64) -> types::WorkshopView {
    crate::training::workshops::create_workshop(db, actor, &workshop_input(days, capacity), chrono_tz::Europe::Madrid)
        .await
        .expect("create the workshop")
}

/// The demo centre (seeded once) and its first user of `role`.
pub async fn demo_user(db: &Db, role: types::Role) -> crate::users::User {
    crate::demo::seed(db, "contraseña-demo").await.expect("seed the demo centre");
    crate::users::list_users(db)
        .await
        .expect("list the users")
        .into_iter()
        .find(|u| u.role == role.as_str())
        .expect("a demo user of that role")
}

/// The Python that runs the test helpers under `scripts/testsupport` (`AULA_TEST_PYTHON`, set by
/// the test command to a virtualenv with `aiosmtpd` and `icalendar`; otherwise `python3`).
pub fn test_python() -> String {
    std::env::var("AULA_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn support_script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/testsupport").join(name)
}

/// A real SMTP server on loopback (Python's aiosmtpd) that keeps what it receives.
pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: std::process::Child,
}

impl SmtpSink {
    /// Starts a sink that refuses the first `fail_first` messages with a temporary error.
    pub fn start(fail_first: u32) -> SmtpSink {
        use std::io::BufRead;
        let suffix = Alphanumeric.sample_string(&mut rand::thread_rng(), 12).to_lowercase();
        let dir = std::env::temp_dir().join(format!("aula-smtp-{suffix}"));
        let mut child = std::process::Command::new(test_python())
            .arg(support_script("smtp_sink.py"))
            .arg(&dir)
            .arg("--fail-first")
            .arg(fail_first.to_string())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the SMTP sink (python with aiosmtpd; run the tests through scripts/test.sh)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("sink stdout")).read_line(&mut line).expect("sink port");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP sink did not start (is aiosmtpd installed?): {line:?}"));
        SmtpSink { port, dir, child }
    }

    /// Settings that send through this sink.
    pub fn config(&self) -> crate::email::SmtpConfig {
        crate::email::SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            security: "none".into(),
            from: "Aula <aula@centro.example>".into(),
            timeout_secs: 5,
            ..Default::default()
        }
    }

    /// The raw messages received so far, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.iter().map(|p| std::fs::read_to_string(p).expect("read a received message")).collect()
    }

    /// Waits up to `secs` until at least `n` messages arrived; returns them all.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let got = self.messages();
            if got.len() >= n || std::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Parses an iCalendar feed with the independent Python `icalendar` parser and returns its
/// summary (`name`, `timezones`, `events` with `uid`, `sequence`, `status`, `tzid`,
/// `start_local`, `start_utc`, `end_utc`). Panics when the parser rejects the feed.
pub fn parse_ics(ics: &str) -> serde_json::Value {
    use std::io::Write;
    let mut child = std::process::Command::new(test_python())
        .arg(support_script("ics_check.py"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the ICS parser (python with icalendar; run the tests through scripts/test.sh)");
    child.stdin.take().expect("parser stdin").write_all(ics.as_bytes()).expect("feed the parser");
    let out = child.wait_with_output().expect("run the ICS parser");
    assert!(
        out.status.success(),
        "the independent parser rejected the feed: {}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("parser output")
}

/// For the benchmarks: user 1 and organization 1, written directly (no password hashing).
pub async fn bench_owner(db: &Db) {
    sqlx::query(
        "INSERT INTO users (id, email, name, role, locale, password_hash, active, created_at, updated_at) \
         VALUES (1, 'bench@aula.example', 'Bench', 'staff', 'es', 'x', 1, 0, 0)",
    )
    .execute(db.pool())
    .await
    .expect("bench user");
    sqlx::query(
        "INSERT INTO organizations (id, legal_name, sort_name, search_text, status, status_changed_at, created_at, updated_at) \
         VALUES (1, 'Bench', 'bench', 'bench', 'client', 0, 0, 0)",
    )
    .execute(db.pool())
    .await
    .expect("bench organization");
}

/// Runs the test support script `script` on `bytes` (written to a temporary `.ext` file, then
/// removed) with the test Python and `args`; its standard output. `reader` names what the script
/// needs, for the message when it cannot start or fails.
fn read_back(script: &str, bytes: &[u8], ext: &str, args: &[&std::ffi::OsStr], reader: &str) -> String {
    let suffix = Alphanumeric.sample_string(&mut rand::thread_rng(), 12).to_lowercase();
    let path = std::env::temp_dir().join(format!("aula-{suffix}.{ext}"));
    std::fs::write(&path, bytes).expect("write the file to read back");
    let out = std::process::Command::new(test_python())
        .arg(support_script(script))
        .arg(&path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("start {reader} (run the tests through scripts/test.sh): {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{reader} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF read back by an independent reader (Python's pypdf): the page count and the text of
/// every page, with non-breaking spaces as plain ones.
pub fn pdf_text(pdf: &[u8]) -> (usize, String) {
    let text = read_back("pdf_text.py", pdf, "pdf", &[], "the PDF reader (python with pypdf)").replace('\u{a0}', " ");
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let pages = first.trim_start_matches("pages=").trim().parse().expect("a page count");
    (pages, rest.to_string())
}

/// A spreadsheet's first sheet as openpyxl (an independent reader) reads it, through the test
/// Python: `{"sheet": name, "rows": [...]}`, numbers and dates as `{"v": value, "fmt": format}`.
pub fn xlsx_rows(xlsx: &[u8]) -> serde_json::Value {
    let out = read_back("xlsx_rows.py", xlsx, "xlsx", &[], "the spreadsheet reader (python with openpyxl)");
    serde_json::from_str(&out).expect("the reader's JSON")
}

/// The QR codes on a PDF's pages, rendered by pdfium and decoded by zxing-cpp (through the test
/// Python); with `png_dir`, the pages are also written there as `page-N.png`.
pub fn pdf_qr_codes(pdf: &[u8], png_dir: Option<&std::path::Path>) -> Vec<String> {
    let args: Vec<&std::ffi::OsStr> = match png_dir {
        Some(dir) => vec!["--png".as_ref(), dir.as_os_str()],
        None => Vec::new(),
    };
    let out = read_back("pdf_qr.py", pdf, "pdf", &args, "the QR reader (python with pypdfium2 and zxing-cpp)");
    out.lines().map(str::to_string).collect()
}

/// A real language model on loopback: SmolLM2-135M-Instruct served by llama.cpp's own server
/// (Python's xllamacpp), set up by `scripts/env.sh` (`ensure_model_env`). Killed on drop.
pub struct RealModel {
    /// `http://127.0.0.1:PORT/v1`
    pub base_url: String,
    child: std::process::Child,
}

impl RealModel {
    pub fn start() -> RealModel {
        use std::io::BufRead;
        let python = std::env::var("AULA_MODEL_PYTHON")
            .expect("AULA_MODEL_PYTHON: run the tests through scripts/test.sh, which sets up the model");
        let gguf = std::env::var("AULA_MODEL_GGUF").expect("AULA_MODEL_GGUF: run the tests through scripts/test.sh");
        let mut child = std::process::Command::new(python)
            .arg(support_script("model_server.py"))
            .arg(gguf)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start the model server");
        let out = child.stdout.take().expect("model server stdout");
        let mut line = String::new();
        std::io::BufReader::new(out).read_line(&mut line).expect("the model server says where it listens");
        let base = line.trim().strip_prefix("listening ").unwrap_or_else(|| panic!("model server: {line:?}"));
        RealModel { base_url: format!("{base}/v1"), child }
    }
}

impl Drop for RealModel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
