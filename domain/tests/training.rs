//! Training operations against a real database (SQLite or PostgreSQL, see `domain::testing`):
//! the enrollment transaction, workshops, contracts, sessions and attendance.

use std::sync::Arc;

use domain::email::Mailer;
use domain::testing::{self, SmtpSink, TestDb};
use domain::training::attendance;
use domain::training::contracts::{self, ContractInput};
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::training::payments::{self, PaymentInput, SimulatedProvider};
use domain::training::requests::{self, RequestInput};
use domain::training::rooms;
use domain::training::sessions::{self, SessionInput};
use domain::training::workshops::{self, WorkshopInput};
use domain::{Error, Reach};
use types::{
    ContractId, EnrollmentRequestId, EnrollmentState, FieldIssue, Locale, PaymentStatus, PersonId, PublicEnrollment,
    RequestState, SessionState, UserId, WorkshopId, WorkshopState,
};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

fn issue(err: Error) -> (String, FieldIssue, Option<String>) {
    match err {
        Error::Validation(f) => {
            let f = f.into_iter().next().expect("one field error");
            (f.field, f.issue, f.detail)
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn fields(err: Error) -> Vec<(String, FieldIssue)> {
    match err {
        Error::Validation(f) => {
            let mut v: Vec<_> = f.into_iter().map(|f| (f.field, f.issue)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn workshop_input(capacity: i64, state: WorkshopState) -> WorkshopInput {
    WorkshopInput { state: state.as_str().into(), ..testing::workshop_input(10, capacity) }
}

async fn published(t: &TestDb, actor: UserId, capacity: i64) -> WorkshopId {
    testing::published_workshop(&t.db, actor, 10, capacity).await.id
}

fn newcomer(n: usize) -> Enrollee {
    Enrollee::New {
        first_name: format!("Persona{n}"),
        last_name: "Prueba".into(),
        email: format!("persona{n}@example.com"),
        phone: String::new(),
    }
}

fn request(workshop: WorkshopId, enrollee: Enrollee, key: Option<&str>) -> EnrollRequest {
    EnrollRequest {
        workshop_id: workshop,
        enrollee,
        idempotency_key: key.map(str::to_string),
        channel: Channel::Public,
        actor: None,
    }
}

async fn confirmed_rows(t: &TestDb, w: WorkshopId) -> (i64, i64, i64) {
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM enrollments WHERE workshop_id = $1 AND state = 'confirmed'")
            .bind(w.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    let (counter, capacity): (i64, i64) = sqlx::query_as("SELECT confirmed, capacity FROM workshops WHERE id = $1")
        .bind(w.0)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    (rows, counter, capacity)
}

#[tokio::test]
async fn a_full_workshop_waitlists_in_order_and_a_cancellation_promotes_the_head() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 2).await;
    let mut outcomes = Vec::new();
    for n in 0..4 {
        outcomes.push(enrollment::enroll_participant(&t.db, &request(w, newcomer(n), None)).await.unwrap());
    }
    let states: Vec<_> = outcomes.iter().map(|o| (o.enrollment.state, o.enrollment.waitlist_position)).collect();
    assert_eq!(
        states,
        vec![
            (EnrollmentState::Confirmed, None),
            (EnrollmentState::Confirmed, None),
            (EnrollmentState::Waitlisted, Some(1)),
            (EnrollmentState::Waitlisted, Some(2)),
        ]
    );
    assert_eq!(outcomes[1].seats_left, 0);

    let c = enrollment::cancel_enrollment(&t.db, Some(staff), outcomes[0].enrollment.id).await.unwrap();
    assert_eq!(c.cancelled.state, EnrollmentState::Cancelled);
    assert_eq!(c.promoted.len(), 1);
    assert_eq!(c.promoted[0].id, outcomes[2].enrollment.id, "the head of the waitlist gets the seat");
    let fourth = enrollment::get_enrollment(&t.db, outcomes[3].enrollment.id).await.unwrap();
    assert_eq!(fourth.waitlist_position, Some(1), "the rest of the waitlist moves up");
    let (rows, counter, _) = confirmed_rows(&t, w).await;
    assert_eq!((rows, counter), (2, 2));
    let err = enrollment::cancel_enrollment(&t.db, Some(staff), outcomes[0].enrollment.id).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::WrongState);
    // The person's timeline tells the story.
    let kinds: Vec<(String,)> = sqlx::query_as("SELECT kind FROM timeline_events WHERE person_id = $1 ORDER BY id")
        .bind(outcomes[2].enrollment.person_id.0)
        .fetch_all(t.db.pool())
        .await
        .unwrap();
    let kinds: Vec<_> = kinds.into_iter().map(|(k,)| k).collect();
    assert!(kinds.ends_with(&["waitlisted".to_string(), "enrollment_promoted".to_string()]), "{kinds:?}");
}

#[tokio::test]
async fn a_retry_with_the_same_key_answers_the_first_result_and_a_reused_key_is_refused() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 5).await;
    let first = enrollment::enroll_participant(&t.db, &request(w, newcomer(1), Some("k-1"))).await.unwrap();
    assert!(first.created);
    let retry = enrollment::enroll_participant(&t.db, &request(w, newcomer(1), Some("k-1"))).await.unwrap();
    assert!(!retry.created);
    assert_eq!(retry.enrollment.id, first.enrollment.id);
    let err = enrollment::enroll_participant(&t.db, &request(w, newcomer(2), Some("k-1"))).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::KeyReused);
    // The same person without a key: still one live enrollment.
    let again = enrollment::enroll_participant(&t.db, &request(w, newcomer(1), None)).await.unwrap();
    assert!(!again.created);
    assert_eq!(again.enrollment.id, first.enrollment.id);
    let (rows, counter, _) = confirmed_rows(&t, w).await;
    assert_eq!((rows, counter), (1, 1));
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(people, 1, "the public form matched the person by email");
}

#[tokio::test]
async fn the_database_itself_refuses_a_second_live_enrollment_and_an_oversold_counter() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 1).await;
    let o = enrollment::enroll_participant(&t.db, &request(w, newcomer(1), None)).await.unwrap();
    let dup = sqlx::query(
        "INSERT INTO enrollments (workshop_id, person_id, state, created_at, updated_at) VALUES ($1, $2, 'waitlisted', 0, 0)",
    )
    .bind(w.0)
    .bind(o.enrollment.person_id.0)
    .execute(t.db.pool())
    .await;
    assert!(dup.is_err(), "the partial unique index holds");
    let oversell = sqlx::query("UPDATE workshops SET confirmed = confirmed + 1 WHERE id = $1")
        .bind(w.0)
        .execute(t.db.pool())
        .await;
    assert!(oversell.is_err(), "the CHECK holds");
}

