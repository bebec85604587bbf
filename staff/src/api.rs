//! Every call the workspace makes to `/api/staff/…`. A 401 from any of them hands the counsellor
//! to the sign-in page (see `on_unauthorized`), so screens only handle what they can act on.

use std::cell::RefCell;

use serde::{Serialize, de::DeserializeOwned};
use velferd_frontend::kit::{fetch, text_of};
use velferd_shared::{
    api::Problem,
    staff::{
        Assign, AuditRow, CallbackRow, CallbackStatus, Case, Inbox, NewCallbackEvent, NewCaseEvent,
        SignIn, StaffAccount, StaffMe,
    },
};
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No session, or it ended: the counsellor has been sent to sign in.
    #[error("not signed in")]
    Unauthorized,
    #[error("not allowed for this role")]
    Forbidden,
    /// Also a case of another centre: the server does not say it exists.
    #[error("not found")]
    NotFound,
    /// The request was refused, with the fields at fault.
    #[error("refused: {}", .0.title)]
    Refused(Problem),
    #[error("the server could not be reached")]
    Unreachable,
    #[error("the server failed ({0})")]
    Server(u16),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SignInError {
    /// One answer for a wrong e-mail, password or code, so none of them can be guessed apart.
    #[error("wrong e-mail, password or code")]
    Wrong,
    /// Locked after five failures, or rate-limited; retry after this many seconds.
    #[error("locked; retry after {0} s")]
    Locked(u32),
    #[error(transparent)]
    Other(ApiError),
}

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What to do when a session has ended (the app navigates to the sign-in page).
pub fn on_unauthorized(f: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|cell| *cell.borrow_mut() = Some(Box::new(f)));
}

fn unauthorized() {
    ON_UNAUTHORIZED.with(|cell| {
        if let Some(f) = cell.borrow().as_ref() {
            f();
        }
    });
}

struct Answer {
    status: u16,
    retry_after: Option<u32>,
    text: String,
}

async fn send(method: &str, url: &str, body: Option<String>) -> Result<Answer, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        let headers = web_sys::Headers::new().map_err(|_| ApiError::Unreachable)?;
        let _ = headers.set("content-type", "application/json");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body));
    }
    let response = fetch(url, &init).await.map_err(|_| ApiError::Unreachable)?;
    let retry_after = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok());
    Ok(Answer {
        status: response.status(),
        retry_after,
        text: text_of(&response).await,
    })
}

/// The error an unsuccessful answer stands for; a 401 also ends the workspace's session.
fn failure(answer: &Answer) -> ApiError {
    match answer.status {
        401 => {
            unauthorized();
            ApiError::Unauthorized
        }
        403 => ApiError::Forbidden,
        404 => ApiError::NotFound,
        400..=499 => serde_json::from_str(&answer.text)
            .map(ApiError::Refused)
            .unwrap_or(ApiError::Server(answer.status)),
        status => ApiError::Server(status),
    }
}

async fn get<R: DeserializeOwned>(url: &str) -> Result<R, ApiError> {
    let answer = send("GET", url, None).await?;
    match answer.status {
        200 => serde_json::from_str(&answer.text).map_err(|_| ApiError::Server(200)),
        _ => Err(failure(&answer)),
    }
}

async fn post<T: Serialize>(url: &str, body: &T) -> Result<(), ApiError> {
    let body = serde_json::to_string(body).map_err(|_| ApiError::Server(0))?;
    let answer = send("POST", url, Some(body)).await?;
    match answer.status {
        200..=299 => Ok(()),
        _ => Err(failure(&answer)),
    }
}

