//! Applications: validated with the same `shared` code as the browser, committed durably before
//! the receipt is sent, never stored twice for one idempotency key.

use std::{net::SocketAddr, num::NonZeroU32, sync::Arc};

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{ConnectInfo, State, rejection::BytesRejection},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::Row;
use velferd_shared::{
    ProblemCode,
    api::{ApplicationReceipt, ApplicationRequest, IDEMPOTENCY_KEY_HEADER},
    application::{self, Application},
};

use crate::{
    AppState,
    db::Database,
    error::{ApiError, body_bytes, parse_json, require_json},
};

/// A client's idempotency key: random, at least 128 bits in practice (the browser sends a UUID),
/// checked for shape only so that no personal data can hide in it.
#[derive(Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(headers: &HeaderMap) -> Result<IdempotencyKey, ApiError> {
        let value = headers
            .get(IDEMPOTENCY_KEY_HEADER)
            .ok_or(ApiError::IdempotencyKey(
                "the Idempotency-Key header is missing",
            ))?
            .to_str()
            .map_err(|_| ApiError::IdempotencyKey("the Idempotency-Key header is not text"))?;
        let well_formed = (16..=128).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return Err(ApiError::IdempotencyKey(
                "the Idempotency-Key must be 16 to 128 letters, digits, - or _ (a UUID will do)",
            ));
        }
        Ok(IdempotencyKey(value.to_owned()))
    }

    /// What is stored instead of the key: a leaked database must not reveal keys, because a key
    /// and the secret together give the status token.
    pub(crate) fn stored_form(&self) -> String {
        sha256_hex(format!("idempotency-key:{}", self.0).as_bytes())
    }
}

/// Derives private status tokens. The token is an HMAC of the idempotency key under a server
/// secret: 256 bits nobody can guess without both, reproducible for a retry, and only its hash is
/// stored.
#[derive(Clone)]
pub struct StatusTokens {
    secret: Arc<[u8]>,
}

impl StatusTokens {
    /// Reads the secret, creating it on the very first start (every instance then reads the same).
    pub async fn load(db: &Database) -> Result<StatusTokens, sqlx::Error> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO server_secrets (name, secret) VALUES ('status-token', ?) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(URL_SAFE_NO_PAD.encode(fresh))
        .execute(db.pool())
        .await?;
        let stored: String =
            sqlx::query_scalar("SELECT secret FROM server_secrets WHERE name = 'status-token'")
                .fetch_one(db.pool())
                .await?;
        let secret = URL_SAFE_NO_PAD
            .decode(stored)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        Ok(StatusTokens {
            secret: secret.into(),
        })
    }

    fn token_for(&self, key: &IdempotencyKey) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes a key of any length");
        mac.update(b"status-token:");
        mac.update(key.0.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The stored form of a token.
    pub fn hash(token: &str) -> String {
        sha256_hex(token.as_bytes())
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A per-client budget of submissions, so one client cannot flood the counsellors' queue.
pub struct SubmissionLimiter {
    limiter: governor::DefaultKeyedRateLimiter<std::net::IpAddr>,
}

impl SubmissionLimiter {
    /// `per_minute` submissions a minute from one address, all of them allowed in a burst.
    pub fn new(per_minute: NonZeroU32) -> SubmissionLimiter {
        SubmissionLimiter {
            limiter: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
        }
    }

    /// A 429 with the seconds to wait when the client has used its budget.
    pub(crate) fn check(&self, client: std::net::IpAddr) -> Result<(), ApiError> {
        use governor::clock::{Clock, DefaultClock};
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests {
                retry_after: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })?;
        // Forget clients that have not submitted for a while, so the table stays small.
        if self.limiter.len() > 10_000 {
            self.limiter.retain_recent();
        }
        Ok(())
    }
}

/// The client's address, for per-client limits. In-process tests have no socket: one address.
pub(crate) fn client_address(
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> std::net::IpAddr {
    connection.map_or(std::net::Ipv4Addr::LOCALHOST.into(), |c| c.0.0.ip())
}

/// `POST /api/applications`
pub async fn submit(
    State(state): State<AppState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    require_json(&headers)?;
    let bytes = body_bytes(body)?;
    let key = IdempotencyKey::parse(&headers)?;
    // The body exactly as sent: the browser replays it byte for byte when it retries.
    let request_hash = sha256_hex(&bytes);
    // A retry of an application already stored gets its receipt (or a 409) before anything
    // else may refuse it: the limit, or rules that changed since it was accepted.
    let token = state.tokens.token_for(&key);
    if let Some(receipt) = earlier_receipt(&state.db, &key, &request_hash, token).await? {
        return Ok((StatusCode::OK, Json(receipt)));
    }
    if let Some(limiter) = &state.submissions {
        limiter.check(client_address(connection))?;
    }
    let request: ApplicationRequest = parse_json(&bytes)?;
    if !application::takes_online_application(request.service) {
        return Err(ApiError::invalid_fields(
            request.language,
            [("/service".to_owned(), ProblemCode::ServiceNotOnline)],
        ));
    }
    let application =
        application::validate(request.service, &request.draft).map_err(|problems| {
            ApiError::invalid_fields(
                request.language,
                problems.into_iter().map(|p| (p.field.pointer(), p.code)),
            )
        })?;
    let (receipt, created) =
        store(&state, &key, &request_hash, request.language, &application).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(receipt)))
}

