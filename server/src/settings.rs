//! Settings: built-in defaults, then an optional TOML file (`--config FILE` or `AULA_CONFIG`),
//! then `AULA_*` environment variables (and `DATABASE_URL`). `aula --help` lists them.

use std::path::PathBuf;
use std::time::Duration;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Address and port to listen on.
    pub addr: String,
    /// Folder for the SQLite database and other local files.
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; empty means SQLite under `data_dir`.
    pub database_url: String,
    /// Upper bound of the connection pool.
    pub max_connections: u32,
    /// Where the built site (`pkg/`, icons, manifest) is served from.
    pub site_root: String,
    /// Email of the administrator created on first start.
    pub admin_email: String,
    /// Display name of that administrator.
    pub admin_name: String,
    /// Password of that administrator; empty means generate one and print it once to the log.
    pub admin_password: String,
    /// Fill demo data on start (idempotent).
    pub demo_data: bool,
    /// Password of the demo users; empty means generate one and print it once.
    pub demo_password: String,
    /// The centre's IANA time zone.
    pub time_zone: String,
    /// The centre's name, printed on proposals.
    pub centre_name: String,
    /// Language for visitors who have not chosen one: es, eu or en.
    pub default_locale: String,
    /// The public address users reach; an `https://` one makes cookies `Secure`.
    pub public_url: String,
    /// Sessions end after this many hours without use.
    pub session_ttl_hours: i64,
    /// …and this many days after signing in, however much they are used.
    pub session_max_days: i64,
    /// Failed sign-ins of one client on one account within 15 minutes before that client is
    /// refused it (the account itself is never locked, only slowed down).
    pub login_max_failures: i64,
    /// Addresses of the reverse proxies in front of Aula (`127.0.0.1, 10.0.0.0/8, ::1`): only a
    /// request from one of them has its client read from `X-Forwarded-For`.
    pub trusted_proxies: String,
    /// Public requests (catalogue, workshop pages, enrollments) per client address and minute.
    pub public_requests_per_minute: u32,
    /// Public enrollments per client address within 10 minutes.
    pub public_enrollments_per_ip: u32,
    /// Public enrollments into one workshop within 10 minutes, from all addresses.
    pub public_enrollments_per_workshop: u32,
    /// Minutes a seat asked for on the public form stays held for the visitor to confirm by the
    /// emailed link.
    pub seat_hold_minutes: i64,
    /// A folder for scheduled backups; empty: none.
    pub backup_dir: String,
    /// Hours between scheduled backups.
    pub backup_interval_hours: u64,
    /// Scheduled backups kept (the oldest go).
    pub backup_keep: usize,
    /// If set, `/metrics` requires `Authorization: Bearer <token>`.
    pub metrics_token: String,
    /// `pretty` or `json`.
    pub log_format: String,
    /// A `tracing` filter such as `info` or `aula=debug,sqlx=warn`.
    pub log_level: String,
    /// SMTP server for email; empty means no email (the admin page says so).
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_username: String,
    /// Never logged.
    pub smtp_password: String,
    /// `starttls`, `tls` or `none`.
    pub smtp_security: String,
    /// The sender of Aula's email.
    pub smtp_from: String,
    pub smtp_timeout_secs: u64,
    /// Seconds between two scans of the reminder queue.
    pub reminder_interval_secs: u64,
    /// Seconds between two housekeeping rounds (expired sessions, proposals past their date).
    pub housekeeping_interval_secs: u64,
    /// OpenAI-compatible endpoint of the assistant's model (`…/v1`); empty: built-in answers only.
    pub ai_base_url: String,
    pub ai_model: String,
    /// Never logged, never sent to the browser.
    pub ai_api_key: String,
    /// Seconds to wait for the first token, and then between two chunks.
    pub ai_timeout_secs: u64,
    /// The producer of the invoicing system as Veri*Factu records name it (name and Spanish
    /// NIF); empty: each issuer runs its own installation and is named as the producer.
    pub verifactu_producer_name: String,
    pub verifactu_producer_nif: String,
    /// This installation's number in the records (`NumeroInstalacion`).
    pub verifactu_installation: String,
    /// `production`, or `test` for the AEAT's test portal (where the records go and the invoices'
    /// QR points).
    pub verifactu_environment: String,
    /// Not a setting: a test that runs the background workers' rounds itself
    /// (`Running::run_workers_once`) instead of on their timers.
    #[serde(skip)]
    pub workers_by_hand: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into()),
            data_dir: PathBuf::from("data"),
            database_url: String::new(),
            max_connections: 10,
            site_root: std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()),
            admin_email: "admin@aula.local".into(),
            admin_name: "Administrador".into(),
            admin_password: String::new(),
            demo_data: false,
            demo_password: String::new(),
            time_zone: types::fmt::DEFAULT_TIME_ZONE.into(),
            centre_name: "Aula".into(),
            default_locale: "es".into(),
            public_url: String::new(),
            session_ttl_hours: 24 * 7,
            session_max_days: 30,
            login_max_failures: 5,
            trusted_proxies: String::new(),
            public_requests_per_minute: 120,
            public_enrollments_per_ip: 10,
            public_enrollments_per_workshop: 200,
            seat_hold_minutes: 20,
            backup_dir: String::new(),
            backup_interval_hours: 24,
            backup_keep: 7,
            metrics_token: String::new(),
            log_format: "pretty".into(),
            log_level: "info,sqlx=warn".into(),
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_username: String::new(),
            smtp_password: String::new(),
            smtp_security: "starttls".into(),
            smtp_from: "Aula <aula@localhost>".into(),
            smtp_timeout_secs: 15,
            reminder_interval_secs: 30,
            housekeeping_interval_secs: 600,
            ai_base_url: String::new(),
            ai_model: String::new(),
            ai_api_key: String::new(),
            ai_timeout_secs: 30,
            verifactu_producer_name: String::new(),
            verifactu_producer_nif: String::new(),
            verifactu_installation: "1".into(),
            verifactu_environment: "production".into(),
            workers_by_hand: false,
        }
    }
}

