//! CSV import of organizations and people: reading any CSV a spreadsheet writes (UTF-8 with or
//! without BOM, UTF-16, Windows-1252; comma, semicolon, tab or pipe), suggesting a column mapping,
//! then importing row by row with the same validation and duplicate guard as the forms, in one
//! transaction: a file is either imported (every valid row, the others reported with reasons) or,
//! if anything breaks, not at all.
//!
//! Import jobs live in memory ([`ImportJobs`]) between the upload, the mapping and the run, and
//! report their progress while they run in the background.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::distributions::{Alphanumeric, DistString};
use types::{FieldIssue, ImportJobView, ImportSummary, SkippedRow, UserId};

use super::organizations::{self as orgs, OrganizationInput};
use super::people::{self, LinkInput, PersonInput};
use crate::text::fold;
use crate::{Db, Error, Result};

/// The most rows one file may have.
pub const MAX_ROWS: usize = 200_000;

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Organizations,
    People,
}

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        match s {
            "organizations" => Some(Target::Organizations),
            "people" => Some(Target::People),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Organizations => "organizations",
            Target::People => "people",
        }
    }

    /// The fields a column can be mapped to, with the header names (folded, without spaces or
    /// punctuation) that suggest each.
    pub fn fields(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Target::Organizations => &[
                (
                    "legal_name",
                    &["legalname", "razonsocial", "nombre", "empresa", "name", "company", "izena", "izensoziala"],
                ),
                ("trade_name", &["tradename", "nombrecomercial", "marca", "izenkomertziala"]),
                ("tax_id", &["taxid", "cif", "nif", "cifnif", "vat", "ifk"]),
                ("country", &["country", "pais", "herrialdea"]),
                ("status", &["status", "estado", "egoera"]),
                ("source", &["source", "origen", "jatorria"]),
                ("sector", &["sector", "sektorea", "actividad"]),
                ("email", &["email", "correo", "mail", "correoelectronico", "emaila"]),
                ("phone", &["phone", "telefono", "tel", "movil", "telefonoa"]),
                ("website", &["website", "web", "url", "paginaweb"]),
                ("address", &["address", "direccion", "domicilio", "helbidea"]),
                ("postal_code", &["postalcode", "cp", "codigopostal", "zip", "postakodea"]),
                ("city", &["city", "localidad", "ciudad", "municipio", "poblacion", "herria"]),
                ("province", &["province", "provincia", "probintzia"]),
                ("owner", &["owner", "responsable", "comercial", "arduraduna"]),
                ("interests", &["interests", "intereses", "interesak"]),
                ("notes", &["notes", "notas", "observaciones", "oharrak"]),
                ("is_contracting", &["iscontracting", "contratante"]),
                ("is_end_client", &["isendclient", "clientefinal"]),
            ],
            Target::People => &[
                ("first_name", &["firstname", "nombre", "name", "izena"]),
                ("last_name", &["lastname", "apellidos", "apellido", "surname", "abizenak"]),
                ("email", &["email", "correo", "mail", "emaila"]),
                ("phone", &["phone", "telefono", "tel", "movil", "telefonoa"]),
                ("tax_id", &["taxid", "nif", "dni", "nie"]),
                ("city", &["city", "localidad", "ciudad", "municipio", "herria"]),
                ("organization", &["organization", "empresa", "organizacion", "cliente", "company", "erakundea"]),
                ("role", &["role", "rol", "rola"]),
                ("job_title", &["jobtitle", "cargo", "puesto", "kargua"]),
                ("interests", &["interests", "intereses", "interesak"]),
                ("notes", &["notes", "notas", "observaciones", "oharrak"]),
            ],
        }
    }
}

/// A CSV file read into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub delimiter: u8,
    pub encoding: &'static str,
}

/// Text from the bytes of a file: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    for (bom, little) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
                .collect();
            return (String::from_utf16_lossy(&units), "UTF-16");
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "Windows-1252"),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

