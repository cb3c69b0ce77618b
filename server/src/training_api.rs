//! Workshops and enrollments over HTTP: the staff API under `/api/v1` (token, role checked) and
//! the public one under `/api/public` (no sign-in: the catalogue and the enroll form of the
//! website). Staff enroll through `domain::training::enrollment::enroll_participant`, confirmed
//! at once; the public form asks (`domain::training::requests`): the seat is held until the
//! visitor confirms by the emailed link. A retry sends the same `Idempotency-Key` header and gets
//! the first answer back.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::training::payments::{self, PaymentInput, SimulatedProvider};
use domain::training::requests::{self, RequestInput};
use domain::training::workshops::{self, WorkshopInput, WorkshopScope};
use serde::{Deserialize, Serialize};
use types::{
    Action, ApiError, EnrollmentId, EnrollmentOutcome, EnrollmentRequestId, FieldIssue, Module, PersonId,
    PublicWorkshop, WorkshopId, WorkshopView,
};

use crate::edge::{body, id_of, ok, ApiPath, ApiQuery, Caller, HttpError, HttpResult};
use crate::AxumState;

/// Staff routes, merged into `/api/v1`.
pub fn v1_routes() -> Router<AxumState> {
    Router::new()
        .route("/workshops", get(list_workshops).post(create_workshop))
        .route("/workshops/{id}", get(get_workshop).put(update_workshop))
        .route("/workshops/{id}/enrollments", get(list_enrollments).post(enroll_person))
        .route("/enrollments/{id}/cancel", post(cancel_enrollment))
        .route("/enrollments/{id}/payment", post(pay_enrollment))
        .route("/workshops/{id}/enrollment-requests", get(list_requests))
        .route("/enrollment-requests/{id}/confirm", post(confirm_request))
        .route("/enrollment-requests/{id}/discard", post(discard_request))
}

/// Public routes, nested under `/api/public`.
pub fn public_routes() -> Router<AxumState> {
    Router::new()
        .route("/workshops", get(public_catalogue))
        .route("/workshops/{id}", get(public_workshop))
        .route("/workshops/{id}/enrollments", post(public_enroll))
        .route("/enrollment-requests/{token}", get(public_request))
        .route("/enrollment-requests/{token}/confirm", post(public_confirm))
        .fallback(|| async { HttpError(ApiError::not_found()) })
}

/// A workshop for staff: everything, with the seats left spelled out.
#[derive(Serialize)]
struct StaffWorkshop {
    #[serde(flatten)]
    workshop: WorkshopView,
    seats_left: i64,
}

fn staff_view(w: WorkshopView) -> StaffWorkshop {
    StaffWorkshop { seats_left: w.seats_left(), workshop: w }
}

/// The answer to an enrollment: 201 when this request created it, 200 when it answers an earlier
/// one (a retry with the same key, or the same person again).
#[derive(Serialize)]
struct EnrollmentAnswer {
    #[serde(flatten)]
    enrollment: types::EnrollmentView,
    created: bool,
    seats_left: i64,
}

fn answer(o: EnrollmentOutcome) -> HttpResult {
    let status = if o.created { StatusCode::CREATED } else { StatusCode::OK };
    ok(status, EnrollmentAnswer { enrollment: o.enrollment, created: o.created, seats_left: o.seats_left })
}

/// The `Idempotency-Key` header, if sent.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, HttpError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(|s| Some(s.to_string()))
            .map_err(|_| HttpError(ApiError::field("idempotency_key", FieldIssue::Malformed))),
    }
}

#[derive(Deserialize, Default)]
struct ScopeQuery {
    #[serde(default)]
    scope: String,
}

