//! Reminders from their sources, their delivery in the app and by email through a real SMTP
//! server on loopback (aiosmtpd), the calendar's moves and the ICS feeds read back by an
//! independent parser (Python's icalendar). Runs on SQLite or PostgreSQL (`domain::testing`).

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Offset, TimeZone, Utc};
use domain::calendar::{self, feeds, ics};
use domain::crm::interactions::{self, InteractionInput};
use domain::crm::organizations::{self as orgs, OrganizationInput};
use domain::email::Mailer;
use domain::notifications::{self, Hub};
use domain::reminders::deliver::{deliver_due, Delivery, Outcome};
use domain::reminders::{self, Reminder, MAX_ATTEMPTS};
use domain::testing::{self, parse_ics, SmtpSink, TestDb};
use domain::training::attendance;
use domain::training::contracts::{self, ContractInput};
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::training::sessions::{self, SessionInput};
use domain::training::workshops::{self, WorkshopInput};
use domain::Reach;
use types::{
    ContractId, EventKind, FeedScope, InteractionId, Locale, OrganizationId, PersonId, Role, SessionId, UserId,
};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

/// UTC seconds of a local time in Madrid.
fn madrid(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    let naive = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    TZ.from_local_datetime(&naive).earliest().unwrap().timestamp()
}

