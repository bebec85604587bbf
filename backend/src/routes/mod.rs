//! The JSON API, mounted under `/api`: one module per group of endpoints.

// Visible to the crate so that `crate::openapi` can list their `#[utoipa::path]` operations.
pub(crate) mod applications;
pub(crate) mod callbacks;
pub(crate) mod device;
pub(crate) mod follow;
pub(crate) mod health;
pub(crate) mod openapi;
pub(crate) mod partner;
pub(crate) mod services;
mod staff;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderValue, header},
    routing::{get, post},
};

use tower_http::set_header::SetResponseHeaderLayer;

pub use crate::clock::today;

use crate::{
    AppState,
    error::{ApiError, JSON_BODY_LIMIT},
};

pub fn api(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/eligibility", post(services::eligibility))
        .route("/services", get(services::services))
        .route("/applications", post(applications::submit))
        .route("/applications/{token}", get(follow::status))
        .route(
            "/applications/{token}/documents",
            // The handler reads the body itself, up to its own limit, after checking the link.
            post(follow::add_document).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/applications/{token}/partner-reminder",
            post(follow::remind_partner),
        )
        .route(
            "/partner/{token}",
            get(partner::invitation).post(partner::answer),
        )
        .route("/callbacks", post(callbacks::request_callback))
        .route("/device/forget", post(device::forget))
        .route("/openapi.json", get(openapi::document))
        .nest("/staff", staff::routes(state))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.admission.clone(),
            crate::load::admit,
        ))
        // Answers carry references and personal data: no cache keeps them, unless a route
        // says otherwise.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