/// One line per setting for `--help`: environment variable, default, meaning.
const HELP: &[(&str, &str)] = &[
    ("AULA_ADDR", "address and port to listen on [127.0.0.1:3000]"),
    ("AULA_DATA_DIR", "folder for the SQLite database [data]"),
    ("AULA_DATABASE_URL / DATABASE_URL", "postgres://user@host/db to use PostgreSQL [SQLite in the data dir]"),
    ("AULA_MAX_CONNECTIONS", "connection pool size [10]"),
    ("AULA_SITE_ROOT", "built site to serve (pkg/, icons) [target/site]"),
    ("AULA_ADMIN_EMAIL", "first administrator's email [admin@aula.local]"),
    ("AULA_ADMIN_NAME", "first administrator's name [Administrador]"),
    ("AULA_ADMIN_PASSWORD", "first administrator's password [generated, printed once]"),
    ("AULA_DEMO_DATA", "true to fill demo data on start [false]; same as --demo"),
    ("AULA_DEMO_PASSWORD", "password of the demo users [generated, printed once]"),
    ("AULA_TIME_ZONE", "the centre's time zone [Europe/Madrid]"),
    ("AULA_CENTRE_NAME", "the centre's name, printed on proposals [Aula]"),
    ("AULA_DEFAULT_LOCALE", "es, eu or en for new visitors [es]"),
    ("AULA_PUBLIC_URL", "public address; https:// makes cookies Secure []"),
    ("AULA_SESSION_TTL_HOURS", "idle hours before a session ends [168]"),
    ("AULA_SESSION_MAX_DAYS", "days after signing in before a session ends, however used [30]"),
    ("AULA_LOGIN_MAX_FAILURES", "failed sign-ins of one client on one account in 15 min before it is refused [5]"),
    (
        "AULA_TRUSTED_PROXIES",
        "reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated [none]",
    ),
    ("AULA_PUBLIC_REQUESTS_PER_MINUTE", "public requests per client address and minute [120]"),
    ("AULA_PUBLIC_ENROLLMENTS_PER_IP", "public enrollments per client address in 10 minutes [10]"),
    ("AULA_PUBLIC_ENROLLMENTS_PER_WORKSHOP", "public enrollments into one workshop in 10 minutes [200]"),
    ("AULA_SEAT_HOLD_MINUTES", "minutes a seat asked for on the public form is held for confirmation [20]"),
    ("AULA_BACKUP_DIR", "folder for scheduled backups; empty: none []"),
    ("AULA_BACKUP_INTERVAL_HOURS", "hours between scheduled backups [24]"),
    ("AULA_BACKUP_KEEP", "scheduled backups kept [7]"),
    ("AULA_METRICS_TOKEN", "bearer token required by /metrics [none: open]"),
    ("AULA_LOG_FORMAT", "pretty or json [pretty]"),
    ("AULA_LOG_LEVEL", "tracing filter [info,sqlx=warn]"),
    ("AULA_SMTP_HOST", "SMTP server for email [none: email is off]"),
    ("AULA_SMTP_PORT", "SMTP port [587]"),
    ("AULA_SMTP_USERNAME", "SMTP user [none]"),
    ("AULA_SMTP_PASSWORD", "SMTP password [none]"),
    ("AULA_SMTP_SECURITY", "starttls, tls or none [starttls]"),
    ("AULA_SMTP_FROM", "sender of Aula's email [Aula <aula@localhost>]"),
    ("AULA_SMTP_TIMEOUT_SECS", "SMTP timeout in seconds [15]"),
    ("AULA_REMINDER_INTERVAL_SECS", "seconds between scans of the reminder queue [30]"),
    (
        "AULA_AI_BASE_URL",
        "OpenAI-compatible endpoint for the assistant, e.g. http://127.0.0.1:11434/v1 [none: built-in answers]",
    ),
    ("AULA_AI_MODEL", "the model's name at that endpoint [none]"),
    ("AULA_AI_API_KEY", "its API key, if it needs one [none]"),
    ("AULA_AI_TIMEOUT_SECS", "seconds to wait for the first token and between chunks [30]"),
    ("AULA_VERIFACTU_PRODUCER_NAME", "producer of the invoicing system in Veri*Factu records [each issuer itself]"),
    ("AULA_VERIFACTU_PRODUCER_NIF", "that producer's NIF [each issuer's]"),
    ("AULA_VERIFACTU_INSTALLATION", "this installation's number in Veri*Factu records [1]"),
    ("AULA_VERIFACTU_ENVIRONMENT", "production, or test for the AEAT's test portal [production]"),
    ("AULA_HOUSEKEEPING_INTERVAL_SECS", "seconds between rounds that end old sessions and expire proposals [600]"),
];