/// The separator of the first line: the most frequent of `,` `;` tab `|` outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map(|(d, _)| *d).unwrap_or(b',')
}

/// Reads a CSV file. Refused (on field `file`) when empty, unreadable or over [`MAX_ROWS`].
pub fn parse_csv(bytes: &[u8]) -> Result<CsvTable> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(Error::field("file", FieldIssue::Required));
    }
    // A spreadsheet saved as .xlsx (a zip) or other binary data is not CSV.
    if text.contains('\0') {
        return Err(Error::field("file", FieldIssue::Malformed));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| Error::field("file", FieldIssue::Malformed))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if records.len() > MAX_ROWS {
            return Err(Error::field("file", FieldIssue::TooLong { max: MAX_ROWS as u32 }));
        }
        records.push(cells);
    }
    let mut records = records.into_iter();
    let headers = records.next().ok_or_else(|| Error::field("file", FieldIssue::Required))?;
    Ok(CsvTable { headers, rows: records.collect(), delimiter, encoding })
}

/// For each header, the field it most likely is (or empty), each field used once.
pub fn suggest_mapping(target: Target, headers: &[String]) -> Vec<String> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let key: String = fold(h).chars().filter(|c| c.is_alphanumeric()).collect();
            let hit = target.fields().iter().find(|(field, aliases)| {
                !used.contains(field) && (key == *field.replace('_', "") || aliases.contains(&key.as_str()))
            });
            match hit {
                Some((field, _)) => {
                    used.push(*field);
                    field.to_string()
                }
                None => String::new(),
            }
        })
        .collect()
}

/// A cell as the user meant it: a `'` that a spreadsheet export put before `= + - @` is dropped.
fn cell(row: &[String], mapping: &[String], field: &str) -> String {
    let v = mapping.iter().position(|m| m == field).and_then(|i| row.get(i)).cloned().unwrap_or_default();
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => v,
    }
}

fn yes(v: &str) -> Option<bool> {
    match fold(v.trim()).as_str() {
        "" => None,
        "1" | "si" | "yes" | "true" | "x" | "bai" | "s" | "y" => Some(true),
        _ => Some(false),
    }
}

