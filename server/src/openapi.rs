//! The OpenAPI 3.1 document of `/api/v1`, served as it is and checked by the tests against what
//! the server really answers.

/// The document, as served at `/api/v1/openapi.json`.
pub const DOCUMENT: &str = include_str!("openapi.json");
