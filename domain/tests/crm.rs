//! The CRM core against a real database (SQLite or PostgreSQL, see `domain::testing`).

use domain::crm::fields::spanish_cif;
use domain::crm::interactions::{self, InteractionInput};
use domain::crm::merge;
use domain::crm::organizations::{self as orgs, OrganizationInput};
use domain::crm::people::{self, LinkInput, PersonInput};
use domain::crm::timeline::{self, Subject};
use domain::crm::views;
use domain::testing::TestDb;
use domain::Error;
use types::{FieldIssue, LifecycleStatus, OrganizationQuery, UserId};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

async fn staff(t: &TestDb) -> UserId {
    domain::testing::staff_user(&t.db).await
}

/// A valid organization input; tests change what they need.
fn org(name: &str) -> OrganizationInput {
    OrganizationInput { legal_name: name.into(), is_contracting: true, ..Default::default() }
}

fn issues(err: Error) -> Vec<(String, FieldIssue)> {
    match err {
        Error::Validation(f) => {
            let mut v: Vec<_> = f.into_iter().map(|f| (f.field, f.issue)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn count(t: &TestDb, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(t.db.pool()).await.unwrap();
    n
}

#[tokio::test]
async fn an_organization_is_created_with_normalized_fields_interests_and_a_timeline_entry() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let created = orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput {
            tax_id: " b-12345674 ".into(),
            email: " Info@Urola.Example ".into(),
            phone: "943 12 34 56".into(),
            website: "urola.example".into(),
            owner_id: me.0.to_string(),
            interests: vec!["Resina".into(), "resina".into(), "Encuadernación".into()],
            status: "prospect".into(),
            ..org("Talleres Urola S.L.")
        },
        false,
    )
    .await
    .unwrap();
    assert_eq!(created.tax_id, "B12345674");
    assert_eq!(created.email, "info@urola.example");
    assert_eq!(created.website, "https://urola.example");
    assert_eq!(created.status, LifecycleStatus::Prospect);
    assert_eq!(created.owner_name.as_deref(), Some("Javier Moreno"));
    let names: Vec<_> = created.interests.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Encuadernación", "Resina"]);
    let feed = timeline::timeline(&t.db, Subject::Organization(created.id), &[], None, 50).await.unwrap();
    assert_eq!(feed.events.len(), 1);
    assert_eq!(feed.events[0].kind, "created");
}

#[tokio::test]
async fn bad_input_reports_every_field_and_saves_nothing() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let err = orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput {
            legal_name: "".into(),
            tax_id: "B12345675".into(),
            email: "no-es-un-email".into(),
            website: "no web".into(),
            owner_id: "999".into(),
            ..Default::default()
        },
        false,
    )
    .await
    .unwrap_err();
    assert_eq!(
        issues(err),
        vec![
            ("email".into(), FieldIssue::InvalidEmail),
            ("legal_name".into(), FieldIssue::Required),
            ("tax_id".into(), FieldIssue::InvalidTaxId),
            ("website".into(), FieldIssue::InvalidUrl),
        ]
    );
    let err = orgs::create_organization(&t.db, me, &OrganizationInput { owner_id: "999".into(), ..org("X") }, false)
        .await
        .unwrap_err();
    assert_eq!(issues(err), vec![("owner_id".into(), FieldIssue::InvalidChoice)]);
    assert_eq!(count(&t, "organizations").await, 0);
    assert_eq!(count(&t, "timeline_events").await, 0);
}

#[tokio::test]
async fn the_duplicate_guard_refuses_a_taken_tax_id_and_warns_on_email_or_phone() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let first = orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput {
            tax_id: "B12345674".into(),
            email: "info@urola.example".into(),
            phone: "943123456".into(),
            ..org("Urola")
        },
        false,
    )
    .await
    .unwrap();
    let same_tax =
        orgs::create_organization(&t.db, me, &OrganizationInput { tax_id: "b12345674".into(), ..org("Otra") }, true)
            .await
            .unwrap_err();
    assert_eq!(issues(same_tax), vec![("tax_id".into(), FieldIssue::TaxIdTaken { id: first.id.0 })]);

    let similar =
        OrganizationInput { email: "INFO@urola.example".into(), phone: "+34 943 12 34 56".into(), ..org("Urola bis") };
    let warned = orgs::create_organization(&t.db, me, &similar, false).await.unwrap_err();
    assert_eq!(
        issues(warned),
        vec![
            ("email".into(), FieldIssue::PossibleDuplicate { id: first.id.0 }),
            ("phone".into(), FieldIssue::PossibleDuplicate { id: first.id.0 }),
        ]
    );
    assert_eq!(count(&t, "organizations").await, 1);
    orgs::create_organization(&t.db, me, &similar, true).await.expect("created anyway when confirmed");
    assert_eq!(count(&t, "organizations").await, 2);
}

