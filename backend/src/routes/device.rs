use axum::{
    http::{HeaderValue, StatusCode, header},
    response::IntoResponse,
};

/// `POST /api/device/forget`: the last step of "clear my information". The browser empties its
/// HTTP cache for the site (earlier screens and the status answers it may hold); the app has
/// already cleared its own storage, except the language choice, which `"storage"` would take too.
pub async fn forget() -> impl IntoResponse {
    (
        StatusCode::NO_CONTENT,
        [(
            header::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\""),
        )],
    )
}
