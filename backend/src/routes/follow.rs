//! After applying, behind the private link: the status and its timeline, and documents sent
//! later.

use axum::{
    Json,
    body::Body,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header},
    response::IntoResponse,
};
use sqlx::Row;
use subtle::ConstantTimeEq;
use velferd_shared::{
    api::Problem,
    follow::{
        ApplicationStatus, Decision, DocumentKind, DocumentReceipt,
        MAX_DOCUMENT_BYTES_PER_APPLICATION, MAX_DOCUMENTS_PER_APPLICATION, Status, StatusEvent,
    },
    partner::ReminderSent,
};

use crate::{
    AppState, cases,
    clock::now,
    db::{Database, from_stored_name, stored_name},
    digest::sha256_hex,
    error::ApiError,
    limits::{Budget, ClientAddress},
    tokens::StatusTokens,
};

/// The documents route accepts bodies this large; everything else keeps the JSON limit.
const DOCUMENT_BODY_LIMIT: usize = velferd_shared::follow::MAX_DOCUMENT_BYTES;

/// The application a private token opens, or `NotFound` — the same answer for a malformed
/// token, an unknown one and a wrong one, so nothing can be learned by trying.
async fn application_of(db: &Database, token: &str) -> Result<i64, ApiError> {
    if !StatusTokens::well_formed(token) {
        return Err(ApiError::NotFound);
    }
    let hash = StatusTokens::hash(token);
    let row = sqlx::query("SELECT id, token_hash FROM applications WHERE token_hash = $1")
        .bind(&hash)
        .fetch_optional(db.pool())
        .await
        .map_err(ApiError::database)?
        .ok_or(ApiError::NotFound)?;
    let stored: String = row.get("token_hash");
    // The index finds the row by hash; the final comparison does not stop at the first
    // differing byte.
    if bool::from(stored.as_bytes().ct_eq(hash.as_bytes())) {
        Ok(row.get("id"))
    } else {
        Err(ApiError::NotFound)
    }
}