#[tokio::test]
async fn search_ignores_case_and_accents_and_covers_names_emails_phones_and_tax_ids() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let specs = [
        ("José Álvarez Formación", "", "", ""),
        ("Ñandú Ediciones", "pedidos@nandu.example", "", ""),
        ("Talleres Urola", "", "943 15 02 10", &spanish_cif('B', 2045113)[..]),
        ("Gráficas 50%_off", "", "", ""),
    ];
    for (name, email, phone, tax_id) in specs {
        orgs::create_organization(
            &t.db,
            me,
            &OrganizationInput { email: email.into(), phone: phone.into(), tax_id: tax_id.into(), ..org(name) },
            true,
        )
        .await
        .unwrap();
    }
    let names = |q: &str| {
        let db = t.db.clone();
        let q = q.to_string();
        async move {
            let page = orgs::list_organizations(&db, &OrganizationQuery { q, ..Default::default() }).await.unwrap();
            page.rows.into_iter().map(|r| r.legal_name).collect::<Vec<_>>()
        }
    };
    assert_eq!(names("jose").await, ["José Álvarez Formación"]);
    assert_eq!(names("ALVAREZ formacion").await, ["José Álvarez Formación"]);
    assert_eq!(names("nandu").await, ["Ñandú Ediciones"]);
    assert_eq!(names("pedidos@").await, ["Ñandú Ediciones"]);
    assert_eq!(names("943150210").await, ["Talleres Urola"]);
    assert_eq!(names("150 210").await, ["Talleres Urola"]);
    assert_eq!(names(&spanish_cif('B', 2045113).to_lowercase()).await, ["Talleres Urola"]);
    assert_eq!(names("50%_").await, ["Gráficas 50%_off"]);
    assert!(names("%").await.len() == 1, "a % is a literal character, not a wildcard");
    assert!(names("zzz").await.is_empty());
}

#[tokio::test]
async fn the_list_filters_sorts_and_pages_with_a_stable_order() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    for i in 0..60 {
        orgs::create_organization(
            &t.db,
            me,
            &OrganizationInput {
                status: if i % 3 == 0 { "client" } else { "lead" }.into(),
                city: if i % 2 == 0 { "Donostia" } else { "Bilbao" }.into(),
                interests: if i % 5 == 0 { vec!["Resina".into()] } else { vec![] },
                owner_id: if i % 4 == 0 { me.0.to_string() } else { String::new() },
                sector: if i < 10 { "Metal" } else { "" }.into(),
                // Same name every ten: the id breaks the tie.
                ..org(&format!("Empresa {:02}", i % 10))
            },
            true,
        )
        .await
        .unwrap();
    }
    let list = |q: OrganizationQuery| {
        let db = t.db.clone();
        async move { orgs::list_organizations(&db, &q).await.unwrap() }
    };
    let p1 = list(OrganizationQuery::default()).await;
    assert_eq!((p1.total, p1.rows.len(), p1.page_count()), (60, 25, 3));
    let p3 = list(OrganizationQuery { page: "3".into(), ..Default::default() }).await;
    assert_eq!(p3.rows.len(), 10);
    let mut all = Vec::new();
    for page in 1..=3 {
        all.extend(list(OrganizationQuery { page: page.to_string(), ..Default::default() }).await.rows);
    }
    let mut ids: Vec<_> = all.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 60, "no row appears on two pages");
    assert!(all.windows(2).all(|w| (&w[0].legal_name, w[0].id) < (&w[1].legal_name, w[1].id)));

    assert_eq!(list(OrganizationQuery { status: "client".into(), ..Default::default() }).await.total, 20);
    assert_eq!(list(OrganizationQuery { city: "donostia".into(), ..Default::default() }).await.total, 30);
    assert_eq!(list(OrganizationQuery { owner: me.0.to_string(), ..Default::default() }).await.total, 15);
    assert_eq!(list(OrganizationQuery { owner: "none".into(), ..Default::default() }).await.total, 45);
    assert_eq!(list(OrganizationQuery { sector: "Metal".into(), ..Default::default() }).await.total, 10);
    let resina = domain::crm::interests::list_interests(&t.db).await.unwrap();
    let by_interest =
        list(OrganizationQuery { interest: resina[0].id.0.to_string(), status: "client".into(), ..Default::default() })
            .await;
    assert_eq!(by_interest.total, 4, "interest and status combine (i % 15 == 0)");
    let newest = list(OrganizationQuery { sort: "-created".into(), ..Default::default() }).await;
    assert!(newest.rows[0].id > newest.rows[1].id);
}

