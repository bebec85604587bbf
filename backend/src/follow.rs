//! After applying: the status behind a private link, documents sent later, status changes
//! recorded by staff (the admin command until counsellors have screens), and call-back requests.

use std::net::SocketAddr;

use axum::{
    Extension, Json,
    body::Body,
    extract::{ConnectInfo, Path, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};
use sqlx::Row;
use subtle::ConstantTimeEq;
use velferd_shared::follow::{
    ApplicationStatus, CallbackReceipt, CallbackRequest, Decision, DocumentKind, DocumentReceipt,
    Status, StatusEvent, validate_callback,
};

use crate::{
    AppState,
    applications::{
        IdempotencyKey, StatusTokens, client_address, from_plain, serde_plain, sha256_hex,
    },
    db::Database,
    error::{ApiError, ValidJson},
};

/// A status token as the receipt gives it: 43 base64url characters. Anything else is unknown.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The application a private token opens, or `NotFound` — the same answer for a malformed
/// token, an unknown one and a wrong one, so nothing can be learned by trying.
async fn application_of(db: &Database, token: &str) -> Result<i64, ApiError> {
    if !well_formed(token) {
        return Err(ApiError::NotFound);
    }
    let hash = StatusTokens::hash(token);
    let row = sqlx::query("SELECT id, token_hash FROM applications WHERE token_hash = ?")
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
pub async fn status(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Result<Json<ApplicationStatus>, ApiError> {
    // A path that does not even decode is one more unknown link: the same 404.
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    let id = application_of(&state.db, &token).await?;
    let application = sqlx::query(
        "SELECT reference, service, centre, submitted_at FROM applications WHERE id = ?",
    )
    .bind(id)
    .fetch_one(state.db.pool())
    .await
    .map_err(ApiError::database)?;
    let events = sqlx::query(
        "SELECT status, note, decision, recorded_at FROM status_events \
         WHERE application_id = ? ORDER BY recorded_at, id",
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
            note: row.get("note"),
            decision: row
                .get::<Option<String>, _>("decision")
                .as_deref()
                .and_then(Decision::parse),
        })
    })
    .collect::<Result<Vec<_>, ApiError>>()?;
    let documents = sqlx::query(
        "SELECT kind, size, sha256, received_at FROM documents \
         WHERE application_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await
    .map_err(ApiError::database)?
    .into_iter()
    .map(|row| {
        Ok(DocumentReceipt {
            kind: from_plain(&row.get::<String, _>("kind"))?,
            size: row.get::<i64, _>("size") as u64,
            sha256: row.get("sha256"),
            received_at: row.get("received_at"),
        })
    })
    .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Json(ApplicationStatus {
        reference: application.get("reference"),
        service: from_plain(&application.get::<String, _>("service"))?,
        centre: from_plain(&application.get::<String, _>("centre"))?,
        submitted_at: application.get("submitted_at"),
        events,
        documents,
    }))
}

