//! Benchmark of the reminder scan: how long claiming the due reminders takes as the tables grow.
//! The claim is an indexed range on `next_attempt_at` over pending rows, so its cost should follow
//! the number of due items, not the size of `interactions` or `reminders`.
//!
//! ```sh
//! cargo run --release -p domain --example reminder_scan                       # SQLite, 1M
//! cargo run --release -p domain --example reminder_scan -- postgres://postgres@127.0.0.1/aula_bench
//! ```
//! See `bench/README.md` for the figures measured.

use std::time::{Duration, Instant};

use domain::reminders;
use domain::Db;

/// One reminder falls due every 30 seconds from `START`.
const START: i64 = 4_000_000_000;
const SPACING: i64 = 30;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap_or_else(|| {
        let dir = std::env::temp_dir().join(format!("aula-reminder-bench-{}", std::process::id()));
        domain::db::sqlite_url(&dir)
    });
    let db = Db::connect(&url, 4).await.expect("connect");
    db.migrate().await.expect("migrate");
    domain::testing::bench_owner(&db).await;
    println!("backend: {:?}", db.backend());
    println!("| interactions and reminders | due items | claim p50 ms | claim p95 ms |");
    println!("|---|---|---|---|");
    let mut size = 0;
    for target in [10_000, 100_000, 1_000_000] {
        let t = Instant::now();
        grow(&db, size, target).await;
        size = target;
        if db.backend() == domain::Backend::Postgres {
            sqlx::query("ANALYZE").execute(db.pool()).await.expect("analyze");
        }
        eprintln!("grew to {size} in {:.1} s", t.elapsed().as_secs_f64());
        for due in [10, 100, 1_000] {
            let (p50, p95) = measure(&db, due).await;
            println!("| {size} | {due} | {:.2} | {:.2} |", ms(p50), ms(p95));
        }
    }
    plan(&db).await;
    if !url.starts_with("postgres") {
        let dir = url.trim_start_matches("sqlite://").rsplit_once('/').map(|(d, _)| d.to_string());
        if let Some(d) = dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Adds interactions `from..to`, each with an open follow-up and its pending reminder, due one
/// every 30 s from `START` (so the due set at any instant is a prefix of the queue).
async fn grow(db: &Db, from: i64, to: i64) {
    const CHUNK: i64 = 500;
    let mut tx = db.begin_write().await.expect("begin");
    let mut n = from;
    while n < to {
        let end = (n + CHUNK).min(to);
        let mut interactions = String::from(
            "INSERT INTO interactions (id, organization_id, occurred_at, kind, description, result, next_action, \
             next_action_at, create_reminder, author_id, created_at, updated_at) VALUES ",
        );
        let mut rows = String::from(
            "INSERT INTO reminders (kind, subject_type, subject_id, channel, user_id, email, due_at, next_attempt_at, \
             state, dedupe_key, created_at, updated_at) VALUES ",
        );
        for i in n..end {
            let id = i + 1;
            let due = START + i * SPACING;
            let sep = if i == n { "" } else { "," };
            interactions.push_str(&format!(
                "{sep}({id}, 1, 0, 'call', 'Llamada {id}', 'follow_up', 'Seguimiento {id}', {due}, 1, 1, 0, 0)"
            ));
            rows.push_str(&format!(
                "{sep}('follow_up', 'interaction', {id}, 'in_app', 1, '', {due}, {due}, 'pending', 'follow_up:interaction:{id}:in_app:u1', 0, 0)"
            ));
        }
        sqlx::query(&interactions).execute(&mut *tx).await.expect("interactions");
        sqlx::query(&rows).execute(&mut *tx).await.expect("reminders");
        n = end;
    }
    tx.commit().await.expect("commit");
}

/// Claims the `due` reminders due at `START + due·30 s` (as the worker does, up to 1,000 per batch)
/// and puts them back, 30 times; returns the p50 and p95 of the claim.
async fn measure(db: &Db, due: i64) -> (Duration, Duration) {
    let at = START + (due - 1) * SPACING;
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let claimed = reminders::claim_due(db, "bench", at, 1_000).await.expect("claim");
        times.push(t.elapsed());
        assert_eq!(claimed.len() as i64, due, "exactly the due ones");
        sqlx::query("UPDATE reminders SET state = 'pending', attempts = 0, claimed_by = NULL WHERE state = 'sending'")
            .execute(db.pool())
            .await
            .expect("reset");
    }
    times.sort();
    (times[times.len() / 2], times[times.len() * 95 / 100])
}

/// Prints the plan of the claim's inner query: an index range, never a table scan.
async fn plan(db: &Db) {
    let inner = "SELECT id FROM reminders WHERE state = 'pending' AND next_attempt_at <= 4000000300 \
                 ORDER BY next_attempt_at, id LIMIT 1000";
    let sql = match db.backend() {
        domain::Backend::Sqlite => format!("EXPLAIN QUERY PLAN {inner}"),
        domain::Backend::Postgres => format!("EXPLAIN {inner}"),
    };
    let rows = sqlx::query(&sql).fetch_all(db.pool()).await.expect("explain");
    println!("\nplan of the scan:");
    for r in rows {
        use sqlx::Row;
        let line: String = r.try_get(r.len() - 1).unwrap_or_default();
        println!("  {line}");
    }
}