#[tokio::test]
async fn a_status_change_is_stamped_and_appears_in_the_timeline() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let o = orgs::create_organization(&t.db, me, &org("Bidasoa"), false).await.unwrap();
    assert_eq!(o.status, LifecycleStatus::Lead);
    let edited = orgs::update_organization(
        &t.db,
        me,
        o.id,
        &OrganizationInput { status: "client".into(), ..org("Bidasoa S.A.") },
    )
    .await
    .unwrap();
    assert_eq!(edited.status, LifecycleStatus::Client);
    assert_eq!(edited.legal_name, "Bidasoa S.A.");
    let feed =
        timeline::timeline(&t.db, Subject::Organization(o.id), &["status_changed".into()], None, 50).await.unwrap();
    assert_eq!(feed.events.len(), 1);
    let data: serde_json::Value = serde_json::from_str(&feed.events[0].data).unwrap();
    assert_eq!((data["from"].as_str(), data["to"].as_str()), (Some("lead"), Some("client")));
    assert_eq!(feed.events[0].actor_name.as_deref(), Some("Javier Moreno"));
    // Saving again without a change adds nothing.
    orgs::update_organization(&t.db, me, o.id, &OrganizationInput { status: "client".into(), ..org("Bidasoa S.A.") })
        .await
        .unwrap();
    let feed =
        timeline::timeline(&t.db, Subject::Organization(o.id), &["status_changed".into()], None, 50).await.unwrap();
    assert_eq!(feed.events.len(), 1);
}

#[tokio::test]
async fn an_interaction_with_a_next_action_is_a_pending_follow_up_until_done() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let o = orgs::create_organization(&t.db, me, &org("Arteka"), false).await.unwrap();
    let p = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "Gorka".into(), last_name: "Urrutia".into(), ..Default::default() },
        Some(&LinkInput {
            organization_id: o.id.0.to_string(),
            role: "coordinator".into(),
            job_title: "Programación".into(),
        }),
        false,
    )
    .await
    .unwrap();
    let missing_date = interactions::create_interaction(
        &t.db,
        me,
        &InteractionInput {
            organization_id: Some(o.id),
            kind: "call".into(),
            next_action: "Enviar propuesta".into(),
            ..Default::default()
        },
        TZ,
    )
    .await
    .unwrap_err();
    assert_eq!(issues(missing_date), vec![("next_action_at".into(), FieldIssue::Required)]);

    let ix = interactions::create_interaction(
        &t.db,
        me,
        &InteractionInput {
            organization_id: Some(o.id),
            person_id: Some(p.id),
            occurred_at: "2026-11-20T10:15".into(),
            kind: "call".into(),
            description: "Quieren un taller de resina".into(),
            result: "proposal".into(),
            next_action: "Enviar propuesta".into(),
            next_action_at: "2026-11-24".into(),
            create_reminder: true,
        },
        TZ,
    )
    .await
    .unwrap();
    // A bare date is due at 08:00 in Madrid (07:00 UTC in November).
    assert_eq!(ix.next_action_at.unwrap().to_rfc3339(), "2026-11-24T07:00:00+00:00");
    assert_eq!(ix.occurred_at.to_rfc3339(), "2026-11-20T09:15:00+00:00");
    assert_eq!(ix.person_name.as_deref(), Some("Gorka Urrutia"));

    let kpis = orgs::kpis(&t.db, TZ).await.unwrap();
    assert_eq!(kpis.pending_follow_ups, 1);
    let detail = orgs::organization_detail(&t.db, o.id).await.unwrap();
    assert_eq!(detail.follow_ups.len(), 1);
    assert_eq!(detail.interaction_count, 1);
    assert_eq!(detail.contacts.len(), 1);
    assert_eq!(detail.contacts[0].job_title, "Programación");

    for subject in [Subject::Organization(o.id), Subject::Person(p.id)] {
        let feed = timeline::timeline(&t.db, subject, &["interaction".into()], None, 50).await.unwrap();
        assert_eq!(feed.events.len(), 1, "{subject:?}");
        assert_eq!(feed.events[0].ref_id, Some(ix.id.0));
    }

    interactions::complete_follow_up(&t.db, me, ix.id).await.unwrap();
    assert!(matches!(interactions::complete_follow_up(&t.db, me, ix.id).await, Err(Error::Conflict)));
    assert_eq!(orgs::kpis(&t.db, TZ).await.unwrap().pending_follow_ups, 0);
    assert!(orgs::organization_detail(&t.db, o.id).await.unwrap().follow_ups.is_empty());
}

