//! People: contacts of organizations (with a role at each), participants and individual (B2C)
//! clients.

use sqlx::FromRow;
use types::{
    ContactLink, ContactRole, FieldIssue, OrganizationId, PersonId, PersonPage, PersonRow, PersonView, UserId,
};

use super::fields::{required_text, text, Phone, TaxId};
use super::{interest_names, interests, parse_owner, search_text, tax_id_taken, timeline, Filter};
use crate::audit;
use crate::clock::{now, to_utc};
use crate::error::Problems;
use crate::validate::EmailAddress;
use crate::{Db, Error, Result};

/// What a form, an API call or an import row sends for a person.
#[derive(Debug, Clone, Default)]
pub struct PersonInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub tax_id: String,
    pub city: String,
    pub notes: String,
    pub owner_id: String,
    pub interests: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ValidPerson {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub phone_norm: Option<String>,
    pub tax_id: Option<String>,
    pub city: String,
    pub notes: String,
    pub owner_id: Option<i64>,
    pub interests: Vec<String>,
}

impl ValidPerson {
    fn sort_name(&self) -> String {
        crate::text::fold(&format!("{} {}", self.first_name, self.last_name))
    }

    fn search_text(&self) -> String {
        search_text(
            &[&self.first_name, &self.last_name, &self.email, self.tax_id.as_deref().unwrap_or(""), &self.city],
            &[self.phone_norm.as_deref().unwrap_or("")],
        )
    }
}

pub fn validate(input: &PersonInput) -> Result<ValidPerson> {
    let mut p = Problems::default();
    let first_name = p.check("first_name", required_text(&input.first_name, 100));
    let last_name = p.check("last_name", text(&input.last_name, 150, false));
    let email = if input.email.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("email", EmailAddress::parse(&input.email)).map(|e| e.as_str().to_string())
    };
    let phone =
        if input.phone.trim().is_empty() { Some(None) } else { p.check("phone", Phone::parse(&input.phone)).map(Some) };
    let tax_id = if input.tax_id.trim().is_empty() {
        Some(None)
    } else {
        p.check("tax_id", TaxId::parse("ES", &input.tax_id)).map(|t| Some(t.value))
    };
    let city = p.check("city", text(&input.city, 100, false));
    let notes = p.check("notes", text(&input.notes, 5000, true));
    let owner_id = p.check("owner_id", parse_owner(&input.owner_id));
    let names = interest_names(&mut p, &input.interests);
    p.finish()?;
    let phone = phone.flatten();
    Ok(ValidPerson {
        first_name: first_name.unwrap_or_default(),
        last_name: last_name.unwrap_or_default(),
        email: email.unwrap_or_default(),
        phone: phone.as_ref().map(|p| p.display.clone()).unwrap_or_default(),
        phone_norm: phone.map(|p| p.normalized),
        tax_id: tax_id.flatten(),
        city: city.unwrap_or_default(),
        notes: notes.unwrap_or_default(),
        owner_id: owner_id.flatten(),
        interests: names,
    })
}

async fn duplicate_guard(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    v: &ValidPerson,
    except: Option<i64>,
    allow_duplicates: bool,
) -> Result<()> {
    let except = except.unwrap_or(0);
    let mut p = Problems::default();
    if let Some(tax_id) = &v.tax_id {
        let hit: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE tax_id = $1 AND id <> $2")
            .bind(tax_id)
            .bind(except)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some((id,)) = hit {
            p.add("tax_id", FieldIssue::TaxIdTaken { id });
        }
    }
    if !allow_duplicates {
        for (field, column, value) in [
            ("email", "email", Some(v.email.as_str()).filter(|e| !e.is_empty())),
            ("phone", "phone_norm", v.phone_norm.as_deref()),
        ] {
            let Some(value) = value else { continue };
            let hit: Option<(i64,)> =
                sqlx::query_as(&format!("SELECT id FROM people WHERE {column} = $1 AND id <> $2 ORDER BY id LIMIT 1"))
                    .bind(value)
                    .bind(except)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some((id,)) = hit {
                p.add(field, FieldIssue::PossibleDuplicate { id });
            }
        }
    }
    p.finish()
}

