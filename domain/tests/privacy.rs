//! Personal data rights against a real database (SQLite or PostgreSQL), on the demo centre: an
//! access request gathers what is held about a person; an erasure removes what the law lets go,
//! blocks what it must keep until its term, and is audited without the values it removed.

use domain::crm::people::{self, PersonInput};
use domain::privacy::{self, ERASED_NAME};
use domain::testing::TestDb;
use domain::training::payments::{self, PaymentInput, SimulatedProvider};
use domain::Error;
use types::{FieldIssue, HoldReason, PersonId};

/// The demo centre, and the id of the person with `email`.
async fn demo_person(t: &TestDb, email: &str) -> PersonId {
    domain::demo::seed(&t.db, "demo-password").await.unwrap();
    person_by_email(t, email).await
}

async fn person_by_email(t: &TestDb, email: &str) -> PersonId {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM people WHERE email = $1").bind(email).fetch_one(t.db.pool()).await.unwrap();
    PersonId(id)
}

async fn count(t: &TestDb, sql: &str, id: PersonId) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).bind(id.0).fetch_one(t.db.pool()).await.unwrap();
    n
}

#[tokio::test]
async fn an_access_request_gathers_the_record_links_training_and_history_of_a_person() {
    let t = TestDb::new().await;
    let inaki = demo_person(&t, "iarrieta@urola.example").await;
    let data = privacy::personal_data(&t.db, inaki).await.unwrap();
    assert_eq!(data.person.full_name(), "Iñaki Arrieta Zubia");
    assert_eq!(data.person.links.len(), 1, "manager at Ferretería Urola");
    let prl = data.training.iter().find(|c| c.course.contains("Prevención")).expect("the PRL contract");
    assert!(!prl.attendance.is_empty() && prl.attendance.iter().all(|(_, s)| s == "present"), "{prl:?}");
    assert!(data.changes.iter().any(|c| c.action == "create"), "the creation of their record");
    let json = serde_json::to_string(&data).unwrap();
    assert!(json.contains("iarrieta@urola.example") && json.contains("943 150 210"));
    assert!(matches!(privacy::personal_data(&t.db, PersonId(999_999)).await, Err(Error::NotFound)));
}

