//! CSV import against a real database (SQLite or PostgreSQL): runs kept in the database,
//! imported in batches that other writes go between, stopped, resumed, undone, and carried on by
//! another instance.

use std::sync::Arc;

use domain::crm::import::{self, parse_csv, suggest_mapping, RunState, Target, BATCH_ROWS};
use domain::crm::organizations::{self as orgs, OrganizationInput};
use domain::testing::TestDb;
use types::{FieldIssue, ImportJobView, OrganizationQuery, UserId};

async fn staff(t: &TestDb) -> UserId {
    domain::testing::staff_user(&t.db).await
}

async fn total(t: &TestDb, q: &str) -> i64 {
    orgs::list_organizations(&t.db, &OrganizationQuery { q: q.into(), ..Default::default() }).await.unwrap().total
}

/// Uploads `csv` as a run and starts it with the suggested mapping; returns its id.
async fn started(t: &TestDb, me: UserId, target: Target, csv: &str, update_existing: bool) -> String {
    let table = parse_csv(csv.as_bytes()).unwrap();
    let id = import::create_run(&t.db, me, target, "datos.csv", &table).await.unwrap();
    let mapping = suggest_mapping(target, &table.headers);
    import::start_run(&t.db, me, &id, mapping, update_existing).await.unwrap();
    id
}

/// Uploads, starts and drives a run to its end; returns what its page shows.
async fn imported(t: &TestDb, me: UserId, target: Target, csv: &str, update_existing: bool) -> ImportJobView {
    let id = started(t, me, target, csv, update_existing).await;
    assert_eq!(import::drive_run(&t.db, "test", &id).await.unwrap(), RunState::Finished);
    import::run_view(&t.db, me, &id).await.unwrap()
}

fn companies(n: usize) -> String {
    let mut csv = String::from("legal_name,city,phone\n");
    for i in 0..n {
        csv.push_str(&format!("Empresa {i},Ciudad {},6{:08}\n", i % 20, i));
    }
    csv
}

#[tokio::test]
async fn valid_rows_are_imported_and_bad_ones_reported_with_their_line_and_reason() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput { legal_name: "Ya existe".into(), tax_id: "B12345674".into(), ..Default::default() },
        false,
    )
    .await
    .unwrap();
    let csv = "Razón social;CIF;Email;Estado;Responsable;Intereses\n\
               Gráficas Lasarte;;info@lasarte.example;Cliente;javier@aula.example;Encuadernación, Resina\n\
               ;;sin-nombre@x.example;lead;;\n\
               Duplicada;B-12345674;;lead;;\n\
               Mal email;;no-es-email;prospecto;;\n\
               Otra buena;A58818501;;;Javier Moreno;\n";
    let table = parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(
        suggest_mapping(Target::Organizations, &table.headers),
        ["legal_name", "tax_id", "email", "status", "owner", "interests"]
    );
    let run = imported(&t, me, Target::Organizations, csv, false).await;
    let summary = run.summary.unwrap();
    assert_eq!((summary.created, summary.updated, summary.skipped_count), (2, 0, 3));
    let skipped: Vec<(i64, String, FieldIssue)> =
        summary.skipped.iter().map(|s| (s.line, s.fields[0].field.clone(), s.fields[0].issue)).collect();
    assert_eq!(
        skipped,
        [
            (3, "legal_name".into(), FieldIssue::Required),
            (4, "tax_id".into(), FieldIssue::TaxIdTaken { id: 1 }),
            (5, "email".into(), FieldIssue::InvalidEmail),
        ]
    );
    let lasarte = orgs::list_organizations(&t.db, &OrganizationQuery { q: "lasarte".into(), ..Default::default() })
        .await
        .unwrap();
    let org = orgs::get_organization(&t.db, lasarte.rows[0].id).await.unwrap();
    assert_eq!(org.status, types::LifecycleStatus::Client, "Spanish labels are understood");
    assert_eq!(org.owner_id, Some(me));
    assert_eq!(org.interests.len(), 2);

    // Again with "update existing": the known tax ids update their records instead, and the row
    // without a tax id is now a possible duplicate (same email) of the one it created.
    let summary = imported(&t, me, Target::Organizations, csv, true).await.summary.unwrap();
    assert_eq!((summary.created, summary.updated), (0, 2), "{:?}", summary.skipped);
    assert!(matches!(summary.skipped[0].fields[0].issue, FieldIssue::PossibleDuplicate { .. }));
    assert_eq!(total(&t, "duplicada").await, 1, "the record with B12345674 was renamed");
}