/// A local date `days` from today, as the forms send it.
fn day(days: i64) -> String {
    (domain::clock::today(TZ) + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

fn states(rows: &[Reminder]) -> Vec<(String, Option<i64>, Option<i64>, String)> {
    let mut v: Vec<_> = rows.iter().map(|r| (r.channel.clone(), r.user_id, r.person_id, r.state.clone())).collect();
    v.sort();
    v
}

fn pending(rows: &[Reminder]) -> Vec<&Reminder> {
    rows.iter().filter(|r| r.state == "pending").collect()
}

struct Centre {
    staff: UserId,
    trainer: UserId,
    org: OrganizationId,
    contract: ContractId,
    ane: PersonId,
    iker: PersonId,
}

/// A client with a contract, a trainer (who reads English) and two participants with email.
async fn centre(t: &TestDb) -> Centre {
    let staff = testing::staff_user(&t.db).await;
    let trainer = testing::new_user(&t.db, "ana@aula.example", "Ana", "staff", "en").await.id;
    let org = testing::client(&t.db, staff, "Metalúrgica Ibaizabal", "Bilbao").await.id;
    let course = testing::prl_course(&t.db, "12", "in_person").await;
    let contract = contracts::create_contract(
        &t.db,
        staff,
        &ContractInput {
            organization_id: org.to_string(),
            course_id: course.id.to_string(),
            state: "confirmed".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let mut ids = Vec::new();
    for name in ["Ane", "Iker"] {
        let email = format!("{}@ibaizabal.example", name.to_lowercase());
        let p = testing::participant_of(&t.db, staff, org, name, "Zubia", &email).await;
        attendance::add_participant(&t.db, contract, p.id).await.unwrap();
        ids.push(p.id);
    }
    Centre { staff, trainer, org, contract, ane: ids[0], iker: ids[1] }
}

fn session_input(c: &Centre, date: &str, start: &str, end: &str) -> SessionInput {
    SessionInput {
        contract_id: c.contract.to_string(),
        state: "scheduled".into(),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        address: "Polígono Ibaizabal 3, Bilbao".into(),
        trainer_id: c.trainer.to_string(),
        ..Default::default()
    }
}

async fn follow_up(t: &TestDb, actor: UserId, org: OrganizationId, action: &str, date: &str) -> InteractionId {
    interactions::create_interaction(
        &t.db,
        actor,
        &InteractionInput {
            organization_id: Some(org),
            kind: "call".into(),
            description: "Llamada de seguimiento".into(),
            next_action: action.into(),
            next_action_at: date.into(),
            create_reminder: true,
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap()
    .id
}

fn delivery<'a>(db: &'a domain::Db, mailer: Option<&'a Mailer>, hub: &'a Hub, worker: &'a str) -> Delivery<'a> {
    Delivery { db, mailer, hub, tz: TZ, default_locale: Locale::Es, base_url: "https://aula.centro.example", worker }
}

fn header<'a>(message: &'a str, name: &str) -> &'a str {
    message
        .lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no {name} header in {message}"))
}

#[tokio::test]
async fn a_follow_up_is_reminded_at_the_centres_hour_moves_with_it_and_ends_when_done() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let date = day(5);
    let id = follow_up(&t, c.staff, c.org, "Enviar propuesta", &date).await;

    let rows = reminders::for_subject(&t.db, "interaction", id.0).await.unwrap();
    let (y, m, d) = (date[0..4].parse().unwrap(), date[5..7].parse().unwrap(), date[8..10].parse().unwrap());
    assert_eq!(states(&rows).len(), 2, "in the app and by email");
    assert!(rows.iter().all(|r| r.due_at == madrid(y, m, d, 8, 0) && r.user_id == Some(c.staff.0)), "{rows:?}");

    let later = madrid(y, m, d, 8, 0) + 86_400 + 3_600;
    interactions::reschedule_follow_up(&t.db, c.staff, id, later).await.unwrap();
    let rows = reminders::for_subject(&t.db, "interaction", id.0).await.unwrap();
    assert_eq!(rows.len(), 2, "moved, not added");
    assert!(rows.iter().all(|r| r.due_at == later && r.state == "pending"));

    interactions::complete_follow_up(&t.db, c.staff, id).await.unwrap();
    let rows = reminders::for_subject(&t.db, "interaction", id.0).await.unwrap();
    assert!(rows.iter().all(|r| r.state == "cancelled"), "done follow-ups are not reminded: {rows:?}");
}

#[tokio::test]
async fn a_session_reminds_trainer_owner_and_participants_and_follows_moves_and_cancellation() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let s =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(10), "09:00", "13:00"), TZ).await.unwrap();
    let start = s.starts_at.unwrap().timestamp();
    let rows = reminders::for_subject(&t.db, "session", s.id.0).await.unwrap();
    assert_eq!(
        states(&rows),
        vec![
            ("email".into(), None, Some(c.ane.0), "pending".into()),
            ("email".into(), None, Some(c.iker.0), "pending".into()),
            ("email".into(), Some(c.staff.0), None, "pending".into()),
            ("email".into(), Some(c.trainer.0), None, "pending".into()),
            ("in_app".into(), Some(c.staff.0), None, "pending".into()),
            ("in_app".into(), Some(c.trainer.0), None, "pending".into()),
        ]
    );
    assert!(rows.iter().all(|r| r.due_at == start - 24 * 3600), "24 h ahead by default");

    // Dragged in the calendar to two days later at 16:00: the same six reminders move.
    let new_start = madrid_of(&day(12), 16);
    calendar::move_event(&t.db, c.staff, Reach::All, EventKind::Session, s.id.0, to_dt(new_start), TZ).await.unwrap();
    let rows = reminders::for_subject(&t.db, "session", s.id.0).await.unwrap();
    assert_eq!(pending(&rows).len(), 6);
    assert!(rows.iter().all(|r| r.due_at == new_start - 24 * 3600), "{rows:?}");

    // A participant who leaves the contract loses theirs.
    attendance::remove_participant(&t.db, c.contract, c.iker).await.unwrap();
    let rows = reminders::for_subject(&t.db, "session", s.id.0).await.unwrap();
    assert_eq!(pending(&rows).len(), 5);
    assert!(rows.iter().any(|r| r.person_id == Some(c.iker.0) && r.state == "cancelled"));

    // Cancelling the session cancels the rest.
    let mut cancel = session_input(&c, &day(12), "16:00", "20:00");
    cancel.state = "cancelled".into();
    sessions::save_session(&t.db, c.staff, Some(s.id), &cancel, TZ).await.unwrap();
    let rows = reminders::for_subject(&t.db, "session", s.id.0).await.unwrap();
    assert!(pending(&rows).is_empty(), "{rows:?}");
}

fn madrid_of(date: &str, hour: u32) -> i64 {
    madrid(date[0..4].parse().unwrap(), date[5..7].parse().unwrap(), date[8..10].parse().unwrap(), hour, 0)
}

fn to_dt(at: i64) -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(at, 0).unwrap()
}

