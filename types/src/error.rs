//! The error that crosses the wire, to the browser and to API clients.
//!
//! Policy: the server turns every failure into one of these kinds. Validation failures name the
//! field and carry a code the UI translates; internal failures carry nothing but their kind, so no
//! database or library text ever reaches a client (the server logs the cause instead).

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Msg};

/// What went wrong, coarsely; decides the HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No valid session or token (401).
    Unauthorized,
    /// Signed in, but the role does not allow it (403).
    Forbidden,
    /// The record does not exist or is not visible (404).
    NotFound,
    /// The input is wrong; `fields` says where (422).
    Validation,
    /// The request clashes with the current state (409).
    Conflict,
    /// Too many attempts; `retry_after_secs` says when to try again (429).
    RateLimited,
    /// The server could not be reached or answered nonsense (client side only).
    Unavailable,
    /// Something broke on the server; details are in its log (500).
    Internal,
}

/// A problem with one input field. `issue` is a code; the UI translates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub issue: FieldIssue,
    /// What the issue refers to, for the user (the clashing session's name and time), when the
    /// code alone would not say it. Data from the record, never an error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Why a field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldIssue {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    InvalidEmail,
    EmailTaken,
    InvalidChoice,
    WrongPassword,
    PasswordsDiffer,
    /// Not a valid Spanish CIF/NIF/NIE (check character included), or malformed.
    InvalidTaxId,
    /// Another record (`id`) already has this tax id.
    TaxIdTaken {
        id: i64,
    },
    /// Another record (`id`) has the same email or phone; resubmit with the confirmation to keep both.
    PossibleDuplicate {
        id: i64,
    },
    InvalidPhone,
    InvalidUrl,
    InvalidDate,
    /// The name is already used (interests, saved views).
    NameTaken,
    /// The request body is not the JSON the endpoint expects.
    Malformed,
    /// Not a number, or not one with at most two decimals.
    InvalidNumber,
    /// Below the smallest value allowed.
    AtLeast {
        n: i64,
    },
    /// The end is not after the start.
    EndBeforeStart,
    /// The code or file number is already used by another record.
    CodeTaken,
    /// The trainer has another session at that time (`detail` names it).
    TrainerBusy,
    /// The room is taken at that time (`detail` names it).
    RoomBusy,
    /// The workshop does not take enrollments now (not published, closed, or over).
    NotOpen,
    /// The idempotency key was already used for a different request.
    KeyReused,
    /// The record's state does not allow this (paying a waitlisted seat, editing a cancelled one).
    WrongState,
    /// A seat held for a public request was not confirmed in time (or the request was withdrawn).
    HoldExpired,
    /// A template's `{{` and `}}` do not pair up (`detail` lists the allowed variables).
    TemplateBraces,
    /// A template uses a variable that does not exist (`detail` names it and lists the allowed).
    TemplateVariable,
    /// No mail server is configured, so nothing can be sent.
    EmailNotConfigured,
    /// The mail server refused the message or could not be reached.
    EmailNotSent,
    /// Outside the allowed range.
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// The role is held by `n` users, so it cannot be deleted.
    RoleInUse {
        n: i64,
    },
    /// The administrators' role always has every permission.
    RoleLocked,
    /// The user's role reaches only their own records, and this would assign one to someone else.
    OwnOnly,
    /// The issuer's tax regime (TicketBAI) is not recorded by Aula yet.
    RegimeNotAvailable,
    /// A simplified invoice over €400, VAT included.
    SimplifiedOverLimit,
    /// The issuer has no series for this kind of invoice.
    NoSeries,
    /// A payment larger than what is still owed.
    Overpaid,
    /// The contract has no hours left to invoice.
    NothingToInvoice,
    /// More hours of a contract than it plans or has delivered (`detail`: how many are left).
    OverInvoiced,
    /// Taking this much would leave the product's stock below zero: `available` are left.
    NotEnoughStock {
        available: i64,
    },
}

