//! The audit log against a real database (SQLite or PostgreSQL): what a write records, the chain
//! of hashes and its check, and that the database refuses to alter an entry.

use domain::audit;
use domain::crm::organizations::{self as orgs, OrganizationInput};
use domain::testing::TestDb;
use types::{AuditQuery, UserId};

fn input(name: &str, email: &str) -> OrganizationInput {
    OrganizationInput { legal_name: name.into(), email: email.into(), city: "Tolosa".into(), ..Default::default() }
}

async fn history(t: &TestDb, entity: &str, id: i64) -> Vec<types::AuditEntry> {
    let q = AuditQuery { entity: Some(entity.into()), entity_id: Some(id), ..Default::default() };
    audit::list(&t.db, &q).await.unwrap().entries
}

#[tokio::test]
async fn an_edit_records_who_from_where_and_each_changed_field_before_and_after() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let (org, edited) = audit::scope(Some("203.0.113.7".into()), async {
        let org = orgs::create_organization(&t.db, staff, &input("Sidrería Zapiain", "info@zapiain.example"), false)
            .await
            .unwrap();
        let edited =
            orgs::update_organization(&t.db, staff, org.id, &input("Sidrería Zapiain", "hola@zapiain.example"))
                .await
                .unwrap();
        (org, edited)
    })
    .await;
    assert_eq!(edited.email, "hola@zapiain.example");
    let entries = history(&t, "organizations", org.id.0).await;
    assert_eq!(entries.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["update", "create"], "newest first");
    let update = &entries[0];
    assert_eq!((update.user_id, update.ip.as_str(), update.module.as_str()), (Some(staff), "203.0.113.7", "crm"));
    let changes: Vec<(&str, Option<&str>, Option<&str>)> =
        update.changes.iter().map(|c| (c.field.as_str(), c.before.as_deref(), c.after.as_deref())).collect();
    assert_eq!(changes, [("email", Some("info@zapiain.example"), Some("hola@zapiain.example"))], "only what changed");
    assert!(entries[1]
        .changes
        .iter()
        .any(|c| c.field == "legal_name" && c.after.as_deref() == Some("Sidrería Zapiain")));
    assert!(
        !entries[1].changes.iter().any(|c| ["search_text", "sort_name", "updated_at"].contains(&c.field.as_str())),
        "derived columns stay out"
    );

    // Saving the same again changes nothing, and records nothing.
    orgs::update_organization(&t.db, staff, org.id, &input("Sidrería Zapiain", "hola@zapiain.example")).await.unwrap();
    assert_eq!(history(&t, "organizations", org.id.0).await.len(), 2);
    // Its interests are recorded with its other fields.
    let tagged = OrganizationInput {
        interests: vec!["Sidra".into(), "PRL".into()],
        ..input("Sidrería Zapiain", "hola@zapiain.example")
    };
    orgs::update_organization(&t.db, staff, org.id, &tagged).await.unwrap();
    let retagged = OrganizationInput { interests: vec!["PRL".into()], ..tagged };
    orgs::update_organization(&t.db, staff, org.id, &retagged).await.unwrap();
    let entries = history(&t, "organizations", org.id.0).await;
    let interests = |e: &types::AuditEntry| {
        e.changes.iter().map(|c| (c.field.clone(), c.before.clone(), c.after.clone())).collect::<Vec<_>>()
    };
    assert_eq!(interests(&entries[1]), [("interests".to_string(), None, Some("PRL, Sidra".to_string()))]);
    assert_eq!(
        interests(&entries[0]),
        [("interests".to_string(), Some("PRL, Sidra".to_string()), Some("PRL".to_string()))]
    );
    orgs::delete_organization(&t.db, staff, org.id).await.unwrap();
    let entries = history(&t, "organizations", org.id.0).await;
    assert_eq!(entries[0].action, "delete");
    assert!(entries[0].changes.iter().any(|c| c.field == "email" && c.after.is_none()), "what was deleted is kept");
}

