//! Users, sign-in, sessions and throttling against a real database (SQLite or PostgreSQL, see
//! `domain::testing`).

use domain::auth::{self, ClientInfo, SessionToken, Throttle};
use domain::testing::TestDb;
use domain::users::{self, NewUser, PasswordChange, UserChange};
use domain::Error;
use types::{FieldIssue, Role};

const TTL: i64 = 3600;

fn client(ip: &str) -> ClientInfo {
    ClientInfo { ip: ip.into(), user_agent: "test".into() }
}

fn new_user(email: &str, role: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Itziar Lasa".into(),
        role: role.into(),
        locale: "eu".into(),
        password: "contraseña-larga".into(),
    }
}

fn fields(err: Error) -> Vec<(String, FieldIssue)> {
    match err {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.issue)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_created_user_can_sign_in_and_their_session_finds_them() {
    let t = TestDb::new().await;
    let user = users::create_user(&t.db, &new_user(" Itziar@Ejemplo.eus ", "staff")).await.unwrap();
    assert_eq!(user.email, "itziar@ejemplo.eus");
    assert_eq!(user.role, "staff");
    assert_eq!(user.perms, types::Perms::preset(Role::Staff));

    let signed =
        auth::sign_in(&t.db, "ITZIAR@ejemplo.eus", "contraseña-larga", &client("10.0.0.1"), Throttle::default(), TTL)
            .await
            .unwrap();
    assert_eq!(signed.user.id, user.id);
    assert_eq!(signed.previous_login_at, None);
    assert!(signed.user.last_login_at.is_some());

    let found = auth::session_user(&t.db, &signed.token, TTL).await.unwrap().expect("live session");
    assert_eq!(found.id, user.id);

    auth::sign_out(&t.db, &signed.token).await.unwrap();
    assert_eq!(auth::session_user(&t.db, &signed.token, TTL).await.unwrap(), None);
}

#[tokio::test]
async fn the_database_keeps_only_a_hash_of_the_session_token() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let signed =
        auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), Throttle::default(), TTL).await.unwrap();
    let stored: Vec<(String,)> =
        sqlx::query_as("SELECT token_hash FROM auth_sessions").fetch_all(t.db.pool()).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, signed.token.as_str());
    assert_eq!(stored[0].0, signed.token.hash());
}

#[tokio::test]
async fn wrong_password_unknown_email_and_deactivated_user_are_all_refused_alike() {
    let t = TestDb::new().await;
    let admin = users::create_user(&t.db, &new_user("admin@b.es", "admin")).await.unwrap();
    let user = users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle::default();
    let wrong = auth::sign_in(&t.db, "a@b.es", "otra-contraseña", &client("ip"), th, TTL).await.unwrap_err();
    assert!(matches!(wrong, Error::Unauthorized), "{wrong:?}");
    let unknown = auth::sign_in(&t.db, "nadie@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap_err();
    assert!(matches!(unknown, Error::Unauthorized), "{unknown:?}");

    let live = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap();
    users::update_user(
        &t.db,
        &admin,
        user.id,
        &UserChange { name: user.name.clone(), role: "staff".into(), active: false },
    )
    .await
    .unwrap();
    assert_eq!(auth::session_user(&t.db, &live.token, TTL).await.unwrap(), None, "deactivation ends sessions");
    let inactive = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap_err();
    assert!(matches!(inactive, Error::Unauthorized), "{inactive:?}");
}

#[tokio::test]
async fn a_client_that_keeps_failing_is_refused_but_the_owner_elsewhere_still_signs_in() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle { max_per_client: 3, max_per_ip: 100, slow_after: 100, slow_down_ms: 0, window_secs: 600 };
    for _ in 0..3 {
        let e = auth::sign_in(&t.db, "a@b.es", "mala-contraseña", &client("1.1.1.1"), th, TTL).await.unwrap_err();
        assert!(matches!(e, Error::Unauthorized));
    }
    // The guessing client is refused, even with the right password…
    let locked = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("1.1.1.1"), th, TTL).await.unwrap_err();
    match locked {
        Error::RateLimited { retry_after_secs } => assert!((1..=600).contains(&retry_after_secs), "{retry_after_secs}"),
        other => panic!("expected throttling, got {other:?}"),
    }
    // …while the owner, from a client that has not been failing, signs in.
    assert!(auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("2.2.2.2"), th, TTL).await.is_ok());
    // And the owner's success does not wipe the guesser's count.
    let still = auth::sign_in(&t.db, "a@b.es", "mala-contraseña", &client("1.1.1.1"), th, TTL).await.unwrap_err();
    assert!(matches!(still, Error::RateLimited { .. }), "{still:?}");
}