/// `GET /api/applications/{token}`
#[utoipa::path(
    get,
    path = "/api/applications/{token}",
    tag = "applications",
    summary = "An application's status, timeline and documents",
    params(("token" = String, Path,
        description = "The private link's token from the receipt; any other is a 404",
        pattern = "^[A-Za-z0-9_-]{43}$", min_length = 43, max_length = 43)),
    responses(
        (status = 200, description = "What the private link shows: never a counsellor's internal notes", body = ApplicationStatus),
        (status = 404, description = "No application has this link", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Result<Json<ApplicationStatus>, ApiError> {
    // A path that does not even decode is one more unknown link: the same 404.
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    let id = application_of(&state.db, &token).await?;
    let application = sqlx::query(
        "SELECT reference, service, centre, submitted_at FROM applications WHERE id = $1",
    )
    .bind(id)
    .fetch_one(state.db.pool())
    .await
    .map_err(ApiError::database)?;
    // Only what was written for the resident: never an internal note, a counsellor's own
    // words or who they are.
    // In the order they were recorded (the row sequence): times as text do not sort (".5Z"
    // comes after ".55Z").
    let events = sqlx::query(
        "SELECT status, message_to_resident, decision, amount, recorded_at FROM status_events \
         WHERE application_id = $1 AND internal = 0 ORDER BY id",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .into_iter()
    .map(|row| {
        Ok(StatusEvent {
            status: Status::parse(&row.get::<String, _>("status")).ok_or(ApiError::Internal)?,
            recorded_at: row.get("recorded_at"),
            note: row.get("message_to_resident"),
            amount: row
                .get::<Option<i64>, _>("amount")
                .map(|a| velferd_shared::validation::Kronur::new(a as u64)),
            decision: row
                .get::<Option<String>, _>("decision")
                .as_deref()
                .and_then(Decision::parse),
        })
    })
    .collect::<Result<Vec<_>, ApiError>>()?;
    let documents = sqlx::query(
        "SELECT kind, size, sha256, received_at FROM documents \
         WHERE application_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .into_iter()
    .map(|row| {
        Ok(DocumentReceipt {
            kind: from_stored_name(&row.get::<String, _>("kind"))?,
            size: row.get::<i64, _>("size") as u64,
            sha256: row.get("sha256"),
            received_at: row.get("received_at"),
        })
    })
    .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Json(ApplicationStatus {
        reference: application.get("reference"),
        service: from_stored_name(&application.get::<String, _>("service"))?,
        centre: from_stored_name(&application.get::<String, _>("centre"))?,
        submitted_at: application.get("submitted_at"),
        events,
        documents,
        partner: super::partner::progress(&state.db, id).await?,
    }))
}

/// `POST /api/applications/{token}/partner-reminder`: the invitation to the partner again.
#[utoipa::path(
    post,
    path = "/api/applications/{token}/partner-reminder",
    tag = "applications",
    summary = "Send the partner's invitation again",
    params(("token" = String, Path,
        description = "The private link's token from the receipt; any other is a 404",
        pattern = "^[A-Za-z0-9_-]{43}$", min_length = 43, max_length = 43)),
    responses(
        (status = 202, description = "A new link is on its way to the partner", body = ReminderSent),
        (status = 404, description = "No application has this link, or it names no partner", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The partner's part has arrived, or no more reminders may be sent", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The last invitation was sent less than an hour ago", body = Problem,
            content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until another may be sent"))),
    )
)]
pub async fn remind_partner(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    let id = application_of(&state.db, &token).await?;
    super::partner::remind(&state, id).await
}

/// `POST /api/applications/{token}/documents`: the file's bytes as the body. Its kind is read
/// from its first bytes; the Content-Type header and the file name are not trusted.
#[utoipa::path(
    post,
    path = "/api/applications/{token}/documents",
    tag = "applications",
    summary = "Send a document for an application",
    params(("token" = String, Path,
        description = "The private link's token from the receipt; any other is a 404",
        pattern = "^[A-Za-z0-9_-]{43}$", min_length = 43, max_length = 43)),
    request_body(content = crate::openapi::DocumentBytes, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored", body = DocumentReceipt),
        (status = 200, description = "This application already has this very file: its receipt again", body = DocumentReceipt),
        (status = 404, description = "No application has this link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The application has as many documents as can be sent online (20 files, 50 MB)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG or PNG photo or a PDF file", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many documents from this client", body = Problem,
            content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until another is taken"))),
    )
)]
pub async fn add_document(
    State(state): State<AppState>,
    client: ClientAddress,
    token: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<impl IntoResponse, ApiError> {
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    // A declared size over the limit is refused before a byte is read.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|size| size > DOCUMENT_BODY_LIMIT as u64) {
        return Err(ApiError::DocumentTooLarge);
    }
    // The link is checked before the body is read, so unknown links cost nothing.
    let id = application_of(&state.db, &token).await?;
    state.limits.spend(Budget::Documents, client).await?;
    let bytes = axum::body::to_bytes(body, DOCUMENT_BODY_LIMIT)
        .await
        .map_err(|_| ApiError::DocumentTooLarge)?;
    let kind = DocumentKind::sniff(&bytes).ok_or(ApiError::UnsupportedDocument)?;
    let sha256 = sha256_hex(&bytes);
    let receipt = |received_at| DocumentReceipt {
        kind,
        size: bytes.len() as u64,
        sha256: sha256.clone(),
        received_at,
    };
    let received_at = now();
    let _turn = state.db.write_turn().await;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
    // Writing to the application first makes uploads to it take turns (a row lock on
    // PostgreSQL, the write lock on SQLite), so the count below cannot be outrun.
    sqlx::query("UPDATE applications SET status = status WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::database)?;
    // The same file again (a retry after a lost answer, or two taps at once) is the same
    // document, stored once: the unique (application, hash) pair decides.
    if let Some(earlier) = stored_document(&mut tx, id, &sha256).await? {
        return Ok((StatusCode::OK, Json(receipt(earlier))));
    }
    let (count, total): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM documents \
         WHERE application_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    if count >= MAX_DOCUMENTS_PER_APPLICATION
        || total + bytes.len() as i64 > MAX_DOCUMENT_BYTES_PER_APPLICATION
    {
        return Err(ApiError::DocumentLimitReached);
    }
    let inserted = sqlx::query(
        "INSERT INTO documents (application_id, kind, size, sha256, content, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id, sha256) DO NOTHING",
    )
    .bind(id)
    .bind(stored_name(&kind))
    .bind(bytes.len() as i64)
    .bind(&sha256)
    .bind(bytes.as_ref())
    .bind(&received_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    if inserted.rows_affected() == 0 {
        let earlier = stored_document(&mut tx, id, &sha256).await?;
        return Ok((
            StatusCode::OK,
            Json(receipt(earlier.unwrap_or(received_at))),
        ));
    }
    cases::document_received(&mut tx, id, &received_at)
        .await
        .map_err(ApiError::database)?;
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(
        kind = kind.media_type(),
        size = bytes.len(),
        "document stored"
    );
    Ok((StatusCode::CREATED, Json(receipt(received_at))))
}

/// When the application's document with this hash arrived, if it has one.
async fn stored_document(
    tx: &mut crate::db::Connection,
    id: i64,
    sha256: &str,
) -> Result<Option<String>, ApiError> {
    sqlx::query_scalar(
        "SELECT received_at FROM documents WHERE application_id = $1 AND sha256 = $2",
    )
    .bind(id)
    .bind(sha256)
    .fetch_optional(tx)
    .await
    .map_err(ApiError::database)
}
