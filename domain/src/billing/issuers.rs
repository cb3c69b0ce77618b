//! The companies a centre invoices as (a centre may be more than one legal entity), with their
//! tax data, the IBAN printed for transfers, the tax regime their invoices are recorded under,
//! and their numbering series: one of each kind (full, simplified, rectifying) is made with the
//! issuer; more can be added.

use sqlx::{Any, Transaction};
use types::{FieldIssue, IssuerId, IssuerView, SeriesId, SeriesKind, SeriesView, TaxRegime, UserId};

use crate::audit;
use crate::clock::now;
use crate::crm::fields::{required_text, text, TaxId};
use crate::error::{is_unique_violation, Problems};
use crate::validate::{EmailAddress, Iban};
use crate::{Db, Error, Result};

type Tx = Transaction<'static, Any>;

/// What the issuer form sends.
#[derive(Debug, Clone, Default)]
pub struct IssuerInput {
    pub legal_name: String,
    pub nif: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub province: String,
    pub iban: String,
    pub email: String,
    /// `verifactu` or `ticketbai`.
    pub regime: String,
}

/// The series codes made with a new issuer.
const DEFAULT_SERIES: &[(&str, SeriesKind)] =
    &[("F", SeriesKind::Ordinary), ("S", SeriesKind::Simplified), ("R", SeriesKind::Rectifying)];

/// Saves an issuer (`id` `None` to add one, with its three default series). The NIF must be a
/// valid Spanish one: the AEAT identifies the issuer by it.
pub async fn save_issuer(db: &Db, actor: UserId, id: Option<IssuerId>, input: &IssuerInput) -> Result<IssuerView> {
    let mut p = Problems::default();
    let legal_name = p.check("legal_name", required_text(&input.legal_name, 120));
    let nif = p.check("nif", TaxId::parse("ES", &input.nif));
    let address = p.check("address", required_text(&input.address, 200));
    let postal_code = p.check("postal_code", required_text(&input.postal_code, 10));
    let city = p.check("city", required_text(&input.city, 100));
    let province = p.check("province", text(&input.province, 100, false));
    let iban = if input.iban.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("iban", Iban::parse(&input.iban)).map(|i| i.as_str().to_string())
    };
    let email = if input.email.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("email", EmailAddress::parse(&input.email)).map(|e| e.as_str().to_string())
    };
    let regime = p.check("regime", TaxRegime::parse(&input.regime).ok_or(FieldIssue::InvalidChoice));
    p.finish()?;
    let (Some(legal_name), Some(nif), Some(address), Some(postal_code), Some(city), Some(province), Some(iban)) =
        (legal_name, nif, address, postal_code, city, province, iban)
    else {
        return Err(Error::Internal("issuer validation".into()));
    };
    let (Some(email), Some(regime)) = (email, regime) else { return Err(Error::Internal("issuer validation".into())) };
    let taken =
        |e: sqlx::Error| if is_unique_violation(&e) { Error::field("nif", FieldIssue::CodeTaken) } else { e.into() };
    let at = now();
    let mut tx = db.begin_write().await?;
    let id = match id {
        Some(id) => {
            let before = audit::snapshot(&mut tx, "billing_issuers", id.0).await?.ok_or(Error::NotFound)?;
            // The NIF names the issuer in every fiscal record: once it has issued, it stays.
            if before["nif"].as_str() != Some(nif.value.as_str()) && has_records(&mut tx, id).await? {
                return Err(Error::field("nif", FieldIssue::WrongState));
            }
            sqlx::query(
                "UPDATE billing_issuers SET legal_name = $1, nif = $2, address = $3, postal_code = $4, city = $5, \
                 province = $6, iban = $7, email = $8, regime = $9, updated_at = $10 WHERE id = $11",
            )
            .bind(&legal_name)
            .bind(&nif.value)
            .bind(&address)
            .bind(&postal_code)
            .bind(&city)
            .bind(&province)
            .bind(&iban)
            .bind(&email)
            .bind(regime.as_str())
            .bind(at)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(taken)?;
            audit::record(
                &mut tx,
                &audit::Entry::of("billing", "billing_issuers", id.0, "update", Some(actor)),
                Some(before),
            )
            .await?;
            id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO billing_issuers (legal_name, nif, address, postal_code, city, province, iban, email, regime, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            )
            .bind(&legal_name)
            .bind(&nif.value)
            .bind(&address)
            .bind(&postal_code)
            .bind(&city)
            .bind(&province)
            .bind(&iban)
            .bind(&email)
            .bind(regime.as_str())
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(taken)?;
            audit::record(&mut tx, &audit::Entry::of("billing", "billing_issuers", id, "create", Some(actor)), None)
                .await?;
            for (code, kind) in DEFAULT_SERIES {
                insert_series(&mut tx, actor, IssuerId(id), code, *kind).await?;
            }
            IssuerId(id)
        }
    };
    tx.commit().await?;
    get_issuer(db, id).await
}