#[tokio::test]
async fn concurrent_enrollments_never_oversell_and_never_duplicate() {
    let t = Arc::new(TestDb::new().await);
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 10).await;
    let mut tasks = Vec::new();
    for n in 0..60usize {
        let t = t.clone();
        // Every fifth request repeats an earlier person; every seventh retries an earlier key.
        let person = if n % 5 == 4 { n - 1 } else { n };
        let key = if n % 7 == 6 { format!("key-{}", n - 1) } else { format!("key-{n}") };
        let person = if n % 7 == 6 {
            if (n - 1) % 5 == 4 {
                n - 2
            } else {
                n - 1
            }
        } else {
            person
        };
        tasks.push(tokio::spawn(async move {
            enrollment::enroll_participant(&t.db, &request(w, newcomer(person), Some(&key))).await
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("every request succeeds");
    }
    let (rows, counter, capacity) = confirmed_rows(&t, w).await;
    assert_eq!((rows, counter, capacity), (10, 10, 10));
    let (live, distinct): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT person_id) FROM enrollments WHERE workshop_id = $1 AND state <> 'cancelled'",
    )
    .bind(w.0)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(live, distinct);
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!(view.seats_left(), 0);
    assert_eq!(view.waitlisted, live - 10);
}

#[tokio::test]
async fn only_published_future_workshops_take_enrollments_and_capacity_changes_respect_seats() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let draft = workshops::create_workshop(&t.db, staff, &workshop_input(2, WorkshopState::Draft), TZ).await.unwrap();
    let err = enrollment::enroll_participant(&t.db, &request(draft.id, newcomer(1), None)).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::NotOpen);

    let w = published(&t, staff, 2).await;
    for n in 0..4 {
        enrollment::enroll_participant(&t.db, &request(w, newcomer(n), None)).await.unwrap();
    }
    let err = workshops::update_workshop(&t.db, staff, w, &workshop_input(1, WorkshopState::Published), TZ)
        .await
        .unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::AtLeast { n: 2 });
    let bigger =
        workshops::update_workshop(&t.db, staff, w, &workshop_input(3, WorkshopState::Published), TZ).await.unwrap();
    assert_eq!(
        (bigger.confirmed, bigger.waitlisted, bigger.seats_left()),
        (3, 1, 0),
        "a new seat went to the waitlist"
    );

    let mut bad = workshop_input(0, WorkshopState::Published);
    bad.ends_at = bad.starts_at.clone();
    bad.price = "12,345".into();
    let err = workshops::create_workshop(&t.db, staff, &bad, TZ).await.unwrap_err();
    assert_eq!(
        fields(err),
        vec![
            ("capacity".into(), FieldIssue::AtLeast { n: 1 }),
            ("ends_at".into(), FieldIssue::EndBeforeStart),
            ("price".into(), FieldIssue::InvalidNumber)
        ]
    );
}

