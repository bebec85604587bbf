//! The partner's own part of a financial-assistance application. Submitting an application that
//! names a spouse or cohabitant invites them by e-mail with a private link of their own
//! (`/partner/<token>`); behind it they give their consent, their income and where their share
//! is paid. They see nothing of the applicant's answers beyond the reference and the service.
//! The applicant may send the invitation again from their status page, a few times, an hour
//! apart; every link sent stays valid until the part arrives.

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State, rejection::BytesRejection, rejection::PathRejection},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sqlx::Row;
use velferd_shared::{
    Language, ServiceId,
    api::Problem,
    application::{Application, PartnerPart, validate_partner_part},
    partner::{
        MAX_REMINDERS, PartnerInvitation, PartnerPartRequest, PartnerProgress, PartnerReceipt,
        REMINDER_INTERVAL_SECONDS, ReminderSent,
    },
    staff::CasePartner,
};

use crate::{
    AppState,
    clock::{after, now, seconds_until},
    db::{Database, from_stored_name},
    digest::sha256_hex,
    error::{ApiError, body_bytes, parse_json, require_json},
    mail,
    tokens::StatusTokens,
};

/// The first invitation, inside the transaction that stores the application.
pub(crate) async fn invite_first(
    tx: &mut crate::db::Connection,
    application: i64,
    invitation: &Invitation<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO partner_parts (application_id, invited_at, last_invited_at) VALUES ($1, $2, $3)",
    )
    .bind(application)
    .bind(invitation.at)
    .bind(invitation.at)
    .execute(&mut *tx)
    .await?;
    send_link(tx, application, invitation, false).await
}

/// Who is invited to which application, and where links point.
pub(crate) struct Invitation<'a> {
    pub email: &'a str,
    /// The applicant's contact language: the household's, as far as we know.
    pub language: Language,
    pub reference: &'a str,
    pub origin: &'a str,
    pub at: &'a str,
}

/// A fresh link, stored by its hash only, and the e-mail carrying it queued in `tx`.
async fn send_link(
    tx: &mut crate::db::Connection,
    application: i64,
    invitation: &Invitation<'_>,
    reminder: bool,
) -> Result<(), sqlx::Error> {
    let mut random = [0u8; 32];
    getrandom::fill(&mut random).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let token = URL_SAFE_NO_PAD.encode(random);
    sqlx::query(
        "INSERT INTO partner_links (token_hash, application_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(StatusTokens::hash(&token))
    .bind(application)
    .bind(invitation.at)
    .execute(&mut *tx)
    .await?;
    let link = format!("{}/partner/{token}", invitation.origin);
    let message =
        mail::partner_invitation(invitation.language, invitation.reference, &link, reminder);
    mail::enqueue(tx, invitation.email, &message).await
}

/// The application a partner's link opens: the same 404 for a malformed, unknown or used-up
/// link as for any other, so nothing can be learned by trying.
struct Opened {
    application: i64,
    reference: String,
    service: ServiceId,
    answered_at: Option<String>,
    request_hash: Option<String>,
}

async fn open(
    db: &Database,
    token: Result<Path<String>, PathRejection>,
) -> Result<Opened, ApiError> {
    let Path(token) = token.map_err(|_| ApiError::NotFound)?;
    if !StatusTokens::well_formed(&token) {
        return Err(ApiError::NotFound);
    }
    let row = sqlx::query(
        "SELECT p.application_id, a.reference, a.service, p.answered_at, p.request_hash \
         FROM partner_links l JOIN partner_parts p ON p.application_id = l.application_id \
         JOIN applications a ON a.id = l.application_id WHERE l.token_hash = $1",
    )
    .bind(StatusTokens::hash(&token))
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::database)?
    .ok_or(ApiError::NotFound)?;
    Ok(Opened {
        application: row.get("application_id"),
        reference: row.get("reference"),
        service: from_stored_name(&row.get::<String, _>("service"))?,
        answered_at: row.get("answered_at"),
        request_hash: row.get("request_hash"),
    })
}

