//! The sales pipeline on the wire: stages, opportunities, the board and stage changes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{CourseId, OrganizationId, PersonId, UserId};

id_type! {
    /// A stage of the pipeline.
    StageId;
    /// An opportunity.
    OpportunityId;
}

choice! {
    /// What reaching a stage means: still open, won or lost (one stage of each terminal kind).
    StageKind {
        Open => "open", StageOpen;
        Won => "won", StageWon;
        Lost => "lost", StageLost;
    }
}

/// A stage as configured by a manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageView {
    pub id: StageId,
    pub name: String,
    pub kind: StageKind,
    pub position: i64,
    /// Default probability (0–100) of opportunities in this stage.
    pub probability: i64,
    /// Days after which an opportunity in this stage is "rotting"; `0` for never.
    pub rotting_days: i64,
    pub archived: bool,
}

/// An opportunity as shown on a card and on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityView {
    pub id: OpportunityId,
    pub title: String,
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub contact_id: Option<PersonId>,
    pub contact_name: Option<String>,
    pub value_cents: i64,
    pub expected_close: Option<NaiveDate>,
    pub stage_id: StageId,
    /// The probability in force: the override, or the stage's default.
    pub probability: i64,
    pub probability_override: Option<i64>,
    pub owner_id: Option<UserId>,
    pub owner_name: Option<String>,
    pub source: String,
    pub lost_reason: String,
    pub course_ids: Vec<CourseId>,
    /// The fractional ordering key within the stage (ties broken by id).
    pub rank: String,
    pub stage_entered_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// One column of the board: the first cards and the column's figures over all its cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage: StageView,
    pub cards: Vec<OpportunityView>,
    pub count: i64,
    pub total_cents: i64,
    /// Σ value × probability.
    pub weighted_cents: i64,
}

/// The board: every live stage in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    pub now: DateTime<Utc>,
}

/// A recorded stage change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChangeView {
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub actor_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// The pipeline's figures over the last months, for the metrics page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineMetrics {
    /// Per open stage in order: how many opportunities reached it, and the share of those that
    /// went on to the next stage (percent; `None` for the last).
    pub funnel: Vec<FunnelStep>,
    /// Average days spent in each stage (by the changes out of it and the cards still in it).
    pub days_in_stage: Vec<(String, f64)>,
    /// Per month (`yyyy-mm`): won, lost, win rate (percent) and value won (cents).
    pub months: Vec<MonthFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub stage: String,
    pub reached: i64,
    pub conversion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: String,
    pub won: i64,
    pub lost: i64,
    pub win_rate: Option<i64>,
    pub value_won_cents: i64,
}

id_type! {
    /// A proposal.
    ProposalId;
    /// A proposal template.
    ProposalTemplateId;
}

choice! {
    /// Where a proposal stands; a sent one past its valid-until date expires.
    ProposalState {
        Draft => "draft", ProposalDraft;
        Sent => "sent", ProposalSent;
        Accepted => "accepted", ProposalAccepted;
        Rejected => "rejected", ProposalRejected;
        Expired => "expired", ProposalExpired;
    }
}

/// The variables a proposal template may use, as `{{name}}`.
pub const TEMPLATE_VARIABLES: [&str; 7] =
    ["clientName", "companyName", "contactName", "proposalDate", "validUntil", "discountPercentage", "total"];

/// A template as edited by a manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalTemplateView {
    pub id: ProposalTemplateId,
    pub name: String,
    pub body: String,
}

/// One line of a proposal: hours of a course at an hourly price, or units at a unit price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLineView {
    pub course_id: Option<CourseId>,
    pub description: String,
    pub minutes: Option<i64>,
    pub quantity: Option<i64>,
    pub unit_cents: i64,
    pub amount_cents: i64,
}

/// A proposal with its lines, totals and the template's text filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: ProposalId,
    pub opportunity_id: OpportunityId,
    pub opportunity_title: String,
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub contact_name: Option<String>,
    pub template_id: Option<ProposalTemplateId>,
    pub template_name: Option<String>,
    pub state: ProposalState,
    pub issue_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub discount_bp: i64,
    pub vat_bp: i64,
    pub vat_exempt: bool,
    pub lines: Vec<ProposalLineView>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub taxable_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
    pub text: String,
}

impl ProposalView {
    /// Whether the proposal can still change state (draft or sent).
    pub fn is_open(&self) -> bool {
        matches!(self.state, ProposalState::Draft | ProposalState::Sent)
    }
}

/// A proposal as its page shows it, with the issuing centre's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPage {
    pub proposal: ProposalView,
    pub centre_name: String,
}

/// A proposal in the list on its opportunity's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalSummary {
    pub id: ProposalId,
    pub state: ProposalState,
    pub issue_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub total_cents: i64,
    pub template_name: Option<String>,
}

/// Everything the opportunity page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityPage {
    pub opportunity: OpportunityView,
    pub stage: StageView,
    /// The courses of interest: id, code and title.
    pub courses: Vec<(CourseId, String, String)>,
    pub history: Vec<StageChangeView>,
    pub proposals: Vec<ProposalSummary>,
    pub now: DateTime<Utc>,
}