#[tokio::test]
async fn people_are_linked_to_their_organization_by_tax_id_or_name() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput {
            legal_name: "Talleres Urola S.L.".into(),
            tax_id: "B12345674".into(),
            ..Default::default()
        },
        false,
    )
    .await
    .unwrap();
    let csv = "first_name,last_name,email,organization,role,job_title\n\
               Iñaki,Arrieta,iarrieta@urola.example,B12345674,manager,Gerente\n\
               Maite,Olano,maite@urola.example,talleres urola s.l.,coordinator,\n\
               Nadie,Nada,,Empresa que no existe,,\n";
    let summary = imported(&t, me, Target::People, csv, false).await.summary.unwrap();
    assert_eq!(summary.created, 2);
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].fields[0].field, "organization");
    let detail = orgs::organization_detail(&t.db, types::OrganizationId(1)).await.unwrap();
    assert_eq!(detail.contacts.len(), 2);
}

#[tokio::test]
async fn a_large_import_goes_in_batches_and_other_writes_go_between_them() {
    let t = Arc::new(TestDb::new().await);
    let me = staff(&t).await;
    let rows = 8 * BATCH_ROWS;
    let id = started(&t, me, Target::Organizations, &companies(rows), false).await;
    let run = {
        let (t, id) = (t.clone(), id.clone());
        tokio::spawn(async move { import::drive_run(&t.db, "test", &id).await })
    };
    // A user saving organizations while the import runs: every save gets through quickly.
    let mut saved = Vec::new();
    let mut slowest = std::time::Duration::ZERO;
    while !run.is_finished() || saved.is_empty() {
        let started = std::time::Instant::now();
        let o = orgs::create_organization(
            &t.db,
            me,
            &OrganizationInput { legal_name: format!("Intercalada {}", saved.len()), ..Default::default() },
            false,
        )
        .await
        .unwrap();
        slowest = slowest.max(started.elapsed());
        saved.push(o.id.0);
    }
    assert_eq!(run.await.unwrap().unwrap(), RunState::Finished);
    let (first, last): (i64, i64) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM organizations WHERE import_run_id = $1")
            .bind(&id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert!(
        saved.iter().any(|s| *s > first && *s < last),
        "a save went in between the import's batches: {saved:?} within {first}..{last}"
    );
    assert!(slowest < std::time::Duration::from_secs(5), "the slowest save waited {slowest:?}");
    let view = import::run_view(&t.db, me, &id).await.unwrap();
    assert_eq!((view.done, view.summary.unwrap().created), (rows as i64, rows as i64));
    assert_eq!(total(&t, "empresa").await, rows as i64);
}

#[tokio::test]
async fn a_stopped_run_keeps_what_it_imported_and_is_resumed_without_repeating_or_undone() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let rows = 4 * BATCH_ROWS;
    let id = started(&t, me, Target::Organizations, &companies(rows), false).await;
    assert_eq!(import::drive_batches(&t.db, "test", &id, 2).await.unwrap(), RunState::Running);
    import::cancel_run(&t.db, me, &id).await.unwrap();
    assert_eq!(
        import::drive_run(&t.db, "test", &id).await.unwrap(),
        RunState::Cancelled,
        "a stopped run stays stopped"
    );
    let view = import::run_view(&t.db, me, &id).await.unwrap();
    assert_eq!((view.state.as_str(), view.done), ("cancelled", 2 * BATCH_ROWS as i64));
    assert_eq!(total(&t, "empresa").await, 2 * BATCH_ROWS as i64, "what it imported stays");
    let other = domain::testing::user_with_role(&t.db, "otra@aula.example", "Otra", "staff").await;
    assert!(matches!(import::resume_run(&t.db, other, &id).await, Err(domain::Error::NotFound)), "only its owner");

    import::resume_run(&t.db, me, &id).await.unwrap();
    assert_eq!(import::drive_run(&t.db, "test", &id).await.unwrap(), RunState::Finished);
    assert_eq!(total(&t, "empresa").await, rows as i64, "carried on from where it stopped: nothing twice");
    assert_eq!(import::run_view(&t.db, me, &id).await.unwrap().summary.unwrap().created, rows as i64);

    let kept = orgs::create_organization(
        &t.db,
        me,
        &OrganizationInput { legal_name: "Creada a mano".into(), ..Default::default() },
        false,
    )
    .await
    .unwrap();
    assert_eq!(import::undo_run(&t.db, me, &id).await.unwrap(), rows as u64);
    assert_eq!(total(&t, "").await, 1, "only what the import created is gone");
    assert!(orgs::get_organization(&t.db, kept.id).await.is_ok());
    assert_eq!(import::run_view(&t.db, me, &id).await.unwrap().state, "undone");
    let err = import::undo_run(&t.db, me, &id).await.unwrap_err();
    assert!(matches!(err, domain::Error::Validation(ref f) if f[0].issue == FieldIssue::WrongState), "{err:?}");
}

