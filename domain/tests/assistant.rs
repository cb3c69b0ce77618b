//! The assistant's grounding against a real database: the facts gathered for a user and a record
//! (within the user's role), the built-in assistant's answers in three languages with their
//! citations, and the checker that holds a model's answer to those facts.

use domain::assistant::checker::{self, Rejection};
use domain::assistant::facts::{gather, Subject};
use domain::assistant::fallback::{self, Intent};
use domain::crm::interactions::{self, InteractionInput};
use domain::crm::people::{self, LinkInput, PersonInput};
use domain::testing::TestDb;
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::training::payments::{self, PaymentInput, SimulatedProvider};
use domain::training::workshops::{self, WorkshopInput};
use domain::users;
use domain::Error;
use types::{Locale, WorkshopId};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

fn local(days: i64, hour: u32) -> String {
    let d = domain::clock::today(TZ) + chrono::Duration::days(days);
    format!("{}T{hour:02}:00", d.format("%Y-%m-%d"))
}

struct Centre {
    staff: users::User,
    reception: users::User,
    org: types::OrganizationId,
    resin: WorkshopId,
    paid_cite: String,
    unpaid_cite: String,
}

/// A client with a contact and a follow-up due today, and a resin workshop with one paid and one
/// unpaid participant.
async fn centre(t: &TestDb) -> Centre {
    let staff = domain::testing::new_user(&t.db, "javier@aula.example", "Javier Moreno", "staff", "es").await;
    let reception = domain::testing::new_user(&t.db, "lucia@aula.example", "Lucía Fernández", "reception", "es").await;
    let org = domain::testing::client(&t.db, staff.id, "Talleres Arteka", "Bilbao").await;
    people::create_person(
        &t.db,
        staff.id,
        &PersonInput {
            first_name: "Gorka".into(),
            last_name: "Urrutia".into(),
            phone: "944 000 111".into(),
            ..Default::default()
        },
        Some(&LinkInput {
            organization_id: org.id.to_string(),
            role: "coordinator".into(),
            job_title: "RR. HH.".into(),
        }),
        false,
    )
    .await
    .unwrap();
    let today = domain::clock::today(TZ).format("%Y-%m-%d").to_string();
    interactions::create_interaction(
        &t.db,
        staff.id,
        &InteractionInput {
            organization_id: Some(org.id),
            kind: "call".into(),
            result: "follow_up".into(),
            description: "Interesados en PRL".into(),
            next_action: "Llamar para cerrar fechas".into(),
            next_action_at: format!("{today}T00:30"),
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap();
    let resin = workshops::create_workshop(
        &t.db,
        staff.id,
        &WorkshopInput {
            title: "Taller de resina epoxi".into(),
            starts_at: local(10, 17),
            ends_at: local(10, 20),
            place: "Aula 1".into(),
            capacity: "12".into(),
            price: "45,00".into(),
            state: "published".into(),
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap()
    .id;
    let mut cites = Vec::new();
    for (first, last) in [("Ane", "Etxeberria"), ("Mikel", "Goikoetxea")] {
        let out = enrollment::enroll_participant(
            &t.db,
            &EnrollRequest {
                workshop_id: resin,
                enrollee: Enrollee::New {
                    first_name: first.into(),
                    last_name: last.into(),
                    email: format!("{}@example.com", first.to_lowercase()),
                    phone: String::new(),
                },
                idempotency_key: None,
                channel: Channel::Public,
                actor: None,
            },
        )
        .await
        .unwrap();
        cites.push((out.enrollment.id, format!("E{}", out.enrollment.id)));
    }
    payments::record_payment(
        &t.db,
        &SimulatedProvider,
        Some(staff.id),
        cites[0].0,
        &PaymentInput { method: "card".into(), amount: "45,00".into(), reference: "TPV-1".into() },
    )
    .await
    .unwrap();
    Centre { staff, reception, org: org.id, resin, paid_cite: cites[0].1.clone(), unpaid_cite: cites[1].1.clone() }
}

#[tokio::test]
async fn the_built_in_assistant_answers_the_common_questions_from_the_facts_with_citations() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let workshop = Subject::Workshop(c.resin);
    let ask = |q: &'static str, subject: Option<Subject>, locale: Locale| {
        let (db, staff) = (&t.db, &c.staff);
        async move {
            let facts = gather(db, staff, subject, q, TZ).await.unwrap();
            let cite = subject.map(|s| s.cite());
            let reply = fallback::answer(q, &facts, cite.as_deref(), locale, TZ);
            // The built-in answers hold to the same check as a model's (those that state facts).
            if !checker::citations(&reply.text).is_empty() {
                assert_eq!(checker::check(&reply.text, &facts, q), Ok(()), "{}", reply.text);
            }
            reply
        }
    };

    let seats = ask("¿cuántas plazas quedan en el taller de resina?", None, Locale::Es).await;
    assert_eq!(seats.intent, Some(Intent::SeatsLeft));
    assert!(seats.text.starts_with("Quedan 10 plazas de 12 en «Taller de resina epoxi»"), "{}", seats.text);
    assert!(seats.text.ends_with(&format!("[W{}]", c.resin)), "{}", seats.text);
    let english = ask("How many seats are left?", Some(workshop), Locale::En).await;
    assert!(english.text.starts_with("10 of 12 seats left in “Taller de resina epoxi”"), "{}", english.text);

    let unpaid = ask("¿quién no ha pagado?", None, Locale::Es).await;
    assert_eq!(unpaid.intent, Some(Intent::Unpaid));
    assert!(unpaid.text.contains("Mikel Goikoetxea") && unpaid.text.contains(&c.unpaid_cite), "{}", unpaid.text);
    assert!(unpaid.text.contains("45,00\u{a0}€"), "{}", unpaid.text);
    assert!(!unpaid.text.contains("Ane Etxeberria") && !unpaid.text.contains(&c.paid_cite), "{}", unpaid.text);
    // Another workshop's unpaid seat: listed from nowhere in particular, not on the resin page.
    let watercolour = workshops::create_workshop(
        &t.db,
        c.staff.id,
        &WorkshopInput {
            title: "Taller de acuarela".into(),
            starts_at: local(12, 17),
            ends_at: local(12, 19),
            place: "Aula 2".into(),
            capacity: "8".into(),
            price: "30,00".into(),
            state: "published".into(),
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap()
    .id;
    enrollment::enroll_participant(
        &t.db,
        &EnrollRequest {
            workshop_id: watercolour,
            enrollee: Enrollee::New {
                first_name: "Iker".into(),
                last_name: "Zubiri".into(),
                email: "iker@example.com".into(),
                phone: String::new(),
            },
            idempotency_key: None,
            channel: Channel::Public,
            actor: None,
        },
    )
    .await
    .unwrap();
    let everywhere = ask("¿quién no ha pagado?", None, Locale::Es).await;
    assert!(
        everywhere.text.contains("Iker Zubiri") && everywhere.text.contains("Mikel Goikoetxea"),
        "{}",
        everywhere.text
    );
    let on_resin = ask("¿quién no ha pagado?", Some(workshop), Locale::Es).await;
    assert!(on_resin.text.contains("Mikel Goikoetxea") && !on_resin.text.contains("Iker"), "{}", on_resin.text);

    let pending = ask("¿qué tengo pendiente hoy?", None, Locale::Es).await;
    assert_eq!(pending.intent, Some(Intent::PendingToday));
    assert!(pending.text.contains("Llamar para cerrar fechas"), "{}", pending.text);
    let basque = ask("Zer daukat egiteko gaur?", None, Locale::Eu).await;
    assert!(basque.text.starts_with("Gaur 1 ekintza dituzu egiteko"), "{}", basque.text);

    let summary = ask("resume este cliente", Some(Subject::Organization(c.org)), Locale::Es).await;
    assert!(summary.text.starts_with("Cliente Talleres Arteka"), "{}", summary.text);
    assert!(
        summary.text.contains("Gorka Urrutia") && summary.text.contains(&format!("[O{}]", c.org)),
        "{}",
        summary.text
    );
    let contacts = ask("¿Cuál es el teléfono de Gorka?", None, Locale::Es).await;
    assert!(contacts.text.contains("944 000 111"), "{}", contacts.text);

    let unknown = ask("¿qué tiempo hará mañana?", None, Locale::Es).await;
    assert_eq!(unknown.intent, None);
    assert!(unknown.text.starts_with("Sin IA puedo responder"), "{}", unknown.text);
}

#[tokio::test]
async fn reception_gets_workshop_facts_only_and_a_model_answer_must_stick_to_the_facts() {
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let q = "¿quién no ha pagado?";
    let facts = gather(&t.db, &c.reception, Some(Subject::Workshop(c.resin)), q, TZ).await.unwrap();
    assert!(facts.items.iter().any(|f| f.cite == c.unpaid_cite));
    assert!(facts.items.iter().all(|f| !f.cite.starts_with('O') && !f.cite.starts_with('I')), "no CRM facts");
    let refused = gather(&t.db, &c.reception, Some(Subject::Organization(c.org)), q, TZ).await;
    assert!(matches!(refused, Err(Error::Forbidden)));

    let w = format!("[W{}]", c.resin);
    assert_eq!(checker::check(&format!("Quedan 10 plazas {w}."), &facts, q), Ok(()));
    assert_eq!(
        checker::check(&format!("Quedan 11 plazas {w}."), &facts, q),
        Err(Rejection::UnsupportedNumber("11".into()))
    );
    assert_eq!(checker::check("Mikel debe 45 € [E999].", &facts, q), Err(Rejection::UnknownCitation("E999".into())));
}

/// How the stand-in model behaves. A real model cannot fail on cue, so the error paths use this
/// small server on loopback; the happy path also runs against a real model (see the README).
#[derive(Clone)]
enum Script {
    /// Streams these pieces as OpenAI-style chunks, then `[DONE]`.
    Says(Vec<String>),
    Status500,
    Malformed,
    SlowFirstToken,
}

/// Serves `script` on 127.0.0.1 for every request; returns the base URL.
async fn fake_model(script: Script) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            let script = script.clone();
            tokio::spawn(async move {
                // Read the request head and its body.
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                loop {
                    let n = sock.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    seen.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&seen);
                    if let Some(head_end) = text.find("\r\n\r\n") {
                        let len = text[..head_end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if seen.len() >= head_end + 4 + len {
                            break;
                        }
                    }
                }
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";
                match script {
                    Script::Status500 => {
                        let _ = sock.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\nconnection: close\r\n\r\nboom").await;
                    }
                    Script::Malformed => {
                        let _ = sock.write_all(format!("{head}data: {{\"choices\": [{{\"delta\"\n\n").as_bytes()).await;
                    }
                    Script::SlowFirstToken => {
                        let _ = sock.write_all(head.as_bytes()).await;
                        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                    }
                    Script::Says(pieces) => {
                        let _ = sock.write_all(head.as_bytes()).await;
                        let role = r#"data: {"choices":[{"delta":{"role":"assistant"}}]}"#;
                        let _ = sock.write_all(format!("{role}\n\n").as_bytes()).await;
                        for p in &pieces {
                            let chunk = serde_json::json!({"choices": [{"delta": {"content": p}}]});
                            let _ = sock.write_all(format!("data: {chunk}\n\n").as_bytes()).await;
                            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        }
                        let _ = sock.write_all(b"data: [DONE]\n\n").await;
                    }
                }
                let _ = sock.shutdown().await;
            });
        }
    });
    format!("http://{addr}/v1")
}