#[tokio::test]
async fn secrets_never_enter_the_log() {
    let t = TestDb::new().await;
    let admin = domain::testing::staff_user(&t.db).await;
    let actor = domain::users::find_user(&t.db, admin).await.unwrap();
    let user = domain::users::create_user(
        &t.db,
        &domain::users::NewUser {
            email: "ane@aula.example".into(),
            name: "Ane".into(),
            role: "staff".into(),
            locale: "eu".into(),
            password: "una-contraseña-secreta".into(),
        },
    )
    .await
    .unwrap();
    domain::users::reset_password(&t.db, &actor, user.id, "otra-contraseña-secreta").await.unwrap();
    let entries = history(&t, "users", user.id.0).await;
    assert_eq!(entries.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["reset_password", "create"]);
    let (raw,): (String,) =
        sqlx::query_as("SELECT changes FROM audit_log WHERE entity = 'users' AND entity_id = $1 AND action = 'create'")
            .bind(user.id.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert!(raw.contains("ane@aula.example"), "{raw}");
    assert!(!raw.contains("password") && !raw.contains("argon2") && !raw.contains("contraseña"), "{raw}");
}

#[tokio::test]
async fn the_chain_verifies_and_the_first_altered_entry_is_named() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    for n in 0..5 {
        orgs::create_organization(&t.db, staff, &input(&format!("Empresa {n}"), ""), false).await.unwrap();
    }
    let report = audit::verify(&t.db).await.unwrap();
    assert!(report.intact, "{report:?}");
    assert_eq!(report.entries, 5 + 1, "five organizations and the staff user");
    let (seqs,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT seq) FROM audit_log").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(seqs, 6);

    // The database refuses to alter or remove an entry.
    assert!(sqlx::query("UPDATE audit_log SET ip = 'x' WHERE seq = 3").execute(t.db.pool()).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log WHERE seq = 3").execute(t.db.pool()).await.is_err());

    // Someone with the database's owner rights drops the guard and edits entry 3: the check says so.
    let drop = match t.db.backend() {
        domain::Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        domain::Backend::Postgres => "DROP TRIGGER audit_log_no_change ON audit_log",
    };
    sqlx::query(drop).execute(t.db.pool()).await.unwrap();
    sqlx::query("UPDATE audit_log SET changes = '[]' WHERE seq = 3").execute(t.db.pool()).await.unwrap();
    let report = audit::verify(&t.db).await.unwrap();
    assert_eq!((report.intact, report.first_broken, report.entries), (false, Some(3), 2));
}

#[tokio::test]
async fn pages_go_newest_first_with_a_cursor_and_filter_by_user_and_module() {
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    for n in 0..7 {
        orgs::create_organization(&t.db, staff, &input(&format!("Empresa {n}"), ""), false).await.unwrap();
    }
    let q = AuditQuery { module: Some("crm".into()), limit: Some(3), ..Default::default() };
    let first = audit::list(&t.db, &q).await.unwrap();
    let seqs: Vec<i64> = first.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [8, 7, 6]);
    let second = audit::list(&t.db, &AuditQuery { before: first.next, ..q.clone() }).await.unwrap();
    assert_eq!(second.entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [5, 4, 3]);
    let third = audit::list(&t.db, &AuditQuery { before: second.next, ..q.clone() }).await.unwrap();
    assert_eq!((third.entries.len(), third.next), (1, None));
    let nobody = AuditQuery { user_id: Some(staff.0 + 100), ..Default::default() };
    assert!(audit::list(&t.db, &nobody).await.unwrap().entries.is_empty());
    let admin_module = AuditQuery { module: Some("admin".into()), ..Default::default() };
    let created = audit::list(&t.db, &admin_module).await.unwrap().entries;
    assert_eq!((created.len(), created[0].entity.as_str(), created[0].user_id), (1, "users", None::<UserId>));
}

