use axum::Json;

/// `GET /api/openapi.json`: the residents' API as OpenAPI 3.1, for client generators and
/// Schemathesis. The same document is committed as `backend/openapi.json`.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "openapi",
    summary = "This document",
    responses(
        (status = 200, description = "The residents' API as OpenAPI 3.1", body = Object),
    )
)]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi::document())
}
