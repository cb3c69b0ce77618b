//! Benchmark of the pipeline board with 5,000 opportunities: loading the board (six columns of
//! 50 cards each plus every column's count, total and weighted value) and paging a column.
//!
//! ```sh
//! cargo run --release -p domain --example board_bench                       # SQLite
//! cargo run --release -p domain --example board_bench -- postgres://postgres@127.0.0.1/aula_bench
//! ```
//! See `bench/README.md` for the figures measured.

use std::time::{Duration, Instant};

use domain::sales::opportunities::{board, column_cards, BoardFilter, COLUMN_PAGE};
use domain::sales::rank;
use domain::Db;

const CARDS: usize = 5_000;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap_or_else(|| {
        let dir = std::env::temp_dir().join(format!("aula-board-bench-{}", std::process::id()));
        domain::db::sqlite_url(&dir)
    });
    let db = Db::connect(&url, 4).await.expect("connect");
    db.migrate().await.expect("migrate");
    seed(&db).await;
    if db.backend() == domain::Backend::Postgres {
        sqlx::query("ANALYZE").execute(db.pool()).await.expect("analyze");
    }
    let filter = BoardFilter::default();
    let whole = time(30, || async { board(&db, &filter).await.expect("board") }).await;
    let b = board(&db, &filter).await.expect("board");
    let stage = b.columns[0].stage.id;
    let last = b.columns[0].cards.last().cloned().expect("cards");
    let page = time(30, || async {
        column_cards(&db, stage, &filter, Some((&last.rank, last.id.0)), COLUMN_PAGE).await.expect("page")
    })
    .await;
    println!("backend: {:?}, {CARDS} opportunities in {} columns", db.backend(), b.columns.len());
    println!("| request | p50 ms | p95 ms |");
    println!("|---|---|---|");
    println!("| whole board (6 × 50 cards + figures) | {:.2} | {:.2} |", ms(whole.0), ms(whole.1));
    println!("| next 50 cards of a column | {:.2} | {:.2} |", ms(page.0), ms(page.1));
    if !url.starts_with("postgres") {
        if let Some((d, _)) = url.trim_start_matches("sqlite://").rsplit_once('/') {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn time<F, Fut, T>(n: usize, mut f: F) -> (Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    f().await;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed());
    }
    times.sort();
    (times[n / 2], times[n * 95 / 100])
}

/// One organization and user, and 5,000 opportunities spread over the six default stages.
async fn seed(db: &Db) {
    domain::testing::bench_owner(db).await;
    let stages: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM pipeline_stages ORDER BY position").fetch_all(db.pool()).await.expect("stages");
    let per_stage = CARDS / stages.len() + 1;
    let keys = rank::spread(per_stage);
    let mut tx = db.begin_write().await.expect("begin");
    for chunk in (0..CARDS).collect::<Vec<_>>().chunks(500) {
        let mut sql = String::from(
            "INSERT INTO opportunities (organization_id, title, value_cents, stage_id, owner_id, source, lost_reason, rank, \
             stage_entered_at, created_by, created_at, updated_at) VALUES ",
        );
        for (k, i) in chunk.iter().enumerate() {
            let stage = stages[i % stages.len()].0;
            let key = &keys[i / stages.len()];
            let sep = if k == 0 { "" } else { "," };
            sql.push_str(&format!(
                "{sep}(1, 'Oportunidad {i}', {}, {stage}, 1, 'web', 'x', '{key}', 0, 1, 0, 0)",
                100_000 + (*i as i64 % 97) * 1_000
            ));
        }
        sqlx::query(&sql).execute(&mut *tx).await.expect("opportunities");
    }
    tx.commit().await.expect("commit");
}