/// Commits the application, its first status event and its idempotency key in one transaction,
/// or finds the receipt of an earlier submission with the same key. `true` when created now.
async fn store(
    state: &AppState,
    key: &IdempotencyKey,
    request_hash: &str,
    language: velferd_shared::Language,
    application: &Application,
) -> Result<(ApplicationReceipt, bool), ApiError> {
    let token = state.tokens.token_for(key);
    let token_hash = StatusTokens::hash(&token);
    let answers = serde_json::to_string(application).map_err(|_| ApiError::Internal)?;
    let submitted_at = crate::follow::now();
    let service = serde_plain(&application.service);
    let centre = serde_plain(&application.centre);
    let photo_id_required = application.needs_photo_id();

    let _turn = state.db.write_turn().await;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
    // The first statement writes, so SQLite takes its write lock before reading anything and
    // concurrent submissions queue up instead of failing on a stale snapshot.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO applications \
         (reference, service, centre, status, answers, token_hash, submitted_at, language, photo_id_required) \
         VALUES (?, ?, ?, 'received', ?, ?, ?, ?, ?) \
         ON CONFLICT (token_hash) DO NOTHING RETURNING id",
    )
    .bind(format!("pending-{token_hash}"))
    .bind(&service)
    .bind(&centre)
    .bind(&answers)
    .bind(&token_hash)
    .bind(&submitted_at)
    .bind(language.code())
    .bind(i64::from(photo_id_required))
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    let Some(id) = id else {
        // The same key was stored meanwhile: same body → the same receipt, another → 409.
        tx.rollback().await.map_err(ApiError::database)?;
        let receipt = earlier_receipt(&state.db, key, request_hash, token)
            .await?
            .ok_or(ApiError::Internal)?;
        return Ok((receipt, false));
    };
    let reference = format!("RVK-{}-{id:06}", &submitted_at[..4]);
    sqlx::query("UPDATE applications SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO idempotency_keys (idempotency_key, request_hash, application_id, created_at) \
         VALUES (?, ?, ?, ?)",
    )
    .bind(key.stored_form())
    .bind(request_hash)
    .bind(id)
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO status_events (application_id, status, note, recorded_at) \
         VALUES (?, 'received', NULL, ?)",
    )
    .bind(id)
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    // Only after this returns (synchronous = FULL) is the application on disk: then we answer.
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(service, centre, "application stored");
    Ok((
        ApplicationReceipt {
            reference,
            status_token: token,
            service: application.service,
            centre: application.centre,
            submitted_at,
            photo_id_required,
        },
        true,
    ))
}

/// The receipt of an earlier submission with this key, `None` if the key is new, or a 409 if
/// the key came with a different body.
async fn earlier_receipt(
    db: &Database,
    key: &IdempotencyKey,
    request_hash: &str,
    token: String,
) -> Result<Option<ApplicationReceipt>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT k.request_hash, a.reference, a.service, a.centre, a.submitted_at, a.photo_id_required \
         FROM idempotency_keys k JOIN applications a ON a.id = k.application_id \
         WHERE k.idempotency_key = ?",
    )
    .bind(key.stored_form())
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::database)?
    else {
        return Ok(None);
    };
    if row.get::<String, _>("request_hash") != request_hash {
        return Err(ApiError::IdempotencyConflict);
    }
    Ok(Some(ApplicationReceipt {
        reference: row.get("reference"),
        status_token: token,
        service: from_plain(&row.get::<String, _>("service"))?,
        centre: from_plain(&row.get::<String, _>("centre"))?,
        submitted_at: row.get("submitted_at"),
        photo_id_required: row.get::<i64, _>("photo_id_required") != 0,
    }))
}

/// How an enum is named in the database: its JSON name (`financial-assistance`).
pub(crate) fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn from_plain<T: serde::de::DeserializeOwned>(stored: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(stored.to_owned()))
        .map_err(|_| ApiError::Internal)
}
