//! Proposals for an opportunity: lines (hours of a course at an hourly price, or units), a
//! discount, VAT or the training exemption, totals in cents stored with the proposal, and the
//! template's text filled in. States: draft → sent → accepted / rejected, and a sent proposal
//! past its valid-until date expires. Accepting moves the opportunity to the won stage.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{Any, Transaction};
use types::{
    CourseId, FieldIssue, OpportunityId, OrganizationId, ProposalId, ProposalLineView, ProposalState, ProposalSummary,
    ProposalTemplateId, ProposalTemplateView, ProposalView, StageKind, UserId,
};

use super::opportunities::{move_opportunity, Drop};
use super::stages::list_stages;
use super::templates;
use super::totals::{line_amount, totals, LineQty, DEFAULT_VAT_BP};
use crate::audit;
use crate::clock::now;
use crate::crm::fields::{required_text, text};
use crate::error::{is_unique_violation, Problems};
use crate::training::{parse_hours, parse_money, parse_optional_id};
use crate::{Db, Error, Result};

type Tx = Transaction<'static, Any>;

/// Saves a template (`id` `None` to add one) after checking its variables.
pub async fn save_template(
    db: &Db,
    actor: UserId,
    id: Option<ProposalTemplateId>,
    name: &str,
    body: &str,
) -> Result<ProposalTemplateView> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(name, 100));
    let body = p.check("body", text(body, 20_000, true));
    if let Some(b) = &body {
        if let Err(Error::Validation(f)) = templates::check("body", b) {
            for e in f {
                p.add_error(e);
            }
        }
    }
    p.finish()?;
    let (Some(name), Some(body)) = (name, body) else { return Err(Error::Internal("template validation".into())) };
    let taken =
        |e: sqlx::Error| if is_unique_violation(&e) { Error::field("name", FieldIssue::NameTaken) } else { e.into() };
    let at = now();
    let mut tx = db.begin_write().await?;
    let before = match id {
        Some(id) => audit::snapshot(&mut tx, "proposal_templates", id.0).await?,
        None => None,
    };
    let id = match id {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO proposal_templates (name, body, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
            )
            .bind(&name)
            .bind(&body)
            .bind(actor.0)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(taken)?;
            id
        }
        Some(id) => {
            let done = sqlx::query("UPDATE proposal_templates SET name = $1, body = $2, updated_at = $3 WHERE id = $4 AND archived_at IS NULL")
                .bind(&name)
                .bind(&body)
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
    let action = if before.is_some() { "update" } else { "create" };
    audit::record(&mut tx, &audit::Entry::of("sales", "proposal_templates", id, action, Some(actor)), before).await?;
    tx.commit().await?;
    Ok(ProposalTemplateView { id: ProposalTemplateId(id), name, body })
}

/// The live templates by name.
pub async fn list_templates(db: &Db) -> Result<Vec<ProposalTemplateView>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, body FROM proposal_templates WHERE archived_at IS NULL ORDER BY name, id")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, body)| ProposalTemplateView { id: ProposalTemplateId(id), name, body })
        .collect())
}

/// One line as typed: `hours` for a course line, or `quantity` for a free line.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    pub course_id: String,
    pub description: String,
    pub hours: String,
    pub quantity: String,
    pub unit_price: String,
}

/// What the proposal form sends.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    pub opportunity_id: String,
    pub template_id: String,
    pub issue_date: String,
    pub valid_until: String,
    /// A percentage as typed (`12,5`).
    pub discount: String,
    pub vat_exempt: bool,
    pub lines: Vec<LineInput>,
}

struct Line {
    course_id: Option<i64>,
    description: String,
    qty: LineQty,
    unit_cents: i64,
}

fn date(raw: &str) -> std::result::Result<NaiveDate, FieldIssue> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| FieldIssue::InvalidDate)
}

/// Creates a draft proposal.
pub async fn create_proposal(db: &Db, actor: UserId, input: &ProposalInput) -> Result<ProposalView> {
    save_proposal(db, actor, None, input).await
}

