//! Paying for an enrollment. The charge goes through a [`PaymentProvider`]; Aula ships the
//! [`SimulatedProvider`] (the front desk records a payment taken by card terminal, cash, transfer
//! or Bizum), and a real gateway can be added later behind the same trait.

use types::{EnrollmentId, EnrollmentView, FieldIssue, PaymentMethod, UserId};

use super::enrollment::{self, PAID, REFUNDED};
use super::parse_money;
use crate::audit;
use crate::clock::now;
use crate::crm::fields::text;
use crate::crm::timeline;
use crate::error::Problems;
use crate::{Db, Error, Result};

/// A charge to make.
#[derive(Debug, Clone)]
pub struct Charge {
    pub enrollment: EnrollmentId,
    pub amount_cents: i64,
    pub method: PaymentMethod,
    /// The reference the payer or the terminal gave; may be empty.
    pub reference: String,
}

/// What the provider answers for a successful charge or refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The provider's reference, stored with the enrollment.
    pub reference: String,
}

/// A payment gateway. Implementations must be idempotent per enrollment.
pub trait PaymentProvider: Send + Sync {
    /// Takes the money; an error means nothing was charged.
    fn charge(&self, charge: &Charge) -> impl std::future::Future<Output = Result<Receipt>> + Send;
    /// Gives it back.
    fn refund(
        &self,
        enrollment: EnrollmentId,
        amount_cents: i64,
    ) -> impl std::future::Future<Output = Result<Receipt>> + Send;
}

/// Records payments taken outside Aula: it accepts every charge and keeps the reference given,
/// or makes one up (`SIM-…`) when none was.
#[derive(Debug, Clone, Copy, Default)]
pub struct SimulatedProvider;

impl PaymentProvider for SimulatedProvider {
    async fn charge(&self, charge: &Charge) -> Result<Receipt> {
        let reference = if charge.reference.is_empty() {
            format!("SIM-{}-{}", charge.enrollment.0, now())
        } else {
            charge.reference.clone()
        };
        Ok(Receipt { reference })
    }

    async fn refund(&self, enrollment: EnrollmentId, _amount_cents: i64) -> Result<Receipt> {
        Ok(Receipt { reference: format!("SIM-REFUND-{}-{}", enrollment.0, now()) })
    }
}

/// What the pay form sends: the amount (empty means the workshop's price), the method and a
/// reference.
#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    pub amount: String,
    pub method: String,
    pub reference: String,
}

/// Marks a confirmed, unpaid enrollment paid after the provider took the money. Waitlisted and
/// cancelled enrollments cannot be paid; paying twice is refused.
pub async fn record_payment<P: PaymentProvider>(
    db: &Db,
    provider: &P,
    actor: Option<UserId>,
    id: EnrollmentId,
    input: &PaymentInput,
) -> Result<EnrollmentView> {
    let mut p = Problems::default();
    let amount = if input.amount.trim().is_empty() {
        Some(None)
    } else {
        p.check("amount", parse_money(&input.amount)).map(Some)
    };
    let method = p.check("method", PaymentMethod::parse(&input.method).ok_or(FieldIssue::InvalidChoice));
    let reference = p.check("reference", text(&input.reference, 100, false));
    p.finish()?;
    let (Some(amount), Some(method), Some(reference)) = (amount, method, reference) else {
        return Err(Error::Internal("payment validation let a field through".into()));
    };
    let current = enrollment::get_enrollment(db, id).await?;
    if current.state != types::EnrollmentState::Confirmed || current.payment_status != types::PaymentStatus::Pending {
        return Err(Error::field("enrollment", FieldIssue::WrongState));
    }
    let (price, title): (i64, String) = sqlx::query_as("SELECT price_cents, title FROM workshops WHERE id = $1")
        .bind(current.workshop_id.0)
        .fetch_one(db.pool())
        .await?;
    let amount_cents = amount.unwrap_or(price);
    let receipt = provider.charge(&Charge { enrollment: id, amount_cents, method, reference }).await?;
    let mut tx = db.begin_write().await?;
    let at = now();
    let before = audit::snapshot(&mut tx, "enrollments", id.0).await?;
    let done = sqlx::query(
        "UPDATE enrollments SET payment_status = 'paid', amount_paid_cents = $1, payment_method = $2, \
         payment_reference = $3, paid_at = $4, updated_at = $4 WHERE id = $5 AND state = 'confirmed' \
         AND payment_status = 'pending'",
    )
    .bind(amount_cents)
    .bind(method.as_str())
    .bind(&receipt.reference)
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        // Changed since the check: give the money back rather than keep it unrecorded.
        drop(tx);
        provider.refund(id, amount_cents).await?;
        return Err(Error::field("enrollment", FieldIssue::WrongState));
    }
    audit::record(&mut tx, &audit::Entry::of("training", "enrollments", id.0, "pay", actor), before).await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(current.person_id.0),
            kind: PAID,
            at,
            actor,
            ref_id: Some(id.0),
            data: serde_json::json!({
                "workshop": title, "amount_cents": amount_cents, "method": method.as_str(), "reference": receipt.reference,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(enrollment_id = id.0, amount_cents, "enrollment paid");
    enrollment::get_enrollment(db, id).await
}

/// Refunds a paid enrollment through the provider and marks it refunded.
pub async fn refund_payment<P: PaymentProvider>(
    db: &Db,
    provider: &P,
    actor: Option<UserId>,
    id: EnrollmentId,
) -> Result<EnrollmentView> {
    let current = enrollment::get_enrollment(db, id).await?;
    if current.payment_status != types::PaymentStatus::Paid {
        return Err(Error::field("enrollment", FieldIssue::WrongState));
    }
    let mut tx = db.begin_write().await?;
    let at = now();
    let before = audit::snapshot(&mut tx, "enrollments", id.0).await?;
    let done = sqlx::query(
        "UPDATE enrollments SET payment_status = 'refunded', updated_at = $1 WHERE id = $2 AND payment_status = 'paid'",
    )
    .bind(at)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::field("enrollment", FieldIssue::WrongState));
    }
    let receipt = provider.refund(id, current.amount_paid_cents).await?;
    audit::record(&mut tx, &audit::Entry::of("training", "enrollments", id.0, "refund", actor), before).await?;
    timeline::record(
        &mut *tx,
        timeline::NewEvent {
            organization_id: None,
            person_id: Some(current.person_id.0),
            kind: REFUNDED,
            at,
            actor,
            ref_id: Some(id.0),
            data: serde_json::json!({ "amount_cents": current.amount_paid_cents, "reference": receipt.reference }),
        },
    )
    .await?;
    tx.commit().await?;
    enrollment::get_enrollment(db, id).await
}