#[tokio::test]
async fn settings_rooms_stages_templates_contact_links_and_feeds_are_recorded_too() {
    use domain::crm::people::{self, PersonInput};
    use domain::sales::{proposals, stages};
    let t = TestDb::new().await;
    let staff = domain::testing::staff_user(&t.db).await;
    let actions = |entries: Vec<types::AuditEntry>| entries.into_iter().map(|e| e.action).collect::<Vec<_>>();
    let changed = |e: &types::AuditEntry| {
        e.changes.iter().map(|c| (c.field.clone(), c.before.clone(), c.after.clone())).collect::<Vec<_>>()
    };

    // A room: created, then resized (only the capacity recorded).
    let room = domain::training::rooms::save_room(&t.db, None, "Aula 3", "12", true).await.unwrap();
    domain::training::rooms::save_room(&t.db, Some(room.id), "Aula 3", "16", true).await.unwrap();
    let entries = history(&t, "rooms", room.id.0).await;
    assert_eq!(actions(entries.clone()), ["update", "create"]);
    assert_eq!(changed(&entries[0]), [("capacity".into(), Some("12".into()), Some("16".into()))]);

    // A pipeline stage: created, renamed, archived.
    let input =
        |name: &str| stages::StageInput { name: name.into(), probability: "30".into(), rotting_days: String::new() };
    let stage = stages::create_stage(&t.db, &input("Demo hecha")).await.unwrap();
    stages::update_stage(&t.db, stage.id, &input("Demo realizada")).await.unwrap();
    stages::archive_stage(&t.db, stage.id).await.unwrap();
    let entries = history(&t, "pipeline_stages", stage.id.0).await;
    assert_eq!(actions(entries.clone()), ["archive", "update", "create"]);
    assert!(changed(&entries[1]).contains(&("name".into(), Some("Demo hecha".into()), Some("Demo realizada".into()))));

    // A proposal template, by its author.
    let tpl = proposals::save_template(&t.db, staff, None, "Estándar", "Propuesta de formación para su equipo.")
        .await
        .unwrap();
    let entries = history(&t, "proposal_templates", tpl.id.0).await;
    assert_eq!((entries[0].action.as_str(), entries[0].user_id), ("create", Some(staff)));

    // A contact linked and unlinked: whose, in which role.
    let org = orgs::create_organization(&t.db, staff, &input_org(), false).await.unwrap();
    let ane = people::create_person(
        &t.db,
        staff,
        &PersonInput { first_name: "Ane".into(), last_name: "Zubia".into(), ..Default::default() },
        None,
        true,
    )
    .await
    .unwrap();
    people::add_contact(&t.db, staff, org.id, ane.id, "billing", "Administración").await.unwrap();
    people::remove_contact(&t.db, org.id, ane.id, "billing").await.unwrap();
    let entries = history(&t, "organization_people", org.id.0).await;
    assert_eq!(actions(entries.clone()), ["unlink", "link"]);
    assert!(changed(&entries[1]).contains(&("job_title".into(), None, Some("Administración".into()))));
    assert!(changed(&entries[0]).contains(&("person_id".into(), Some(ane.id.0.to_string()), None)));

    // The reminder settings: the values that changed.
    let mut settings = domain::centre::default_settings();
    settings.session_lead_hours = 48;
    domain::centre::save_reminder_settings(&t.db, &settings).await.unwrap();
    let entries = history(&t, "centre_settings", 0).await;
    assert_eq!(changed(&entries[0]), [("session_lead_hours".into(), Some("24".into()), Some("48".into()))]);

    // A calendar feed: created and revoked, its token never in the log.
    let perms = types::Perms::preset(types::Role::Staff);
    let feed =
        domain::calendar::feeds::create_feed(&t.db, staff, perms, types::FeedScope::User, staff.0).await.unwrap();
    domain::calendar::feeds::revoke_feed(&t.db, staff, perms, feed.feed.id).await.unwrap();
    let entries = history(&t, "calendar_feeds", feed.feed.id).await;
    assert_eq!(actions(entries.clone()), ["revoke", "create"]);
    assert!(changed(&entries[1]).iter().all(|(f, _, _)| !f.contains("token")));
    let (raw,): (String,) =
        sqlx::query_as("SELECT changes FROM audit_log WHERE entity = 'calendar_feeds' AND action = 'create'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    let token = feed.path.rsplit('/').next().unwrap().trim_end_matches(".ics");
    assert!(!raw.contains(token), "{raw}");
    assert!(audit::verify(&t.db).await.unwrap().intact);
}

fn input_org() -> OrganizationInput {
    input("Ferretería Urola", "info@urola.example")
}
