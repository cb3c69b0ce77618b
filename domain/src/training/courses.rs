//! The course catalogue: what the centre sells to organizations, with default hours and price.

use sqlx::FromRow;
use types::{CourseId, CourseView, FieldIssue, Modality};

use super::{parse_hours, parse_money};
use crate::audit;
use crate::clock::now;
use crate::crm::fields::{required_text, text};
use crate::crm::interest_names;
use crate::crm::interests::ensure_interest;
use crate::error::{is_unique_violation, Problems};
use crate::text::fold;
use crate::{Db, Error, Result};

/// What the course form sends. Hours and price as typed (`12,5`, `45,00`).
#[derive(Debug, Clone, Default)]
pub struct CourseInput {
    pub code: String,
    pub title: String,
    pub description: String,
    pub default_hours: String,
    pub default_hourly_price: String,
    pub modality: String,
    pub interests: Vec<String>,
    pub active: bool,
}

/// Creates a course (`id` `None`) or saves an edit. Codes are unique, ignoring case.
pub async fn save_course(db: &Db, id: Option<CourseId>, input: &CourseInput) -> Result<CourseView> {
    let mut p = Problems::default();
    let code = p.check("code", required_text(&input.code, 30));
    let title = p.check("title", required_text(&input.title, 200));
    let description = p.check("description", text(&input.description, 5000, true));
    let minutes = p.check("default_hours", parse_hours(&input.default_hours));
    let price = p.check("default_hourly_price", parse_money(&input.default_hourly_price));
    let modality = p.check("modality", Modality::parse(&input.modality).ok_or(FieldIssue::InvalidChoice));
    let interests = interest_names(&mut p, &input.interests);
    p.finish()?;
    let (Some(code), Some(title), Some(description), Some(minutes), Some(price), Some(modality)) =
        (code, title, description, minutes, price, modality)
    else {
        return Err(Error::Internal("course validation let a field through".into()));
    };
    let taken = |e: sqlx::Error| {
        if is_unique_violation(&e) {
            Error::field("code", FieldIssue::CodeTaken)
        } else {
            e.into()
        }
    };
    let mut tx = db.begin_write().await?;
    let audit_before = match id {
        Some(i) => audit::snapshot(&mut tx, "courses", i.0).await?,
        None => None,
    };
    let at = now();
    let id = match id {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO courses (code, code_folded, title, description, default_minutes, \
                 default_hourly_price_cents, modality, active, sort_title, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            )
            .bind(&code)
            .bind(fold(&code))
            .bind(&title)
            .bind(&description)
            .bind(minutes)
            .bind(price)
            .bind(modality.as_str())
            .bind(i64::from(input.active))
            .bind(fold(&title))
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(taken)?;
            id
        }
        Some(id) => {
            let done = sqlx::query(
                "UPDATE courses SET code = $1, code_folded = $2, title = $3, description = $4, default_minutes = $5, \
                 default_hourly_price_cents = $6, modality = $7, active = $8, sort_title = $9, updated_at = $10 \
                 WHERE id = $11",
            )
            .bind(&code)
            .bind(fold(&code))
            .bind(&title)
            .bind(&description)
            .bind(minutes)
            .bind(price)
            .bind(modality.as_str())
            .bind(i64::from(input.active))
            .bind(fold(&title))
            .bind(at)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(taken)?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound);
            }
            id.0
        }
    };
    sqlx::query("DELETE FROM course_interests WHERE course_id = $1").bind(id).execute(&mut *tx).await?;
    for name in &interests {
        let interest = ensure_interest(&mut tx, name).await?;
        sqlx::query("INSERT INTO course_interests (course_id, interest_id) VALUES ($1, $2)")
            .bind(id)
            .bind(interest)
            .execute(&mut *tx)
            .await?;
    }
    let action = if audit_before.is_some() { "update" } else { "create" };
    audit::record(&mut tx, &audit::Entry::of("training", "courses", id, action, None), audit_before).await?;
    tx.commit().await?;
    get_course(db, CourseId(id)).await
}

#[derive(FromRow)]
struct Row {
    id: i64,
    code: String,
    title: String,
    description: String,
    default_minutes: i64,
    default_hourly_price_cents: i64,
    modality: String,
    active: i64,
}

const SELECT: &str = "SELECT id, code, title, description, default_minutes, default_hourly_price_cents, modality, \
     active FROM courses";

/// The rows with their interests: of one course (`only`), or of all.
async fn with_interests(db: &Db, rows: Vec<Row>, only: Option<i64>) -> Result<Vec<CourseView>> {
    let links: Vec<(i64, String)> = sqlx::query_as(
        "SELECT ci.course_id, i.name FROM course_interests ci JOIN interests i ON i.id = ci.interest_id \
         WHERE $1 = 0 OR ci.course_id = $1 ORDER BY i.name_folded",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CourseView {
            id: CourseId(r.id),
            interests: links.iter().filter(|(c, _)| *c == r.id).map(|(_, n)| n.clone()).collect(),
            code: r.code,
            title: r.title,
            description: r.description,
            default_minutes: r.default_minutes,
            default_hourly_price_cents: r.default_hourly_price_cents,
            modality: Modality::parse(&r.modality).unwrap_or(Modality::InPerson),
            active: r.active != 0,
        })
        .collect())
}

/// One course.
pub async fn get_course(db: &Db, id: CourseId) -> Result<CourseView> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE id = $1")).bind(id.0).fetch_optional(db.pool()).await?;
    let row = row.ok_or(Error::NotFound)?;
    Ok(with_interests(db, vec![row], Some(id.0)).await?.remove(0))
}

/// The catalogue: active courses first, by title. Two queries.
pub async fn list_courses(db: &Db) -> Result<Vec<CourseView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} ORDER BY active DESC, sort_title, id LIMIT 1000"))
        .fetch_all(db.pool())
        .await?;
    with_interests(db, rows, None).await
}
