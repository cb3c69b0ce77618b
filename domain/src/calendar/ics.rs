//! ICS (RFC 5545) feeds. Events carry stable UIDs (`session-12@aula`), a SEQUENCE that grows
//! with every change, STATUS:CANCELLED when cancelled, and local times with the centre's TZID,
//! whose VTIMEZONE is written from the time zone database's transitions in the feed's range.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use types::FeedScope;

use crate::clock::{now, to_utc};
use crate::{Db, Result};

/// Days of past events a feed keeps.
pub const PAST_DAYS: i64 = 90;
/// Days of future events a feed shows.
pub const FUTURE_DAYS: i64 = 400;

struct Event {
    uid: String,
    sequence: i64,
    summary: String,
    description: String,
    location: String,
    starts_at: i64,
    ends_at: i64,
    cancelled: bool,
    modified: i64,
    url: String,
}

/// The feed of `scope`/`id` named `name`, with links under `base_url`.
pub async fn feed(db: &Db, scope: FeedScope, id: i64, name: &str, tz: Tz, base_url: &str) -> Result<String> {
    let at = now();
    let (from, to) = (at - PAST_DAYS * 86_400, at + FUTURE_DAYS * 86_400);
    let mut events = Vec::new();
    let session_filter = match scope {
        FeedScope::User | FeedScope::Trainer => "s.trainer_id = $3",
        FeedScope::Room => "s.room_id = $3",
        FeedScope::Organization => "(c.organization_id = $3 OR c.end_client_id = $3)",
    };
    type SessionRow = (i64, i64, String, i64, i64, String, String, String, String, Option<String>, Option<String>, i64);
    let rows: Vec<SessionRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.sequence, s.state, s.starts_at, s.ends_at, co.title, o.legal_name, c.file_number, s.address, \
         r.name, u.name, s.updated_at FROM training_sessions s JOIN contracts c ON c.id = s.contract_id \
         JOIN courses co ON co.id = c.course_id JOIN organizations o ON o.id = c.organization_id \
         LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN users u ON u.id = s.trainer_id \
         WHERE s.starts_at IS NOT NULL AND s.ends_at IS NOT NULL AND s.state <> 'proposal' \
         AND s.starts_at < $1 AND s.ends_at > $2 AND {session_filter} ORDER BY s.starts_at, s.id LIMIT 5000"
    ))
    .bind(to)
    .bind(from)
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    for (sid, sequence, state, starts_at, ends_at, course, org, file, address, room, trainer, updated) in rows {
        let location =
            [room.unwrap_or_default(), address].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
        let description = [Some(org.clone()), Some(file), trainer].into_iter().flatten().collect::<Vec<_>>().join("\n");
        events.push(Event {
            uid: format!("session-{sid}@aula"),
            sequence,
            summary: format!("{course} · {org}"),
            description,
            location,
            starts_at,
            ends_at,
            cancelled: state == "cancelled",
            modified: updated,
            url: format!("{base_url}/sessions/{sid}"),
        });
    }
    if scope == FeedScope::User {
        type Row = (i64, i64, String, String, String, i64, i64, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, sequence, title, place, state, starts_at, ends_at, updated_at FROM workshops \
             WHERE state <> 'draft' AND created_by = $1 AND starts_at < $2 AND ends_at > $3 ORDER BY starts_at, id LIMIT 2000",
        )
        .bind(id)
        .bind(to)
        .bind(from)
        .fetch_all(db.pool())
        .await?;
        for (wid, sequence, title, place, state, starts_at, ends_at, updated) in rows {
            events.push(Event {
                uid: format!("workshop-{wid}@aula"),
                sequence,
                summary: title,
                description: String::new(),
                location: place,
                starts_at,
                ends_at,
                cancelled: state == "cancelled",
                modified: updated,
                url: format!("{base_url}/workshops/{wid}"),
            });
        }
    }
    if matches!(scope, FeedScope::User | FeedScope::Organization) {
        let condition =
            if scope == FeedScope::User { "(i.author_id = $3 OR o.owner_id = $3)" } else { "i.organization_id = $3" };
        let rows: Vec<(i64, String, i64, Option<String>, i64, i64)> = sqlx::query_as(&format!(
            "SELECT i.id, i.next_action, i.next_action_at, o.legal_name, i.updated_at, i.created_at FROM interactions i \
             LEFT JOIN organizations o ON o.id = i.organization_id WHERE i.next_action_at IS NOT NULL \
             AND i.next_action_done_at IS NULL AND i.next_action_at < $1 AND i.next_action_at >= $2 AND {condition} \
             ORDER BY i.next_action_at, i.id LIMIT 2000"
        ))
        .bind(to)
        .bind(from)
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        for (iid, action, at, org, updated, created) in rows {
            events.push(Event {
                uid: format!("follow-up-{iid}@aula"),
                // Follow-ups change only by moving: each move updates the row.
                sequence: (updated - created).max(0),
                summary: action,
                description: org.unwrap_or_default(),
                location: String::new(),
                starts_at: at,
                ends_at: at + super::FOLLOW_UP_MINUTES * 60,
                cancelled: false,
                modified: updated,
                url: String::new(),
            });
        }
    }
    Ok(write_calendar(name, &events, tz, at))
}