#[tokio::test]
async fn payment_is_taken_once_for_a_confirmed_seat_and_can_be_refunded() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 1).await;
    let seat = enrollment::enroll_participant(&t.db, &request(w, newcomer(1), None)).await.unwrap().enrollment;
    let waiting = enrollment::enroll_participant(&t.db, &request(w, newcomer(2), None)).await.unwrap().enrollment;
    let provider = SimulatedProvider;
    let card = PaymentInput { amount: String::new(), method: "card".into(), reference: String::new() };
    let err = payments::record_payment(&t.db, &provider, Some(staff), waiting.id, &card).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::WrongState);
    let paid = payments::record_payment(&t.db, &provider, Some(staff), seat.id, &card).await.unwrap();
    assert_eq!(paid.payment_status, PaymentStatus::Paid);
    assert_eq!(paid.amount_paid_cents, 4500, "an empty amount is the workshop's price");
    assert!(paid.payment_reference.starts_with("SIM-"));
    let err = payments::record_payment(&t.db, &provider, Some(staff), seat.id, &card).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::WrongState);
    let bad = PaymentInput { amount: "abc".into(), method: "cheque".into(), reference: String::new() };
    let err = payments::record_payment(&t.db, &provider, Some(staff), seat.id, &bad).await.unwrap_err();
    assert_eq!(
        fields(err),
        vec![("amount".into(), FieldIssue::InvalidNumber), ("method".into(), FieldIssue::InvalidChoice)]
    );
    let refunded = payments::refund_payment(&t.db, &provider, Some(staff), seat.id).await.unwrap();
    assert_eq!(refunded.payment_status, PaymentStatus::Refunded);
    let detail = workshops::workshop_detail(&t.db, w).await.unwrap();
    assert_eq!(detail.paid_cents, 0);
}

struct Setup {
    staff: UserId,
    contract: ContractId,
    people: Vec<PersonId>,
}

/// A confirmed contract of `course` paid by `payer`, with the course's defaults.
async fn confirmed_contract(
    t: &TestDb,
    staff: UserId,
    payer: types::OrganizationId,
    course: types::CourseId,
) -> types::ContractView {
    testing::confirmed_contract(&t.db, staff, payer, course).await
}

async fn contract_setup(t: &TestDb, modality: &str) -> Setup {
    let staff = domain::testing::staff_user(&t.db).await;
    let payer = testing::client(&t.db, staff, "Metalúrgica Ibaizabal", "Bilbao").await;
    let course = testing::prl_course(&t.db, "6", modality).await;
    let contract = confirmed_contract(t, staff, payer.id, course.id).await;
    let mut people_ids = Vec::new();
    for name in ["Ane", "Iker"] {
        people_ids.push(testing::participant_of(&t.db, staff, payer.id, name, "Zubia", "").await.id);
    }
    Setup { staff, contract: contract.id, people: people_ids }
}

fn session(contract: ContractId, day: &str, start: &str, end: &str) -> SessionInput {
    testing::session_input(contract, day, start, end)
}

