//! Reminders, notifications and calendar feeds through the running server: the reminder worker
//! delivering to a real SMTP server on loopback, the bell's event stream, the ICS feeds as a
//! calendar client fetches them, and the admin page's checks.
mod common;

use std::time::Duration;

use common::*;
use domain::testing::{parse_ics, SmtpSink};
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;

const STAFF: &str = "javier.moreno@aula.example";
const MANAGER: &str = "marta.iglesias@aula.example";
const RECEPTION: &str = "lucia.fernandez@aula.example";

/// The first organization the API lists.
async fn some_organization(app: &TestApp) -> String {
    let token = token_for(app, STAFF).await;
    let (status, page) = api(app, &token, Method::GET, "/organizations", None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["data"][0]["id"].as_i64().expect("an organization").to_string()
}

/// A follow-up for the signed-in user that is already due (one minute ago, local time).
async fn due_follow_up(c: &Client, app: &TestApp, org: &str, action: &str) {
    let local = domain::clock::utc_now().with_timezone(&chrono_tz::Europe::Madrid) - chrono::Duration::minutes(1);
    let at = local.format("%Y-%m-%dT%H:%M").to_string();
    let (status, body) = call(
        c,
        app,
        "crm/interactions/create",
        &[
            ("organization_id", org),
            ("kind", "call"),
            ("description", "Llamada"),
            ("next_action", action),
            ("next_action_at", &at),
            ("create_reminder", "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Reads server-sent events from `res` until one `unread` event carries `want`.
async fn wait_for_unread(res: &mut reqwest::Response, want: i64) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut buffer = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while tokio::time::Instant::now() < deadline {
        let chunk = match tokio::time::timeout_at(deadline, res.chunk()).await {
            Ok(Ok(Some(c))) => c,
            _ => break,
        };
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.lines().any(|l| l == "event: unread") {
                let n =
                    event.lines().find_map(|l| l.strip_prefix("data: ")).and_then(|d| d.trim().parse().ok()).unwrap();
                seen.push(n);
                if n == want {
                    return seen;
                }
            }
        }
    }
    panic!("no unread={want} event; saw {seen:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_reminder_worker_emails_through_smtp_and_the_bell_stream_counts_the_new_notification() {
    let sink = SmtpSink::start(0);
    let port = sink.port;
    let app = TestApp::spawn_with(|s| {
        TestApp::use_smtp(s, port);
        s.workers_by_hand = true;
    })
    .await;
    let org = some_organization(&app).await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;

    let anonymous = TestApp::client().get(app.url("/api/notifications/stream")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // The demo centre has reminders due already: one round of the worker delivers them.
    app.run_workers().await;

    let mut stream = c.get(app.url("/api/notifications/stream")).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let first = wait_for_unread(&mut stream, {
        let (_, list) = call(&c, &app, "notifications/list", &[]).await;
        list["unread"].as_i64().unwrap()
    })
    .await;
    let before = *first.last().unwrap();

    due_follow_up(&c, &app, &org, "Llamar a la directora").await;
    app.run_workers().await;
    wait_for_unread(&mut stream, before + 1).await;
    // The demo centre has other reminders due (today's follow-ups, the digests): find ours.
    let ours = |mail: &[String]| -> Vec<String> {
        mail.iter()
            .filter(|m| m.contains("Subject: Recordatorio de seguimiento: Llamar a la directora"))
            .cloned()
            .collect()
    };
    assert_eq!(ours(&sink.messages()).len(), 1, "the round sent it");
    // Another round sends nothing twice.
    app.run_workers().await;
    let mail = ours(&sink.messages());
    assert_eq!(mail.len(), 1, "one email for one follow-up");
    assert!(mail[0].contains("X-Envelope-To: javier.moreno@aula.example"), "{}", mail[0]);
    assert!(mail[0].contains("Subject: Recordatorio de seguimiento: Llamar a la directora"), "{}", mail[0]);

    let (_, list) = call(&c, &app, "notifications/list", &[]).await;
    let newest = &list["items"][0];
    assert_eq!(newest["title"], "Seguimiento pendiente: Llamar a la directora");
    let id = newest["id"].as_i64().unwrap().to_string();
    assert_eq!(call(&c, &app, "notifications/read", &[("id", &id)]).await.0, StatusCode::OK);
    wait_for_unread(&mut stream, before).await;
    assert_eq!(call(&c, &app, "notifications/read-all", &[]).await.0, StatusCode::OK);
    if before > 0 {
        // (Before the digest hour the demo user may have had nothing unread: then 0 is no change.)
        wait_for_unread(&mut stream, 0).await;
    }
    assert_eq!(call(&c, &app, "notifications/list", &[]).await.1["unread"], 0);

    // The manager's admin page shows SMTP configured and the email in the log.
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (status, admin) = call(&m, &app, "admin/email", &[]).await;
    assert_eq!(status, StatusCode::OK, "{admin}");
    assert_eq!(admin["smtp_configured"], true);
    assert!(!admin.to_string().contains("password"), "no secrets in the admin page");
    let log = admin["log"].as_array().unwrap();
    assert!(log.iter().any(|l| l["recipient"] == STAFF && l["status"] == "sent"), "{admin}");
    drop(stream);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_smtp_the_admin_page_says_so_and_only_managers_change_the_reminder_settings() {
    let app = TestApp::spawn().await;
    let m = app.signed_in(MANAGER, DEMO_PASSWORD).await;
    let (status, admin) = call(&m, &app, "admin/email", &[]).await;
    assert_eq!(status, StatusCode::OK, "{admin}");
    assert_eq!(admin["smtp_configured"], false);
    assert_eq!(admin["settings"]["session_lead_hours"], 24);

    let s = app.signed_in(STAFF, DEMO_PASSWORD).await;
    assert_eq!(call(&s, &app, "admin/email", &[]).await.0, StatusCode::FORBIDDEN);
    let bad =
        [("follow_up_hour", "25"), ("session_lead_hours", "dos"), ("workshop_lead_hours", "48"), ("digest_hour", "7")];
    let (status, body) = call(&m, &app, "admin/reminder-settings", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["follow_up_hour", "session_lead_hours"]);
    let (_, unchanged) = call(&m, &app, "admin/email", &[]).await;
    assert_eq!(unchanged["settings"]["workshop_lead_hours"], 24, "nothing half-saved");

    let good =
        [("follow_up_hour", "9"), ("session_lead_hours", "48"), ("workshop_lead_hours", "12"), ("digest_hour", "6")];
    let (status, saved) = call(&m, &app, "admin/reminder-settings", &good).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!((saved["follow_up_hour"].as_i64(), saved["session_lead_hours"].as_i64()), (Some(9), Some(48)));
    assert_eq!(call(&s, &app, "admin/reminder-settings", &good).await.0, StatusCode::FORBIDDEN);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_calendar_client_fetches_a_feed_by_its_secret_address_until_it_is_revoked() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let org = some_organization(&app).await;
    let (status, created) =
        call(&c, &app, "calendar/feeds/create", &[("scope", "organization"), ("scope_id", &org)]).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let path = created["path"].as_str().unwrap().to_string();
    assert!(path.starts_with("/ics/") && path.ends_with(".ics"), "{path}");

    // A calendar app has no session: the token in the address is the key.
    let res = Client::new().get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let body = res.text().await.unwrap();
    let parsed = parse_ics(&body);
    for e in parsed["events"].as_array().unwrap() {
        assert!(e["uid"].as_str().unwrap().ends_with("@aula"), "{e}");
        if !e["tzid"].is_null() {
            assert_eq!(e["tzid"], "Europe/Madrid");
        }
    }

    let (_, listed) = call(&c, &app, "calendar/feeds/list", &[]).await;
    assert!(
        !listed.to_string().contains(path.trim_start_matches("/ics/").trim_end_matches(".ics")),
        "the token is never listed"
    );
    let listed_feed = &listed.as_array().unwrap()[0];
    assert!(!listed_feed["last_used_at"].is_null(), "fetching marks the feed used: {listed_feed}");
    let id = created["feed"]["id"].as_i64().unwrap().to_string();

    // Reception may subscribe to their own calendar only, and not revoke others' feeds.
    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let (status, _) = call(&r, &app, "calendar/feeds/create", &[("scope", "organization"), ("scope_id", &org)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(call(&r, &app, "calendar/feeds/create", &[("scope", "user")]).await.0, StatusCode::OK);
    assert_ne!(call(&r, &app, "calendar/feeds/revoke", &[("id", &id)]).await.0, StatusCode::OK);
    assert_eq!(Client::new().get(app.url(&path)).send().await.unwrap().status(), StatusCode::OK);

    assert_eq!(call(&c, &app, "calendar/feeds/revoke", &[("id", &id)]).await.0, StatusCode::OK);
    assert_eq!(Client::new().get(app.url(&path)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(
        Client::new().get(app.url("/ics/not-a-token.ics")).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_calendar_lists_a_period_and_a_move_is_refused_with_the_clash_or_applied() {
    let app = TestApp::spawn().await;
    let c = app.signed_in(STAFF, DEMO_PASSWORD).await;
    let (status, month) = call(&c, &app, "calendar/events", &[("view", "month")]).await;
    assert_eq!(status, StatusCode::OK, "{month}");
    assert_eq!(month["days"], 42);
    let sessions: Vec<&Value> = month["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "session" && e["movable"] == true && e["cancelled"] == false)
        .collect();
    assert!(!sessions.is_empty(), "the demo centre has sessions this month");

    let (status, body) = call(&c, &app, "calendar/move", &[("kind", "meeting"), ("id", "1"), ("starts_at", "0")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Moving a session onto another session of the same trainer is refused and names the clash.
    let with_trainer: Vec<&&Value> = sessions.iter().filter(|e| !e["trainer_id"].is_null()).collect();
    if let Some(pair) = with_trainer.windows(2).find(|w| w[0]["trainer_id"] == w[1]["trainer_id"]) {
        let target = chrono::DateTime::parse_from_rfc3339(pair[0]["starts_at"].as_str().unwrap()).unwrap().timestamp();
        let id = pair[1]["id"].as_i64().unwrap().to_string();
        let (status, body) =
            call(&c, &app, "calendar/move", &[("kind", "session"), ("id", &id), ("starts_at", &target.to_string())])
                .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["fields"][0]["issue"]["code"], "trainer_busy", "{body}");
    }

    let r = app.signed_in(RECEPTION, DEMO_PASSWORD).await;
    let (status, seen) = call(&r, &app, "calendar/events", &[("view", "week")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(seen["events"].as_array().unwrap().iter().all(|e| e["kind"] != "follow_up" && e["movable"] == false));
    let id = sessions[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        call(&r, &app, "calendar/move", &[("kind", "session"), ("id", &id), ("starts_at", "1900000000")]).await.0,
        StatusCode::FORBIDDEN
    );
    app.shutdown().await;
}
