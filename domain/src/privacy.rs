//! Personal data rights (RGPD/GDPR and LOPDGDD) for the people on record: everything Aula holds
//! about a person, for an access request (art. 15) and its portability (art. 20); and the right to
//! erasure (art. 17), which removes their contact details, notes, links, interests, history and
//! requests and unlinks them from interactions and opportunities in one transaction, while what a
//! legal obligation requires (the accounting of payments received, the evidence of training
//! attended) keeps only their name and tax id, blocked (LOPDGDD art. 32) in a table of its own until
//! the obligation ends, when the worker deletes it. The person's row stays, anonymized, so
//! enrollments, attendance and payments still add up. The erasure is audited without the values
//! it removed.

use chrono::{DateTime, Months, Utc};
use types::{
    AuditQuery, ErasureReport, FieldChange, FieldIssue, HoldReason, PersonId, PersonalData, PersonalEmail,
    PersonalEnrollment, PersonalInteraction, PersonalOpportunity, PersonalRequest, PersonalTraining, UserId,
};

use crate::audit;
use crate::clock::{now, to_utc};
use crate::crm::{self, people};
use crate::reminders::sources::INTERACTION_SUBJECT;
use crate::{Db, Error, Result};
use sqlx::{Any, Transaction};

/// How an erased person is named wherever their record still shows (lists, enrollments).
pub const ERASED_NAME: &str = "Persona suprimida";

/// Everything held about person `id`.
pub async fn personal_data(db: &Db, id: PersonId) -> Result<PersonalData> {
    let person = people::get_person(db, id).await?;
    let pool = db.pool();
    // Their interactions, through the CRM's own list, a page at a time.
    let mut interactions = Vec::new();
    loop {
        let (page, total) =
            crm::interactions::list_interactions(db, None, Some(id), 100, interactions.len() as i64).await?;
        let last = page.is_empty();
        interactions.extend(page.into_iter().map(|i| PersonalInteraction {
            occurred_at: i.occurred_at,
            kind: i.kind.as_str().to_string(),
            organization: i.organization_name,
            description: i.description,
            result: i.result.as_str().to_string(),
            next_action: i.next_action,
            author: i.author_name,
        }));
        if last || interactions.len() as i64 >= total {
            break;
        }
    }

    type EnrollmentRow = (String, i64, String, String, i64, Option<i64>, String, i64);
    let rows: Vec<EnrollmentRow> = sqlx::query_as(
        "SELECT w.title, w.starts_at, e.state, e.payment_status, e.amount_paid_cents, e.paid_at, e.source, e.created_at \
         FROM enrollments e JOIN workshops w ON w.id = e.workshop_id WHERE e.person_id = $1 ORDER BY w.starts_at DESC, e.id",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let enrollments = rows
        .into_iter()
        .map(|(workshop, starts, state, payment_status, amount, paid_at, source, created)| PersonalEnrollment {
            workshop,
            starts_at: to_utc(starts),
            state,
            payment_status,
            amount_paid_cents: amount,
            paid_at: paid_at.map(to_utc),
            source,
            created_at: to_utc(created),
        })
        .collect();

    let contracts: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.file_number, co.title, o.legal_name FROM contract_participants cp JOIN contracts c ON c.id = cp.contract_id \
         JOIN courses co ON co.id = c.course_id JOIN organizations o ON o.id = c.organization_id \
         WHERE cp.person_id = $1 ORDER BY c.created_at DESC, c.id DESC",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let sheets: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT s.contract_id, s.starts_at, a.status FROM attendance a JOIN training_sessions s ON s.id = a.session_id \
         WHERE a.person_id = $1 AND s.starts_at IS NOT NULL ORDER BY s.starts_at, s.id",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let training = contracts
        .into_iter()
        .map(|(contract, file_number, course, organization)| PersonalTraining {
            file_number,
            course,
            organization,
            attendance: sheets
                .iter()
                .filter(|(c, _, _)| *c == contract)
                .map(|(_, at, status)| (to_utc(*at), status.clone()))
                .collect(),
        })
        .collect();

    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT o.title, org.legal_name, o.created_at FROM opportunities o JOIN organizations org ON org.id = o.organization_id \
         WHERE o.contact_id = $1 ORDER BY o.created_at DESC, o.id DESC",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let opportunities = rows
        .into_iter()
        .map(|(title, organization, at)| PersonalOpportunity { title, organization, created_at: to_utc(at) })
        .collect();

    let email = person.email.trim().to_lowercase();
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT created_at, subject, status FROM email_log WHERE person_id = $1 OR ($2 <> '' AND LOWER(recipient) = $2) \
         ORDER BY created_at DESC, id DESC LIMIT 1000",
    )
    .bind(id.0)
    .bind(&email)
    .fetch_all(pool)
    .await?;
    let emails =
        rows.into_iter().map(|(at, subject, status)| PersonalEmail { at: to_utc(at), subject, status }).collect();

    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT w.title, r.state, r.created_at FROM enrollment_requests r JOIN workshops w ON w.id = r.workshop_id \
         WHERE $1 <> '' AND LOWER(r.email) = $1 ORDER BY r.created_at DESC, r.id DESC",
    )
    .bind(&email)
    .fetch_all(pool)
    .await?;
    let requests = rows
        .into_iter()
        .map(|(workshop, state, at)| PersonalRequest { workshop, state, created_at: to_utc(at) })
        .collect();

    let q = AuditQuery { entity: Some("people".into()), entity_id: Some(id.0), limit: Some(500), ..Default::default() };
    let changes = audit::list(db, &q).await?.entries;
    Ok(PersonalData {
        generated_at: to_utc(now()),
        person,
        interactions,
        enrollments,
        training,
        opportunities,
        emails,
        requests,
        changes,
    })
}

