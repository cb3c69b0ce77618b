//! CSV import against a real database (SQLite or PostgreSQL).

use domain::crm::import::{parse_csv, run_import, suggest_mapping, ImportOptions, Target};
use domain::crm::organizations::{self as orgs, OrganizationInput};
use domain::testing::TestDb;
use types::{FieldIssue, OrganizationQuery, UserId};

async fn staff(t: &TestDb) -> UserId {
    domain::testing::staff_user(&t.db).await
}

async fn total(t: &TestDb, q: &str) -> i64 {
    orgs::list_organizations(&t.db, &OrganizationQuery { q: q.into(), ..Default::default() }).await.unwrap().total
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
    let mapping = suggest_mapping(Target::Organizations, &table.headers);
    assert_eq!(mapping, ["legal_name", "tax_id", "email", "status", "owner", "interests"]);
    let options = ImportOptions { target: Target::Organizations, mapping, update_existing: false };
    let summary = run_import(&t.db, me, &table, &options, &|_| {}).await.unwrap();
    assert_eq!((summary.created, summary.updated), (2, 0));
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
    let options = ImportOptions { update_existing: true, ..options };
    let summary = run_import(&t.db, me, &table, &options, &|_| {}).await.unwrap();
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
    let table = parse_csv(csv.as_bytes()).unwrap();
    let options = ImportOptions {
        target: Target::People,
        mapping: suggest_mapping(Target::People, &table.headers),
        update_existing: false,
    };
    let summary = run_import(&t.db, me, &table, &options, &|_| {}).await.unwrap();
    assert_eq!(summary.created, 2);
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].fields[0].field, "organization");
    let detail = orgs::organization_detail(&t.db, types::OrganizationId(1)).await.unwrap();
    assert_eq!(detail.contacts.len(), 2);
}

#[tokio::test]
async fn a_large_file_imports_in_one_go_and_reports_progress() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let mut csv = String::from("legal_name,city,phone\n");
    for i in 0..2_000 {
        csv.push_str(&format!("Empresa {i},Ciudad {},6{:08}\n", i % 20, i));
    }
    let table = parse_csv(csv.as_bytes()).unwrap();
    let options = ImportOptions {
        target: Target::Organizations,
        mapping: suggest_mapping(Target::Organizations, &table.headers),
        update_existing: false,
    };
    let seen = std::sync::Mutex::new(Vec::new());
    let summary = run_import(&t.db, me, &table, &options, &|n| seen.lock().unwrap().push(n)).await.unwrap();
    assert_eq!(summary.created, 2_000);
    assert!(summary.skipped.is_empty());
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 21);
    assert_eq!(seen.last(), Some(&2_000));
    assert_eq!(total(&t, "").await, 2_000);
}

#[tokio::test]
async fn a_mapping_without_the_name_column_is_refused_before_anything_is_written() {
    let t = TestDb::new().await;
    let me = staff(&t).await;
    let table = parse_csv(b"a,b\n1,2\n").unwrap();
    let options = ImportOptions {
        target: Target::Organizations,
        mapping: vec!["city".into(), String::new()],
        update_existing: false,
    };
    let err = run_import(&t.db, me, &table, &options, &|_| {}).await.unwrap_err();
    assert!(matches!(err, domain::Error::Validation(ref f) if f[0].field == "mapping"), "{err:?}");
    assert_eq!(total(&t, "").await, 0);
}
