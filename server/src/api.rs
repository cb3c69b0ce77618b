//! The REST API under `/api/v1` for integrations: organizations, people, contacts, interests and
//! interactions, authenticated with per-user API tokens (`Authorization: Bearer aula_…`; a
//! signed-in browser's session serves too), acting with the caller's permissions (`edge::Caller`). Errors are `types::ApiError` JSON bodies (422 with field codes for
//! bad input); lists are pages with a stable order. `openapi.json` describes exactly this.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::crm::{interactions, interests, organizations as orgs, people, timeline};
use serde::{Deserialize, Serialize};
use types::{Action, ApiError, Module, OrganizationId, OrganizationQuery, PersonId};

use crate::edge::{body, id_of, ok, ApiPath, ApiQuery, Caller, HttpError, HttpResult};
use crate::AxumState;

/// The routes, to be nested under `/api/v1`.
pub fn routes() -> Router<AxumState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/organizations", get(list_organizations).post(create_organization))
        .route("/organizations/{id}", get(get_organization).put(update_organization).delete(delete_organization))
        .route("/organizations/{id}/contacts", get(list_contacts).post(add_contact))
        .route("/organizations/{id}/timeline", get(organization_timeline))
        .route("/people", get(list_people).post(create_person))
        .route("/people/{id}", get(get_person).put(update_person))
        .route("/people/{id}/timeline", get(person_timeline))
        .route("/interests", get(list_interests).post(create_interest))
        .route("/interactions", get(list_interactions).post(create_interaction))
        .route("/audit-log", get(audit_log))
        .route("/audit-log/verify", get(audit_verify))
        .merge(crate::training_api::v1_routes())
        .merge(crate::billing_api::v1_routes())
        .merge(crate::products_api::v1_routes())
        .fallback(|| async { HttpError(ApiError::not_found()) })
}

/// A page of results.
#[derive(Serialize)]
pub(crate) struct Page<T> {
    pub data: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

#[derive(Deserialize, Default)]
pub(crate) struct Paging {
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub per_page: String,
}

impl Paging {
    pub fn page(&self) -> i64 {
        self.page.trim().parse::<i64>().ok().filter(|p| *p >= 1).unwrap_or(1).min(100_000)
    }
    pub fn per_page(&self) -> i64 {
        self.per_page.trim().parse::<i64>().ok().unwrap_or(25).clamp(1, 100)
    }
}

#[derive(Deserialize)]
struct OrgListQuery {
    #[serde(flatten)]
    query: OrganizationQuery,
    #[serde(default)]
    per_page: String,
}

async fn list_organizations(
    State(s): State<AxumState>,
    who: Caller,
    ApiQuery(q): ApiQuery<OrgListQuery>,
) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let per_page = Paging { page: String::new(), per_page: q.per_page }.per_page();
    let page = orgs::list_organizations_sized(&s.app.db, &q.query, per_page).await?;
    ok(StatusCode::OK, Page { data: page.rows, page: page.page, per_page: page.page_size, total: page.total })
}

/// The JSON body for creating or replacing an organization.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationBody {
    legal_name: String,
    #[serde(default)]
    trade_name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    tax_id: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    owner_id: Option<i64>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    is_contracting: Option<bool>,
    #[serde(default)]
    is_end_client: Option<bool>,
    #[serde(default)]
    interests: Vec<String>,
}

impl From<OrganizationBody> for orgs::OrganizationInput {
    fn from(b: OrganizationBody) -> Self {
        orgs::OrganizationInput {
            legal_name: b.legal_name,
            trade_name: b.trade_name,
            country: b.country,
            tax_id: b.tax_id,
            sector: b.sector,
            address: b.address,
            postal_code: b.postal_code,
            city: b.city,
            province: b.province,
            email: b.email,
            phone: b.phone,
            website: b.website,
            notes: b.notes,
            owner_id: b.owner_id.map(|i| i.to_string()).unwrap_or_default(),
            status: b.status,
            source: b.source,
            is_contracting: b.is_contracting.unwrap_or(true),
            is_end_client: b.is_end_client.unwrap_or(false),
            interests: b.interests,
        }
    }
}

#[derive(Deserialize, Default)]
struct CreateFlags {
    #[serde(default)]
    allow_duplicates: String,
}

