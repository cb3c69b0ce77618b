//! Operations endpoints: liveness, readiness and Prometheus metrics, plus the middleware that
//! counts and times every request.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::AxumState;

/// The process-wide metrics recorder (installed once, shared by every router in the process).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0],
                )
                .expect("valid buckets")
                .build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first; then ours just stays empty.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Counts and times each request by method, route and status.
pub async fn track_requests(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = match req.extensions().get::<MatchedPath>() {
        Some(p) => p.as_str().to_string(),
        None if req.uri().path().starts_with("/pkg/") => "/pkg/*".into(),
        None => "unmatched".into(),
    };
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("path", path), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}

/// The process is up.
pub async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
}

/// The process can serve: the database answers.
pub async fn readyz(State(state): State<AxumState>) -> Response {
    match state.app.db.ping().await {
        Ok(()) => {
            Json(serde_json::json!({ "status": "ready", "database": state.app.db.backend().name() })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "unavailable" }))).into_response()
        }
    }
}

/// Prometheus text format. With `AULA_METRICS_TOKEN` set, for a request bearing that token (401
/// otherwise); without one, only for a request from this machine itself (403 otherwise).
pub async fn metrics(
    State(state): State<AxumState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let token = &state.settings.metrics_token;
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !token.is_empty() {
        if !given.is_some_and(|g| same_secret(g, token)) {
            return crate::edge::HttpError(types::ApiError::unauthorized()).into_response();
        }
    } else if !is_local(peer, &headers, &state.proxies) {
        return crate::edge::HttpError(types::ApiError::forbidden()).into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], metrics_handle().render()).into_response()
}

/// Whether a request comes from this machine itself: a loopback client that no proxy forwarded
/// (a reverse proxy on the same host would otherwise make every visitor look local).
fn is_local(peer: SocketAddr, headers: &HeaderMap, proxies: &[crate::client::IpRange]) -> bool {
    let forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"].iter().any(|h| headers.contains_key(*h));
    crate::client::client_ip(peer, headers, proxies).is_loopback() && !forwarded
}

/// Compares two secrets in time that does not depend on where they differ (their digests, so
/// not on their lengths either).
pub fn same_secret(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_equal_only_when_equal() {
        assert!(same_secret("s3cret", "s3cret"));
        for other in ["s3cre", "s3cret!", "S3cret", ""] {
            assert!(!same_secret(other, "s3cret"), "{other}");
        }
    }
}