#[tokio::test]
async fn an_account_failed_from_many_clients_is_slowed_down_not_locked() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle { max_per_client: 3, max_per_ip: 100, slow_after: 6, slow_down_ms: 300, window_secs: 600 };
    for i in 0..6 {
        let e = auth::sign_in(&t.db, "a@b.es", "mala", &client(&format!("10.0.0.{i}")), th, TTL).await.unwrap_err();
        assert!(matches!(e, Error::Unauthorized), "{e:?}");
    }
    let started = std::time::Instant::now();
    assert!(auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("192.0.2.1"), th, TTL).await.is_ok());
    assert!(started.elapsed() >= std::time::Duration::from_millis(300), "slowed down: {:?}", started.elapsed());
    // Another account is not slowed.
    users::create_user(&t.db, &new_user("c@d.es", "staff")).await.unwrap();
    let started = std::time::Instant::now();
    assert!(auth::sign_in(&t.db, "c@d.es", "contraseña-larga", &client("192.0.2.1"), th, TTL).await.is_ok());
    assert!(started.elapsed() < std::time::Duration::from_millis(300), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_client_failing_on_many_accounts_is_refused_on_all() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle { max_per_client: 3, max_per_ip: 4, slow_after: 100, slow_down_ms: 0, window_secs: 600 };
    for i in 0..4 {
        let e = auth::sign_in(&t.db, &format!("x{i}@b.es"), "mala", &client("6.6.6.6"), th, TTL).await.unwrap_err();
        assert!(matches!(e, Error::Unauthorized));
    }
    let e = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("6.6.6.6"), th, TTL).await.unwrap_err();
    assert!(matches!(e, Error::RateLimited { .. }), "{e:?}");
    assert!(auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("7.7.7.7"), th, TTL).await.is_ok());
}

#[tokio::test]
async fn parallel_guesses_cannot_slip_under_the_failure_limit() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle { max_per_client: 3, max_per_ip: 100, ..Throttle::default() };
    let guesses = (0..12).map(|i| {
        let db = t.db.clone();
        async move { auth::sign_in(&db, "a@b.es", &format!("guess-{i}"), &client("9.9.9.9"), th, TTL).await }
    });
    let results = futures::future::join_all(guesses).await;
    let checked = results.iter().filter(|r| matches!(r, Err(Error::Unauthorized))).count();
    let refused = results.iter().filter(|r| matches!(r, Err(Error::RateLimited { .. }))).count();
    assert_eq!((checked, refused), (3, 9), "{results:?}");
}

#[tokio::test]
async fn creating_a_user_reports_every_bad_field_and_saves_nothing() {
    let t = TestDb::new().await;
    let err = users::create_user(
        &t.db,
        &NewUser {
            email: "no-es-email".into(),
            name: "  ".into(),
            role: "root".into(),
            locale: "fr".into(),
            password: "corta".into(),
        },
    )
    .await
    .unwrap_err();
    let mut got = fields(err);
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        vec![
            ("email".into(), FieldIssue::InvalidEmail),
            ("locale".into(), FieldIssue::InvalidChoice),
            ("name".into(), FieldIssue::Required),
            ("password".into(), FieldIssue::TooShort { min: 10 }),
            ("role".into(), FieldIssue::InvalidChoice),
        ]
    );
    assert_eq!(users::count_users(&t.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_taken_email_is_a_field_error_whatever_its_case() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("ane@b.es", "staff")).await.unwrap();
    let err = users::create_user(&t.db, &new_user("ANE@b.es", "manager")).await.unwrap_err();
    assert_eq!(fields(err), vec![("email".to_string(), FieldIssue::EmailTaken)]);
}

