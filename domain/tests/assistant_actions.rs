//! The assistant's actions against a real database (and a real SMTP server on loopback): a
//! proposal writes nothing; confirming it runs the page's own domain function once, with the
//! same checks; a failing confirmation leaves nothing behind and the proposal open.

use chrono::{Datelike, NaiveDate, Weekday};
use domain::assistant::actions::{self, action_intent, due_date, ActionEdits, ActionIntent};
use domain::assistant::ask::{answer_question, FallbackReason, Question};
use domain::assistant::facts::Subject;
use domain::assistant::history;
use domain::assistant::provider::ProviderConfig;
use domain::crm::interactions;
use domain::crm::people::{self, LinkInput, PersonInput};
use domain::email::Mailer;
use domain::sales::{opportunities as opps, stages};
use domain::testing::{SmtpSink, TestDb};
use domain::users;
use domain::Error;
use types::{AssistantAction, FieldIssue, OpportunityId, OrganizationId, StageKind};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

struct Centre {
    staff: users::User,
    other: users::User,
    reception: users::User,
    org: OrganizationId,
    opportunity: OpportunityId,
}

async fn centre(t: &TestDb) -> Centre {
    let staff = domain::testing::new_user(&t.db, "javier@aula.example", "Javier Moreno", "staff", "es").await;
    let other = domain::testing::new_user(&t.db, "peter@aula.example", "Peter Walsh", "staff", "es").await;
    let reception = domain::testing::new_user(&t.db, "lucia@aula.example", "Lucía Fernández", "reception", "es").await;
    let org = domain::testing::client(&t.db, staff.id, "Talleres Arteka", "Bilbao").await;
    let gorka = people::create_person(
        &t.db,
        staff.id,
        &PersonInput {
            first_name: "Gorka".into(),
            last_name: "Urrutia".into(),
            email: "gorka@arteka.example".into(),
            ..Default::default()
        },
        Some(&LinkInput { organization_id: org.id.to_string(), role: "coordinator".into(), job_title: String::new() }),
        false,
    )
    .await
    .unwrap();
    let first = stages::list_stages(&t.db, false).await.unwrap()[0].id;
    let opportunity = opps::create_opportunity(
        &t.db,
        staff.id,
        &opps::OpportunityInput {
            organization_id: org.id.to_string(),
            contact_id: gorka.id.to_string(),
            title: "PRL para 20 personas".into(),
            value: "3000".into(),
            stage_id: first.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    Centre { staff, other, reception, org: org.id, opportunity }
}

/// Asks without a model, as the panel does, and keeps the exchange; returns its id and action.
async fn ask(t: &TestDb, user: &users::User, subject: Option<Subject>, q: &str) -> (i64, Option<AssistantAction>) {
    let client = reqwest::Client::new();
    let q = Question { centre_name: "Aula Bilbao", ..Question::new(user, subject, q, TZ) };
    let a = answer_question(&t.db, &client, &ProviderConfig::default(), &q, |_| true).await.unwrap();
    assert_eq!(a.fallback, Some(FallbackReason::Action));
    let cite = subject.map(|s| s.cite()).unwrap_or_default();
    let x = history::record(&t.db, user.id, &cite, q.text, &a, "", 1).await.unwrap();
    assert_eq!(x.action_state, if a.action.is_some() { "proposed" } else { "" });
    (x.id, a.action)
}

async fn interaction_count(t: &TestDb, org: OrganizationId) -> i64 {
    interactions::list_interactions(&t.db, Some(org), None, 100, 0).await.unwrap().1
}

#[test]
fn questions_that_ask_for_an_action_are_told_apart_in_three_languages() {
    assert_eq!(action_intent("Recuérdame llamar a Gorka el viernes"), Some(ActionIntent::FollowUp));
    assert_eq!(action_intent("Programa un seguimiento para mañana"), Some(ActionIntent::FollowUp));
    assert_eq!(action_intent("Remind me to call them next week"), Some(ActionIntent::FollowUp));
    assert_eq!(action_intent("Redacta un correo para el contacto"), Some(ActionIntent::Email));
    assert_eq!(action_intent("Draft an email to them"), Some(ActionIntent::Email));
    assert_eq!(action_intent("Idatzi posta bat"), Some(ActionIntent::Email));
    assert_eq!(action_intent("Mueve esta oportunidad a Propuesta"), Some(ActionIntent::Move));
    assert_eq!(action_intent("¿Cuántas plazas quedan?"), None);
    assert_eq!(action_intent("¿Qué tengo en la agenda hoy?"), None, "a question about the agenda");
    assert_eq!(action_intent("¿Qué programa tiene el curso de PRL?"), None);
    assert_eq!(action_intent("What is the schedule for next week?"), None);
    assert_eq!(action_intent("¿Qué marca de resina usamos?"), None);
    assert_eq!(action_intent("¿Qué pasa a las diez?"), None);
    assert_eq!(action_intent("Márcala como ganada"), Some(ActionIntent::Move));
    assert_eq!(action_intent("¿Tengo algún recordatorio?"), None);
    assert_eq!(action_intent("Show my schedule and reminders"), None);
    assert_eq!(action_intent("Zer dago programatuta?"), None);
    assert_eq!(action_intent("El programa únicamente cubre PRL"), None);
    assert_eq!(action_intent("Why did they mark it as lost?"), None);
    assert_eq!(action_intent("When did it move to Proposal?"), None);
    assert_eq!(action_intent("Describe los correos de este cliente"), None);
    assert_eq!(action_intent("Recuérdame escribirle un correo el viernes"), Some(ActionIntent::FollowUp));
    assert_eq!(action_intent("Move it to Won"), Some(ActionIntent::Move));
    assert_eq!(action_intent("¿Cuál es su correo?"), None, "asking for an address is not drafting one");
}

#[test]
fn the_due_date_follows_the_words_of_the_question() {
    let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert_eq!(wed.weekday(), Weekday::Wed);
    let d = |q: &str| due_date(q, wed).format("%Y-%m-%d").to_string();
    assert_eq!(d("llámale mañana"), "2026-11-26");
    assert_eq!(d("pasado mañana"), "2026-11-27");
    assert_eq!(d("en 10 días"), "2026-12-05");
    assert_eq!(d("el viernes"), "2026-11-27");
    assert_eq!(d("el lunes"), "2026-11-30");
    assert_eq!(d("next week"), "2026-11-30");
    assert_eq!(d("datorren astean"), "2026-11-30");
    assert_eq!(d("remind me"), "2026-11-26", "no day named: the next working day");
    assert_eq!(d("el viernes por la mañana"), "2026-11-27", "the morning is a time, not tomorrow");
    assert_eq!(d("mañana por la mañana"), "2026-11-26");
    assert_eq!(d("llamar a Domingo"), "2026-11-26", "a person, not Sunday");
    assert_eq!(d("el jueves de la semana que viene"), "2026-12-03");
    assert_eq!(d("ostiralean"), "2026-11-27");
    let fri = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(due_date("recuérdamelo", fri).format("%Y-%m-%d").to_string(), "2026-11-30", "over the weekend");
}

#[tokio::test]
async fn a_proposed_follow_up_writes_nothing_until_confirmed_and_then_lands_on_the_timeline_once() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let before = interaction_count(&t, c.org).await;
    let (id, action) = ask(&t, &c.staff, Some(Subject::Organization(c.org)), "Recuérdame llamar a Gorka mañana").await;
    let Some(AssistantAction::FollowUp { organization_id, next_action, due, .. }) = action else {
        panic!("a follow-up was expected")
    };
    assert_eq!(organization_id, Some(c.org.0));
    assert_eq!(next_action, "Llamar a Gorka Urrutia");
    let tomorrow = domain::clock::today(TZ) + chrono::Duration::days(1);
    assert_eq!(due, tomorrow.format("%Y-%m-%d").to_string());
    assert_eq!(interaction_count(&t, c.org).await, before, "a proposal writes nothing");

    // Someone else's proposal is not theirs to confirm; reception may not confirm at all.
    let edits = ActionEdits { next_action: "Llamar a Gorka por el presupuesto".into(), ..Default::default() };
    assert!(matches!(actions::confirm(&t.db, None, &c.other, id, &edits, TZ).await, Err(Error::NotFound)));
    assert!(matches!(actions::confirm(&t.db, None, &c.reception, id, &edits, TZ).await, Err(Error::Forbidden)));

    // A bad date is refused next to its field, nothing is written and the proposal stays open.
    let bad = ActionEdits { due: "31/02/2026".into(), ..edits.clone() };
    let Err(Error::Validation(problems)) = actions::confirm(&t.db, None, &c.staff, id, &bad, TZ).await else {
        panic!("a validation error was expected")
    };
    assert_eq!(problems[0].field, "next_action_at");
    assert_eq!(interaction_count(&t, c.org).await, before);
    assert_eq!(history::get(&t.db, c.staff.id, id).await.unwrap().action_state, "proposed");

    let done = actions::confirm(&t.db, None, &c.staff, id, &edits, TZ).await.unwrap();
    assert_eq!(done.exchange.action_state, "done");
    assert!(
        matches!(&done.exchange.action, Some(AssistantAction::FollowUp { next_action, .. }) if next_action == "Llamar a Gorka por el presupuesto"),
        "the history keeps what was done, with the user's changes"
    );
    assert_eq!(done.exchange.action_href, format!("/clients/{}?tab=timeline", c.org));
    let (list, total) = interactions::list_interactions(&t.db, Some(c.org), None, 100, 0).await.unwrap();
    assert_eq!(total, before + 1);
    assert_eq!(list[0].next_action, "Llamar a Gorka por el presupuesto");
    let follow_ups = interactions::open_follow_ups(&t.db, Some(c.org), None, 10).await.unwrap();
    assert!(follow_ups.iter().any(|f| f.next_action == "Llamar a Gorka por el presupuesto"));

    assert!(matches!(actions::confirm(&t.db, None, &c.staff, id, &edits, TZ).await, Err(Error::Conflict)));
    assert_eq!(interaction_count(&t, c.org).await, before + 1, "confirmed once only");
}

#[tokio::test]
async fn moving_an_opportunity_goes_through_the_board_rules_and_a_lost_one_needs_its_reason() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let subject = Some(Subject::Opportunity(c.opportunity));
    let list = stages::list_stages(&t.db, false).await.unwrap();
    let lost = list.iter().find(|s| s.kind == StageKind::Lost).unwrap();
    let (id, action) = ask(&t, &c.staff, subject, "Márcala como perdida").await;
    let Some(AssistantAction::MoveOpportunity { stage_id, needs_reason, .. }) = action else {
        panic!("a move was expected")
    };
    assert_eq!((stage_id, needs_reason), (lost.id.0, true));
    let Err(Error::Validation(problems)) =
        actions::confirm(&t.db, None, &c.staff, id, &ActionEdits::default(), TZ).await
    else {
        panic!("the lost stage needs a reason")
    };
    assert_eq!(problems[0].field, "lost_reason");
    assert_ne!(opps::get_opportunity(&t.db, c.opportunity).await.unwrap().stage_id, lost.id);
    let edits = ActionEdits { lost_reason: "Presupuesto congelado".into(), ..Default::default() };
    let done = actions::confirm(&t.db, None, &c.staff, id, &edits, TZ).await.unwrap();
    assert!(done.moved_opportunity);
    let o = opps::get_opportunity(&t.db, c.opportunity).await.unwrap();
    assert_eq!((o.stage_id, o.lost_reason.as_str()), (lost.id, "Presupuesto congelado"));

    // The stage is named by its own name too; one that does not exist proposes nothing.
    let second = &list[1];
    let (_, named) = ask(&t, &c.staff, subject, &format!("mueve a {}", second.name.to_lowercase())).await;
    assert!(matches!(named, Some(AssistantAction::MoveOpportunity { stage_id, .. }) if stage_id == second.id.0));
    let (_, none) = ask(&t, &c.staff, subject, "mueve a la etapa imaginaria").await;
    assert_eq!(none, None);
    // Not on an opportunity's page: nothing to move.
    let (_, elsewhere) = ask(&t, &c.staff, Some(Subject::Organization(c.org)), "mueve a ganada").await;
    assert_eq!(elsewhere, None);
}

