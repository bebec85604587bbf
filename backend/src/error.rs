//! One error type for the API, answered as RFC 9457 problem+json. Client mistakes get a 4xx with
//! a stable `type` the UI translates; nothing a client sends can produce a 500.

use axum::{
    Json,
    body::Bytes,
    extract::{FromRequest, Request},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;
use velferd_shared::{
    ProblemCode,
    api::{FieldError, PROBLEM_CONTENT_TYPE, Problem},
};

/// Bodies larger than this are refused with 413 before they are parsed.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such API resource")]
    NotFound,
    #[error("this method is not allowed on this API resource")]
    MethodNotAllowed,
    #[error("the request body is not valid JSON: {0}")]
    MalformedBody(String),
    #[error("the request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("the request body is larger than {JSON_BODY_LIMIT} bytes")]
    PayloadTooLarge,
    #[error("some answers are not valid")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    IdempotencyKey(&'static str),
    #[error("this Idempotency-Key was already used for a different application")]
    IdempotencyConflict,
    #[error("the partner's part was already sent with other answers; call 411 1111 to change it")]
    PartnerPartAlreadySent,
    #[error("the partner's part has arrived: there is nothing to remind them of")]
    PartnerPartReceived,
    #[error("the invitation was sent again as often as it can be; call 411 1111 for help")]
    NoMoreReminders,
    #[error("too many requests from this client; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error("a document may be at most 10 MB")]
    DocumentTooLarge,
    #[error("only JPEG and PNG photos and PDF files are accepted")]
    UnsupportedDocument,
    #[error("this application has as many documents as can be sent online (20 files, 50 MB)")]
    DocumentLimitReached,
    #[error("sign in to continue")]
    Unauthorized,
    #[error("the e-mail, password or code is not right")]
    SignInRefused,
    #[error("too many failed sign-ins: this account is locked; try again in {retry_after} seconds")]
    Locked { retry_after: u64 },
    #[error("your role does not allow this")]
    Forbidden,
    #[error("this request did not come from this site's own pages")]
    CrossOrigin,
    #[error("internal error")]
    Internal,
    #[error("the service is busy; try again shortly")]
    Unavailable,
    #[error("the request took too long to arrive; send it again")]
    RequestTimeout,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::MalformedBody(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::IdempotencyKey(_) => StatusCode::BAD_REQUEST,
            ApiError::IdempotencyConflict
            | ApiError::PartnerPartAlreadySent
            | ApiError::PartnerPartReceived
            | ApiError::NoMoreReminders => StatusCode::CONFLICT,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::DocumentTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedDocument => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::DocumentLimitReached => StatusCode::CONFLICT,
            ApiError::Unauthorized | ApiError::SignInRefused => StatusCode::UNAUTHORIZED,
            ApiError::Locked { .. } => StatusCode::LOCKED,
            ApiError::Forbidden | ApiError::CrossOrigin => StatusCode::FORBIDDEN,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        }
    }

    /// A stable identifier of the kind of problem, relative to our own site.
    fn kind(&self) -> &'static str {
        match self {
            ApiError::NotFound => "/problems/not-found",
            ApiError::MethodNotAllowed => "/problems/method-not-allowed",
            ApiError::MalformedBody(_) => "/problems/malformed-body",
            ApiError::UnsupportedMediaType => "/problems/unsupported-media-type",
            ApiError::PayloadTooLarge => "/problems/payload-too-large",
            ApiError::Invalid(_) => "/problems/invalid-answers",
            ApiError::IdempotencyKey(_) => "/problems/idempotency-key",
            ApiError::IdempotencyConflict => "/problems/idempotency-conflict",
            ApiError::PartnerPartAlreadySent => "/problems/partner-part-already-sent",
            ApiError::PartnerPartReceived => "/problems/partner-part-received",
            ApiError::NoMoreReminders => "/problems/no-more-reminders",
            ApiError::TooManyRequests { .. } => "/problems/too-many-requests",
            ApiError::DocumentTooLarge => "/problems/document-too-large",
            ApiError::UnsupportedDocument => "/problems/unsupported-document",
            ApiError::DocumentLimitReached => "/problems/document-limit-reached",
            ApiError::Unauthorized => "/problems/unauthorized",
            ApiError::SignInRefused => "/problems/sign-in-refused",
            ApiError::Locked { .. } => "/problems/locked",
            ApiError::Forbidden => "/problems/forbidden",
            ApiError::CrossOrigin => "/problems/cross-origin",
            ApiError::Internal => "/problems/internal",
            ApiError::Unavailable => "/problems/unavailable",
            ApiError::RequestTimeout => "/problems/request-timeout",
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        Problem {
            kind: self.kind().to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: Some(self.to_string()),
            errors: match self {
                ApiError::Invalid(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ApiError {
    /// A database failure: 503 with `Retry-After` when it is the database's state right now
    /// (busy, locked, full, unreachable, shutting down: worth retrying, and nothing was
    /// acknowledged), 500 for a fault in our own query. sqlx errors name tables and
    /// constraints, never values: safe to log.
    pub fn database(error: sqlx::Error) -> ApiError {
        tracing::error!(%error, "a database query failed");
        if is_transient(&error) {
            ApiError::Unavailable
        } else {
            ApiError::Internal
        }
    }

    /// A 422 from `shared`'s validation problems, given as (JSON pointer, code), each with its
    /// message in the resident's language so a client without our UI still gets a clear one.
    pub fn invalid_fields(
        language: velferd_shared::Language,
        problems: impl IntoIterator<Item = (String, ProblemCode)>,
    ) -> ApiError {
        ApiError::Invalid(
            problems
                .into_iter()
                .map(|(pointer, code)| field_error(language, pointer, code))
                .collect(),
        )
    }
}

/// Seconds a client is asked to wait when the service is busy.
pub const UNAVAILABLE_RETRY_AFTER: u64 = 5;

fn is_transient(error: &sqlx::Error) -> bool {
    use sqlx::Error;
    match error {
        Error::PoolTimedOut | Error::PoolClosed | Error::Io(_) | Error::WorkerCrashed => true,
        Error::Database(error) => error.code().is_some_and(|code| transient_code(&code)),
        _ => false,
    }
}

/// PostgreSQL's SQLSTATE (five characters) or SQLite's result code (a number whose low byte
/// is the primary code).
fn transient_code(code: &str) -> bool {
    if code.len() == 5 {
        // Connection, transaction rollback (serialization, deadlock), insufficient resources
        // (disk full, out of memory, too many connections), operator intervention (shutdown),
        // system error (I/O).
        // And a lock not granted within lock_timeout.
        return ["08", "40", "53", "57", "58"].contains(&&code[..2]) || code == "55P03";
    }
    const BUSY: u32 = 5;
    const LOCKED: u32 = 6;
    const NOMEM: u32 = 7;
    const IOERR: u32 = 10;
    const FULL: u32 = 13;
    const CANTOPEN: u32 = 14;
    code.parse::<u32>()
        .is_ok_and(|code| [BUSY, LOCKED, NOMEM, IOERR, FULL, CANTOPEN].contains(&(code & 0xff)))
}

/// One field's problem: its stable code and the message the browser shows for it.
fn field_error(
    language: velferd_shared::Language,
    pointer: String,
    code: ProblemCode,
) -> FieldError {
    FieldError {
        pointer,
        code: code.key().to_owned(),
        detail: crate::translations::text(language, &code.message_key()),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = problem_response(&self.problem());
        let retry_after = match self {
            ApiError::TooManyRequests { retry_after } | ApiError::Locked { retry_after } => {
                Some(retry_after)
            }
            ApiError::Unavailable => Some(UNAVAILABLE_RETRY_AFTER),
            _ => None,
        };
        if let Some(retry_after) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
        }
        response
    }
}

pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(problem)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
    );
    response
}

/// A JSON body, parsed into domain types: a body that is not JSON is a 400, JSON that does not
/// fit (a bad kennitala, an unknown field, a negative amount) is a 422 naming the field, the
/// wrong content type is a 415 and a body over the limit a 413.
pub struct ValidJson<T>(pub T);

impl<S, T> FromRequest<S> for ValidJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        require_json(req.headers())?;
        let bytes = body_bytes(Bytes::from_request(req, state).await)?;
        parse_json(&bytes).map(ValidJson)
    }
}