#[tokio::test]
async fn an_admin_cannot_demote_or_deactivate_themself() {
    let t = TestDb::new().await;
    let admin = users::create_user(&t.db, &new_user("admin@b.es", "admin")).await.unwrap();
    let demote = UserChange { name: admin.name.clone(), role: "staff".into(), active: true };
    assert!(matches!(users::update_user(&t.db, &admin, admin.id, &demote).await, Err(Error::Validation(_))));
    let deactivate = UserChange { name: admin.name.clone(), role: "admin".into(), active: false };
    assert!(matches!(users::update_user(&t.db, &admin, admin.id, &deactivate).await, Err(Error::Validation(_))));
    assert_eq!(users::find_user(&t.db, admin.id).await.unwrap().role, "admin");
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    let t = TestDb::new().await;
    let user = users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle::default();
    let here = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap();
    let elsewhere = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap();

    let wrong = PasswordChange {
        current: "no-es-esta".into(),
        new: "nueva-contraseña".into(),
        confirm: "nueva-contraseña".into(),
    };
    let err = users::change_password(&t.db, user.id, &wrong, Some(&here.token.hash())).await.unwrap_err();
    assert_eq!(fields(err), vec![("current".to_string(), FieldIssue::WrongPassword)]);

    let differ =
        PasswordChange { current: "contraseña-larga".into(), new: "nueva-contraseña".into(), confirm: "otra".into() };
    let err = users::change_password(&t.db, user.id, &differ, Some(&here.token.hash())).await.unwrap_err();
    assert_eq!(fields(err), vec![("confirm".to_string(), FieldIssue::PasswordsDiffer)]);

    let ok = PasswordChange {
        current: "contraseña-larga".into(),
        new: "nueva-contraseña".into(),
        confirm: "nueva-contraseña".into(),
    };
    let access = ApiAccess::open(&t, user.id).await;
    users::change_password(&t.db, user.id, &ok, Some(&here.token.hash())).await.unwrap();
    assert!(auth::session_user(&t.db, &here.token, TTL).await.unwrap().is_some());
    assert!(auth::session_user(&t.db, &elsewhere.token, TTL).await.unwrap().is_none());
    access.assert_revoked(&t).await;
    assert!(auth::sign_in(&t.db, "a@b.es", "nueva-contraseña", &client("ip"), th, TTL).await.is_ok());
}

/// An API token and a calendar feed of a user, to see a change of password end them.
struct ApiAccess {
    secret: String,
    feed: String,
}

impl ApiAccess {
    async fn open(t: &TestDb, user: types::UserId) -> ApiAccess {
        let token = domain::api_tokens::create_token(&t.db, user, "informes").await.unwrap();
        let feed = domain::calendar::feeds::create_feed(
            &t.db,
            user,
            types::Perms::preset(Role::Staff),
            types::FeedScope::User,
            user.0,
        )
        .await
        .unwrap();
        let feed = feed.path.trim_start_matches("/ics/").trim_end_matches(".ics").to_string();
        let access = ApiAccess { secret: token.secret, feed };
        assert!(domain::api_tokens::authenticate(&t.db, &access.secret).await.unwrap().is_some(), "the token works");
        assert!(
            domain::calendar::feeds::feed_for_token(&t.db, &access.feed).await.unwrap().is_some(),
            "the feed works"
        );
        access
    }

    async fn assert_revoked(&self, t: &TestDb) {
        assert!(domain::api_tokens::authenticate(&t.db, &self.secret).await.unwrap().is_none(), "the token is revoked");
        assert!(
            domain::calendar::feeds::feed_for_token(&t.db, &self.feed).await.unwrap().is_none(),
            "the feed is revoked"
        );
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_token_and_feed() {
    let t = TestDb::new().await;
    let user = users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle::default();
    let here = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap();
    let elsewhere = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip2"), th, TTL).await.unwrap();
    let access = ApiAccess::open(&t, user.id).await;
    let other = users::create_user(&t.db, &new_user("c@d.es", "staff")).await.unwrap();
    let others = ApiAccess::open(&t, other.id).await;

    let revoked = auth::sign_out_everywhere(&t.db, user.id).await.unwrap();
    assert_eq!((revoked.sessions, revoked.tokens, revoked.feeds), (2, 1, 1));
    for s in [&here, &elsewhere] {
        assert!(auth::session_user(&t.db, &s.token, TTL).await.unwrap().is_none());
    }
    access.assert_revoked(&t).await;
    // Nobody else's.
    assert!(domain::api_tokens::authenticate(&t.db, &others.secret).await.unwrap().is_some());
}

#[tokio::test]
async fn an_admin_resets_a_password_and_every_way_in_of_that_user_ends() {
    let t = TestDb::new().await;
    let admin = users::create_user(&t.db, &new_user("admin@b.es", "admin")).await.unwrap();
    let user = users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let th = Throttle::default();
    let session = auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.unwrap();
    let access = ApiAccess::open(&t, user.id).await;

    let err = users::reset_password(&t.db, &admin, user.id, "corta").await.unwrap_err();
    assert_eq!(fields(err), vec![("password".to_string(), FieldIssue::TooShort { min: 10 })]);
    assert!(auth::session_user(&t.db, &session.token, TTL).await.unwrap().is_some(), "a refused reset ends nothing");

    users::reset_password(&t.db, &admin, user.id, "otra-contraseña-larga").await.unwrap();
    assert!(auth::session_user(&t.db, &session.token, TTL).await.unwrap().is_none());
    access.assert_revoked(&t).await;
    assert!(auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), th, TTL).await.is_err());
    assert!(auth::sign_in(&t.db, "a@b.es", "otra-contraseña-larga", &client("ip"), th, TTL).await.is_ok());
    assert!(matches!(
        users::reset_password(&t.db, &admin, types::UserId(999_999), "otra-contraseña-larga").await,
        Err(Error::NotFound)
    ));
}