/// The text printed by `aula --help`.
pub fn help_text() -> String {
    let mut s = String::from(
        "Aula: CRM and operations for training centres.\n\n\
         Usage: aula [--config FILE] [--demo] [--help] [--version]\n\
         \x20      aula [--config FILE] seed-large [--organizations N] [--people N] [--interactions N]\n\n\
         Settings come from defaults, then the TOML file (--config FILE or AULA_CONFIG; keys are\n\
         the variable names below without AULA_, in lower case), then environment variables:\n\n",
    );
    for (var, what) in HELP {
        s.push_str(&format!("  {var:<36} {what}\n"));
    }
    s
}

impl Settings {
    /// Loads defaults, then `config_file` (if any), then the environment.
    pub fn load(config_file: Option<&str>) -> Result<Settings, Box<figment::Error>> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = config_file.map(str::to_string).or_else(|| std::env::var("AULA_CONFIG").ok()) {
            fig = fig.merge(Toml::file_exact(file));
        }
        fig = fig.merge(Env::prefixed("AULA_").ignore(&["config"]));
        let mut settings: Settings = fig.extract().map_err(Box::new)?;
        if settings.database_url.is_empty() {
            if let Ok(url) = std::env::var("DATABASE_URL") {
                settings.database_url = url;
            }
        }
        Ok(settings)
    }

    /// The database to connect to.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            domain::db::sqlite_url(&self.data_dir)
        } else {
            self.database_url.trim().to_string()
        }
    }

    /// The sign-in throttle these settings describe.
    pub fn throttle(&self) -> domain::auth::Throttle {
        domain::auth::Throttle { max_per_client: self.login_max_failures.max(1), ..Default::default() }
    }

    /// The public rate limits these settings describe.
    pub fn public_limits(&self) -> app::state::PublicLimits {
        use domain::rate_limit::{Rate, RateLimiter};
        app::state::PublicLimits {
            reads_by_ip: RateLimiter::new(Rate::new(self.public_requests_per_minute, 60)),
            enroll_by_ip: RateLimiter::new(Rate::new(self.public_enrollments_per_ip, 600)),
            enroll_by_workshop: RateLimiter::new(Rate::new(self.public_enrollments_per_workshop, 600)),
        }
    }

    /// Whether cookies get the `Secure` flag.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The SMTP settings for the mailer.
    pub fn smtp(&self) -> domain::email::SmtpConfig {
        domain::email::SmtpConfig {
            host: self.smtp_host.clone(),
            port: self.smtp_port,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
            security: self.smtp_security.clone(),
            from: self.smtp_from.clone(),
            timeout_secs: self.smtp_timeout_secs,
        }
    }

    /// The assistant's model, as the provider client takes it.
    pub fn ai(&self) -> domain::assistant::provider::ProviderConfig {
        domain::assistant::provider::ProviderConfig {
            base_url: self.ai_base_url.trim().to_string(),
            model: self.ai_model.trim().to_string(),
            api_key: self.ai_api_key.clone(),
            timeout: Duration::from_secs(self.ai_timeout_secs.max(1)),
        }
    }

    /// What issuing invoices needs: the centre's zone and the invoicing system as the
    /// Veri*Factu records name it.
    pub fn fiscal(&self) -> domain::billing::invoices::FiscalContext {
        domain::billing::invoices::FiscalContext {
            tz: self.time_zone.parse().unwrap_or(chrono_tz::Europe::Madrid),
            environment: match self.verifactu_environment.trim() {
                "test" => domain::billing::verifactu::Environment::Test,
                _ => domain::billing::verifactu::Environment::Production,
            },
            system: domain::billing::xml::SystemInfo {
                producer_name: self.verifactu_producer_name.trim().to_string(),
                producer_nif: self.verifactu_producer_nif.trim().to_uppercase(),
                name: "Aula".into(),
                id: "AU".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                installation: self.verifactu_installation.trim().to_string(),
            },
        }
    }

    /// The address links in emails and feeds start with.
    pub fn base_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.addr)
        } else {
            self.public_url.trim_end_matches('/').to_string()
        }
    }

    /// A copy safe to log: passwords and tokens blanked.
    pub fn redacted(&self) -> Settings {
        let mut s = self.clone();
        for secret in
            [&mut s.admin_password, &mut s.demo_password, &mut s.metrics_token, &mut s.smtp_password, &mut s.ai_api_key]
        {
            if !secret.is_empty() {
                *secret = "***".into();
            }
        }
        if let Some((scheme, rest)) = s.database_url.split_once("://") {
            let rest = rest.split('?').next().unwrap_or_default();
            s.database_url = match rest.rsplit_once('@') {
                Some((creds, host)) => format!("{scheme}://{}:***@{host}", creds.split(':').next().unwrap_or_default()),
                None => format!("{scheme}://{rest}"),
            };
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail fixes the closure's error type
    fn the_environment_overrides_the_file_which_overrides_the_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("aula.toml", "addr = \"0.0.0.0:8080\"\ntime_zone = \"Atlantic/Canary\"\n")?;
            jail.set_env("AULA_TIME_ZONE", "Europe/Lisbon");
            jail.set_env("AULA_DEMO_DATA", "true");
            let s = Settings::load(Some("aula.toml")).expect("load");
            assert_eq!(s.addr, "0.0.0.0:8080");
            assert_eq!(s.time_zone, "Europe/Lisbon");
            assert!(s.demo_data);
            assert_eq!(s.session_ttl_hours, 24 * 7);
            Ok(())
        });
    }

    #[test]
    fn database_url_falls_back_to_sqlite_in_the_data_dir() {
        let s = Settings { data_dir: "/var/lib/aula".into(), ..Settings::default() };
        assert_eq!(s.database_url(), "sqlite:///var/lib/aula/aula.db?mode=rwc");
    }

    #[test]
    fn redacted_settings_hide_secrets() {
        let s = Settings {
            admin_password: "secreto".into(),
            database_url: "postgres://aula:cl@ve@db:5432/aula?password=otra".into(),
            ..Settings::default()
        };
        let text = format!("{:?}", s.redacted());
        assert!(!text.contains("secreto") && !text.contains("ve@") && !text.contains("otra"), "{text}");
        assert!(text.contains("postgres://aula:***@db:5432/aula"), "{text}");
    }

    #[test]
    fn help_lists_every_setting() {
        let help = help_text();
        let json = serde_json::to_value(Settings::default()).unwrap();
        for key in json.as_object().unwrap().keys() {
            assert!(help.contains(&format!("AULA_{}", key.to_uppercase())), "{key} missing from --help");
        }
    }
}
