//! Organizations: companies that pay (contracting clients) and/or receive the training (end
//! clients). Creation with a duplicate guard, edits that record status changes, the filtered and
//! paginated list of the client hub, its figures, and the detail page's data.

use chrono::{Datelike, TimeZone};
use sqlx::FromRow;
use types::{
    CrmKpis, FieldIssue, LeadSource, LifecycleStatus, OrganizationDetail, OrganizationId, OrganizationPage,
    OrganizationQuery, OrganizationRow, OrganizationView, UserId,
};

use super::fields::{parse_country, parse_website, required_text, text, Phone, TaxId};
use super::{interest_names, interests, parse_owner, search_text, tax_id_taken, timeline, Bind, Filter};
use crate::audit;
use crate::clock::{now, to_utc};
use crate::error::Problems;
use crate::validate::EmailAddress;
use crate::{Db, Error, Result};

/// What a form, an API call or an import row sends for an organization. Plain strings: parsing
/// happens here, so every entry point gets the same checks and the same field errors.
#[derive(Debug, Clone, Default)]
pub struct OrganizationInput {
    pub legal_name: String,
    pub trade_name: String,
    pub country: String,
    pub tax_id: String,
    pub sector: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub province: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub notes: String,
    pub owner_id: String,
    pub status: String,
    pub source: String,
    pub is_contracting: bool,
    pub is_end_client: bool,
    /// Interest names; unknown ones are created.
    pub interests: Vec<String>,
}

/// An organization input that passed every check.
#[derive(Debug, Clone)]
pub(crate) struct ValidOrganization {
    pub legal_name: String,
    pub trade_name: String,
    pub country: String,
    pub tax_id: Option<String>,
    pub sector: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub province: String,
    pub email: String,
    pub phone: String,
    pub phone_norm: Option<String>,
    pub website: String,
    pub notes: String,
    pub owner_id: Option<i64>,
    pub status: LifecycleStatus,
    pub source: Option<LeadSource>,
    pub is_contracting: bool,
    pub is_end_client: bool,
    pub interests: Vec<String>,
}

impl ValidOrganization {
    pub(crate) fn search_text(&self) -> String {
        search_text(
            &[&self.legal_name, &self.trade_name, &self.email, self.tax_id.as_deref().unwrap_or(""), &self.city],
            &[self.phone_norm.as_deref().unwrap_or("")],
        )
    }
}

/// Checks every field of `input`, reporting all problems at once.
pub(crate) fn validate(input: &OrganizationInput) -> Result<ValidOrganization> {
    let mut p = Problems::default();
    let legal_name = p.check("legal_name", required_text(&input.legal_name, 200));
    let trade_name = p.check("trade_name", text(&input.trade_name, 200, false));
    let country = p.check("country", parse_country(&input.country));
    let tax_id = if input.tax_id.trim().is_empty() {
        Some(None)
    } else {
        p.check("tax_id", TaxId::parse(country.as_deref().unwrap_or("ES"), &input.tax_id)).map(|t| Some(t.value))
    };
    let sector = p.check("sector", text(&input.sector, 100, false));
    let address = p.check("address", text(&input.address, 300, false));
    let postal_code = p.check("postal_code", text(&input.postal_code, 12, false));
    let city = p.check("city", text(&input.city, 100, false));
    let province = p.check("province", text(&input.province, 100, false));
    let email = if input.email.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("email", EmailAddress::parse(&input.email)).map(|e| e.as_str().to_string())
    };
    let phone =
        if input.phone.trim().is_empty() { Some(None) } else { p.check("phone", Phone::parse(&input.phone)).map(Some) };
    let website = if input.website.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("website", parse_website(&input.website))
    };
    let notes = p.check("notes", text(&input.notes, 5000, true));
    let owner_id = p.check("owner_id", parse_owner(&input.owner_id));
    let status = if input.status.trim().is_empty() {
        Some(LifecycleStatus::Lead)
    } else {
        p.check("status", LifecycleStatus::parse(&input.status).ok_or(FieldIssue::InvalidChoice))
    };
    let source = if input.source.trim().is_empty() {
        Some(None)
    } else {
        p.check("source", LeadSource::parse(&input.source).ok_or(FieldIssue::InvalidChoice)).map(Some)
    };
    let names = interest_names(&mut p, &input.interests);
    p.finish()?;
    let phone = phone.flatten();
    Ok(ValidOrganization {
        legal_name: legal_name.unwrap_or_default(),
        trade_name: trade_name.unwrap_or_default(),
        country: country.unwrap_or_default(),
        tax_id: tax_id.flatten(),
        sector: sector.unwrap_or_default(),
        address: address.unwrap_or_default(),
        postal_code: postal_code.unwrap_or_default(),
        city: city.unwrap_or_default(),
        province: province.unwrap_or_default(),
        email: email.unwrap_or_default(),
        phone: phone.as_ref().map(|p| p.display.clone()).unwrap_or_default(),
        phone_norm: phone.map(|p| p.normalized),
        website: website.unwrap_or_default(),
        notes: notes.unwrap_or_default(),
        owner_id: owner_id.flatten(),
        status: status.unwrap_or(LifecycleStatus::Lead),
        source: source.flatten(),
        is_contracting: input.is_contracting,
        is_end_client: input.is_end_client,
        interests: names,
    })
}

