//! Signing in and out, and who is signed in.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::IntoResponse,
};
use velferd_shared::staff::{SignIn, StaffMe};

use crate::{
    AppState,
    error::{ApiError, ValidJson},
    limits::ClientAddress,
    staff::{
        audit::{self, Action},
        sessions::{self, StaffSession},
    },
};

/// `POST /api/staff/session`: 204 with the cookie; 401 for every mistake alike.
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientAddress,
    headers: HeaderMap,
    ValidJson(attempt): ValidJson<SignIn>,
) -> Result<impl IntoResponse, ApiError> {
    let token = sessions::sign_in(&state, client.0, &attempt).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            state.staff.cookie(&headers, Some(&token)),
        )],
    ))
}

/// `DELETE /api/staff/session`
pub async fn sign_out(
    staff: StaffSession,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    sessions::sign_out(&state, &staff).await?;
    audit::record(&state.db, staff.id, Action::SignedOut, None, staff.client).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, state.staff.cookie(&headers, None))],
    ))
}

/// `GET /api/staff/me`
pub async fn me(staff: StaffSession) -> Json<StaffMe> {
    Json(StaffMe {
        name: staff.name,
        email: staff.email,
        role: staff.role,
        centres: staff.centres,
    })
}
