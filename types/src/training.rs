//! Training operations on the wire: the course catalogue, contracts and their sessions,
//! participants and attendance, rooms, public workshops and their enrollments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{InterestId, OrganizationId, PersonId, UserId};

id_type! {
    /// The id of a course in the catalogue.
    CourseId;
    /// The id of a contract (contratación).
    ContractId;
    /// The id of a session of a contract.
    SessionId;
    /// The id of a room (aula / sala).
    RoomId;
    /// The id of a public workshop (taller).
    WorkshopId;
    /// The id of an enrollment in a workshop.
    EnrollmentId;
    /// The id of a request from the public form, awaiting the visitor's confirmation.
    EnrollmentRequestId;
}

choice! {
    /// Where a request from the public form stands.
    RequestState {
        Pending => "pending", ReqPending;
        Confirmed => "confirmed", ReqConfirmed;
        Expired => "expired", ReqExpired;
        Discarded => "discarded", ReqDiscarded;
    }
}

choice! {
    /// How a course or contract is delivered.
    Modality {
        InPerson => "in_person", ModalityInPerson;
        Online => "online", ModalityOnline;
        Mixed => "mixed", ModalityMixed;
    }
}

choice! {
    /// Where a contract stands.
    ContractState {
        Draft => "draft", ContractDraft;
        Confirmed => "confirmed", ContractConfirmed;
        InProgress => "in_progress", ContractInProgress;
        Completed => "completed", ContractCompleted;
        Cancelled => "cancelled", ContractCancelled;
    }
}

choice! {
    /// Where a session stands. A proposal may have no date yet.
    SessionState {
        Proposal => "proposal", SessionProposal;
        Scheduled => "scheduled", SessionScheduled;
        Done => "done", SessionDone;
        Cancelled => "cancelled", SessionCancelled;
    }
}

choice! {
    /// Whether a participant attended a session.
    AttendanceStatus {
        Present => "present", AttendancePresent;
        Late => "late", AttendanceLate;
        Absent => "absent", AttendanceAbsent;
    }
}

choice! {
    /// Where a workshop stands. Only published workshops take enrollments.
    WorkshopState {
        Draft => "draft", WorkshopDraft;
        Published => "published", WorkshopPublished;
        Closed => "closed", WorkshopClosed;
        Cancelled => "cancelled", WorkshopCancelled;
    }
}

choice! {
    /// Whether an enrollment holds a seat.
    EnrollmentState {
        Confirmed => "confirmed", EnrollmentConfirmed;
        Waitlisted => "waitlisted", EnrollmentWaitlisted;
        Cancelled => "cancelled", EnrollmentCancelled;
    }
}

choice! {
    /// Whether an enrollment has been paid.
    PaymentStatus {
        Pending => "pending", PaymentPending;
        Paid => "paid", PaymentPaid;
        Refunded => "refunded", PaymentRefunded;
    }
}

choice! {
    /// How an enrollment was paid.
    PaymentMethod {
        Card => "card", PayCard;
        Cash => "cash", PayCash;
        Transfer => "transfer", PayTransfer;
        Bizum => "bizum", PayBizum;
    }
}

/// A course of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseView {
    pub id: CourseId,
    pub code: String,
    pub title: String,
    pub description: String,
    /// Default length in minutes (hours × 60).
    pub default_minutes: i64,
    pub default_hourly_price_cents: i64,
    pub modality: Modality,
    pub interests: Vec<String>,
    pub active: bool,
}

/// A room sessions can be held in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: RoomId,
    pub name: String,
    pub capacity: i64,
    pub active: bool,
}

/// A contract as listed and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractView {
    pub id: ContractId,
    pub file_number: String,
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub end_client_id: Option<OrganizationId>,
    pub end_client_name: Option<String>,
    pub course_id: CourseId,
    pub course_title: String,
    pub hourly_price_cents: i64,
    pub planned_minutes: i64,
    pub modality: Modality,
    pub state: ContractState,
    pub notes: String,
    /// Minutes of scheduled and done sessions.
    pub scheduled_minutes: i64,
    /// Minutes of done sessions.
    pub delivered_minutes: i64,
    pub created_at: DateTime<Utc>,
}