async fn list_workshops(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<ScopeQuery>) -> HttpResult {
    who.require(Module::Workshops, Action::View)?;
    let scope = match q.scope.as_str() {
        "" | "upcoming" => WorkshopScope::Upcoming,
        "past" => WorkshopScope::Past,
        _ => return Err(HttpError(ApiError::field("scope", FieldIssue::InvalidChoice))),
    };
    let list = workshops::list_workshops(&s.app.db, scope).await?;
    ok(StatusCode::OK, list.into_iter().map(staff_view).collect::<Vec<_>>())
}

/// The JSON body for creating or replacing a workshop. Times are local to the centre
/// (`YYYY-MM-DDTHH:MM`); the price is in cents.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkshopBody {
    title: String,
    #[serde(default)]
    interest_id: Option<i64>,
    #[serde(default)]
    description: String,
    starts_at: String,
    ends_at: String,
    #[serde(default)]
    place: String,
    capacity: i64,
    price_cents: i64,
    #[serde(default)]
    state: String,
    #[serde(default)]
    min_participants: Option<i64>,
}

impl From<WorkshopBody> for WorkshopInput {
    fn from(b: WorkshopBody) -> Self {
        // A negative amount keeps its sign, which the parser refuses as not a number.
        let price = types::fmt::money_input(b.price_cents);
        WorkshopInput {
            title: b.title,
            interest_id: b.interest_id.map(|i| i.to_string()).unwrap_or_default(),
            description: b.description,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            place: b.place,
            capacity: b.capacity.to_string(),
            price,
            state: b.state,
            min_participants: b.min_participants.map(|m| m.to_string()).unwrap_or_default(),
        }
    }
}

async fn create_workshop(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<WorkshopBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Workshops, Action::Edit)?;
    let input: WorkshopInput = body(b)?.into();
    let tz = types::fmt::time_zone(&s.app.time_zone);
    ok(StatusCode::CREATED, staff_view(workshops::create_workshop(&s.app.db, user.id, &input, tz).await?))
}

async fn get_workshop(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Workshops, Action::View)?;
    ok(StatusCode::OK, staff_view(workshops::get_workshop(&s.app.db, WorkshopId(id_of(&id)?)).await?))
}

async fn update_workshop(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<WorkshopBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Workshops, Action::Edit)?;
    let id = WorkshopId(id_of(&id)?);
    let input: WorkshopInput = body(b)?.into();
    let tz = types::fmt::time_zone(&s.app.time_zone);
    ok(StatusCode::OK, staff_view(workshops::update_workshop(&s.app.db, user.id, id, &input, tz).await?))
}

async fn list_enrollments(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Workshops, Action::View)?;
    let id = WorkshopId(id_of(&id)?);
    workshops::get_workshop(&s.app.db, id).await?;
    ok(StatusCode::OK, enrollment::list_enrollments(&s.app.db, id).await?)
}

/// Staff enroll a person on record.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffEnrollBody {
    person_id: i64,
}

async fn enroll_person(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    headers: HeaderMap,
    b: Result<Json<StaffEnrollBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Reception, Action::Create)?;
    let workshop_id = WorkshopId(id_of(&id)?);
    let b = body(b)?;
    let req = EnrollRequest {
        workshop_id,
        enrollee: Enrollee::Existing(PersonId(b.person_id)),
        idempotency_key: idempotency_key(&headers)?,
        channel: Channel::Api,
        actor: Some(user.id),
    };
    answer(enrollment::enroll_participant(&s.app.db, &req).await?)
}

#[derive(Serialize)]
struct CancelAnswer {
    cancelled: types::EnrollmentView,
    promoted: Vec<types::EnrollmentView>,
}

async fn cancel_enrollment(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    let user = who.require(Module::Reception, Action::Edit)?;
    let c = enrollment::cancel_enrollment(&s.app.db, Some(user.id), EnrollmentId(id_of(&id)?)).await?;
    ok(StatusCode::OK, CancelAnswer { cancelled: c.cancelled, promoted: c.promoted })
}

/// A payment taken at the desk; no amount means the workshop's price.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentBody {
    #[serde(default)]
    amount_cents: Option<i64>,
    method: String,
    #[serde(default)]
    reference: String,
}