#[tokio::test]
async fn a_contract_takes_its_course_defaults_and_a_unique_file_number() {
    let t = TestDb::new().await;
    let s = contract_setup(&t, "in_person").await;
    let c = contracts::get_contract(&t.db, s.contract).await.unwrap();
    assert_eq!((c.planned_minutes, c.hourly_price_cents), (360, 6000));
    assert!(c.file_number.starts_with("EXP-"), "{}", c.file_number);
    assert_eq!(c.planned_value_cents(), 36000);
    let err = contracts::create_contract(
        &t.db,
        s.staff,
        &ContractInput {
            organization_id: c.organization_id.to_string(),
            course_id: c.course_id.to_string(),
            file_number: c.file_number.to_lowercase(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::CodeTaken);
    let err = contracts::create_contract(
        &t.db,
        s.staff,
        &ContractInput {
            organization_id: "999".into(),
            course_id: String::new(),
            planned_hours: "x".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        fields(err),
        vec![
            ("course_id".into(), FieldIssue::Required),
            ("organization_id".into(), FieldIssue::InvalidChoice),
            ("planned_hours".into(), FieldIssue::InvalidNumber)
        ]
    );
}

#[tokio::test]
async fn a_trainer_or_a_room_is_never_booked_twice_and_the_refusal_names_the_clash() {
    let t = TestDb::new().await;
    let s = contract_setup(&t, "in_person").await;
    let room = rooms::save_room(&t.db, None, "Aula 2", "12", true).await.unwrap();
    let mut first = session(s.contract, "2026-12-01", "10:00", "14:00");
    first.trainer_id = s.staff.to_string();
    first.room_id = room.id.to_string();
    let a = sessions::save_session(&t.db, s.staff, None, &first, TZ).await.unwrap();
    assert_eq!(a.minutes(), 240);

    let mut clash = session(s.contract, "2026-12-01", "13:00", "15:00");
    clash.trainer_id = s.staff.to_string();
    let err = sessions::save_session(&t.db, s.staff, None, &clash, TZ).await.unwrap_err();
    let (field, code, detail) = issue(err);
    assert_eq!((field.as_str(), code), ("trainer_id", FieldIssue::TrainerBusy));
    let detail = detail.unwrap();
    assert!(detail.contains("01/12/2026 10:00–14:00") && detail.contains("Prevención de riesgos"), "{detail}");

    let mut room_clash = session(s.contract, "2026-12-01", "09:00", "10:30");
    room_clash.room_id = room.id.to_string();
    let err = sessions::save_session(&t.db, s.staff, None, &room_clash, TZ).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::RoomBusy);

    // Back to back is fine, and so is a proposal or a cancelled session at the same time.
    let mut after = session(s.contract, "2026-12-01", "14:00", "16:00");
    after.trainer_id = s.staff.to_string();
    after.room_id = room.id.to_string();
    sessions::save_session(&t.db, s.staff, None, &after, TZ).await.unwrap();
    let mut proposal = clash.clone();
    proposal.state = "proposal".into();
    sessions::save_session(&t.db, s.staff, None, &proposal, TZ).await.unwrap();
    // Moving the first session onto its own slot is not a clash with itself.
    sessions::save_session(&t.db, s.staff, Some(a.id), &first, TZ).await.unwrap();
    let mut cancel = first.clone();
    cancel.state = "cancelled".into();
    sessions::save_session(&t.db, s.staff, Some(a.id), &cancel, TZ).await.unwrap();
    let mut freed = session(s.contract, "2026-12-01", "11:00", "14:00");
    freed.trainer_id = s.staff.to_string();
    freed.room_id = room.id.to_string();
    sessions::save_session(&t.db, s.staff, None, &freed, TZ)
        .await
        .expect("the cancelled session frees trainer and room");
}

#[tokio::test]
async fn a_scheduled_session_needs_its_times_and_the_place_its_modality_asks_for() {
    let t = TestDb::new().await;
    let s = contract_setup(&t, "mixed").await;
    let mut input = session(s.contract, "", "", "");
    input.address = String::new();
    let err = sessions::save_session(&t.db, s.staff, None, &input, TZ).await.unwrap_err();
    assert_eq!(
        fields(err),
        vec![
            ("address".into(), FieldIssue::Required),
            ("date".into(), FieldIssue::Required),
            ("end_time".into(), FieldIssue::Required),
            ("start_time".into(), FieldIssue::Required),
            ("video_link".into(), FieldIssue::Required)
        ]
    );
    input.state = "proposal".into();
    let p = sessions::save_session(&t.db, s.staff, None, &input, TZ).await.expect("an undated proposal is fine");
    assert_eq!((p.state, p.starts_at), (SessionState::Proposal, None));
    let mut backwards = session(s.contract, "2026-12-02", "12:00", "10:00");
    backwards.video_link = "https://meet.example.com/prl".into();
    let err = sessions::save_session(&t.db, s.staff, None, &backwards, TZ).await.unwrap_err();
    assert_eq!(fields(err), vec![("end_time".into(), FieldIssue::EndBeforeStart)]);
}

#[tokio::test]
async fn hours_burn_down_and_attendance_rates_follow_the_sessions() {
    let t = TestDb::new().await;
    let s = contract_setup(&t, "in_person").await;
    let mut ids = Vec::new();
    for (day, state) in [("2026-12-01", "done"), ("2026-12-02", "done"), ("2026-12-03", "scheduled")] {
        let mut input = session(s.contract, day, "09:00", "11:30");
        input.state = state.into();
        ids.push(sessions::save_session(&t.db, s.staff, None, &input, TZ).await.unwrap().id);
    }
    let c = contracts::get_contract(&t.db, s.contract).await.unwrap();
    assert_eq!((c.scheduled_minutes, c.delivered_minutes), (450, 300));
    assert!(c.over_planned(), "7.5 h scheduled against 6 h planned");

    for p in &s.people {
        attendance::add_participant(&t.db, s.contract, *p).await.unwrap();
    }
    attendance::record_attendance(&t.db, s.staff, ids[0], s.people[0], "present").await.unwrap();
    attendance::record_attendance(&t.db, s.staff, ids[1], s.people[0], "late").await.unwrap();
    attendance::record_attendance(&t.db, s.staff, ids[0], s.people[1], "present").await.unwrap();
    let absent = attendance::record_attendance(&t.db, s.staff, ids[1], s.people[1], "absent").await.unwrap();
    assert_eq!(absent.checked_in_at, None);
    let detail = contracts::contract_detail(&t.db, s.contract, Reach::All).await.unwrap();
    let rates: Vec<_> = detail.participants.iter().map(|p| (p.name.clone(), p.attendance_percent())).collect();
    assert_eq!(rates, vec![("Ane Zubia".to_string(), Some(100)), ("Iker Zubia".to_string(), Some(50))]);
    assert!(detail.candidates.is_empty(), "both contacts are participants now");
    let sheet = attendance::session_detail(&t.db, ids[0], Reach::All).await.unwrap();
    assert!(sheet.attendance.iter().all(|a| a.checked_in_at.is_some()));
    let err = attendance::record_attendance(&t.db, s.staff, ids[0], PersonId(9999), "present").await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::InvalidChoice);

    // Each line of the sheet and each participant is in the audit log, the person by id.
    let audited = |entity: &'static str, id: i64| {
        let db = t.db.clone();
        async move {
            let q = types::AuditQuery { entity: Some(entity.into()), entity_id: Some(id), ..Default::default() };
            domain::audit::list(&db, &q).await.unwrap().entries
        }
    };
    let sheet = audited("attendance", ids[1].0).await;
    let lines: Vec<Vec<(String, Option<String>)>> =
        sheet.iter().map(|e| e.changes.iter().map(|c| (c.field.clone(), c.after.clone())).collect()).collect();
    assert_eq!(
        lines,
        [
            vec![("person_id".into(), Some(s.people[1].0.to_string())), ("status".into(), Some("absent".into()))],
            vec![("person_id".into(), Some(s.people[0].0.to_string())), ("status".into(), Some("late".into()))],
        ]
    );
    assert_eq!(sheet[0].user_id, Some(s.staff));
    assert_eq!(audited("contract_participants", s.contract.0).await.len(), 2, "both participants added");
}