/// `at` plus `years` (a 29 February lands on the 28th).
fn years_after(at: i64, years: i32) -> DateTime<Utc> {
    let at = to_utc(at);
    at.checked_add_months(Months::new(12 * years as u32)).unwrap_or(at)
}

/// Erases person `id`'s personal data (see the module's text for what goes and what is kept).
/// Refused for a person already erased.
pub async fn erase_person(db: &Db, actor: UserId, id: PersonId) -> Result<ErasureReport> {
    let mut tx = db.begin_write().await?;
    type PersonRow = (String, String, String, String, Option<String>, Option<i64>);
    let found: Option<PersonRow> =
        sqlx::query_as("SELECT first_name, last_name, email, phone, tax_id, erased_at FROM people WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (first_name, last_name, email, phone, tax_id, erased_at) = found.ok_or(Error::NotFound)?;
    if erased_at.is_some() {
        return Err(Error::field("person", FieldIssue::WrongState));
    }
    let at = now();

    // What the law requires to keep, from the last record that requires it.
    let (last_paid,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(paid_at) FROM enrollments WHERE person_id = $1 AND paid_at IS NOT NULL")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    let (last_attended,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(s.starts_at) FROM attendance a JOIN training_sessions s ON s.id = a.session_id WHERE a.person_id = $1",
    )
    .bind(id.0)
    .fetch_one(&mut *tx)
    .await?;
    let holds: Vec<(HoldReason, DateTime<Utc>)> =
        [(HoldReason::Accounting, last_paid), (HoldReason::TrainingEvidence, last_attended)]
            .into_iter()
            .filter_map(|(reason, last)| last.map(|l| (reason, years_after(l, reason.years()))))
            .collect();
    let held_until = holds.iter().map(|(_, until)| *until).max();
    if let Some(until) = held_until {
        let reasons = holds.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>().join(" ");
        sqlx::query(
            "INSERT INTO personal_data_holds (person_id, first_name, last_name, tax_id, reasons, held_until, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.0)
        .bind(&first_name)
        .bind(&last_name)
        .bind(&tax_id)
        .bind(reasons)
        .bind(until.timestamp())
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }

    let mut removed: Vec<(String, i64)> = Vec::new();
    let mut count = |what: &str, n: u64| match removed.iter_mut().find(|(k, _)| k == what) {
        Some((_, total)) => *total += n as i64,
        None if n > 0 => removed.push((what.to_string(), n as i64)),
        None => {}
    };
    // Interactions with them alone go (their pending follow-ups with them); those with an
    // organization stay the organization's, without them.
    let own: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM interactions WHERE person_id = $1 AND organization_id IS NULL")
            .bind(id.0)
            .fetch_all(&mut *tx)
            .await?;
    for (interaction,) in &own {
        crate::reminders::cancel_for_subject(&mut *tx, INTERACTION_SUBJECT, *interaction).await?;
    }
    // Interactions that stay with an organization lose the mentions of them.
    let mentions = [format!("{first_name} {last_name}"), email.clone(), phone.clone()];
    count("interactions_scrubbed", scrub_mentions(&mut tx, id.0, &mentions).await?);
    // The log's entries that hold their values, found while their links still show which.
    let about = audit_entries_about(&mut tx, id.0).await?;
    let statements: [(&str, &str); 8] = [
        ("links", "DELETE FROM organization_people WHERE person_id = $1"),
        ("interests", "DELETE FROM person_interests WHERE person_id = $1"),
        ("interactions", "DELETE FROM interactions WHERE person_id = $1 AND organization_id IS NULL"),
        ("interactions_unlinked", "UPDATE interactions SET person_id = NULL WHERE person_id = $1"),
        ("history", "DELETE FROM timeline_events WHERE person_id = $1"),
        ("reminders", "DELETE FROM reminders WHERE person_id = $1 AND state <> 'sending'"),
        ("opportunities_unlinked", "UPDATE opportunities SET contact_id = NULL WHERE contact_id = $1"),
        ("emails", "UPDATE email_log SET recipient = '', person_id = NULL WHERE person_id = $1"),
    ];
    for (what, sql) in statements {
        let done = sqlx::query(sql).bind(id.0).execute(&mut *tx).await?;
        count(what, done.rows_affected());
    }
    let email = email.trim().to_lowercase();
    if !email.is_empty() {
        let done = sqlx::query("UPDATE email_log SET recipient = '' WHERE LOWER(recipient) = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        count("emails", done.rows_affected());
        // Requests from the public form: anonymized, so a pending one still expires and frees its seat.
        let done = sqlx::query(
            "UPDATE enrollment_requests SET first_name = $1, last_name = '', email = '', phone = '', updated_at = $2 \
             WHERE LOWER(email) = $3",
        )
        .bind(ERASED_NAME)
        .bind(at)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
        count("requests", done.rows_affected());
    }
    let name = format!("#{}", id.0);
    sqlx::query(
        "UPDATE people SET first_name = $1, last_name = $2, email = '', phone = '', phone_norm = NULL, tax_id = NULL, \
         city = '', notes = '', import_run_id = NULL, sort_name = $3, search_text = $4, erased_at = $5, updated_at = $5 \
         WHERE id = $6",
    )
    .bind(ERASED_NAME)
    .bind(&name)
    .bind(crate::text::fold(&format!("{ERASED_NAME} {name}")))
    .bind(crate::text::fold(ERASED_NAME))
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;

    // The log names what was done, never the values removed.
    let mut changes = vec![FieldChange {
        field: "erased".into(),
        before: None,
        after: Some(removed.iter().map(|(k, n)| format!("{k}: {n}")).collect::<Vec<_>>().join(", ")),
    }];
    changes.extend(audit::redact(&mut tx, &about).await?);
    if let Some(until) = held_until {
        changes.push(FieldChange {
            field: "blocked_until".into(),
            before: None,
            after: Some(until.format("%Y-%m-%d").to_string()),
        });
    }
    audit::record_changes(&mut tx, &audit::Entry::of("crm", "people", id.0, "erase", Some(actor)), &changes).await?;
    tx.commit().await?;
    tracing::info!(person = id.0, by = actor.0, "personal data erased");
    Ok(ErasureReport { removed, holds: holds.into_iter().map(|(r, _)| r).collect(), held_until })
}

/// The audit entries that hold person `id`'s values: their record's (with a duplicate merged into
/// it), their interactions' and their links' to organizations.
async fn audit_entries_about(tx: &mut Transaction<'static, Any>, id: i64) -> Result<Vec<i64>> {
    let interactions: Vec<i64> = sqlx::query_as::<_, (i64,)>("SELECT id FROM interactions WHERE person_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|(i,)| i)
        .collect();
    let mut seqs = audit::entries_of(tx, "people", &[id]).await?;
    seqs.extend(audit::entries_of(tx, "interactions", &interactions).await?);
    seqs.extend(audit::merged_into(tx, "people", id).await?);
    seqs.extend(audit::entries_naming(tx, "organization_people", "person_id", &id.to_string()).await?);
    Ok(seqs)
}

/// Replaces `mentions` (their full name, email, phone) in the texts of the interactions with
/// person `id` that stay with an organization. Returns how many changed.
async fn scrub_mentions(tx: &mut Transaction<'static, Any>, id: i64, mentions: &[String]) -> Result<u64> {
    let kept: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, description, next_action FROM interactions WHERE person_id = $1 AND organization_id IS NOT NULL",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let scrub = |text: &str| {
        mentions
            .iter()
            .map(|m| m.trim())
            .filter(|m| m.chars().count() >= 3)
            .fold(text.to_string(), |t, m| crate::text::replace_ignoring_case(&t, m, ERASED_MENTION))
    };
    let mut changed = 0;
    for (interaction, description, next_action) in kept {
        let (d, n) = (scrub(&description), scrub(&next_action));
        if d != description || n != next_action {
            sqlx::query("UPDATE interactions SET description = $1, next_action = $2 WHERE id = $3")
                .bind(d)
                .bind(n)
                .bind(interaction)
                .execute(&mut **tx)
                .await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// What replaces an erased person's name, email or phone in a text that stays.
pub const ERASED_MENTION: &str = "[persona suprimida]";

/// Deletes the blocked data whose legal obligation ended by `at`. Returns how many went.
pub async fn purge_expired_holds(db: &Db, at: i64) -> Result<u64> {
    let done =
        sqlx::query("DELETE FROM personal_data_holds WHERE held_until <= $1").bind(at).execute(db.pool()).await?;
    Ok(done.rows_affected())
}
