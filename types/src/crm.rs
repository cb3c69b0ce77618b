//! The CRM core on the wire: organizations, people, their links, interests, interactions and the
//! client timeline. Enums travel as snake_case strings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::UserId;

id_type! {
    /// The id of an organization (a company, client or end client).
    OrganizationId;
    /// The id of a person (a contact, participant or B2C client).
    PersonId;
    /// The id of an interaction (call, meeting, email…).
    InteractionId;
    /// The id of an interest (segmentation category).
    InterestId;
}

choice! {
    /// Where an organization stands with the centre: lead → prospect → client → inactive.
    LifecycleStatus {
        Lead => "lead", StatusLead;
        Prospect => "prospect", StatusProspect;
        Client => "client", StatusClient;
        Inactive => "inactive", StatusInactive;
    }
}

choice! {
    /// How an organization or person first reached the centre.
    LeadSource {
        Web => "web", SourceWeb;
        Referral => "referral", SourceReferral;
        Fair => "fair", SourceFair;
        Campaign => "campaign", SourceCampaign;
        Phone => "phone", SourcePhone;
        Other => "other", SourceOther;
    }
}

choice! {
    /// What a person is for an organization.
    ContactRole {
        Manager => "manager", ContactManager;
        Coordinator => "coordinator", ContactCoordinator;
        Participant => "participant", ContactParticipant;
        Billing => "billing", ContactBilling;
        Other => "other", ContactOther;
    }
}

choice! {
    /// The channel of an interaction.
    InteractionKind {
        Call => "call", KindCall;
        Meeting => "meeting", KindMeeting;
        Email => "email", KindEmail;
        Whatsapp => "whatsapp", KindWhatsapp;
        Visit => "visit", KindVisit;
        Note => "note", KindNote;
    }
}

choice! {
    /// What came of an interaction.
    InteractionResult {
        Pending => "pending", ResultPending;
        Proposal => "proposal", ResultProposal;
        Won => "won", ResultWon;
        Lost => "lost", ResultLost;
        NoAnswer => "no_answer", ResultNoAnswer;
        FollowUp => "follow_up", ResultFollowUp;
    }
}

/// An organization as shown on its page and in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub id: OrganizationId,
    pub legal_name: String,
    pub trade_name: String,
    /// Two-letter country code of the tax id (and of the address).
    pub country: String,
    /// The tax id, normalized (upper case, no separators); empty when unknown.
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
    pub owner_id: Option<UserId>,
    pub owner_name: Option<String>,
    pub status: LifecycleStatus,
    pub status_changed_at: DateTime<Utc>,
    pub source: Option<LeadSource>,
    /// Signs and pays for trainings.
    pub is_contracting: bool,
    /// Receives trainings for its staff.
    pub is_end_client: bool,
    pub interests: Vec<InterestView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of the organization list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationRow {
    pub id: OrganizationId,
    pub legal_name: String,
    pub trade_name: String,
    pub tax_id: String,
    pub city: String,
    pub sector: String,
    pub email: String,
    pub phone: String,
    pub status: LifecycleStatus,
    pub owner_name: Option<String>,
    pub last_interaction_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The filters, search and order of the organization list; also what a saved view stores.
/// Every field is a plain string so it fits a URL query and a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub interest: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub city: String,
    /// `name`, `-name`, `created`, `-created`, `city`, `-city`, `status`, `-status`.
    #[serde(default)]
    pub sort: String,
    /// 1-based page number (as text, so a bad value is simply page 1).
    #[serde(default)]
    pub page: String,
}

impl OrganizationQuery {
    pub const PAGE_SIZE: i64 = 25;

    /// The page number, at least 1.
    pub fn page_number(&self) -> i64 {
        self.page.trim().parse::<i64>().ok().filter(|p| *p >= 1).unwrap_or(1).min(100_000)
    }

    /// The query as `key=value&…`, without empty fields, for links and saved views.
    pub fn to_query_string(&self) -> String {
        [
            ("q", &self.q),
            ("status", &self.status),
            ("interest", &self.interest),
            ("owner", &self.owner),
            ("sector", &self.sector),
            ("city", &self.city),
            ("sort", &self.sort),
            ("page", &self.page),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// The same query on another page.
    pub fn with_page(&self, page: i64) -> Self {
        OrganizationQuery { page: if page <= 1 { String::new() } else { page.to_string() }, ..self.clone() }
    }

    /// The same query with another order, back on page 1.
    pub fn with_sort(&self, sort: &str) -> Self {
        OrganizationQuery { sort: sort.to_string(), page: String::new(), ..self.clone() }
    }

    /// Reads a query back from `key=value&…` (the form a saved view keeps).
    pub fn from_query_string(s: &str) -> Self {
        let mut q = OrganizationQuery::default();
        for pair in s.trim_start_matches('?').split('&') {
            let Some((k, v)) = pair.split_once('=') else { continue };
            let v = decode_query_value(v);
            match k {
                "q" => q.q = v,
                "status" => q.status = v,
                "interest" => q.interest = v,
                "owner" => q.owner = v,
                "sector" => q.sector = v,
                "city" => q.city = v,
                "sort" => q.sort = v,
                "page" => q.page = v,
                _ => {}
            }
        }
        q
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a percent-encoded query value (`+` is a space); invalid escapes are kept as they are.
pub fn decode_query_value(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One page of organizations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationPage {
    pub rows: Vec<OrganizationRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

impl OrganizationPage {
    pub fn page_count(&self) -> i64 {
        ((self.total + self.page_size - 1) / self.page_size).max(1)
    }
}

/// The figures at the top of the client hub.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmKpis {
    pub total: i64,
    pub leads: i64,
    pub clients: i64,
    /// Organizations with an interaction in the current quarter.
    pub active_this_quarter: i64,
    /// Follow-ups (next actions) not yet done.
    pub pending_follow_ups: i64,
}

/// An interest (segmentation category).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestView {
    pub id: InterestId,
    pub name: String,
}

/// A person as shown on their page and in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: PersonId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub tax_id: String,
    pub city: String,
    pub notes: String,
    pub owner_id: Option<UserId>,
    pub owner_name: Option<String>,
    pub links: Vec<ContactLink>,
    pub interests: Vec<InterestView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When their personal data were erased (right to erasure); the record stays, anonymized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<DateTime<Utc>>,
}

impl PersonView {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_string()
    }
}

/// One row of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: PersonId,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub organizations: String,
    pub created_at: DateTime<Utc>,
}

/// One page of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPage {
    pub rows: Vec<PersonRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// A person's link to an organization, with the role they have there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactLink {
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub person_id: PersonId,
    pub person_name: String,
    pub email: String,
    pub phone: String,
    pub role: ContactRole,
    pub job_title: String,
}