/// A query string of the parameters that are set, each percent-encoded.
pub fn query(params: &[(&str, Option<String>)]) -> String {
    let pairs: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| {
            let value = value.as_deref().filter(|v| !v.is_empty())?;
            Some(format!("{name}={}", encode(value)))
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// `POST /api/staff/session`: a 401 here is a wrong answer, not an ended session.
pub async fn sign_in(request: &SignIn) -> Result<(), SignInError> {
    let body =
        serde_json::to_string(request).map_err(|_| SignInError::Other(ApiError::Server(0)))?;
    let answer = send("POST", "/api/staff/session", Some(body))
        .await
        .map_err(SignInError::Other)?;
    match answer.status {
        200..=299 => Ok(()),
        401 => Err(SignInError::Wrong),
        423 | 429 => Err(SignInError::Locked(answer.retry_after.unwrap_or(900))),
        _ => Err(SignInError::Other(failure(&answer))),
    }
}

/// `DELETE /api/staff/session`
pub async fn sign_out() -> Result<(), ApiError> {
    let answer = send("DELETE", "/api/staff/session", None).await?;
    match answer.status {
        200..=299 | 401 => Ok(()),
        _ => Err(failure(&answer)),
    }
}

/// `GET /api/staff/me`, without sending anyone to sign in: the app asks it to learn whether a
/// session exists at all.
pub async fn me() -> Result<StaffMe, ApiError> {
    let answer = send("GET", "/api/staff/me", None).await?;
    match answer.status {
        200 => serde_json::from_str(&answer.text).map_err(|_| ApiError::Server(200)),
        401 => Err(ApiError::Unauthorized),
        _ => Err(failure(&answer)),
    }
}

/// `GET /api/staff/applications?…` with the query from [`query`].
pub async fn inbox(query: &str) -> Result<Inbox, ApiError> {
    get(&format!("/api/staff/applications{query}")).await
}

pub fn case_url(reference: &str) -> String {
    format!("/api/staff/applications/{}", encode(reference))
}

pub fn document_url(reference: &str, id: i64) -> String {
    format!("{}/documents/{id}", case_url(reference))
}

pub async fn case(reference: &str) -> Result<Case, ApiError> {
    get(&case_url(reference)).await
}

pub async fn add_event(reference: &str, event: &NewCaseEvent) -> Result<(), ApiError> {
    post(&format!("{}/events", case_url(reference)), event).await
}

pub async fn assign(reference: &str, assign: Assign) -> Result<(), ApiError> {
    post(&format!("{}/assign", case_url(reference)), &assign).await
}

/// `GET /api/staff/callbacks?status=`
pub async fn callbacks(query: &str) -> Result<Vec<CallbackRow>, ApiError> {
    get(&format!("/api/staff/callbacks{query}")).await
}

pub async fn callback_event(reference: &str, status: CallbackStatus) -> Result<(), ApiError> {
    let url = format!("/api/staff/callbacks/{}/events", encode(reference));
    post(&url, &NewCallbackEvent { status, note: None }).await
}

/// `GET /api/staff/accounts` (admins). Not in the list of routes: assumed from
/// `StaffAccount` in the shared contract.
pub async fn accounts() -> Result<Vec<StaffAccount>, ApiError> {
    get("/api/staff/accounts").await
}

/// `POST /api/staff/accounts` (admins): the new account with its second factor, shown once.
pub async fn create_account(
    account: &velferd_shared::staff::NewStaffAccount,
) -> Result<velferd_shared::staff::CreatedStaffAccount, ApiError> {
    let body = serde_json::to_string(account).map_err(|_| ApiError::Server(0))?;
    let answer = send("POST", "/api/staff/accounts", Some(body)).await?;
    match answer.status {
        201 => serde_json::from_str(&answer.text).map_err(|_| ApiError::Server(201)),
        _ => Err(failure(&answer)),
    }
}

/// `POST /api/staff/accounts/{email}/disable` (admins): also ends its sessions.
pub async fn disable_account(email: &str) -> Result<(), ApiError> {
    post(
        &format!("/api/staff/accounts/{}/disable", encode(email)),
        &serde_json::json!({}),
    )
    .await
}

/// `GET /api/staff/audit?reference=&staff=&from=&to=` (admins).
pub async fn audit(query: &str) -> Result<Vec<AuditRow>, ApiError> {
    get(&format!("/api/staff/audit{query}")).await
}
