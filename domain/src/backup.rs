//! Backups and restores of the whole database.
//!
//! - SQLite: an online, consistent copy (`VACUUM INTO`) taken while the server runs, checked with
//!   `PRAGMA integrity_check`; a restore (server stopped) checks the file, keeps the current
//!   database beside it (`aula.db.before-restore-<time>`) and puts the copy in its place.
//! - PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, which must be on
//!   the `PATH` (Debian: `postgresql-client`).
//!
//! Scheduled backups ([`BackupSchedule`]) write `aula-<UTC time>.<ext>` into a folder and keep the
//! newest few.

use std::path::{Path, PathBuf};

use crate::{Backend, Db, Error, Result};

/// The file name extension of a backup of `backend`.
pub fn extension(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "pgdump",
    }
}

/// Writes a consistent copy of the database to `to` (which must not exist yet). Safe while the
/// server runs. Returns the file's size in bytes.
pub async fn backup(db: &Db, url: &str, to: &Path) -> Result<u64> {
    if to.exists() {
        return Err(Error::Internal(format!("{} already exists", to.display())));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::Internal(format!("{}: {e}", dir.display())))?;
    }
    match db.backend() {
        Backend::Sqlite => {
            let target = to.to_str().ok_or_else(|| Error::Internal("the backup path is not UTF-8".into()))?;
            sqlx::query("VACUUM INTO $1").bind(target).execute(db.pool()).await?;
            check_sqlite_file(to).await?;
        }
        Backend::Postgres => {
            run_tool("pg_dump", &["--format=custom", "--no-owner", "--file", &path_str(to)?, url]).await?;
        }
    }
    let size = std::fs::metadata(to).map(|m| m.len()).map_err(|e| Error::Internal(e.to_string()))?;
    tracing::info!(file = %to.display(), size, "backup written");
    Ok(size)
}

/// Replaces the database at `url` with the backup `from`. Run it with the server stopped. For
/// SQLite the current file is kept as `<file>.before-restore-<time>`.
pub async fn restore(url: &str, from: &Path) -> Result<()> {
    if !from.is_file() {
        return Err(Error::Internal(format!("{} is not a file", from.display())));
    }
    if url.starts_with("sqlite:") {
        check_sqlite_file(from).await?;
        let target = sqlite_path(url)?;
        if target.exists() {
            let stamp = crate::clock::utc_now().format("%Y%m%dT%H%M%SZ");
            let kept = PathBuf::from(format!("{}.before-restore-{stamp}", target.display()));
            std::fs::rename(&target, &kept).map_err(|e| Error::Internal(format!("{}: {e}", target.display())))?;
            tracing::info!(kept = %kept.display(), "the current database is kept beside the restored one");
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
        std::fs::copy(from, &target).map_err(|e| Error::Internal(format!("{}: {e}", target.display())))?;
    } else {
        run_tool(
            "pg_restore",
            &["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, &path_str(from)?],
        )
        .await?;
    }
    tracing::info!(file = %from.display(), "database restored");
    Ok(())
}

/// The file of a `sqlite://path?…` URL.
fn sqlite_path(url: &str) -> Result<PathBuf> {
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err(Error::Internal(format!("no database file in {url}")));
    }
    Ok(PathBuf::from(path))
}

fn path_str(p: &Path) -> Result<String> {
    p.to_str().map(str::to_string).ok_or_else(|| Error::Internal("the backup path is not UTF-8".into()))
}

/// Opens a SQLite file read-only and asks SQLite whether it is intact.
async fn check_sqlite_file(path: &Path) -> Result<()> {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| Error::Internal(format!("{} is not a SQLite database: {e}", path.display())))?;
    let verdict: std::result::Result<(String,), sqlx::Error> =
        sqlx::query_as("PRAGMA integrity_check").fetch_one(&mut conn).await;
    let _ = conn.close().await;
    match verdict {
        Ok((v,)) if v == "ok" => Ok(()),
        Ok((v,)) => Err(Error::Internal(format!("{} is damaged: {v}", path.display()))),
        Err(e) => Err(Error::Internal(format!("{} is not a SQLite database: {e}", path.display()))),
    }
}

/// Runs a PostgreSQL client tool; its standard error becomes the error (never a password: the
/// URL goes as an argument only to the tool).
async fn run_tool(tool: &str, args: &[&str]) -> Result<()> {
    let out = tokio::process::Command::new(tool).args(args).output().await.map_err(|e| {
        Error::Internal(format!(
            "{tool} could not run ({e}); install the PostgreSQL client tools (Debian: postgresql-client)"
        ))
    })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(Error::Internal(format!("{tool} failed: {}", err.trim())));
    }
    Ok(())
}

/// Where and how often scheduled backups go.
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    pub dir: PathBuf,
    /// Backups kept (the oldest go).
    pub keep: usize,
}

impl BackupSchedule {
    /// Takes one backup now into the folder and removes the oldest beyond `keep`. Returns the new
    /// file.
    pub async fn run_once(&self, db: &Db, url: &str) -> Result<PathBuf> {
        let name = format!("aula-{}.{}", crate::clock::utc_now().format("%Y%m%dT%H%M%S%3fZ"), extension(db.backend()));
        let file = self.dir.join(name);
        backup(db, url, &file).await?;
        let mut existing: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map_err(|e| Error::Internal(format!("{}: {e}", self.dir.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("aula-") && (n.ends_with(".sqlite") || n.ends_with(".pgdump")))
            })
            .collect();
        // The names sort by time.
        existing.sort();
        let surplus = existing.len().saturating_sub(self.keep.max(1));
        for old in existing.into_iter().take(surplus) {
            if let Err(e) = std::fs::remove_file(&old) {
                tracing::warn!(file = %old.display(), error = %e, "an old backup could not be removed");
            } else {
                tracing::info!(file = %old.display(), "old backup removed");
            }
        }
        Ok(file)
    }
}
