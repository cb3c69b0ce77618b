//! Merging duplicates: one record is folded into another, which keeps every link and all the
//! history of both. Runs in one write transaction: either everything moves or nothing does.

use sqlx::{Any, Transaction};
use types::{OrganizationId, PersonId, UserId};

use super::timeline;
use crate::audit;
use crate::clock::now;
use crate::{Db, Error, Result};

/// Folds organization `remove` into `keep`: contacts, interests, interactions and timeline move
/// to `keep`; `keep`'s empty fields are filled from `remove`; `remove` is deleted; a `merged` event
/// is written to `keep`'s timeline.
pub async fn merge_organizations(db: &Db, actor: UserId, keep: OrganizationId, remove: OrganizationId) -> Result<()> {
    if keep == remove {
        return Err(Error::field("merge_id", types::FieldIssue::InvalidChoice));
    }
    let mut tx = db.begin_write().await?;
    let loaded = load_orgs(&mut tx, keep.0, remove.0).await?;
    let (Some(k), Some(r)) = loaded else {
        return Err(if loaded.0.is_none() {
            Error::NotFound
        } else {
            Error::field("merge_id", types::FieldIssue::InvalidChoice)
        });
    };
    sqlx::query(
        "INSERT INTO organization_people (organization_id, person_id, role, job_title, created_at) \
         SELECT $1, r.person_id, r.role, r.job_title, r.created_at FROM organization_people r \
         WHERE r.organization_id = $2 AND NOT EXISTS (SELECT 1 FROM organization_people k \
         WHERE k.organization_id = $1 AND k.person_id = r.person_id AND k.role = r.role)",
    )
    .bind(keep.0)
    .bind(remove.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO organization_interests (organization_id, interest_id) \
         SELECT $1, r.interest_id FROM organization_interests r WHERE r.organization_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM organization_interests k WHERE k.organization_id = $1 AND k.interest_id = r.interest_id)",
    )
    .bind(keep.0)
    .bind(remove.0)
    .execute(&mut *tx)
    .await?;
    for table in ["interactions", "timeline_events"] {
        sqlx::query(&format!("UPDATE {table} SET organization_id = $1 WHERE organization_id = $2"))
            .bind(keep.0)
            .bind(remove.0)
            .execute(&mut *tx)
            .await?;
    }
    let removed = audit::snapshot(&mut tx, "organizations", remove.0).await?;
    let kept = audit::snapshot(&mut tx, "organizations", keep.0).await?;
    sqlx::query("DELETE FROM organizations WHERE id = $1").bind(remove.0).execute(&mut *tx).await?;
    audit::record(&mut tx, &audit::Entry::of("crm", "organizations", remove.0, "merged_away", Some(actor)), removed)
        .await?;
    let fill = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { a.to_string() };
    let tax_id = k.tax_id.clone().or(r.tax_id.clone());
    let country = if k.tax_id.is_some() {
        k.country.clone()
    } else if r.tax_id.is_some() {
        r.country.clone()
    } else {
        k.country.clone()
    };
    let trade_name = fill(&k.trade_name, &r.trade_name);
    let email = fill(&k.email, &r.email);
    let phone = fill(&k.phone, &r.phone);
    let phone_norm = k.phone_norm.clone().or(r.phone_norm.clone());
    let city = fill(&k.city, &r.city);
    let notes = match (k.notes.is_empty(), r.notes.is_empty()) {
        (_, true) => k.notes.clone(),
        (true, false) => r.notes.clone(),
        (false, false) => format!("{}\n\n{}", k.notes, r.notes),
    };
    let search = super::search_text(
        &[&k.legal_name, &trade_name, &email, tax_id.as_deref().unwrap_or(""), &city],
        &[phone_norm.as_deref().unwrap_or("")],
    );
    let at = now();
    sqlx::query(
        "UPDATE organizations SET country = $1, tax_id = $2, trade_name = $3, email = $4, phone = $5, phone_norm = $6, \
         city = $7, city_folded = $8, notes = $9, sector = $10, address = $11, postal_code = $12, province = $13, \
         website = $14, owner_id = COALESCE(owner_id, $15), source = COALESCE(source, $16), search_text = $17, \
         is_contracting = $18, is_end_client = $19, \
         last_interaction_at = (SELECT MAX(occurred_at) FROM interactions WHERE organization_id = $20), \
         updated_at = $21 WHERE id = $20",
    )
    .bind(&country)
    .bind(&tax_id)
    .bind(&trade_name)
    .bind(&email)
    .bind(&phone)
    .bind(&phone_norm)
    .bind(&city)
    .bind(crate::text::fold(&city))
    .bind(&notes)
    .bind(fill(&k.sector, &r.sector))
    .bind(fill(&k.address, &r.address))
    .bind(fill(&k.postal_code, &r.postal_code))
    .bind(fill(&k.province, &r.province))
    .bind(fill(&k.website, &r.website))
    .bind(r.owner_id)
    .bind(&r.source)
    .bind(&search)
    .bind(i64::from(k.is_contracting != 0 || r.is_contracting != 0))
    .bind(i64::from(k.is_end_client != 0 || r.is_end_client != 0))
    .bind(keep.0)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: Some(keep.0),
            person_id: None,
            kind: timeline::MERGED,
            at,
            actor: Some(actor),
            ref_id: Some(remove.0),
            data: serde_json::json!({ "name": r.legal_name, "merged_id": remove.0 }),
        },
    )
    .await?;
    audit::record(&mut tx, &audit::Entry::of("crm", "organizations", keep.0, "merge", Some(actor)), kept).await?;
    tx.commit().await?;
    tracing::info!(keep = keep.0, removed = remove.0, by = actor.0, "organizations merged");
    Ok(())
}

