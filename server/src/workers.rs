//! Background workers started and stopped with the server: housekeeping (sessions, proposal
//! expiry, finished public requests) and the reminder service (with the public form's held
//! seats and confirmation emails, and CSV imports a stopped instance left running), and the
//! scheduled backups. Each loops until the stop signal, finishing the batch in hand first.

use std::sync::Arc;
use std::time::Duration;

use chrono_tz::Tz;
use domain::auth::Throttle;
use domain::crm::import;
use domain::email::Mailer;
use domain::notifications::Hub;
use domain::reminders::{self, deliver};
use domain::training::requests;
use domain::Db;
use tokio::sync::watch;
use types::Locale;

/// Housekeeping: deletes expired sessions, marks the sent proposals past their valid-until date
/// (in the centre's time zone) expired, deletes public requests finished 30 days ago and the
/// blocked personal data whose legal term has ended.
#[derive(Clone)]
pub struct Housekeeping {
    pub db: Db,
    pub throttle: Throttle,
    pub tz: Tz,
}

impl Housekeeping {
    /// One round; what fails is logged and the rest still runs.
    pub async fn tick(&self) {
        let db = &self.db;
        if let Err(e) = domain::auth::purge_expired(db, self.throttle).await {
            e.log();
        }
        let today = domain::clock::today(self.tz);
        match domain::sales::proposals::expire_due(db, today).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "proposals past their valid-until date expired"),
            Err(e) => e.log(),
        }
        match domain::training::requests::purge_finished(db, domain::clock::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "finished public enrollment requests deleted"),
            Err(e) => e.log(),
        }
        match domain::privacy::purge_expired_holds(db, domain::clock::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "blocked personal data past its legal term deleted"),
            Err(e) => e.log(),
        }
    }
}

/// Runs a housekeeping round every `every` until `stop` fires.
pub fn spawn_housekeeping(
    work: Housekeeping,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tokio::select! {
                _ = tick.tick() => work.tick().await,
                _ = stop.changed() => break,
            }
        }
    })
}

/// Every `every` until `stop` fires (the first one an interval after start): a backup into the
/// schedule's folder, keeping the newest `keep`.
pub fn spawn_backups(
    db: Db,
    url: String,
    schedule: domain::backup::BackupSchedule,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => match schedule.run_once(&db, &url).await {
                    Ok(file) => tracing::info!(file = %file.display(), "scheduled backup written"),
                    Err(e) => e.log(),
                },
                _ = stop.changed() => break,
            }
        }
    })
}

/// What the reminder service needs.
pub struct ReminderService {
    pub db: Db,
    pub mailer: Option<Arc<Mailer>>,
    pub hub: Hub,
    pub tz: Tz,
    pub default_locale: Locale,
    pub base_url: String,
    /// Signs the public form's confirmation emails.
    pub centre_name: String,
    /// Seconds between scans.
    pub interval: Duration,
    /// Seconds after which a claim whose worker vanished is taken back.
    pub lease_secs: i64,
}

/// Reminders claimed per batch.
const BATCH: i64 = 50;

impl ReminderService {
    /// One scan: takes back stale claims, expires the public form's unconfirmed holds and retries
    /// their failed emails, carries on CSV imports a stopped instance left running, schedules the
    /// day's digests once per day (`digest_done_for` keeps which) and delivers what is due, batch
    /// after batch until none is full or `stop` has fired.
    pub async fn tick(&self, worker: &str, digest_done_for: &mut String, stop: &watch::Receiver<bool>) {
        let at = domain::clock::now();
        if let Err(e) = reminders::recover_stale(&self.db, at, self.lease_secs).await {
            e.log();
        }
        if let Err(e) = requests::expire_due(&self.db, at).await {
            e.log();
        }
        let mail = requests::Mail {
            db: self.db.clone(),
            mailer: self.mailer.clone(),
            base_url: self.base_url.clone(),
            tz: self.tz,
            centre_name: self.centre_name.clone(),
        };
        if let Err(e) = requests::send_queued(&mail, BATCH).await {
            e.log();
        }
        match import::stale_runs(&self.db, at).await {
            Ok(ids) => {
                for id in ids {
                    import::drive_soon(self.db.clone(), worker.to_string(), id);
                }
            }
            Err(e) => e.log(),
        }
        let today = chrono::TimeZone::timestamp_opt(&self.tz, at, 0)
            .single()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        if today != *digest_done_for {
            match reminders::digest::schedule_digests(&self.db, at, self.tz).await {
                Ok(n) if n > 0 => *digest_done_for = today,
                Ok(_) => {}
                Err(e) => e.log(),
            }
        }
        let delivery = deliver::Delivery {
            db: &self.db,
            mailer: self.mailer.as_deref(),
            hub: &self.hub,
            tz: self.tz,
            default_locale: self.default_locale,
            base_url: &self.base_url,
            worker,
        };
        loop {
            match deliver::deliver_due(&delivery, domain::clock::now(), BATCH).await {
                Ok(out) if (out.sent + out.failed + out.cancelled) as i64 >= BATCH && !*stop.borrow() => continue,
                Ok(_) => break,
                Err(e) => {
                    e.log();
                    break;
                }
            }
        }
    }
}

/// Starts the reminder service: a [`ReminderService::tick`] every `interval`. On `stop` it
/// finishes the batch it is sending and returns.
pub fn spawn_reminder_service(
    service: Arc<ReminderService>,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let worker = instance_name();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(service.interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut digest_done_for = String::new();
        tracing::info!(worker = %worker, smtp = service.mailer.is_some(), "reminder service started");
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => break,
            }
            service.tick(&worker, &mut digest_done_for, &stop).await;
        }
        tracing::info!("reminder service stopped");
    })
}

/// This instance's name among those sharing the database: `host:pid`.
pub fn instance_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_else(|_| "aula".into());
    format!("{host}:{}", std::process::id())
}