// Requests from the public form: held seats, the emailed confirmation, expiry.

const HOLD: i64 = 20 * 60;

fn ask(w: WorkshopId, n: usize, key: Option<&str>) -> RequestInput {
    RequestInput {
        workshop_id: w,
        first_name: format!("Persona{n}"),
        last_name: "Prueba".into(),
        email: format!("persona{n}@example.com"),
        phone: String::new(),
        idempotency_key: key.map(str::to_string),
        locale: Locale::Es,
    }
}

fn mail(t: &TestDb, sink: &SmtpSink) -> requests::Mail {
    requests::Mail {
        db: t.db.clone(),
        mailer: Some(Arc::new(Mailer::from_config(&sink.config()).unwrap().unwrap())),
        base_url: "https://aula.example".into(),
        tz: TZ,
        centre_name: "Centro de pruebas".into(),
    }
}

/// Sends the request's email through the real SMTP sink and returns the message and the link's token.
async fn emailed_token(m: &requests::Mail, sink: &SmtpSink, id: EnrollmentRequestId) -> (String, String) {
    let before = sink.messages().len();
    assert!(requests::send_confirmation(m, id).await.unwrap(), "the server accepted the email");
    let message = sink.wait_for(before + 1, 10).await.pop().expect("the email arrived");
    let token = message
        .split("/talleres/confirmar/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the email carries the link")
        .to_string();
    (message, token)
}

async fn people_with_email(t: &TestDb, email: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people WHERE email = $1")
        .bind(email)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn a_held_seat_counts_against_capacity_and_the_visitor_is_a_contact_only_once_confirmed() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let sink = SmtpSink::start(0);
    let m = mail(&t, &sink);
    let w = published(&t, staff, 2).await;

    let a = requests::request_enrollment(&t.db, &ask(w, 1, None), HOLD, true).await.unwrap();
    let b = requests::request_enrollment(&t.db, &ask(w, 2, None), HOLD, true).await.unwrap();
    let c = requests::request_enrollment(&t.db, &ask(w, 3, None), HOLD, true).await.unwrap();
    assert!(a.answer.seat_held && b.answer.seat_held && !c.answer.seat_held, "two seats, two holds");
    assert_eq!((b.answer.seats_left, a.answer.hold_minutes, a.answer.status.as_str()), (0, 20, "pending_confirmation"));
    assert_eq!(people_with_email(&t, "persona1@example.com").await, 0, "an unconfirmed visitor is nobody on record");
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!((view.confirmed, view.held, view.seats_left()), (0, 2, 0));
    // Staff cannot take a held seat: the walk-in goes to the waitlist.
    let walk_in = enrollment::enroll_participant(&t.db, &staff_request(w, newcomer(9), staff)).await.unwrap();
    assert_eq!(walk_in.enrollment.state, EnrollmentState::Waitlisted);
    assert_eq!(requests::pending_requests(&t.db, w).await.unwrap().len(), 3);

    let (message, token) = emailed_token(&m, &sink, a.id).await;
    assert!(message.contains("To: persona1@example.com") && message.contains("Taller de resina"), "{message}");
    let page = requests::request_by_token(&t.db, &token).await.unwrap();
    assert_eq!((page.state, page.seat_held), (RequestState::Pending, true));
    let done = requests::confirm_by_token(&t.db, &token).await.unwrap();
    assert_eq!((done.state, done.enrollment), (RequestState::Confirmed, Some((EnrollmentState::Confirmed, None))));
    assert_eq!(requests::confirm_by_token(&t.db, &token).await.unwrap(), done, "a second click answers the same");
    assert_eq!(people_with_email(&t, "persona1@example.com").await, 1, "confirmed: now a person on record");
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!((view.confirmed, view.held, view.waitlisted), (1, 1, 1));
    let (rows, counter, _) = confirmed_rows(&t, w).await;
    assert_eq!(rows, counter);

    // The queued request joins the waitlist behind the walk-in once confirmed.
    let (_, token) = emailed_token(&m, &sink, c.id).await;
    let done = requests::confirm_by_token(&t.db, &token).await.unwrap();
    assert_eq!(done.enrollment, Some((EnrollmentState::Waitlisted, Some(2))));
    assert!(matches!(requests::request_by_token(&t.db, &"0".repeat(64)).await, Err(Error::NotFound)));
    assert!(matches!(requests::request_by_token(&t.db, "not-a-token").await, Err(Error::NotFound)));
}