#[tokio::test]
async fn a_refused_move_leaves_the_session_and_its_reminders_where_they_were() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let a =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(10), "09:00", "11:00"), TZ).await.unwrap();
    let b =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(11), "09:00", "11:00"), TZ).await.unwrap();
    let err = calendar::move_event(
        &t.db,
        c.staff,
        Reach::All,
        EventKind::Session,
        b.id.0,
        a.starts_at.unwrap() + chrono::Duration::minutes(30),
        TZ,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, domain::Error::Validation(_)), "the trainer is busy: {err:?}");
    assert_eq!(sessions::get_session(&t.db, b.id).await.unwrap().starts_at, b.starts_at);
    let rows = reminders::for_subject(&t.db, "session", b.id.0).await.unwrap();
    assert!(rows.iter().all(|r| r.due_at == b.starts_at.unwrap().timestamp() - 86_400));
}

#[tokio::test]
async fn a_workshop_reminds_its_owner_and_confirmed_people_and_a_cancelled_seat_loses_it() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let input = testing::workshop_input(8, 1);
    let w = workshops::create_workshop(&t.db, c.staff, &input, TZ).await.unwrap();
    let enroll = |n: &str| EnrollRequest {
        workshop_id: w.id,
        enrollee: Enrollee::New {
            first_name: n.into(),
            last_name: "Etxeberria".into(),
            email: format!("{}@example.com", n.to_lowercase()),
            phone: String::new(),
        },
        idempotency_key: None,
        channel: Channel::Public,
        actor: None,
    };
    let first = enrollment::enroll_participant(&t.db, &enroll("Maite")).await.unwrap();
    let waiting = enrollment::enroll_participant(&t.db, &enroll("Jon")).await.unwrap();
    let rows = reminders::for_subject(&t.db, "workshop", w.id.0).await.unwrap();
    let people: Vec<_> = rows.iter().filter_map(|r| r.person_id).collect();
    assert_eq!(people, vec![first.enrollment.person_id.0], "the waitlisted person gets none yet");
    assert_eq!(pending(&rows).len(), 3);

    // Maite cancels: Jon is promoted and gets hers.
    enrollment::cancel_enrollment(&t.db, None, first.enrollment.id).await.unwrap();
    let rows = reminders::for_subject(&t.db, "workshop", w.id.0).await.unwrap();
    let live: Vec<_> = pending(&rows).iter().filter_map(|r| r.person_id).collect();
    assert_eq!(live, vec![waiting.enrollment.person_id.0]);

    // Moving the workshop an hour later moves what is pending.
    let moved = WorkshopInput { starts_at: format!("{}T18:00", day(8)), ends_at: format!("{}T21:00", day(8)), ..input };
    let w2 = workshops::update_workshop(&t.db, c.staff, w.id, &moved, TZ).await.unwrap();
    let rows = reminders::for_subject(&t.db, "workshop", w.id.0).await.unwrap();
    assert!(pending(&rows).iter().all(|r| r.due_at == w2.starts_at.timestamp() - 86_400));
    assert_eq!(pending(&rows).len(), 3);
}

