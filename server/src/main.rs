//! `aula`: runs the server. `aula --help` lists the settings; `aula backup --to FILE` and
//! `aula restore --from FILE` copy the database out and back; `aula audit-verify` checks the audit
//! log's chain; `aula seed-large` fills a database for benchmarks.

use aula_server::settings::{help_text, Settings};
use tracing_subscriber::EnvFilter;

/// Leptos' streaming renderer can stall with a single runtime worker (leptos-rs/leptos#4647), as
/// on a one-CPU host; Aula always runs at least this many.
const MIN_WORKER_THREADS: usize = 4;

fn main() -> std::process::ExitCode {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).max(MIN_WORKER_THREADS);
    match tokio::runtime::Builder::new_multi_thread().worker_threads(workers).enable_all().build() {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> std::process::ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let seed_large = args.iter().any(|a| a == "seed-large");
    let audit_verify = args.iter().any(|a| a == "audit-verify");
    args.retain(|a| a != "audit-verify");
    // `backup --to FILE` / `restore --from FILE`.
    let mut copy: Option<(&'static str, String)> = None;
    for (command, flag) in [("backup", "--to"), ("restore", "--from")] {
        if let Some(i) = args.iter().position(|a| a == command) {
            match (args.get(i + 1).map(String::as_str), args.get(i + 2)) {
                (Some(f), Some(file)) if f == flag => {
                    copy = Some((command, file.clone()));
                    args.drain(i..i + 3);
                }
                _ => {
                    eprintln!("usage: aula {command} {flag} FILE");
                    return std::process::ExitCode::from(2);
                }
            }
        }
    }
    let mut size = domain::demo_large::Size::BENCHMARK;
    if seed_large {
        args.retain(|a| a != "seed-large");
        let mut rest = Vec::new();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let target = match a.as_str() {
                "--organizations" => &mut size.organizations,
                "--people" => &mut size.people,
                "--interactions" => &mut size.interactions,
                _ => {
                    rest.push(a);
                    continue;
                }
            };
            match it.next().and_then(|v| v.parse().ok()) {
                Some(v) => *target = v,
                None => {
                    eprintln!("{a} needs a number");
                    return std::process::ExitCode::from(2);
                }
            }
        }
        args = rest;
    }
    let mut config = None;
    let mut demo = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{}", help_text());
                return std::process::ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("aula {}", env!("CARGO_PKG_VERSION"));
                return std::process::ExitCode::SUCCESS;
            }
            "--demo" => demo = true,
            "--config" => match it.next() {
                Some(file) => config = Some(file.clone()),
                None => {
                    eprintln!("--config needs a file");
                    return std::process::ExitCode::from(2);
                }
            },
            other => {
                eprintln!("unknown argument {other:?}\n\n{}", help_text());
                return std::process::ExitCode::from(2);
            }
        }
    }
    let mut settings = match Settings::load(config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("invalid settings: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    settings.demo_data |= demo;
    init_logging(&settings);
    if seed_large {
        return run_seed_large(&settings, size).await;
    }
    if audit_verify {
        return run_audit_verify(&settings).await;
    }
    if let Some((command, file)) = copy {
        return run_copy(&settings, command, std::path::Path::new(&file)).await;
    }
    tracing::info!(settings = ?settings.redacted(), "starting Aula {}", env!("CARGO_PKG_VERSION"));
    match aula_server::start(settings, true).await {
        Ok(running) => {
            running.wait().await;
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(error = %e, "Aula could not start");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `aula backup --to FILE` (safe while the server runs) and `aula restore --from FILE` (with the
/// server stopped).
async fn run_copy(settings: &Settings, command: &str, file: &std::path::Path) -> std::process::ExitCode {
    let url = settings.database_url();
    let done = if command == "backup" {
        match domain::Db::connect(&url, 2).await {
            Ok(db) => domain::backup::backup(&db, &url, file)
                .await
                .map(|size| format!("backup written: {} ({size} bytes)", file.display())),
            Err(e) => Err(e),
        }
    } else {
        domain::backup::restore(&url, file).await.map(|()| format!("restored from {}", file.display()))
    };
    match done {
        Ok(message) => {
            println!("{message}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{command} failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `aula audit-verify`: checks the audit log's chain of hashes; exits 1 if it is broken.
async fn run_audit_verify(settings: &Settings) -> std::process::ExitCode {
    let db = match aula_server::prepare_database(settings).await {
        Ok(db) => db,
        Err(e) => {
            tracing::error!(error = %e, "cannot prepare the database");
            return std::process::ExitCode::FAILURE;
        }
    };
    match domain::audit::verify(&db).await {
        Ok(r) if r.intact => {
            println!("audit log intact: {} entries", r.entries);
            std::process::ExitCode::SUCCESS
        }
        Ok(r) => {
            println!(
                "audit log BROKEN at entry {} ({} entries before it are intact)",
                r.first_broken.unwrap_or(0),
                r.entries
            );
            std::process::ExitCode::FAILURE
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the audit log");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `aula seed-large`: fills the configured database with a large synthetic CRM for benchmarks.
async fn run_seed_large(settings: &Settings, size: domain::demo_large::Size) -> std::process::ExitCode {
    let started = std::time::Instant::now();
    let db = match aula_server::prepare_database(settings).await {
        Ok(db) => db,
        Err(e) => {
            tracing::error!(error = %e, "cannot prepare the database");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = domain::demo_large::seed_large(&db, size, &|step| {
        tracing::info!(elapsed_s = started.elapsed().as_secs(), "{step}");
    })
    .await;
    db.close().await;
    match result {
        Ok(()) => {
            tracing::info!(?size, elapsed_s = started.elapsed().as_secs(), "large data set written");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(error = %e, "seed-large failed");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging(settings: &Settings) {
    let filter = EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(&settings.log_level));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if settings.log_format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}