/// Saves a draft proposal's new figures and lines; only a draft can change.
pub async fn update_proposal(db: &Db, actor: UserId, id: ProposalId, input: &ProposalInput) -> Result<ProposalView> {
    get_proposal(db, id).await?;
    save_proposal(db, actor, Some(id), input).await
}

async fn save_proposal(
    db: &Db,
    actor: UserId,
    existing: Option<ProposalId>,
    input: &ProposalInput,
) -> Result<ProposalView> {
    let mut p = Problems::default();
    let opportunity = p.check("opportunity_id", parse_optional_id(&input.opportunity_id)).flatten();
    if opportunity.is_none() && !p.has("opportunity_id") {
        p.add("opportunity_id", FieldIssue::Required);
    }
    let template = p.check("template_id", parse_optional_id(&input.template_id)).flatten();
    let issue = p.check("issue_date", date(&input.issue_date));
    let valid = p.check("valid_until", date(&input.valid_until));
    if let (Some(i), Some(v)) = (issue, valid) {
        if v < i {
            p.add("valid_until", FieldIssue::EndBeforeStart);
        }
    }
    let discount = if input.discount.trim().is_empty() {
        Some(0)
    } else {
        p.check("discount", parse_money(input.discount.trim_end_matches('%')))
    };
    if discount.is_some_and(|d| d > 10_000) {
        p.add("discount", FieldIssue::OutOfRange { min: 0, max: 100 });
    }
    let mut lines = Vec::new();
    for (n, l) in input.lines.iter().enumerate() {
        if l.description.trim().is_empty() && l.course_id.trim().is_empty() && l.unit_price.trim().is_empty() {
            continue;
        }
        let field = |f: &str| format!("lines.{n}.{f}");
        let course = match parse_optional_id(&l.course_id) {
            Ok(c) => c,
            Err(i) => {
                p.add(&field("course_id"), i);
                None
            }
        };
        let description = match required_text(&l.description, 300) {
            Ok(d) => d,
            Err(i) => {
                p.add(&field("description"), i);
                String::new()
            }
        };
        let qty = if !l.hours.trim().is_empty() {
            match parse_hours(&l.hours) {
                Ok(m) if m > 0 => Some(LineQty::Minutes(m)),
                _ => {
                    p.add(&field("hours"), FieldIssue::InvalidNumber);
                    None
                }
            }
        } else {
            match crate::training::parse_count(if l.quantity.trim().is_empty() { "1" } else { &l.quantity }, 1) {
                Ok(q) => Some(LineQty::Units(q)),
                Err(i) => {
                    p.add(&field("quantity"), i);
                    None
                }
            }
        };
        let unit = match parse_money(&l.unit_price) {
            Ok(u) => Some(u),
            Err(i) => {
                p.add(&field("unit_price"), i);
                None
            }
        };
        if let (Some(qty), Some(unit_cents)) = (qty, unit) {
            lines.push(Line { course_id: course, description, qty, unit_cents });
        }
    }
    if lines.is_empty() && !p.has_prefix("lines.") {
        p.add("lines", FieldIssue::Required);
    }
    let mut tx = db.begin_write().await?;
    if let Some(o) = opportunity {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM opportunities WHERE id = $1").bind(o).fetch_optional(&mut *tx).await?;
        if found.is_none() {
            p.add("opportunity_id", FieldIssue::InvalidChoice);
        }
    }
    if let Some(t) = template {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM proposal_templates WHERE id = $1 AND archived_at IS NULL")
                .bind(t)
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            p.add("template_id", FieldIssue::InvalidChoice);
        }
    }
    p.finish()?;
    let (Some(opportunity), Some(issue), Some(valid), Some(discount)) = (opportunity, issue, valid, discount) else {
        return Err(Error::Internal("proposal validation".into()));
    };
    let amounts: Vec<i64> = lines.iter().map(|l| line_amount(l.qty, l.unit_cents)).collect();
    let t = totals(&amounts, discount, DEFAULT_VAT_BP, input.vat_exempt);
    let at = now();
    if let Some(existing) = existing {
        let before = audit::snapshot(&mut tx, "proposals", existing.0).await?;
        let done = sqlx::query(
            "UPDATE proposals SET template_id = $1, issue_date = $2, valid_until = $3, discount_bp = $4, vat_bp = $5, \
             vat_exempt = $6, subtotal_cents = $7, discount_cents = $8, taxable_cents = $9, vat_cents = $10, total_cents = $11, \
             updated_at = $12 WHERE id = $13 AND opportunity_id = $14 AND state = 'draft'",
        )
        .bind(template)
        .bind(issue.format("%Y-%m-%d").to_string())
        .bind(valid.format("%Y-%m-%d").to_string())
        .bind(discount)
        .bind(DEFAULT_VAT_BP)
        .bind(i64::from(input.vat_exempt))
        .bind(t.subtotal_cents)
        .bind(t.discount_cents)
        .bind(t.taxable_cents)
        .bind(t.vat_cents)
        .bind(t.total_cents)
        .bind(at)
        .bind(existing.0)
        .bind(opportunity)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::field("state", FieldIssue::WrongState));
        }
        sqlx::query("DELETE FROM proposal_lines WHERE proposal_id = $1").bind(existing.0).execute(&mut *tx).await?;
        write_lines(&mut tx, existing.0, &lines, &amounts).await?;
        audit::record(&mut tx, &audit::Entry::of("sales", "proposals", existing.0, "update", Some(actor)), before)
            .await?;
        tx.commit().await?;
        return get_proposal(db, existing).await;
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO proposals (opportunity_id, template_id, state, issue_date, valid_until, discount_bp, vat_bp, vat_exempt, \
         subtotal_cents, discount_cents, taxable_cents, vat_cents, total_cents, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
    )
    .bind(opportunity)
    .bind(template)
    .bind(issue.format("%Y-%m-%d").to_string())
    .bind(valid.format("%Y-%m-%d").to_string())
    .bind(discount)
    .bind(DEFAULT_VAT_BP)
    .bind(i64::from(input.vat_exempt))
    .bind(t.subtotal_cents)
    .bind(t.discount_cents)
    .bind(t.taxable_cents)
    .bind(t.vat_cents)
    .bind(t.total_cents)
    .bind(actor.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    write_lines(&mut tx, id, &lines, &amounts).await?;
    audit::record(&mut tx, &audit::Entry::of("sales", "proposals", id, "create", Some(actor)), None).await?;
    tx.commit().await?;
    get_proposal(db, ProposalId(id)).await
}