impl ContractView {
    /// True when more hours are scheduled than the contract plans.
    pub fn over_planned(&self) -> bool {
        self.scheduled_minutes > self.planned_minutes
    }

    /// The contract's value: planned hours × hourly price, rounded to the cent.
    pub fn planned_value_cents(&self) -> i64 {
        (self.planned_minutes * self.hourly_price_cents + 30) / 60
    }
}

/// One page of contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractPage {
    pub items: Vec<ContractView>,
    pub total: i64,
}

/// A session of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: SessionId,
    pub contract_id: ContractId,
    pub file_number: String,
    pub course_title: String,
    pub organization_name: String,
    pub state: SessionState,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub address: String,
    pub video_link: String,
    pub trainer_id: Option<UserId>,
    pub trainer_name: Option<String>,
    pub room_id: Option<RoomId>,
    pub room_name: Option<String>,
    pub notes: String,
}

impl SessionView {
    /// The session's length in minutes, once it has times.
    pub fn minutes(&self) -> i64 {
        match (self.starts_at, self.ends_at) {
            (Some(s), Some(e)) => (e - s).num_minutes().max(0),
            _ => 0,
        }
    }
}

/// A participant of a contract with their attendance so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub person_id: PersonId,
    pub name: String,
    pub email: String,
    /// Done sessions the participant was present or late at.
    pub attended: i64,
    /// Done sessions with attendance taken.
    pub recorded: i64,
}

impl ParticipantView {
    /// Attendance in whole percent of the recorded sessions; `None` before any.
    pub fn attendance_percent(&self) -> Option<i64> {
        (self.recorded > 0).then(|| (self.attended * 100 + self.recorded / 2) / self.recorded)
    }
}

/// Everything the contract page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub contract: ContractView,
    pub sessions: Vec<SessionView>,
    pub participants: Vec<ParticipantView>,
    /// People of the end client (or the contracting organization) who are not participants yet.
    pub candidates: Vec<(PersonId, String)>,
    pub trainers: Vec<(UserId, String)>,
    pub rooms: Vec<RoomView>,
}

/// One participant's attendance at one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub person_id: PersonId,
    pub name: String,
    pub status: Option<AttendanceStatus>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// A session with its attendance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub session: SessionView,
    pub attendance: Vec<AttendanceRow>,
}

/// What the contract forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingChoices {
    pub organizations: Vec<(OrganizationId, String)>,
    pub courses: Vec<CourseView>,
    pub trainers: Vec<(UserId, String)>,
    pub rooms: Vec<RoomView>,
    pub interests: Vec<(InterestId, String)>,
}

/// A workshop as listed and shown, with its seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopView {
    pub id: WorkshopId,
    pub title: String,
    pub interest_id: Option<InterestId>,
    pub interest_name: Option<String>,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub capacity: i64,
    pub price_cents: i64,
    pub state: WorkshopState,
    pub min_participants: Option<i64>,
    pub confirmed: i64,
    /// Seats held for public requests awaiting the visitor's confirmation.
    pub held: i64,
    pub waitlisted: i64,
}

impl WorkshopView {
    /// Free seats: capacity minus confirmed enrollments and held seats.
    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.confirmed - self.held).max(0)
    }

    /// True while the minimum to go ahead is not reached.
    pub fn below_minimum(&self) -> bool {
        self.min_participants.is_some_and(|m| self.confirmed < m)
    }
}