fn staff_request(w: WorkshopId, enrollee: Enrollee, staff: UserId) -> EnrollRequest {
    EnrollRequest { workshop_id: w, enrollee, idempotency_key: None, channel: Channel::Staff, actor: Some(staff) }
}

#[tokio::test]
async fn an_unconfirmed_hold_expires_and_its_seat_goes_to_the_head_of_the_waitlist() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let sink = SmtpSink::start(0);
    let m = mail(&t, &sink);
    let w = published(&t, staff, 1).await;
    let held = requests::request_enrollment(&t.db, &ask(w, 1, None), HOLD, true).await.unwrap();
    let waiting = enrollment::enroll_participant(&t.db, &staff_request(w, newcomer(2), staff)).await.unwrap();
    assert_eq!(waiting.enrollment.state, EnrollmentState::Waitlisted);
    let (_, token) = emailed_token(&m, &sink, held.id).await;

    let now = domain::clock::now();
    assert_eq!(requests::expire_due(&t.db, now + HOLD - 5).await.unwrap(), 0, "not before its time");
    assert_eq!(requests::expire_due(&t.db, now + HOLD + 5).await.unwrap(), 1);
    let promoted = enrollment::get_enrollment(&t.db, waiting.enrollment.id).await.unwrap();
    assert_eq!(promoted.state, EnrollmentState::Confirmed, "the freed seat went to the waitlist's head");
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!((view.confirmed, view.held, view.waitlisted), (1, 0, 0));
    let err = requests::confirm_by_token(&t.db, &token).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::HoldExpired);
    assert_eq!(requests::request_by_token(&t.db, &token).await.unwrap().state, RequestState::Expired);
    assert_eq!(people_with_email(&t, "persona1@example.com").await, 0);
    assert_eq!(requests::send_queued(&m, 50).await.unwrap(), 0, "an expired request is never emailed");

    // A hold already past its time gives its seat back to the next request, sweep or not.
    let w = published(&t, staff, 1).await;
    let stale = requests::request_enrollment(&t.db, &ask(w, 3, None), 0, true).await.unwrap();
    assert!(stale.answer.seat_held);
    let next = requests::request_enrollment(&t.db, &ask(w, 4, None), HOLD, true).await.unwrap();
    assert!(next.answer.seat_held, "the stale hold was released in the same transaction");
    assert_eq!(workshops::get_workshop(&t.db, w).await.unwrap().held, 1);
}

#[tokio::test]
async fn the_answer_never_tells_whether_an_address_is_known_and_the_email_carries_nothing_typed() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let sink = SmtpSink::start(0);
    let m = mail(&t, &sink);
    let w = published(&t, staff, 10).await;
    let known = enrollment::enroll_participant(&t.db, &staff_request(w, newcomer(1), staff)).await.unwrap();
    assert_eq!(known.enrollment.state, EnrollmentState::Confirmed);

    let shape = |a: &PublicEnrollment| (a.status.clone(), a.seat_held, a.hold_minutes, a.confirm_by_email);
    let mut spam = ask(w, 1, None);
    spam.first_name = "Gana dinero en spam.example".into();
    let enrolled = requests::request_enrollment(&t.db, &spam, HOLD, true).await.unwrap();
    let fresh = requests::request_enrollment(&t.db, &ask(w, 2, None), HOLD, true).await.unwrap();
    assert_eq!(shape(&enrolled.answer), shape(&fresh.answer), "an enrolled address and a new one get the same answer");

    let (message, token) = emailed_token(&m, &sink, enrolled.id).await;
    assert!(!message.contains("spam.example") && !message.contains("Gana dinero"), "{message}");
    let done = requests::confirm_by_token(&t.db, &token).await.unwrap();
    assert!(done.already_enrolled, "confirming tells the address's owner, not the form");
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!((view.confirmed, view.held), (1, 1), "no second enrollment; that hold went back");
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(people, 1, "nobody new on record");
}