#[derive(FromRow)]
struct OrgRow {
    id: i64,
    legal_name: String,
    trade_name: String,
    country: String,
    tax_id: Option<String>,
    sector: String,
    address: String,
    postal_code: String,
    city: String,
    province: String,
    email: String,
    phone: String,
    website: String,
    notes: String,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    status: String,
    status_changed_at: i64,
    source: Option<String>,
    is_contracting: i64,
    is_end_client: i64,
    created_at: i64,
    updated_at: i64,
}

const ORG_COLUMNS: &str = "o.id, o.legal_name, o.trade_name, o.country, o.tax_id, o.sector, o.address, o.postal_code, \
     o.city, o.province, o.email, o.phone, o.website, o.notes, o.owner_id, u.name AS owner_name, o.status, \
     o.status_changed_at, o.source, o.is_contracting, o.is_end_client, o.created_at, o.updated_at";

impl OrgRow {
    fn into_view(self, interests: Vec<types::InterestView>) -> OrganizationView {
        OrganizationView {
            id: OrganizationId(self.id),
            legal_name: self.legal_name,
            trade_name: self.trade_name,
            country: self.country,
            tax_id: self.tax_id.unwrap_or_default(),
            sector: self.sector,
            address: self.address,
            postal_code: self.postal_code,
            city: self.city,
            province: self.province,
            email: self.email,
            phone: self.phone,
            website: self.website,
            notes: self.notes,
            owner_id: self.owner_id.map(UserId),
            owner_name: self.owner_name,
            status: LifecycleStatus::parse(&self.status).unwrap_or(LifecycleStatus::Lead),
            status_changed_at: to_utc(self.status_changed_at),
            source: self.source.as_deref().and_then(LeadSource::parse),
            is_contracting: self.is_contracting != 0,
            is_end_client: self.is_end_client != 0,
            interests,
            created_at: to_utc(self.created_at),
            updated_at: to_utc(self.updated_at),
        }
    }
}

/// Records that look like `v`: same tax id (always refused), same email or phone (refused unless
/// `allow_duplicates`). `except` is the record being edited.
async fn duplicate_guard(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    v: &ValidOrganization,
    except: Option<i64>,
    allow_duplicates: bool,
) -> Result<()> {
    let except = except.unwrap_or(0);
    let mut p = Problems::default();
    if let Some(tax_id) = &v.tax_id {
        let hit: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM organizations WHERE country = $1 AND tax_id = $2 AND id <> $3")
                .bind(&v.country)
                .bind(tax_id)
                .bind(except)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some((id,)) = hit {
            p.add("tax_id", FieldIssue::TaxIdTaken { id });
        }
    }
    if !allow_duplicates {
        if !v.email.is_empty() {
            let hit: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM organizations WHERE email = $1 AND id <> $2 ORDER BY id LIMIT 1")
                    .bind(&v.email)
                    .bind(except)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some((id,)) = hit {
                p.add("email", FieldIssue::PossibleDuplicate { id });
            }
        }
        if let Some(phone) = &v.phone_norm {
            let hit: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM organizations WHERE phone_norm = $1 AND id <> $2 ORDER BY id LIMIT 1")
                    .bind(phone)
                    .bind(except)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some((id,)) = hit {
                p.add("phone", FieldIssue::PossibleDuplicate { id });
            }
        }
    }
    p.finish()
}