#[tokio::test]
async fn an_erasure_removes_what_the_law_lets_go_and_blocks_the_training_evidence_for_four_years() {
    let t = TestDb::new().await;
    let inaki = demo_person(&t, "iarrieta@urola.example").await;
    let staff = domain::testing::staff_user(&t.db).await;
    let attendance_before = count(&t, "SELECT COUNT(*) FROM attendance WHERE person_id = $1", inaki).await;
    assert!(attendance_before > 0);
    let (last_session,): (i64,) = sqlx::query_as(
        "SELECT MAX(s.starts_at) FROM attendance a JOIN training_sessions s ON s.id = a.session_id WHERE a.person_id = $1",
    )
    .bind(inaki.0)
    .fetch_one(t.db.pool())
    .await
    .unwrap();

    let report = privacy::erase_person(&t.db, staff, inaki).await.unwrap();
    assert_eq!(report.holds, vec![HoldReason::TrainingEvidence]);
    let until = report.held_until.expect("held");
    let last = domain::clock::to_utc(last_session);
    assert_eq!(until, last.checked_add_months(chrono::Months::new(48)).unwrap(), "four years after the last session");
    assert!(report.removed.iter().any(|(k, n)| k == "links" && *n == 1), "{:?}", report.removed);

    // The record is anonymous; its links, interests and history are gone; attendance stays.
    let p = people::get_person(&t.db, inaki).await.unwrap();
    assert_eq!((p.first_name.as_str(), p.email.as_str(), p.phone.as_str()), (ERASED_NAME, "", ""));
    assert!(p.links.is_empty() && p.interests.is_empty() && p.erased_at.is_some());
    assert_eq!(count(&t, "SELECT COUNT(*) FROM interactions WHERE person_id = $1", inaki).await, 0);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM timeline_events WHERE person_id = $1", inaki).await, 0);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM attendance WHERE person_id = $1", inaki).await, attendance_before);
    let found = people::list_people(&t.db, "Arrieta", 0).await.unwrap();
    assert!(found.rows.iter().all(|r| r.id != inaki), "no longer found by their name");

    // Only the name, blocked, with the reason and the term.
    let (first, last_name, reasons, held): (String, String, String, i64) = sqlx::query_as(
        "SELECT first_name, last_name, reasons, held_until FROM personal_data_holds WHERE person_id = $1",
    )
    .bind(inaki.0)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!((first.as_str(), last_name.as_str(), reasons.as_str()), ("Iñaki", "Arrieta Zubia", "training_evidence"));
    assert_eq!(held, until.timestamp());

    // The audit log says what was done, by whom, never the values removed.
    let (changes, user): (String, Option<i64>) = sqlx::query_as(
        "SELECT changes, user_id FROM audit_log WHERE entity = 'people' AND entity_id = $1 AND action = 'erase'",
    )
    .bind(inaki.0)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(user, Some(staff.0));
    assert!(
        changes.contains("blocked_until") && !changes.contains("iarrieta") && !changes.contains("Iñaki"),
        "{changes}"
    );
    assert!(domain::audit::verify(&t.db).await.unwrap().intact);

    // Once erased: not again, and no new data on the anonymous record.
    let again = privacy::erase_person(&t.db, staff, inaki).await.unwrap_err();
    assert!(matches!(&again, Error::Validation(f) if f[0].issue == FieldIssue::WrongState), "{again:?}");
    let edit = PersonInput { first_name: "Iñaki".into(), last_name: "Arrieta".into(), ..Default::default() };
    let refused = people::update_person(&t.db, staff, inaki, &edit).await.unwrap_err();
    assert!(matches!(&refused, Error::Validation(f) if f[0].issue == FieldIssue::WrongState), "{refused:?}");
    let note = domain::crm::interactions::InteractionInput {
        person_id: Some(inaki),
        kind: "call".into(),
        description: "Llamada".into(),
        ..Default::default()
    };
    let refused = domain::crm::interactions::create_interaction(&t.db, staff, &note, chrono_tz::Europe::Madrid)
        .await
        .unwrap_err();
    assert!(matches!(&refused, Error::Validation(f) if f[0].field == "person_id"), "{refused:?}");
    let org = types::OrganizationId(1);
    let refused = people::add_contact(&t.db, staff, org, inaki, "participant", "").await.unwrap_err();
    assert!(matches!(&refused, Error::Validation(f) if f[0].field == "person_id"), "{refused:?}");

    // The worker deletes the blocked data when its term ends, not before.
    assert_eq!(privacy::purge_expired_holds(&t.db, until.timestamp() - 1).await.unwrap(), 0);
    assert_eq!(privacy::purge_expired_holds(&t.db, until.timestamp()).await.unwrap(), 1);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM personal_data_holds WHERE person_id = $1", inaki).await, 0);
}