#[tokio::test]
async fn a_drafted_email_is_sent_through_the_mail_server_only_when_confirmed_and_logged_on_the_timeline() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let before = interaction_count(&t, c.org).await;
    let (id, action) =
        ask(&t, &c.staff, Some(Subject::Opportunity(c.opportunity)), "Redacta un correo para Gorka").await;
    let Some(AssistantAction::Email { to, body, .. }) = action else { panic!("an email was expected") };
    assert_eq!(to, "gorka@arteka.example");
    assert!(body.starts_with("Hola Gorka:"), "{body}");
    assert!(body.contains("Javier Moreno\nAula Bilbao"), "{body}");

    // No mail server: refused, nothing logged.
    let Err(Error::Validation(p)) = actions::confirm(&t.db, None, &c.staff, id, &ActionEdits::default(), TZ).await
    else {
        panic!("without SMTP the email cannot be sent")
    };
    assert_eq!((p[0].field.as_str(), p[0].issue), ("body", FieldIssue::EmailNotConfigured));
    assert_eq!(interaction_count(&t, c.org).await, before);

    let sink = SmtpSink::start(0);
    let mailer = Mailer::from_config(&sink.config()).unwrap().unwrap();
    let edits = ActionEdits { subject: "Fechas del curso de PRL".into(), ..Default::default() };
    actions::confirm(&t.db, Some(&mailer), &c.staff, id, &edits, TZ).await.unwrap();
    let mail = sink.wait_for(1, 10).await;
    assert!(mail[0].contains("Subject: Fechas del curso de PRL"), "{}", mail[0]);
    assert!(mail[0].contains("gorka@arteka.example"));
    let (list, total) = interactions::list_interactions(&t.db, Some(c.org), None, 100, 0).await.unwrap();
    assert_eq!(total, before + 1);
    assert_eq!(list[0].kind.as_str(), "email");
    assert!(list[0].description.starts_with("Fechas del curso de PRL"));

    // A person without an address gets no draft, and reception gets no actions at all.
    let (_, nothing) = ask(&t, &c.reception, None, "Redacta un correo").await;
    assert_eq!(nothing, None);
    let dismissed = {
        let (id, _) = ask(&t, &c.staff, Some(Subject::Organization(c.org)), "Programa un seguimiento").await;
        actions::dismiss(&t.db, &c.staff, id).await.unwrap()
    };
    assert_eq!(dismissed.action_state, "dismissed");
    assert!(matches!(
        actions::confirm(&t.db, None, &c.staff, dismissed.id, &ActionEdits::default(), TZ).await,
        Err(Error::Conflict)
    ));
}