#[tokio::test]
async fn due_reminders_arrive_in_the_app_and_by_smtp_in_each_recipients_language_once() {
    let t = TestDb::new().await;
    let sink = SmtpSink::start(0);
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let hub = Hub::default();
    let mut woken = hub.subscribe();
    let c = centre(&t).await;
    let s =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(3), "09:00", "13:00"), TZ).await.unwrap();
    let due = s.starts_at.unwrap().timestamp() - 86_400;
    let d = delivery(&t.db, Some(&mailer), &hub, "test-worker");

    assert_eq!(deliver_due(&d, due - 1, 50).await.unwrap(), Outcome::default(), "nothing before its time");
    let out = deliver_due(&d, due, 50).await.unwrap();
    assert_eq!(out, Outcome { sent: 6, failed: 0, cancelled: 0 });
    assert_eq!(deliver_due(&d, due + 3_600, 50).await.unwrap(), Outcome::default(), "never twice");

    let mail = sink.wait_for(4, 10).await;
    assert_eq!(mail.len(), 4);
    let mut to: Vec<&str> = mail.iter().map(|m| header(m, "X-Envelope-To")).collect();
    to.sort();
    assert_eq!(to, ["ana@aula.example", "ane@ibaizabal.example", "iker@ibaizabal.example", "javier@aula.example"]);
    let ana = mail.iter().find(|m| header(m, "X-Envelope-To") == "ana@aula.example").unwrap();
    assert!(
        header(ana, "Subject").starts_with("Reminder: Prevención de riesgos session"),
        "the trainer reads English: {ana}"
    );
    assert!(ana.contains("Hello Ana,"), "{ana}");
    let ane = mail.iter().find(|m| header(m, "X-Envelope-To") == "ane@ibaizabal.example").unwrap();
    assert!(
        header(ane, "Subject").starts_with("Recordatorio: sesión de Prevención de riesgos"),
        "people get the centre's language: {ane}"
    );
    assert!(ane.contains("Hola, Ane:") && ane.contains("Polígono Ibaizabal 3, Bilbao"), "{ane}");
    assert!(!ane.contains("/sessions/"), "no staff links for participants: {ane}");

    // In the app: one notification each for the trainer and the staff owner, and the hub woke.
    for u in [c.trainer, c.staff] {
        let list = notifications::list(&t.db, u, 20).await.unwrap();
        assert_eq!((list.items.len(), list.unread), (1, 1));
        assert_eq!(list.items[0].link, format!("/sessions/{}", s.id));
    }
    assert!(woken.try_recv().is_ok());

    // The email log and the people's timelines record each email.
    let log = domain::email::recent(&t.db, None, 20).await.unwrap();
    assert_eq!(log.iter().filter(|l| l.status == "sent").count(), 4);
    let (on_timeline,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM timeline_events WHERE kind = 'email' AND person_id = $1")
            .bind(c.ane.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(on_timeline, 1);
}

#[tokio::test]
async fn an_smtp_refusal_is_retried_with_backoff_and_a_dead_server_ends_failed_and_visible() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let hub = Hub::default();
    let id = follow_up(&t, c.staff, c.org, "Confirmar fechas", &day(2)).await;
    let email_reminder = || async {
        reminders::for_subject(&t.db, "interaction", id.0)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.channel == "email")
            .unwrap()
    };
    let due = email_reminder().await.due_at;

    // The server says "try later" once: the reminder waits, then goes through.
    let sink = SmtpSink::start(1);
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let d = delivery(&t.db, Some(&mailer), &hub, "w1");
    let out = deliver_due(&d, due, 50).await.unwrap();
    assert_eq!((out.sent, out.failed), (1, 1), "the in-app one is sent, the email refused");
    let r = email_reminder().await;
    assert_eq!((r.state.as_str(), r.attempts), ("pending", 1));
    assert!(r.next_attempt_at > due && r.last_error.contains("451"), "{r:?}");
    assert_eq!(deliver_due(&d, r.next_attempt_at - 1, 50).await.unwrap(), Outcome::default(), "backing off");
    assert_eq!(deliver_due(&d, r.next_attempt_at, 50).await.unwrap().sent, 1);
    assert_eq!(sink.wait_for(1, 10).await.len(), 1);
    assert_eq!(email_reminder().await.state, "sent");
    let statuses: Vec<String> =
        domain::email::recent(&t.db, None, 10).await.unwrap().into_iter().map(|l| l.status).collect();
    assert_eq!(statuses, vec!["sent"], "one log row per email, updated as it goes");

    // Nobody listens: every attempt fails until the reminder ends as failed, in the log too.
    let other = follow_up(&t, c.staff, c.org, "Llamar otra vez", &day(3)).await;
    let dead = domain::email::SmtpConfig { port: closed_port(), ..sink.config() };
    let mailer = Mailer::from_config(&dead).unwrap().unwrap();
    let d = delivery(&t.db, Some(&mailer), &hub, "w1");
    let mut at = reminders::for_subject(&t.db, "interaction", other.0).await.unwrap()[0].due_at;
    for _ in 0..MAX_ATTEMPTS {
        deliver_due(&d, at, 50).await.unwrap();
        let r = reminders::for_subject(&t.db, "interaction", other.0)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.channel == "email")
            .unwrap();
        at = r.next_attempt_at.max(at);
    }
    let r = reminders::for_subject(&t.db, "interaction", other.0)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.channel == "email")
        .unwrap();
    assert_eq!((r.state.as_str(), r.attempts), ("failed", MAX_ATTEMPTS));
    let failed = domain::email::recent(&t.db, Some("failed"), 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert!(!failed[0].error.is_empty());
}

fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[tokio::test]
async fn without_smtp_an_email_reminder_is_logged_as_not_configured_and_the_app_one_still_arrives() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let hub = Hub::default();
    let id = follow_up(&t, c.staff, c.org, "Enviar catálogo", &day(1)).await;
    let due = reminders::for_subject(&t.db, "interaction", id.0).await.unwrap()[0].due_at;
    let out = deliver_due(&delivery(&t.db, None, &hub, "w"), due, 10).await.unwrap();
    assert_eq!((out.sent, out.failed), (1, 1));
    let log = domain::email::recent(&t.db, Some("not_configured"), 10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(notifications::unread_count(&t.db, c.staff).await.unwrap(), 1);
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_run_and_a_second_worker_never_send_twice() {
    let t = Arc::new(TestDb::new().await);
    let sink = SmtpSink::start(0);
    let c = centre(&t).await;
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(follow_up(&t, c.staff, c.org, &format!("Acción {n}"), &day(1)).await);
    }
    let due = reminders::for_subject(&t.db, "interaction", ids[0].0).await.unwrap()[0].due_at;

    // A worker claims a batch and dies before sending it.
    let crashed = reminders::claim_due(&t.db, "crashed", due, 10).await.unwrap();
    assert_eq!(crashed.len(), 10);

    // Two live workers (two servers on one database) deliver the rest at the same time.
    let mut tasks = Vec::new();
    for w in 0..2 {
        let (t, config) = (t.clone(), sink.config());
        tasks.push(tokio::spawn(async move {
            let mailer = Mailer::from_config(&config).unwrap().unwrap();
            let hub = Hub::default();
            let worker = format!("server-{w}");
            let d = delivery(&t.db, Some(&mailer), &hub, &worker);
            let mut sent = 0;
            loop {
                let out = deliver_due(&d, due, 4).await.unwrap();
                if out == Outcome::default() {
                    return sent;
                }
                sent += out.sent;
            }
        }));
    }
    let mut sent = 0;
    for task in tasks {
        sent += task.await.unwrap();
    }
    assert_eq!(sent, 50, "everything but the stale claims");

    // After the lease, the crashed worker's claims come back and go out once.
    assert_eq!(reminders::recover_stale(&t.db, due + 301, 300).await.unwrap(), 10);
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let hub = Hub::default();
    assert_eq!(deliver_due(&delivery(&t.db, Some(&mailer), &hub, "restarted"), due + 301, 50).await.unwrap().sent, 10);

    let mail = sink.wait_for(30, 15).await;
    let message_ids: HashSet<&str> = mail.iter().map(|m| header(m, "Message-ID")).collect();
    assert_eq!((mail.len(), message_ids.len()), (30, 30), "each follow-up emailed exactly once");
    assert_eq!(notifications::list(&t.db, c.staff, 100).await.unwrap().unread, 30);
}

#[tokio::test]
async fn an_email_the_server_accepted_is_not_sent_again_when_recording_it_failed() {
    let t = TestDb::new().await;
    let sink = SmtpSink::start(0);
    let c = centre(&t).await;
    let id = follow_up(&t, c.staff, c.org, "Llamar a Itziar", &day(1)).await;
    let due = reminders::for_subject(&t.db, "interaction", id.0).await.unwrap()[0].due_at;
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let hub = Hub::default();

    // What follows the sending cannot be written: the timeline is not there.
    let rename = |from: &str, to: &str| format!("ALTER TABLE {from} RENAME TO {to}");
    sqlx::query(&rename("timeline_events", "timeline_events_away")).execute(t.db.pool()).await.unwrap();
    let out = deliver_due(&delivery(&t.db, Some(&mailer), &hub, "first"), due, 10).await.unwrap();
    assert_eq!(out.failed, 1, "{out:?}");
    assert_eq!(sink.wait_for(1, 15).await.len(), 1, "the message went out");
    sqlx::query(&rename("timeline_events_away", "timeline_events")).execute(t.db.pool()).await.unwrap();

    // The lease hands the reminder back; the next run finishes it without a second message.
    assert_eq!(reminders::recover_stale(&t.db, due + 301, 300).await.unwrap(), 1);
    let out = deliver_due(&delivery(&t.db, Some(&mailer), &hub, "second"), due + 301, 10).await.unwrap();
    assert_eq!(out.sent, 1, "{out:?}");
    assert_eq!(sink.wait_for(2, 2).await.len(), 1, "sent once");
    let email = reminders::for_subject(&t.db, "interaction", id.0)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.channel == "email")
        .unwrap();
    assert_eq!(email.state, "sent");
    let log = domain::email::recent(&t.db, Some("sent"), 10).await.unwrap();
    assert_eq!(log.len(), 1, "logged once");
}