impl CreateFlags {
    fn allow(&self) -> bool {
        matches!(self.allow_duplicates.as_str(), "true" | "1")
    }
}

async fn create_organization(
    State(s): State<AxumState>,
    who: Caller,
    ApiQuery(flags): ApiQuery<CreateFlags>,
    b: Result<Json<OrganizationBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let input: orgs::OrganizationInput = body(b)?.into();
    let created = orgs::create_organization(&s.app.db, user.id, &input, flags.allow()).await?;
    ok(StatusCode::CREATED, created)
}

async fn get_organization(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let org = orgs::get_organization(&s.app.db, OrganizationId(id_of(&id)?)).await?;
    ok(StatusCode::OK, org)
}

async fn update_organization(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<OrganizationBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let id = OrganizationId(id_of(&id)?);
    let input: orgs::OrganizationInput = body(b)?.into();
    let org = orgs::update_organization(&s.app.db, user.id, id, &input).await?;
    ok(StatusCode::OK, org)
}

async fn delete_organization(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    let user = who.require(Module::Crm, Action::Delete)?;
    orgs::delete_organization(&s.app.db, user.id, OrganizationId(id_of(&id)?)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn list_contacts(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let id = OrganizationId(id_of(&id)?);
    orgs::get_organization(&s.app.db, id).await?;
    ok(StatusCode::OK, people::contacts_of_organization(&s.app.db, id).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactBody {
    person_id: i64,
    #[serde(default)]
    role: String,
    #[serde(default)]
    job_title: String,
}

async fn add_contact(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<ContactBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let id = OrganizationId(id_of(&id)?);
    let b = body(b)?;
    orgs::get_organization(&s.app.db, id).await?;
    people::add_contact(&s.app.db, user.id, id, PersonId(b.person_id), &b.role, &b.job_title).await?;
    ok(StatusCode::CREATED, people::contacts_of_organization(&s.app.db, id).await?)
}

#[derive(Deserialize, Default)]
struct TimelineQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    limit: String,
}

async fn timeline_of(s: &AxumState, who: &Caller, subject: timeline::Subject, q: TimelineQuery) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let kinds: Vec<String> = q.kind.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
    let limit = q.limit.trim().parse::<i64>().ok().unwrap_or(50).clamp(1, 200);
    let before = Some(q.before.as_str()).filter(|b| !b.is_empty());
    ok(StatusCode::OK, timeline::timeline(&s.app.db, subject, &kinds, before, limit).await?)
}

async fn organization_timeline(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    ApiQuery(q): ApiQuery<TimelineQuery>,
) -> HttpResult {
    let id = OrganizationId(id_of(&id)?);
    who.require(Module::Crm, Action::View)?;
    orgs::get_organization(&s.app.db, id).await?;
    timeline_of(&s, &who, timeline::Subject::Organization(id), q).await
}

async fn person_timeline(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    ApiQuery(q): ApiQuery<TimelineQuery>,
) -> HttpResult {
    let id = PersonId(id_of(&id)?);
    who.require(Module::Crm, Action::View)?;
    people::get_person(&s.app.db, id).await?;
    timeline_of(&s, &who, timeline::Subject::Person(id), q).await
}

#[derive(Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_people(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<PeopleQuery>) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let page = people::list_people(&s.app.db, &q.q, q.paging.page()).await?;
    ok(StatusCode::OK, Page { data: page.rows, page: page.page, per_page: page.page_size, total: page.total })
}

/// The JSON body for creating or replacing a person; `organization_id` (with `role` and
/// `job_title`) links a new person to an organization.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonBody {
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    tax_id: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    owner_id: Option<i64>,
    #[serde(default)]
    interests: Vec<String>,
    #[serde(default)]
    organization_id: Option<i64>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    job_title: String,
}

impl PersonBody {
    fn input(&self) -> people::PersonInput {
        people::PersonInput {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            tax_id: self.tax_id.clone(),
            city: self.city.clone(),
            notes: self.notes.clone(),
            owner_id: self.owner_id.map(|i| i.to_string()).unwrap_or_default(),
            interests: self.interests.clone(),
        }
    }
}