/// 415 unless the body is declared as JSON.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json")
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        });
    if is_json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

/// The body's bytes: 413 over the limit, 400 when it could not be read.
pub fn body_bytes(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::MalformedBody(rejection.body_text())
        }
    })
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Every body we take is an object; serde would also fill a struct from an array.
    if bytes.trim_ascii_start().first() == Some(&b'[') {
        return Err(ApiError::MalformedBody(
            "the body must be a JSON object, not an array".to_owned(),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = json_pointer(error.path());
        let inner = error.into_inner();
        match inner.classify() {
            // A bounded value (an age over 120) says which problem it is in its message.
            serde_json::error::Category::Data => {
                let message = strip_position(&inner.to_string());
                ApiError::Invalid(vec![match ProblemCode::from_key(&message) {
                    Some(code) => field_error(velferd_shared::Language::En, pointer, code),
                    None => FieldError {
                        pointer,
                        code: ProblemCode::InvalidValue.key().to_owned(),
                        detail: message,
                    },
                }])
            }
            _ => ApiError::MalformedBody(inner.to_string()),
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::MalformedBody(e.to_string()))?;
    Ok(value)
}

/// serde_json appends " at line 1 column 42" to messages: useless beside a field path.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// RFC 6901 pointer of a serde path, e.g. `/answers/children/0/age`.
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => pointer.push_str(variant),
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::transient_code;

    #[test]
    fn a_busy_locked_or_full_database_is_worth_retrying_and_a_broken_query_is_not() {
        // SQLite: BUSY, BUSY_SNAPSHOT (517), LOCKED, FULL, IOERR_WRITE (778).
        for code in ["5", "517", "6", "13", "778"] {
            assert!(transient_code(code), "{code}");
        }
        // SQLite: ERROR (a bad query), CONSTRAINT_UNIQUE (2067).
        for code in ["1", "2067"] {
            assert!(!transient_code(code), "{code}");
        }
        // PostgreSQL: disk full, too many connections, serialization failure, admin shutdown,
        // lock timeout, statement timeout.
        for code in ["53100", "53300", "40001", "57P01", "55P03", "57014"] {
            assert!(transient_code(code), "{code}");
        }
        // PostgreSQL: unique violation, syntax error.
        for code in ["23505", "42601"] {
            assert!(!transient_code(code), "{code}");
        }
    }
}