#[tokio::test]
async fn an_expired_session_finds_nobody() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let signed =
        auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), Throttle::default(), -1).await.unwrap();
    assert_eq!(auth::session_user(&t.db, &signed.token, TTL).await.unwrap(), None);
    assert!(auth::purge_expired(&t.db, Throttle::default()).await.unwrap() >= 1);
    assert!(SessionToken::from_cookie("not-a-token").is_none());
}

#[tokio::test]
async fn a_session_in_constant_use_still_ends_at_its_absolute_lifetime() {
    let t = TestDb::new().await;
    users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let lifetime = auth::SessionLifetime { idle_secs: 3600, max_secs: 7200 };
    let signed =
        auth::sign_in(&t.db, "a@b.es", "contraseña-larga", &client("ip"), Throttle::default(), lifetime).await.unwrap();
    assert!(auth::session_user(&t.db, &signed.token, lifetime).await.unwrap().is_some());
    // Used a minute ago, but begun longer ago than the absolute lifetime.
    let began = domain::clock::now() - 7300;
    sqlx::query("UPDATE auth_sessions SET created_at = $1, last_seen_at = $2")
        .bind(began)
        .bind(domain::clock::now() - 60)
        .execute(t.db.pool())
        .await
        .unwrap();
    assert_eq!(auth::session_user(&t.db, &signed.token, lifetime).await.unwrap(), None);
    // Never extended past it: near the end, the sliding expiry stops at the absolute one.
    sqlx::query("UPDATE auth_sessions SET created_at = $1, last_seen_at = $2")
        .bind(domain::clock::now() - 7000)
        .bind(domain::clock::now() - 120)
        .execute(t.db.pool())
        .await
        .unwrap();
    assert!(auth::session_user(&t.db, &signed.token, lifetime).await.unwrap().is_some());
    let (expires, created): (i64, i64) =
        sqlx::query_as("SELECT expires_at, created_at FROM auth_sessions").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(expires, created + 7200);
}

#[tokio::test]
async fn the_first_start_creates_one_admin_with_a_generated_password_and_never_again() {
    let t = TestDb::new().await;
    let first =
        domain::bootstrap::ensure_admin(&t.db, "admin@aula.example", "Administración", None).await.unwrap().unwrap();
    let password = first.generated_password.expect("generated");
    assert!(password.len() >= 20);
    assert_eq!(first.user.role, "admin");
    assert!(auth::sign_in(&t.db, "admin@aula.example", &password, &client("ip"), Throttle::default(), TTL)
        .await
        .is_ok());
    assert!(domain::bootstrap::ensure_admin(&t.db, "other@aula.example", "X", Some("whatever-long"))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn demo_data_is_seeded_once() {
    let t = TestDb::new().await;
    assert!(domain::demo::seed(&t.db, "demo-password").await.unwrap() > domain::demo::DEMO_TEAM.len());
    assert_eq!(domain::demo::seed(&t.db, "demo-password").await.unwrap(), 0);
    assert_eq!(users::count_users(&t.db).await.unwrap(), domain::demo::DEMO_TEAM.len() as i64);
}

#[tokio::test]
async fn concurrent_write_transactions_queue_instead_of_failing() {
    let t = TestDb::new().await;
    let user = users::create_user(&t.db, &new_user("a@b.es", "staff")).await.unwrap();
    let tasks = (0..16).map(|i| {
        let db = t.db.clone();
        async move {
            let mut tx = db.begin_write().await?;
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures").fetch_one(&mut *tx).await?;
            sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)")
                .bind(format!("n{n}"))
                .bind(format!("w{i}"))
                .bind(0_i64)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<_, domain::Error>(())
        }
    });
    for r in futures::future::join_all(tasks).await {
        r.unwrap();
    }
    let (rows, distinct): (i64, i64) = sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT email) FROM login_failures")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(rows, 16, "user {}", user.id);
    if t.db.backend() == domain::Backend::Sqlite {
        // BEGIN IMMEDIATE serializes read-then-write transactions: every count read is distinct.
        assert_eq!(distinct, 16);
    }
}
