use axum::{Json, extract::State};
use velferd_shared::api::{DatabaseStatus, Health};

use crate::AppState;

/// `GET /api/health`
pub async fn health(State(state): State<AppState>) -> Json<Health> {
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
