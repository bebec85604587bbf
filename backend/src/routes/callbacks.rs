//! `POST /api/callbacks`: a request for a counsellor to call, idempotent like applications and
//! under a per-client limit of its own.

use axum::{extract::State, response::IntoResponse};
use sqlx::Row;
use velferd_shared::{
    Language,
    api::Problem,
    choice::Choice,
    follow::{Callback, CallbackReceipt, CallbackRequest, validate_callback},
};

use crate::{
    AppState,
    clock::now,
    db::{Database, from_stored_name, number_reference, stored_name},
    error::{ApiError, parse_json},
    idempotency::{Earlier, KeyedRequest, replay_or_insert},
    limits::{Budget, ClientAddress},
    mail, translations,
};

#[utoipa::path(
    post,
    path = "/api/callbacks",
    tag = "callbacks",
    summary = "Ask a counsellor to call",
    description = "Stored once per `Idempotency-Key`, like an application: the same key with the \
        same bytes again gets the first receipt.",
    request_body(content = CallbackRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored: a counsellor calls in the chosen window", body = CallbackReceipt),
        (status = 200, description = "A retry of a stored request: its receipt again", body = CallbackReceipt),
        (status = 400, description = "The body is not JSON, or the Idempotency-Key is missing or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This Idempotency-Key came with a different request", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid; `errors` names each one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many call-back requests from this client", body = Problem,
            content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until another is taken"))),
    )
)]
pub async fn request_callback(
    State(state): State<AppState>,
    client: ClientAddress,
    request: KeyedRequest,
) -> Result<impl IntoResponse, ApiError> {
    replay_or_insert(&request, || earlier_receipt(&state.db, &request), async {
        state.limits.spend(Budget::CallBacks, client).await?;
        let body: CallbackRequest = parse_json(&request.body)?;
        let callback = validate_callback(&body).map_err(|problems| {
            ApiError::invalid_fields(
                body.ui_language,
                problems.into_iter().map(|p| (p.field.pointer(), p.code)),
            )
        })?;
        store(&state.db, &request, &callback, body.ui_language).await
    })
    .await
}

/// Commits the request; `None` when its key was stored meanwhile.
async fn store(
    db: &Database,
    request: &KeyedRequest,
    callback: &Callback,
    // The page's language, for the confirmation; the call itself is in `callback.language`.
    ui_language: Language,
) -> Result<Option<CallbackReceipt>, ApiError> {
    let requested_at = now();
    let key = request.key.stored_form();
    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await.map_err(ApiError::database)?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO callbacks (reference, centre, service, request, time_window, status, requested_at, idempotency_key, request_hash) \
         VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(format!("pending-{key}"))
    .bind(stored_name(&callback.centre))
    .bind(callback.service.as_ref().map(stored_name))
    .bind(serde_json::to_string(callback).map_err(|_| ApiError::Internal)?)
    .bind(stored_name(&callback.window))
    .bind(&requested_at)
    .bind(&key)
    .bind(&request.request_hash)
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    let Some(id) = id else {
        tx.rollback().await.map_err(ApiError::database)?;
        return Ok(None);
    };
    // SIM for símtal, a call.
    let reference = number_reference(&mut tx, "callbacks", "SIM", id, &requested_at)
        .await
        .map_err(ApiError::database)?;
    // The confirmation by e-mail, committed with the request or not at all.
    if let Some(email) = &callback.email {
        let window = translations::text(
            ui_language,
            &format!("callback.window_{}", callback.window.key()),
        );
        let confirmation = mail::callback_confirmation(
            ui_language,
            &reference,
            callback.centre.official_name(),
            &window,
        );
        mail::enqueue(&mut tx, email, &confirmation)
            .await
            .map_err(ApiError::database)?;
    }
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(
        centre = stored_name(&callback.centre),
        "call-back request stored"
    );
    Ok(Some(CallbackReceipt {
        reference,
        centre: callback.centre,
        window: callback.window,
        requested_at,
    }))
}

/// The receipt of an earlier request with this key, if there was one.
async fn earlier_receipt(
    db: &Database,
    request: &KeyedRequest,
) -> Result<Option<Earlier<CallbackReceipt>>, ApiError> {
    let query = "SELECT reference, centre, time_window, requested_at, request_hash FROM callbacks \
         WHERE idempotency_key = $1";
    Earlier::find(db, &request.key, query, |row| {
        Ok(CallbackReceipt {
            reference: row.get("reference"),
            centre: from_stored_name(&row.get::<String, _>("centre"))?,
            window: from_stored_name(&row.get::<String, _>("time_window"))?,
            requested_at: row.get("requested_at"),
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::{
        Router,
        body::Body,
        http::{Request, StatusCode},
    };
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use crate::{AppState, db::Database, limits::Limits, site::Site, tokens::StatusTokens};

    const CALL_ME: &str = r#"{"service":"financial-assistance","language":"pl","phone":"611 2345","window":"midday","postcode":"108","message":"Proszę zadzwonić po 12.","ui_language":"pl"}"#;

    async fn one_call_back_a_minute(dir: &std::path::Path) -> Router {
        let url = format!("sqlite://{}", dir.join("velferd.db").display());
        let db = Database::open(&url).await.unwrap();
        // One call-back a minute; applications' budget is the same setting.
        let config = crate::Config {
            submissions_per_minute: 1,
            ..crate::Config::default()
        };
        let tokens = StatusTokens::load(&db).await.unwrap();
        let limits = Arc::new(Limits::new(&config, &db));
        crate::app(AppState {
            db,
            site: Arc::new(Site::load(dir)),
            tokens,
            limits,
            load: crate::load::LoadSettings::new(&config),
            admission: Arc::new(crate::load::Admission::new(
                &crate::load::LoadSettings::new(&config),
            )),
            trusted_proxies: Default::default(),
            staff: crate::staff::sessions::StaffSettings::new(&config),
            public_origin: "http://127.0.0.1:8080".into(),
            mail: None,
        })
    }

    async fn ask(app: &Router, key: &str, body: &str) -> (StatusCode, String) {
        let request = Request::post("/api/callbacks")
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_owned()))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_retry_past_the_limit_gets_its_receipt_and_other_bytes_under_its_key_a_409() {
        let dir = tempfile::tempdir().unwrap();
        let app = one_call_back_a_minute(dir.path()).await;
        let key = "5a0e1b7c-3d2f-4c6a-8e9b-1f0d2c3b4a59";
        let (created, receipt) = ask(&app, key, CALL_ME).await;
        assert_eq!(created, StatusCode::CREATED, "{receipt}");
        assert_eq!(
            ask(&app, key, CALL_ME).await,
            (StatusCode::OK, receipt),
            "a genuine retry is answered before the limit"
        );
        let same_json_other_bytes = CALL_ME.replace(',', ", ");
        assert_eq!(
            ask(&app, key, &same_json_other_bytes).await.0,
            StatusCode::CONFLICT
        );
        let another_key = "9c4d2e1f-0a3b-4b5c-9d6e-7f8a9b0c1d2e";
        assert_eq!(
            ask(&app, another_key, CALL_ME).await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}