fn write_calendar(name: &str, events: &[Event], tz: Tz, at: i64) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Aula//Aula CRM//ES");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(&format!("Aula · {name}"))));
    line(&format!("X-WR-TIMEZONE:{}", tz.name()));
    let (lo, hi) = match (events.iter().map(|e| e.starts_at).min(), events.iter().map(|e| e.ends_at).max()) {
        (Some(lo), Some(hi)) => (lo, hi),
        _ => (at, at),
    };
    for l in vtimezone(tz, lo, hi) {
        line(&l);
    }
    let stamp = utc_stamp(at);
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", e.uid));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("LAST-MODIFIED:{}", utc_stamp(e.modified)));
        line(&format!("SEQUENCE:{}", e.sequence));
        line(&format!("DTSTART;TZID={}:{}", tz.name(), local_stamp(e.starts_at, tz)));
        line(&format!("DTEND;TZID={}:{}", tz.name(), local_stamp(e.ends_at, tz)));
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.location.is_empty() {
            line(&format!("LOCATION:{}", escape(&e.location)));
        }
        if !e.url.is_empty() {
            line(&format!("URL:{}", e.url));
        }
        line(if e.cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn utc_stamp(secs: i64) -> String {
    to_utc(secs).format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(secs: i64, tz: Tz) -> String {
    to_utc(secs).with_timezone(&tz).format("%Y%m%dT%H%M%S").to_string()
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a UTF-8 character, ended by CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn offset_secs(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

/// The instants in `[from, to]` where `tz` changes its UTC offset (found hour by hour, then to
/// the second).
fn transitions(tz: Tz, from: i64, to: i64) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut t = from - from.rem_euclid(3600);
    let mut before = offset_secs(tz, to_utc(t));
    while t < to {
        let next = t + 3600;
        let after = offset_secs(tz, to_utc(next));
        if after != before {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if offset_secs(tz, to_utc(mid)) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(to_utc(hi));
            before = after;
        }
        t = next;
    }
    out
}

/// The VTIMEZONE of `tz` covering `[from, to]`: one STANDARD or DAYLIGHT part per transition,
/// plus the one in force at `from`.
fn vtimezone(tz: Tz, from: i64, to: i64) -> Vec<String> {
    let from = from - 366 * 86_400;
    let to = to + 366 * 86_400;
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let part = |at: DateTime<Utc>, offset_from: i32| {
        let off = tz.offset_from_utc_datetime(&at.naive_utc());
        let to_secs = off.fix().local_minus_utc();
        let kind = if off.dst_offset() != Duration::zero() { "DAYLIGHT" } else { "STANDARD" };
        let local: NaiveDateTime = at.naive_utc() + Duration::seconds(i64::from(offset_from));
        let name = off.abbreviation().map(str::to_string).unwrap_or_else(|| format_offset(to_secs));
        vec![
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")),
            format!("TZOFFSETFROM:{}", format_offset(offset_from)),
            format!("TZOFFSETTO:{}", format_offset(to_secs)),
            format!("TZNAME:{name}"),
            format!("END:{kind}"),
        ]
    };
    let start = to_utc(from);
    let first = offset_secs(tz, start);
    lines.extend(part(start, first));
    for t in transitions(tz, from, to) {
        let before = offset_secs(tz, t - Duration::seconds(1));
        lines.extend(part(t, before));
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madrid_changes_offset_twice_a_year_at_one_utc() {
        let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap().timestamp();
        let to = Utc.with_ymd_and_hms(2027, 12, 31, 0, 0, 0).unwrap().timestamp();
        let t = transitions(chrono_tz::Europe::Madrid, from, to);
        assert_eq!(
            t,
            vec![
                Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap()
            ]
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "ñ".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "ñ".repeat(60)));
    }

    #[test]
    fn text_values_escape_commas_semicolons_and_newlines() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
