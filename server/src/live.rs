//! Routes outside the Leptos app that browsers and calendar clients keep coming back to: the
//! live notification stream (server-sent events) and the ICS feeds.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use types::UserId;

use crate::edge::{Caller, HttpResult};
use crate::AxumState;

/// How often a stream re-reads the count when nothing woke it (notifications written by another
/// server instance).
const POLL: Duration = Duration::from_secs(15);

/// `GET /api/notifications/stream`: the signed-in user's unread count, as an `unread` event now
/// and whenever it changes. Browsers reconnect by themselves when it ends.
pub async fn notification_stream(State(state): State<AxumState>, caller: Caller) -> Response {
    sse(unread_events(state, caller.user.id))
}

/// An event stream that no cache or proxy holds back, with a keep-alive every 20 s.
pub fn sse(events: impl Stream<Item = Result<Event, Infallible>> + Send + 'static) -> Response {
    let mut res = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    res
}

struct StreamState {
    state: AxumState,
    user: UserId,
    wake: tokio::sync::broadcast::Receiver<i64>,
    last: Option<i64>,
    stop: tokio::sync::watch::Receiver<bool>,
}

fn unread_events(state: AxumState, user: UserId) -> impl Stream<Item = Result<Event, Infallible>> {
    let wake = state.app.hub.subscribe();
    let stop = state.stop.clone();
    stream::unfold(StreamState { state, user, wake, last: None, stop }, |mut s| async move {
        loop {
            if s.last.is_some() {
                let deadline = tokio::time::sleep(POLL);
                tokio::pin!(deadline);
                loop {
                    tokio::select! {
                        _ = &mut deadline => break,
                        _ = s.stop.changed() => return None,
                        got = s.wake.recv() => match got {
                            Ok(u) if u == s.user.0 => break,
                            Ok(_) => continue,
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => break,
                            Err(_) => return None,
                        },
                    }
                }
            }
            if *s.stop.borrow() {
                return None;
            }
            match domain::notifications::unread_count(&s.state.app.db, s.user).await {
                Ok(n) if Some(n) != s.last => {
                    s.last = Some(n);
                    let event = Event::default().event("unread").data(n.to_string());
                    return Some((Ok(event), s));
                }
                Ok(_) => {}
                Err(e) => {
                    e.log();
                    s.last = s.last.or(Some(-1));
                }
            }
        }
    })
}

/// `GET /ics/{token}.ics`: a calendar feed. Unknown and revoked tokens get 404.
pub async fn ics_feed(State(state): State<AxumState>, Path(file): Path<String>) -> HttpResult {
    let Some(token) = file.strip_suffix(".ics") else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let tz = types::fmt::time_zone(&state.app.time_zone);
    let found = domain::calendar::feeds::feed_for_token(&state.app.db, token).await?;
    let Some((scope, id, name)) = found else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let body = domain::calendar::ics::feed(&state.app.db, scope, id, &name, tz, &state.app.base_url).await?;
    let headers =
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")];
    Ok((headers, body).into_response())
}

/// `GET /api/pipeline/stream`: a `changed` event whenever a card is created, edited or moved on
/// this server, so open boards reload. Needs `pipeline.view`.
pub async fn pipeline_stream(State(state): State<AxumState>, caller: Caller) -> HttpResult {
    caller.require(types::Module::Pipeline, types::Action::View)?;
    let wake = state.app.hub.subscribe();
    let stop = state.stop.clone();
    let events = stream::unfold((wake, stop, 0u64), |(mut wake, mut stop, n)| async move {
        loop {
            tokio::select! {
                _ = stop.changed() => return None,
                got = wake.recv() => match got {
                    Ok(domain::notifications::PIPELINE) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        let event = Event::default().event("changed").data((n + 1).to_string());
                        return Some((Ok::<_, Infallible>(event), (wake, stop, n + 1)));
                    }
                    Ok(_) => continue,
                    Err(_) => return None,
                },
            }
        }
    });
    Ok(sse(events))
}