#[tokio::test]
async fn a_payment_received_keeps_the_name_for_the_accounting_and_a_person_with_nothing_to_keep_keeps_nothing() {
    let t = TestDb::new().await;
    let irene = demo_person(&t, "irene.galarraga@example.com").await;
    let staff = domain::testing::staff_user(&t.db).await;
    let (enrollment,): (i64,) =
        sqlx::query_as("SELECT id FROM enrollments WHERE person_id = $1 AND state = 'confirmed'")
            .bind(irene.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    let card = PaymentInput { amount: String::new(), method: "card".into(), reference: String::new() };
    let paid = payments::record_payment(&t.db, &SimulatedProvider, Some(staff), types::EnrollmentId(enrollment), &card)
        .await
        .unwrap();
    let report = privacy::erase_person(&t.db, staff, irene).await.unwrap();
    assert_eq!(report.holds, vec![HoldReason::Accounting]);
    let (paid_at,): (i64,) = sqlx::query_as("SELECT paid_at FROM enrollments WHERE id = $1")
        .bind(enrollment)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let paid_at = domain::clock::to_utc(paid_at);
    assert_eq!(report.held_until, paid_at.checked_add_months(chrono::Months::new(72)), "six years after the payment");
    let (state, amount): (String, i64) =
        sqlx::query_as("SELECT payment_status, amount_paid_cents FROM enrollments WHERE id = $1")
            .bind(enrollment)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!((state.as_str(), amount), ("paid", paid.amount_paid_cents), "the payment itself stays");

    let leire = person_by_email(&t, "leire@ondarreta.example").await;
    let report = privacy::erase_person(&t.db, staff, leire).await.unwrap();
    assert!(report.holds.is_empty() && report.held_until.is_none());
    assert_eq!(count(&t, "SELECT COUNT(*) FROM personal_data_holds WHERE person_id = $1", leire).await, 0);
}

#[tokio::test]
async fn an_erasure_takes_the_persons_values_out_of_the_audit_log_and_the_chain_still_verifies() {
    let t = TestDb::new().await;
    let inaki = demo_person(&t, "iarrieta@urola.example").await;
    let staff = domain::testing::staff_user(&t.db).await;
    let (urola,): (i64,) = sqlx::query_as("SELECT organization_id FROM organization_people WHERE person_id = $1")
        .bind(inaki.0)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    // A change to their record, and a call with their company that names them.
    let person = people::get_person(&t.db, inaki).await.unwrap();
    let edit = PersonInput {
        first_name: person.first_name.clone(),
        last_name: person.last_name.clone(),
        email: person.email.clone(),
        phone: "600 111 222".into(),
        ..Default::default()
    };
    people::update_person(&t.db, staff, inaki, &edit).await.unwrap();
    let call = domain::crm::interactions::InteractionInput {
        organization_id: Some(types::OrganizationId(urola)),
        person_id: Some(inaki),
        kind: "call".into(),
        description: "Llamé a iñaki arrieta zubia (iarrieta@urola.example, 600 111 222): quiere el curso de PRL."
            .into(),
        result: "follow_up".into(),
        ..Default::default()
    };
    let call =
        domain::crm::interactions::create_interaction(&t.db, staff, &call, chrono_tz::Europe::Madrid).await.unwrap();
    let mentions = "SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%iarrieta%' OR changes LIKE '%600 111 222%' \
                    OR changes LIKE '%Iñaki%' OR changes LIKE '%iñaki%'";
    let (before,): (i64,) = sqlx::query_as(mentions).fetch_one(t.db.pool()).await.unwrap();
    assert!(before >= 3, "their creation, the edit and the call name them: {before}");

    privacy::erase_person(&t.db, staff, inaki).await.unwrap();

    // No entry holds their values any more; the entries stay, with the fields they changed.
    let (after,): (i64,) = sqlx::query_as(mentions).fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(after, 0);
    let q = types::AuditQuery { entity: Some("people".into()), entity_id: Some(inaki.0), ..Default::default() };
    let entries = domain::audit::list(&t.db, &q).await.unwrap().entries;
    let edit = entries.iter().find(|e| e.action == "update").expect("the edit is still there");
    assert!(
        edit.redacted && edit.changes.iter().any(|c| c.field == "phone" && c.before.is_none() && c.after.is_none())
    );
    let erase = entries.iter().find(|e| e.action == "erase").expect("the erasure");
    assert!(!erase.redacted && erase.changes.iter().any(|c| c.field == "redaction_seal"), "{erase:?}");
    // The call stays with the company, without their name, email or phone.
    let (text,): (String,) = sqlx::query_as("SELECT description FROM interactions WHERE id = $1")
        .bind(call.id.0)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let m = privacy::ERASED_MENTION;
    assert_eq!(text, format!("Llamé a {m} ({m}, {m}): quiere el curso de PRL."));

    let report = domain::audit::verify(&t.db).await.unwrap();
    assert!(report.intact, "{report:?}");

    // A redacted entry can change in nothing else, nor get its values back.
    let (redacted,): (i64,) = sqlx::query_as("SELECT seq FROM audit_log WHERE redacted_at IS NOT NULL LIMIT 1")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    for tamper in [
        "UPDATE audit_log SET ip = '10.0.0.9' WHERE seq = $1",
        "UPDATE audit_log SET redacted_at = NULL WHERE seq = $1",
    ] {
        assert!(sqlx::query(tamper).bind(redacted).execute(t.db.pool()).await.is_err(), "{tamper}");
    }
    // Values taken out of an entry no erasure names break the chain there.
    let (other,): (i64,) = sqlx::query_as(
        "SELECT MIN(seq) FROM audit_log WHERE redacted_at IS NULL AND entity = 'people' AND action = 'create'",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    sqlx::query("UPDATE audit_log SET changes = '[]', redacted_at = 1 WHERE seq = $1")
        .bind(other)
        .execute(t.db.pool())
        .await
        .unwrap();
    let report = domain::audit::verify(&t.db).await.unwrap();
    assert_eq!((report.intact, report.first_broken), (false, Some(other)));
}