/// A contact link to create with a new person.
#[derive(Debug, Clone, Default)]
pub struct LinkInput {
    pub organization_id: String,
    pub role: String,
    pub job_title: String,
}

/// Creates a person, optionally linked to an organization with a role. Same duplicate guard as
/// organizations: a taken NIF/NIE is refused, a matching email or phone unless `allow_duplicates`.
pub async fn create_person(
    db: &Db,
    actor: UserId,
    input: &PersonInput,
    link: Option<&LinkInput>,
    allow_duplicates: bool,
) -> Result<PersonView> {
    let v = validate(input)?;
    let link = match link.filter(|l| !l.organization_id.trim().is_empty()) {
        Some(l) => Some(validate_link(l)?),
        None => None,
    };
    let mut tx = db.begin_write().await?;
    let id = insert_valid(&mut tx, Some(actor), &v, allow_duplicates).await?;
    if let Some((org, role, job_title)) = link {
        link_in_tx(&mut tx, actor, org, id, role, &job_title).await?;
    }
    tx.commit().await?;
    tracing::info!(person_id = id, by = actor.0, "person created");
    get_person(db, PersonId(id)).await
}

fn validate_link(l: &LinkInput) -> Result<(i64, ContactRole, String)> {
    let mut p = Problems::default();
    let org =
        p.check("organization_id", l.organization_id.trim().parse::<i64>().map_err(|_| FieldIssue::InvalidChoice));
    let role = if l.role.trim().is_empty() {
        Some(ContactRole::Other)
    } else {
        p.check("role", ContactRole::parse(&l.role).ok_or(FieldIssue::InvalidChoice))
    };
    let job_title = p.check("job_title", text(&l.job_title, 100, false));
    p.finish()?;
    Ok((org.unwrap_or_default(), role.unwrap_or(ContactRole::Other), job_title.unwrap_or_default()))
}

pub async fn insert_valid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: Option<UserId>,
    v: &ValidPerson,
    allow_duplicates: bool,
) -> Result<i64> {
    duplicate_guard(tx, v, None, allow_duplicates).await?;
    super::check_owner(&mut **tx, v.owner_id).await?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO people (first_name, last_name, email, phone, phone_norm, tax_id, city, notes, owner_id, \
         sort_name, search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
         RETURNING id",
    )
    .bind(&v.first_name)
    .bind(&v.last_name)
    .bind(&v.email)
    .bind(&v.phone)
    .bind(&v.phone_norm)
    .bind(&v.tax_id)
    .bind(&v.city)
    .bind(&v.notes)
    .bind(v.owner_id)
    .bind(v.sort_name())
    .bind(v.search_text())
    .bind(at)
    .fetch_one(&mut **tx)
    .await
    .map_err(tax_id_taken)?;
    if !v.interests.is_empty() {
        interests::set_person_interests(tx, id, &v.interests).await?;
    }
    let after = interests::audit_snapshot(tx, "people", id).await?;
    audit::record_between(tx, &audit::Entry::of("crm", "people", id, "create", actor), None, after).await?;
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(id),
            kind: timeline::CREATED,
            at,
            actor,
            ref_id: Some(id),
            data: serde_json::json!({ "name": format!("{} {}", v.first_name, v.last_name).trim() }),
        },
    )
    .await?;
    Ok(id)
}

/// Saves an edit of a person.
pub async fn update_person(db: &Db, actor: UserId, id: PersonId, input: &PersonInput) -> Result<PersonView> {
    let v = validate(input)?;
    let mut tx = db.begin_write().await?;
    update_valid(&mut tx, actor, id.0, &v).await?;
    tx.commit().await?;
    tracing::info!(person_id = id.0, by = actor.0, "person updated");
    get_person(db, id).await
}

