//! Backups against a real database: a copy taken while the database is in use restores to
//! identical data (SQLite: `VACUUM INTO`; PostgreSQL: `pg_dump`/`pg_restore`), and scheduled
//! backups keep the newest few.

use domain::backup::{self, BackupSchedule};
use domain::testing::TestDb;
use domain::{Backend, Db};

/// Every row of the tables that matter, in a fixed order, as text: equal means identical data.
async fn contents(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for (table, order) in [
        ("organizations", "id"),
        ("people", "id"),
        ("users", "id"),
        ("timeline_events", "id"),
        ("audit_log", "seq"),
        ("workshops", "id"),
        ("enrollments", "id"),
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT CAST(id AS TEXT) || '|' || COALESCE(CAST(({cols}) AS TEXT), '') FROM {table} ORDER BY {order}",
            cols = match table {
                "organizations" => "legal_name || '/' || COALESCE(tax_id, '') || '/' || city || '/' || email",
                "people" => "first_name || '/' || email",
                "users" => "email || '/' || role",
                "timeline_events" => "kind",
                "audit_log" => "hash",
                "workshops" => "title || '/' || CAST(confirmed AS TEXT)",
                _ => "state",
            }
        ))
        .fetch_all(db.pool())
        .await
        .unwrap();
        out.push(format!("{table}: {}", rows.len()));
        out.extend(rows.into_iter().map(|(r,)| format!("{table} {r}")));
    }
    out
}

async fn some_data(t: &TestDb) {
    domain::demo::seed(&t.db, "demo-backup-password").await.unwrap();
    let staff = domain::testing::staff_user(&t.db).await;
    domain::testing::client(&t.db, staff, "Copia de Seguridad S.L.", "Tolosa").await;
}

#[tokio::test]
async fn a_backup_taken_while_in_use_restores_to_identical_data() {
    let t = TestDb::new().await;
    some_data(&t).await;
    let dir = tempdir();
    let file = dir.join(format!("copia.{}", backup::extension(t.db.backend())));
    let size = backup::backup(&t.db, &t.url, &file).await.unwrap();
    assert!(size > 10_000, "{size} bytes");
    assert!(backup::backup(&t.db, &t.url, &file).await.is_err(), "an existing file is never overwritten");
    let before = contents(&t.db).await;
    assert!(before.len() > 50, "the demo centre is in it: {}", before.len());

    // Restore into another database and compare.
    let other = TestDb::on(t.db.backend()).await;
    other.db.close().await;
    backup::restore(&other.url, &file).await.unwrap();
    let restored = Db::connect(&other.url, 2).await.unwrap();
    assert_eq!(contents(&restored).await, before, "identical data");
    assert!(domain::audit::verify(&restored).await.unwrap().intact, "the audit chain came along intact");
    restored.close().await;

    // A damaged file is refused and the database is left as it was.
    if t.db.backend() == Backend::Sqlite {
        let bad = dir.join("roto.sqlite");
        std::fs::write(&bad, b"SQLite format 3\0 but not really").unwrap();
        assert!(backup::restore(&other.url, &bad).await.is_err());
        let still = Db::connect(&other.url, 2).await.unwrap();
        assert_eq!(contents(&still).await, before);
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn scheduled_backups_keep_the_newest_few() {
    let t = TestDb::new().await;
    some_data(&t).await;
    let dir = tempdir();
    let schedule = BackupSchedule { dir: dir.clone(), keep: 2 };
    let mut made = Vec::new();
    for _ in 0..3 {
        made.push(schedule.run_once(&t.db, &t.url).await.unwrap());
    }
    let mut left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    left.sort();
    assert_eq!(left, made[1..].to_vec(), "the oldest went");
    let _ = std::fs::remove_dir_all(dir);
}

fn tempdir() -> std::path::PathBuf {
    use rand::distributions::{Alphanumeric, DistString};
    let d =
        std::env::temp_dir().join(format!("aula-backup-{}", Alphanumeric.sample_string(&mut rand::thread_rng(), 10)));
    std::fs::create_dir_all(&d).unwrap();
    d
}