async fn has_records(tx: &mut Tx, id: IssuerId) -> Result<bool> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM fiscal_records WHERE issuer_id = $1 LIMIT 1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// A series code: 1 to 20 letters, digits, `/` or `-`, upper-cased (`F2027`, `TALLER`).
pub fn parse_series_code(raw: &str) -> std::result::Result<String, FieldIssue> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Err(FieldIssue::Required);
    }
    if code.chars().count() > 20 {
        return Err(FieldIssue::TooLong { max: 20 });
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-') {
        return Err(FieldIssue::InvalidChoice);
    }
    Ok(code)
}

/// Adds a numbering series to an issuer; its numbers start at 1.
pub async fn add_series(db: &Db, actor: UserId, issuer: IssuerId, code: &str, kind: &str) -> Result<IssuerView> {
    let mut p = Problems::default();
    let code = p.check("code", parse_series_code(code));
    let kind = p.check("kind", SeriesKind::parse(kind).ok_or(FieldIssue::InvalidChoice));
    p.finish()?;
    let (Some(code), Some(kind)) = (code, kind) else { return Err(Error::Internal("series validation".into())) };
    let mut tx = db.begin_write().await?;
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM billing_issuers WHERE id = $1").bind(issuer.0).fetch_optional(&mut *tx).await?;
    if found.is_none() {
        return Err(Error::NotFound);
    }
    insert_series(&mut tx, actor, issuer, &code, kind).await?;
    tx.commit().await?;
    get_issuer(db, issuer).await
}

async fn insert_series(tx: &mut Tx, actor: UserId, issuer: IssuerId, code: &str, kind: SeriesKind) -> Result<SeriesId> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO billing_series (issuer_id, code, kind, next_number, created_at) VALUES ($1, $2, $3, 1, $4) RETURNING id",
    )
    .bind(issuer.0)
    .bind(code)
    .bind(kind.as_str())
    .bind(now())
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| if is_unique_violation(&e) { Error::field("code", FieldIssue::CodeTaken) } else { e.into() })?;
    audit::record(tx, &audit::Entry::of("billing", "billing_series", id, "create", Some(actor)), None).await?;
    Ok(SeriesId(id))
}

#[derive(sqlx::FromRow)]
struct IssuerRow {
    id: i64,
    legal_name: String,
    nif: String,
    address: String,
    postal_code: String,
    city: String,
    province: String,
    iban: String,
    email: String,
    regime: String,
}

const ISSUER_COLUMNS: &str = "id, legal_name, nif, address, postal_code, city, province, iban, email, regime";

/// An issuer with its series.
pub async fn get_issuer(db: &Db, id: IssuerId) -> Result<IssuerView> {
    let row: IssuerRow = sqlx::query_as(&format!("SELECT {ISSUER_COLUMNS} FROM billing_issuers WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    let mut all = with_series(db, vec![row]).await?;
    all.pop().ok_or(Error::NotFound)
}

/// Every issuer by name, with its series.
pub async fn list_issuers(db: &Db) -> Result<Vec<IssuerView>> {
    let rows: Vec<IssuerRow> =
        sqlx::query_as(&format!("SELECT {ISSUER_COLUMNS} FROM billing_issuers ORDER BY legal_name, id"))
            .fetch_all(db.pool())
            .await?;
    with_series(db, rows).await
}

async fn with_series(db: &Db, rows: Vec<IssuerRow>) -> Result<Vec<IssuerView>> {
    let series: Vec<(i64, i64, String, String, i64)> =
        sqlx::query_as("SELECT id, issuer_id, code, kind, next_number FROM billing_series ORDER BY kind, code, id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| IssuerView {
            id: IssuerId(r.id),
            series: series
                .iter()
                .filter(|s| s.1 == r.id)
                .map(|(id, _, code, kind, next)| SeriesView {
                    id: SeriesId(*id),
                    code: code.clone(),
                    kind: SeriesKind::parse(kind).unwrap_or(SeriesKind::Ordinary),
                    next_number: *next,
                })
                .collect(),
            legal_name: r.legal_name,
            nif: r.nif,
            address: r.address,
            postal_code: r.postal_code,
            city: r.city,
            province: r.province,
            iban: r.iban,
            email: r.email,
            regime: TaxRegime::parse(&r.regime).unwrap_or(TaxRegime::Verifactu),
        })
        .collect())
}