#[tokio::test]
async fn an_address_gets_at_most_three_confirmation_emails_an_hour_and_a_retry_holds_no_second_seat() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 10).await;
    let mut queued = Vec::new();
    for n in 0..5 {
        let r = requests::request_enrollment(&t.db, &ask(w, 1, Some(&format!("k-{n}"))), HOLD, true).await.unwrap();
        queued.push(r.mail_queued);
    }
    assert_eq!(queued, vec![true, true, true, false, false]);
    let retry = requests::request_enrollment(&t.db, &ask(w, 1, Some("k-0")), HOLD, true).await.unwrap();
    assert!(!retry.mail_queued);
    assert_eq!(workshops::get_workshop(&t.db, w).await.unwrap().held, 5, "the retry held nothing more");
    let err = requests::request_enrollment(&t.db, &ask(w, 2, Some("k-0")), HOLD, true).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::KeyReused);
    let err = requests::request_enrollment(&t.db, &ask(w, 3, None), HOLD, false).await.unwrap();
    assert!(!err.mail_queued && !err.answer.confirm_by_email, "without a mail server the centre confirms");

    // Staff confirm one for the visitor: the address's other requests give their seats back.
    let pending = requests::pending_requests(&t.db, w).await.unwrap();
    let e = requests::confirm_by_staff(&t.db, staff, pending[0].id).await.unwrap();
    assert_eq!((e.state, e.email.as_str()), (EnrollmentState::Confirmed, "persona1@example.com"));
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!((view.confirmed, view.held), (1, 1), "the four other requests of that address are gone");
    let last = requests::pending_requests(&t.db, w).await.unwrap();
    assert_eq!(last.len(), 1);
    requests::discard_request(&t.db, staff, last[0].id).await.unwrap();
    assert_eq!(workshops::get_workshop(&t.db, w).await.unwrap().held, 0);
    let err = requests::discard_request(&t.db, staff, last[0].id).await.unwrap_err();
    assert_eq!(issue(err).1, FieldIssue::WrongState);
}