#[tokio::test]
async fn the_timeline_pages_newest_first_with_a_cursor() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let o = orgs::create_organization(&t.db, me, &org("Urola"), false).await.unwrap();
    for day in 1..=12 {
        interactions::create_interaction(
            &t.db,
            me,
            &InteractionInput {
                organization_id: Some(o.id),
                occurred_at: format!("2026-10-{day:02}T10:00"),
                kind: "note".into(),
                description: format!("nota {day}"),
                ..Default::default()
            },
            TZ,
        )
        .await
        .unwrap();
    }
    let kinds = vec!["interaction".to_string()];
    let first = timeline::timeline(&t.db, Subject::Organization(o.id), &kinds, None, 5).await.unwrap();
    assert_eq!(first.events.len(), 5);
    let mut seen = first.events.clone();
    let mut cursor = first.next_before.clone();
    while let Some(c) = cursor {
        let page = timeline::timeline(&t.db, Subject::Organization(o.id), &kinds, Some(&c), 5).await.unwrap();
        seen.extend(page.events);
        cursor = page.next_before;
    }
    assert_eq!(seen.len(), 12);
    assert!(seen.windows(2).all(|w| w[0].at > w[1].at), "newest first, no repeats");
    assert!(seen[0].data.contains("nota 12"));
}

#[tokio::test]
async fn merging_moves_contacts_interactions_and_history_and_fills_empty_fields() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let keep = orgs::create_organization(&t.db, me, &org("Talleres Urola S.L."), false).await.unwrap();
    let dup = orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput {
            tax_id: "B12345674".into(),
            email: "info@urola.example".into(),
            interests: vec!["Resina".into()],
            ..org("Urola Talleres")
        },
        false,
    )
    .await
    .unwrap();
    let person = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "Iñaki".into(), ..Default::default() },
        Some(&LinkInput { organization_id: dup.id.0.to_string(), role: "manager".into(), job_title: String::new() }),
        false,
    )
    .await
    .unwrap();
    interactions::create_interaction(
        &t.db,
        me,
        &InteractionInput { organization_id: Some(dup.id), kind: "visit".into(), ..Default::default() },
        TZ,
    )
    .await
    .unwrap();
    let events_before = count(&t, "timeline_events").await;

    merge::merge_organizations(&t.db, me, keep.id, dup.id).await.unwrap();

    assert!(matches!(orgs::get_organization(&t.db, dup.id).await, Err(Error::NotFound)));
    let kept = orgs::get_organization(&t.db, keep.id).await.unwrap();
    assert_eq!(kept.tax_id, "B12345674");
    assert_eq!(kept.email, "info@urola.example");
    assert_eq!(kept.legal_name, "Talleres Urola S.L.");
    assert_eq!(kept.interests.len(), 1);
    let detail = orgs::organization_detail(&t.db, keep.id).await.unwrap();
    assert_eq!(detail.contacts.iter().map(|c| c.person_id).collect::<Vec<_>>(), [person.id]);
    assert_eq!(detail.interaction_count, 1);
    assert_eq!(count(&t, "timeline_events").await, events_before + 1, "nothing lost, one merge event added");
    let feed = timeline::timeline(&t.db, Subject::Organization(keep.id), &[], None, 50).await.unwrap();
    let kinds: Vec<_> = feed.events.iter().map(|e| e.kind.as_str()).collect();
    for k in ["merged", "interaction", "contact_added", "created"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    // The merged record's tax id is free for the kept one: searching finds it there.
    let found = orgs::list_organizations(&t.db, &OrganizationQuery { q: "b12345674".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(found.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [keep.id]);
    assert!(matches!(merge::merge_organizations(&t.db, me, keep.id, keep.id).await, Err(Error::Validation(_))));
}

#[tokio::test]
async fn merging_people_keeps_both_organization_links() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let a = orgs::create_organization(&t.db, me, &org("A"), false).await.unwrap();
    let b = orgs::create_organization(&t.db, me, &org("B"), false).await.unwrap();
    let link = |o: types::OrganizationId| LinkInput {
        organization_id: o.0.to_string(),
        role: "participant".into(),
        job_title: String::new(),
    };
    let p1 = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "Ane".into(), ..Default::default() },
        Some(&link(a.id)),
        false,
    )
    .await
    .unwrap();
    let p2 = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "Ane".into(), email: "ane@x.example".into(), ..Default::default() },
        Some(&link(b.id)),
        false,
    )
    .await
    .unwrap();
    merge::merge_people(&t.db, me, p1.id, p2.id).await.unwrap();
    let kept = people::get_person(&t.db, p1.id).await.unwrap();
    assert_eq!(kept.email, "ane@x.example");
    let mut orgs_of: Vec<_> = kept.links.iter().map(|l| l.organization_id).collect();
    orgs_of.sort();
    assert_eq!(orgs_of, [a.id, b.id]);
    assert!(matches!(people::get_person(&t.db, p2.id).await, Err(Error::NotFound)));
}

