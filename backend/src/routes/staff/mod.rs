//! `/api/staff/…`: the counsellors' workspace. Every route starts with a `StaffSession` (401
//! without one); the guard around them all refuses cross-origin changes (403) and marks every
//! answer `no-store`. A case of a centre the counsellor does not work for is a 404.

mod accounts;
mod applications;
mod callbacks;
mod session;

use axum::{
    Router,
    extract::{Query, rejection::QueryRejection},
    routing::{get, post},
};
use serde::de::DeserializeOwned;

use crate::{AppState, db::from_stored_name, error::ApiError, staff::sessions};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/session", post(session::sign_in).delete(session::sign_out))
        .route("/me", get(session::me))
        .route("/applications", get(applications::inbox))
        .route("/applications/{reference}", get(applications::case))
        .route(
            "/applications/{reference}/events",
            post(applications::add_event),
        )
        .route(
            "/applications/{reference}/assign",
            post(applications::assign),
        )
        .route(
            "/applications/{reference}/documents/{id}",
            get(applications::document),
        )
        .route("/callbacks", get(callbacks::queue))
        .route("/callbacks/{reference}/events", post(callbacks::add_event))
        .route("/audit", get(accounts::audit))
        .route("/accounts", get(accounts::list).post(accounts::create))
        .route("/accounts/{email}/disable", post(accounts::disable))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            sessions::guard,
        ))
}

/// Query parameters as the browser sends them: every value a string, an empty one as absent.
pub(super) type Params = std::collections::HashMap<String, String>;

pub(super) fn params(query: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    query
        .map(|Query(params)| params)
        .map_err(|rejection| ApiError::MalformedBody(rejection.body_text()))
}

/// A parameter that names one of our enums by its JSON name; 400 for a name we do not know.
pub(super) fn named<T: DeserializeOwned>(
    params: &Params,
    name: &str,
) -> Result<Option<T>, ApiError> {
    match params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(value) => from_stored_name(value)
            .map(Some)
            .map_err(|_| ApiError::MalformedBody(format!("{name}={value:?} is not known"))),
    }
}

pub(super) fn text<'p>(params: &'p Params, name: &str) -> Option<&'p str> {
    params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
}
