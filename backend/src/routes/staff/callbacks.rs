//! The call-back queue: open requests of the counsellor's centres, oldest first, those with two
//! unanswered calls at the top as "try again".

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::StatusCode,
    response::IntoResponse,
};
use sqlx::Row;
use velferd_shared::{
    Language, ProblemCode, ServiceCentre,
    follow::Callback,
    staff::{CallbackRow, CallbackStatus, NewCallbackEvent},
};

use super::{Params, named, params};
use crate::{
    AppState,
    clock::now,
    db::{Database, Statement, from_stored_name, stored_name},
    error::{ApiError, ValidJson},
    staff::{
        audit::{self, Action},
        sessions::StaffSession,
    },
};

/// Unanswered calls after which a request is shown first, to be tried again.
pub const NO_ANSWERS_TO_TRY_AGAIN: i64 = 2;

/// Which requests to list: those with one status, every open one, or the one named.
enum Selection<'a> {
    Status(CallbackStatus),
    Open,
    Reference(&'a str),
}

async fn load(
    db: &Database,
    centres: &[ServiceCentre],
    selection: Selection<'_>,
) -> Result<Vec<CallbackRow>, ApiError> {
    if centres.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = Statement::new(
        "SELECT c.reference, c.centre, c.service, c.request, c.time_window, c.status, \
         c.requested_at, c.attempts, (SELECT COUNT(*) FROM callback_events e \
         WHERE e.callback_id = c.id AND e.status = 'no-answer') AS no_answers \
         FROM callbacks c WHERE c.centre IN (",
    );
    query.push_list(centres.iter().map(stored_name)).push(")");
    match selection {
        Selection::Status(status) => {
            query
                .push(" AND c.status = ")
                .push_bind(stored_name(&status));
        }
        Selection::Open => {
            query.push(" AND c.status <> 'done'");
        }
        Selection::Reference(reference) => {
            query
                .push(" AND c.reference = ")
                .push_bind(reference.to_owned());
        }
    }
    query.push(" ORDER BY c.requested_at, c.id");
    let mut rows = query
        .build()
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::database)?
        .iter()
        .map(|row| {
            let request: Callback =
                serde_json::from_str(row.get("request")).map_err(|_| ApiError::Internal)?;
            let status: CallbackStatus = from_stored_name(&row.get::<String, _>("status"))?;
            Ok(CallbackRow {
                reference: row.get("reference"),
                centre: from_stored_name(&row.get::<String, _>("centre"))?,
                service: request.service,
                status,
                phone: request.phone.to_string(),
                language: request.language,
                other_language: request.other_language,
                window: request.window,
                message: request.message,
                requested_at: row.get("requested_at"),
                attempts: row.get::<i64, _>("attempts") as u32,
                try_again: status == CallbackStatus::NoAnswer
                    && row.get::<i64, _>("no_answers") >= NO_ANSWERS_TO_TRY_AGAIN,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    // Stable: oldest first within each group.
    rows.sort_by_key(|row| !row.try_again);
    Ok(rows)
}

/// `GET /api/staff/callbacks?centre=&status=`: without a status, every request not yet done.
pub async fn queue(
    staff: StaffSession,
    State(state): State<AppState>,
    query: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Vec<CallbackRow>>, ApiError> {
    let params = params(query)?;
    let centre: Option<ServiceCentre> = named(&params, "centre")?;
    let centres: Vec<ServiceCentre> = staff
        .centres
        .iter()
        .copied()
        .filter(|c| centre.is_none_or(|wanted| wanted == *c))
        .collect();
    let selection = match named(&params, "status")? {
        Some(status) => Selection::Status(status),
        None => Selection::Open,
    };
    Ok(Json(load(&state.db, &centres, selection).await?))
}

/// `POST /api/staff/callbacks/{reference}/events` → 201 with the request as it now stands.
pub async fn add_event(
    staff: StaffSession,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ValidJson(event): ValidJson<NewCallbackEvent>,
) -> Result<impl IntoResponse, ApiError> {
    if event.status == CallbackStatus::Requested {
        return Err(ApiError::invalid_fields(
            Language::Is,
            [("/status".to_owned(), ProblemCode::StatusNotByStaff)],
        ));
    }
    let note = event
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(Err(code)) =
        note.map(|n| velferd_shared::validation::check_free_text(n, crate::cases::MAX_CASE_TEXT))
    {
        return Err(ApiError::invalid_fields(
            Language::Is,
            [("/note".to_owned(), code)],
        ));
    }
    let row = sqlx::query("SELECT id, centre FROM callbacks WHERE reference = $1")
        .bind(&reference)
        .fetch_optional(state.db.pool())
        .await
        .map_err(ApiError::database)?
        .ok_or(ApiError::NotFound)?;
    if !staff.works_for(from_stored_name(&row.get::<String, _>("centre"))?) {
        return Err(ApiError::NotFound);
    }
    let id: i64 = row.get("id");
    let tried = matches!(
        event.status,
        CallbackStatus::Called | CallbackStatus::NoAnswer
    );
    {
        let _turn = state.db.write_turn().await;
        let mut tx = state.db.pool().begin().await.map_err(ApiError::database)?;
        sqlx::query(
            "INSERT INTO callback_events (callback_id, status, note, staff_id, recorded_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(stored_name(&event.status))
        .bind(note)
        .bind(staff.id)
        .bind(now())
        .execute(&mut *tx)
        .await
        .map_err(ApiError::database)?;
        sqlx::query("UPDATE callbacks SET status = $1, attempts = attempts + $2 WHERE id = $3")
            .bind(stored_name(&event.status))
            .bind(i64::from(tried))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(ApiError::database)?;
        tx.commit().await.map_err(ApiError::database)?;
    }
    audit::record(
        &state.db,
        staff.id,
        Action::ChangedCallback,
        Some(&reference),
        staff.client,
    )
    .await?;
    let row = load(&state.db, &staff.centres, Selection::Reference(&reference))
        .await?
        .pop()
        .ok_or(ApiError::Internal)?;
    Ok((StatusCode::CREATED, Json(row)))
}