async fn pay_enrollment(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<PaymentBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Reception, Action::Edit)?;
    let id = EnrollmentId(id_of(&id)?);
    let b = body(b)?;
    let amount = b.amount_cents.map(types::fmt::money_input).unwrap_or_default();
    let input = PaymentInput { amount, method: b.method, reference: b.reference };
    ok(StatusCode::OK, payments::record_payment(&s.app.db, &SimulatedProvider, Some(user.id), id, &input).await?)
}

async fn public_catalogue(State(s): State<AxumState>) -> HttpResult {
    let list = workshops::public_workshops(&s.app.db).await?;
    ok(StatusCode::OK, list.into_iter().map(PublicWorkshop::from).collect::<Vec<_>>())
}

async fn public_workshop(State(s): State<AxumState>, ApiPath(id): ApiPath) -> HttpResult {
    ok(StatusCode::OK, PublicWorkshop::from(workshops::public_workshop(&s.app.db, WorkshopId(id_of(&id)?)).await?))
}

/// What the public enroll form sends.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicEnrollBody {
    first_name: String,
    #[serde(default)]
    last_name: String,
    email: String,
    #[serde(default)]
    phone: String,
    /// The language of the confirmation email (`es`, `eu`, `en`); the centre's by default.
    #[serde(default)]
    locale: Option<String>,
}

async fn public_enroll(
    State(s): State<AxumState>,
    ApiPath(id): ApiPath,
    headers: HeaderMap,
    client: Option<axum::Extension<app::state::ClientIp>>,
    b: Result<Json<PublicEnrollBody>, JsonRejection>,
) -> HttpResult {
    let workshop_id = WorkshopId(id_of(&id)?);
    s.app.limits.enroll(client.map(|c| c.0), workshop_id.0).map_err(HttpError)?;
    let b = body(b)?;
    let input = RequestInput {
        workshop_id,
        first_name: b.first_name,
        last_name: b.last_name,
        email: b.email,
        phone: b.phone,
        idempotency_key: idempotency_key(&headers)?,
        locale: b.locale.as_deref().and_then(types::Locale::parse).unwrap_or(s.app.default_locale),
    };
    let mail = s.app.request_mail();
    let r = requests::request_enrollment(&s.app.db, &input, s.app.seat_hold_secs, mail.mailer.is_some()).await?;
    if r.mail_queued {
        mail.send_soon(r.id);
    }
    ok(StatusCode::ACCEPTED, r.answer)
}

/// A request as its link's token names it.
async fn public_request(
    State(s): State<AxumState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> HttpResult {
    ok(StatusCode::OK, requests::request_by_token(&s.app.db, &token).await?)
}

/// The visitor confirms their request (the emailed link's token).
async fn public_confirm(
    State(s): State<AxumState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> HttpResult {
    ok(StatusCode::OK, requests::confirm_by_token(&s.app.db, &token).await?)
}

async fn list_requests(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Reception, Action::Edit)?;
    let id = WorkshopId(id_of(&id)?);
    workshops::get_workshop(&s.app.db, id).await?;
    ok(StatusCode::OK, requests::pending_requests(&s.app.db, id).await?)
}

/// Staff confirm a request on the visitor's behalf (reached by phone, at the desk).
async fn confirm_request(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    let user = who.require(Module::Reception, Action::Edit)?;
    let id = EnrollmentRequestId(id_of(&id)?);
    ok(StatusCode::OK, requests::confirm_by_staff(&s.app.db, user.id, id).await?)
}

async fn discard_request(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    let user = who.require(Module::Reception, Action::Edit)?;
    requests::discard_request(&s.app.db, user.id, EnrollmentRequestId(id_of(&id)?)).await?;
    Ok(axum::response::IntoResponse::into_response(StatusCode::NO_CONTENT))
}