#[tokio::test]
async fn a_run_left_by_a_stopped_instance_is_carried_on_by_another_and_never_by_two() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let rows = 3 * BATCH_ROWS;
    let id = started(&t, me, Target::Organizations, &companies(rows), false).await;
    assert_eq!(import::drive_batches(&t.db, "instance-a", &id, 1).await.unwrap(), RunState::Running);
    let now = domain::clock::now();
    assert!(import::stale_runs(&t.db, now).await.unwrap().is_empty(), "instance A is alive");
    assert_eq!(import::drive_run(&t.db, "instance-b", &id).await.unwrap(), RunState::Running);
    assert_eq!(import::run_view(&t.db, me, &id).await.unwrap().done, BATCH_ROWS as i64, "B left A's run alone");

    // Instance A stops: its heartbeat ages past the lease.
    sqlx::query("UPDATE import_runs SET heartbeat_at = heartbeat_at - $1 WHERE id = $2")
        .bind(import::RUN_LEASE_SECS + 1)
        .bind(&id)
        .execute(t.db.pool())
        .await
        .unwrap();
    assert_eq!(import::stale_runs(&t.db, now).await.unwrap(), vec![id.clone()]);
    assert_eq!(import::drive_run(&t.db, "instance-b", &id).await.unwrap(), RunState::Finished);
    assert_eq!(total(&t, "empresa").await, rows as i64);
    assert_eq!(import::drive_batches(&t.db, "instance-a", &id, 1).await.unwrap(), RunState::Finished);
    assert_eq!(total(&t, "empresa").await, rows as i64, "A coming back imports nothing twice");
}

#[tokio::test]
async fn a_mapping_without_the_name_column_is_refused_and_files_too_wide_or_with_huge_cells_are_too() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let table = parse_csv(b"a,b\n1,2\n").unwrap();
    let id = import::create_run(&t.db, me, Target::Organizations, "datos.csv", &table).await.unwrap();
    let err = import::start_run(&t.db, me, &id, vec!["city".into(), String::new()], false).await.unwrap_err();
    assert!(matches!(err, domain::Error::Validation(ref f) if f[0].field == "mapping"), "{err:?}");
    assert_eq!(import::run_view(&t.db, me, &id).await.unwrap().state, "ready");
    assert_eq!(total(&t, "").await, 0);

    let wide = format!("{}\n", (0..61).map(|i| format!("c{i}")).collect::<Vec<_>>().join(","));
    let err = parse_csv(wide.as_bytes()).unwrap_err();
    assert!(matches!(err, domain::Error::Validation(ref f) if f[0].detail.as_deref() == Some("columns")), "{err:?}");
    let huge = format!("legal_name\n{}\n", "x".repeat(10_001));
    let err = parse_csv(huge.as_bytes()).unwrap_err();
    assert!(matches!(err, domain::Error::Validation(ref f) if f[0].detail.as_deref() == Some("cell")), "{err:?}");
}