#[tokio::test]
async fn people_are_searchable_and_a_taken_nif_is_refused() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    people::create_person(
        &t.db,
        me,
        &PersonInput {
            first_name: "José".into(),
            last_name: "Núñez".into(),
            tax_id: "12345678Z".into(),
            ..Default::default()
        },
        None,
        false,
    )
    .await
    .unwrap();
    let page = people::list_people(&t.db, "jose nunez", 1).await.unwrap();
    assert_eq!(page.rows.iter().map(|r| r.full_name.as_str()).collect::<Vec<_>>(), ["José Núñez"]);
    let err = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "Otro".into(), tax_id: "12345678-z".into(), ..Default::default() },
        None,
        true,
    )
    .await
    .unwrap_err();
    assert!(matches!(issues(err)[0].1, FieldIssue::TaxIdTaken { .. }));
    let err = people::create_person(
        &t.db,
        me,
        &PersonInput { first_name: "X".into(), tax_id: "12345678A".into(), ..Default::default() },
        None,
        true,
    )
    .await
    .unwrap_err();
    assert_eq!(issues(err), vec![("tax_id".into(), FieldIssue::InvalidTaxId)]);
}

#[tokio::test]
async fn saved_views_belong_to_their_user_and_names_are_unique_per_user() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let q =
        OrganizationQuery { status: "lead".into(), city: "Donostia".into(), page: "4".into(), ..Default::default() };
    let v = views::save_view(&t.db, me, "Leads de Donostia", &q).await.unwrap();
    assert_eq!(v.query, "status=lead&city=Donostia", "the page is not saved");
    let again = views::save_view(&t.db, me, "Leads de Donostia", &q).await.unwrap_err();
    assert_eq!(issues(again), vec![("name".into(), FieldIssue::NameTaken)]);
    assert_eq!(views::list_views(&t.db, me).await.unwrap().len(), 1);
    assert!(matches!(views::delete_view(&t.db, UserId(me.0 + 1000), v.id).await, Err(Error::NotFound)));
    views::delete_view(&t.db, me, v.id).await.unwrap();
    assert!(views::list_views(&t.db, me).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_owner_is_a_field_error_on_every_path() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let p =
        people::create_person(&t.db, me, &PersonInput { first_name: "Ane".into(), ..Default::default() }, None, false)
            .await
            .unwrap();
    let bad = PersonInput { first_name: "Ane".into(), owner_id: "363".into(), ..Default::default() };
    let err = people::update_person(&t.db, me, p.id, &bad).await.unwrap_err();
    assert_eq!(issues(err), vec![("owner_id".into(), FieldIssue::InvalidChoice)]);
    let err = people::create_person(&t.db, me, &bad, None, true).await.unwrap_err();
    assert_eq!(issues(err), vec![("owner_id".into(), FieldIssue::InvalidChoice)]);
    let o = orgs::create_organization(&t.db, me, &org("X"), false).await.unwrap();
    let err = orgs::update_organization(&t.db, me, o.id, &OrganizationInput { owner_id: "363".into(), ..org("X") })
        .await
        .unwrap_err();
    assert_eq!(issues(err), vec![("owner_id".into(), FieldIssue::InvalidChoice)]);
}

#[tokio::test]
async fn control_characters_never_reach_the_database() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let o = orgs::create_organization(&t.db, me, &org("Nul\u{0}ería\u{1b} S.L."), false).await.unwrap();
    assert_eq!(o.legal_name, "Nulería S.L.");
    let err =
        orgs::create_organization(&t.db, me, &OrganizationInput { email: "a\u{0}@b.es".into(), ..org("X") }, false)
            .await
            .unwrap_err();
    assert_eq!(issues(err), vec![("email".into(), FieldIssue::InvalidEmail)]);
    for q in ["\u{0}", "nul\u{0}eria", "%\u{0}"] {
        orgs::list_organizations(&t.db, &OrganizationQuery { q: q.into(), city: "\u{0}".into(), ..Default::default() })
            .await
            .unwrap();
    }
    let found = orgs::list_organizations(&t.db, &OrganizationQuery { q: "nul\u{0}eria".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    timeline::timeline(&t.db, Subject::Organization(o.id), &["inter\u{0}action".into()], None, 10).await.unwrap();
}
