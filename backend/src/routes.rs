//! The JSON API, mounted under `/api`.

use axum::{Json, Router, extract::DefaultBodyLimit, extract::State, routing::get};
use velferd_shared::api::{DatabaseStatus, Health};

use crate::{
    AppState,
    error::{ApiError, JSON_BODY_LIMIT},
};

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
}

async fn health(State(state): State<AppState>) -> Json<Health> {
    let database = if state.db.is_healthy().await {
        DatabaseStatus::Ok
    } else {
        DatabaseStatus::Unavailable
    };
    Json(Health {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database,
    })
}
