//! The built site's static files (`pkg/`, icons, the manifest, the service worker). A file the
//! build precompressed (`.br`, `.gz`, release builds) is sent as it is; the others are compressed
//! on the fly. Files whose names carry a content hash are cached for a year (`immutable`): a new
//! release has new names, so browsers pick it up at once. Everything else is revalidated.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// `Cache-Control` of a file whose name carries its content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of every other static file: use it only after asking whether it changed.
pub const REVALIDATE: &str = "no-cache";

/// The build's list of content hashes (`hash.txt`): in the site root, where the scripts put it,
/// else beside this executable, where `cargo leptos` writes it. `None` when the build did not
/// hash file names.
pub fn hash_file(site_root: &str) -> Option<PathBuf> {
    let in_site = std::path::absolute(Path::new(site_root).join("hash.txt")).ok()?;
    if in_site.is_file() {
        return Some(in_site);
    }
    let beside = std::env::current_exe().ok()?.parent()?.join("hash.txt");
    beside.is_file().then_some(beside)
}

/// Whether the last part of `path` is a file name with a content hash, as the build writes them:
/// `aula.<22 characters of URL-safe base64>.wasm`, or `__wasm_split.<hash>.js`.
pub fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.');
    parts.next();
    let parts: Vec<&str> = parts.collect();
    parts.len() >= 2
        && parts[..parts.len() - 1]
            .iter()
            .any(|p| p.len() == 22 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// The site's static file at `uri` (as asked for by `method` with `headers`), with its caching
/// header; `None` when there is none (the app then answers with its "not found" page).
pub async fn static_file(site_root: &str, method: &Method, uri: &Uri, headers: &HeaderMap) -> Option<Response> {
    if !matches!(*method, Method::GET | Method::HEAD) {
        return None;
    }
    let mut probe = Request::new(Body::empty());
    *probe.method_mut() = method.clone();
    *probe.uri_mut() = uri.clone();
    *probe.headers_mut() = headers.clone();
    let dir = ServeDir::new(site_root).precompressed_br().precompressed_gzip().append_index_html_on_directories(false);
    let res = match dir.oneshot(probe).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    if res.status() == StatusCode::NOT_FOUND {
        return None;
    }
    let mut res = res.into_response();
    let hashed = uri.path().starts_with("/pkg/") && has_content_hash(uri.path());
    let cache = if hashed { IMMUTABLE } else { REVALIDATE };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Some(res)
}

#[cfg(test)]
mod tests {
    use super::has_content_hash;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        assert!(has_content_hash("/pkg/aula.Xw3_kq9Zr-PLmN0aBcDeFg.wasm"));
        assert!(has_content_hash("/pkg/__wasm_split.Xw3_kq9Zr-PLmN0aBcDeFg.js"));
        assert!(has_content_hash("/pkg/client_hub_view_123.Xw3_kq9Zr-PLmN0aBcDeFg.wasm"));
        assert!(!has_content_hash("/pkg/aula.wasm"));
        assert!(!has_content_hash("/pkg/aula.css"));
        assert!(!has_content_hash("/pkg/Xw3_kq9Zr-PLmN0aBcDeFg"));
        assert!(!has_content_hash("/pkg/aula.Xw3_kq9Zr-PLmN0aBcDeF.wasm"));
        assert!(!has_content_hash("/sw.js"));
    }
}