impl FieldIssue {
    /// The message shown next to the field, in `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            FieldIssue::Required => Msg::ErrRequired.text(locale).to_string(),
            FieldIssue::TooShort { min } => Msg::ErrTooShort.text(locale).replace("{n}", &min.to_string()),
            FieldIssue::TooLong { max } => Msg::ErrTooLong.text(locale).replace("{n}", &max.to_string()),
            FieldIssue::InvalidEmail => Msg::ErrInvalidEmail.text(locale).to_string(),
            FieldIssue::EmailTaken => Msg::ErrEmailTaken.text(locale).to_string(),
            FieldIssue::InvalidChoice => Msg::ErrInvalidChoice.text(locale).to_string(),
            FieldIssue::WrongPassword => Msg::ErrWrongPassword.text(locale).to_string(),
            FieldIssue::PasswordsDiffer => Msg::ErrPasswordsDiffer.text(locale).to_string(),
            FieldIssue::InvalidTaxId => Msg::ErrInvalidTaxId.text(locale).to_string(),
            FieldIssue::TaxIdTaken { .. } => Msg::ErrTaxIdTaken.text(locale).to_string(),
            FieldIssue::PossibleDuplicate { .. } => Msg::ErrPossibleDuplicate.text(locale).to_string(),
            FieldIssue::InvalidPhone => Msg::ErrInvalidPhone.text(locale).to_string(),
            FieldIssue::InvalidUrl => Msg::ErrInvalidUrl.text(locale).to_string(),
            FieldIssue::InvalidDate => Msg::ErrInvalidDate.text(locale).to_string(),
            FieldIssue::NameTaken => Msg::ErrNameTaken.text(locale).to_string(),
            FieldIssue::Malformed => Msg::ErrMalformed.text(locale).to_string(),
            FieldIssue::InvalidNumber => Msg::ErrInvalidNumber.text(locale).to_string(),
            FieldIssue::AtLeast { n } => Msg::ErrAtLeast.text(locale).replace("{n}", &n.to_string()),
            FieldIssue::EndBeforeStart => Msg::ErrEndBeforeStart.text(locale).to_string(),
            FieldIssue::CodeTaken => Msg::ErrCodeTaken.text(locale).to_string(),
            FieldIssue::TrainerBusy => Msg::ErrTrainerBusy.text(locale).to_string(),
            FieldIssue::RoomBusy => Msg::ErrRoomBusy.text(locale).to_string(),
            FieldIssue::NotOpen => Msg::ErrNotOpen.text(locale).to_string(),
            FieldIssue::KeyReused => Msg::ErrKeyReused.text(locale).to_string(),
            FieldIssue::WrongState => Msg::ErrWrongState.text(locale).to_string(),
            FieldIssue::RoleInUse { n } => Msg::ErrRoleInUse.text(locale).replace("{n}", &n.to_string()),
            FieldIssue::RoleLocked => Msg::ErrRoleLocked.text(locale).to_string(),
            FieldIssue::OwnOnly => Msg::ErrOwnOnly.text(locale).to_string(),
            FieldIssue::RegimeNotAvailable => Msg::ErrRegimeNotAvailable.text(locale).to_string(),
            FieldIssue::SimplifiedOverLimit => Msg::ErrSimplifiedOverLimit.text(locale).to_string(),
            FieldIssue::NoSeries => Msg::ErrNoSeries.text(locale).to_string(),
            FieldIssue::Overpaid => Msg::ErrOverpaid.text(locale).to_string(),
            FieldIssue::NothingToInvoice => Msg::ErrNothingToInvoice.text(locale).to_string(),
            FieldIssue::OverInvoiced => Msg::ErrOverInvoiced.text(locale).to_string(),
            FieldIssue::NotEnoughStock { available } => {
                Msg::ErrNotEnoughStock.text(locale).replace("{n}", &available.to_string())
            }
            FieldIssue::HoldExpired => Msg::ErrHoldExpired.text(locale).to_string(),
            FieldIssue::TemplateBraces => Msg::ErrTemplateBraces.text(locale).to_string(),
            FieldIssue::TemplateVariable => Msg::ErrTemplateVariable.text(locale).to_string(),
            FieldIssue::EmailNotConfigured => Msg::ErrEmailNotConfigured.text(locale).to_string(),
            FieldIssue::EmailNotSent => Msg::ErrEmailNotSent.text(locale).to_string(),
            FieldIssue::OutOfRange { min, max } => {
                Msg::ErrOutOfRange.text(locale).replace("{from}", &min.to_string()).replace("{to}", &max.to_string())
            }
        }
    }
}