async fn create_person(
    State(s): State<AxumState>,
    who: Caller,
    ApiQuery(flags): ApiQuery<CreateFlags>,
    b: Result<Json<PersonBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let b = body(b)?;
    let link = b.organization_id.map(|o| people::LinkInput {
        organization_id: o.to_string(),
        role: b.role.clone(),
        job_title: b.job_title.clone(),
    });
    let created = people::create_person(&s.app.db, user.id, &b.input(), link.as_ref(), flags.allow()).await?;
    ok(StatusCode::CREATED, created)
}

async fn get_person(State(s): State<AxumState>, who: Caller, ApiPath(id): ApiPath) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    ok(StatusCode::OK, people::get_person(&s.app.db, PersonId(id_of(&id)?)).await?)
}

async fn update_person(
    State(s): State<AxumState>,
    who: Caller,
    ApiPath(id): ApiPath,
    b: Result<Json<PersonBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let id = PersonId(id_of(&id)?);
    let b = body(b)?;
    ok(StatusCode::OK, people::update_person(&s.app.db, user.id, id, &b.input()).await?)
}

async fn list_interests(State(s): State<AxumState>, who: Caller) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    ok(StatusCode::OK, interests::list_interests(&s.app.db).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InterestBody {
    name: String,
}

async fn create_interest(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<InterestBody>, JsonRejection>,
) -> HttpResult {
    who.require(Module::Crm, Action::Edit)?;
    let b = body(b)?;
    ok(StatusCode::CREATED, interests::create_interest(&s.app.db, &b.name).await?)
}

#[derive(Deserialize)]
struct InteractionListQuery {
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    person_id: String,
    #[serde(flatten)]
    paging: Paging,
}

async fn list_interactions(
    State(s): State<AxumState>,
    who: Caller,
    ApiQuery(q): ApiQuery<InteractionListQuery>,
) -> HttpResult {
    who.require(Module::Crm, Action::View)?;
    let org = q.organization_id.trim().parse::<i64>().ok().map(OrganizationId);
    let person = q.person_id.trim().parse::<i64>().ok().map(PersonId);
    let (per_page, page) = (q.paging.per_page(), q.paging.page());
    let (data, total) =
        interactions::list_interactions(&s.app.db, org, person, per_page, (page - 1) * per_page).await?;
    ok(StatusCode::OK, Page { data, page, per_page, total })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InteractionBody {
    #[serde(default)]
    organization_id: Option<i64>,
    #[serde(default)]
    person_id: Option<i64>,
    #[serde(default)]
    occurred_at: String,
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    next_action: String,
    #[serde(default)]
    next_action_at: String,
    #[serde(default)]
    create_reminder: bool,
}

async fn create_interaction(
    State(s): State<AxumState>,
    who: Caller,
    b: Result<Json<InteractionBody>, JsonRejection>,
) -> HttpResult {
    let user = who.require(Module::Crm, Action::Edit)?;
    let b = body(b)?;
    let input = interactions::InteractionInput {
        organization_id: b.organization_id.map(OrganizationId),
        person_id: b.person_id.map(PersonId),
        occurred_at: b.occurred_at,
        kind: b.kind,
        description: b.description,
        result: b.result,
        next_action: b.next_action,
        next_action_at: b.next_action_at,
        create_reminder: b.create_reminder,
    };
    let tz = types::fmt::time_zone(&s.app.time_zone);
    ok(StatusCode::CREATED, interactions::create_interaction(&s.app.db, user.id, &input, tz).await?)
}

async fn openapi() -> Response {
    let mut res = crate::openapi::DOCUMENT.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

/// `GET /api/v1/audit-log`: entries newest first (administrators), filtered by `user_id`,
/// `module`, `entity`, `entity_id`, `from`, `to`; `before` is the previous page's `next`.
async fn audit_log(State(s): State<AxumState>, who: Caller, ApiQuery(q): ApiQuery<types::AuditQuery>) -> HttpResult {
    who.require(Module::Admin, Action::View)?;
    ok(StatusCode::OK, domain::audit::list(&s.app.db, &q).await?)
}

/// `GET /api/v1/audit-log/verify`: whether the chain of hashes is intact (administrators).
async fn audit_verify(State(s): State<AxumState>, who: Caller) -> HttpResult {
    who.require(Module::Admin, Action::View)?;
    ok(StatusCode::OK, domain::audit::verify(&s.app.db).await?)
}