async fn write_lines(tx: &mut Tx, id: i64, lines: &[Line], amounts: &[i64]) -> Result<()> {
    for (n, (l, amount)) in lines.iter().zip(amounts).enumerate() {
        let (minutes, quantity) = match l.qty {
            LineQty::Minutes(m) => (Some(m), None),
            LineQty::Units(q) => (None, Some(q)),
        };
        sqlx::query(
            "INSERT INTO proposal_lines (proposal_id, position, course_id, description, minutes, quantity, unit_cents, amount_cents) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(n as i64)
        .bind(l.course_id)
        .bind(&l.description)
        .bind(minutes)
        .bind(quantity)
        .bind(l.unit_cents)
        .bind(*amount)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Head {
    id: i64,
    opportunity_id: i64,
    title: String,
    organization_id: i64,
    legal_name: String,
    template_id: Option<i64>,
    template_name: Option<String>,
    state: String,
    issue_date: String,
    valid_until: String,
    discount_bp: i64,
    vat_bp: i64,
    vat_exempt: i64,
    subtotal_cents: i64,
    discount_cents: i64,
    taxable_cents: i64,
    vat_cents: i64,
    total_cents: i64,
}

/// A proposal if `reach` takes in its opportunity (the user owns it); otherwise not found.
pub async fn proposal_in_reach(db: &Db, id: ProposalId, reach: crate::Reach) -> Result<ProposalView> {
    let p = get_proposal(db, id).await?;
    super::opportunities::opportunity_in_reach(db, p.opportunity_id, reach).await?;
    Ok(p)
}

/// A proposal with its lines and text.
pub async fn get_proposal(db: &Db, id: ProposalId) -> Result<ProposalView> {
    let head: Option<Head> = sqlx::query_as(
        "SELECT p.id, p.opportunity_id, o.title, org.id AS organization_id, org.legal_name, p.template_id, t.name AS template_name, p.state, p.issue_date, p.valid_until, \
         p.discount_bp, p.vat_bp, p.vat_exempt, p.subtotal_cents, p.discount_cents, p.taxable_cents, p.vat_cents, p.total_cents \
         FROM proposals p JOIN opportunities o ON o.id = p.opportunity_id JOIN organizations org ON org.id = o.organization_id \
         LEFT JOIN proposal_templates t ON t.id = p.template_id WHERE p.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db.pool())
    .await?;
    let Head {
        id: pid,
        opportunity_id: opp,
        title,
        organization_id: org_id,
        legal_name: org,
        template_id: template,
        template_name,
        state,
        issue_date: issue,
        valid_until: valid,
        discount_bp,
        vat_bp,
        vat_exempt: exempt,
        subtotal_cents: subtotal,
        discount_cents: discount,
        taxable_cents: taxable,
        vat_cents: vat,
        total_cents: total,
    } = head.ok_or(Error::NotFound)?;
    type LineRow = (Option<i64>, String, Option<i64>, Option<i64>, i64, i64);
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT course_id, description, minutes, quantity, unit_cents, amount_cents FROM proposal_lines WHERE proposal_id = $1 ORDER BY position",
    )
    .bind(pid)
    .fetch_all(db.pool())
    .await?;
    let contact: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.first_name, p.last_name FROM opportunities o LEFT JOIN people p ON p.id = o.contact_id WHERE o.id = $1",
    )
    .bind(opp)
    .fetch_optional(db.pool())
    .await?;
    let contact_name = contact
        .and_then(|(f, la)| f.map(|f| format!("{f} {}", la.unwrap_or_default()).trim().to_string()))
        .filter(|n| !n.is_empty());
    let issue_date = NaiveDate::parse_from_str(&issue, "%Y-%m-%d").unwrap_or_default();
    let valid_until = NaiveDate::parse_from_str(&valid, "%Y-%m-%d").unwrap_or_default();
    let text = match template {
        Some(t) => {
            let body: Option<(String,)> = sqlx::query_as("SELECT body FROM proposal_templates WHERE id = $1")
                .bind(t)
                .fetch_optional(db.pool())
                .await?;
            let values: HashMap<&str, String> = [
                ("clientName", org.clone()),
                ("companyName", org.clone()),
                ("contactName", contact_name.clone().unwrap_or_default()),
                ("proposalDate", types::fmt::day(types::Locale::Es, issue_date)),
                ("validUntil", types::fmt::day(types::Locale::Es, valid_until)),
                ("discountPercentage", types::fmt::percent(types::Locale::Es, discount_bp)),
                ("total", types::fmt::money(types::Locale::Es, total)),
            ]
            .into();
            match body {
                Some((b,)) => templates::render(&b, &values)?,
                None => String::new(),
            }
        }
        None => String::new(),
    };
    Ok(ProposalView {
        id: ProposalId(pid),
        opportunity_id: OpportunityId(opp),
        opportunity_title: title,
        organization_id: OrganizationId(org_id),
        organization_name: org,
        contact_name,
        template_id: template.map(ProposalTemplateId),
        template_name,
        state: ProposalState::parse(&state).unwrap_or(ProposalState::Draft),
        issue_date,
        valid_until,
        discount_bp,
        vat_bp,
        vat_exempt: exempt == 1,
        lines: lines
            .into_iter()
            .map(|(course_id, description, minutes, quantity, unit_cents, amount_cents)| ProposalLineView {
                course_id: course_id.map(CourseId),
                description,
                minutes,
                quantity,
                unit_cents,
                amount_cents,
            })
            .collect(),
        subtotal_cents: subtotal,
        discount_cents: discount,
        taxable_cents: taxable,
        vat_cents: vat,
        total_cents: total,
        text,
    })
}

/// The proposals of an opportunity, newest first.
pub async fn list_proposals(db: &Db, opportunity: OpportunityId) -> Result<Vec<ProposalSummary>> {
    let rows: Vec<(i64, String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.state, p.issue_date, p.valid_until, p.total_cents, t.name FROM proposals p \
         LEFT JOIN proposal_templates t ON t.id = p.template_id WHERE p.opportunity_id = $1 ORDER BY p.id DESC",
    )
    .bind(opportunity.0)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, state, issue, valid, total, template_name)| ProposalSummary {
            id: ProposalId(id),
            state: ProposalState::parse(&state).unwrap_or(ProposalState::Draft),
            issue_date: NaiveDate::parse_from_str(&issue, "%Y-%m-%d").unwrap_or_default(),
            valid_until: NaiveDate::parse_from_str(&valid, "%Y-%m-%d").unwrap_or_default(),
            total_cents: total,
            template_name,
        })
        .collect())
}