/// Writes a validated edit inside `tx` (also used by the CSV import).
pub(crate) async fn update_valid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    id: i64,
    v: &ValidPerson,
) -> Result<()> {
    let before = interests::audit_snapshot(tx, "people", id).await?;
    // An erased person's record stays anonymous: new data about them is a new record.
    if before.as_ref().and_then(|b| b.get("erased_at")).is_some_and(|v| !v.is_null()) {
        return Err(Error::field("first_name", FieldIssue::WrongState));
    }
    let id = PersonId(id);
    super::check_owner(&mut **tx, v.owner_id).await?;
    duplicate_guard(tx, v, Some(id.0), true).await?;
    let done = sqlx::query(
        "UPDATE people SET first_name = $1, last_name = $2, email = $3, phone = $4, phone_norm = $5, tax_id = $6, \
         city = $7, notes = $8, owner_id = $9, sort_name = $10, search_text = $11, updated_at = $12 WHERE id = $13",
    )
    .bind(&v.first_name)
    .bind(&v.last_name)
    .bind(&v.email)
    .bind(&v.phone)
    .bind(&v.phone_norm)
    .bind(&v.tax_id)
    .bind(&v.city)
    .bind(&v.notes)
    .bind(v.owner_id)
    .bind(v.sort_name())
    .bind(v.search_text())
    .bind(now())
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .map_err(tax_id_taken)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    interests::set_person_interests(tx, id.0, &v.interests).await?;
    let after = interests::audit_snapshot(tx, "people", id.0).await?;
    audit::record_between(tx, &audit::Entry::of("crm", "people", id.0, "update", Some(actor)), before, after).await
}

/// Links inside `tx` after validating the link's role and job title (used by the CSV import).
pub(crate) async fn link_valid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    organization_id: i64,
    person_id: i64,
    link: &LinkInput,
) -> Result<()> {
    let (_, role, job_title) = validate_link(link)?;
    link_in_tx(tx, actor, organization_id, person_id, role, &job_title).await
}

#[derive(FromRow)]
struct PersonRecord {
    id: i64,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    tax_id: Option<String>,
    city: String,
    notes: String,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    created_at: i64,
    updated_at: i64,
    erased_at: Option<i64>,
}

/// One person with their organization links and interests. Three queries.
pub async fn get_person(db: &Db, id: PersonId) -> Result<PersonView> {
    let row: Option<PersonRecord> = sqlx::query_as(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.tax_id, p.city, p.notes, p.owner_id, \
         u.name AS owner_name, p.created_at, p.updated_at, p.erased_at FROM people p \
         LEFT JOIN users u ON u.id = p.owner_id WHERE p.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db.pool())
    .await?;
    let r = row.ok_or(Error::NotFound)?;
    let links = links(db, "op.person_id = $1", id.0).await?;
    let interests = interests::of_person(db.pool(), id.0).await?;
    Ok(PersonView {
        id: PersonId(r.id),
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        phone: r.phone,
        tax_id: r.tax_id.unwrap_or_default(),
        city: r.city,
        notes: r.notes,
        owner_id: r.owner_id.map(UserId),
        owner_name: r.owner_name,
        links,
        interests,
        created_at: to_utc(r.created_at),
        updated_at: to_utc(r.updated_at),
        erased_at: r.erased_at.map(to_utc),
    })
}

#[derive(FromRow)]
struct LinkRow {
    organization_id: i64,
    organization_name: String,
    person_id: i64,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    role: String,
    job_title: String,
}

async fn links(db: &Db, condition: &str, id: i64) -> Result<Vec<ContactLink>> {
    let rows: Vec<LinkRow> = sqlx::query_as(&format!(
        "SELECT op.organization_id, o.legal_name AS organization_name, op.person_id, p.first_name, p.last_name, \
         p.email, p.phone, op.role, op.job_title FROM organization_people op \
         JOIN organizations o ON o.id = op.organization_id JOIN people p ON p.id = op.person_id \
         WHERE {condition} ORDER BY o.sort_name, p.sort_name, op.role"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ContactLink {
            organization_id: OrganizationId(r.organization_id),
            organization_name: r.organization_name,
            person_id: PersonId(r.person_id),
            person_name: format!("{} {}", r.first_name, r.last_name).trim().to_string(),
            email: r.email,
            phone: r.phone,
            role: ContactRole::parse(&r.role).unwrap_or(ContactRole::Other),
            job_title: r.job_title,
        })
        .collect())
}

/// The people linked to an organization, with their roles. One query.
pub async fn contacts_of_organization(db: &Db, id: OrganizationId) -> Result<Vec<ContactLink>> {
    links(db, "op.organization_id = $1", id.0).await
}