/// `GET /api/partner/{token}`
#[utoipa::path(
    get,
    path = "/api/partner/{token}",
    tag = "partner",
    summary = "What the partner's link opens",
    params(("token" = String, Path,
        description = "The token of the partner's link from their e-mail; any other is a 404",
        pattern = "^[A-Za-z0-9_-]{43}$", min_length = 43, max_length = 43)),
    responses(
        (status = 200, description = "The application's reference and service, and whether the part has arrived", body = PartnerInvitation),
        (status = 404, description = "No partner's part has this link", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn invitation(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Result<Json<PartnerInvitation>, ApiError> {
    let opened = open(&state.db, token).await?;
    Ok(Json(PartnerInvitation {
        reference: opened.reference,
        service: opened.service,
        answered_at: opened.answered_at,
    }))
}

/// `POST /api/partner/{token}`: 201 with the receipt; the same bytes again 200 with the same
/// receipt (a retry after a lost answer); other answers once it was sent, 409.
#[utoipa::path(
    post,
    path = "/api/partner/{token}",
    tag = "partner",
    summary = "Send the partner's part",
    params(("token" = String, Path,
        description = "The token of the partner's link from their e-mail; any other is a 404",
        pattern = "^[A-Za-z0-9_-]{43}$", min_length = 43, max_length = 43)),
    request_body(content = PartnerPartRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = PartnerReceipt),
        (status = 200, description = "The same bytes again: the first receipt", body = PartnerReceipt),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No partner's part has this link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The part was already sent, with other answers", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer is not valid; `errors` names each field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let opened = open(&state.db, token).await?;
    require_json(&headers)?;
    let body = body_bytes(body)?;
    let request_hash = sha256_hex(&body);
    let receipt = |answered_at: String| PartnerReceipt {
        reference: opened.reference.clone(),
        service: opened.service,
        answered_at,
    };
    let replay = |answered_at: Option<String>, stored_hash: Option<String>| match answered_at {
        Some(at) if stored_hash.as_deref() == Some(request_hash.as_str()) => {
            Ok(Some((StatusCode::OK, Json(receipt(at)))))
        }
        Some(_) => Err(ApiError::PartnerPartAlreadySent),
        None => Ok(None),
    };
    if let Some(earlier) = replay(opened.answered_at.clone(), opened.request_hash.clone())? {
        return Ok(earlier);
    }
    let request: PartnerPartRequest = parse_json(&body)?;
    let part = validate_partner_part(&request.draft).map_err(|problems| {
        ApiError::invalid_fields(
            request.language,
            problems.into_iter().map(|p| (p.field.pointer(), p.code)),
        )
    })?;
    let stored = serde_json::to_string(&part).map_err(|_| ApiError::Internal)?;
    let answered_at = now();
    let _turn = state.db.write_turn().await;
    let updated = sqlx::query(
        "UPDATE partner_parts SET answered_at = $1, part = $2, request_hash = $3, language = $4 \
         WHERE application_id = $5 AND answered_at IS NULL",
    )
    .bind(&answered_at)
    .bind(&stored)
    .bind(&request_hash)
    .bind(request.language.code())
    .bind(opened.application)
    .execute(state.db.pool())
    .await
    .map_err(ApiError::database)?;
    if updated.rows_affected() == 0 {
        // Sent meanwhile, from another tab or a retry that overtook this one.
        let row = sqlx::query(
            "SELECT answered_at, request_hash FROM partner_parts WHERE application_id = $1",
        )
        .bind(opened.application)
        .fetch_one(state.db.pool())
        .await
        .map_err(ApiError::database)?;
        return replay(row.get("answered_at"), row.get("request_hash"))?.ok_or(ApiError::Internal);
    }
    tracing::info!("partner's part stored");
    Ok((StatusCode::CREATED, Json(receipt(answered_at))))
}

/// What is stored of one application's partner part.
struct Stored {
    invited_at: String,
    reminders: i64,
    last_invited_at: String,
    answered_at: Option<String>,
    part: Option<String>,
}

async fn stored(db: &Database, application: i64) -> Result<Option<Stored>, ApiError> {
    let row = sqlx::query(
        "SELECT invited_at, reminders, last_invited_at, answered_at, part FROM partner_parts \
         WHERE application_id = $1",
    )
    .bind(application)
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::database)?;
    Ok(row.map(|row| Stored {
        invited_at: row.get("invited_at"),
        reminders: row.get("reminders"),
        last_invited_at: row.get("last_invited_at"),
        answered_at: row.get("answered_at"),
        part: row.get("part"),
    }))
}

impl Stored {
    /// When the applicant may send the invitation again, if ever.
    fn reminder_from(&self) -> Option<String> {
        (self.answered_at.is_none() && self.reminders < MAX_REMINDERS)
            .then(|| after(&self.last_invited_at, REMINDER_INTERVAL_SECONDS))
            .flatten()
    }
}

/// The partner's progress for the applicant's status page.
pub(crate) async fn progress(
    db: &Database,
    application: i64,
) -> Result<Option<PartnerProgress>, ApiError> {
    Ok(stored(db, application).await?.map(|s| PartnerProgress {
        reminder_from: s.reminder_from(),
        invited_at: s.invited_at,
        answered_at: s.answered_at,
    }))
}

/// The partner's part for the counsellor's case.
pub(crate) async fn for_case(
    db: &Database,
    application: i64,
) -> Result<Option<CasePartner>, ApiError> {
    let Some(s) = stored(db, application).await? else {
        return Ok(None);
    };
    let part = match &s.part {
        Some(json) => {
            Some(serde_json::from_str::<PartnerPart>(json).map_err(|_| ApiError::Internal)?)
        }
        None => None,
    };
    Ok(Some(CasePartner {
        invited_at: s.invited_at,
        reminders: u32::try_from(s.reminders).unwrap_or(0),
        answered_at: s.answered_at,
        part,
    }))
}

/// `POST /api/applications/{token}/partner-reminder`: the applicant sends the invitation again
/// with a new link. 202; 429 with Retry-After before the hour is up; 409 once the part has
/// arrived or the reminders are spent; 404 for an application without a partner.
pub async fn remind(
    state: &AppState,
    application: i64,
) -> Result<(StatusCode, Json<ReminderSent>), ApiError> {
    let at = now();
    let _turn = state.db.write_turn().await;
    let Some(current) = stored(&state.db, application).await? else {
        return Err(ApiError::NotFound);
    };
    let Some(from) = current.reminder_from() else {
        return Err(if current.answered_at.is_some() {
            ApiError::PartnerPartReceived
        } else {
            ApiError::NoMoreReminders
        });
    };
    let wait = seconds_until(&from).unwrap_or(0);
    if wait > 0 {
        return Err(ApiError::TooManyRequests {
            retry_after: wait as u64,
        });
    }
    let row = sqlx::query("SELECT reference, answers FROM applications WHERE id = $1")
        .bind(application)
        .fetch_one(state.db.pool())
        .await
        .map_err(ApiError::database)?;
    let reference: String = row.get("reference");
    let answers: Application =
        serde_json::from_str(&row.get::<String, _>("answers")).map_err(|_| ApiError::Internal)?;
    let partner = answers
        .financial
        .and_then(|f| f.partner)
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
    let updated = sqlx::query(
        "UPDATE partner_parts SET reminders = reminders + 1, last_invited_at = $1 \
         WHERE application_id = $2 AND answered_at IS NULL AND reminders = $3",
    )
    .bind(&at)
    .bind(application)
    .bind(current.reminders)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::database)?;
    // Another instance sent one between the check and here.
    if updated.rows_affected() == 0 {
        return Err(ApiError::TooManyRequests {
            retry_after: REMINDER_INTERVAL_SECONDS as u64,
        });
    }
    let invitation = Invitation {
        email: &partner.email,
        language: answers.contact_language,
        reference: &reference,
        origin: &state.public_origin,
        at: &at,
    };
    send_link(&mut tx, application, &invitation, true)
        .await
        .map_err(ApiError::database)?;
    tx.commit().await.map_err(ApiError::database)?;
    let next_from = (current.reminders + 1 < MAX_REMINDERS)
        .then(|| after(&at, REMINDER_INTERVAL_SECONDS))
        .flatten();
    Ok((
        StatusCode::ACCEPTED,
        Json(ReminderSent {
            sent_at: at,
            next_from,
        }),
    ))
}
