use axum::{Json, extract::State};
use velferd_shared::api::{DatabaseStatus, Health};

use crate::AppState;

/// `GET /api/health`
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "health",
    summary = "The server's version and whether its database answers",
    responses(
        (status = 200, description = "The server is up; `database` says whether the database answers", body = Health),
    )
)]
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