#[tokio::test]
async fn holds_and_staff_enrollments_racing_for_seats_never_oversell() {
    let t = Arc::new(TestDb::new().await);
    let staff = domain::testing::staff_user(&t.db).await;
    let w = published(&t, staff, 10).await;
    let mut tasks = Vec::new();
    for n in 0..40usize {
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            if n % 2 == 0 {
                requests::request_enrollment(&t.db, &ask(w, n, None), HOLD, false).await.map(|r| r.answer.seat_held)
            } else {
                enrollment::enroll_participant(&t.db, &staff_request(w, newcomer(n), staff))
                    .await
                    .map(|o| o.enrollment.state == EnrollmentState::Confirmed)
            }
        }));
    }
    let mut seats = 0;
    for task in tasks {
        seats += i64::from(task.await.unwrap().expect("every request succeeds"));
    }
    assert_eq!(seats, 10, "exactly the capacity was handed out");
    let view = workshops::get_workshop(&t.db, w).await.unwrap();
    assert_eq!(view.confirmed + view.held, 10);
    let (holds,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM enrollment_requests WHERE workshop_id = $1 AND seat_held = 1")
            .bind(w.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(holds, view.held);
    let (rows, counter, _) = confirmed_rows(&t, w).await;
    assert_eq!(rows, counter);
    let err = sqlx::query("UPDATE workshops SET held = held + 1 WHERE id = $1").bind(w.0).execute(t.db.pool()).await;
    assert!(err.is_err(), "the database itself refuses more seats taken than capacity");
}

// Record-level reach: a role limited to its own sessions.

#[tokio::test]
async fn a_trainer_limited_to_their_own_sessions_sees_and_changes_only_those() {
    use domain::{calendar, roles, users};
    use types::{Action::*, Module::*, Perm, Perms};
    let t = TestDb::new().await;
    let s = contract_setup(&t, "in_person").await;
    let perms = [Training, Reception, Calendar].into_iter().fold(
        Perms::of([Perm(Training, View), Perm(Training, Edit), Perm(Reception, View), Perm(Calendar, View)]),
        |p, m| p.with_own_only(m),
    );
    let role = roles::create_role(&t.db, s.staff, "Formador/a", perms).await.unwrap();
    let amaia = domain::testing::user_with_role(&t.db, "amaia@aula.example", "Amaia Etxeberria", &role.key).await;
    let amaia = users::find_user(&t.db, amaia).await.unwrap();
    let own = Reach::of(&amaia, Training);
    assert_eq!(own, Reach::Own(amaia.id));
    assert_eq!(Reach::sessions(&amaia), Reach::Own(amaia.id), "the assistant tells her only her own sessions");

    let with_trainer = |day: &str, trainer: UserId| SessionInput {
        trainer_id: trainer.0.to_string(),
        ..session(s.contract, day, "09:00", "11:00")
    };
    let mine = sessions::save_session(&t.db, s.staff, None, &with_trainer("2026-12-01", amaia.id), TZ).await.unwrap();
    let theirs = sessions::save_session(&t.db, s.staff, None, &with_trainer("2026-12-02", s.staff), TZ).await.unwrap();
    let c = contracts::get_contract(&t.db, s.contract).await.unwrap();
    let other = confirmed_contract(&t, s.staff, c.organization_id, c.course_id).await;
    let mut elsewhere = with_trainer("2026-12-03", s.staff);
    elsewhere.contract_id = other.id.to_string();
    sessions::save_session(&t.db, s.staff, None, &elsewhere, TZ).await.unwrap();

    // Lists: her contracts are those where she trains; their sessions are hers alone.
    let listed =
        contracts::list_contracts(&t.db, &contracts::ContractQuery { reach: own, ..Default::default() }).await.unwrap();
    assert_eq!((listed.total, listed.items.iter().map(|c| c.id).collect::<Vec<_>>()), (1, vec![s.contract]));
    let everyone = contracts::list_contracts(&t.db, &Default::default()).await.unwrap();
    assert_eq!(everyone.total, 2);
    let detail = contracts::contract_detail(&t.db, s.contract, own).await.unwrap();
    assert_eq!(detail.sessions.iter().map(|x| x.id).collect::<Vec<_>>(), vec![mine.id]);
    assert_eq!(contracts::contract_detail(&t.db, s.contract, Reach::All).await.unwrap().sessions.len(), 2);
    assert!(matches!(contracts::contract_detail(&t.db, other.id, own).await, Err(Error::NotFound)));
    let (from, to) = (mine.starts_at.unwrap().timestamp() - 86_400, mine.starts_at.unwrap().timestamp() + 4 * 86_400);
    let between = sessions::sessions_between(&t.db, from, to, own).await.unwrap();
    assert_eq!(between.iter().map(|x| x.id).collect::<Vec<_>>(), vec![mine.id]);
    assert_eq!(sessions::sessions_between(&t.db, from, to, Reach::All).await.unwrap().len(), 3);

    // The attendance sheet and the calendar: another trainer's session is not found.
    assert!(attendance::session_detail(&t.db, mine.id, own).await.is_ok());
    assert!(matches!(attendance::session_detail(&t.db, theirs.id, own).await, Err(Error::NotFound)));
    let f = calendar::CalendarFilter { sessions: own, ..Default::default() };
    let events = calendar::events_between(&t.db, from, to, &f, amaia.perms).await.unwrap();
    let shown: Vec<i64> = events.iter().filter(|e| e.kind == types::EventKind::Session).map(|e| e.id).collect();
    assert_eq!(shown, vec![mine.id.0]);
    let moved = calendar::move_event(
        &t.db,
        amaia.id,
        own,
        types::EventKind::Session,
        theirs.id.0,
        theirs.starts_at.unwrap(),
        TZ,
    )
    .await;
    assert!(matches!(moved, Err(Error::NotFound)), "{moved:?}");

    // Saves: she plans her own sessions, never another trainer's nor one for someone else.
    let edit_theirs =
        sessions::save_session_within(&t.db, amaia.id, own, Some(theirs.id), &with_trainer("2026-12-02", amaia.id), TZ)
            .await;
    assert!(matches!(edit_theirs, Err(Error::NotFound)), "{edit_theirs:?}");
    let give_away =
        sessions::save_session_within(&t.db, amaia.id, own, Some(mine.id), &with_trainer("2026-12-01", s.staff), TZ)
            .await;
    let (field, what, _) = issue(give_away.unwrap_err());
    assert_eq!((field.as_str(), what), ("trainer_id", FieldIssue::OwnOnly));
    let for_nobody = sessions::save_session_within(
        &t.db,
        amaia.id,
        own,
        None,
        &session(s.contract, "2026-12-04", "09:00", "11:00"),
        TZ,
    )
    .await;
    let (field, what, _) = issue(for_nobody.unwrap_err());
    assert_eq!((field.as_str(), what), ("trainer_id", FieldIssue::OwnOnly));
    let planned = sessions::save_session_within(&t.db, amaia.id, own, None, &with_trainer("2026-12-04", amaia.id), TZ)
        .await
        .unwrap();
    assert_eq!(planned.trainer_id, Some(amaia.id));
    assert_eq!(sessions::get_session(&t.db, theirs.id).await.unwrap().trainer_id, Some(s.staff), "untouched");
}