#[tokio::test]
async fn a_streamed_model_answer_that_holds_to_the_facts_is_shown_and_anything_else_falls_back() {
    use domain::assistant::ask::{answer_question, FallbackReason, Question};
    use domain::assistant::provider::{ProviderConfig, ProviderError};
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let client = reqwest::Client::new();
    let subject = Some(Subject::Workshop(c.resin));
    let q = "¿cuántas plazas quedan?";
    let w = format!("[W{}]", c.resin);
    let config = |url: String| ProviderConfig {
        base_url: url,
        model: "stand-in".into(),
        api_key: "sk-test".into(),
        timeout: std::time::Duration::from_millis(800),
    };

    // Good: the tokens arrive in order and the cited workshop is linked.
    let good = || Script::Says(vec!["Quedan ".into(), "10 plazas ".into(), w.clone(), ".".into()]);
    let mut tokens = Vec::new();
    let a = answer_question(
        &t.db,
        &client,
        &config(fake_model(good()).await),
        &Question::new(&c.staff, subject, q, TZ),
        |p| {
            tokens.push(p.to_string());
            true
        },
    )
    .await
    .unwrap();
    assert_eq!(a.fallback, None);
    assert_eq!(tokens.concat(), a.text);
    assert_eq!(tokens.len(), 4);
    assert_eq!(a.links, [(format!("W{}", c.resin), format!("/workshops/{}", c.resin))]);

    // The user stops the reply after the first token.
    let mut count = 0;
    let stopped = answer_question(
        &t.db,
        &client,
        &config(fake_model(good()).await),
        &Question::new(&c.staff, subject, q, TZ),
        |_| {
            count += 1;
            false
        },
    )
    .await
    .unwrap();
    assert_eq!(count, 1);
    assert!(matches!(stopped.fallback, Some(FallbackReason::Rejected(_)) | None));

    // An invented number or citation is refused; the built-in answer is shown instead.
    let lying = Script::Says(vec!["Quedan 11 plazas [W999].".into()]);
    let refused = answer_question(
        &t.db,
        &client,
        &config(fake_model(lying).await),
        &Question::new(&c.staff, subject, q, TZ),
        |_| true,
    )
    .await
    .unwrap();
    assert!(matches!(refused.fallback, Some(FallbackReason::Rejected(_))), "{refused:?}");
    assert!(refused.text.starts_with("Quedan 10 plazas de 12"), "{}", refused.text);
    assert_eq!(refused.refused_text, "Quedan 11 plazas [W999].");

    for (script, expected) in
        [(Script::Status500, ProviderError::Status(500)), (Script::SlowFirstToken, ProviderError::Timeout)]
    {
        let a = answer_question(
            &t.db,
            &client,
            &config(fake_model(script).await),
            &Question::new(&c.staff, subject, q, TZ),
            |_| true,
        )
        .await
        .unwrap();
        assert_eq!(a.fallback, Some(FallbackReason::ModelFailed(expected)));
        assert!(a.text.starts_with("Quedan 10 plazas de 12"), "{}", a.text);
    }
    let malformed = answer_question(
        &t.db,
        &client,
        &config(fake_model(Script::Malformed).await),
        &Question::new(&c.staff, subject, q, TZ),
        |_| true,
    )
    .await
    .unwrap();
    assert!(
        matches!(malformed.fallback, Some(FallbackReason::ModelFailed(ProviderError::Malformed(_)))),
        "{malformed:?}"
    );
    let nobody = answer_question(
        &t.db,
        &client,
        &config("http://127.0.0.1:9/v1".into()),
        &Question::new(&c.staff, subject, q, TZ),
        |_| true,
    )
    .await
    .unwrap();
    assert!(matches!(nobody.fallback, Some(FallbackReason::ModelFailed(ProviderError::Unreachable(_)))), "{nobody:?}");
    let unset =
        answer_question(&t.db, &client, &ProviderConfig::default(), &Question::new(&c.staff, subject, q, TZ), |_| true)
            .await
            .unwrap();
    assert_eq!(unset.fallback, Some(FallbackReason::NotConfigured));
}