/// Moves a proposal from one state to the next: `sent` from a draft, `accepted` or `rejected`
/// from sent. Accepting moves the opportunity to the won stage in the same breath.
pub async fn set_state(db: &Db, actor: UserId, id: ProposalId, to: ProposalState) -> Result<ProposalView> {
    let from = match to {
        ProposalState::Sent => "draft",
        ProposalState::Accepted | ProposalState::Rejected => "sent",
        _ => return Err(Error::field("state", FieldIssue::InvalidChoice)),
    };
    let at = now();
    let column = if to == ProposalState::Sent { "sent_at" } else { "decided_at" };
    let mut tx = db.begin_write().await?;
    let before = audit::snapshot(&mut tx, "proposals", id.0).await?;
    let done = sqlx::query(&format!(
        "UPDATE proposals SET state = $1, {column} = $2, updated_at = $2 WHERE id = $3 AND state = $4"
    ))
    .bind(to.as_str())
    .bind(at)
    .bind(id.0)
    .bind(from)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        drop(tx);
        get_proposal(db, id).await?;
        return Err(Error::field("state", FieldIssue::WrongState));
    }
    audit::record(&mut tx, &audit::Entry::of("sales", "proposals", id.0, to.as_str(), Some(actor)), before).await?;
    tx.commit().await?;
    if to == ProposalState::Accepted {
        let won = async {
            let p = get_proposal(db, id).await?;
            let won =
                list_stages(db, false).await?.into_iter().find(|s| s.kind == StageKind::Won).ok_or(Error::NotFound)?;
            move_opportunity(db, actor, p.opportunity_id, Drop { stage: won.id, after: None, before: None }, None).await
        }
        .await;
        if let Err(e) = won {
            // Not half-saved: the proposal goes back to sent when its opportunity could not move.
            sqlx::query("UPDATE proposals SET state = 'sent', decided_at = NULL WHERE id = $1 AND state = 'accepted'")
                .bind(id.0)
                .execute(db.pool())
                .await?;
            return Err(e);
        }
    }
    get_proposal(db, id).await
}

/// Marks the sent proposals whose valid-until date is before `today` expired; returns how many.
pub async fn expire_due(db: &Db, today: NaiveDate) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE proposals SET state = 'expired', updated_at = $1 WHERE state = 'sent' AND valid_until < $2",
    )
    .bind(now())
    .bind(today.format("%Y-%m-%d").to_string())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
