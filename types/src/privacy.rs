//! Personal data rights (RGPD/GDPR, LOPDGDD): what Aula holds about a person, for an access
//! request (art. 15) in a readable and a machine-readable form (art. 20), and what an erasure
//! (art. 17) removed and what it had to keep, blocked, for a legal obligation (LOPDGDD art. 32).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{AuditEntry, PersonView};

/// Everything Aula holds about one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalData {
    pub generated_at: DateTime<Utc>,
    /// The person's record, with their organizations, roles and interests.
    pub person: PersonView,
    /// Calls, meetings, emails and notes with them.
    pub interactions: Vec<PersonalInteraction>,
    /// Workshop seats, with what was paid.
    pub enrollments: Vec<PersonalEnrollment>,
    /// Company training they take part in, with their attendance.
    pub training: Vec<PersonalTraining>,
    /// Sales opportunities where they are the contact.
    pub opportunities: Vec<PersonalOpportunity>,
    /// Emails Aula sent them.
    pub emails: Vec<PersonalEmail>,
    /// Requests from the public form with their address, not yet confirmed or recently finished.
    pub requests: Vec<PersonalRequest>,
    /// Changes made to their record (the audit log).
    pub changes: Vec<AuditEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalInteraction {
    pub occurred_at: DateTime<Utc>,
    pub kind: String,
    pub organization: Option<String>,
    pub description: String,
    pub result: String,
    pub next_action: String,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalEnrollment {
    pub workshop: String,
    pub starts_at: DateTime<Utc>,
    pub state: String,
    pub payment_status: String,
    pub amount_paid_cents: i64,
    pub paid_at: Option<DateTime<Utc>>,
    pub source: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalTraining {
    pub file_number: String,
    pub course: String,
    pub organization: String,
    /// Each session with their attendance taken: when, and present, late or absent.
    pub attendance: Vec<(DateTime<Utc>, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalOpportunity {
    pub title: String,
    pub organization: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalEmail {
    pub at: DateTime<Utc>,
    pub subject: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalRequest {
    pub workshop: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
}

/// Why some data had to be kept, blocked, after an erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// Payments received: the accounting records (Código de Comercio, art. 30: six years).
    Accounting,
    /// Attendance at company training, the evidence of the training given (four years).
    TrainingEvidence,
}

impl HoldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::Accounting => "accounting",
            HoldReason::TrainingEvidence => "training_evidence",
        }
    }

    pub fn parse(s: &str) -> Option<HoldReason> {
        [HoldReason::Accounting, HoldReason::TrainingEvidence].into_iter().find(|r| r.as_str() == s)
    }

    /// How many years the obligation lasts from the last such record.
    pub fn years(self) -> i32 {
        match self {
            HoldReason::Accounting => 6,
            HoldReason::TrainingEvidence => 4,
        }
    }

    pub fn label(self) -> crate::Msg {
        match self {
            HoldReason::Accounting => crate::Msg::GdprHoldAccounting,
            HoldReason::TrainingEvidence => crate::Msg::GdprHoldTraining,
        }
    }
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureReport {
    /// Records removed or unlinked, by kind (`interactions`, `links`…).
    pub removed: Vec<(String, i64)>,
    /// Why the name and tax id were kept, blocked, and until when; empty when nothing is kept.
    pub holds: Vec<HoldReason>,
    pub held_until: Option<DateTime<Utc>>,
}