#[tokio::test]
async fn exchanges_are_kept_per_user_and_record_with_feedback_and_usage_figures() {
    use domain::assistant::ask::{answer_question, Question};
    use domain::assistant::history;
    use domain::assistant::provider::ProviderConfig;
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let client = reqwest::Client::new();
    let subject = Subject::Workshop(c.resin);
    let q = "¿cuántas plazas quedan?";
    let good = Script::Says(vec![format!("Quedan 10 plazas [W{}].", c.resin)]);
    let model = ProviderConfig {
        base_url: fake_model(good).await,
        model: "stand-in".into(),
        timeout: std::time::Duration::from_secs(2),
        ..Default::default()
    };
    let by_model = answer_question(&t.db, &client, &model, &Question::new(&c.staff, Some(subject), q, TZ), |_| true)
        .await
        .unwrap();
    let saved = history::record(&t.db, c.staff.id, &subject.cite(), q, &by_model, "stand-in", 120).await.unwrap();
    let built_in = answer_question(
        &t.db,
        &client,
        &ProviderConfig::default(),
        &Question::new(&c.staff, None, "¿quién no ha pagado?", TZ),
        |_| true,
    )
    .await
    .unwrap();
    history::record(&t.db, c.staff.id, "", "¿quién no ha pagado?", &built_in, "", 3).await.unwrap();

    // Per record: the workshop's conversation has its one exchange, with its link.
    let on_workshop = history::history(&t.db, c.staff.id, &subject.cite(), 20).await.unwrap();
    assert_eq!(on_workshop.len(), 1);
    assert!(on_workshop[0].by_model);
    assert_eq!(on_workshop[0].links, [(subject.cite(), format!("/workshops/{}", c.resin))]);
    assert_eq!(history::history(&t.db, c.staff.id, "", 20).await.unwrap().len(), 1);
    assert!(history::history(&t.db, c.reception.id, &subject.cite(), 20).await.unwrap().is_empty());

    // Feedback on one's own answers only.
    let voted = history::set_feedback(&t.db, c.staff.id, saved.id, -1, "No dice cuándo empieza").await.unwrap();
    assert_eq!((voted.feedback, voted.comment.as_str()), (-1, "No dice cuándo empieza"));
    assert!(matches!(history::set_feedback(&t.db, c.reception.id, saved.id, 1, "").await, Err(Error::NotFound)));
    assert!(matches!(history::set_feedback(&t.db, c.staff.id, saved.id, 5, "").await, Err(Error::Validation(_))));

    let u = history::usage(&t.db, 0).await.unwrap();
    assert_eq!((u.questions, u.by_model, u.without_model, u.users), (2, 1, 1, 1));
    assert_eq!((u.thumbs_up, u.thumbs_down), (0, 1));
    assert_eq!(u.reasons, [("not_configured".to_string(), 1)]);
    assert_eq!(u.disliked[0].comment, "No dice cuándo empieza");
}

