//! CSV import of organizations and people: reading any CSV a spreadsheet writes (UTF-8 with or
//! without BOM, UTF-16, Windows-1252; comma, semicolon, tab or pipe), suggesting a column mapping,
//! then importing row by row with the same validation and duplicate guard as the forms.
//!
//! A run is kept in the database (`import_runs`, its rows in `import_files`), so it survives a
//! restart and any instance can carry it on. It imports in batches of [`BATCH_ROWS`], one short
//! transaction each that also records where the run stands, so other writes go between batches
//! and nothing is imported twice. What it creates carries its id: a failed or cancelled run says
//! so on its page, and can be resumed from where it stopped or undone.

use rand::distributions::{Alphanumeric, DistString};
use types::{FieldIssue, ImportJobView, ImportSummary, SkippedRow, UserId};

use super::organizations::{self as orgs, OrganizationInput};
use super::people::{self, LinkInput, PersonInput};
use crate::clock::now;
use crate::text::fold;
use crate::{Db, Error, Result};

/// The most rows one file may have.
pub const MAX_ROWS: usize = 200_000;
/// The most columns a file may have.
pub const MAX_COLUMNS: usize = 60;
/// The longest a cell may be, in characters.
pub const MAX_CELL_CHARS: usize = 10_000;

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

    /// Its name, which is also the table its records go to.
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

/// Reads a CSV file. Refused (on field `file`) when empty, unreadable, over [`MAX_ROWS`] rows or
/// [`MAX_COLUMNS`] columns, or with a cell over [`MAX_CELL_CHARS`]. CPU-bound: call it off the
/// async runtime (`spawn_blocking`) for an upload.
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
        if record.len() > MAX_COLUMNS {
            return Err(Error::field_detail("file", FieldIssue::TooLong { max: MAX_COLUMNS as u32 }, "columns".into()));
        }
        if record.iter().any(|c| c.len() > MAX_CELL_CHARS && c.chars().count() > MAX_CELL_CHARS) {
            return Err(Error::field_detail("file", FieldIssue::TooLong { max: MAX_CELL_CHARS as u32 }, "cell".into()));
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if records.len() > MAX_ROWS {
            return Err(Error::field_detail("file", FieldIssue::TooLong { max: MAX_ROWS as u32 }, "rows".into()));
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

/// The statuses and sources a cell may name, by code or by label in any UI language.
const STATUSES: [(&str, types::Msg); 4] = [
    ("lead", types::Msg::StatusLead),
    ("prospect", types::Msg::StatusProspect),
    ("client", types::Msg::StatusClient),
    ("inactive", types::Msg::StatusInactive),
];
const SOURCES: [(&str, types::Msg); 6] = [
    ("web", types::Msg::SourceWeb),
    ("referral", types::Msg::SourceReferral),
    ("fair", types::Msg::SourceFair),
    ("campaign", types::Msg::SourceCampaign),
    ("phone", types::Msg::SourcePhone),
    ("other", types::Msg::SourceOther),
];

/// Imports one row inside the batch's transaction, with the forms' validation and duplicate
/// guard: created (with its id), updated, or refused with field errors.
async fn import_row(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    row: &[String],
    options: &ImportOptions,
    lookups: &Lookups,
) -> Result<Outcome> {
    let mapping = &options.mapping;
    let get = |f: &str| cell(row, mapping, f);
    match options.target {
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
                status: choice(&get("status"), &STATUSES),
                source: choice(&get("source"), &SOURCES),
                is_contracting: yes(&get("is_contracting")).unwrap_or(true),
                is_end_client: yes(&get("is_end_client")).unwrap_or(false),
                interests: split_list(&get("interests")),
            };
            import_organization(tx, actor, &input, options.update_existing).await
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
            import_person(tx, actor, &input, link, options.update_existing).await
        }
    }
}

enum Outcome {
    Created(i64),
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
    let id = orgs::insert_valid(tx, actor, &v, false).await?;
    Ok(Outcome::Created(id))
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
    Ok(Outcome::Created(id))
}

