//! Calls to our own API; the only place the browser sends anything.

use serde::{Serialize, de::DeserializeOwned};
use velferd_shared::{
    api::{ApplicationReceipt, ApplicationRequest, IDEMPOTENCY_KEY_HEADER, Problem},
    follow::{ApplicationStatus, CallbackReceipt, CallbackRequest, DocumentReceipt},
    partner::{PartnerInvitation, PartnerReceipt, ReminderSent},
};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

use crate::json;

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

/// `POST /api/applications` with the body exactly as first sent. The same `key` and bytes for
/// every retry of one submission, so the server stores it once and answers each retry with the
/// same receipt.
pub async fn submit_application(key: &str, body: &str) -> Result<ApplicationReceipt, SubmitError> {
    post_body("/api/applications", Some(key), body).await
}

/// `POST /api/partner/{token}`: the link makes a retry recognisable, with the same bytes.
pub async fn submit_partner_part(token: &str, body: &str) -> Result<PartnerReceipt, SubmitError> {
    post_body(&format!("/api/partner/{token}"), None, body).await
}

/// `POST /api/applications/{token}/partner-reminder`
pub async fn send_partner_reminder(token: &str) -> Result<ReminderSent, SubmitError> {
    post_body(
        &format!("/api/applications/{token}/partner-reminder"),
        None,
        "{}",
    )
    .await
}

/// The JSON of an application, as it is queued and sent.
pub fn application_body(request: &ApplicationRequest) -> String {
    json::to_string(request).unwrap_or_default()
}

/// `POST /api/callbacks`, idempotent in the same way.
pub async fn request_callback(
    key: &str,
    request: &CallbackRequest,
) -> Result<CallbackReceipt, SubmitError> {
    post_json("/api/callbacks", key, request).await
}

async fn post_json<T: Serialize, R: DeserializeOwned>(
    url: &str,
    key: &str,
    body: &T,
) -> Result<R, SubmitError> {
    let body = json::to_string(body).ok_or(SubmitError::Server(0))?;
    post_body(url, Some(key), &body).await
}

async fn post_body<R: DeserializeOwned>(
    url: &str,
    key: Option<&str>,
    body: &str,
) -> Result<R, SubmitError> {
    let headers = web_sys::Headers::new().map_err(|_| SubmitError::Unreachable)?;
    let _ = headers.set("content-type", "application/json");
    if let Some(key) = key {
        let _ = headers.set(IDEMPOTENCY_KEY_HEADER, key);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let response = fetch(url, &init).await?;
    let status = response.status();
    let text = text_of(&response).await;
    match status {
        200..=202 => json::from_str(&text).ok_or(SubmitError::Server(status)),
        429 => Err(SubmitError::RateLimited(
            response
                .headers()
                .get("retry-after")
                .ok()
                .flatten()
                .and_then(|s| s.parse().ok())
                .unwrap_or(60),
        )),
        400..=499 => Err(json::from_str(&text)
            .map(SubmitError::Refused)
            .unwrap_or(SubmitError::Server(status))),
        _ => Err(SubmitError::Server(status)),
    }
}

pub async fn text_of(response: &web_sys::Response) -> String {
    match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    /// Unknown, wrong or malformed link: the server cannot tell them apart, nor can we.
    #[error("no application has this link")]
    NotFound,
    #[error("the server could not be reached")]
    Unreachable,
}

/// `GET /api/applications/{token}`
pub async fn application_status(token: &str) -> Result<ApplicationStatus, StatusError> {
    get_private(&format!("/api/applications/{token}")).await
}

/// `GET /api/partner/{token}`
pub async fn partner_invitation(token: &str) -> Result<PartnerInvitation, StatusError> {
    get_private(&format!("/api/partner/{token}")).await
}

/// What a private link opens: 404 when it opens nothing.
async fn get_private<R: DeserializeOwned>(url: &str) -> Result<R, StatusError> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let response = fetch(url, &init)
        .await
        .map_err(|_| StatusError::Unreachable)?;
    match response.status() {
        200 => json::from_str(&text_of(&response).await).ok_or(StatusError::Unreachable),
        404 => Err(StatusError::NotFound),
        _ => Err(StatusError::Unreachable),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("the file is over 10 MB")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or PDF")]
    WrongType,
    /// The application has as many documents as can be sent online.
    #[error("the application has all the documents it can take online")]
    LimitReached,
    #[error("the upload did not get through")]
    Failed,
    /// No answer at all: offline, or the server is down. The file waits on the device.
    #[error("the server could not be reached")]
    Unreachable,
}

/// A document the server has: stored now, or already stored before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uploaded {
    New(DocumentReceipt),
    AlreadyReceived(DocumentReceipt),
}

/// `POST /api/applications/{token}/documents` with the bytes as the body. XMLHttpRequest rather
/// than fetch, because only it reports upload progress (0.0 to 1.0 to `progress`).
pub async fn upload_document(
    token: &str,
    blob: &web_sys::Blob,
    progress: impl Fn(f64) + 'static,
) -> Result<Uploaded, UploadError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| UploadError::Failed)?;
    xhr.open_with_async(
        "POST",
        &format!("/api/applications/{token}/documents"),
        true,
    )
    .map_err(|_| UploadError::Failed)?;
    let _ = xhr.set_request_header("content-type", &blob.type_());
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                progress(event.loaded() / event.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // Settles when the request ends either way; the status tells which.
    let done = js_sys::Promise::new(&mut |resolve, _| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(blob))
        .map_err(|_| UploadError::Unreachable)?;
    let _ = JsFuture::from(done).await;
    drop(on_progress);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    let receipt = |text: &str| json::from_str(text).ok_or(UploadError::Failed);
    match xhr.status().unwrap_or(0) {
        201 => Ok(Uploaded::New(receipt(&text)?)),
        // The same file was already stored (a retry after a lost answer, or sent twice).
        200 => Ok(Uploaded::AlreadyReceived(receipt(&text)?)),
        413 => Err(UploadError::TooLarge),
        415 => Err(UploadError::WrongType),
        409 => Err(UploadError::LimitReached),
        0 => Err(UploadError::Unreachable),
        _ => Err(UploadError::Failed),
    }
}

pub async fn fetch(
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<web_sys::Response, SubmitError> {
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
