//! Roles and permissions against a real database: the presets after migrating, custom roles,
//! what cannot be changed, and that a change reaches a signed-in user at once.

use domain::auth::{self, ClientInfo, Throttle};
use domain::roles;
use domain::testing::{user_with_role, TestDb};
use domain::users::{self, NewUser, UserChange};
use domain::Error;
use types::{Action, FieldIssue, Module, Perm, Perms, Role};

fn issue(err: Error) -> (String, FieldIssue) {
    match err {
        Error::Validation(mut f) => {
            let f = f.remove(0);
            (f.field, f.issue)
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_fresh_installation_has_the_four_presets_and_nothing_else() {
    let t = TestDb::new().await;
    let list = roles::list_roles(&t.db).await.unwrap();
    let keys: Vec<&str> = list.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["admin", "manager", "staff", "reception"]);
    for r in &list {
        assert!(r.builtin);
        assert_eq!(r.perms, Perms::preset(Role::parse(&r.key).unwrap()), "{}: the migration seeds the preset", r.key);
    }
    if t.db.backend() == domain::Backend::Sqlite {
        // The migration edits SQLite's stored schema to drop users.role's CHECK: the file is sound.
        let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!(check, "ok");
    }
}

#[tokio::test]
async fn a_custom_role_is_created_ticked_assigned_and_deleted_only_once_unused() {
    let t = TestDb::new().await;
    let admin = user_with_role(&t.db, "admin@aula.test", "Ane Admin", "admin").await;
    let trainer_perms = Perms::of([Perm(Module::Training, Action::View), Perm(Module::Reception, Action::Edit)]);
    let role = roles::create_role(&t.db, admin, "  Formador/a ", trainer_perms).await.unwrap();
    assert_eq!(
        (role.key.as_str(), role.name.as_str(), role.builtin, role.users),
        ("formador-a", "Formador/a", false, 0)
    );
    assert_eq!(
        issue(roles::create_role(&t.db, admin, "formador/A", Perms::NONE).await.unwrap_err()),
        ("name".into(), FieldIssue::NameTaken)
    );
    assert_eq!(
        issue(roles::create_role(&t.db, admin, "Staff", Perms::NONE).await.unwrap_err()),
        ("name".into(), FieldIssue::NameTaken)
    );

    let new = NewUser {
        email: "iker@aula.test".into(),
        name: "Iker Formador".into(),
        role: "formador-a".into(),
        locale: "es".into(),
        password: "contraseña-larga".into(),
    };
    let user = users::create_user(&t.db, &new).await.unwrap();
    assert_eq!((user.role.as_str(), user.role_name.as_str(), user.perms), ("formador-a", "Formador/a", trainer_perms));
    assert!(user.can(Module::Training, Action::View) && !user.can(Module::Crm, Action::View));

    let err = roles::delete_role(&t.db, admin, "formador-a").await.unwrap_err();
    assert_eq!(issue(err), ("role".into(), FieldIssue::RoleInUse { n: 1 }));
    let actor = users::find_user(&t.db, admin).await.unwrap();
    let change = UserChange { name: user.name.clone(), role: "reception".into(), active: true };
    users::update_user(&t.db, &actor, user.id, &change).await.unwrap();
    roles::delete_role(&t.db, admin, "formador-a").await.unwrap();
    assert!(roles::list_roles(&t.db).await.unwrap().iter().all(|r| r.key != "formador-a"));
    let change = UserChange { role: "formador-a".into(), ..change };
    let err = users::update_user(&t.db, &actor, user.id, &change).await.unwrap_err();
    assert_eq!(issue(err), ("role".into(), FieldIssue::InvalidChoice), "a deleted role cannot be given");
    assert_eq!(
        issue(roles::delete_role(&t.db, admin, "staff").await.unwrap_err()),
        ("role".into(), FieldIssue::WrongState)
    );
}

#[tokio::test]
async fn the_admin_role_cannot_lose_a_permission_and_presets_come_back() {
    let t = TestDb::new().await;
    let admin = user_with_role(&t.db, "admin@aula.test", "Ane Admin", "admin").await;
    let err = roles::update_role(&t.db, admin, "admin", None, Perms::NONE).await.unwrap_err();
    assert_eq!(issue(err), ("permissions".into(), FieldIssue::RoleLocked));
    let fewer = Perms::preset(Role::Staff).without(Perm(Module::Crm, Action::Export));
    let staff = roles::update_role(&t.db, admin, "staff", Some("ignored for a built-in role"), fewer).await.unwrap();
    assert_eq!((staff.perms, staff.name.as_str()), (fewer, ""));
    let back = roles::reset_role(&t.db, admin, "staff").await.unwrap();
    assert_eq!(back.perms, Perms::preset(Role::Staff));
    let log = domain::audit::list(&t.db, &types::AuditQuery { entity: Some("roles".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(log.entries.len(), 2, "both changes are in the audit log");
    assert!(domain::audit::verify(&t.db).await.unwrap().intact);
}

#[tokio::test]
async fn a_permission_taken_from_a_role_is_gone_on_the_next_request_of_a_signed_in_user() {
    let t = TestDb::new().await;
    let admin = user_with_role(&t.db, "admin@aula.test", "Ane Admin", "admin").await;
    let staff = users::create_user(
        &t.db,
        &NewUser {
            email: "jon@aula.test".into(),
            name: "Jon Ventas".into(),
            role: "staff".into(),
            locale: "es".into(),
            password: "contraseña-larga".into(),
        },
    )
    .await
    .unwrap();
    let client = ClientInfo { ip: "127.0.0.9".into(), user_agent: "test".into() };
    let signed =
        auth::sign_in(&t.db, "jon@aula.test", "contraseña-larga", &client, Throttle::default(), 3600).await.unwrap();
    assert_eq!(signed.user.id, staff.id);
    let token = signed.token;
    let seen = auth::session_user(&t.db, &token, 3600).await.unwrap().unwrap();
    assert!(seen.can(Module::Crm, Action::Edit));
    let without = Perms::preset(Role::Staff).without(Perm(Module::Crm, Action::Edit));
    roles::update_role(&t.db, admin, "staff", None, without).await.unwrap();
    let seen = auth::session_user(&t.db, &token, 3600).await.unwrap().unwrap();
    assert!(!seen.can(Module::Crm, Action::Edit) && seen.can(Module::Crm, Action::View));
}