/// The error body of every failed server call and API request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub kind: ErrorKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<i64>,
}

impl ApiError {
    pub fn new(kind: ErrorKind) -> Self {
        ApiError { kind, fields: Vec::new(), retry_after_secs: None }
    }

    pub fn unauthorized() -> Self {
        Self::new(ErrorKind::Unauthorized)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorKind::Forbidden)
    }

    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound)
    }

    pub fn internal() -> Self {
        Self::new(ErrorKind::Internal)
    }

    /// A validation error on one field.
    pub fn field(field: &str, issue: FieldIssue) -> Self {
        Self::validation(vec![FieldError { field: field.to_string(), issue, detail: None }])
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        ApiError { kind: ErrorKind::Validation, fields, retry_after_secs: None }
    }

    pub fn rate_limited(retry_after_secs: i64) -> Self {
        ApiError { kind: ErrorKind::RateLimited, fields: Vec::new(), retry_after_secs: Some(retry_after_secs) }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self.kind {
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Validation => 422,
            ErrorKind::Conflict => 409,
            ErrorKind::RateLimited => 429,
            ErrorKind::Unavailable => 503,
            ErrorKind::Internal => 500,
        }
    }

    /// The message for `field`, translated, with the detail it refers to; `None` when the field
    /// is fine.
    pub fn message_for(&self, field: &str, locale: Locale) -> Option<String> {
        let f = self.fields.iter().find(|f| f.field == field)?;
        let text = f.issue.text(locale);
        Some(match &f.detail {
            Some(d) => format!("{text} {d}"),
            None => text,
        })
    }

    /// The issue reported for `field`, if any.
    pub fn issue_for(&self, field: &str) -> Option<FieldIssue> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.issue)
    }

    /// A one-line summary for a toast or banner, in `locale`.
    pub fn summary(&self, locale: Locale) -> String {
        match self.kind {
            ErrorKind::Unauthorized => Msg::ErrUnauthorized.text(locale).to_string(),
            ErrorKind::Forbidden => Msg::ErrForbidden.text(locale).to_string(),
            ErrorKind::NotFound => Msg::ErrNotFound.text(locale).to_string(),
            ErrorKind::Validation => Msg::ErrValidation.text(locale).to_string(),
            ErrorKind::Conflict => Msg::ErrConflict.text(locale).to_string(),
            ErrorKind::RateLimited => {
                let mins = (self.retry_after_secs.unwrap_or(60) + 59) / 60;
                Msg::ErrRateLimited.text(locale).replace("{n}", &mins.max(1).to_string())
            }
            ErrorKind::Unavailable => Msg::ErrUnavailable.text(locale).to_string(),
            ErrorKind::Internal => Msg::ErrInternal.text(locale).to_string(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.summary(Locale::En))?;
        for e in &self.fields {
            write!(f, " [{}: {}]", e.field, e.issue.text(Locale::En))?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_serializes_field_codes_without_any_free_text() {
        let e = ApiError::field("email", FieldIssue::TooShort { min: 3 });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "validation", "fields": [{"field": "email", "issue": {"code": "too_short", "min": 3}}]})
        );
        assert_eq!(e.status(), 422);
        let back: ApiError = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn field_messages_are_translated_with_their_parameter() {
        let issue = FieldIssue::TooShort { min: 12 };
        assert!(issue.text(Locale::Es).contains("12"));
        assert_ne!(issue.text(Locale::Es), issue.text(Locale::En));
        assert_ne!(issue.text(Locale::Eu), issue.text(Locale::En));
    }

    #[test]
    fn rate_limit_summary_rounds_up_to_whole_minutes() {
        let e = ApiError::rate_limited(61);
        assert!(e.summary(Locale::En).contains('2'), "{}", e.summary(Locale::En));
        assert_eq!(e.status(), 429);
    }
}