/// A status or source given as its code or as its label in any of the UI languages.
fn choice(v: &str, codes: &[(&'static str, types::Msg)]) -> String {
    let f = fold(v.trim());
    for (code, msg) in codes {
        if f == *code || types::Locale::ALL.iter().any(|l| fold(msg.text(*l)) == f) {
            return code.to_string();
        }
    }
    v.trim().to_string()
}

fn split_list(v: &str) -> Vec<String> {
    v.split([',', ';', '|']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

struct Lookups {
    users: Vec<(i64, String, String)>,
}

impl Lookups {
    async fn load(db: &Db) -> Result<Lookups> {
        let users: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, email, name FROM users WHERE active = 1").fetch_all(db.pool()).await?;
        Ok(Lookups { users: users.into_iter().map(|(id, e, n)| (id, e.to_lowercase(), fold(&n))).collect() })
    }

    /// A user id from an owner cell (id, email or name); the cell itself when unknown, so that
    /// validation reports it.
    fn owner(&self, v: &str) -> String {
        let f = fold(v.trim());
        if f.is_empty() {
            return String::new();
        }
        self.users
            .iter()
            .find(|(id, email, name)| id.to_string() == f || *email == f || *name == f)
            .map(|(id, _, _)| id.to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}

/// How to run an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub target: Target,
    /// For each column, the field it goes to (empty: ignored).
    pub mapping: Vec<String>,
    /// A row whose tax id is already known updates that record instead of being skipped.
    pub update_existing: bool,
}

/// Imports every row of `table` in one transaction, calling `progress(done)` every 100 rows.
pub async fn run_import(
    db: &Db,
    actor: UserId,
    table: &CsvTable,
    options: &ImportOptions,
    progress: &(dyn Fn(usize) + Send + Sync),
) -> Result<ImportSummary> {
    let mapping = &options.mapping;
    let required = match options.target {
        Target::Organizations => "legal_name",
        Target::People => "first_name",
    };
    if !mapping.iter().any(|m| m == required) {
        return Err(Error::field("mapping", FieldIssue::Required));
    }
    let lookups = Lookups::load(db).await?;
    let statuses = [
        ("lead", types::Msg::StatusLead),
        ("prospect", types::Msg::StatusProspect),
        ("client", types::Msg::StatusClient),
        ("inactive", types::Msg::StatusInactive),
    ];
    let sources = [
        ("web", types::Msg::SourceWeb),
        ("referral", types::Msg::SourceReferral),
        ("fair", types::Msg::SourceFair),
        ("campaign", types::Msg::SourceCampaign),
        ("phone", types::Msg::SourcePhone),
        ("other", types::Msg::SourceOther),
    ];
    let mut summary = ImportSummary::default();
    let mut tx = db.begin_write().await?;
    db.lock_key(&mut tx, "crm-import").await?;
    for (i, row) in table.rows.iter().enumerate() {
        let line = i as i64 + 2;
        let get = |f: &str| cell(row, mapping, f);
        let outcome = match options.target {
            Target::Organizations => {
                let input = OrganizationInput {
                    legal_name: get("legal_name"),
                    trade_name: get("trade_name"),
                    country: get("country"),
                    tax_id: get("tax_id"),
                    sector: get("sector"),
                    address: get("address"),
                    postal_code: get("postal_code"),
                    city: get("city"),
                    province: get("province"),
                    email: get("email"),
                    phone: get("phone"),
                    website: get("website"),
                    notes: get("notes"),
                    owner_id: lookups.owner(&get("owner")),
                    status: choice(&get("status"), &statuses),
                    source: choice(&get("source"), &sources),
                    is_contracting: yes(&get("is_contracting")).unwrap_or(true),
                    is_end_client: yes(&get("is_end_client")).unwrap_or(false),
                    interests: split_list(&get("interests")),
                };
                import_organization(&mut tx, actor, &input, options.update_existing).await
            }
            Target::People => {
                let input = PersonInput {
                    first_name: get("first_name"),
                    last_name: get("last_name"),
                    email: get("email"),
                    phone: get("phone"),
                    tax_id: get("tax_id"),
                    city: get("city"),
                    notes: get("notes"),
                    owner_id: String::new(),
                    interests: split_list(&get("interests")),
                };
                let link = (get("organization"), get("role"), get("job_title"));
                import_person(&mut tx, actor, &input, link, options.update_existing).await
            }
        };
        match outcome {
            Ok(Outcome::Created) => summary.created += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Err(Error::Validation(fields)) => summary.skipped.push(SkippedRow { line, fields }),
            Err(other) => return Err(other),
        }
        if (i + 1) % 100 == 0 {
            progress(i + 1);
        }
    }
    tx.commit().await?;
    progress(table.rows.len());
    tracing::info!(
        by = actor.0,
        target = options.target.as_str(),
        created = summary.created,
        updated = summary.updated,
        skipped = summary.skipped.len(),
        "CSV import finished"
    );
    Ok(summary)
}

enum Outcome {
    Created,
    Updated,
}

async fn import_organization(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    input: &OrganizationInput,
    update_existing: bool,
) -> Result<Outcome> {
    let v = orgs::validate(input)?;
    if let Some(tax_id) = &v.tax_id {
        let existing: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM organizations WHERE country = $1 AND tax_id = $2")
                .bind(&v.country)
                .bind(tax_id)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some((id,)) = existing {
            if !update_existing {
                return Err(Error::field("tax_id", FieldIssue::TaxIdTaken { id }));
            }
            orgs::update_valid(tx, actor, id, &v).await?;
            return Ok(Outcome::Updated);
        }
    }
    orgs::insert_valid(tx, actor, &v, false).await?;
    Ok(Outcome::Created)
}

async fn import_person(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    input: &PersonInput,
    (organization, role, job_title): (String, String, String),
    update_existing: bool,
) -> Result<Outcome> {
    let v = people::validate(input)?;
    let org_id = if organization.trim().is_empty() {
        None
    } else {
        let by_tax = organization.trim().to_uppercase().replace(['-', '.', ' '], "");
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM organizations WHERE tax_id = $1 OR sort_name = $2 ORDER BY CASE WHEN tax_id = $1 THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(&by_tax)
        .bind(fold(organization.trim()))
        .fetch_optional(&mut **tx)
        .await?;
        match found {
            Some((id,)) => Some(id),
            None => return Err(Error::field("organization", FieldIssue::InvalidChoice)),
        }
    };
    if let Some(tax_id) = &v.tax_id {
        let existing: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM people WHERE tax_id = $1").bind(tax_id).fetch_optional(&mut **tx).await?;
        if let Some((id,)) = existing {
            if !update_existing {
                return Err(Error::field("tax_id", FieldIssue::TaxIdTaken { id }));
            }
            people::update_valid(tx, actor, id, &v).await?;
            if let Some(org) = org_id {
                people::link_valid(
                    tx,
                    actor,
                    org,
                    id,
                    &LinkInput { organization_id: org.to_string(), role, job_title },
                )
                .await?;
            }
            return Ok(Outcome::Updated);
        }
    }
    let id = people::insert_valid(tx, Some(actor), &v, false).await?;
    if let Some(org) = org_id {
        people::link_valid(tx, actor, org, id, &LinkInput { organization_id: org.to_string(), role, job_title })
            .await?;
    }
    Ok(Outcome::Created)
}

/// Where an import job stands.
#[derive(Debug, Clone)]
enum JobState {
    Ready,
    Running { done: usize },
    Finished(ImportSummary),
    Failed,
}

#[derive(Debug)]
struct Job {
    owner: UserId,
    target: Target,
    file_name: String,
    table: Arc<CsvTable>,
    state: JobState,
    created: Instant,
}

/// The import jobs of this server, in memory: uploaded, being mapped, running or done. Jobs are
/// forgotten an hour after their upload.
#[derive(Debug, Clone, Default)]
pub struct ImportJobs {
    jobs: Arc<Mutex<HashMap<String, Job>>>,
}

const JOB_TTL: Duration = Duration::from_secs(3600);

impl ImportJobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        self.jobs.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps an uploaded file for its owner; returns the job id.
    pub fn add(&self, owner: UserId, target: Target, file_name: &str, table: CsvTable) -> String {
        let id = Alphanumeric.sample_string(&mut rand::thread_rng(), 16);
        let mut jobs = self.lock();
        jobs.retain(|_, j| j.created.elapsed() < JOB_TTL || matches!(j.state, JobState::Running { .. }));
        jobs.insert(
            id.clone(),
            Job {
                owner,
                target,
                file_name: file_name.chars().take(120).collect(),
                table: Arc::new(table),
                state: JobState::Ready,
                created: Instant::now(),
            },
        );
        id
    }

    /// The job as its page shows it; `NotFound` for another user's or an unknown job.
    pub fn view(&self, owner: UserId, id: &str) -> Result<ImportJobView> {
        let jobs = self.lock();
        let job = jobs.get(id).filter(|j| j.owner == owner).ok_or(Error::NotFound)?;
        let t = &job.table;
        let (state, done, summary) = match &job.state {
            JobState::Ready => ("ready", 0, None),
            JobState::Running { done } => ("running", *done, None),
            JobState::Finished(s) => ("finished", t.rows.len(), Some(s.clone())),
            JobState::Failed => ("failed", 0, None),
        };
        Ok(ImportJobView {
            id: id.to_string(),
            target: job.target.as_str().into(),
            file_name: job.file_name.clone(),
            encoding: t.encoding.into(),
            delimiter: match t.delimiter {
                b'\t' => "tab".into(),
                d => (d as char).to_string(),
            },
            headers: t.headers.clone(),
            preview: t.rows.iter().take(5).cloned().collect(),
            row_count: t.rows.len() as i64,
            mapping: suggest_mapping(job.target, &t.headers),
            fields: job.target.fields().iter().map(|(f, _)| f.to_string()).collect(),
            state: state.into(),
            done: done as i64,
            summary,
        })
    }

    /// Starts a ready job in the background with `mapping` (one entry per column).
    pub fn start(&self, db: Db, owner: UserId, id: &str, mapping: Vec<String>, update_existing: bool) -> Result<()> {
        let (table, target) = {
            let mut jobs = self.lock();
            let job = jobs.get_mut(id).filter(|j| j.owner == owner).ok_or(Error::NotFound)?;
            if !matches!(job.state, JobState::Ready) {
                return Err(Error::Conflict);
            }
            let allowed: Vec<&str> = job.target.fields().iter().map(|(f, _)| *f).collect();
            let mut seen = Vec::new();
            for m in mapping.iter().filter(|m| !m.is_empty()) {
                if !allowed.contains(&m.as_str()) || seen.contains(m) {
                    return Err(Error::field("mapping", FieldIssue::InvalidChoice));
                }
                seen.push(m.clone());
            }
            job.state = JobState::Running { done: 0 };
            (job.table.clone(), job.target)
        };
        let jobs = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            let options = ImportOptions { target, mapping, update_existing };
            let progress = {
                let jobs = jobs.clone();
                let id = id.clone();
                move |done: usize| {
                    if let Some(j) = jobs.lock().get_mut(&id) {
                        j.state = JobState::Running { done };
                    }
                }
            };
            let result = run_import(&db, owner, &table, &options, &progress).await;
            let state = match result {
                Ok(summary) => JobState::Finished(summary),
                Err(Error::Validation(fields)) => JobState::Finished(ImportSummary {
                    skipped: vec![SkippedRow { line: 1, fields }],
                    ..Default::default()
                }),
                Err(e) => {
                    e.log();
                    JobState::Failed
                }
            };
            if let Some(j) = jobs.lock().get_mut(&id) {
                j.state = state;
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_latin1_and_a_bom_are_all_read() {
        let latin1: Vec<u8> = b"Raz\xf3n social;CIF;Localidad\r\nJos\xe9 Mar\xeda S.L.;B12345674;Donostia\r\n".to_vec();
        let t = parse_csv(&latin1).unwrap();
        assert_eq!((t.delimiter, t.encoding), (b';', "Windows-1252"));
        assert_eq!(t.headers, ["Razón social", "CIF", "Localidad"]);
        assert_eq!(t.rows, [["José María S.L.", "B12345674", "Donostia"]]);
        let bom = "\u{feff}name,email\n\"Comas, y \"\"comillas\"\"\",a@b.es\n\n".as_bytes();
        let t = parse_csv(bom).unwrap();
        assert_eq!(t.rows, [["Comas, y \"comillas\"", "a@b.es"]]);
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
    }

    #[test]
    fn empty_and_broken_files_are_refused_on_the_file_field() {
        assert!(matches!(parse_csv(b"  \n "), Err(Error::Validation(f)) if f[0].issue == FieldIssue::Required));
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
        assert!(matches!(parse_csv(xlsx), Err(Error::Validation(f)) if f[0].issue == FieldIssue::Malformed));
    }

    #[test]
    fn headers_in_spanish_basque_or_english_suggest_their_fields() {
        let h: Vec<String> = ["Razón Social", "CIF", "Teléfono", "E-mail", "Herria", "Otra cosa", "Nombre"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            suggest_mapping(Target::Organizations, &h),
            ["legal_name", "tax_id", "phone", "email", "city", "", ""]
        );
    }

    #[test]
    fn exported_formula_guards_are_undone() {
        let row = vec!["'+34 943 000 000".to_string(), "'quote".to_string()];
        let mapping = vec!["phone".to_string(), "notes".to_string()];
        assert_eq!(cell(&row, &mapping, "phone"), "+34 943 000 000");
        assert_eq!(cell(&row, &mapping, "notes"), "'quote");
    }
}
