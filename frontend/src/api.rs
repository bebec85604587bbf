//! Calls to our own API; the only place the browser sends anything.

use velferd_shared::api::{
    ApplicationReceipt, ApplicationRequest, IDEMPOTENCY_KEY_HEADER, Problem,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SubmitError {
    /// No answer at all: offline, or the server is down. Worth retrying with the same key.
    #[error("the server could not be reached")]
    Unreachable,
    /// The server is there but failed or is busy (5xx). Worth retrying with the same key.
    #[error("the server failed ({0})")]
    Server(u16),
    #[error("too many submissions; retry after {0} s")]
    RateLimited(u32),
    /// The answers were refused: retrying the same body cannot help.
    #[error("the application was refused")]
    Refused(Problem),
}

/// `POST /api/applications`. The same `key` for every retry of one submission, so the server
/// stores it once and answers each retry with the same receipt.
pub async fn submit_application(
    key: &str,
    request: &ApplicationRequest,
) -> Result<ApplicationReceipt, SubmitError> {
    let body = serde_json::to_string(request).map_err(|_| SubmitError::Server(0))?;
    let headers = web_sys::Headers::new().map_err(|_| SubmitError::Unreachable)?;
    let _ = headers.set("content-type", "application/json");
    let _ = headers.set(IDEMPOTENCY_KEY_HEADER, key);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let response = fetch("/api/applications", &init).await?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    match status {
        200 | 201 => serde_json::from_str(&text).map_err(|_| SubmitError::Server(status)),
        429 => Err(SubmitError::RateLimited(
            response
                .headers()
                .get("retry-after")
                .ok()
                .flatten()
                .and_then(|s| s.parse().ok())
                .unwrap_or(60),
        )),
        400..=499 => Err(serde_json::from_str(&text)
            .map(SubmitError::Refused)
            .unwrap_or(SubmitError::Server(status))),
        _ => Err(SubmitError::Server(status)),
    }
}

async fn fetch(url: &str, init: &web_sys::RequestInit) -> Result<web_sys::Response, SubmitError> {
    let promise = leptos::prelude::window().fetch_with_str_and_init(url, init);
    JsFuture::from(promise)
        .await
        .map_err(|_| SubmitError::Unreachable)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| SubmitError::Unreachable)
}

/// A fresh idempotency key: a random UUID (122 random bits) from the browser's CSPRNG.
pub fn new_idempotency_key() -> String {
    leptos::prelude::window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| format!("fallback-{}", js_sys::Math::random().to_bits()))
}