#[tokio::test]
async fn a_follow_up_question_carries_the_last_exchanges_of_the_conversation() {
    use domain::assistant::ask::messages;
    use domain::assistant::history;
    let t = TestDb::new().await;
    let c = centre(&t).await;
    let facts = gather(&t.db, &c.staff, Some(Subject::Workshop(c.resin)), "¿y mañana?", TZ).await.unwrap();
    let mut previous = Vec::new();
    for n in 0..5 {
        let answer = domain::assistant::ask::Answer {
            text: format!("respuesta {n}"),
            fallback: None,
            links: Vec::new(),
            refused_text: String::new(),
            action: None,
        };
        previous
            .push(history::record(&t.db, c.staff.id, "W1", &format!("pregunta {n}"), &answer, "m", 1).await.unwrap());
    }
    let sent = messages("¿y mañana?", &facts, Locale::Es, &previous);
    let roles: Vec<&str> = sent.iter().map(|m| m.role).collect();
    assert_eq!(roles, ["system", "user", "assistant", "user", "assistant", "user", "assistant", "user"]);
    assert_eq!(sent[1].content, "pregunta 2", "the last three exchanges, oldest first");
    assert_eq!(sent[6].content, "respuesta 4");
    assert_eq!(sent[7].content, "¿y mañana?");
}