/// An enrollment as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentView {
    pub id: EnrollmentId,
    pub workshop_id: WorkshopId,
    pub person_id: PersonId,
    pub person_name: String,
    pub email: String,
    pub state: EnrollmentState,
    /// 1-based place on the waitlist while waitlisted.
    pub waitlist_position: Option<i64>,
    pub payment_status: PaymentStatus,
    pub amount_paid_cents: i64,
    pub payment_method: Option<PaymentMethod>,
    pub payment_reference: String,
    pub created_at: DateTime<Utc>,
}

/// What the enrollment transaction answers: the enrollment, and whether this request created it
/// (false when an earlier request with the same key or the same person already had).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentOutcome {
    pub enrollment: EnrollmentView,
    pub created: bool,
    pub seats_left: i64,
}

/// Everything the staff workshop page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopDetail {
    pub workshop: WorkshopView,
    /// The server's clock when this was read (the browser's may differ).
    pub now: DateTime<Utc>,
    pub enrollments: Vec<EnrollmentView>,
    /// Requests from the public form still awaiting confirmation, oldest first.
    pub requests: Vec<EnrollmentRequestView>,
    pub paid_cents: i64,
}

/// A workshop as the public sees it: the seats left, not who is waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicWorkshop {
    pub id: WorkshopId,
    pub title: String,
    pub interest: Option<String>,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub price_cents: i64,
    pub capacity: i64,
    pub seats_left: i64,
}

impl From<WorkshopView> for PublicWorkshop {
    fn from(w: WorkshopView) -> Self {
        PublicWorkshop {
            id: w.id,
            seats_left: w.seats_left(),
            title: w.title,
            interest: w.interest_name,
            description: w.description,
            starts_at: w.starts_at,
            ends_at: w.ends_at,
            place: w.place,
            price_cents: w.price_cents,
            capacity: w.capacity,
        }
    }
}

/// A form that enrolls, with the key that makes submitting it twice harmless.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollForm<T> {
    pub subject: T,
    pub form_key: String,
}

/// What the public is told after enrolling: their state and place, nothing about others.
/// The answer to the public form, the same whoever's email it names (it never tells whether the
/// address is known): the request holds a seat (or a place in the queue, when full) until the
/// visitor confirms by the emailed link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicEnrollment {
    /// Always `pending_confirmation`.
    pub status: String,
    /// A seat is held; otherwise the request joins the waitlist once confirmed.
    pub seat_held: bool,
    /// How long the hold lasts.
    pub hold_minutes: i64,
    /// The confirmation goes by email; false when the centre has no mail server and confirms
    /// requests itself.
    pub confirm_by_email: bool,
    pub seats_left: i64,
}

/// A public request as the visitor sees it on the confirmation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRequest {
    pub workshop: PublicWorkshop,
    pub state: RequestState,
    pub seat_held: bool,
    pub expires_at: DateTime<Utc>,
    /// Once confirmed: the enrollment's state and waitlist position.
    pub enrollment: Option<(EnrollmentState, Option<i64>)>,
    /// Confirmed, but the address already had a place in the workshop.
    pub already_enrolled: bool,
}

/// A public request as staff see it on the workshop page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentRequestView {
    pub id: EnrollmentRequestId,
    pub workshop_id: WorkshopId,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub seat_held: bool,
    pub state: RequestState,
    pub expires_at: DateTime<Utc>,
    /// `queued`, `sending`, `sent`, `failed` or `skipped` (too many emails to the address).
    pub mail_state: String,
    pub created_at: DateTime<Utc>,
}

/// What a cancellation did, for the staff page's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationView {
    pub cancelled: EnrollmentView,
    pub promoted: Vec<EnrollmentView>,
}

/// The front desk's day: today's sessions and workshops in the centre's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayView {
    pub now: DateTime<Utc>,
    pub sessions: Vec<SessionView>,
    pub workshops: Vec<WorkshopView>,
}

/// A person's workshops: their enrollments (with the workshop's title) and the workshops they
/// could be enrolled in now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonWorkshops {
    pub enrollments: Vec<(EnrollmentView, String)>,
    pub open: Vec<PublicWorkshop>,
    pub form_key: String,
}
