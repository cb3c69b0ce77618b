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

/// Every `every` until `stop` fires: deletes expired sessions, marks the sent proposals past
/// their valid-until date (in the centre's time zone) expired, deletes public requests
/// finished 30 days ago and the blocked personal data whose legal term has ended.
pub fn spawn_housekeeping(
    db: Db,
    throttle: Throttle,
    tz: Tz,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    if let Err(e) = domain::auth::purge_expired(&db, throttle).await {
                        e.log();
                    }
                    let today = domain::clock::today(tz);
                    match domain::sales::proposals::expire_due(&db, today).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(expired = n, "proposals past their valid-until date expired"),
                        Err(e) => e.log(),
                    }
                    match domain::training::requests::purge_finished(&db, domain::clock::now()).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(deleted = n, "finished public enrollment requests deleted"),
                        Err(e) => e.log(),
                    }
                    match domain::privacy::purge_expired_holds(&db, domain::clock::now()).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(deleted = n, "blocked personal data past its legal term deleted"),
                        Err(e) => e.log(),
                    }
                }
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

/// Starts the reminder service: every `interval` it takes back stale claims, schedules the day's
/// digests once the digest hour has come, and delivers what is due, batch after batch. On `stop`
/// it finishes the batch it is sending and returns.
pub fn spawn_reminder_service(
    service: ReminderService,
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
            let at = domain::clock::now();
            if let Err(e) = reminders::recover_stale(&service.db, at, service.lease_secs).await {
                e.log();
            }
            // Seats held for public requests nobody confirmed go back; their emails that failed
            // are retried.
            if let Err(e) = requests::expire_due(&service.db, at).await {
                e.log();
            }
            let mail = requests::Mail {
                db: service.db.clone(),
                mailer: service.mailer.clone(),
                base_url: service.base_url.clone(),
                tz: service.tz,
                centre_name: service.centre_name.clone(),
            };
            if let Err(e) = requests::send_queued(&mail, BATCH).await {
                e.log();
            }
            // CSV imports left running by a stopped instance are carried on here.
            match import::stale_runs(&service.db, at).await {
                Ok(ids) => {
                    for id in ids {
                        import::drive_soon(service.db.clone(), worker.clone(), id);
                    }
                }
                Err(e) => e.log(),
            }
            let today = chrono::TimeZone::timestamp_opt(&service.tz, at, 0)
                .single()
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            if today != digest_done_for {
                match reminders::digest::schedule_digests(&service.db, at, service.tz).await {
                    Ok(n) if n > 0 => digest_done_for = today,
                    Ok(_) => {}
                    Err(e) => e.log(),
                }
            }
            let delivery = deliver::Delivery {
                db: &service.db,
                mailer: service.mailer.as_deref(),
                hub: &service.hub,
                tz: service.tz,
                default_locale: service.default_locale,
                base_url: &service.base_url,
                worker: &worker,
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
        tracing::info!("reminder service stopped");
    })
}

/// This instance's name among those sharing the database: `host:pid`.
pub fn instance_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_else(|_| "aula".into());
    format!("{host}:{}", std::process::id())
}