async fn link_in_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: UserId,
    organization_id: i64,
    person_id: i64,
    role: ContactRole,
    job_title: &str,
) -> Result<()> {
    let org: Option<(String,)> = sqlx::query_as("SELECT legal_name FROM organizations WHERE id = $1")
        .bind(organization_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((org_name,)) = org else { return Err(Error::field("organization_id", FieldIssue::InvalidChoice)) };
    let person: Option<(String, String)> =
        sqlx::query_as("SELECT first_name, last_name FROM people WHERE id = $1 AND erased_at IS NULL")
            .bind(person_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((first, last)) = person else { return Err(Error::field("person_id", FieldIssue::InvalidChoice)) };
    let exists: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM organization_people WHERE organization_id = $1 AND person_id = $2 AND role = $3")
            .bind(organization_id)
            .bind(person_id)
            .bind(role.as_str())
            .fetch_optional(&mut **tx)
            .await?;
    let at = now();
    if exists.is_some() {
        sqlx::query(
            "UPDATE organization_people SET job_title = $1 WHERE organization_id = $2 AND person_id = $3 AND role = $4",
        )
        .bind(job_title)
        .bind(organization_id)
        .bind(person_id)
        .bind(role.as_str())
        .execute(&mut **tx)
        .await?;
        return record_link(tx, Some(actor), organization_id, person_id, role, "update", Some(job_title)).await;
    }
    sqlx::query(
        "INSERT INTO organization_people (organization_id, person_id, role, job_title, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(organization_id)
    .bind(person_id)
    .bind(role.as_str())
    .bind(job_title)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    record_link(tx, Some(actor), organization_id, person_id, role, "link", Some(job_title)).await?;
    timeline::record(
        &mut **tx,
        timeline::NewEvent {
            organization_id: Some(organization_id),
            person_id: Some(person_id),
            kind: timeline::CONTACT_ADDED,
            at,
            actor: Some(actor),
            ref_id: Some(person_id),
            data: serde_json::json!({
                "person": format!("{first} {last}").trim(),
                "organization": org_name,
                "role": role.as_str(),
            }),
        },
    )
    .await
}

/// Audits a contact link of an organization: the person, the role and the job title (`None` when
/// the link goes).
async fn record_link(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: Option<UserId>,
    organization_id: i64,
    person_id: i64,
    role: ContactRole,
    action: &str,
    job_title: Option<&str>,
) -> Result<()> {
    let change = |field: &str, value: Option<String>| {
        let (before, after) = if job_title.is_some() { (None, value) } else { (value, None) };
        types::FieldChange { field: field.into(), before, after }
    };
    let mut changes =
        vec![change("person_id", Some(person_id.to_string())), change("role", Some(role.as_str().into()))];
    if let Some(t) = job_title.filter(|t| !t.is_empty()) {
        changes.push(change("job_title", Some(t.to_string())));
    }
    let entry = audit::Entry::of("crm", "organization_people", organization_id, action, actor);
    audit::record_changes(tx, &entry, &changes).await
}

/// Links a person to an organization with a role (adding a second role keeps the first).
pub async fn add_contact(
    db: &Db,
    actor: UserId,
    organization_id: OrganizationId,
    person_id: PersonId,
    role: &str,
    job_title: &str,
) -> Result<()> {
    let (_, role, job_title) = validate_link(&LinkInput {
        organization_id: organization_id.0.to_string(),
        role: role.into(),
        job_title: job_title.into(),
    })?;
    let mut tx = db.begin_write().await?;
    link_in_tx(&mut tx, actor, organization_id.0, person_id.0, role, &job_title).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes one role of a person at an organization (audited, for the request's caller).
pub async fn remove_contact(db: &Db, organization_id: OrganizationId, person_id: PersonId, role: &str) -> Result<()> {
    let role = ContactRole::parse(role).ok_or(Error::field("role", FieldIssue::InvalidChoice))?;
    let mut tx = db.begin_write().await?;
    let done =
        sqlx::query("DELETE FROM organization_people WHERE organization_id = $1 AND person_id = $2 AND role = $3")
            .bind(organization_id.0)
            .bind(person_id.0)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    record_link(&mut tx, None, organization_id.0, person_id.0, role, "unlink", None).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(FromRow)]
struct PersonListRow {
    id: i64,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    organizations: Option<String>,
    created_at: i64,
}

/// A page of people matching `q` (names, emails, phones, NIF), by name. Two queries.
pub async fn list_people(db: &Db, q: &str, page: i64) -> Result<PersonPage> {
    let mut f = Filter::default();
    if !q.trim().is_empty() {
        f.search(db.backend(), "p.search_text", q, ("people_search", "p.id"));
    }
    let where_clause = f.where_clause();
    let total: i64 = f
        .bind_scalar(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM people p{where_clause}")))
        .fetch_one(db.pool())
        .await?;
    let page_size = types::OrganizationQuery::PAGE_SIZE;
    let page = page.clamp(1, 100_000);
    // The organizations column is the first linked organization's name (and a count of the rest).
    let sql = format!(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, \
         (SELECT MIN(o.legal_name) FROM organization_people op JOIN organizations o ON o.id = op.organization_id \
          WHERE op.person_id = p.id) AS organizations, p.created_at \
         FROM people p{where_clause} ORDER BY p.sort_name, p.id LIMIT {page_size} OFFSET {}",
        (page - 1) * page_size
    );
    let rows: Vec<PersonListRow> = f.bind_all(sqlx::query_as(&sql)).fetch_all(db.pool()).await?;
    Ok(PersonPage {
        rows: rows
            .into_iter()
            .map(|r| PersonRow {
                id: PersonId(r.id),
                full_name: format!("{} {}", r.first_name, r.last_name).trim().to_string(),
                email: r.email,
                phone: r.phone,
                organizations: r.organizations.unwrap_or_default(),
                created_at: to_utc(r.created_at),
            })
            .collect(),
        total,
        page,
        page_size,
    })
}

/// A person as the CSV export writes them.
#[derive(Debug, Clone)]
pub struct PersonExportRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub tax_id: String,
    pub city: String,
    /// "Organization (role)" for each link, joined with "; ".
    pub organizations: String,
}

/// Every person matching `q`, by name, in batches of `batch` rows handed to `each` (two queries a
/// batch), so a large export never holds the whole table.
pub async fn for_each_matching<F>(db: &Db, q: &str, batch: i64, mut each: F) -> Result<()>
where
    F: FnMut(Vec<PersonExportRow>) -> Result<()>,
{
    let mut f = Filter::default();
    if !q.trim().is_empty() {
        f.search(db.backend(), "p.search_text", q, ("people_search", "p.id"));
    }
    let where_clause = f.where_clause();
    let mut offset = 0;
    loop {
        type Row = (i64, String, String, String, String, Option<String>, String);
        let rows: Vec<Row> = f
            .bind_all(sqlx::query_as(&format!(
                "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.tax_id, p.city FROM people p{where_clause} \
                 ORDER BY p.sort_name, p.id LIMIT {batch} OFFSET {offset}"
            )))
            .fetch_all(db.pool())
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        // The ids are integers from the database, so listing them inline is safe.
        let ids = rows.iter().map(|r| r.0.to_string()).collect::<Vec<_>>().join(",");
        let links: Vec<(i64, String, String)> = sqlx::query_as(&format!(
            "SELECT op.person_id, o.legal_name, op.role FROM organization_people op \
             JOIN organizations o ON o.id = op.organization_id WHERE op.person_id IN ({ids}) ORDER BY o.sort_name"
        ))
        .fetch_all(db.pool())
        .await?;
        let n = rows.len() as i64;
        each(
            rows.into_iter()
                .map(|(id, first_name, last_name, email, phone, tax_id, city)| PersonExportRow {
                    organizations: links
                        .iter()
                        .filter(|l| l.0 == id)
                        .map(|l| format!("{} ({})", l.1, l.2))
                        .collect::<Vec<_>>()
                        .join("; "),
                    id,
                    first_name,
                    last_name,
                    email,
                    phone,
                    tax_id: tax_id.unwrap_or_default(),
                    city,
                })
                .collect(),
        )?;
        if n < batch {
            return Ok(());
        }
        offset += batch;
    }
}