/// The last Sunday of `month` (when Madrid changes its clocks) in the first year in which it is
/// still more than a week away, so the test's sessions are always ahead, whatever the date.
fn next_clock_change(month: u32) -> chrono::NaiveDate {
    let soon = domain::clock::today(TZ) + chrono::Duration::days(8);
    (soon.year()..)
        .map(|y| {
            let first_of_next = chrono::NaiveDate::from_ymd_opt(if month == 12 { y + 1 } else { y }, month % 12 + 1, 1)
                .expect("a valid date");
            let last = first_of_next.pred_opt().expect("a valid date");
            last - chrono::Duration::days(i64::from(last.weekday().num_days_from_sunday()))
        })
        .find(|d| *d > soon)
        .expect("a year with the change ahead")
}

/// `date` at `h:min` UTC, in seconds.
fn utc_on(date: chrono::NaiveDate, h: u32, min: u32) -> i64 {
    date.and_hms_opt(h, min, 0).expect("a valid time").and_utc().timestamp()
}

#[tokio::test]
async fn a_session_in_the_spring_gap_moves_forward_and_a_reminder_across_the_autumn_change_keeps_its_hours() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    // The last Sunday of March: 02:00–03:00 does not exist in Madrid.
    let spring = next_clock_change(3);
    let on = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let s = sessions::save_session(&t.db, c.staff, None, &session_input(&c, &on(spring), "02:30", "04:30"), TZ)
        .await
        .unwrap();
    assert_eq!(s.starts_at.unwrap().timestamp(), utc_on(spring, 1, 30), "02:30 does not exist: 03:30 CEST");
    assert_eq!(s.ends_at.unwrap().timestamp(), utc_on(spring, 2, 30), "04:30 CEST");
    let rows = reminders::for_subject(&t.db, "session", s.id.0).await.unwrap();
    let eve = spring.pred_opt().unwrap();
    assert!(rows.iter().all(|r| r.due_at == utc_on(eve, 1, 30)), "24 real hours before");

    // The last Sunday of October. A follow-up that day is due at 08:00 CET (07:00 UTC), and a
    // Monday 09:00 CET session is reminded 24 real hours earlier: Sunday 09:00 CET.
    let autumn = next_clock_change(10);
    let monday_date = autumn.succ_opt().unwrap();
    let f = follow_up(&t, c.staff, c.org, "Llamar tras el cambio de hora", &on(autumn)).await;
    let rows = reminders::for_subject(&t.db, "interaction", f.0).await.unwrap();
    assert!(rows.iter().all(|r| r.due_at == utc_on(autumn, 7, 0)), "{rows:?}");
    let monday =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &on(monday_date), "09:00", "11:00"), TZ)
            .await
            .unwrap();
    assert_eq!(monday.starts_at.unwrap().timestamp(), utc_on(monday_date, 8, 0));
    let rows = reminders::for_subject(&t.db, "session", monday.id.0).await.unwrap();
    assert!(rows.iter().all(|r| r.due_at == utc_on(autumn, 8, 0)), "{rows:?}");

    // The trainer's feed shows both in Madrid time, read back by an independent parser.
    let feed =
        ics::feed(&t.db, FeedScope::Trainer, c.trainer.0, "Ana", TZ, "https://aula.centro.example").await.unwrap();
    let parsed = parse_ics(&feed);
    assert_eq!(parsed["timezones"], serde_json::json!(["Europe/Madrid"]));
    let start_of = |uid: String| {
        let e = parsed["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid.as_str()).cloned();
        let e = e.unwrap_or_else(|| panic!("{uid} is in the feed"));
        (e["start_local"].as_str().unwrap().to_string(), e["start_utc"].as_i64().unwrap())
    };
    assert_eq!(start_of(format!("session-{}@aula", s.id)), (format!("{}T03:30", on(spring)), utc_on(spring, 1, 30)));
    assert_eq!(
        start_of(format!("session-{}@aula", monday.id)),
        (format!("{}T09:00", on(monday_date)), utc_on(monday_date, 8, 0))
    );
}

