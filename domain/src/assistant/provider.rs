//! The model behind the assistant: any OpenAI-compatible chat-completions endpoint (Ollama,
//! llama.cpp's server, vLLM, OpenAI), asked with `stream: true`. Tokens are handed over as they
//! arrive; a slow first token, a stalled stream, an error status or a malformed stream end the
//! call with a [`ProviderError`], and the caller falls back to the built-in assistant.
//!
//! The API key is a secret: it is sent only in the `Authorization` header, never logged, never
//! serialized (this type's `Debug` hides it).

use std::time::Duration;

use futures::StreamExt;
use serde::Serialize;
use tokio::time::timeout;

/// Where the model is and how long to wait for it.
#[derive(Clone, Default)]
pub struct ProviderConfig {
    /// e.g. `http://127.0.0.1:11434/v1`; `/chat/completions` is appended.
    pub base_url: String,
    pub model: String,
    pub api_key: String,
    /// The longest wait for the first token, and then between two chunks.
    pub timeout: Duration,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("api_key", &if self.api_key.is_empty() { "" } else { "[hidden]" })
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ProviderConfig {
    /// Whether a model is set at all.
    pub fn is_configured(&self) -> bool {
        !self.base_url.trim().is_empty() && !self.model.trim().is_empty()
    }

    fn url(&self) -> String {
        format!("{}/chat/completions", self.base_url.trim().trim_end_matches('/'))
    }
}

/// The configured model with the HTTP client that talks to it (one per server, shared).
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub config: ProviderConfig,
    pub client: reqwest::Client,
}

impl Model {
    pub fn new(config: ProviderConfig) -> Model {
        let client = reqwest::Client::builder().connect_timeout(Duration::from_secs(5)).build().unwrap_or_default();
        Model { config, client }
    }
}

/// Why the model gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("no model configured")]
    NotConfigured,
    #[error("the model did not answer in time")]
    Timeout,
    #[error("the model endpoint answered {0}")]
    Status(u16),
    #[error("the model's stream could not be read: {0}")]
    Malformed(String),
    #[error("the model endpoint could not be reached: {0}")]
    Unreachable(String),
}

/// One message of the conversation sent to the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChatMessage {
    pub role: &'static str,
    pub content: String,
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: &'a [ChatMessage],
    stream: bool,
    temperature: f32,
    max_tokens: u32,
}

fn request<'a>(config: &'a ProviderConfig, messages: &'a [ChatMessage]) -> Request<'a> {
    Request { model: &config.model, messages, stream: true, temperature: 0.2, max_tokens: 600 }
}

/// The JSON body sent to the endpoint for `messages`, exactly as sent (for the admin page; the
/// key travels in the `Authorization` header, not here).
pub fn request_body(config: &ProviderConfig, messages: &[ChatMessage]) -> String {
    serde_json::to_string_pretty(&request(config, messages)).unwrap_or_default()
}

/// The endpoint address, for the admin page.
pub fn endpoint(config: &ProviderConfig) -> String {
    if config.is_configured() {
        config.url()
    } else {
        String::new()
    }
}

/// Whether the endpoint answers: `GET {base}/models` within the timeout (five seconds at most). `Ok(n)` is the number
/// of models it lists; an error says why not.
pub async fn check_reachable(client: &reqwest::Client, config: &ProviderConfig) -> Result<usize, ProviderError> {
    if !config.is_configured() {
        return Err(ProviderError::NotConfigured);
    }
    // A page waits on this: at most five seconds, whatever the answer timeout.
    let wait =
        if config.timeout.is_zero() { Duration::from_secs(5) } else { config.timeout.min(Duration::from_secs(5)) };
    let res =
        send(client.get(format!("{}/models", config.base_url.trim().trim_end_matches('/'))), config, wait).await?;
    let v: serde_json::Value = match timeout(wait, res.json()).await {
        Ok(Ok(v)) => v,
        _ => return Err(ProviderError::Malformed("the model list is not JSON".into())),
    };
    Ok(v.get("data").and_then(|d| d.as_array()).map(|a| a.len()).unwrap_or(0))
}

