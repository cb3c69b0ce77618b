//! The assistant's happy path against a real model served on loopback (SmolLM2-135M-Instruct in
//! llama.cpp's server; see `scripts/env.sh`). A model this small answers badly, so this asserts
//! the protocol, the streaming, the check and the fallback, never the wording.

use domain::assistant::ask::{answer_question, FallbackReason, Question};
use domain::assistant::checker;
use domain::assistant::facts::{gather, Subject};
use domain::assistant::provider::{stream_chat, ChatMessage, ProviderConfig};
use domain::testing::{RealModel, TestDb};
use domain::training::workshops::{self, WorkshopInput};
use domain::users::{self, NewUser};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_model_streams_its_answer_and_the_check_decides_what_is_shown() {
    let model = RealModel::start();
    let config = ProviderConfig {
        base_url: model.base_url.clone(),
        model: "SmolLM2-135M-Instruct".into(),
        api_key: String::new(),
        timeout: std::time::Duration::from_secs(120),
    };
    let client = reqwest::Client::new();

    // The bare protocol: several chunks, in order, making up the reply.
    let mut pieces = Vec::new();
    let hello = [ChatMessage { role: "user", content: "Say hello in one short sentence.".into() }];
    let text = stream_chat(&client, &config, &hello, |p| {
        pieces.push(p.to_string());
        true
    })
    .await
    .expect("the model answers");
    assert!(pieces.len() > 1, "streamed in several chunks: {pieces:?}");
    assert_eq!(pieces.concat(), text);

    // Grounded: the model's answer is shown only if it holds to the facts; otherwise the
    // built-in answer is, and the model's text is kept aside.
    let t = TestDb::new().await;
    let staff = users::create_user(
        &t.db,
        &NewUser {
            email: "javier@aula.example".into(),
            name: "Javier Moreno".into(),
            role: "staff".into(),
            locale: "es".into(),
            password: "contraseña-larga".into(),
        },
    )
    .await
    .unwrap();
    let day = (domain::clock::today(TZ) + chrono::Duration::days(9)).format("%Y-%m-%d");
    let w = workshops::create_workshop(
        &t.db,
        staff.id,
        &WorkshopInput {
            title: "Taller de resina epoxi".into(),
            starts_at: format!("{day}T17:00"),
            ends_at: format!("{day}T20:00"),
            place: "Aula 1".into(),
            capacity: "12".into(),
            price: "45,00".into(),
            state: "published".into(),
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap();
    let q = "¿Cuántas plazas quedan en el taller de resina?";
    let subject = Some(Subject::Workshop(w.id));
    let mut streamed = String::new();
    let answer = answer_question(&t.db, &client, &config, &Question::new(&staff, subject, q, TZ), |p| {
        streamed.push_str(p);
        true
    })
    .await
    .unwrap();
    assert!(!streamed.is_empty(), "the model's tokens reached the caller");
    let facts = gather(&t.db, &staff, subject, q, TZ).await.unwrap();
    match &answer.fallback {
        None => {
            assert_eq!(answer.text, streamed);
            assert_eq!(checker::check(&answer.text, &facts, q), Ok(()));
        }
        Some(FallbackReason::Rejected(why)) => {
            assert_eq!(answer.refused_text, streamed);
            assert_eq!(checker::check(&streamed, &facts, q), Err(why.clone()));
            assert!(answer.text.starts_with("Quedan 12 plazas de 12"), "{}", answer.text);
        }
        other => panic!("the model was reachable and answered, yet: {other:?}"),
    }
    for (cite, href) in &answer.links {
        assert_eq!(facts.get(cite).map(|f| f.href.as_str()), Some(href.as_str()));
    }
    eprintln!("real model said: {streamed:?}\nshown: {:?} ({:?})", answer.text, answer.fallback);
}
