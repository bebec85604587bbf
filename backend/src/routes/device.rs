use axum::{
    http::{HeaderValue, StatusCode, header},
    response::IntoResponse,
};

/// `POST /api/device/forget`: the last step of "clear my information". The browser empties its
/// HTTP cache for the site (earlier screens and the status answers it may hold); the app has
/// already cleared its own storage, except the language choice, which `"storage"` would take too.
#[utoipa::path(
    post,
    path = "/api/device/forget",
    tag = "device",
    summary = "Ask the browser to empty its cache for the site",
    responses(
        (status = 204, description = "The browser is asked to clear its HTTP cache for the site",
            headers(("Clear-Site-Data" = String, description = "Always `\"cache\"`"))),
    )
)]
pub async fn forget() -> impl IntoResponse {
    (
        StatusCode::NO_CONTENT,
        [(
            header::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\""),
        )],
    )
}
