//! One error type for the API, answered as RFC 9457 problem+json. Client mistakes get a 4xx with
//! a stable `type` the UI translates; nothing a client sends can produce a 500.

use axum::{
    Json,
    extract::{FromRequest, Request, rejection::JsonRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;
use velferd_shared::api::{FieldError, PROBLEM_CONTENT_TYPE, Problem};

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
    #[error("internal error")]
    Internal,
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
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
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
            ApiError::Internal => "/problems/internal",
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

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_response(&self.problem())
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

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            JsonRejection::JsonDataError(e) => ApiError::Invalid(vec![FieldError {
                pointer: String::new(),
                code: "body.shape".into(),
                detail: e.body_text(),
            }]),
            JsonRejection::JsonSyntaxError(e) => ApiError::MalformedBody(e.body_text()),
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
            other => ApiError::MalformedBody(other.body_text()),
        }
    }
}

/// `Json<T>` whose rejections are problem+json instead of axum's plain text.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(value))
    }
}
