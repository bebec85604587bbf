//! `POST /api/applications`: validated with the same `shared` code as the browser, committed
//! durably before the receipt is sent, never stored twice for one idempotency key.

use axum::{extract::State, response::IntoResponse};
use sqlx::Row;
use velferd_shared::{
    Language, ProblemCode,
    api::{ApplicationReceipt, ApplicationRequest, Problem},
    application::{self, Application},
    follow::Status,
};

use crate::{
    AppState, cases,
    clock::now,
    db::{Database, from_stored_name, number_reference, stored_name},
    error::{ApiError, parse_json},
    idempotency::{Earlier, KeyedRequest, replay_or_insert},
    limits::{Budget, ClientAddress},
    mail,
    tokens::StatusTokens,
};

#[utoipa::path(
    post,
    path = "/api/applications",
    tag = "applications",
    summary = "Apply for a service",
    description = "Validated as the browser validates it, stored durably before the receipt is \
        sent, and never stored twice for one `Idempotency-Key`: the same key with the same bytes \
        again gets the first receipt.",
    request_body(content = ApplicationRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; the receipt holds the only copy of the private status link", body = ApplicationReceipt),
        (status = 200, description = "A retry of a stored application: its receipt again", body = ApplicationReceipt),
        (status = 400, description = "The body is not JSON, or the Idempotency-Key is missing or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This Idempotency-Key came with a different application", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The service is not applied for online, or an answer is not valid; `errors` names each field", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many applications from this client", body = Problem,
            content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until another is taken"))),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    client: ClientAddress,
    request: KeyedRequest,
) -> Result<impl IntoResponse, ApiError> {
    let token = state.tokens.token_for(&request.key);
    let earlier = || earlier_receipt(&state.db, &request, token.clone());
    replay_or_insert(&request, earlier, async {
        state.limits.spend(Budget::Submissions, client).await?;
        let body: ApplicationRequest = parse_json(&request.body)?;
        if !application::takes_online_application(body.service) {
            return Err(ApiError::invalid_fields(
                body.language,
                [("/service".to_owned(), ProblemCode::ServiceNotOnline)],
            ));
        }
        let application = application::validate(body.service, &body.draft).map_err(|problems| {
            ApiError::invalid_fields(
                body.language,
                problems.into_iter().map(|p| (p.field.pointer(), p.code)),
            )
        })?;
        let continues = body.draft.previous_reference.as_deref();
        store(
            &state.db,
            &request,
            &token,
            body.language,
            &application,
            continues,
            &state.public_origin,
        )
        .await
    })
    .await
}

/// Commits the application, its first status event and its idempotency key in one transaction;
/// `None` when the key was stored meanwhile.
async fn store(
    db: &Database,
    request: &KeyedRequest,
    token: &str,
    language: Language,
    application: &Application,
    continues: Option<&str>,
    origin: &str,
) -> Result<Option<ApplicationReceipt>, ApiError> {
    let token_hash = StatusTokens::hash(token);
    let answers = serde_json::to_string(application).map_err(|_| ApiError::Internal)?;
    let submitted_at = now();
    let service = stored_name(&application.service);
    let centre = stored_name(&application.centre);
    let photo_id_required = application.needs_photo_id();

    let _turn = db.write_turn().await;
    let mut tx = db.pool().begin().await.map_err(ApiError::database)?;
    // The first statement writes, so SQLite takes its write lock before reading anything and
    // concurrent submissions queue up instead of failing on a stale snapshot.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO applications \
         (reference, service, centre, status, answers, token_hash, submitted_at, language, photo_id_required) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (token_hash) DO NOTHING RETURNING id",
    )
    .bind(format!("pending-{token_hash}"))
    .bind(&service)
    .bind(&centre)
    .bind(Status::Received.as_str())
    .bind(&answers)
    .bind(&token_hash)
    .bind(&submitted_at)
    .bind(language.code())
    .bind(i64::from(photo_id_required))
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    let Some(id) = id else {
        tx.rollback().await.map_err(ApiError::database)?;
        return Ok(None);
    };
    let reference = number_reference(&mut tx, "applications", "RVK", id, &submitted_at)
        .await
        .map_err(ApiError::database)?;
    sqlx::query(
        "INSERT INTO idempotency_keys (idempotency_key, request_hash, application_id, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(request.key.stored_form())
    .bind(&request.request_hash)
    .bind(id)
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    cases::received(&mut tx, id, &submitted_at)
        .await
        .map_err(ApiError::database)?;
    if let Some(previous) = continues {
        link_to_previous(&mut tx, id, previous, application)
            .await
            .map_err(ApiError::database)?;
    }
    // The partner's invitation, likewise: their part can never be asked for and lost.
    if let Some(partner) = application
        .financial
        .as_ref()
        .and_then(|f| f.partner.as_ref())
    {
        let invitation = super::partner::Invitation {
            email: &partner.email,
            language: application.contact_language,
            reference: &reference,
            origin,
            at: &submitted_at,
        };
        super::partner::invite_first(&mut tx, id, &invitation)
            .await
            .map_err(ApiError::database)?;
    }
    // The receipt by e-mail, committed with the application or not at all.
    if let Some(email) = &application.email {
        let link = format!("{origin}/status/{token}");
        let receipt = mail::receipt(application.contact_language, &reference, &link);
        mail::enqueue(&mut tx, email, &receipt)
            .await
            .map_err(ApiError::database)?;
    }
    // Only after this returns (synchronous = FULL) is the application on disk: then we answer.
    tx.commit().await.map_err(ApiError::database)?;
    tracing::info!(service, centre, "application stored");
    Ok(Some(ApplicationReceipt {
        reference,
        status_token: token.to_owned(),
        service: application.service,
        centre: application.centre,
        submitted_at,
        photo_id_required,
    }))
}

/// Links next month's application to the one it continues — only one of the same service and
/// the same kennitala, so a mistyped or borrowed reference links nothing and reveals nothing.
async fn link_to_previous(
    tx: &mut crate::db::Connection,
    id: i64,
    previous: &str,
    application: &Application,
) -> Result<(), sqlx::Error> {
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, answers FROM applications WHERE reference = $1 AND id <> $2")
            .bind(previous)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((previous_id, answers)) = found else {
        return Ok(());
    };
    let same_person = serde_json::from_str::<Application>(&answers).is_ok_and(|earlier| {
        earlier.service == application.service && earlier.kennitala == application.kennitala
    });
    if same_person {
        sqlx::query("UPDATE applications SET previous_id = $1 WHERE id = $2")
            .bind(previous_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The receipt of an earlier submission with this key, if there was one.
async fn earlier_receipt(
    db: &Database,
    request: &KeyedRequest,
    status_token: String,
) -> Result<Option<Earlier<ApplicationReceipt>>, ApiError> {
    let query = "SELECT k.request_hash, a.reference, a.service, a.centre, a.submitted_at, a.photo_id_required \
         FROM idempotency_keys k JOIN applications a ON a.id = k.application_id \
         WHERE k.idempotency_key = $1";
    Earlier::find(db, &request.key, query, |row| {
        Ok(ApplicationReceipt {
            reference: row.get("reference"),
            status_token,
            service: from_stored_name(&row.get::<String, _>("service"))?,
            centre: from_stored_name(&row.get::<String, _>("centre"))?,
            submitted_at: row.get("submitted_at"),
            photo_id_required: row.get::<i64, _>("photo_id_required") != 0,
        })
    })
    .await
}