#[test]
fn the_next_clock_changes_are_the_last_sundays_of_march_and_october() {
    for month in [3, 10] {
        let d = next_clock_change(month);
        assert_eq!((d.month(), d.weekday()), (month, chrono::Weekday::Sun));
        assert!((d + chrono::Duration::days(7)).month() != month, "the last Sunday");
        // Madrid's offset changes that day.
        let offset = |h| TZ.from_utc_datetime(&d.and_hms_opt(h, 0, 0).unwrap()).offset().fix().local_minus_utc();
        assert_ne!(offset(0), offset(3));
    }
}

#[tokio::test]
async fn feeds_keep_uids_raise_the_sequence_on_change_mark_cancellations_and_can_be_revoked() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let s =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(6), "10:00", "12:00"), TZ).await.unwrap();
    let uid = format!("session-{}@aula", s.id);
    let event = |feed: &str| {
        let parsed = parse_ics(feed);
        parsed["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"] == uid.as_str())
            .cloned()
            .expect("the session is in the feed")
    };
    let room_less = || ics::feed(&t.db, FeedScope::Organization, c.org.0, "Ibaizabal", TZ, "https://x.example");
    let first = event(&room_less().await.unwrap());

    calendar::move_event(&t.db, c.staff, Reach::All, EventKind::Session, s.id.0, to_dt(madrid_of(&day(7), 10)), TZ)
        .await
        .unwrap();
    let moved = event(&room_less().await.unwrap());
    assert!(moved["sequence"].as_i64() > first["sequence"].as_i64(), "{first} → {moved}");
    assert_eq!(moved["start_utc"].as_i64().unwrap(), madrid_of(&day(7), 10));

    let mut cancel = session_input(&c, &day(7), "10:00", "12:00");
    cancel.state = "cancelled".into();
    sessions::save_session(&t.db, c.staff, Some(SessionId(s.id.0)), &cancel, TZ).await.unwrap();
    let cancelled = event(&room_less().await.unwrap());
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["sequence"].as_i64() > moved["sequence"].as_i64());

    // A subscription URL carries a secret token; revoked, it no longer resolves.
    let created =
        feeds::create_feed(&t.db, c.staff, types::Perms::preset(Role::Staff), FeedScope::Trainer, c.trainer.0)
            .await
            .unwrap();
    let token = created.path.trim_start_matches("/ics/").trim_end_matches(".ics").to_string();
    assert_eq!(token.len(), 48);
    let (scope, id, _) = feeds::feed_for_token(&t.db, &token).await.unwrap().expect("a live token");
    assert_eq!((scope, id), (FeedScope::Trainer, c.trainer.0));
    assert!(
        feeds::create_feed(&t.db, c.trainer, types::Perms::preset(Role::Reception), FeedScope::Room, 1).await.is_err(),
        "reception only gets its own"
    );
    feeds::revoke_feed(&t.db, c.staff, types::Perms::preset(Role::Staff), created.feed.id).await.unwrap();
    assert!(feeds::feed_for_token(&t.db, &token).await.unwrap().is_none());
}

#[tokio::test]
async fn notifications_are_read_one_by_one_or_all_at_once_and_only_by_their_owner() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let hub = Hub::default();
    for n in 0..3 {
        follow_up(&t, c.staff, c.org, &format!("Tarea {n}"), &day(1)).await;
    }
    let due = domain::clock::now() + 3 * 86_400;
    deliver_due(&delivery(&t.db, None, &hub, "w"), due, 50).await.unwrap();
    let list = notifications::list(&t.db, c.staff, 10).await.unwrap();
    assert_eq!((list.items.len(), list.unread), (3, 3));
    assert!(notifications::mark_read(&t.db, c.trainer, list.items[0].id).await.is_err(), "not theirs");
    notifications::mark_read(&t.db, c.staff, list.items[0].id).await.unwrap();
    assert_eq!(notifications::unread_count(&t.db, c.staff).await.unwrap(), 2);
    assert_eq!(notifications::mark_all_read(&t.db, c.staff).await.unwrap(), 2);
    assert_eq!(notifications::unread_count(&t.db, c.staff).await.unwrap(), 0);
}