/// Creates an organization. A taken tax id is refused; a matching email or phone is refused as a
/// possible duplicate unless `allow_duplicates` (the "create anyway" box). Nothing is saved when
/// anything is refused.
pub async fn create_organization(
    db: &Db,
    actor: UserId,
    input: &OrganizationInput,
    allow_duplicates: bool,
) -> Result<OrganizationView> {
    let v = validate(input)?;
    let mut tx = db.begin_write().await?;
    let id = insert_valid(&mut tx, actor, &v, allow_duplicates).await?;
    tx.commit().await?;
    tracing::info!(organization_id = id, by = actor.0, "organization created");
    get_organization(db, OrganizationId(id)).await
}

/// Inserts a validated organization inside `tx` (also used by the CSV import).
pub(crate) async fn insert_valid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    v: &ValidOrganization,
    allow_duplicates: bool,
) -> Result<i64> {
    super::check_owner(&mut **tx, v.owner_id).await?;
    duplicate_guard(tx, v, None, allow_duplicates).await?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO organizations (legal_name, trade_name, country, tax_id, sector, address, postal_code, city, \
         province, email, phone, phone_norm, website, notes, owner_id, status, status_changed_at, source, \
         is_contracting, is_end_client, sort_name, search_text, city_folded, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
         $23, $17, $17) RETURNING id",
    )
    .bind(&v.legal_name)
    .bind(&v.trade_name)
    .bind(&v.country)
    .bind(&v.tax_id)
    .bind(&v.sector)
    .bind(&v.address)
    .bind(&v.postal_code)
    .bind(&v.city)
    .bind(&v.province)
    .bind(&v.email)
    .bind(&v.phone)
    .bind(&v.phone_norm)
    .bind(&v.website)
    .bind(&v.notes)
    .bind(v.owner_id)
    .bind(v.status.as_str())
    .bind(at)
    .bind(v.source.map(|s| s.as_str()))
    .bind(i64::from(v.is_contracting))
    .bind(i64::from(v.is_end_client))
    .bind(crate::text::fold(&v.legal_name))
    .bind(v.search_text())
    .bind(crate::text::fold(&v.city))
    .fetch_one(&mut **tx)
    .await
    .map_err(tax_id_taken)?;
    interests::set_organization_interests(tx, id, &v.interests).await?;
    let after = interests::audit_snapshot(tx, "organizations", id).await?;
    audit::record_between(tx, &audit::Entry::of("crm", "organizations", id, "create", Some(actor)), None, after)
        .await?;
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: Some(id),
            person_id: None,
            kind: timeline::CREATED,
            at,
            actor: Some(actor),
            ref_id: Some(id),
            data: serde_json::json!({ "name": v.legal_name, "status": v.status.as_str() }),
        },
    )
    .await?;
    Ok(id)
}

/// Saves an edit. A status change is stamped and written to the timeline.
pub async fn update_organization(
    db: &Db,
    actor: UserId,
    id: OrganizationId,
    input: &OrganizationInput,
) -> Result<OrganizationView> {
    let v = validate(input)?;
    let mut tx = db.begin_write().await?;
    update_valid(&mut tx, actor, id.0, &v).await?;
    tx.commit().await?;
    get_organization(db, id).await
}