/// An interaction with an organization and/or a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionView {
    pub id: InteractionId,
    pub organization_id: Option<OrganizationId>,
    pub organization_name: Option<String>,
    pub person_id: Option<PersonId>,
    pub person_name: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub kind: InteractionKind,
    pub description: String,
    pub result: InteractionResult,
    pub next_action: String,
    pub next_action_at: Option<DateTime<Utc>>,
    pub next_action_done: bool,
    pub create_reminder: bool,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
}

/// One entry of a client timeline. `kind` names the module that wrote it (`interaction`,
/// `status_changed`, `created`, `merged`, `contact_added`…; later modules add their own) and
/// `data` carries that module's fields, so new kinds need no change to the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub id: i64,
    pub kind: String,
    pub at: DateTime<Utc>,
    pub organization_id: Option<OrganizationId>,
    pub person_id: Option<PersonId>,
    pub actor_name: Option<String>,
    /// The record the event is about (an interaction id for `interaction`, …).
    pub ref_id: Option<i64>,
    /// Module-specific fields, as a JSON object in text.
    pub data: String,
}

/// A page of a timeline, newest first. `next_before` continues it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    /// Pass as `before` to get the next (older) page; `None` at the end.
    pub next_before: Option<String>,
}

/// A record that looks like the one being created (same tax id, email or phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    pub id: i64,
    pub name: String,
    /// Which field matched: `tax_id`, `email` or `phone`.
    pub field: String,
}

/// Everything the organization page shows, loaded with a bounded number of queries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationDetail {
    pub organization: OrganizationView,
    pub contacts: Vec<ContactLink>,
    pub follow_ups: Vec<InteractionView>,
    pub interaction_count: i64,
    /// The server's clock when loaded (the browser has none it can trust), to mark overdue items.
    pub now: DateTime<Utc>,
}

/// A saved set of filters on the client hub, per user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub query: String,
}

/// A user that can own records (for the owner pickers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerOption {
    pub id: UserId,
    pub name: String,
}

/// What the filters and forms of the client hub offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmChoices {
    pub owners: Vec<OwnerOption>,
    pub interests: Vec<InterestView>,
    pub sectors: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_survives_the_round_trip_through_a_url() {
        let q = OrganizationQuery {
            q: "José & Cía".into(),
            status: "lead".into(),
            city: "Donostia".into(),
            sort: "-created".into(),
            page: "3".into(),
            ..Default::default()
        };
        let s = q.to_query_string();
        assert!(!s.contains(' ') && !s.contains("&Cía"), "{s}");
        assert_eq!(OrganizationQuery::from_query_string(&s), q);
        assert_eq!(
            OrganizationQuery::from_query_string("q=a+b%2"),
            OrganizationQuery { q: "a b%2".into(), ..Default::default() }
        );
    }

    #[test]
    fn page_numbers_are_at_least_one() {
        for (raw, n) in [("", 1), ("0", 1), ("-4", 1), ("x", 1), ("7", 7)] {
            assert_eq!(OrganizationQuery { page: raw.into(), ..Default::default() }.page_number(), n, "{raw}");
        }
    }

    #[test]
    fn choices_round_trip_through_their_names() {
        for s in LifecycleStatus::ALL {
            assert_eq!(LifecycleStatus::parse(s.as_str()), Some(*s));
        }
        for r in InteractionResult::ALL {
            assert_eq!(InteractionResult::parse(r.as_str()), Some(*r));
        }
        assert_eq!(ContactRole::parse("boss"), None);
    }
}

/// A CSV import as its page shows it: the file's preview and mapping, then progress, then the
/// summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJobView {
    pub id: String,
    /// `organizations` or `people`.
    pub target: String,
    pub file_name: String,
    pub encoding: String,
    pub delimiter: String,
    pub headers: Vec<String>,
    /// The first rows, to check the mapping against.
    pub preview: Vec<Vec<String>>,
    pub row_count: i64,
    /// For each column, the field it is suggested for (empty: ignored).
    pub mapping: Vec<String>,
    /// The fields a column can go to.
    pub fields: Vec<String>,
    /// `ready`, `running`, `finished`, `failed`, `cancelled` or `undone`.
    pub state: String,
    /// Rows gone through so far.
    pub done: i64,
    pub update_existing: bool,
    /// Once started: what it did so far.
    pub summary: Option<ImportSummary>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub created: i64,
    pub updated: i64,
    /// The first skipped rows with their reasons (up to a thousand).
    pub skipped: Vec<SkippedRow>,
    /// All the skipped rows.
    pub skipped_count: i64,
}

/// A row that was not imported, and why: field errors, or a duplicate of record `duplicate_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: i64,
    pub fields: Vec<crate::FieldError>,
}