#[derive(sqlx::FromRow, Clone)]
struct MergeOrg {
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
    phone_norm: Option<String>,
    website: String,
    notes: String,
    owner_id: Option<i64>,
    source: Option<String>,
    is_contracting: i64,
    is_end_client: i64,
}

async fn load_orgs(
    tx: &mut Transaction<'static, Any>,
    keep: i64,
    remove: i64,
) -> Result<(Option<MergeOrg>, Option<MergeOrg>)> {
    let mut out = (None, None);
    for (slot, id) in [(0, keep), (1, remove)] {
        let row: Option<MergeOrg> = sqlx::query_as(
            "SELECT legal_name, trade_name, country, tax_id, sector, address, postal_code, city, province, email, phone, \
             phone_norm, website, notes, owner_id, source, is_contracting, is_end_client FROM organizations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        if slot == 0 {
            out.0 = row;
        } else {
            out.1 = row;
        }
    }
    Ok(out)
}

/// Folds person `remove` into `keep`: organization links, interests, interactions and timeline
/// move; empty fields of `keep` are filled; `remove` is deleted.
pub async fn merge_people(db: &Db, actor: UserId, keep: PersonId, remove: PersonId) -> Result<()> {
    if keep == remove {
        return Err(Error::field("merge_id", types::FieldIssue::InvalidChoice));
    }
    let mut tx = db.begin_write().await?;
    type P = (String, String, String, String, Option<String>, Option<String>, String, String);
    let q = "SELECT first_name, last_name, email, phone, phone_norm, tax_id, city, notes FROM people WHERE id = $1 AND erased_at IS NULL";
    let k: Option<P> = sqlx::query_as(q).bind(keep.0).fetch_optional(&mut *tx).await?;
    let r: Option<P> = sqlx::query_as(q).bind(remove.0).fetch_optional(&mut *tx).await?;
    let Some(k) = k else { return Err(Error::NotFound) };
    let Some(r) = r else { return Err(Error::field("merge_id", types::FieldIssue::InvalidChoice)) };
    sqlx::query(
        "INSERT INTO organization_people (organization_id, person_id, role, job_title, created_at) \
         SELECT r.organization_id, $1, r.role, r.job_title, r.created_at FROM organization_people r \
         WHERE r.person_id = $2 AND NOT EXISTS (SELECT 1 FROM organization_people k \
         WHERE k.person_id = $1 AND k.organization_id = r.organization_id AND k.role = r.role)",
    )
    .bind(keep.0)
    .bind(remove.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO person_interests (person_id, interest_id) SELECT $1, r.interest_id FROM person_interests r \
         WHERE r.person_id = $2 AND NOT EXISTS (SELECT 1 FROM person_interests k WHERE k.person_id = $1 \
         AND k.interest_id = r.interest_id)",
    )
    .bind(keep.0)
    .bind(remove.0)
    .execute(&mut *tx)
    .await?;
    for table in ["interactions", "timeline_events"] {
        sqlx::query(&format!("UPDATE {table} SET person_id = $1 WHERE person_id = $2"))
            .bind(keep.0)
            .bind(remove.0)
            .execute(&mut *tx)
            .await?;
    }
    let removed = audit::snapshot(&mut tx, "people", remove.0).await?;
    let kept = audit::snapshot(&mut tx, "people", keep.0).await?;
    sqlx::query("DELETE FROM people WHERE id = $1").bind(remove.0).execute(&mut *tx).await?;
    audit::record(&mut tx, &audit::Entry::of("crm", "people", remove.0, "merged_away", Some(actor)), removed).await?;
    let fill = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { a.to_string() };
    let (email, phone, city) = (fill(&k.2, &r.2), fill(&k.3, &r.3), fill(&k.6, &r.6));
    let phone_norm = k.4.clone().or(r.4.clone());
    let tax_id = k.5.clone().or(r.5.clone());
    let notes = if r.7.is_empty() {
        k.7.clone()
    } else if k.7.is_empty() {
        r.7.clone()
    } else {
        format!("{}\n\n{}", k.7, r.7)
    };
    let search = super::search_text(
        &[&k.0, &k.1, &email, tax_id.as_deref().unwrap_or(""), &city],
        &[phone_norm.as_deref().unwrap_or("")],
    );
    let at = now();
    sqlx::query(
        "UPDATE people SET email = $1, phone = $2, phone_norm = $3, tax_id = $4, city = $5, notes = $6, \
         search_text = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&email)
    .bind(&phone)
    .bind(&phone_norm)
    .bind(&tax_id)
    .bind(&city)
    .bind(&notes)
    .bind(&search)
    .bind(at)
    .bind(keep.0)
    .execute(&mut *tx)
    .await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(keep.0),
            kind: timeline::MERGED,
            at,
            actor: Some(actor),
            ref_id: Some(remove.0),
            data: serde_json::json!({ "name": format!("{} {}", r.0, r.1).trim(), "merged_id": remove.0 }),
        },
    )
    .await?;
    audit::record(&mut tx, &audit::Entry::of("crm", "people", keep.0, "merge", Some(actor)), kept).await?;
    tx.commit().await?;
    tracing::info!(keep = keep.0, removed = remove.0, by = actor.0, "people merged");
    Ok(())
}