/// Writes a validated edit inside `tx` (also used by the CSV import).
pub(crate) async fn update_valid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    id: i64,
    v: &ValidOrganization,
) -> Result<()> {
    let old: Option<(String,)> =
        sqlx::query_as("SELECT status FROM organizations WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    let (old_status,) = old.ok_or(Error::NotFound)?;
    let before = interests::audit_snapshot(tx, "organizations", id).await?;
    super::check_owner(&mut **tx, v.owner_id).await?;
    duplicate_guard(tx, v, Some(id), true).await?;
    let at = now();
    let status_changed = old_status != v.status.as_str();
    sqlx::query(
        "UPDATE organizations SET legal_name = $1, trade_name = $2, country = $3, tax_id = $4, sector = $5, \
         address = $6, postal_code = $7, city = $8, province = $9, email = $10, phone = $11, phone_norm = $12, \
         website = $13, notes = $14, owner_id = $15, status = $16, source = $17, is_contracting = $18, \
         is_end_client = $19, sort_name = $20, search_text = $21, city_folded = $22, updated_at = $23, \
         status_changed_at = CASE WHEN $24 = 1 THEN $23 ELSE status_changed_at END WHERE id = $25",
    )
    .bind(&v.legal_name)
    .bind(&v.trade_name)
    .bind(&v.country)
    .bind(&v.tax_id)
    .bind(&v.sector)
    .bind(&v.address)
    .bind(&v.postal_code)
    .bind(&v.city)
    .bind(&v.province)
    .bind(&v.email)
    .bind(&v.phone)
    .bind(&v.phone_norm)
    .bind(&v.website)
    .bind(&v.notes)
    .bind(v.owner_id)
    .bind(v.status.as_str())
    .bind(v.source.map(|s| s.as_str()))
    .bind(i64::from(v.is_contracting))
    .bind(i64::from(v.is_end_client))
    .bind(crate::text::fold(&v.legal_name))
    .bind(v.search_text())
    .bind(crate::text::fold(&v.city))
    .bind(at)
    .bind(i64::from(status_changed))
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(tax_id_taken)?;
    interests::set_organization_interests(tx, id, &v.interests).await?;
    let after = interests::audit_snapshot(tx, "organizations", id).await?;
    audit::record_between(tx, &audit::Entry::of("crm", "organizations", id, "update", Some(actor)), before, after)
        .await?;
    if status_changed {
        timeline::record(
            &mut **tx,
            timeline::NewEvent {
                organization_id: Some(id),
                person_id: None,
                kind: timeline::STATUS_CHANGED,
                at,
                actor: Some(actor),
                ref_id: Some(id),
                data: serde_json::json!({ "from": old_status, "to": v.status.as_str() }),
            },
        )
        .await?;
    }
    tracing::info!(organization_id = id, by = actor.0, status_changed, "organization updated");
    Ok(())
}

/// One organization with its owner's name and its interests.
pub async fn get_organization(db: &Db, id: OrganizationId) -> Result<OrganizationView> {
    let row: Option<OrgRow> = sqlx::query_as(&format!(
        "SELECT {ORG_COLUMNS} FROM organizations o LEFT JOIN users u ON u.id = o.owner_id WHERE o.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(db.pool())
    .await?;
    let row = row.ok_or(Error::NotFound)?;
    let interests = interests::of_organization(db.pool(), id.0).await?;
    Ok(row.into_view(interests))
}

/// What the organization page shows: the record, its contacts, its open follow-ups and how many
/// interactions it has. Five queries, whatever the length of its history.
pub async fn organization_detail(db: &Db, id: OrganizationId) -> Result<OrganizationDetail> {
    let organization = get_organization(db, id).await?;
    let contacts = super::people::contacts_of_organization(db, id).await?;
    let follow_ups = super::interactions::open_follow_ups(db, Some(id), None, 20).await?;
    let (interaction_count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM interactions WHERE organization_id = $1")
        .bind(id.0)
        .fetch_one(db.pool())
        .await?;
    Ok(OrganizationDetail { organization, contacts, follow_ups, interaction_count, now: to_utc(now()) })
}

/// The conditions of `q` (search, status, interest, owner, sector, city) on `organizations o`.
pub(crate) fn list_filter(backend: crate::Backend, q: &OrganizationQuery) -> Filter {
    let mut f = Filter::default();
    if !q.q.trim().is_empty() {
        f.search(backend, "o.search_text", &q.q, ("organizations_search", "o.id"));
    }
    if let Some(status) = LifecycleStatus::parse(&q.status) {
        let p = f.param(Bind::Text(status.as_str().into()));
        f.push(format!("o.status = {p}"));
    }
    if let Ok(interest) = q.interest.trim().parse::<i64>() {
        let p = f.param(Bind::Int(interest));
        f.push(format!(
            "EXISTS (SELECT 1 FROM organization_interests oi WHERE oi.organization_id = o.id AND oi.interest_id = {p})"
        ));
    }
    match q.owner.trim() {
        "" => {}
        "none" => f.push("o.owner_id IS NULL".into()),
        owner => {
            if let Ok(owner) = owner.parse::<i64>() {
                let p = f.param(Bind::Int(owner));
                f.push(format!("o.owner_id = {p}"));
            }
        }
    }
    if !q.sector.trim().is_empty() {
        let p = f.param(Bind::Text(q.sector.trim().into()));
        f.push(format!("o.sector = {p}"));
    }
    if !q.city.trim().is_empty() {
        let p = f.param(Bind::Text(crate::text::fold(q.city.trim())));
        f.push(format!("o.city_folded = {p}"));
    }
    f
}

/// `ORDER BY` for a sort key; every order ends with the id, so pages are stable.
pub(crate) fn order_by(sort: &str) -> &'static str {
    match sort {
        "-name" => "o.sort_name DESC, o.id DESC",
        "created" => "o.created_at, o.id",
        "-created" => "o.created_at DESC, o.id DESC",
        "city" => "o.city_folded, o.sort_name, o.id",
        "-city" => "o.city_folded DESC, o.sort_name DESC, o.id DESC",
        "status" => {
            "CASE o.status WHEN 'lead' THEN 0 WHEN 'prospect' THEN 1 WHEN 'client' THEN 2 ELSE 3 END, o.sort_name, o.id"
        }
        _ => "o.sort_name, o.id",
    }
}

#[derive(FromRow)]
struct ListRow {
    id: i64,
    legal_name: String,
    trade_name: String,
    tax_id: Option<String>,
    city: String,
    sector: String,
    email: String,
    phone: String,
    status: String,
    owner_name: Option<String>,
    last_interaction_at: Option<i64>,
    created_at: i64,
}

const LIST_COLUMNS: &str = "o.id, o.legal_name, o.trade_name, o.tax_id, o.city, o.sector, o.email, o.phone, \
     o.status, u.name AS owner_name, o.last_interaction_at, o.created_at";

impl From<ListRow> for OrganizationRow {
    fn from(r: ListRow) -> Self {
        OrganizationRow {
            id: OrganizationId(r.id),
            legal_name: r.legal_name,
            trade_name: r.trade_name,
            tax_id: r.tax_id.unwrap_or_default(),
            city: r.city,
            sector: r.sector,
            email: r.email,
            phone: r.phone,
            status: LifecycleStatus::parse(&r.status).unwrap_or(LifecycleStatus::Lead),
            owner_name: r.owner_name,
            last_interaction_at: r.last_interaction_at.map(to_utc),
            created_at: to_utc(r.created_at),
        }
    }
}

/// One page of the organization list for `q`, with the total count. Two queries.
pub async fn list_organizations(db: &Db, q: &OrganizationQuery) -> Result<OrganizationPage> {
    list_organizations_sized(db, q, OrganizationQuery::PAGE_SIZE).await
}

/// Like [`list_organizations`] with `page_size` rows a page (1 to 100).
pub async fn list_organizations_sized(db: &Db, q: &OrganizationQuery, page_size: i64) -> Result<OrganizationPage> {
    let f = list_filter(db.backend(), q);
    let where_clause = f.where_clause();
    let total: i64 = f
        .bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM organizations o{where_clause}")))
        .fetch_one(db.pool())
        .await?;
    let page_size = page_size.clamp(1, 100);
    let page = q.page_number();
    let sql = format!(
        "SELECT {LIST_COLUMNS} FROM organizations o LEFT JOIN users u ON u.id = o.owner_id{where_clause} \
         ORDER BY {} LIMIT {page_size} OFFSET {}",
        order_by(&q.sort),
        (page - 1) * page_size
    );
    let rows: Vec<ListRow> = f.bind_all(sqlx::query_as(&sql)).fetch_all(db.pool()).await?;
    Ok(OrganizationPage { rows: rows.into_iter().map(Into::into).collect(), total, page, page_size })
}

/// Every organization matching `q` in list order (for the CSV export), in batches of `batch`
/// rows handed to `each`, so a large export never holds the whole table.
pub async fn for_each_matching<F>(db: &Db, q: &OrganizationQuery, batch: i64, mut each: F) -> Result<()>
where
    F: FnMut(Vec<OrganizationView>) -> Result<()>,
{
    let f = list_filter(db.backend(), q);
    let where_clause = f.where_clause();
    let mut offset = 0;
    loop {
        let sql = format!(
            "SELECT {ORG_COLUMNS} FROM organizations o LEFT JOIN users u ON u.id = o.owner_id{where_clause} \
             ORDER BY {} LIMIT {batch} OFFSET {offset}",
            order_by(&q.sort)
        );
        let rows: Vec<OrgRow> = f.bind_all(sqlx::query_as(&sql)).fetch_all(db.pool()).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut by_org = interests::of_organizations(db.pool(), &ids).await?;
        let n = rows.len() as i64;
        each(
            rows.into_iter()
                .map(|r| {
                    let i = by_org.remove(&r.id).unwrap_or_default();
                    r.into_view(i)
                })
                .collect(),
        )?;
        if n < batch {
            return Ok(());
        }
        offset += batch;
    }
}

/// The first day of the current quarter in the centre's zone, as UTC seconds.
fn quarter_start(tz: chrono_tz::Tz, at: i64) -> i64 {
    let local = tz.from_utc_datetime(&to_utc(at).naive_utc());
    let month = (local.month0() / 3) * 3 + 1;
    chrono::NaiveDate::from_ymd_opt(local.year(), month, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| tz.from_local_datetime(&d).earliest())
        .map(|d| d.timestamp())
        .unwrap_or(at)
}

/// The client hub's figures. Three queries, each answered from an index.
pub async fn kpis(db: &Db, tz: chrono_tz::Tz) -> Result<CrmKpis> {
    let since = quarter_start(tz, now());
    let by_status: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM organizations GROUP BY status").fetch_all(db.pool()).await?;
    let count = |s: &str| by_status.iter().filter(|(k, _)| k == s).map(|(_, n)| *n).sum::<i64>();
    let (total, leads, clients) = (by_status.iter().map(|(_, n)| n).sum(), count("lead"), count("client"));
    let (active,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organizations WHERE last_interaction_at >= $1")
        .bind(since)
        .fetch_one(db.pool())
        .await?;
    let (pending,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM interactions WHERE next_action_at IS NOT NULL AND next_action_done_at IS NULL",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(CrmKpis { total, leads, clients, active_this_quarter: active, pending_follow_ups: pending })
}

/// Deletes an organization and everything that hangs from it (links, interactions, timeline).
pub async fn delete_organization(db: &Db, actor: UserId, id: OrganizationId) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let before = audit::snapshot(&mut tx, "organizations", id.0).await?;
    let done = sqlx::query("DELETE FROM organizations WHERE id = $1").bind(id.0).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(&mut tx, &audit::Entry::of("crm", "organizations", id.0, "delete", Some(actor)), before).await?;
    tx.commit().await?;
    tracing::info!(organization_id = id.0, by = actor.0, "organization deleted");
    Ok(())
}

/// Other organizations that look like `id`: same tax id, email, phone or folded name. One query.
pub async fn possible_duplicates(db: &Db, id: OrganizationId) -> Result<Vec<types::DuplicateCandidate>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT d.id, d.legal_name, CASE WHEN d.tax_id = o.tax_id THEN 'tax_id' WHEN d.email = o.email THEN 'email' \
         WHEN d.phone_norm = o.phone_norm THEN 'phone' ELSE 'name' END \
         FROM organizations o JOIN organizations d ON d.id <> o.id AND ( \
           (o.tax_id IS NOT NULL AND d.tax_id = o.tax_id) OR (o.email <> '' AND d.email = o.email) \
           OR (o.phone_norm IS NOT NULL AND d.phone_norm = o.phone_norm) OR d.sort_name = o.sort_name) \
         WHERE o.id = $1 ORDER BY d.id LIMIT 20",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id, name, field)| types::DuplicateCandidate { id, name, field }).collect())
}

/// Every organization's id and legal name, by name (at most 5,000), for the forms that pick one.
pub async fn names(db: &Db) -> Result<Vec<(OrganizationId, String)>> {
    let orgs: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, legal_name FROM organizations ORDER BY sort_name, id LIMIT 5000")
            .fetch_all(db.pool())
            .await?;
    Ok(orgs.into_iter().map(|(id, n)| (OrganizationId(id), n)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarter_starts_at_local_midnight_of_its_first_month() {
        let tz = chrono_tz::Europe::Madrid;
        let nov = chrono::Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap().timestamp();
        // 1 October 2026 00:00 in Madrid (CEST) is 30 September 22:00 UTC.
        assert_eq!(to_utc(quarter_start(tz, nov)).to_rfc3339(), "2026-09-30T22:00:00+00:00");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let err = validate(&OrganizationInput {
            legal_name: " ".into(),
            tax_id: "B12345675".into(),
            email: "no".into(),
            phone: "abc".into(),
            status: "vip".into(),
            ..Default::default()
        })
        .unwrap_err();
        let Error::Validation(fields) = err else { panic!("validation expected") };
        let mut names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        names.sort();
        assert_eq!(names, ["email", "legal_name", "phone", "status", "tax_id"]);
    }
}