/// Sends `req` with the key (if any) and waits at most `wait` for the response's head; an error
/// status is an error.
async fn send(
    mut req: reqwest::RequestBuilder,
    config: &ProviderConfig,
    wait: Duration,
) -> Result<reqwest::Response, ProviderError> {
    if !config.api_key.is_empty() {
        req = req.bearer_auth(&config.api_key);
    }
    let res = match timeout(wait, req.send()).await {
        Err(_) => return Err(ProviderError::Timeout),
        Ok(Err(e)) if e.is_timeout() => return Err(ProviderError::Timeout),
        Ok(Err(e)) => return Err(ProviderError::Unreachable(without_url(&e))),
        Ok(Ok(r)) => r,
    };
    if !res.status().is_success() {
        return Err(ProviderError::Status(res.status().as_u16()));
    }
    Ok(res)
}

/// Asks the model and hands each piece of text to `on_token` as it streams in; returns the
/// whole answer. Stops early, with what it has, when `on_token` returns `false` (the user
/// stopped the reply).
pub async fn stream_chat(
    client: &reqwest::Client,
    config: &ProviderConfig,
    messages: &[ChatMessage],
    mut on_token: impl FnMut(&str) -> bool,
) -> Result<String, ProviderError> {
    if !config.is_configured() {
        return Err(ProviderError::NotConfigured);
    }
    let wait = if config.timeout.is_zero() { Duration::from_secs(30) } else { config.timeout };
    let res = send(client.post(config.url()).json(&request(config, messages)), config, wait).await?;
    let mut body = res.bytes_stream();
    let mut buffer: Vec<u8> = Vec::new();
    let mut answer = String::new();
    loop {
        let chunk = match timeout(wait, body.next()).await {
            Err(_) => return Err(ProviderError::Timeout),
            Ok(None) => break,
            Ok(Some(Err(e))) => return Err(ProviderError::Malformed(without_url(&e))),
            Ok(Some(Ok(c))) => c,
        };
        buffer.extend_from_slice(&chunk);
        // Server-sent events: one `data: …` line per event, events end at a blank line.
        while let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            let line = String::from_utf8(line).map_err(|_| ProviderError::Malformed("not UTF-8".into()))?;
            let line = line.trim();
            let Some(data) = line.strip_prefix("data:") else { continue };
            let data = data.trim();
            if data == "[DONE]" {
                return finish(answer);
            }
            let piece = delta(data)?;
            if !piece.is_empty() {
                answer.push_str(&piece);
                if !on_token(&piece) {
                    return Ok(answer);
                }
            }
        }
    }
    finish(answer)
}

fn finish(answer: String) -> Result<String, ProviderError> {
    if answer.trim().is_empty() {
        Err(ProviderError::Malformed("empty answer".into()))
    } else {
        Ok(answer)
    }
}

/// The text of one streamed chunk: `choices[0].delta.content` (absent in role-only chunks).
fn delta(data: &str) -> Result<String, ProviderError> {
    let v: serde_json::Value =
        serde_json::from_str(data).map_err(|_| ProviderError::Malformed("a chunk is not JSON".into()))?;
    if let Some(e) = v.get("error") {
        return Err(ProviderError::Malformed(format!("error in stream: {}", e.get("message").unwrap_or(e))));
    }
    let choice = v
        .get("choices")
        .and_then(|c| c.get(0))
        .ok_or_else(|| ProviderError::Malformed("a chunk has no choices".into()))?;
    Ok(choice.get("delta").and_then(|d| d.get("content")).and_then(|c| c.as_str()).unwrap_or_default().to_string())
}

/// A reqwest error's text without the URL (which may carry credentials).
fn without_url(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    if let Some(url) = e.url() {
        s = s.replace(url.as_str(), "[endpoint]");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_key_never_shows_in_debug_output() {
        let c = ProviderConfig { api_key: "sk-secret".into(), ..Default::default() };
        assert!(!format!("{c:?}").contains("sk-secret"));
    }

    #[test]
    fn a_chunk_gives_its_delta_and_a_role_only_chunk_gives_nothing() {
        assert_eq!(delta(r#"{"choices":[{"delta":{"content":"Hola"}}]}"#), Ok("Hola".into()));
        assert_eq!(delta(r#"{"choices":[{"delta":{"role":"assistant"}}]}"#), Ok(String::new()));
        assert!(delta("{not json").is_err());
        assert!(delta(r#"{"error":{"message":"overloaded"}}"#).is_err());
    }
}
