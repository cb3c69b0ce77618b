//! Fresh databases for tests: one per test, on the backend named by `AULA_TEST_DATABASE`
//! (`sqlite`, the default, or `postgres`; the server for the latter is
//! `AULA_TEST_POSTGRES_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`).

use std::path::PathBuf;

use rand::distributions::{Alphanumeric, DistString};
use sqlx::{Connection, Executor};

use crate::Db;

/// A migrated, empty database that is deleted when dropped.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// The backend the tests run on.
pub fn backend_under_test() -> crate::Backend {
    match std::env::var("AULA_TEST_DATABASE").as_deref() {
        Ok("postgres") | Ok("postgresql") => crate::Backend::Postgres,
        _ => crate::Backend::Sqlite,
    }
}

fn postgres_admin_url() -> String {
    std::env::var("AULA_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl TestDb {
    /// Creates and migrates a new database on the backend under test.
    pub async fn new() -> TestDb {
        let suffix = Alphanumeric.sample_string(&mut rand::thread_rng(), 12).to_lowercase();
        let (url, cleanup) = match backend_under_test() {
            crate::Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("aula-test-{suffix}"));
                (crate::db::sqlite_url(&dir), Cleanup::Dir(dir))
            }
            crate::Backend::Postgres => {
                sqlx::any::install_default_drivers();
                let admin_url = postgres_admin_url();
                let name = format!("aula_test_{suffix}");
                let mut conn = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url}: {e}"));
                conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
                let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
                (format!("{base}/{name}"), Cleanup::Postgres { admin_url, name })
            }
        };
        let db = Db::connect(&url, 8).await.expect("connect to test database");
        db.migrate().await.expect("migrate test database");
        TestDb { db, url, cleanup }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime, so the cleanup gets a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let mut conn = sqlx::AnyConnection::connect(&admin_url).await.ok()?;
                        conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// A staff user, Javier Moreno (`javier@aula.example`), to act in tests; returns their id.
pub async fn staff_user(db: &Db) -> types::UserId {
    crate::users::create_user(
        db,
        &crate::users::NewUser {
            email: "javier@aula.example".into(),
            name: "Javier Moreno".into(),
            role: "staff".into(),
            locale: "es".into(),
            password: "contraseña-larga".into(),
        },
    )
    .await
    .expect("create the staff user")
    .id
}