/// `POST /api/applications/{token}/documents`: the file's bytes as the body. Its kind is read
/// from its first bytes; the Content-Type header and the file name are not trusted.
pub async fn add_document(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    body: Body,
) -> Result<impl IntoResponse, ApiError> {
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    // The link is checked before a byte of the body is read, so unknown links cost nothing.
    let id = application_of(&state.db, &token).await?;
    let bytes = axum::body::to_bytes(body, DOCUMENT_BODY_LIMIT)
        .await
        .map_err(|_| ApiError::DocumentTooLarge)?;
    let kind = DocumentKind::sniff(&bytes).ok_or(ApiError::UnsupportedDocument)?;
    let sha256 = sha256_hex(&bytes);
    // The same file again (a retry after a lost answer) is the same document, stored once.
    if let Some(received_at) = sqlx::query_scalar::<_, String>(
        "SELECT received_at FROM documents WHERE application_id = ? AND sha256 = ?",
    )
    .bind(id)
    .bind(&sha256)
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::database)?
    {
        let receipt = DocumentReceipt {
            kind,
            size: bytes.len() as u64,
            sha256,
            received_at,
        };
        return Ok((StatusCode::OK, Json(receipt)));
    }
    let received_at = now();
    let _turn = state.db.write_turn().await;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO documents (application_id, kind, size, sha256, content, received_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(serde_plain(&kind))
    .bind(bytes.len() as i64)
    .bind(&sha256)
    .bind(bytes.as_ref())
    .bind(&received_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO status_events (application_id, status, note, recorded_at) VALUES (?, ?, NULL, ?)",
    )
    .bind(id)
    .bind(Status::DocumentReceived.as_str())
    .bind(&received_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    // Counsellors filter on this column; a decided application stays decided.
    sqlx::query("UPDATE applications SET status = ? WHERE id = ? AND status <> ?")
        .bind(Status::DocumentReceived.as_str())
        .bind(id)
        .bind(Status::Decided.as_str())
        .execute(&mut *tx)
        .await
        .map_err(ApiError::database)?;
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(
        kind = kind.media_type(),
        size = bytes.len(),
        "document stored"
    );
    Ok((
        StatusCode::CREATED,
        Json(DocumentReceipt {
            kind,
            size: bytes.len() as u64,
            sha256,
            received_at,
        }),
    ))
}

/// `POST /api/callbacks`, idempotent like applications and under the same per-client limit.
pub async fn request_callback(
    State(state): State<AppState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ValidJson(request): ValidJson<CallbackRequest>,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(limiter) = &state.callbacks {
        limiter.check(client_address(connection))?;
    }
    let key = IdempotencyKey::parse(&headers)?;
    let callback = validate_callback(&request).map_err(|problems| {
        ApiError::invalid_fields(
            request.ui_language,
            problems.into_iter().map(|p| (p.field.pointer(), p.code)),
        )
    })?;
    let request_hash = sha256_hex(&serde_json::to_vec(&request).map_err(|_| ApiError::Internal)?);
    let requested_at = now();
    let year = &requested_at[..4];
    let turn = state.db.write_turn().await;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO callbacks (reference, centre, service, request, time_window, status, requested_at, idempotency_key, request_hash) \
         VALUES (?, ?, ?, ?, ?, 'requested', ?, ?, ?) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(format!("pending-{}", key.stored_form()))
    .bind(serde_plain(&callback.centre))
    .bind(callback.service.as_ref().map(serde_plain))
    .bind(serde_json::to_string(&callback).map_err(|_| ApiError::Internal)?)
    .bind(serde_plain(&callback.window))
    .bind(&requested_at)
    .bind(key.stored_form())
    .bind(&request_hash)
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    let Some(id) = id else {
        tx.rollback().await.map_err(ApiError::database)?;
        drop(turn);
        let row = sqlx::query(
            "SELECT reference, centre, time_window, requested_at, request_hash FROM callbacks \
             WHERE idempotency_key = ?",
        )
        .bind(key.stored_form())
        .fetch_one(state.db.pool())
        .await
        .map_err(ApiError::database)?;
        if row.get::<String, _>("request_hash") != request_hash {
            return Err(ApiError::IdempotencyConflict);
        }
        let receipt = CallbackReceipt {
            reference: row.get("reference"),
            centre: from_plain(&row.get::<String, _>("centre"))?,
            window: from_plain(&row.get::<String, _>("time_window"))?,
            requested_at: row.get("requested_at"),
        };
        return Ok((StatusCode::OK, Json(receipt)));
    };
    let reference = format!("SIM-{year}-{id:06}");
    sqlx::query("UPDATE callbacks SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::database)?;
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(
        centre = serde_plain(&callback.centre),
        "call-back request stored"
    );
    Ok((
        StatusCode::CREATED,
        Json(CallbackReceipt {
            reference,
            centre: callback.centre,
            window: callback.window,
            requested_at,
        }),
    ))
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no application has the reference {0}")]
    UnknownReference(String),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

/// Records a status change on an application, as a counsellor would: what the admin command
/// does until counsellors have their own screens.
pub async fn record_status(
    db: &Database,
    reference: &str,
    status: Status,
    decision: Option<Decision>,
    note: Option<&str>,
) -> Result<(), AdminError> {
    let recorded_at = now();
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await?;
    let updated = sqlx::query("UPDATE applications SET status = ? WHERE reference = ?")
        .bind(status.as_str())
        .bind(reference)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if updated == 0 {
        return Err(AdminError::UnknownReference(reference.to_owned()));
    }
    sqlx::query(
        "INSERT INTO status_events (application_id, status, note, decision, recorded_at) \
         SELECT id, ?, ?, ?, ? FROM applications WHERE reference = ?",
    )
    .bind(status.as_str())
    .bind(note)
    .bind(decision.map(Decision::as_str))
    .bind(&recorded_at)
    .bind(reference)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The time now, RFC 3339 in UTC, as every stored time is written.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The documents route accepts bodies this large; everything else keeps the JSON limit.
pub const DOCUMENT_BODY_LIMIT: usize = velferd_shared::follow::MAX_DOCUMENT_BYTES;
