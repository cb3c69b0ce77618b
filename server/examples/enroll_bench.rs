//! Enrollments per second under contention, on the backend named by `AULA_TEST_DATABASE`
//! (`sqlite` or `postgres`), against a fresh database. See `bench/README.md`.
//!
//! ```sh
//! AULA_TEST_DATABASE=sqlite cargo run --release -p server --example enroll_bench -- \
//!     --mode http --workshops 1 --seconds 10 --concurrency 32
//! ```
//!
//! `--mode domain` calls `enroll_participant` directly (the bare transaction, as staff enroll);
//! every request enrolls a new person (a new email), so each one is a full transaction: person
//! lookup and insert, seat update, enrollment insert, timeline. `--mode http` starts the real
//! server on a loopback port and sends `POST /api/public/workshops/{id}/enrollments` from
//! `--concurrency` clients: the public form's request, which holds a seat (or a place in the
//! queue) for the visitor to confirm (202).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::testing::TestDb;
use domain::training::enrollment::{self, Channel, EnrollRequest, Enrollee};
use domain::training::workshops::{self, WorkshopInput};
use types::WorkshopId;

struct Args {
    mode: String,
    workshops: usize,
    seconds: u64,
    concurrency: usize,
}

fn args() -> Args {
    let mut a = Args { mode: "http".into(), workshops: 1, seconds: 10, concurrency: 32 };
    let raw: Vec<String> = std::env::args().skip(1).collect();
    for pair in raw.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--mode" => a.mode = value,
            "--workshops" => a.workshops = value.parse().expect("--workshops N"),
            "--seconds" => a.seconds = value.parse().expect("--seconds N"),
            "--concurrency" => a.concurrency = value.parse().expect("--concurrency N"),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn main() {
    let a = args();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run(a));
}

async fn run(a: Args) {
    let t = TestDb::new().await;
    let actor = domain::testing::staff_user(&t.db).await;
    let day = (domain::clock::utc_now().date_naive() + chrono::Duration::days(30)).format("%Y-%m-%d").to_string();
    let mut ids = Vec::new();
    for n in 0..a.workshops {
        let input = WorkshopInput {
            title: format!("Taller {n}"),
            starts_at: format!("{day}T10:00"),
            ends_at: format!("{day}T13:00"),
            capacity: "1000000".into(),
            price: "30".into(),
            state: "published".into(),
            ..Default::default()
        };
        let tz = chrono_tz::Europe::Madrid;
        ids.push(workshops::create_workshop(&t.db, actor, &input, tz).await.unwrap().id.0);
    }
    let ids = Arc::new(ids);
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let next = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let mut server = None;
    let base = if a.mode == "http" {
        let data_dir = std::env::temp_dir().join(format!("aula-bench-{}", std::process::id()));
        let settings = aula_server::Settings {
            addr: "127.0.0.1:0".into(),
            database_url: t.url.clone(),
            site_root: data_dir.join("site").to_string_lossy().into_owned(),
            data_dir,
            admin_email: "admin@aula.local".into(),
            admin_password: "bench-admin-password".into(),
            // The load comes from one address: the public limits would stop it at once.
            public_requests_per_minute: u32::MAX,
            public_enrollments_per_ip: u32::MAX,
            public_enrollments_per_workshop: u32::MAX,
            ..aula_server::Settings::default()
        };
        let running = aula_server::start(settings, false).await.expect("server starts");
        let base = format!("http://{}", running.addr);
        server = Some(running);
        base
    } else {
        String::new()
    };
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency {
        let (ids, done, failed, next, base, db, mode) =
            (ids.clone(), done.clone(), failed.clone(), next.clone(), base.clone(), t.db.clone(), a.mode.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            while Instant::now() < deadline {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let workshop = ids[(n as usize) % ids.len()];
                let email = format!("bench{n}@example.com");
                let ok = if mode == "http" {
                    let res = client
                        .post(format!("{base}/api/public/workshops/{workshop}/enrollments"))
                        .header("Idempotency-Key", format!("b-{n}"))
                        .json(&serde_json::json!({"first_name": "Bench", "last_name": n.to_string(), "email": email}))
                        .send()
                        .await;
                    matches!(res, Ok(r) if r.status().as_u16() == 202)
                } else {
                    let req = EnrollRequest {
                        workshop_id: WorkshopId(workshop),
                        enrollee: Enrollee::New {
                            first_name: "Bench".into(),
                            last_name: n.to_string(),
                            email,
                            phone: String::new(),
                        },
                        idempotency_key: Some(format!("b-{n}")),
                        channel: Channel::Public,
                        actor: None,
                    };
                    enrollment::enroll_participant(&db, &req).await.is_ok()
                };
                if ok { &done } else { &failed }.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    let ok = done.load(Ordering::Relaxed);
    let (confirmed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM enrollments").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(confirmed as u64, ok, "every success is exactly one enrollment");
    println!(
        "backend={} mode={} workshops={} concurrency={} enrollments={} failed={} seconds={:.1} per_second={:.0}",
        t.db.backend().name(),
        a.mode,
        a.workshops,
        a.concurrency,
        ok,
        failed.load(Ordering::Relaxed),
        secs,
        ok as f64 / secs
    );
    if let Some(s) = server {
        s.shutdown().await;
    }
}