#[tokio::test]
async fn the_daily_digest_lists_overdue_and_todays_follow_ups_and_leads_without_a_next_action_once_a_day() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let hub = Hub::default();
    orgs::create_organization(
        &t.db,
        c.staff,
        &OrganizationInput {
            legal_name: "Harrotu Cooperativa".into(),
            status: "lead".into(),
            owner_id: c.staff.to_string(),
            ..Default::default()
        },
        false,
    )
    .await
    .unwrap();
    follow_up(&t, c.staff, c.org, "Reclamar la firma", &day(-2)).await;
    follow_up(&t, c.staff, c.org, "Preparar la visita", &day(0)).await;

    // Today at 06:59 local nothing is scheduled; from 07:00 one digest per user and channel.
    let today = day(0);
    let before = madrid_of(&today, 7) - 60;
    assert_eq!(domain::reminders::digest::schedule_digests(&t.db, before, TZ).await.unwrap(), 0);
    let at = madrid_of(&today, 7) + 600;
    assert_eq!(
        domain::reminders::digest::schedule_digests(&t.db, at, TZ).await.unwrap(),
        4,
        "two users × two channels"
    );
    domain::reminders::digest::schedule_digests(&t.db, at + 3_600, TZ).await.unwrap();
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM reminders WHERE kind = 'digest'").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(rows, 4, "scheduling again the same day adds nothing");

    let sink = SmtpSink::start(0);
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let d = Delivery {
        db: &t.db,
        mailer: Some(&mailer),
        hub: &hub,
        tz: TZ,
        default_locale: Locale::Es,
        base_url: "",
        worker: "w",
    };
    // Only digest reminders are due this early in the day.
    let out = deliver_due(&d, at, 50).await.unwrap();
    assert!(out.sent >= 2, "{out:?}");
    let mail = sink.wait_for(1, 10).await;
    let digest =
        mail.iter().find(|m| header(m, "Subject").starts_with("Tu resumen de Aula")).expect("the staff digest");
    assert_eq!(header(digest, "X-Envelope-To"), "javier@aula.example");
    assert!(digest.contains("1 vencidos · 1 para hoy"), "{digest}");
    for expected in ["Reclamar la firma", "Preparar la visita", "Harrotu Cooperativa"] {
        assert!(digest.contains(expected), "{expected} in {digest}");
    }
    assert!(!mail.iter().any(|m| header(m, "X-Envelope-To") == "ana@aula.example"), "an empty digest is not sent");
    let list = notifications::list(&t.db, c.staff, 10).await.unwrap();
    assert!(list.items.iter().any(|n| n.kind == "digest" && n.title == "Tu resumen del día"));
    assert_eq!(
        domain::reminders::digest::leads_without_next_action(&t.db, Some(c.staff), 10).await.unwrap().len(),
        1,
        "Ibaizabal has a next action, Harrotu does not"
    );
}

#[tokio::test]
async fn new_lead_times_move_pending_reminders_and_leave_sent_ones_sent() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let hub = Hub::default();
    let soon =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(3), "09:00", "13:00"), TZ).await.unwrap();
    let later =
        sessions::save_session(&t.db, c.staff, None, &session_input(&c, &day(9), "09:00", "13:00"), TZ).await.unwrap();
    let due = soon.starts_at.unwrap().timestamp() - 86_400;
    deliver_due(&delivery(&t.db, None, &hub, "w"), due, 50).await.unwrap();
    let mut s = domain::centre::reminder_settings(t.db.pool()).await.unwrap();
    s.session_lead_hours = 48;
    domain::centre::save_reminder_settings(&t.db, &s).await.unwrap();
    let sent = reminders::for_subject(&t.db, "session", soon.id.0).await.unwrap();
    assert!(sent.iter().all(|r| r.state != "pending" && r.due_at == due), "already delivered: {sent:?}");
    let moved = reminders::for_subject(&t.db, "session", later.id.0).await.unwrap();
    assert!(
        moved.iter().all(|r| r.state == "pending" && r.due_at == later.starts_at.unwrap().timestamp() - 48 * 3600),
        "{moved:?}"
    );
}

#[tokio::test]
async fn a_feed_stops_when_its_creator_is_deactivated() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let created =
        feeds::create_feed(&t.db, c.trainer, types::Perms::preset(Role::Staff), FeedScope::Organization, c.org.0)
            .await
            .unwrap();
    let token = created.path.trim_start_matches("/ics/").trim_end_matches(".ics").to_string();
    assert!(feeds::feed_for_token(&t.db, &token).await.unwrap().is_some());
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1").bind(c.trainer.0).execute(t.db.pool()).await.unwrap();
    assert!(feeds::feed_for_token(&t.db, &token).await.unwrap().is_none());
}
