//! `aula`: runs the server. `aula --help` lists the settings.

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
    let args: Vec<String> = std::env::args().skip(1).collect();
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

fn init_logging(settings: &Settings) {
    let filter = EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(&settings.log_level));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if settings.log_format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}