/// Rows per transaction: short enough that sign-ins and saves wait milliseconds, not the run.
pub const BATCH_ROWS: usize = 250;
/// Seconds after which a run whose instance stopped sending heartbeats is taken over.
pub const RUN_LEASE_SECS: i64 = 60;
/// Skipped rows a run keeps with their reasons (the count goes on).
const SKIPPED_KEPT: usize = 1000;
/// Days a run and its file are kept.
const KEEP_DAYS: i64 = 7;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Uploaded, waiting for its mapping.
    Ready,
    Running,
    Finished,
    /// Stopped by an error: what it imported stays, and it can be resumed or undone.
    Failed,
    /// Stopped by its owner: the same.
    Cancelled,
    /// What it created was removed.
    Undone,
}

impl RunState {
    /// Its name, which is also the table its records go to.
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Ready => "ready",
            RunState::Running => "running",
            RunState::Finished => "finished",
            RunState::Failed => "failed",
            RunState::Cancelled => "cancelled",
            RunState::Undone => "undone",
        }
    }

    pub fn parse(s: &str) -> Option<RunState> {
        [
            RunState::Ready,
            RunState::Running,
            RunState::Finished,
            RunState::Failed,
            RunState::Cancelled,
            RunState::Undone,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Keeps an uploaded file for its owner as a run waiting for its mapping; returns the run's id.
/// Old runs (a week) go at the same time.
pub async fn create_run(db: &Db, owner: UserId, target: Target, file_name: &str, table: &CsvTable) -> Result<String> {
    let id = Alphanumeric.sample_string(&mut rand::thread_rng(), 16);
    let at = now();
    let rows = serde_json::to_string(&table.rows).map_err(|e| Error::Internal(e.to_string()))?;
    let headers = serde_json::to_string(&table.headers).map_err(|e| Error::Internal(e.to_string()))?;
    let delimiter = match table.delimiter {
        b'\t' => "tab".to_string(),
        d => (d as char).to_string(),
    };
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM import_runs WHERE created_at < $1 AND state <> 'running'")
        .bind(at - KEEP_DAYS * 86_400)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO import_runs (id, owner_id, target, file_name, encoding, delimiter, headers, row_count, state, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'ready', $9, $9)",
    )
    .bind(&id)
    .bind(owner.0)
    .bind(target.as_str())
    .bind(file_name.chars().take(120).collect::<String>())
    .bind(table.encoding)
    .bind(delimiter)
    .bind(headers)
    .bind(table.rows.len() as i64)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO import_files (run_id, rows) VALUES ($1, $2)")
        .bind(&id)
        .bind(rows)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct RunRow {
    id: String,
    owner_id: i64,
    target: String,
    file_name: String,
    encoding: String,
    delimiter: String,
    headers: String,
    row_count: i64,
    state: String,
    mapping: String,
    update_existing: i64,
    next_row: i64,
    created: i64,
    updated: i64,
    skipped: String,
    skipped_count: i64,
}

const RUN_SELECT: &str = "SELECT id, owner_id, target, file_name, encoding, delimiter, headers, row_count, state, \
     mapping, update_existing, next_row, created, updated, skipped, skipped_count FROM import_runs";

impl RunRow {
    fn target(&self) -> Target {
        Target::parse(&self.target).unwrap_or(Target::Organizations)
    }
    fn state(&self) -> RunState {
        RunState::parse(&self.state).unwrap_or(RunState::Failed)
    }
}

fn json<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_default()
}

async fn fetch_run(db: &Db, owner: Option<UserId>, id: &str) -> Result<RunRow> {
    let row: Option<RunRow> =
        sqlx::query_as(&format!("{RUN_SELECT} WHERE id = $1")).bind(id).fetch_optional(db.pool()).await?;
    row.filter(|r| owner.is_none_or(|o| o.0 == r.owner_id)).ok_or(Error::NotFound)
}

async fn file_rows(db: &Db, id: &str) -> Result<Vec<Vec<String>>> {
    let (rows,): (String,) =
        sqlx::query_as("SELECT rows FROM import_files WHERE run_id = $1").bind(id).fetch_one(db.pool()).await?;
    serde_json::from_str(&rows).map_err(|e| Error::Internal(format!("import file of run {id}: {e}")))
}

/// The run as its page shows it; `NotFound` for another user's or an unknown run.
pub async fn run_view(db: &Db, owner: UserId, id: &str) -> Result<ImportJobView> {
    let r = fetch_run(db, Some(owner), id).await?;
    let headers: Vec<String> = json(&r.headers);
    let preview = if r.state() == RunState::Ready {
        let (rows,): (String,) =
            sqlx::query_as("SELECT rows FROM import_files WHERE run_id = $1").bind(id).fetch_one(db.pool()).await?;
        // Only the first rows are needed: read up to the sixth row's end instead of the whole file.
        let rows: Vec<Vec<String>> = serde_json::from_str(&rows).unwrap_or_default();
        rows.into_iter().take(5).collect()
    } else {
        Vec::new()
    };
    let target = r.target();
    let state = r.state();
    let summary = (state != RunState::Ready).then(|| ImportSummary {
        created: r.created,
        updated: r.updated,
        skipped: json(&r.skipped),
        skipped_count: r.skipped_count,
    });
    let mapping = if state == RunState::Ready { suggest_mapping(target, &headers) } else { json(&r.mapping) };
    Ok(ImportJobView {
        id: r.id,
        target: target.as_str().into(),
        file_name: r.file_name,
        encoding: r.encoding,
        delimiter: r.delimiter,
        headers,
        preview,
        row_count: r.row_count,
        mapping,
        fields: target.fields().iter().map(|(f, _)| f.to_string()).collect(),
        state: state.as_str().into(),
        done: r.next_row,
        update_existing: r.update_existing == 1,
        summary,
    })
}

/// Checks a mapping: one entry per column, each a field of the target, each field once, and the
/// name's field present.
fn check_mapping(target: Target, columns: usize, mapping: &[String]) -> Result<()> {
    let allowed: Vec<&str> = target.fields().iter().map(|(f, _)| *f).collect();
    let mut seen = Vec::new();
    for m in mapping.iter().filter(|m| !m.is_empty()) {
        if !allowed.contains(&m.as_str()) || seen.contains(m) {
            return Err(Error::field("mapping", FieldIssue::InvalidChoice));
        }
        seen.push(m.clone());
    }
    let required = match target {
        Target::Organizations => "legal_name",
        Target::People => "first_name",
    };
    if mapping.len() != columns || !mapping.iter().any(|m| m == required) {
        return Err(Error::field("mapping", FieldIssue::Required));
    }
    Ok(())
}

/// Sets a ready run going with `mapping` (one entry per column). The caller then drives it
/// ([`drive_run`]), or any instance's sweep does ([`stale_runs`]).
pub async fn start_run(db: &Db, owner: UserId, id: &str, mapping: Vec<String>, update_existing: bool) -> Result<()> {
    let r = fetch_run(db, Some(owner), id).await?;
    if r.state() != RunState::Ready {
        return Err(Error::Conflict);
    }
    let headers: Vec<String> = json(&r.headers);
    check_mapping(r.target(), headers.len(), &mapping)?;
    let started = sqlx::query(
        "UPDATE import_runs SET state = 'running', mapping = $1, update_existing = $2, claimed_by = NULL, \
         heartbeat_at = NULL, updated_at = $3 WHERE id = $4 AND state = 'ready'",
    )
    .bind(serde_json::to_string(&mapping).unwrap_or_default())
    .bind(i64::from(update_existing))
    .bind(now())
    .bind(id)
    .execute(db.pool())
    .await?;
    if started.rows_affected() == 0 {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// Moves a run of `owner` from one of `from` to `to`; `WrongState` otherwise.
async fn move_run(db: &Db, owner: UserId, id: &str, from: &[RunState], to: RunState) -> Result<()> {
    let r = fetch_run(db, Some(owner), id).await?;
    if !from.contains(&r.state()) {
        return Err(Error::field("run", FieldIssue::WrongState));
    }
    let moved = sqlx::query(
        "UPDATE import_runs SET state = $1, claimed_by = NULL, heartbeat_at = NULL, updated_at = $2 \
         WHERE id = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(now())
    .bind(id)
    .bind(r.state().as_str())
    .execute(db.pool())
    .await?;
    if moved.rows_affected() == 0 {
        return Err(Error::field("run", FieldIssue::WrongState));
    }
    Ok(())
}

/// Stops a running import after the batch in hand; what it imported stays (undo removes it).
pub async fn cancel_run(db: &Db, owner: UserId, id: &str) -> Result<()> {
    move_run(db, owner, id, &[RunState::Running], RunState::Cancelled).await
}

/// Carries a failed or cancelled run on from the row where it stopped.
pub async fn resume_run(db: &Db, owner: UserId, id: &str) -> Result<()> {
    move_run(db, owner, id, &[RunState::Failed, RunState::Cancelled], RunState::Running).await
}

/// Removes the records a stopped or finished run created (records it updated keep their
/// changes), in batches. Returns how many were removed.
pub async fn undo_run(db: &Db, owner: UserId, id: &str) -> Result<u64> {
    let r = fetch_run(db, Some(owner), id).await?;
    if ![RunState::Failed, RunState::Cancelled, RunState::Finished].contains(&r.state()) {
        return Err(Error::field("run", FieldIssue::WrongState));
    }
    let table = r.target().as_str();
    let mut removed = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let gone = sqlx::query(&format!(
            "DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE import_run_id = $1 LIMIT {BATCH_ROWS})"
        ))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if gone > 0 {
            // One entry a batch: which run, how many of its records went.
            let changes = [
                types::FieldChange { field: "import_run".into(), before: Some(id.to_string()), after: None },
                types::FieldChange { field: "removed".into(), before: None, after: Some(gone.to_string()) },
            ];
            let entry = crate::audit::Entry::of("crm", table, 0, "import_undo", Some(owner));
            crate::audit::record_changes(&mut tx, &entry, &changes).await?;
        }
        tx.commit().await?;
        removed += gone;
        if gone == 0 {
            break;
        }
        tokio::task::yield_now().await;
    }
    sqlx::query("UPDATE import_runs SET state = 'undone', created = 0, updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    tracing::info!(run = id, by = owner.0, removed, "CSV import undone");
    Ok(removed)
}

/// Runs that are running with no live instance behind them (never claimed, or their heartbeat
/// older than the lease): what a sweep hands to [`drive_run`].
pub async fn stale_runs(db: &Db, at: i64) -> Result<Vec<String>> {
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM import_runs WHERE state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < $1) ORDER BY created_at",
    )
    .bind(at - RUN_LEASE_SECS)
    .fetch_all(db.pool())
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Drives run `id` in the background on this instance (see [`drive_run`]).
pub fn drive_soon(db: Db, worker: String, id: String) {
    tokio::spawn(async move {
        if let Err(e) = drive_run(&db, &worker, &id).await {
            e.log();
        }
    });
}

/// Takes a running run for `worker` (no other live instance has it). False: someone else does.
async fn claim_run(db: &Db, worker: &str, id: &str) -> Result<bool> {
    let at = now();
    let claimed = sqlx::query(
        "UPDATE import_runs SET claimed_by = $1, heartbeat_at = $2 WHERE id = $3 AND state = 'running' \
         AND (claimed_by IS NULL OR heartbeat_at IS NULL OR heartbeat_at < $4)",
    )
    .bind(worker)
    .bind(at)
    .bind(id)
    .bind(at - RUN_LEASE_SECS)
    .execute(db.pool())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Imports a running run batch by batch, each batch one transaction that also records where the
/// run stands (so a stop, a crash or a restart loses nothing and repeats nothing), until the file
/// ends, its owner cancels it, or another instance took it over. An error marks it failed.
pub async fn drive_run(db: &Db, worker: &str, id: &str) -> Result<RunState> {
    drive_batches(db, worker, id, usize::MAX).await
}

/// [`drive_run`] for at most `limit` batches (a run not finished by then stays running, claimed
/// by `worker`).
pub async fn drive_batches(db: &Db, worker: &str, id: &str, limit: usize) -> Result<RunState> {
    if !claim_run(db, worker, id).await? {
        return Ok(fetch_run(db, None, id).await?.state());
    }
    let r = fetch_run(db, None, id).await?;
    let rows = file_rows(db, id).await?;
    let options =
        ImportOptions { target: r.target(), mapping: json(&r.mapping), update_existing: r.update_existing == 1 };
    let actor = UserId(r.owner_id);
    let lookups = Lookups::load(db).await?;
    let mut next = r.next_row as usize;
    for _ in 0..limit {
        if next >= rows.len() {
            sqlx::query(
                "UPDATE import_runs SET state = 'finished', updated_at = $1 WHERE id = $2 AND state = 'running'",
            )
            .bind(now())
            .bind(id)
            .execute(db.pool())
            .await?;
            let r = fetch_run(db, None, id).await?;
            tracing::info!(
                run = id,
                by = actor.0,
                created = r.created,
                updated = r.updated,
                skipped = r.skipped_count,
                "CSV import finished"
            );
            return Ok(r.state());
        }
        let end = (next + BATCH_ROWS).min(rows.len());
        match import_batch(db, worker, id, actor, &rows, next, end, &options, &lookups).await {
            Ok(true) => next = end,
            Ok(false) => return Ok(fetch_run(db, None, id).await?.state()),
            Err(e) => {
                e.log();
                sqlx::query(
                    "UPDATE import_runs SET state = 'failed', error = $1, updated_at = $2 WHERE id = $3 AND state = 'running'",
                )
                .bind(e.to_string().chars().take(500).collect::<String>())
                .bind(now())
                .bind(id)
                .execute(db.pool())
                .await?;
                return Ok(RunState::Failed);
            }
        }
        // Let other requests' writes go first.
        tokio::task::yield_now().await;
    }
    Ok(fetch_run(db, None, id).await?.state())
}

/// Imports rows `from..to` in one transaction and moves the run on past them. False when the
/// run is no longer this worker's to drive (cancelled, or taken over).
#[allow(clippy::too_many_arguments)]
async fn import_batch(
    db: &Db,
    worker: &str,
    id: &str,
    actor: UserId,
    rows: &[Vec<String>],
    from: usize,
    to: usize,
    options: &ImportOptions,
    lookups: &Lookups,
) -> Result<bool> {
    let mut tx = db.begin_write().await?;
    db.lock_key(&mut tx, "crm-import").await?;
    let mine = sqlx::query(
        "UPDATE import_runs SET heartbeat_at = $1, updated_at = $1 WHERE id = $2 AND claimed_by = $3 AND state = 'running' \
         AND next_row = $4",
    )
    .bind(now())
    .bind(id)
    .bind(worker)
    .bind(from as i64)
    .execute(&mut *tx)
    .await?;
    if mine.rows_affected() == 0 {
        return Ok(false);
    }
    let (skipped, kept): (String, i64) = sqlx::query_as("SELECT skipped, skipped_count FROM import_runs WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    let mut skipped: Vec<SkippedRow> = json(&skipped);
    let (mut created, mut updated, mut newly_skipped) = (0i64, 0i64, 0i64);
    for (i, row) in rows.iter().enumerate().take(to).skip(from) {
        match import_row(&mut tx, actor, row, options, lookups).await {
            Ok(Outcome::Created(record)) => {
                let table = options.target.as_str();
                sqlx::query(&format!("UPDATE {table} SET import_run_id = $1 WHERE id = $2"))
                    .bind(id)
                    .bind(record)
                    .execute(&mut *tx)
                    .await?;
                created += 1;
            }
            Ok(Outcome::Updated) => updated += 1,
            Err(Error::Validation(fields)) => {
                newly_skipped += 1;
                if skipped.len() < SKIPPED_KEPT {
                    skipped.push(SkippedRow { line: i as i64 + 2, fields });
                }
            }
            Err(other) => return Err(other),
        }
    }
    sqlx::query(
        "UPDATE import_runs SET next_row = $1, created = created + $2, updated = updated + $3, skipped = $4, \
         skipped_count = $5 WHERE id = $6",
    )
    .bind(to as i64)
    .bind(created)
    .bind(updated)
    .bind(serde_json::to_string(&skipped).unwrap_or_default())
    .bind(kept + newly_skipped)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
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
