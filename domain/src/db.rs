//! The database handle: one code path over SQLite (embedded default) and PostgreSQL.
//!
//! Queries use `$1` placeholders, which both backends accept; the schema differs only where the
//! SQL must (see `migrations/sqlite` and `migrations/postgres`).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};

use crate::Result;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine is behind a [`Db`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A connection pool and the engine it talks to. Cheap to clone.
///
/// On SQLite, write transactions ([`Db::begin_write`]) go through a pool of their own with one
/// connection: writers queue for it in order instead of retrying SQLite's busy handler, whose
/// back-off sleeps cut throughput under contention by an order of magnitude.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    writer: Option<AnyPool>,
    backend: Backend,
}

/// The SQLite URL for the database file under `data_dir`.
pub fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("aula.db").display())
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). For SQLite the file and its folder are
    /// created if missing, and every connection runs in WAL mode with foreign keys on.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(crate::Error::Internal(format!(
                "unsupported database URL scheme in {:?}: use sqlite:// or postgres://",
                url.split(':').next().unwrap_or_default()
            )));
        };
        if backend == Backend::Sqlite {
            if let Some(dir) = sqlite_file(url).and_then(|f| Path::new(f).parent().map(Path::to_path_buf)) {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(&dir).map_err(|e| {
                        crate::Error::Internal(format!("cannot create data directory {}: {e}", dir.display()))
                    })?;
                }
            }
        }
        let options = AnyConnectOptions::from_str(url)?;
        let pool_options = move |size: u32| {
            AnyPoolOptions::new().max_connections(size).acquire_timeout(Duration::from_secs(10)).after_connect(
                move |conn, _meta| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                            )
                            .await?;
                        }
                        Ok(())
                    })
                },
            )
        };
        let pool = pool_options(max_connections).connect_with(options.clone()).await?;
        let writer = match backend {
            Backend::Sqlite => Some(pool_options(1).connect_with(options).await?),
            Backend::Postgres => None,
        };
        Ok(Db { pool, writer, backend })
    }

    /// Applies the pending migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // On its own connection, closed afterwards: a migration may edit SQLite's stored schema,
        // which the connection that ran it would otherwise keep using in its old form.
        let mut conn = self.pool.acquire().await?.detach();
        migrator.run_direct(&mut conn).await?;
        conn.close().await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write after reading. On SQLite it takes the write lock up
    /// front (`BEGIN IMMEDIATE`), so two such transactions queue instead of failing with
    /// "database is locked" when the second one tries to write.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>> {
        let tx = match (&self.writer, self.backend) {
            (Some(writer), _) => writer.begin_with("BEGIN IMMEDIATE").await?,
            (None, Backend::Sqlite) => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            (None, Backend::Postgres) => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// Serializes write transactions that name the same `key` until `tx` ends. SQLite's
    /// `BEGIN IMMEDIATE` already serializes every writer; PostgreSQL takes a transaction-scoped
    /// advisory lock on a hash of the key.
    pub async fn lock_key(&self, tx: &mut Transaction<'static, Any>, key: &str) -> Result<()> {
        if self.backend == Backend::Postgres {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(key.as_bytes());
            let id = i64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 digest has 32 bytes"));
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(id).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Answers whether the database can run a query now.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection; pending work finishes first.
    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }
}

fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next()?;
    (!file.is_empty() && file != ":memory:").then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_is_taken_from_the_url_without_its_options() {
        assert_eq!(sqlite_file("sqlite:///var/lib/aula/aula.db?mode=rwc"), Some("/var/lib/aula/aula.db"));
        assert_eq!(sqlite_file("sqlite://data/aula.db"), Some("data/aula.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
